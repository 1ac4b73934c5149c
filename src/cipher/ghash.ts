/**
 * GHASH, the universal hash of GCM: NIST SP 800-38D §6.3 (multiplication in GF(2^128)) and
 * §6.4 (the GHASH function), as a plain bit-by-bit reference (Algorithm 1, on BigInt) and two
 * table-driven fast paths tested against it.
 *
 * The math in a few lines:
 * - A 16-byte block is an element of GF(2^128) = GF(2)[x] / (x^128 + x^7 + x^2 + x + 1), with
 *   the "reflected" bit order of §6.3: bit 0 (the most significant bit of byte 0) is the
 *   coefficient of x^0 and bit 127 that of x^127. Adding is XOR.
 * - Multiplying by x is therefore a right shift of the 128-bit string; a bit falling off the
 *   right end (x^128) comes back as R = 11100001 ‖ 0^120 (x^128 = 1 + x + x^2 + x^7).
 * - GHASH_H(X1 ‖ … ‖ Xm) = Ym with Y0 = 0 and Yi = (Yi−1 ⊕ Xi) • H (Algorithm 2).
 * - Since • H is GF(2)-linear in its left argument, X • H = ⊕ over the bytes (or nibbles) of X
 *   of a table entry: TABLE[position][value] = (value at that position) • H. Tables are built
 *   once per hash subkey H from H·x^k (k = 0..127).
 *
 * Fast paths here:
 * - `GHASH_TABLE_8BIT`: 16 positions × 256 values × 4 words = 64 KiB per key, 16 lookups a
 *   block, no shifts. Costly to build (4,096 entries from 128 powers H·x^k); used by the keyed GCM
 *   form once it carries bulk traffic and for long one-shot messages.
 * - `GHASH_TABLE_4BIT`: Shoup's 4-bit method (the table of McGrew & Viega's GCM paper, §4.1):
 *   16 entries n·H plus a fixed reduction table, 32 shift-and-lookup steps a block. Cheap to
 *   build, so short one-shot messages use it.
 *
 * What this file deliberately does not do: it is NOT constant time. Table lookups are indexed
 * by bits of Yi ⊕ Xi, which depend on H and on the data, and leak through the CPU cache like
 * the AES T-tables (see ./aes.ts); the BigInt reference branches on bits. Carry-less multiply
 * instructions (PCLMULQDQ), as node:crypto uses, are not available to JavaScript.
 */
import {
  assertBytes,
  bytesToBigInt,
  bigIntToBytes,
  readUint32BE,
  writeUint32BE,
} from '../bytes/index.js';

/** R = 11100001 ‖ 0^120 (SP 800-38D §6.3), as a 128-bit integer whose top bit is block bit 0. */
const R = 0xe1n << 120n;

/**
 * X • Y in GF(2^128), SP 800-38D §6.3 Algorithm 1, bit by bit on BigInt (the reference).
 *
 * @param X - 16 bytes
 * @param Y - 16 bytes
 * @returns a fresh 16-byte block X • Y
 * @throws TypeError / RangeError on a wrong type or length
 * @example bytesToHex(gcmMultiply(x, one)) === bytesToHex(x) // one = 0x80 ‖ 0^120 is x^0 = 1
 */
export function gcmMultiply(X: Uint8Array, Y: Uint8Array): Uint8Array {
  assertBytes(X, 'X', 16);
  assertBytes(Y, 'Y', 16);
  const x = bytesToBigInt(X);
  let Z = 0n; // step 2: Z0 = 0^128
  let V = bytesToBigInt(Y); // V0 = Y
  for (let i = 0; i < 128; i++) {
    // step 3: bit x_i of X is bit 127 − i of the integer (bit 0 is the leftmost)
    if ((x >> BigInt(127 - i)) & 1n) Z ^= V;
    V = V & 1n ? (V >> 1n) ^ R : V >> 1n; // LSB1(V) decides whether to reduce
  }
  return bigIntToBytes(Z, 16);
}

/**
 * GHASH_H(X), SP 800-38D §6.4 Algorithm 2, on top of `gcmMultiply` (the reference).
 *
 * @param H - the hash subkey, 16 bytes (in GCM, H = CIPH_K(0^128))
 * @param X - a whole number of 16-byte blocks
 * @returns a fresh 16-byte block Ym
 * @throws TypeError on a wrong type; RangeError when H is not 16 bytes or X is not a multiple of 16
 * @example ghashReference(H, concatBytes(A, C, lengths))
 */
export function ghashReference(H: Uint8Array, X: Uint8Array): Uint8Array {
  assertBytes(H, 'H', 16);
  assertBlocks(X);
  let Y: Uint8Array = new Uint8Array(16); // Y0 = 0^128
  for (let i = 0; i < X.length; i += 16) {
    const block = X.slice(i, i + 16);
    for (let j = 0; j < 16; j++) block[j] ^= Y[j];
    Y = gcmMultiply(block, H); // Yi = (Yi−1 ⊕ Xi) • H
  }
  return Y;
}

function assertBlocks(X: unknown): asserts X is Uint8Array {
  assertBytes(X, 'X');
  if (X.length % 16 !== 0)
    throw new RangeError(`X must be a multiple of 16 bytes long, got ${X.length}`);
}

// ---------------------------------------------------------------------------------------------
// Fast paths. A block is four big-endian int32 words (w0 holds bits 0..31, i.e. x^0..x^31).

/** The two table kinds (see the file header). */
export const GHASH_TABLE_4BIT = 4;
export const GHASH_TABLE_8BIT = 8;

/** A hash subkey H with its precomputed table, ready for `ghashUpdate`. */
export interface GhashKey {
  readonly kind: typeof GHASH_TABLE_4BIT | typeof GHASH_TABLE_8BIT;
  readonly table: Int32Array;
}

/** H·x^k for k = 0..count−1: count × 4 words, each the previous one times x (a right shift, reduced by R). */
function powersOfX(h0: number, h1: number, h2: number, h3: number, count: number): Int32Array {
  const P = new Int32Array(4 * count);
  for (let k = 0; k < count; k++) {
    P[4 * k] = h0;
    P[4 * k + 1] = h1;
    P[4 * k + 2] = h2;
    P[4 * k + 3] = h3;
    const reduce = -(h3 & 1) & 0xe1000000; // LSB1(V) = 1 → ⊕ R
    h3 = (h3 >>> 1) | (h2 << 31);
    h2 = (h2 >>> 1) | (h1 << 31);
    h1 = (h1 >>> 1) | (h0 << 31);
    h0 = (h0 >>> 1) ^ reduce;
  }
  return P;
}

/** Shoup's reduction table: REDUCE4[r] is what the four bits r shifted out by ·x^4 fold back into w0. */
const REDUCE4 = (() => {
  const table = new Int32Array(16);
  for (let r = 0; r < 16; r++) {
    let w0 = 0;
    let w3 = r; // the bits x^124..x^127, to be multiplied by x^4
    for (let step = 0; step < 4; step++) {
      const reduce = -(w3 & 1) & 0xe1000000;
      w3 >>>= 1; // nothing else needs to move: w1, w2 stay zero and w0 only collects reductions
      w0 = (w0 >>> 1) ^ reduce;
    }
    table[r] = w0;
  }
  return table;
})();

/**
 * Precomputes the table for hash subkey H, given as four big-endian words.
 *
 * @param H - the four words of H
 * @param kind - GHASH_TABLE_4BIT (cheap to build) or GHASH_TABLE_8BIT (fast per block, 64 KiB)
 * @example createGhashKey(Int32Array.of(h0, h1, h2, h3), GHASH_TABLE_8BIT)
 */
export function createGhashKey(H: Int32Array, kind: GhashKey['kind']): GhashKey {
  if (kind === GHASH_TABLE_4BIT) return { kind, table: fillTable4(H, new Int32Array(64)) };
  const P = powersOfX(H[0], H[1], H[2], H[3], 128);
  // T[p][b] = (byte b at position p) • H; bit 0x80 of b is x^(8p), bit 0x01 is x^(8p+7).
  const T = new Int32Array(16 * 256 * 4);
  for (let p = 0; p < 16; p++) {
    const base = p * 1024;
    for (let b = 1; b < 256; b++) {
      const low = b & -b;
      const k = 8 * p + 7 - (31 - Math.clz32(low));
      const from = base + 4 * (b ^ low);
      const to = base + 4 * b;
      T[to] = T[from] ^ P[4 * k];
      T[to + 1] = T[from + 1] ^ P[4 * k + 1];
      T[to + 2] = T[from + 2] ^ P[4 * k + 2];
      T[to + 3] = T[from + 3] ^ P[4 * k + 3];
    }
  }
  return { kind, table: T };
}

/**
 * Shoup's 4-bit table for H, written into M (64 words; M[0] stays 0): M[n] = n(x) • H for a
 * nibble n whose bit 8 is x^0, 4 is x^1, 2 is x^2 and 1 is x^3, each entry the previous one
 * without its lowest bit, plus H·x^k for that bit. Only H·x^0..H·x^3 are needed. A one-shot GCM
 * call (./gcm.ts) fills a table that it reuses from call to call instead of allocating one.
 * @returns M
 * @example fillTable4(H, new Int32Array(64))
 */
export function fillTable4(H: Int32Array, M: Int32Array): Int32Array {
  let h0 = H[0];
  let h1 = H[1];
  let h2 = H[2];
  let h3 = H[3];
  M[0] = M[1] = M[2] = M[3] = 0;
  // P8 = H·x^0 at M[8], then H·x^1 at M[4], H·x^2 at M[2], H·x^3 at M[1]: n = 8 >> k.
  for (let k = 0; k < 4; k++) {
    const at = 4 * (8 >>> k);
    M[at] = h0;
    M[at + 1] = h1;
    M[at + 2] = h2;
    M[at + 3] = h3;
    const reduce = -(h3 & 1) & 0xe1000000; // LSB1(V) = 1 → ⊕ R
    h3 = (h3 >>> 1) | (h2 << 31);
    h2 = (h2 >>> 1) | (h1 << 31);
    h1 = (h1 >>> 1) | (h0 << 31);
    h0 = (h0 >>> 1) ^ reduce;
  }
  for (let n = 3; n < 16; n++) {
    const low = n & -n; // lowest set bit
    if (low === n) continue; // a power of x, written above
    const from = 4 * (n ^ low);
    const bit = 4 * low;
    const to = 4 * n;
    M[to] = M[from] ^ M[bit];
    M[to + 1] = M[from + 1] ^ M[bit + 1];
    M[to + 2] = M[from + 2] ^ M[bit + 2];
    M[to + 3] = M[from + 3] ^ M[bit + 3];
  }
  return M;
}

/**
 * Absorbs data[start..end) into the GHASH state Y (four words, updated in place), padding the
 * last partial block with zeros, as GCM pads A and C (SP 800-38D §7.1 step 5).
 *
 * @param key - from createGhashKey
 * @param Y - the running value Yi as four int32 words
 * @example ghashUpdate(key, Y, aad, 0, aad.length)
 */
export function ghashUpdate(
  key: GhashKey,
  Y: Int32Array,
  data: Uint8Array,
  start: number,
  end: number,
): void {
  const multiply = key.kind === GHASH_TABLE_8BIT ? multiplyBlock8 : multiplyBlock4;
  const whole = start + ((end - start) & ~15);
  updateBlocks(multiply, key.table, Y, data, start, whole);
  if (whole < end) {
    const last = new Uint8Array(16);
    last.set(data.subarray(whole, end));
    updateBlocks(multiply, key.table, Y, last, 0, 16);
  }
}

/**
 * Y = (Y ⊕ X) • H for one block X = (x0, x1, x2, x3) with the 8-bit table (one step of
 * Algorithm 2). GCM's encryption calls it on each ciphertext block as soon as it exists.
 * @param T - the table of a GHASH_TABLE_8BIT key
 * @param Y - the running value, four int32 words, updated in place
 * @example multiplyBlock8(key.table, Y, c0, c1, c2, c3)
 */
export function multiplyBlock8(
  T: Int32Array,
  Y: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
): void {
  x0 ^= Y[0];
  x1 ^= Y[1];
  x2 ^= Y[2];
  x3 ^= Y[3];
  let y0: number, y1: number, y2: number, y3: number;
  // Y = Σ over byte positions p = 0..15 of T[p][byte p of X]: 16 lookups of 4 words
  let t = (x0 >>> 24) << 2;
  y0 = T[t];
  y1 = T[t + 1];
  y2 = T[t + 2];
  y3 = T[t + 3];
  t = 1024 | (((x0 >>> 16) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 2048 | (((x0 >>> 8) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 3072 | ((x0 & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 4096 | ((x1 >>> 24) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 5120 | (((x1 >>> 16) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 6144 | (((x1 >>> 8) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 7168 | ((x1 & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 8192 | ((x2 >>> 24) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 9216 | (((x2 >>> 16) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 10240 | (((x2 >>> 8) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 11264 | ((x2 & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 12288 | ((x3 >>> 24) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 13312 | (((x3 >>> 16) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 14336 | (((x3 >>> 8) & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  t = 15360 | ((x3 & 255) << 2);
  y0 ^= T[t];
  y1 ^= T[t + 1];
  y2 ^= T[t + 2];
  y3 ^= T[t + 3];
  Y[0] = y0;
  Y[1] = y1;
  Y[2] = y2;
  Y[3] = y3;
}

/**
 * Y = (Y ⊕ X) • H for one block X = (x0, x1, x2, x3) with Shoup's 4-bit table: Horner over the
 * 32 nibbles of Y ⊕ X, highest power first (the low nibble of x3 holds x^124..x^127, the high
 * nibble of x0 holds x^0..x^3); each step multiplies the sum so far by x^4 and adds M[nibble].
 * @param M - the table of a GHASH_TABLE_4BIT key
 * @param Y - the running value, four int32 words, updated in place
 * @example multiplyBlock4(key.table, Y, c0, c1, c2, c3)
 */
export function multiplyBlock4(
  M: Int32Array,
  Y: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
): void {
  const R4 = REDUCE4;
  let y0 = 0;
  let y1 = 0;
  let y2 = 0;
  let y3 = 0;
  let word = x3 ^ Y[3];
  for (let w = 3; w >= 0; w--) {
    for (let shift = 0; shift < 32; shift += 4) {
      // Z = Z · x^4: shift right by 4 and fold the four bits that fell off back in.
      const r = y3 & 15;
      y3 = (y3 >>> 4) | (y2 << 28);
      y2 = (y2 >>> 4) | (y1 << 28);
      y1 = (y1 >>> 4) | (y0 << 28);
      y0 = (y0 >>> 4) ^ R4[r];
      // Z = Z ⊕ M[nibble]
      const m = ((word >>> shift) & 15) << 2;
      y0 ^= M[m];
      y1 ^= M[m + 1];
      y2 ^= M[m + 2];
      y3 ^= M[m + 3];
    }
    word = w === 3 ? x2 ^ Y[2] : w === 2 ? x1 ^ Y[1] : x0 ^ Y[0];
  }
  Y[0] = y0;
  Y[1] = y1;
  Y[2] = y2;
  Y[3] = y3;
}

/** One step of Algorithm 2 with one table: multiplyBlock8 or multiplyBlock4. */
type BlockMultiply = (
  table: Int32Array,
  Y: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
) => void;

/**
 * Yi = (Yi−1 ⊕ Xi) • H block by block over data[start..end) (whole blocks), each block read as
 * four big-endian words and multiplied with `table` by `multiply`.
 */
function updateBlocks(
  multiply: BlockMultiply,
  table: Int32Array,
  Y: Int32Array,
  data: Uint8Array,
  start: number,
  end: number,
): void {
  for (let i = start; i < end; i += 16) {
    multiply(
      table,
      Y,
      (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3],
      (data[i + 4] << 24) | (data[i + 5] << 16) | (data[i + 6] << 8) | data[i + 7],
      (data[i + 8] << 24) | (data[i + 9] << 16) | (data[i + 10] << 8) | data[i + 11],
      (data[i + 12] << 24) | (data[i + 13] << 16) | (data[i + 14] << 8) | data[i + 15],
    );
  }
}

/**
 * Y = (Y ⊕ X) • H for one block X = (x0, x1, x2, x3) with whichever table `key` has: one step of
 * Algorithm 2, for callers that have the block as words already (GCM's encryption hashes each
 * ciphertext block as it is made).
 * @example multiplyBlock(key, Y, c0, c1, c2, c3)
 */
export function multiplyBlock(
  key: GhashKey,
  Y: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
): void {
  if (key.kind === GHASH_TABLE_8BIT) multiplyBlock8(key.table, Y, x0, x1, x2, x3);
  else multiplyBlock4(key.table, Y, x0, x1, x2, x3);
}

/**
 * GHASH_H(X) with the fast path (SP 800-38D §6.4): the same result as `ghashReference`.
 *
 * @param H - the hash subkey, 16 bytes
 * @param X - a whole number of 16-byte blocks
 * @param kind - which table to build (default GHASH_TABLE_4BIT)
 * @returns a fresh 16-byte block Ym
 * @throws TypeError on a wrong type; RangeError when H is not 16 bytes or X is not a multiple of 16
 * @example bytesToHex(ghash(H, X)) === bytesToHex(ghashReference(H, X))
 */
export function ghash(
  H: Uint8Array,
  X: Uint8Array,
  kind: GhashKey['kind'] = GHASH_TABLE_4BIT,
): Uint8Array {
  assertBytes(H, 'H', 16);
  assertBlocks(X);
  if (kind !== GHASH_TABLE_4BIT && kind !== GHASH_TABLE_8BIT)
    throw new RangeError(`kind must be 4 or 8, got ${String(kind)}`);
  const words = new Int32Array(4);
  for (let j = 0; j < 4; j++) words[j] = readUint32BE(H, 4 * j);
  const Y = new Int32Array(4);
  ghashUpdate(createGhashKey(words, kind), Y, X, 0, X.length);
  const out = new Uint8Array(16);
  for (let j = 0; j < 4; j++) writeUint32BE(out, 4 * j, Y[j] >>> 0);
  return out;
}
