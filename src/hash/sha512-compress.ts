/**
 * The SHA-512 compression function (FIPS 180-4 §6.4.2), the fast path shared by SHA-512 and
 * SHA-384 (sha512.ts streams and pads around it; sha512-reference.ts is the plain reference
 * it is tested against).
 *
 * Each 64-bit word is held as two 32-bit halves (hi, lo) in int32 numbers, because BigInt
 * arithmetic is far too slow for a hash. The 64-bit operations SHA-512 needs become:
 *
 *   ROTR^n(x), n < 32:   hi' = (hi >>> n) | (lo << 32 − n)      lo' = (lo >>> n) | (hi << 32 − n)
 *   ROTR^n(x), n > 32:   the same with the halves swapped first (ROTR^32 swaps them), by n − 32
 *   SHR^n(x),  n < 32:   hi' = hi >>> n                          lo' = (lo >>> n) | (hi << 32 − n)
 *   x + y + … mod 2^64:  the low halves are added as unsigned numbers (`>>> 0`) in a double,
 *                        which is exact below 2^53, so even six of them cannot lose a bit; the
 *                        carry into the high half is ⌊low sum / 2^32⌋, written
 *                        `(sum / 0x100000000) | 0`; the high halves plus that carry are reduced
 *                        mod 2^32 by `| 0`, and the low sum by `| 0` too
 *
 * Layout: the state H_0 … H_7 is an Int32Array of 16 numbers, H_j's high half at 2j and its
 * low half at 2j + 1. The message schedule W_0 … W_79 is two Int32Arrays of 80 numbers (WH
 * the high halves, WL the low halves), allocated once, when the module loads (JavaScript runs
 * one compression at a time, and nothing here calls out while it is in use). The message words
 * M_t^(i) are read big-endian (§3.1) straight from the caller's bytes through a DataView, with
 * no copy into a block buffer. The schedule for t ≥ 16 is computed eight words per loop
 * iteration, written out by test/hash/sha512-schedule.ts (a test checks the code between the
 * markers below against it). The eight working variables are sixteen locals; the round loop
 * is unrolled by eight with the roles renamed instead of moved (see step 3).
 *
 * Nothing here is secret-dependent in its control flow or memory access.
 */
import { K as K64 } from './sha512-constants.js';

/** A list of 64-bit constants as interleaved 32-bit halves: hi at 2j, lo at 2j + 1. */
export function halves(words: readonly bigint[]): Int32Array {
  const out = new Int32Array(2 * words.length);
  words.forEach((word, j) => {
    out[2 * j] = Number(word >> 32n) | 0;
    out[2 * j + 1] = Number(word & 0xffffffffn) | 0;
  });
  return out;
}

const K = halves(K64);

/** The message schedule W_0 … W_79: W_t's high half at WH[t], its low half at WL[t]. */
const WH = new Int32Array(80);
const WL = new Int32Array(80);

/**
 * Runs the compression function over the 128-byte blocks at [offset, end) of `view` in place
 * on `state` (H_0 … H_7 as 16 int32 halves). FIPS 180-4 §6.4.2 steps 1–4 per block.
 * `end − offset` must be a multiple of 128.
 */
export function compressBlocks(
  state: Int32Array,
  view: DataView,
  offset: number,
  end: number,
): void {
  for (; offset < end; offset += 128) {
    // Step 1, t = 0…15: W_t = M_t^(i), read big-endian as two 32-bit halves.
    for (let t = 0, i = offset; t < 16; t++, i += 8) {
      WH[t] = view.getInt32(i);
      WL[t] = view.getInt32(i + 4);
    }
    // Step 1, t = 16…79: W_t = σ1(W_t−2) + W_t−7 + σ0(W_t−15) + W_t−16, eight per iteration
    // (σ0 = ROTR^1 ⊕ ROTR^8 ⊕ SHR^7; σ1 = ROTR^19 ⊕ ROTR^61 ⊕ SHR^6, where ROTR^61 is ROTR^29
    // of the swapped halves). The low halves are summed as unsigned numbers in a double.
    for (let t = 16; t < 80; t += 8) {
      // BEGIN GENERATED SCHEDULE (test/hash/sha512-schedule.ts)
      // W_(t+0) = σ1(W_(t+0−2)) + W_(t+0−7) + σ0(W_(t+0−15)) + W_(t+0−16)
      const xh0 = WH[t - 15];
      const xl0 = WL[t - 15];
      const yh0 = WH[t - 2];
      const yl0 = WL[t - 2];
      const s1h0 = ((yh0 >>> 19) | (yl0 << 13)) ^ ((yl0 >>> 29) | (yh0 << 3));
      const s1l0 = ((yl0 >>> 19) | (yh0 << 13)) ^ ((yh0 >>> 29) | (yl0 << 3));
      const s0h0 = ((xh0 >>> 1) | (xl0 << 31)) ^ ((xh0 >>> 8) | (xl0 << 24));
      const s0l0 = ((xl0 >>> 1) | (xh0 << 31)) ^ ((xl0 >>> 8) | (xh0 << 24));
      const lo0 = ((s1l0 ^ ((yl0 >>> 6) | (yh0 << 26))) >>> 0) + (WL[t - 7] >>> 0);
      const low0 = lo0 + ((s0l0 ^ ((xl0 >>> 7) | (xh0 << 25))) >>> 0) + (WL[t - 16] >>> 0);
      const hi0 = (s1h0 ^ (yh0 >>> 6)) + WH[t - 7] + (s0h0 ^ (xh0 >>> 7)) + WH[t - 16];
      WH[t] = (hi0 + ((low0 / 0x100000000) | 0)) | 0;
      WL[t] = low0 | 0;
      // W_(t+1) = σ1(W_(t+1−2)) + W_(t+1−7) + σ0(W_(t+1−15)) + W_(t+1−16)
      const xh1 = WH[t - 14];
      const xl1 = WL[t - 14];
      const yh1 = WH[t - 1];
      const yl1 = WL[t - 1];
      const s1h1 = ((yh1 >>> 19) | (yl1 << 13)) ^ ((yl1 >>> 29) | (yh1 << 3));
      const s1l1 = ((yl1 >>> 19) | (yh1 << 13)) ^ ((yh1 >>> 29) | (yl1 << 3));
      const s0h1 = ((xh1 >>> 1) | (xl1 << 31)) ^ ((xh1 >>> 8) | (xl1 << 24));
      const s0l1 = ((xl1 >>> 1) | (xh1 << 31)) ^ ((xl1 >>> 8) | (xh1 << 24));
      const lo1 = ((s1l1 ^ ((yl1 >>> 6) | (yh1 << 26))) >>> 0) + (WL[t - 6] >>> 0);
      const low1 = lo1 + ((s0l1 ^ ((xl1 >>> 7) | (xh1 << 25))) >>> 0) + (WL[t - 15] >>> 0);
      const hi1 = (s1h1 ^ (yh1 >>> 6)) + WH[t - 6] + (s0h1 ^ (xh1 >>> 7)) + WH[t - 15];
      WH[t + 1] = (hi1 + ((low1 / 0x100000000) | 0)) | 0;
      WL[t + 1] = low1 | 0;
      // W_(t+2) = σ1(W_(t+2−2)) + W_(t+2−7) + σ0(W_(t+2−15)) + W_(t+2−16)
      const xh2 = WH[t - 13];
      const xl2 = WL[t - 13];
      const yh2 = WH[t];
      const yl2 = WL[t];
      const s1h2 = ((yh2 >>> 19) | (yl2 << 13)) ^ ((yl2 >>> 29) | (yh2 << 3));
      const s1l2 = ((yl2 >>> 19) | (yh2 << 13)) ^ ((yh2 >>> 29) | (yl2 << 3));
      const s0h2 = ((xh2 >>> 1) | (xl2 << 31)) ^ ((xh2 >>> 8) | (xl2 << 24));
      const s0l2 = ((xl2 >>> 1) | (xh2 << 31)) ^ ((xl2 >>> 8) | (xh2 << 24));
      const lo2 = ((s1l2 ^ ((yl2 >>> 6) | (yh2 << 26))) >>> 0) + (WL[t - 5] >>> 0);
      const low2 = lo2 + ((s0l2 ^ ((xl2 >>> 7) | (xh2 << 25))) >>> 0) + (WL[t - 14] >>> 0);
      const hi2 = (s1h2 ^ (yh2 >>> 6)) + WH[t - 5] + (s0h2 ^ (xh2 >>> 7)) + WH[t - 14];
      WH[t + 2] = (hi2 + ((low2 / 0x100000000) | 0)) | 0;
      WL[t + 2] = low2 | 0;
      // W_(t+3) = σ1(W_(t+3−2)) + W_(t+3−7) + σ0(W_(t+3−15)) + W_(t+3−16)
      const xh3 = WH[t - 12];
      const xl3 = WL[t - 12];
      const yh3 = WH[t + 1];
      const yl3 = WL[t + 1];
      const s1h3 = ((yh3 >>> 19) | (yl3 << 13)) ^ ((yl3 >>> 29) | (yh3 << 3));
      const s1l3 = ((yl3 >>> 19) | (yh3 << 13)) ^ ((yh3 >>> 29) | (yl3 << 3));
      const s0h3 = ((xh3 >>> 1) | (xl3 << 31)) ^ ((xh3 >>> 8) | (xl3 << 24));
      const s0l3 = ((xl3 >>> 1) | (xh3 << 31)) ^ ((xl3 >>> 8) | (xh3 << 24));
      const lo3 = ((s1l3 ^ ((yl3 >>> 6) | (yh3 << 26))) >>> 0) + (WL[t - 4] >>> 0);
      const low3 = lo3 + ((s0l3 ^ ((xl3 >>> 7) | (xh3 << 25))) >>> 0) + (WL[t - 13] >>> 0);
      const hi3 = (s1h3 ^ (yh3 >>> 6)) + WH[t - 4] + (s0h3 ^ (xh3 >>> 7)) + WH[t - 13];
      WH[t + 3] = (hi3 + ((low3 / 0x100000000) | 0)) | 0;
      WL[t + 3] = low3 | 0;
      // W_(t+4) = σ1(W_(t+4−2)) + W_(t+4−7) + σ0(W_(t+4−15)) + W_(t+4−16)
      const xh4 = WH[t - 11];
      const xl4 = WL[t - 11];
      const yh4 = WH[t + 2];
      const yl4 = WL[t + 2];
      const s1h4 = ((yh4 >>> 19) | (yl4 << 13)) ^ ((yl4 >>> 29) | (yh4 << 3));
      const s1l4 = ((yl4 >>> 19) | (yh4 << 13)) ^ ((yh4 >>> 29) | (yl4 << 3));
      const s0h4 = ((xh4 >>> 1) | (xl4 << 31)) ^ ((xh4 >>> 8) | (xl4 << 24));
      const s0l4 = ((xl4 >>> 1) | (xh4 << 31)) ^ ((xl4 >>> 8) | (xh4 << 24));
      const lo4 = ((s1l4 ^ ((yl4 >>> 6) | (yh4 << 26))) >>> 0) + (WL[t - 3] >>> 0);
      const low4 = lo4 + ((s0l4 ^ ((xl4 >>> 7) | (xh4 << 25))) >>> 0) + (WL[t - 12] >>> 0);
      const hi4 = (s1h4 ^ (yh4 >>> 6)) + WH[t - 3] + (s0h4 ^ (xh4 >>> 7)) + WH[t - 12];
      WH[t + 4] = (hi4 + ((low4 / 0x100000000) | 0)) | 0;
      WL[t + 4] = low4 | 0;
      // W_(t+5) = σ1(W_(t+5−2)) + W_(t+5−7) + σ0(W_(t+5−15)) + W_(t+5−16)
      const xh5 = WH[t - 10];
      const xl5 = WL[t - 10];
      const yh5 = WH[t + 3];
      const yl5 = WL[t + 3];
      const s1h5 = ((yh5 >>> 19) | (yl5 << 13)) ^ ((yl5 >>> 29) | (yh5 << 3));
      const s1l5 = ((yl5 >>> 19) | (yh5 << 13)) ^ ((yh5 >>> 29) | (yl5 << 3));
      const s0h5 = ((xh5 >>> 1) | (xl5 << 31)) ^ ((xh5 >>> 8) | (xl5 << 24));
      const s0l5 = ((xl5 >>> 1) | (xh5 << 31)) ^ ((xl5 >>> 8) | (xh5 << 24));
      const lo5 = ((s1l5 ^ ((yl5 >>> 6) | (yh5 << 26))) >>> 0) + (WL[t - 2] >>> 0);
      const low5 = lo5 + ((s0l5 ^ ((xl5 >>> 7) | (xh5 << 25))) >>> 0) + (WL[t - 11] >>> 0);
      const hi5 = (s1h5 ^ (yh5 >>> 6)) + WH[t - 2] + (s0h5 ^ (xh5 >>> 7)) + WH[t - 11];
      WH[t + 5] = (hi5 + ((low5 / 0x100000000) | 0)) | 0;
      WL[t + 5] = low5 | 0;
      // W_(t+6) = σ1(W_(t+6−2)) + W_(t+6−7) + σ0(W_(t+6−15)) + W_(t+6−16)
      const xh6 = WH[t - 9];
      const xl6 = WL[t - 9];
      const yh6 = WH[t + 4];
      const yl6 = WL[t + 4];
      const s1h6 = ((yh6 >>> 19) | (yl6 << 13)) ^ ((yl6 >>> 29) | (yh6 << 3));
      const s1l6 = ((yl6 >>> 19) | (yh6 << 13)) ^ ((yh6 >>> 29) | (yl6 << 3));
      const s0h6 = ((xh6 >>> 1) | (xl6 << 31)) ^ ((xh6 >>> 8) | (xl6 << 24));
      const s0l6 = ((xl6 >>> 1) | (xh6 << 31)) ^ ((xl6 >>> 8) | (xh6 << 24));
      const lo6 = ((s1l6 ^ ((yl6 >>> 6) | (yh6 << 26))) >>> 0) + (WL[t - 1] >>> 0);
      const low6 = lo6 + ((s0l6 ^ ((xl6 >>> 7) | (xh6 << 25))) >>> 0) + (WL[t - 10] >>> 0);
      const hi6 = (s1h6 ^ (yh6 >>> 6)) + WH[t - 1] + (s0h6 ^ (xh6 >>> 7)) + WH[t - 10];
      WH[t + 6] = (hi6 + ((low6 / 0x100000000) | 0)) | 0;
      WL[t + 6] = low6 | 0;
      // W_(t+7) = σ1(W_(t+7−2)) + W_(t+7−7) + σ0(W_(t+7−15)) + W_(t+7−16)
      const xh7 = WH[t - 8];
      const xl7 = WL[t - 8];
      const yh7 = WH[t + 5];
      const yl7 = WL[t + 5];
      const s1h7 = ((yh7 >>> 19) | (yl7 << 13)) ^ ((yl7 >>> 29) | (yh7 << 3));
      const s1l7 = ((yl7 >>> 19) | (yh7 << 13)) ^ ((yh7 >>> 29) | (yl7 << 3));
      const s0h7 = ((xh7 >>> 1) | (xl7 << 31)) ^ ((xh7 >>> 8) | (xl7 << 24));
      const s0l7 = ((xl7 >>> 1) | (xh7 << 31)) ^ ((xl7 >>> 8) | (xh7 << 24));
      const lo7 = ((s1l7 ^ ((yl7 >>> 6) | (yh7 << 26))) >>> 0) + (WL[t] >>> 0);
      const low7 = lo7 + ((s0l7 ^ ((xl7 >>> 7) | (xh7 << 25))) >>> 0) + (WL[t - 9] >>> 0);
      const hi7 = (s1h7 ^ (yh7 >>> 6)) + WH[t] + (s0h7 ^ (xh7 >>> 7)) + WH[t - 9];
      WH[t + 7] = (hi7 + ((low7 / 0x100000000) | 0)) | 0;
      WL[t + 7] = low7 | 0;
      // END GENERATED SCHEDULE
    }
    // Step 2: the working variables a…h from H^(i−1), as sixteen halves.
    let lo = 0;
    let ah = state[0],
      al = state[1],
      bh = state[2],
      bl = state[3],
      ch = state[4],
      cl = state[5],
      dh = state[6],
      dl = state[7];
    let eh = state[8],
      el = state[9],
      fh = state[10],
      fl = state[11],
      gh = state[12],
      gl = state[13],
      hh = state[14],
      hl = state[15];
    // Step 3, eight rounds per iteration. FIPS 180-4 moves every variable down one place per
    // round (h ← g, g ← f, …). Here only the two that get new values are written: round t
    // computes T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t, then d ← d + T1 (the new e) and
    // h ← T1 + Σ0(a) + Maj(a, b, c) (the new a). In the next round every role is played by the
    // variable one place along, (a, b, …, h) ← (h, a, …, g), so after eight rounds each name
    // holds its own role again. T1's halves are kept unreduced (the low half a sum of five
    // uint32 values, exact in a double) and reduced only inside the two additions that use it.
    // Two identities save operations: Ch(e, f, g) = g ⊕ (e ∧ (f ⊕ g)), and
    // Maj(a, b, c) = b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), where b ⊕ c is the previous round's a ⊕ b
    // (x and y hold them, alternately).
    let T1h = 0,
      T1l = 0,
      xh = 0,
      xl = 0,
      yh = bh ^ ch, // b ⊕ c for round 0
      yl = bl ^ cl;
    for (let t = 0; t < 80; t += 8) {
      // Round t + 0: (a, b, c, d, e, f, g, h) played by (a, b, c, d, e, f, g, h).
      // T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t, low halves (Σ1 = ROTR^14 ⊕ ROTR^18 ⊕ ROTR^41) …
      T1l =
        (hl >>> 0) +
        ((((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23))) >>>
          0) +
        ((gl ^ (el & (fl ^ gl))) >>> 0) +
        (K[2 * t + 1] >>> 0) +
        (WL[t + 0] >>> 0);
      // … and high halves, both unreduced.
      T1h =
        hh +
        (((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23))) +
        (gh ^ (eh & (fh ^ gh))) +
        K[2 * t + 0] +
        WH[t + 0];
      // d ← d + T1, reduced: the new e.
      lo = (dl >>> 0) + T1l;
      dh = (dh + T1h + ((lo / 0x100000000) | 0)) | 0;
      dl = lo | 0;
      // h ← T1 + Σ0(a) + Maj(a, b, c), reduced: the new a (Σ0 = ROTR^28 ⊕ ROTR^34 ⊕ ROTR^39).
      xh = ah ^ bh;
      xl = al ^ bl;
      lo =
        T1l +
        ((((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25))) >>>
          0) +
        ((bl ^ (xl & yl)) >>> 0);
      hh =
        (T1h +
          (((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25))) +
          (bh ^ (xh & yh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      hl = lo | 0;
      // Rounds t + 1 … t + 7: the same, with the roles moved one place along each time.
      // Round t + 1: (a, b, c, d, e, f, g, h) played by (h, a, b, c, d, e, f, g).
      T1l =
        (gl >>> 0) +
        ((((dl >>> 14) | (dh << 18)) ^ ((dl >>> 18) | (dh << 14)) ^ ((dh >>> 9) | (dl << 23))) >>>
          0) +
        ((fl ^ (dl & (el ^ fl))) >>> 0) +
        (K[2 * t + 3] >>> 0) +
        (WL[t + 1] >>> 0);
      T1h =
        gh +
        (((dh >>> 14) | (dl << 18)) ^ ((dh >>> 18) | (dl << 14)) ^ ((dl >>> 9) | (dh << 23))) +
        (fh ^ (dh & (eh ^ fh))) +
        K[2 * t + 2] +
        WH[t + 1];
      lo = (cl >>> 0) + T1l;
      ch = (ch + T1h + ((lo / 0x100000000) | 0)) | 0;
      cl = lo | 0;
      yh = hh ^ ah;
      yl = hl ^ al;
      lo =
        T1l +
        ((((hl >>> 28) | (hh << 4)) ^ ((hh >>> 2) | (hl << 30)) ^ ((hh >>> 7) | (hl << 25))) >>>
          0) +
        ((al ^ (yl & xl)) >>> 0);
      gh =
        (T1h +
          (((hh >>> 28) | (hl << 4)) ^ ((hl >>> 2) | (hh << 30)) ^ ((hl >>> 7) | (hh << 25))) +
          (ah ^ (yh & xh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      gl = lo | 0;
      // Round t + 2: (a, b, c, d, e, f, g, h) played by (g, h, a, b, c, d, e, f).
      T1l =
        (fl >>> 0) +
        ((((cl >>> 14) | (ch << 18)) ^ ((cl >>> 18) | (ch << 14)) ^ ((ch >>> 9) | (cl << 23))) >>>
          0) +
        ((el ^ (cl & (dl ^ el))) >>> 0) +
        (K[2 * t + 5] >>> 0) +
        (WL[t + 2] >>> 0);
      T1h =
        fh +
        (((ch >>> 14) | (cl << 18)) ^ ((ch >>> 18) | (cl << 14)) ^ ((cl >>> 9) | (ch << 23))) +
        (eh ^ (ch & (dh ^ eh))) +
        K[2 * t + 4] +
        WH[t + 2];
      lo = (bl >>> 0) + T1l;
      bh = (bh + T1h + ((lo / 0x100000000) | 0)) | 0;
      bl = lo | 0;
      xh = gh ^ hh;
      xl = gl ^ hl;
      lo =
        T1l +
        ((((gl >>> 28) | (gh << 4)) ^ ((gh >>> 2) | (gl << 30)) ^ ((gh >>> 7) | (gl << 25))) >>>
          0) +
        ((hl ^ (xl & yl)) >>> 0);
      fh =
        (T1h +
          (((gh >>> 28) | (gl << 4)) ^ ((gl >>> 2) | (gh << 30)) ^ ((gl >>> 7) | (gh << 25))) +
          (hh ^ (xh & yh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      fl = lo | 0;
      // Round t + 3: (a, b, c, d, e, f, g, h) played by (f, g, h, a, b, c, d, e).
      T1l =
        (el >>> 0) +
        ((((bl >>> 14) | (bh << 18)) ^ ((bl >>> 18) | (bh << 14)) ^ ((bh >>> 9) | (bl << 23))) >>>
          0) +
        ((dl ^ (bl & (cl ^ dl))) >>> 0) +
        (K[2 * t + 7] >>> 0) +
        (WL[t + 3] >>> 0);
      T1h =
        eh +
        (((bh >>> 14) | (bl << 18)) ^ ((bh >>> 18) | (bl << 14)) ^ ((bl >>> 9) | (bh << 23))) +
        (dh ^ (bh & (ch ^ dh))) +
        K[2 * t + 6] +
        WH[t + 3];
      lo = (al >>> 0) + T1l;
      ah = (ah + T1h + ((lo / 0x100000000) | 0)) | 0;
      al = lo | 0;
      yh = fh ^ gh;
      yl = fl ^ gl;
      lo =
        T1l +
        ((((fl >>> 28) | (fh << 4)) ^ ((fh >>> 2) | (fl << 30)) ^ ((fh >>> 7) | (fl << 25))) >>>
          0) +
        ((gl ^ (yl & xl)) >>> 0);
      eh =
        (T1h +
          (((fh >>> 28) | (fl << 4)) ^ ((fl >>> 2) | (fh << 30)) ^ ((fl >>> 7) | (fh << 25))) +
          (gh ^ (yh & xh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      el = lo | 0;
      // Round t + 4: (a, b, c, d, e, f, g, h) played by (e, f, g, h, a, b, c, d).
      T1l =
        (dl >>> 0) +
        ((((al >>> 14) | (ah << 18)) ^ ((al >>> 18) | (ah << 14)) ^ ((ah >>> 9) | (al << 23))) >>>
          0) +
        ((cl ^ (al & (bl ^ cl))) >>> 0) +
        (K[2 * t + 9] >>> 0) +
        (WL[t + 4] >>> 0);
      T1h =
        dh +
        (((ah >>> 14) | (al << 18)) ^ ((ah >>> 18) | (al << 14)) ^ ((al >>> 9) | (ah << 23))) +
        (ch ^ (ah & (bh ^ ch))) +
        K[2 * t + 8] +
        WH[t + 4];
      lo = (hl >>> 0) + T1l;
      hh = (hh + T1h + ((lo / 0x100000000) | 0)) | 0;
      hl = lo | 0;
      xh = eh ^ fh;
      xl = el ^ fl;
      lo =
        T1l +
        ((((el >>> 28) | (eh << 4)) ^ ((eh >>> 2) | (el << 30)) ^ ((eh >>> 7) | (el << 25))) >>>
          0) +
        ((fl ^ (xl & yl)) >>> 0);
      dh =
        (T1h +
          (((eh >>> 28) | (el << 4)) ^ ((el >>> 2) | (eh << 30)) ^ ((el >>> 7) | (eh << 25))) +
          (fh ^ (xh & yh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      dl = lo | 0;
      // Round t + 5: (a, b, c, d, e, f, g, h) played by (d, e, f, g, h, a, b, c).
      T1l =
        (cl >>> 0) +
        ((((hl >>> 14) | (hh << 18)) ^ ((hl >>> 18) | (hh << 14)) ^ ((hh >>> 9) | (hl << 23))) >>>
          0) +
        ((bl ^ (hl & (al ^ bl))) >>> 0) +
        (K[2 * t + 11] >>> 0) +
        (WL[t + 5] >>> 0);
      T1h =
        ch +
        (((hh >>> 14) | (hl << 18)) ^ ((hh >>> 18) | (hl << 14)) ^ ((hl >>> 9) | (hh << 23))) +
        (bh ^ (hh & (ah ^ bh))) +
        K[2 * t + 10] +
        WH[t + 5];
      lo = (gl >>> 0) + T1l;
      gh = (gh + T1h + ((lo / 0x100000000) | 0)) | 0;
      gl = lo | 0;
      yh = dh ^ eh;
      yl = dl ^ el;
      lo =
        T1l +
        ((((dl >>> 28) | (dh << 4)) ^ ((dh >>> 2) | (dl << 30)) ^ ((dh >>> 7) | (dl << 25))) >>>
          0) +
        ((el ^ (yl & xl)) >>> 0);
      ch =
        (T1h +
          (((dh >>> 28) | (dl << 4)) ^ ((dl >>> 2) | (dh << 30)) ^ ((dl >>> 7) | (dh << 25))) +
          (eh ^ (yh & xh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      cl = lo | 0;
      // Round t + 6: (a, b, c, d, e, f, g, h) played by (c, d, e, f, g, h, a, b).
      T1l =
        (bl >>> 0) +
        ((((gl >>> 14) | (gh << 18)) ^ ((gl >>> 18) | (gh << 14)) ^ ((gh >>> 9) | (gl << 23))) >>>
          0) +
        ((al ^ (gl & (hl ^ al))) >>> 0) +
        (K[2 * t + 13] >>> 0) +
        (WL[t + 6] >>> 0);
      T1h =
        bh +
        (((gh >>> 14) | (gl << 18)) ^ ((gh >>> 18) | (gl << 14)) ^ ((gl >>> 9) | (gh << 23))) +
        (ah ^ (gh & (hh ^ ah))) +
        K[2 * t + 12] +
        WH[t + 6];
      lo = (fl >>> 0) + T1l;
      fh = (fh + T1h + ((lo / 0x100000000) | 0)) | 0;
      fl = lo | 0;
      xh = ch ^ dh;
      xl = cl ^ dl;
      lo =
        T1l +
        ((((cl >>> 28) | (ch << 4)) ^ ((ch >>> 2) | (cl << 30)) ^ ((ch >>> 7) | (cl << 25))) >>>
          0) +
        ((dl ^ (xl & yl)) >>> 0);
      bh =
        (T1h +
          (((ch >>> 28) | (cl << 4)) ^ ((cl >>> 2) | (ch << 30)) ^ ((cl >>> 7) | (ch << 25))) +
          (dh ^ (xh & yh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      bl = lo | 0;
      // Round t + 7: (a, b, c, d, e, f, g, h) played by (b, c, d, e, f, g, h, a).
      T1l =
        (al >>> 0) +
        ((((fl >>> 14) | (fh << 18)) ^ ((fl >>> 18) | (fh << 14)) ^ ((fh >>> 9) | (fl << 23))) >>>
          0) +
        ((hl ^ (fl & (gl ^ hl))) >>> 0) +
        (K[2 * t + 15] >>> 0) +
        (WL[t + 7] >>> 0);
      T1h =
        ah +
        (((fh >>> 14) | (fl << 18)) ^ ((fh >>> 18) | (fl << 14)) ^ ((fl >>> 9) | (fh << 23))) +
        (hh ^ (fh & (gh ^ hh))) +
        K[2 * t + 14] +
        WH[t + 7];
      lo = (el >>> 0) + T1l;
      eh = (eh + T1h + ((lo / 0x100000000) | 0)) | 0;
      el = lo | 0;
      yh = bh ^ ch;
      yl = bl ^ cl;
      lo =
        T1l +
        ((((bl >>> 28) | (bh << 4)) ^ ((bh >>> 2) | (bl << 30)) ^ ((bh >>> 7) | (bl << 25))) >>>
          0) +
        ((cl ^ (yl & xl)) >>> 0);
      ah =
        (T1h +
          (((bh >>> 28) | (bl << 4)) ^ ((bl >>> 2) | (bh << 30)) ^ ((bl >>> 7) | (bh << 25))) +
          (ch ^ (yh & xh)) +
          ((lo / 0x100000000) | 0)) |
        0;
      al = lo | 0;
    }
    // Step 4: H^(i) = H^(i−1) + working variables, each a 64-bit addition.
    lo = (state[1] >>> 0) + (al >>> 0);
    state[0] = (state[0] + ah + ((lo / 0x100000000) | 0)) | 0;
    state[1] = lo | 0;
    lo = (state[3] >>> 0) + (bl >>> 0);
    state[2] = (state[2] + bh + ((lo / 0x100000000) | 0)) | 0;
    state[3] = lo | 0;
    lo = (state[5] >>> 0) + (cl >>> 0);
    state[4] = (state[4] + ch + ((lo / 0x100000000) | 0)) | 0;
    state[5] = lo | 0;
    lo = (state[7] >>> 0) + (dl >>> 0);
    state[6] = (state[6] + dh + ((lo / 0x100000000) | 0)) | 0;
    state[7] = lo | 0;
    lo = (state[9] >>> 0) + (el >>> 0);
    state[8] = (state[8] + eh + ((lo / 0x100000000) | 0)) | 0;
    state[9] = lo | 0;
    lo = (state[11] >>> 0) + (fl >>> 0);
    state[10] = (state[10] + fh + ((lo / 0x100000000) | 0)) | 0;
    state[11] = lo | 0;
    lo = (state[13] >>> 0) + (gl >>> 0);
    state[12] = (state[12] + gh + ((lo / 0x100000000) | 0)) | 0;
    state[13] = lo | 0;
    lo = (state[15] >>> 0) + (hl >>> 0);
    state[14] = (state[14] + hh + ((lo / 0x100000000) | 0)) | 0;
    state[15] = lo | 0;
  }
}
