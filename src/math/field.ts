/**
 * The P-256 base field F_p, p = 2^256 − 2^224 + 2^192 + 2^96 − 1 (SEC 2 v2 §2.4.2,
 * SP 800-186 §3.2.1.3), for the study tier (`ecdh-lab/math`): each function checks its
 * arguments (TypeError for a non-bigint, RangeError outside [0, p−1]) and then computes with
 * fp.ts, where the arithmetic itself is written out and explained. Inside the library the point
 * formulas call fp.ts directly: their values are field elements by construction.
 *
 *   fieldAdd / fieldSub / fieldNeg / fieldMul / fieldSquare   fp.ts add, sub, neg, mul, square
 *   fieldInverse(a)         a^(p−2) by a fixed addition chain (fp.ts inverse)
 *   fieldInverseVartime(a)  the extended Euclidean algorithm, variable time: public values only
 *   fieldSqrt(a)            a^((p+1)/4), checked by squaring (fp.ts sqrt)
 *   fieldPow(a, e)          square-and-multiply over a public e
 *   fieldFromBytes / fieldToBytes   SEC 1 §2.3.6 / §2.3.5, 32 big-endian bytes
 *
 * Deliberately not here: true constant time (see fp.ts).
 */
import { assertBigInt, assertBytes } from '../bytes/assert.js';
import { bytesToBigInt, bigIntToBytes } from '../bytes/bigint.js';
import { CryptoError } from '../errors.js';
import { add, inverse, inverseVartime, mul, neg, sqrt, square, sub } from './fp.js';
import { modPow } from './modular.js';
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
  return add(a, b);
}

/**
 * (a − b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldSub(1n, 2n) // p − 1
 */
export function fieldSub(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return sub(a, b);
}

/**
 * −a mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldNeg(1n) // p − 1
 */
export function fieldNeg(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return neg(a);
}

/**
 * (a · b) mod p.
 * @throws TypeError for a non-bigint; RangeError when a or b is not in [0, p−1]
 * @example fieldMul(2n, 3n) // 6n
 */
export function fieldMul(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  assertBigInt(b, 'b', 0n, P_MINUS_1);
  return mul(a, b);
}

/**
 * a² mod p.
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSquare(3n) // 9n
 */
export function fieldSquare(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return square(a);
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

/**
 * a^−1 mod p as a^(p−2) (Fermat's little theorem), by the fixed addition chain of fp.ts
 * `inverse`: 255 squarings and 12 multiplications whatever a is.
 * @param a - a field element in [1, p−1]
 * @returns a^−1 mod p; 0 for a = 0 (0^(p−2) = 0: callers that can meet 0 must check)
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldMul(fieldInverse(3n), 3n) // 1n
 */
export function fieldInverse(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return inverse(a);
}

/**
 * a^−1 mod p by the extended Euclidean algorithm: faster, but its running time depends on a.
 * Use it only for public values (a peer's point, the generator's table).
 * @throws TypeError for a non-bigint; RangeError when a = 0 or a is not in [0, p−1]
 * @example fieldInverseVartime(3n) === fieldInverse(3n) // true
 */
export function fieldInverseVartime(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return inverseVartime(a);
}

/**
 * A square root of a modulo p, or null when a is not a square: a^((p+1)/4), a root exactly
 * when its square is a (p ≡ 3 mod 4; the reasoning is at fp.ts `sqrt`).
 * @param a - a field element in [0, p−1]
 * @returns r with r² ≡ a (the other root is p − r), or null when none exists
 * @throws TypeError for a non-bigint; RangeError when a is not in [0, p−1]
 * @example fieldSqrt(4n) // 2n or p − 2n
 */
export function fieldSqrt(a: bigint): bigint | null {
  assertBigInt(a, 'a', 0n, P_MINUS_1);
  return sqrt(a);
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
