/**
 * The P-256 base field F_p, p = 2^256 − 2^224 + 2^192 + 2^96 − 1 (SEC 2 v2 §2.4.2,
 * SP 800-186 §3.2.1.3), on BigInt.
 *
 * Elements are bigints in [0, p−1]; every function takes reduced inputs and returns a reduced
 * output. The exported functions check their arguments (TypeError for a non-bigint,
 * RangeError outside [0, p−1]); the point formulas, which are the inner loop of everything
 * above, call the unchecked forms at the end of this file instead (same math, no checks).
 *   fieldAdd / fieldSub     one correction by ±p, never % on a sum; the correction
 *                           is branch-free: s − p is negative exactly when s < p, and then
 *                           (s − p) >> 256 = −1 (all ones), else 0, so p & that mask is the
 *                           amount to add back
 *   fieldMul / fieldSquare  (a·b) mod p with V8's own BigInt remainder, which beat
 *                           Barrett and Montgomery reduction in BigInt (docs/measurements.md)
 *   fieldInverse(a)         a^(p−2) (Fermat: a^(p−1) = 1 for a ≠ 0) by a fixed addition chain:
 *                           255 squarings and 12 multiplications, the same for every a
 *   fieldSqrt(a)            p ≡ 3 (mod 4), so a root, if any, is a^((p+1)/4) (checked by squaring)
 *
 * Deliberately not here: true constant time. fieldInverse and fieldSqrt perform the same
 * sequence of operations for every input, but BigInt multiplication and remainder take time
 * that depends on the operands' sizes, and the engine may vary too. fieldInverseVartime (the
 * extended Euclidean algorithm) is faster and branches on its input: public values only.
 */
import { assertBigInt, assertBytes } from '../bytes/assert.js';
import { bytesToBigInt, bigIntToBytes } from '../bytes/bigint.js';
import { CryptoError } from '../errors.js';
import { modInverseVartime, modPow } from './modular.js';
import { p } from './p256-domain.js';

export { p };

/** p − 1, the largest field element (the upper bound of every argument check). */
const P_MINUS_1 = p - 1n;

/**
 * (a + b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldAdd(p - 1n, 2n) // 1n
 */
export function fieldAdd(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return fieldAddUnchecked(a, b);
}

/**
 * (a − b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldSub(1n, 2n) // p − 1
 */
export function fieldSub(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return fieldSubUnchecked(a, b);
}

/**
 * −a mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldNeg(1n) // p − 1
 */
export function fieldNeg(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return fieldNegUnchecked(a);
}

/**
 * (a · b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldMul(2n, 3n) // 6n
 */
export function fieldMul(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return (a * b) % p;
}

/**
 * a² mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSquare(3n) // 9n
 */
export function fieldSquare(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return (a * a) % p;
}

/**
 * a^e mod p for a public exponent e ≥ 0 (square-and-multiply: time depends on e).
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1] or e < 0
 * @example fieldPow(2n, 10n) // 1024n
 */
export function fieldPow(a: bigint, e: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(e, 'e', 0n);
  return modPow(a, e, p);
}

/** a^(2^k): k squarings in a row. */
function squareTimes(a: bigint, k: number): bigint {
  let r = a;
  for (let i = 0; i < k; i++) r = (r * r) % p;
  return r;
}

/**
 * a^(2^32 − 1), together with a^(2^2 − 1) and a^(2^30 − 1), the building blocks of both
 * exponents below. Write x_k = a^(2^k − 1); then x_(i+j) = x_i^(2^j) · x_j.
 */
function powerChain32(a: bigint): { x2: bigint; x30: bigint; x32: bigint } {
  const x2 = (((a * a) % p) * a) % p; //          x2  = x1^2 · x1          (1 S, 1 M)
  const x3 = (((x2 * x2) % p) * a) % p; //        x3  = x2^2 · x1          (1 S, 1 M)
  const x6 = (squareTimes(x3, 3) * x3) % p; //    x6  = x3^(2^3) · x3      (3 S, 1 M)
  const x12 = (squareTimes(x6, 6) * x6) % p; //   x12 = x6^(2^6) · x6      (6 S, 1 M)
  const x15 = (squareTimes(x12, 3) * x3) % p; //  x15 = x12^(2^3) · x3     (3 S, 1 M)
  const x30 = (squareTimes(x15, 15) * x15) % p; // x30 = x15^(2^15) · x15  (15 S, 1 M)
  const x32 = (squareTimes(x30, 2) * x2) % p; //  x32 = x30^(2^2) · x2     (2 S, 1 M)
  return { x2, x30, x32 };
}

/**
 * a^−1 mod p as a^(p−2) (Fermat's little theorem), by a fixed addition chain.
 *
 * p − 2 in binary, from the top: 32 ones | 31 zeros, 1 one | 96 zeros | 64 ones | 30 ones, 0, 1.
 * So a^(p−2) = ((((x32^(2^32) · a)^(2^96))^(2^32) · x32)^(2^32) · x32)^(2^30) · x30)^(2^2) · a,
 * with x_k = a^(2^k − 1): 255 squarings and 12 multiplications whatever a is.
 *
 * @param a - a field element in [1, p−1]
 * @returns a^−1 mod p; 0 for a = 0 (0^(p−2) = 0: callers that can meet 0 must check)
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldMul(fieldInverse(3n), 3n) // 1n
 */
export function fieldInverse(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  const { x30, x32 } = powerChain32(a);
  let t = (squareTimes(x32, 32) * a) % p; // exponent: ffffffff 00000001
  t = squareTimes(t, 96); //                 … followed by 96 zero bits
  t = (squareTimes(t, 32) * x32) % p; //     … ffffffff
  t = (squareTimes(t, 32) * x32) % p; //     … ffffffff
  t = (squareTimes(t, 30) * x30) % p; //     … 30 ones
  return (squareTimes(t, 2) * a) % p; //     … 01: the exponent is now p − 2
}

/**
 * a^−1 mod p by the extended Euclidean algorithm: faster, but its running time depends on a.
 * Use it only for public values (a peer's point, the generator's table).
 * @throws TypeError for a non-bigint; RangeError when a = 0 or a is not in [0, p−1]
 * @example fieldInverseVartime(3n) === fieldInverse(3n) // true
 */
export function fieldInverseVartime(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return modInverseVartime(a, p);
}

/**
 * A square root of a modulo p, or null when a is not a square.
 *
 * Since p ≡ 3 (mod 4), r = a^((p+1)/4) satisfies r² = a^((p+1)/2) = a · a^((p−1)/2) = ±a
 * (Euler's criterion), so r is a root exactly when r² = a, which is checked.
 * (p+1)/4 = 2^254 − 2^222 + 2^190 + 2^94, reached by the chain ((x32^(2^32) · a)^(2^96) · a)^(2^94).
 *
 * @param a - a field element in [0, p−1]
 * @returns r with r² ≡ a (the other root is p − r), or null when none exists
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSqrt(4n) // 2n or p − 2n
 */
export function fieldSqrt(a: bigint): bigint | null {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  const { x32 } = powerChain32(a);
  let r = (squareTimes(x32, 32) * a) % p; // exponent: ffffffff 00000001
  r = (squareTimes(r, 96) * a) % p; //       … then 95 zeros and a one
  r = squareTimes(r, 94); //                 … then 94 zeros: (p+1)/4
  return (r * r) % p === a ? r : null;
}

/**
 * Reads a field element from exactly 32 big-endian bytes (SEC 1 §2.3.6, Octet-String-to-Field-Element).
 * @param bytes - 32 bytes
 * @returns the element, in [0, p−1]
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long;
 *   CryptoError INVALID_ENCODING when the value is ≥ p (not a canonical encoding)
 * @example fieldFromBytes(new Uint8Array(32)) // 0n
 */
export function fieldFromBytes(bytes: Uint8Array): bigint {
  assertBytes(bytes, 'bytes', 32);
  const value = bytesToBigInt(bytes);
  if (value >= p)
    throw new CryptoError('INVALID_ENCODING', 'field: encoded element is not less than p');
  return value;
}

/**
 * Writes a field element as exactly 32 big-endian bytes (SEC 1 §2.3.5, Field-Element-to-Octet-String).
 * @param a - an element in [0, p−1]
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldToBytes(1n) // 31 zero bytes, then 0x01
 */
export function fieldToBytes(a: bigint): Uint8Array {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return bigIntToBytes(a, 32);
}

// ---------------------------------------------------------------------------------------------
// The unchecked forms: the inner loop of the point formulas (jacobian.ts, coz.ts, ladder.ts,
// fixed-base.ts), where every value is already a reduced field element. Same math as the
// checked functions above, no argument checks, and no branch on the values: the correction by
// p is selected by a mask, so the sequence of BigInt operations is the same for every input.
// They are not exported from the package.
// ---------------------------------------------------------------------------------------------

/**
 * (a + b) mod p for a, b ∈ [0, p−1], unchecked and branch-free: s = a + b − p lies in
 * (−p, p − 1); s >> 256 is −1 (all ones) exactly when s < 0, so p & (s >> 256) adds p back then.
 * @example fieldAddUnchecked(p - 1n, 2n) // 1n
 */
export function fieldAddUnchecked(a: bigint, b: bigint): bigint {
  const s = a + b - p;
  return s + (p & (s >> 256n));
}

/**
 * (a − b) mod p for a, b ∈ [0, p−1], unchecked and branch-free: d = a − b lies in (−p, p), and
 * p & (d >> 256) is p exactly when d < 0.
 * @example fieldSubUnchecked(1n, 2n) // p − 1
 */
export function fieldSubUnchecked(a: bigint, b: bigint): bigint {
  const d = a - b;
  return d + (p & (d >> 256n));
}

/**
 * −a mod p for a ∈ [0, p−1], unchecked and branch-free (0 − a, corrected as in fieldSubUnchecked).
 * @example fieldNegUnchecked(1n) // p − 1
 */
export function fieldNegUnchecked(a: bigint): bigint {
  const d = -a;
  return d + (p & (d >> 256n));
}

/**
 * (a · b) mod p for a, b ∈ [0, p−1], unchecked.
 * @example fieldMulUnchecked(2n, 3n) // 6n
 */
export function fieldMulUnchecked(a: bigint, b: bigint): bigint {
  return (a * b) % p;
}

/**
 * a² mod p for a ∈ [0, p−1], unchecked.
 * @example fieldSquareUnchecked(3n) // 9n
 */
export function fieldSquareUnchecked(a: bigint): bigint {
  return (a * a) % p;
}
