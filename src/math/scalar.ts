/**
 * Arithmetic modulo the P-256 group order
 * n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551 (SEC 2 v2 §2.4.2),
 * and the fixed 32-byte encoding of scalars (private keys).
 *
 *   scalarAdd / scalarSub / scalarNeg / scalarMul   the ring Z/nZ, inputs in [0, n−1] (checked:
 *                      TypeError for a non-bigint, RangeError outside [0, n−1]; nothing in
 *                      ecdh-lab calls these in a loop)
 *   scalarInverse(a)   a^(n−2) mod n (Fermat; n is prime) by sliding windows over the public
 *                      exponent n − 2: the operation sequence is fixed, the BigInt timing is not
 *   scalarFromBytes    SEC 1 §2.3.8 Octet-String-to-Integer, then the private-key range check
 *                      1 ≤ d ≤ n − 1 (SEC 1 §3.2.1, SP 800-56A rev3 §5.6.2.1.2)
 *
 * Deliberately not here: ECDSA itself (src/ecdsa), and constant time (see fp.ts).
 */
import { assertBigInt, assertBytes } from '../bytes/assert.js';
import { bytesToBigInt, bigIntToBytes } from '../bytes/bigint.js';
import { CryptoError } from '../errors.js';
import { n } from './p256-domain.js';

export { n };

/** n − 1, the largest scalar (the upper bound of every argument check). */
const N_MINUS_1 = n - 1n;

/**
 * (a + b) mod n.
 * @throws TypeError for a non-bigint; RangeError outside [0, n−1]
 * @example scalarAdd(n - 1n, 2n) // 1n
 */
export function scalarAdd(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, N_MINUS_1);
  assertBigInt(b, 'b', 0n, N_MINUS_1);
  const s = a + b;
  return s >= n ? s - n : s;
}

/**
 * (a − b) mod n.
 * @throws TypeError for a non-bigint; RangeError outside [0, n−1]
 * @example scalarSub(0n, 1n) // n − 1
 */
export function scalarSub(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, N_MINUS_1);
  assertBigInt(b, 'b', 0n, N_MINUS_1);
  const difference = a - b;
  return difference < 0n ? difference + n : difference;
}

/**
 * −a mod n.
 * @throws TypeError for a non-bigint; RangeError outside [0, n−1]
 * @example scalarNeg(1n) // n − 1
 */
export function scalarNeg(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, N_MINUS_1);
  return a === 0n ? 0n : n - a;
}

/**
 * (a · b) mod n.
 * @throws TypeError for a non-bigint; RangeError outside [0, n−1]
 * @example scalarMul(2n, 3n) // 6n
 */
export function scalarMul(a: bigint, b: bigint): bigint {
  assertBigInt(a, 'a', 0n, N_MINUS_1);
  assertBigInt(b, 'b', 0n, N_MINUS_1);
  return (a * b) % n;
}

/** The window width of scalarInverse: odd powers a^1, a^3, …, a^(2^5 − 1) are precomputed. */
const WINDOW = 5;

/**
 * The fixed schedule of scalarInverse: n − 2 read from its top bit in sliding windows (Guide to
 * ECC, Alg. 2.2 and §2.2.2's sliding windows): each step squares `squarings` times, then
 * multiplies by a^digit (digit odd, below 2^WINDOW; 0 for the trailing squarings, if any).
 * Computed once from the public exponent; it is the same for every a.
 */
const SCHEDULE: readonly { squarings: number; digit: number }[] = (() => {
  const bits = (n - 2n).toString(2);
  const steps: { squarings: number; digit: number }[] = [];
  let squarings = 0;
  for (let i = 0; i < bits.length; ) {
    if (bits[i] === '0') {
      squarings++;
      i++;
      continue;
    }
    let j = Math.min(i + WINDOW, bits.length);
    while (bits[j - 1] === '0') j--; // a window ends on a 1 bit, so its digit is odd
    steps.push({
      squarings: steps.length === 0 ? 0 : squarings + (j - i),
      digit: parseInt(bits.slice(i, j), 2),
    });
    squarings = 0;
    i = j;
  }
  if (squarings > 0) steps.push({ squarings, digit: 0 });
  return steps;
})();

/**
 * a^−1 mod n as a^(n−2) (Fermat; n is prime), by a sliding-window exponentiation whose
 * schedule comes from the public exponent alone: 1 squaring and 15 multiplications for the
 * odd powers a, a³, …, a³¹, then 251 squarings and 43 multiplications, the same for every a.
 * This fixed shape is why ECDSA inverts its secret nonce k with it rather than with the
 * extended Euclidean algorithm (modInverseVartime), whose steps depend on the value. (BigInt
 * multiplication and remainder still take operand-dependent time: constant-time-style, not
 * constant time.)
 * @param a - a scalar in [1, n−1]
 * @returns a^−1 mod n (0 for a = 0)
 * @throws TypeError for a non-bigint; RangeError outside [0, n−1]
 * @example scalarMul(scalarInverse(3n), 3n) // 1n
 */
export function scalarInverse(a: bigint): bigint {
  assertBigInt(a, 'a', 0n, N_MINUS_1);
  const a2 = (a * a) % n;
  const oddPowers = [a]; // oddPowers[i] = a^(2i + 1)
  for (let i = 1; i < 1 << (WINDOW - 1); i++) oddPowers.push((oddPowers[i - 1] * a2) % n);
  let r = 1n;
  for (const { squarings, digit } of SCHEDULE) {
    for (let i = 0; i < squarings; i++) r = (r * r) % n;
    if (digit !== 0) r = (r * oddPowers[digit >> 1]) % n; // the index is public: the exponent's digit
  }
  return r;
}

declare const privateScalarBrand: unique symbol;

/**
 * A P-256 private scalar that passed the range check 1 ≤ d ≤ n − 1 (SEC 1 §3.2.1). Only
 * parsePrivateScalar and scalarFromBytes make one, so a function that takes a PrivateScalar
 * does not check it again: the type is the proof.
 */
export type PrivateScalar = bigint & { readonly [privateScalarBrand]: true };

/**
 * How often the private-scalar range check has run in this process. For the tests that prove
 * a key is checked once (test/ecdh/one-validation.test.ts); no entry point exports it.
 */
export const scalarChecks = { count: 0 };

/**
 * Checks that `d` is a valid private scalar: a bigint with 1 ≤ d ≤ order − 1 (SEC 1 §3.2.1,
 * SP 800-56A rev3 §5.6.1.2). Every function that takes a private key as a bigint checks it
 * here, so an out-of-range private key is the same error everywhere: CryptoError INVALID_SCALAR.
 * @param d - the candidate private scalar
 * @param order - the group order (default: P-256's n)
 * @param name - the argument's name, for the TypeError
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR when out of range
 * @example assertScalarRange(1n) // passes; assertScalarRange(0n) throws INVALID_SCALAR
 */
export function assertScalarRange(d: unknown, order: bigint = n, name = 'd'): asserts d is bigint {
  scalarChecks.count++;
  assertBigInt(d, name);
  if (d < 1n || d >= order)
    throw new CryptoError('INVALID_SCALAR', `scalar: private scalar ${name} must be in [1, n-1]`);
}

/**
 * Checks a P-256 private scalar once (assertScalarRange) and returns it as a PrivateScalar.
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR when d is 0, negative or ≥ n
 * @example const d = parsePrivateScalar(1n)
 */
export function parsePrivateScalar(d: unknown, name = 'd'): PrivateScalar {
  assertScalarRange(d, n, name);
  return d as PrivateScalar;
}

/**
 * Reads a private scalar from exactly 32 big-endian bytes and checks 1 ≤ d ≤ n − 1.
 * @param bytes - 32 bytes
 * @returns d
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes;
 *   CryptoError INVALID_SCALAR when the value is 0 or ≥ n
 * @example scalarFromBytes(hexToBytes('00'.repeat(31) + '01')) // 1n
 */
export function scalarFromBytes(bytes: Uint8Array): PrivateScalar {
  assertBytes(bytes, 'bytes', 32);
  return parsePrivateScalar(bytesToBigInt(bytes));
}

/**
 * Writes a scalar as exactly 32 big-endian bytes.
 * @param d - a scalar in [0, n−1]
 * @throws TypeError for a non-bigint; RangeError when d is not in [0, n−1]
 * @example scalarToBytes(1n) // 31 zero bytes, then 0x01
 */
export function scalarToBytes(d: bigint): Uint8Array {
  assertBigInt(d, 'd', 0n, N_MINUS_1);
  return bigIntToBytes(d, 32);
}
