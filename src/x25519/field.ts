/**
 * The Curve25519 base field F_p, p = 2^255 − 19 (RFC 7748 §4.1), on BigInt.
 *
 * Why this prime: 2^255 ≡ 19 (mod p). Any integer x splits by a shift and a mask into
 * x = hi·2^255 + lo with 0 ≤ lo < 2^255, and then x ≡ lo + 19·hi (mod p): the top is folded
 * back onto the bottom, multiplied by 19. A product of two field elements (about 2^510) folds
 * to about 2^260, and a second fold brings it below 2^256. That is the whole reduction: no
 * division, no precomputed constant (compare P-256's field.ts, which divides by its p).
 *
 *   reduce(x)               two folds: x ≡ lo + 19·hi, twice. For |x| < 2^600 the result r
 *                           satisfies −2^100 < r < 2^255 + 2^100, so |r| < 2^256
 *   fieldCanonical(x)       the representative in [0, p − 1]: reduce, a third fold (now
 *                           0 ≤ r < 2^255), and one masked subtraction of p
 *   fieldInverse(a)         a^(p−2) (Fermat) by a fixed addition chain: 254 squarings and
 *                           11 multiplications, the same for every a
 *   fieldSqrt(a)            p ≡ 5 (mod 8): r = a^((p+3)/8) is a root when r² = a, and r·√−1 is
 *                           one when r² = −a; otherwise a is not a square
 *
 * Two kinds of functions:
 *   - checked (fieldAdd … fieldSqrt, fieldFromBytes, fieldToBytes): elements are bigints in
 *     [0, p − 1], arguments are checked (TypeError for a non-bigint, RangeError out of range),
 *     results are canonical. For study and for tests.
 *   - lazy (the ...Lazy functions at the end): the ladder's inner loop. An element is ANY integer,
 *     negative included, standing for its residue mod p. Additions and subtractions do not
 *     reduce at all; a product is reduced by `reduce` only, so it comes back below 2^256 in
 *     absolute value but not necessarily in [0, p − 1]. Their contract is a bound, stated on
 *     each: inputs below 2^300 in absolute value keep every product below 2^600. ladder.ts
 *     checks the bounds of every line it writes. fieldCanonical ends the computation.
 *
 * Deliberately not here: true constant time. The lazy functions and the inversion run the same
 * sequence of BigInt operations for every input, without a branch on a value, but BigInt
 * multiplication, shifts and masks take time that depends on the size of their operands, and
 * the engine may vary too (see ladder.ts). Elements are little-endian on the wire (RFC 7748 §5);
 * the masking of bit 255 and the scalar clamping belong to X25519 (x25519.ts), not to the field.
 */
import { assertBigInt, assertBytes } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';

/** The field prime p = 2^255 − 19. */
export const p = 2n ** 255n - 19n;

/** p − 1, the largest field element (the upper bound of every argument check). */
const P_MINUS_1 = p - 1n;

/** 2^255 − 1: the mask that keeps the low 255 bits (lo in x = hi·2^255 + lo). */
const LOW_255 = 2n ** 255n - 1n;

/**
 * x mod p up to a small multiple of p, by two folds of 2^255 ≡ 19: x = hi·2^255 + lo ≡ lo + 19·hi.
 *
 * Bounds: for |x| < 2^600, the first fold gives |lo + 19·hi| < 2^255 + 19·2^345 < 2^350, and the
 * second, from |hi| < 2^95, gives a result r with −19·2^95 ≤ r < 2^255 + 19·2^95. (For a
 * negative x the shift rounds down, so hi < 0 and lo ≥ 0: the identity x = hi·2^255 + lo holds
 * for every integer.)
 * @param x - an integer with |x| < 2^600 (not checked: the inner loop)
 * @returns r ≡ x (mod p) with |r| < 2^256
 * @example reduce(2n ** 256n + 5n) // 43n, since 2^256 ≡ 2·19 (below 2^255, p + 5n is left as it is)
 */
export function reduce(x: bigint): bigint {
  const r = (x & LOW_255) + 19n * (x >> 255n); //  r ≡ x: lo + 19·hi,   |r| < 2^350
  return (r & LOW_255) + 19n * (r >> 255n); //     again: lo + 19·hi,   |result| < 2^256
}

/**
 * The canonical representative of x, in [0, p − 1], for |x| < 2^600. After reduce, r lies in
 * [−19·2^95, 2^255 + 19·2^95); a third fold moves it into [0, 2^255) (a negative r has
 * hi = −1 and lo ≥ 2^255 − 19·2^95; a large one hi = 1 and lo < 19·2^95); then p is subtracted
 * once if the result is still ≥ p, by a mask: s = r − p is negative exactly when r < p, and
 * then s >> 255 is −1 (all ones) and p & that adds p back.
 * @example fieldCanonical(-1n) // p − 1
 */
export function fieldCanonical(x: bigint): bigint {
  const r = reduce(x); //                                     −2^100 < r < 2^255 + 2^100
  const t = (r & LOW_255) + 19n * (r >> 255n); //             0 ≤ t < 2^255 (third fold)
  const s = t - p; //                                         −p ≤ s < 19
  return s + (p & (s >> 255n)); //                            s < 0 ? s + p : s
}

/**
 * (a + b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldAdd(p - 1n, 2n) // 1n
 */
export function fieldAdd(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  const s = a + b - p; // in [−p, p − 2]: add p back when negative (by mask, as in fieldCanonical)
  return s + (p & (s >> 255n));
}

/**
 * (a − b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldSub(1n, 2n) // p − 1
 */
export function fieldSub(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  const d = a - b; // in (−p, p): add p back when negative
  return d + (p & (d >> 255n));
}

/**
 * −a mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldNeg(1n) // p − 1
 */
export function fieldNeg(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  const d = -a;
  return d + (p & (d >> 255n));
}

/**
 * (a · b) mod p, reduced by folding (file header).
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldMul(2n ** 254n, 2n) // 19n, since 2^255 ≡ 19
 */
export function fieldMul(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return fieldCanonical(a * b);
}

/**
 * a² mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSquare(3n) // 9n
 */
export function fieldSquare(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return fieldCanonical(a * a);
}

/** a^(2^k): k squarings in a row (lazy elements in, a lazy element out). */
function squareTimes(a: bigint, k: number): bigint {
  let r = a;
  for (let i = 0; i < k; i++) r = reduce(r * r);
  return r;
}

/**
 * The shared start of the inversion and square-root chains. Writing z_k for a^(2^k − 1),
 * z_(i+j) = z_i^(2^j) · z_j; the chain is the one of Bernstein's curve25519 reference code.
 * Returns a^2, a^11 and z250 = a^(2^250 − 1): 249 squarings and 9 multiplications.
 */
function powerChain250(a: bigint): { a2: bigint; a11: bigint; z250: bigint } {
  const a2 = reduce(a * a); //                               a^2            (1 S)
  const a9 = reduce(squareTimes(a2, 2) * a); //              a^8 · a = a^9  (2 S, 1 M)
  const a11 = reduce(a9 * a2); //                            a^11           (1 M)
  const z5 = reduce(reduce(a11 * a11) * a9); //              a^22 · a^9 = a^(2^5 − 1)  (1 S, 1 M)
  const z10 = reduce(squareTimes(z5, 5) * z5); //            z10 = z5^(2^5) · z5       (5 S, 1 M)
  const z20 = reduce(squareTimes(z10, 10) * z10); //         z20 = z10^(2^10) · z10    (10 S, 1 M)
  const z40 = reduce(squareTimes(z20, 20) * z20); //         z40 = z20^(2^20) · z20    (20 S, 1 M)
  const z50 = reduce(squareTimes(z40, 10) * z10); //         z50 = z40^(2^10) · z10    (10 S, 1 M)
  const z100 = reduce(squareTimes(z50, 50) * z50); //        z100 = z50^(2^50) · z50   (50 S, 1 M)
  const z200 = reduce(squareTimes(z100, 100) * z100); //     z200 = z100^(2^100) · z100 (100 S, 1 M)
  const z250 = reduce(squareTimes(z200, 50) * z50); //       z250 = z200^(2^50) · z50  (50 S, 1 M)
  return { a2, a11, z250 };
}

/**
 * a^(p−2) for a lazy element a: the inversion without argument checks or a canonical result,
 * for the ladder's final division. p − 2 = 2^255 − 21 = (2^250 − 1)·2^5 + 11, so
 * a^(p−2) = z250^(2^5) · a^11: 254 squarings and 11 multiplications in all, whatever a is.
 * @param a - an integer with |a| < 2^300 standing for a field element
 * @returns r ≡ a^−1 (mod p) with |r| < 2^256; ≡ 0 when a ≡ 0 (0^(p−2) = 0)
 * @example fieldCanonical(fieldInverseLazy(2n) * 2n) // 1n
 */
export function fieldInverseLazy(a: bigint): bigint {
  const { a11, z250 } = powerChain250(a);
  return reduce(squareTimes(z250, 5) * a11); // (2^250 − 1)·2^5 + 11 = p − 2  (5 S, 1 M)
}

/**
 * a^−1 mod p as a^(p−2) (Fermat's little theorem: a^(p−1) = 1 for a ≠ 0), by the fixed
 * addition chain of powerChain250: the same 254 squarings and 11 multiplications for every a.
 * @param a - a field element in [1, p − 1]
 * @returns a^−1 mod p; 0 for a = 0 (0^(p−2) = 0: callers that can meet 0 must check)
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldMul(fieldInverse(3n), 3n) // 1n
 */
export function fieldInverse(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return fieldCanonical(fieldInverseLazy(a));
}

/** √−1 mod p = 2^((p−1)/4): (2^((p−1)/4))² = 2^((p−1)/2) = −1, since 2 is not a square mod p. */
export const SQRT_MINUS_1 =
  19681161376707505956807079304988542015446066515923890162744021073123829784752n;

/**
 * A square root of a modulo p, or null when a is not a square.
 *
 * p ≡ 5 (mod 8), so (Atkin's case of RFC 8032 §5.1.3): r = a^((p+3)/8) has r⁴ = a² · a^((p−1)/2),
 * so r² = ±a when a is a square. If r² = a, r is a root; if r² = −a, r·√−1 is one; otherwise a
 * is not a square. (p+3)/8 = 2^252 − 2 = (2^250 − 1)·2^2 + 2, so r = z250^(2^2) · a^2.
 * Variable time (it branches on the value): for public values only.
 * @param a - a field element in [0, p−1]
 * @returns r with r² ≡ a (the other root is p − r), or null when none exists
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSqrt(4n) // 2n or p − 2n
 */
export function fieldSqrt(a: bigint): bigint | null {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  const { a2, z250 } = powerChain250(a);
  const r = fieldCanonical(squareTimes(z250, 2) * a2); // a^((p+3)/8)
  const r2 = fieldCanonical(r * r);
  if (r2 === a) return r;
  if (r2 === fieldCanonical(-a)) return fieldCanonical(r * SQRT_MINUS_1);
  return null;
}

/**
 * Reads exactly 32 little-endian bytes as an integer in [0, 2^256): RFC 7748 §5's
 * decodeLittleEndian, done by 32-bit words (no string conversion of a possibly secret value).
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long
 * @example decodeLittleEndian(Uint8Array.of(9, ...new Array(31).fill(0))) // 9n
 */
export function decodeLittleEndian(bytes: Uint8Array): bigint {
  assertBytes(bytes, 'bytes', 32);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 32);
  let x = 0n;
  for (let i = 28; i >= 0; i -= 4) x = (x << 32n) | BigInt(view.getUint32(i, true));
  return x;
}

/**
 * Reads a field element from exactly 32 little-endian bytes, strictly: the value must be
 * below p. (X25519 itself is lenient: x25519.ts masks bit 255 and reduces, as RFC 7748 asks.)
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long;
 *   CryptoError INVALID_ENCODING when the value is ≥ p (not a canonical encoding)
 * @example fieldFromBytes(new Uint8Array(32)) // 0n
 */
export function fieldFromBytes(bytes: Uint8Array): bigint {
  const value = decodeLittleEndian(bytes);
  if (value >= p)
    throw new CryptoError('INVALID_ENCODING', 'field25519: encoded element is not less than p');
  return value;
}

/**
 * Writes a field element as exactly 32 little-endian bytes (RFC 7748 §5, encodeUCoordinate
 * for a reduced u).
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldToBytes(9n) // 09 00 00 … 00
 */
export function fieldToBytes(a: bigint): Uint8Array {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  let rest = a;
  for (let i = 0; i < 32; i += 4) {
    view.setUint32(i, Number(rest & 0xffffffffn), true);
    rest >>= 32n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The lazy forms: the inner loop of the ladder (ladder.ts). An element is any integer standing
// for its residue mod p; no argument checks, no branches on values. Each states the bound it
// needs; the ladder's comments show that every line stays within it. Not exported from the
// package.
// ---------------------------------------------------------------------------------------------

/**
 * a + b, not reduced: |a + b| ≤ |a| + |b|.
 * @example fieldAddLazy(p, 1n) // p + 1n, which stands for 1
 */
export function fieldAddLazy(a: bigint, b: bigint): bigint {
  return a + b;
}

/**
 * a − b, not reduced (and possibly negative): |a − b| ≤ |a| + |b|.
 * @example fieldSubLazy(1n, 2n) // −1n, which stands for p − 1
 */
export function fieldSubLazy(a: bigint, b: bigint): bigint {
  return a - b;
}

/**
 * a · b reduced by two folds: for |a|, |b| < 2^300 the result r ≡ a·b has |r| < 2^256.
 * @example fieldMulLazy(2n ** 254n, 2n) // 19n
 */
export function fieldMulLazy(a: bigint, b: bigint): bigint {
  return reduce(a * b);
}

/**
 * a² reduced by two folds: for |a| < 2^300 the result r ≡ a² has 0 ≤ r < 2^256.
 * @example fieldSquareLazy(3n) // 9n
 */
export function fieldSquareLazy(a: bigint): bigint {
  return reduce(a * a);
}

/**
 * c · a for a small constant c (|c| < 2^32), NOT reduced: a multiplication by a one-word
 * number is cheap, and for |a| < 2^257 the result stays below 2^289, inside the 2^300 that
 * fieldMulLazy accepts. The ladder's a24 = 121665 is the one use.
 * @example fieldScaleLazy(121665n, 2n) // 243330n
 */
export function fieldScaleLazy(c: bigint, a: bigint): bigint {
  return c * a;
}
