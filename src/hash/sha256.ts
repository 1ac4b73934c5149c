/**
 * SHA-256 (FIPS 180-4 §6.2), one-shot and streaming.
 *
 * The compression function here is the fast path: the same computation as the plain
 * reference in sha256-reference.ts (which test/hash/sha256.test.ts checks it against), with
 * three changes that matter for speed in JavaScript:
 *   - words live in int32 locals (`| 0` instead of `>>> 0`; the bits are the same),
 *   - the message schedule is a rolling window of sixteen locals w0…w15 (W_t lives in
 *     w_(t mod 16)), advanced in place after every sixteen rounds,
 *   - the round loop is unrolled by 16 with the working variables a…h renamed instead of
 *     moved, so each round updates just two of them (d and h): FIPS 180-4 §6.2.2 step 3
 *     read sixteen rounds at a time.
 * (docs/measurements.md compares it with a 64-entry schedule array and eight rounds per
 * iteration.) The plain reference is kept for reading; tests run both.
 *
 * Message length: tracked in bytes as a double (exact to 2^53 bytes) and written as the
 * 64-bit bit-length ℓ in two 32-bit halves, so lengths past 2^32 bits (512 MiB) are right.
 *
 * Not constant time in the message length (no hash is), and nothing here is secret-
 * dependent in its control flow or memory access.
 */
import { assertBytes } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';
import type { Hash, HashFunction } from './hash.js';
import { H0, K as KArray } from './sha256-constants.js';

const K = Int32Array.from(KArray);
/** H^(0) as int32 words; each computation starts from a copy. */
const IV = Int32Array.from(H0);

/**
 * Runs the compression function over the 64-byte blocks data[offset … end) in place on
 * `state` (H_0…H_7 as int32). FIPS 180-4 §6.2.2 steps 1–4 per block.
 */
function compressBlocks(state: Int32Array, data: Uint8Array, offset: number, end: number): void {
  let H0 = state[0],
    H1 = state[1],
    H2 = state[2],
    H3 = state[3];
  let H4 = state[4],
    H5 = state[5],
    H6 = state[6],
    H7 = state[7];
  for (; offset < end; offset += 64) {
    // Step 1, t = 0…15: W_t = M_t^(i), read big-endian, kept in the locals w0…w15.
    let w0 =
      (data[offset + 0] << 24) |
      (data[offset + 1] << 16) |
      (data[offset + 2] << 8) |
      data[offset + 3];
    let w1 =
      (data[offset + 4] << 24) |
      (data[offset + 5] << 16) |
      (data[offset + 6] << 8) |
      data[offset + 7];
    let w2 =
      (data[offset + 8] << 24) |
      (data[offset + 9] << 16) |
      (data[offset + 10] << 8) |
      data[offset + 11];
    let w3 =
      (data[offset + 12] << 24) |
      (data[offset + 13] << 16) |
      (data[offset + 14] << 8) |
      data[offset + 15];
    let w4 =
      (data[offset + 16] << 24) |
      (data[offset + 17] << 16) |
      (data[offset + 18] << 8) |
      data[offset + 19];
    let w5 =
      (data[offset + 20] << 24) |
      (data[offset + 21] << 16) |
      (data[offset + 22] << 8) |
      data[offset + 23];
    let w6 =
      (data[offset + 24] << 24) |
      (data[offset + 25] << 16) |
      (data[offset + 26] << 8) |
      data[offset + 27];
    let w7 =
      (data[offset + 28] << 24) |
      (data[offset + 29] << 16) |
      (data[offset + 30] << 8) |
      data[offset + 31];
    let w8 =
      (data[offset + 32] << 24) |
      (data[offset + 33] << 16) |
      (data[offset + 34] << 8) |
      data[offset + 35];
    let w9 =
      (data[offset + 36] << 24) |
      (data[offset + 37] << 16) |
      (data[offset + 38] << 8) |
      data[offset + 39];
    let w10 =
      (data[offset + 40] << 24) |
      (data[offset + 41] << 16) |
      (data[offset + 42] << 8) |
      data[offset + 43];
    let w11 =
      (data[offset + 44] << 24) |
      (data[offset + 45] << 16) |
      (data[offset + 46] << 8) |
      data[offset + 47];
    let w12 =
      (data[offset + 48] << 24) |
      (data[offset + 49] << 16) |
      (data[offset + 50] << 8) |
      data[offset + 51];
    let w13 =
      (data[offset + 52] << 24) |
      (data[offset + 53] << 16) |
      (data[offset + 54] << 8) |
      data[offset + 55];
    let w14 =
      (data[offset + 56] << 24) |
      (data[offset + 57] << 16) |
      (data[offset + 58] << 8) |
      data[offset + 59];
    let w15 =
      (data[offset + 60] << 24) |
      (data[offset + 61] << 16) |
      (data[offset + 62] << 8) |
      data[offset + 63];
    // Step 2.
    let a = H0,
      b = H1,
      c = H2,
      d = H3,
      e = H4,
      f = H5,
      g = H6,
      h = H7;
    // Step 3, sixteen rounds per iteration. In round t the roles a…h are played by the
    // variables rotated by t mod 8, so each round writes only two of them:
    //   T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t;  d ← d + T1;  h ← T1 + Σ0(a) + Maj(a, b, c).
    // w_(t mod 16) holds W_t; after each group of sixteen the schedule advances in place.
    for (let t = 0; t < 64; t += 16) {
      h =
        (h +
          (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & f) ^ (~e & g)) +
          K[t + 0] +
          w0) |
        0;
      d = (d + h) | 0;
      h =
        (h +
          (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
          ((a & b) ^ (a & c) ^ (b & c))) |
        0;
      g =
        (g +
          (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) +
          ((d & e) ^ (~d & f)) +
          K[t + 1] +
          w1) |
        0;
      c = (c + g) | 0;
      g =
        (g +
          (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
          ((h & a) ^ (h & b) ^ (a & b))) |
        0;
      f =
        (f +
          (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) +
          ((c & d) ^ (~c & e)) +
          K[t + 2] +
          w2) |
        0;
      b = (b + f) | 0;
      f =
        (f +
          (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
          ((g & h) ^ (g & a) ^ (h & a))) |
        0;
      e =
        (e +
          (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) +
          ((b & c) ^ (~b & d)) +
          K[t + 3] +
          w3) |
        0;
      a = (a + e) | 0;
      e =
        (e +
          (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
          ((f & g) ^ (f & h) ^ (g & h))) |
        0;
      d =
        (d +
          (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) +
          ((a & b) ^ (~a & c)) +
          K[t + 4] +
          w4) |
        0;
      h = (h + d) | 0;
      d =
        (d +
          (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
          ((e & f) ^ (e & g) ^ (f & g))) |
        0;
      c =
        (c +
          (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) +
          ((h & a) ^ (~h & b)) +
          K[t + 5] +
          w5) |
        0;
      g = (g + c) | 0;
      c =
        (c +
          (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
          ((d & e) ^ (d & f) ^ (e & f))) |
        0;
      b =
        (b +
          (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) +
          ((g & h) ^ (~g & a)) +
          K[t + 6] +
          w6) |
        0;
      f = (f + b) | 0;
      b =
        (b +
          (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
          ((c & d) ^ (c & e) ^ (d & e))) |
        0;
      a =
        (a +
          (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) +
          ((f & g) ^ (~f & h)) +
          K[t + 7] +
          w7) |
        0;
      e = (e + a) | 0;
      a =
        (a +
          (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
          ((b & c) ^ (b & d) ^ (c & d))) |
        0;
      h =
        (h +
          (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & f) ^ (~e & g)) +
          K[t + 8] +
          w8) |
        0;
      d = (d + h) | 0;
      h =
        (h +
          (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
          ((a & b) ^ (a & c) ^ (b & c))) |
        0;
      g =
        (g +
          (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) +
          ((d & e) ^ (~d & f)) +
          K[t + 9] +
          w9) |
        0;
      c = (c + g) | 0;
      g =
        (g +
          (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
          ((h & a) ^ (h & b) ^ (a & b))) |
        0;
      f =
        (f +
          (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) +
          ((c & d) ^ (~c & e)) +
          K[t + 10] +
          w10) |
        0;
      b = (b + f) | 0;
      f =
        (f +
          (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
          ((g & h) ^ (g & a) ^ (h & a))) |
        0;
      e =
        (e +
          (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) +
          ((b & c) ^ (~b & d)) +
          K[t + 11] +
          w11) |
        0;
      a = (a + e) | 0;
      e =
        (e +
          (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
          ((f & g) ^ (f & h) ^ (g & h))) |
        0;
      d =
        (d +
          (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) +
          ((a & b) ^ (~a & c)) +
          K[t + 12] +
          w12) |
        0;
      h = (h + d) | 0;
      d =
        (d +
          (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
          ((e & f) ^ (e & g) ^ (f & g))) |
        0;
      c =
        (c +
          (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) +
          ((h & a) ^ (~h & b)) +
          K[t + 13] +
          w13) |
        0;
      g = (g + c) | 0;
      c =
        (c +
          (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
          ((d & e) ^ (d & f) ^ (e & f))) |
        0;
      b =
        (b +
          (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) +
          ((g & h) ^ (~g & a)) +
          K[t + 14] +
          w14) |
        0;
      f = (f + b) | 0;
      b =
        (b +
          (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
          ((c & d) ^ (c & e) ^ (d & e))) |
        0;
      a =
        (a +
          (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) +
          ((f & g) ^ (~f & h)) +
          K[t + 15] +
          w15) |
        0;
      e = (e + a) | 0;
      a =
        (a +
          (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
          ((b & c) ^ (b & d) ^ (c & d))) |
        0;
      if (t === 48) break;
      // Step 1, t = 16…63, sixteen at a time: W_t = σ1(W_t−2) + W_t−7 + σ0(W_t−15) + W_t−16.
      w0 =
        (w0 +
          (((w14 >>> 17) | (w14 << 15)) ^ ((w14 >>> 19) | (w14 << 13)) ^ (w14 >>> 10)) +
          w9 +
          (((w1 >>> 7) | (w1 << 25)) ^ ((w1 >>> 18) | (w1 << 14)) ^ (w1 >>> 3))) |
        0;
      w1 =
        (w1 +
          (((w15 >>> 17) | (w15 << 15)) ^ ((w15 >>> 19) | (w15 << 13)) ^ (w15 >>> 10)) +
          w10 +
          (((w2 >>> 7) | (w2 << 25)) ^ ((w2 >>> 18) | (w2 << 14)) ^ (w2 >>> 3))) |
        0;
      w2 =
        (w2 +
          (((w0 >>> 17) | (w0 << 15)) ^ ((w0 >>> 19) | (w0 << 13)) ^ (w0 >>> 10)) +
          w11 +
          (((w3 >>> 7) | (w3 << 25)) ^ ((w3 >>> 18) | (w3 << 14)) ^ (w3 >>> 3))) |
        0;
      w3 =
        (w3 +
          (((w1 >>> 17) | (w1 << 15)) ^ ((w1 >>> 19) | (w1 << 13)) ^ (w1 >>> 10)) +
          w12 +
          (((w4 >>> 7) | (w4 << 25)) ^ ((w4 >>> 18) | (w4 << 14)) ^ (w4 >>> 3))) |
        0;
      w4 =
        (w4 +
          (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)) +
          w13 +
          (((w5 >>> 7) | (w5 << 25)) ^ ((w5 >>> 18) | (w5 << 14)) ^ (w5 >>> 3))) |
        0;
      w5 =
        (w5 +
          (((w3 >>> 17) | (w3 << 15)) ^ ((w3 >>> 19) | (w3 << 13)) ^ (w3 >>> 10)) +
          w14 +
          (((w6 >>> 7) | (w6 << 25)) ^ ((w6 >>> 18) | (w6 << 14)) ^ (w6 >>> 3))) |
        0;
      w6 =
        (w6 +
          (((w4 >>> 17) | (w4 << 15)) ^ ((w4 >>> 19) | (w4 << 13)) ^ (w4 >>> 10)) +
          w15 +
          (((w7 >>> 7) | (w7 << 25)) ^ ((w7 >>> 18) | (w7 << 14)) ^ (w7 >>> 3))) |
        0;
      w7 =
        (w7 +
          (((w5 >>> 17) | (w5 << 15)) ^ ((w5 >>> 19) | (w5 << 13)) ^ (w5 >>> 10)) +
          w0 +
          (((w8 >>> 7) | (w8 << 25)) ^ ((w8 >>> 18) | (w8 << 14)) ^ (w8 >>> 3))) |
        0;
      w8 =
        (w8 +
          (((w6 >>> 17) | (w6 << 15)) ^ ((w6 >>> 19) | (w6 << 13)) ^ (w6 >>> 10)) +
          w1 +
          (((w9 >>> 7) | (w9 << 25)) ^ ((w9 >>> 18) | (w9 << 14)) ^ (w9 >>> 3))) |
        0;
      w9 =
        (w9 +
          (((w7 >>> 17) | (w7 << 15)) ^ ((w7 >>> 19) | (w7 << 13)) ^ (w7 >>> 10)) +
          w2 +
          (((w10 >>> 7) | (w10 << 25)) ^ ((w10 >>> 18) | (w10 << 14)) ^ (w10 >>> 3))) |
        0;
      w10 =
        (w10 +
          (((w8 >>> 17) | (w8 << 15)) ^ ((w8 >>> 19) | (w8 << 13)) ^ (w8 >>> 10)) +
          w3 +
          (((w11 >>> 7) | (w11 << 25)) ^ ((w11 >>> 18) | (w11 << 14)) ^ (w11 >>> 3))) |
        0;
      w11 =
        (w11 +
          (((w9 >>> 17) | (w9 << 15)) ^ ((w9 >>> 19) | (w9 << 13)) ^ (w9 >>> 10)) +
          w4 +
          (((w12 >>> 7) | (w12 << 25)) ^ ((w12 >>> 18) | (w12 << 14)) ^ (w12 >>> 3))) |
        0;
      w12 =
        (w12 +
          (((w10 >>> 17) | (w10 << 15)) ^ ((w10 >>> 19) | (w10 << 13)) ^ (w10 >>> 10)) +
          w5 +
          (((w13 >>> 7) | (w13 << 25)) ^ ((w13 >>> 18) | (w13 << 14)) ^ (w13 >>> 3))) |
        0;
      w13 =
        (w13 +
          (((w11 >>> 17) | (w11 << 15)) ^ ((w11 >>> 19) | (w11 << 13)) ^ (w11 >>> 10)) +
          w6 +
          (((w14 >>> 7) | (w14 << 25)) ^ ((w14 >>> 18) | (w14 << 14)) ^ (w14 >>> 3))) |
        0;
      w14 =
        (w14 +
          (((w12 >>> 17) | (w12 << 15)) ^ ((w12 >>> 19) | (w12 << 13)) ^ (w12 >>> 10)) +
          w7 +
          (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3))) |
        0;
      w15 =
        (w15 +
          (((w13 >>> 17) | (w13 << 15)) ^ ((w13 >>> 19) | (w13 << 13)) ^ (w13 >>> 10)) +
          w8 +
          (((w0 >>> 7) | (w0 << 25)) ^ ((w0 >>> 18) | (w0 << 14)) ^ (w0 >>> 3))) |
        0;
    }
    // Step 4: H^(i) = H^(i−1) + working variables.
    H0 = (H0 + a) | 0;
    H1 = (H1 + b) | 0;
    H2 = (H2 + c) | 0;
    H3 = (H3 + d) | 0;
    H4 = (H4 + e) | 0;
    H5 = (H5 + f) | 0;
    H6 = (H6 + g) | 0;
    H7 = (H7 + h) | 0;
  }
  state[0] = H0;
  state[1] = H1;
  state[2] = H2;
  state[3] = H3;
  state[4] = H4;
  state[5] = H5;
  state[6] = H6;
  state[7] = H7;
}

/** The streaming state of SHA-256. */
class Sha256 implements Hash {
  private readonly state = IV.slice();
  /** The partial block not yet compressed. */
  private readonly buffer = new Uint8Array(64);
  private buffered = 0;
  /** Total message length in bytes so far. */
  private length = 0;
  private finished = false;

  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    if (this.finished) throw new CryptoError('INVALID_STATE', 'sha256: update() after digest()');
    let offset = 0;
    const n = data.length;
    this.length += n;
    if (this.buffered > 0) {
      const take = Math.min(64 - this.buffered, n);
      this.buffer.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      offset = take;
      if (this.buffered < 64) return this;
      compressBlocks(this.state, this.buffer, 0, 64);
      this.buffered = 0;
    }
    const whole = offset + ((n - offset) & ~63);
    if (whole > offset) compressBlocks(this.state, data, offset, whole);
    if (whole < n) {
      this.buffer.set(data.subarray(whole), 0);
      this.buffered = n - whole;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new CryptoError('INVALID_STATE', 'sha256: digest() called twice');
    this.finished = true;
    return finish(this.state, this.buffer, this.buffered, this.length);
  }

  clone(): Sha256 {
    if (this.finished) throw new CryptoError('INVALID_STATE', 'sha256: clone() after digest()');
    const copy = new Sha256();
    copy.state.set(this.state);
    copy.buffer.set(this.buffer);
    copy.buffered = this.buffered;
    copy.length = this.length;
    return copy;
  }
}

/**
 * Pads and compresses the last partial block (FIPS 180-4 §5.1.1: append the bit 1, then
 * zeros, then ℓ = 8·length as 64 bits big-endian) and returns H^(N) as bytes.
 * `block` holds the `buffered` bytes not yet compressed, and may be overwritten.
 */
function finish(
  state: Int32Array,
  block: Uint8Array,
  buffered: number,
  length: number,
): Uint8Array {
  let i = buffered;
  block[i++] = 0x80;
  if (i > 56) {
    block.fill(0, i);
    compressBlocks(state, block, 0, 64);
    i = 0;
  }
  for (let j = i; j < 56; j++) block[j] = 0;
  writeWord(block, 56, Math.floor(length / 0x20000000)); // the top 32 bits of ℓ
  writeWord(block, 60, (length * 8) >>> 0); // … and the low 32 bits (exact: length < 2^53)
  compressBlocks(state, block, 0, 64);
  const out = new Uint8Array(32);
  for (let j = 0; j < 8; j++) writeWord(out, 4 * j, state[j]);
  return out;
}

function writeWord(out: Uint8Array, offset: number, word: number): void {
  out[offset] = word >>> 24;
  out[offset + 1] = word >>> 16;
  out[offset + 2] = word >>> 8;
  out[offset + 3] = word;
}

/**
 * @internal The state after compressing one 64-byte block from H^(0): HMAC's keyed state
 * H(K0 ⊕ ipad …) before any message (used by the HMAC-SHA256 fast path in src/mac/hmac.ts).
 */
export function sha256StateAfterBlock(block: Uint8Array): Int32Array {
  const state = IV.slice();
  compressBlocks(state, block, 0, 64);
  return state;
}

/**
 * @internal Finishes SHA-256 of prefix ‖ data, given the state after a prefix of
 * `prefixLength` bytes (a multiple of 64); `state` itself is left unchanged.
 */
export function sha256FromState(
  state: Int32Array,
  prefixLength: number,
  data: Uint8Array,
): Uint8Array {
  const working = state.slice();
  const whole = data.length - (data.length & 63);
  compressBlocks(working, data, 0, whole);
  const block = new Uint8Array(64);
  for (let i = whole; i < data.length; i++) block[i - whole] = data[i];
  return finish(working, block, data.length - whole, prefixLength + data.length);
}

/**
 * SHA-256 of `data` (FIPS 180-4).
 *
 * @param data - the message, any length
 * @returns a fresh 32-byte digest
 * @throws TypeError when `data` is not a Uint8Array
 * @example
 * bytesToHex(sha256(utf8ToBytes('abc')))
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * const h = sha256.create(); h.update(part1).update(part2); h.digest();
 */
function sha256OneShot(data: Uint8Array): Uint8Array {
  assertBytes(data, 'data');
  const state = IV.slice();
  const whole = data.length - (data.length & 63);
  compressBlocks(state, data, 0, whole);
  const block = new Uint8Array(64);
  for (let i = whole; i < data.length; i++) block[i - whole] = data[i];
  return finish(state, block, data.length - whole, data.length);
}

export const sha256: HashFunction = Object.assign(sha256OneShot, {
  create: (): Hash => new Sha256(),
  blockLength: 64,
  outputLength: 32,
  algorithm: 'SHA-256',
});
