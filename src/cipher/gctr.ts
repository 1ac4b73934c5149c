/**
 * GCTR, the counter mode inside GCM: NIST SP 800-38D §6.5 (Algorithm 3) with inc32 (§6.2).
 *
 * The math in a few lines: with the initial counter block ICB = CB1, CBi = inc32(CBi−1), where
 * inc32 adds 1 modulo 2^32 to the rightmost 32 bits only; then Yi = Xi ⊕ CIPH_K(CBi), and the
 * last, possibly partial, block uses MSB_len(Xn)(CIPH_K(CBn)). Encryption and decryption are
 * the same operation.
 *
 * The counter block lives in four int32 words and the key stream in one Int32Array(4) per call,
 * so the loop allocates nothing per block.
 *
 * What this file deliberately does not do: check the GCM length limits (./gcm.ts does; they
 * guarantee that inc32 never wraps around to J0) or run in constant time (see ./aes.ts).
 */
import { encryptWords } from './aes.js';

/**
 * Y = GCTR_K(ICB, X), written into `output` (which may be a larger array; X.length bytes are written).
 *
 * @param w - AES round keys (from expandKey)
 * @param icb - the initial counter block as four big-endian int32 words; not modified
 * @param input - X
 * @param output - receives Y at offset 0; must be at least as long as `input`, may not overlap it
 * @example gctr(w, inc32(J0), plaintext, ciphertext)
 */
export function gctr(w: Int32Array, icb: Int32Array, input: Uint8Array, output: Uint8Array): void {
  const c0 = icb[0];
  const c1 = icb[1];
  const c2 = icb[2];
  let c3 = icb[3];
  const ks = new Int32Array(4);
  const n = input.length;
  const whole = n & ~15;
  let i = 0;
  for (; i < whole; i += 16) {
    encryptWords(w, c0, c1, c2, c3, ks);
    c3 = (c3 + 1) | 0; // inc32
    const k0 = ks[0];
    const k1 = ks[1];
    const k2 = ks[2];
    const k3 = ks[3];
    output[i] = input[i] ^ (k0 >>> 24);
    output[i + 1] = input[i + 1] ^ (k0 >>> 16);
    output[i + 2] = input[i + 2] ^ (k0 >>> 8);
    output[i + 3] = input[i + 3] ^ k0;
    output[i + 4] = input[i + 4] ^ (k1 >>> 24);
    output[i + 5] = input[i + 5] ^ (k1 >>> 16);
    output[i + 6] = input[i + 6] ^ (k1 >>> 8);
    output[i + 7] = input[i + 7] ^ k1;
    output[i + 8] = input[i + 8] ^ (k2 >>> 24);
    output[i + 9] = input[i + 9] ^ (k2 >>> 16);
    output[i + 10] = input[i + 10] ^ (k2 >>> 8);
    output[i + 11] = input[i + 11] ^ k2;
    output[i + 12] = input[i + 12] ^ (k3 >>> 24);
    output[i + 13] = input[i + 13] ^ (k3 >>> 16);
    output[i + 14] = input[i + 14] ^ (k3 >>> 8);
    output[i + 15] = input[i + 15] ^ k3;
  }
  if (i < n) {
    // Step 7: the partial last block takes only the leftmost bytes of the key stream.
    encryptWords(w, c0, c1, c2, c3, ks);
    for (let j = 0; i < n; i++, j++) output[i] = input[i] ^ (ks[j >>> 2] >>> (24 - 8 * (j & 3)));
  }
}

/** inc32(X) (SP 800-38D §6.2): a fresh copy with the rightmost 32 bits incremented modulo 2^32. */
export function inc32(block: Int32Array): Int32Array {
  return Int32Array.of(block[0], block[1], block[2], (block[3] + 1) | 0);
}
