/**
 * Lazy arithmetic in the P-256 base field F_p (p = 2^256 − 2^224 + 2^192 + 2^96 − 1, SEC 2 v2
 * §2.4.2): the representation the co-Z ladder's inner loop computes in (coz-xy.ts, ladder.ts).
 *
 * An element is ANY integer, negative included, standing for its residue mod p. Nothing here
 * corrects a sum or a difference back into [0, p − 1]: in BigInt each such correction is three
 * more operations (a subtraction of p, a shift for the sign mask, an AND and an addition), each
 * allocating, and a ladder step has about twenty additions and subtractions. Products are
 * reduced by V8's BigInt remainder, which keeps the sign of the product:
 *
 *   fieldMulLazy(a, b)     (a·b) % p: r ≡ a·b with |r| < p (r ≤ 0 when a·b < 0)
 *   fieldSquareLazy(a)     (a·a) % p: 0 ≤ r < p
 *   fieldAddLazy(a, b)     a + b, not reduced
 *   fieldSubLazy(a, b)     a − b, not reduced (possibly negative)
 *   fieldCanonical(a)      the representative in [0, p − 1] of an a with |a| < p, by one masked
 *                          addition of p (ends a lazy computation)
 *
 * The remainder costs about the same for any dividend of up to twice p's 256 bits, so the
 * callers keep every operand of a product below a small multiple of p (coz-xy.ts states the
 * bound of every line: all below 4p, so every product is below 16p² < 2^516).
 *
 * Why BigInt's remainder and not the special form of p. FIPS 186-4 Appendix D.2.3 reduces a
 * 512-bit product mod this p with 32-bit words: nine 256-bit terms made from the product's
 * sixteen words, added and subtracted, then a few subtractions of p. In BigInt, cutting a
 * product into words and joining the result back costs more operations, each allocating, than
 * the one remainder it would replace (docs/performance.md has the measurement), so the special
 * form is not used. Neither are Barrett or Montgomery reduction written in BigInt: each needs
 * two more multiplications and several shifts and masks, and is slower than the remainder in V8.
 *
 * Deliberately not here: argument checks (this is the inner loop; fp.ts computes on reduced
 * elements, and field.ts checks its arguments), and constant time. The functions do the same
 * BigInt operations for every input and never branch on a value, but a BigInt operation takes
 * time that depends on its operands' sizes and signs, and the engine allocates and may
 * recompile at will.
 */
import { p } from './p256-domain.js';

/**
 * a · b mod p, lazily: for any integers a, b, the result r ≡ a·b (mod p) has |r| < p and the
 * sign of a·b (JavaScript's % truncates toward zero).
 * @example fieldMulLazy(-2n, 3n) // −6n, which stands for P256.p − 6n
 */
export function fieldMulLazy(a: bigint, b: bigint): bigint {
  return (a * b) % p;
}

/**
 * a² mod p, lazily: for any integer a, the result r ≡ a² (mod p) has 0 ≤ r < p.
 * @example fieldSquareLazy(-3n) // 9n
 */
export function fieldSquareLazy(a: bigint): bigint {
  return (a * a) % p;
}

/**
 * a + b, not reduced: |a + b| ≤ |a| + |b|.
 * @example fieldAddLazy(P256.p, 1n) // P256.p + 1n, which stands for 1
 */
export function fieldAddLazy(a: bigint, b: bigint): bigint {
  return a + b;
}

/**
 * a − b, not reduced (and possibly negative): |a − b| ≤ |a| + |b|.
 * @example fieldSubLazy(1n, 2n) // −1n, which stands for P256.p − 1n
 */
export function fieldSubLazy(a: bigint, b: bigint): bigint {
  return a - b;
}

/**
 * The representative in [0, p − 1] of a lazy element a with |a| < p (every product of
 * fieldMulLazy is one), without a branch: a >> 256 is −1 (all ones) exactly when a < 0, so
 * p & (a >> 256) is p then and 0 otherwise.
 * @example fieldCanonical(-1n) // P256.p − 1n
 */
export function fieldCanonical(a: bigint): bigint {
  return a + (p & (a >> 256n));
}
