/**
 * Arithmetic in F_p, the P-256 base field (p = 2^256 − 2^224 + 2^192 + 2^96 − 1, SEC 2 v2
 * §2.4.2), on elements that are already reduced: bigints in [0, p − 1]. These functions do not
 * check their arguments: they are the inner loop of the point formulas (jacobian-formulas.ts,
 * coz.ts, ladder.ts, fixed-base.ts, straus.ts), whose values are field elements by
 * construction. The
 * study tier's fieldAdd, fieldMul, … (field.ts, exported by `ecdh-lab/math`) check their
 * arguments and then call these.
 *
 *   add / sub / neg   one correction by ±p, never % on a sum; the correction is branch-free:
 *                     s − p is negative exactly when s < p, and then (s − p) >> 256 = −1 (all
 *                     ones), else 0, so p & that mask is the amount to add back
 *   mul / square      (a·b) mod p with V8's own BigInt remainder, which beat Barrett and
 *                     Montgomery reduction in BigInt (docs/measurements.md)
 *   inverse(a)        a^(p−2) (Fermat: a^(p−1) = 1 for a ≠ 0) by a fixed addition chain:
 *                     255 squarings and 12 multiplications, the same for every a
 *   inverseVartime(a) the extended Euclidean algorithm: faster, branches on a (public values only)
 *   sqrt(a)           p ≡ 3 (mod 4), so a root, if any, is a^((p+1)/4) (checked by squaring)
 *
 * Deliberately not here: true constant time. add, sub and neg select the correction by a mask,
 * so the sequence of BigInt operations is the same for every input, and inverse and sqrt
 * perform the same sequence for every input; but BigInt multiplication and remainder take time
 * that depends on the operands' sizes, and the engine may vary too.
 */
import { modInverseVartime } from './modular.js';
import { p } from './p256-domain.js';

export { p };

/**
 * (a + b) mod p, branch-free: s = a + b − p lies in (−p, p − 1); s >> 256 is −1 (all ones)
 * exactly when s < 0, so p & (s >> 256) adds p back then.
 * @example add(p - 1n, 2n) // 1n
 */
export function add(a: bigint, b: bigint): bigint {
  const s = a + b - p;
  return s + (p & (s >> 256n));
}

/**
 * (a − b) mod p, branch-free: d = a − b lies in (−p, p), and p & (d >> 256) is p exactly when
 * d < 0.
 * @example sub(1n, 2n) // p − 1
 */
export function sub(a: bigint, b: bigint): bigint {
  const d = a - b;
  return d + (p & (d >> 256n));
}

/**
 * −a mod p, branch-free (0 − a, corrected as in sub).
 * @example neg(1n) // p − 1
 */
export function neg(a: bigint): bigint {
  const d = -a;
  return d + (p & (d >> 256n));
}

/**
 * (a · b) mod p.
 * @example mul(2n, 3n) // 6n
 */
export function mul(a: bigint, b: bigint): bigint {
  return (a * b) % p;
}

/**
 * a² mod p.
 * @example square(3n) // 9n
 */
export function square(a: bigint): bigint {
  return (a * a) % p;
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
 * @returns a^−1 mod p; 0 for a = 0 (0^(p−2) = 0: callers that can meet 0 must check)
 * @example mul(inverse(3n), 3n) // 1n
 */
export function inverse(a: bigint): bigint {
  const { x30, x32 } = powerChain32(a);
  let t = (squareTimes(x32, 32) * a) % p; // exponent: ffffffff 00000001
  t = squareTimes(t, 96); //                 … followed by 96 zero bits
  t = (squareTimes(t, 32) * x32) % p; //     … ffffffff
  t = (squareTimes(t, 32) * x32) % p; //     … ffffffff
  t = (squareTimes(t, 30) * x30) % p; //     … 30 ones
  return (squareTimes(t, 2) * a) % p; //     … 01: the exponent is now p − 2
}

/**
 * a^−1 mod p by the extended Euclidean algorithm (modular.ts): faster than inverse, but its
 * running time depends on a. Public values only (a peer's point, the generator's tables).
 * @example inverseVartime(3n) === inverse(3n) // true
 */
export function inverseVartime(a: bigint): bigint {
  return modInverseVartime(a, p);
}

/**
 * A square root of a modulo p, or null when a is not a square.
 *
 * Since p ≡ 3 (mod 4), r = a^((p+1)/4) satisfies r² = a^((p+1)/2) = a · a^((p−1)/2) = ±a
 * (Euler's criterion), so r is a root exactly when r² = a, which is checked.
 * (p+1)/4 = 2^254 − 2^222 + 2^190 + 2^94, reached by the chain ((x32^(2^32) · a)^(2^96) · a)^(2^94).
 *
 * @returns r with r² ≡ a (the other root is p − r), or null when none exists
 * @example sqrt(4n) // 2n or p − 2n
 */
export function sqrt(a: bigint): bigint | null {
  const { x32 } = powerChain32(a);
  let r = (squareTimes(x32, 32) * a) % p; // exponent: ffffffff 00000001
  r = (squareTimes(r, 96) * a) % p; //       … then 95 zeros and a one
  r = squareTimes(r, 94); //                 … then 94 zeros: (p+1)/4
  return (r * r) % p === a ? r : null;
}
