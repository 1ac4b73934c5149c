/**
 * Generic modular arithmetic on BigInt: the plain operations every later layer is built on.
 *
 * For a modulus m > 1 the residues are the integers 0 … m−1. Here:
 *   mod(a, m)               the least non-negative residue of a (JavaScript's % keeps the sign of a)
 *   modAdd / modSub         a ± b reduced with one conditional correction (no % on a sum)
 *   modPow(a, e, m)         a^e mod m by left-to-right square-and-multiply
 *   modInverseVartime(a, m) a^−1 mod m by the extended Euclidean algorithm:
 *                           keep r_i = s_i·a + t_i·m; when r = gcd(a, m) = 1, s_i is the inverse
 *
 * Deliberately not here: anything constant-time. modPow and modInverseVartime branch on the
 * bits and quotients of their inputs, so they are for public values (or for tests). The field
 * layer (fp.ts) has the fixed addition chain used for secrets.
 */
import { assertBigInt } from '../bytes/assert.js';

function assertModulus(m: unknown): asserts m is bigint {
  assertBigInt(m, 'm');
  if (m <= 1n) throw new RangeError('m must be greater than 1');
}

/**
 * The least non-negative residue of `a` modulo `m`, in [0, m−1].
 * @param a - any integer, negative allowed
 * @param m - the modulus, > 1
 * @returns a mod m
 * @throws TypeError for a non-bigint; RangeError when m ≤ 1
 * @example mod(-1n, 7n) // 6n
 */
export function mod(a: bigint, m: bigint): bigint {
  assertBigInt(a, 'a');
  assertModulus(m);
  const r = a % m;
  return r < 0n ? r + m : r;
}

/**
 * (a + b) mod m for residues a, b ∈ [0, m−1], with one conditional subtraction.
 * @throws TypeError for a non-bigint; RangeError when m ≤ 1 or a, b are not in [0, m−1]
 * @example modAdd(5n, 4n, 7n) // 2n
 */
export function modAdd(a: bigint, b: bigint, m: bigint): bigint {
  assertModulus(m);
  assertBigInt(a, 'a', 0n, m - 1n);
  assertBigInt(b, 'b', 0n, m - 1n);
  const s = a + b;
  return s >= m ? s - m : s;
}

/**
 * (a − b) mod m for residues a, b ∈ [0, m−1], with one conditional addition.
 * @throws TypeError for a non-bigint; RangeError when m ≤ 1 or a, b are not in [0, m−1]
 * @example modSub(2n, 5n, 7n) // 4n
 */
export function modSub(a: bigint, b: bigint, m: bigint): bigint {
  assertModulus(m);
  assertBigInt(a, 'a', 0n, m - 1n);
  assertBigInt(b, 'b', 0n, m - 1n);
  const d = a - b;
  return d < 0n ? d + m : d;
}

/**
 * a^e mod m by left-to-right square-and-multiply (variable time: branches on the bits of e).
 * @param a - the base (any integer; reduced first)
 * @param e - the exponent, ≥ 0
 * @param m - the modulus, > 1
 * @returns a^e mod m
 * @throws TypeError for a non-bigint; RangeError for a negative exponent or m ≤ 1
 * @example modPow(3n, 4n, 7n) // 81 mod 7 = 4n
 */
export function modPow(a: bigint, e: bigint, m: bigint): bigint {
  assertBigInt(e, 'e', 0n);
  const base = mod(a, m);
  let result = 1n;
  for (let i = e.toString(2), j = 0; j < i.length; j++) {
    result = (result * result) % m;
    if (i[j] === '1') result = (result * base) % m;
  }
  return result % m;
}

/**
 * a^−1 mod m by the extended Euclidean algorithm (variable time: use for public values only).
 *
 * Invariants kept through the loop: r0 ≡ s0·a and r1 ≡ s1·a (mod m). The remainders fall
 * to gcd(a, m); when that is 1, s0 is the inverse.
 *
 * @param a - the value to invert (any integer; reduced first)
 * @param m - the modulus, > 1
 * @returns the x in [1, m−1] with a·x ≡ 1 (mod m)
 * @throws TypeError for a non-bigint; RangeError when gcd(a, m) ≠ 1 (for example a ≡ 0)
 * @example modInverseVartime(3n, 7n) // 5n, since 3·5 = 15 ≡ 1 (mod 7)
 */
export function modInverseVartime(a: bigint, m: bigint): bigint {
  let r0 = mod(a, m);
  let r1 = m;
  let s0 = 1n;
  let s1 = 0n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    const r2 = r0 - q * r1;
    r0 = r1;
    r1 = r2;
    const s2 = s0 - q * s1;
    s0 = s1;
    s1 = s2;
  }
  if (r0 !== 1n) throw new RangeError('modular: value is not invertible modulo m');
  return s0 < 0n ? s0 + m : s0;
}
