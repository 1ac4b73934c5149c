/**
 * GCTR, the counter mode inside GCM: NIST SP 800-38D §6.5 (Algorithm 3) with inc32 (§6.2).
 *
 * The math in a few lines: with the initial counter block ICB = CB1, CBi = inc32(CBi−1), where
 * inc32 adds 1 modulo 2^32 to the rightmost 32 bits only; then Yi = Xi ⊕ CIPH_K(CBi), and the
 * last, possibly partial, block uses MSB_len(Xn)(CIPH_K(CBn)). Encryption and decryption are
 * the same operation.
 *
 * How the whole blocks are computed. CIPH_K runs inline here with the T-tables of ./aes.ts (the
 * same rounds as `encryptWords`), and with counter-mode caching (Bernstein and Schwabe, "New AES
 * software speed records", 2008): in a counter block only the last word changes, and within a run
 * of 256 blocks only its last byte. So of round 1's sixteen look-ups one depends on that byte,
 * and round 2's four columns each depend on it through one look-up; the other twelve of each
 * round are computed once per run of 256 blocks. Words are read and written big-endian through
 * DataViews. GCM's encryption passes `hash`, and each output block goes into GHASH as soon as it
 * exists (steps 3 and 5 of §7.1 in one pass); decryption runs GCTR only after the tag verified,
 * without `hash`.
 *
 * What this file deliberately does not do: check the GCM length limits (./gcm.ts does; they
 * guarantee that inc32 never wraps around to J0) or run in constant time (the T-table look-ups
 * are indexed by secret bytes; see ./aes.ts).
 */
import { ENCRYPTION_TABLES, encryptRounds, encryptWords } from './aes.js';
import { ghashUpdate, multiplyBlock, type GhashKey } from './ghash.js';

/** A running GHASH: the key with its table and the value Y so far (updated in place). */
export interface GhashState {
  readonly key: GhashKey;
  readonly Y: Int32Array;
}

/**
 * Y = GCTR_K(ICB, X), written into `output` (which may be a larger array; X.length bytes are
 * written); with `hash`, each block of Y (the last one zero-padded) is also absorbed into GHASH.
 *
 * @param w - AES round keys (from expandKey)
 * @param icb - the initial counter block as four big-endian int32 words; not modified
 * @param input - X
 * @param output - receives Y at offset 0; must be at least as long as `input`, may not overlap it
 * @param hash - optional running GHASH that Y is absorbed into (GCM-AE's ciphertext)
 * @example gctr(w, inc32(J0), plaintext, ciphertext)
 */
export function gctr(
  w: Int32Array,
  icb: Int32Array,
  input: Uint8Array,
  output: Uint8Array,
  hash?: GhashState,
): void {
  const n = input.length;
  const whole = n & ~15;
  const tables = ENCRYPTION_TABLES;
  const A = tables[0];
  const B = tables[1];
  const C = tables[2];
  const D = tables[3];
  const ks = new Int32Array(4);
  const inView = new DataView(input.buffer, input.byteOffset, n);
  const outView = new DataView(output.buffer, output.byteOffset, n);
  // Round 0 of the three counter words that never change.
  const s0 = icb[0] ^ w[0];
  const s1 = icb[1] ^ w[1];
  const s2 = icb[2] ^ w[2];
  let c3 = icb[3];
  // Round 1, column 0 without its one look-up of the counter's last byte (the same for every block).
  const p0 = A[s0 >>> 24] ^ B[(s1 >>> 16) & 255] ^ C[(s2 >>> 8) & 255] ^ w[4];
  // Per run of 256 blocks: round 2's columns without their look-up of round 1's column 0.
  let v0 = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  for (let i = 0; i < whole; i += 16) {
    const s3 = c3 ^ w[3];
    if (i === 0 || (c3 & 255) === 0) {
      // Round 1's columns 1..3, which see only the counter's three upper bytes.
      const q1 = A[s1 >>> 24] ^ B[(s2 >>> 16) & 255] ^ C[(s3 >>> 8) & 255] ^ D[s0 & 255] ^ w[5];
      const q2 = A[s2 >>> 24] ^ B[(s3 >>> 16) & 255] ^ C[(s0 >>> 8) & 255] ^ D[s1 & 255] ^ w[6];
      const q3 = A[s3 >>> 24] ^ B[(s0 >>> 16) & 255] ^ C[(s1 >>> 8) & 255] ^ D[s2 & 255] ^ w[7];
      v0 = B[(q1 >>> 16) & 255] ^ C[(q2 >>> 8) & 255] ^ D[q3 & 255] ^ w[8];
      v1 = A[q1 >>> 24] ^ B[(q2 >>> 16) & 255] ^ C[(q3 >>> 8) & 255] ^ w[9];
      v2 = A[q2 >>> 24] ^ B[(q3 >>> 16) & 255] ^ D[q1 & 255] ^ w[10];
      v3 = A[q3 >>> 24] ^ C[(q1 >>> 8) & 255] ^ D[q2 & 255] ^ w[11];
    }
    c3 = (c3 + 1) | 0; // inc32
    const t = p0 ^ D[s3 & 255]; // round 1, column 0
    // Round 2 from the cached parts, then rounds 3..Nr.
    encryptRounds(
      w,
      3,
      v0 ^ A[t >>> 24],
      v1 ^ D[t & 255],
      v2 ^ C[(t >>> 8) & 255],
      v3 ^ B[(t >>> 16) & 255],
      ks,
    );
    const o0 = inView.getInt32(i) ^ ks[0];
    const o1 = inView.getInt32(i + 4) ^ ks[1];
    const o2 = inView.getInt32(i + 8) ^ ks[2];
    const o3 = inView.getInt32(i + 12) ^ ks[3];
    outView.setInt32(i, o0);
    outView.setInt32(i + 4, o1);
    outView.setInt32(i + 8, o2);
    outView.setInt32(i + 12, o3);
    if (hash !== undefined) multiplyBlock(hash.key, hash.Y, o0, o1, o2, o3);
  }
  if (whole < n) {
    // Step 7: the partial last block takes only the leftmost bytes of the key stream.
    encryptWords(w, icb[0], icb[1], icb[2], c3, ks);
    for (let i = whole, j = 0; i < n; i++, j++)
      output[i] = input[i] ^ (ks[j >>> 2] >>> (24 - 8 * (j & 3)));
    if (hash !== undefined) ghashUpdate(hash.key, hash.Y, output, whole, n);
  }
}

/** inc32(X) (SP 800-38D §6.2): a fresh copy with the rightmost 32 bits incremented modulo 2^32. */
export function inc32(block: Int32Array): Int32Array {
  return Int32Array.of(block[0], block[1], block[2], (block[3] + 1) | 0);
}
