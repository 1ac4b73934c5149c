/**
 * The x-only Montgomery ladder of RFC 7748 §5: u(k·P) from k and u(P) alone, on Curve25519.
 *
 * Why x-only works. P and −P share their u-coordinate, and so do k·P and k·(−P) = −(k·P): u(k·P)
 * depends on u(P) only. What it takes is a rule for u(R0 + R1) that needs no v, and there is one
 * when the DIFFERENCE R1 − R0 is known (Montgomery 1987): with R = (X : Z) standing for
 * u = X/Z (and O = (1 : 0)),
 *   doubling                X(2R) = (X² − Z²)²,   Z(2R) = 4XZ·(X² + A·XZ + Z²)
 *   differential addition   X(R0 + R1) = Z(R1 − R0) · 4(X0·X1 − Z0·Z1)²
 *   (R1 − R0 known)         Z(R0 + R1) = X(R1 − R0) · 4(X0·Z1 − Z0·X1)²
 * The ladder keeps R0 = j·P and R1 = (j+1)·P, so the INVARIANT R1 − R0 = P holds at every step
 * and the difference needed is always P itself, with X = u, Z = 1. For the next bit b of k:
 *   b = 0:  (R0, R1) ← (2·R0, R0 + R1)     b = 1:  (R0, R1) ← (R0 + R1, 2·R1)
 * done as: conditional swap, the fixed step (double R0, add), conditional swap back. As in
 * RFC 7748, two consecutive swaps merge into one swap by (bit ⊕ previous bit), and the swap is
 * a mask (m = 0 or all ones; t = (a ⊕ b) ∧ m; a ⊕= t; b ⊕= t), never an `if` on a key bit.
 *
 * Per step: 5M + 4S and one multiplication by the small constant a24 = (A − 2)/4 = 121665
 * (RFC 7748 §5's A, AA, B, BB, E, C, D, DA, CB, below). Then one inversion (254S + 11M by the
 * addition chain of field.ts) and one multiplication: u = X·Z^(p−2).
 *
 * Why there is no special case. P-256's co-Z ladder must steer around P = ±Q and O (its
 * header proves which four scalars would meet them). These formulas need no branch at all:
 * since A² − 4 is not a square mod p, Bernstein ("Curve25519: new Diffie-Hellman speed
 * records", PKC 2006) shows that they compute u(k·P) correctly for every u, on the curve and
 * on its twist, once the point at infinity is mapped to u = 0, which is what the final
 * X·Z^(p−2) does (0^(p−2) = 0). For example R0 = O = (1 : 0) enters the first step like any
 * other point: doubling it gives (1 : 0) again, and O + P comes out as (4u² : 4u) = (u : 1) = P.
 * So the ladder starts from R0 = O, R1 = P, runs exactly 255 steps (bits 254 … 0) and ends
 * with one inversion, whatever k and u are.
 *
 * Why clamping (x25519.ts, decodeScalar25519): the scalar's bit 254 is set, so every key has the
 * same length (no leading zeros for a shorter ladder to skip), and bits 0–2 are cleared, so
 * k is a multiple of the cofactor 8 and k·P lands in the prime-order subgroup whatever small-
 * order component a hostile P carries. The ladder itself takes any k in [0, 2^255).
 *
 * Elements are lazy (field.ts): additions and subtractions are not reduced, products are
 * reduced by folding 2^255 ≡ 19. The bounds, from |x2|, |z2|, |x3|, |z3| < 2^256 at the top of
 * each step, are on every line; every product stays below 2^600, the bound of reduce.
 *
 * What BigInt still leaks (read this before trusting it with a long-term key): the SEQUENCE
 * of operations is the same for every k and u, with no branch, `?:` or index on a key bit, but
 *   - the duration of each BigInt multiplication, shift, and, or, xor depends on the size of
 *     its operands (a lazy element that happens to be short or negative is different work),
 *     and the swap masks themselves are 0n (no digits) or −1n (one digit);
 *   - every operation allocates, and the garbage collector runs when it likes;
 *   - the JIT may compile the code differently over time.
 * This is "constant-time-style" code (as noble says of its own): it removes the gross leaks,
 * not the subtle ones. For real secrets on a shared machine, use node:crypto / WebCrypto.
 */
import { assertBigInt } from '../bytes/assert.js';
import {
  fieldAddLazy as add,
  fieldCanonical,
  fieldInverseLazy,
  fieldMulLazy as mul,
  fieldScaleLazy as scale,
  fieldSquareLazy as square,
  fieldSubLazy as sub,
  p,
} from './field.js';

/** a24 = (A − 2)/4 = (486662 − 2)/4 = 121665, the ladder's constant (RFC 7748 §5). */
const a24 = 121665n;

/** The number of ladder steps: the bits 254 … 0 of a scalar below 2^255. */
export const X25519_LADDER_BITS = 255;

/**
 * The bits of k, most significant first, exactly `length` of them, as numbers 0/1: k is cut
 * into 32-bit words by masking and shifting (the same steps whatever k is; no string
 * conversion of the secret), and each word into bits by number shifts.
 */
export function bitsOf(k: bigint, length: number): Uint8Array {
  const bits = new Uint8Array(length);
  let rest = k;
  for (let end = length; end > 0; end -= 32) {
    const word = Number(rest & 0xffffffffn); // the next 32 bits, from the bottom
    rest >>= 32n;
    for (let b = 0; b < 32 && b < end; b++) bits[end - 1 - b] = (word >>> b) & 1;
  }
  return bits;
}

/**
 * u(k·P) by the RFC 7748 §5 ladder: 255 steps whatever k is, masked swaps, then one inversion.
 * This is the X25519 function on integers, before any encoding: the scalar is NOT clamped here
 * (x25519.ts clamps), and a result of 0 (k·P = O) is returned, not refused.
 * @param k - the scalar, in [0, 2^255)
 * @param u - u(P), a field element in [0, p − 1] (of a point of the curve or of its twist)
 * @returns u(k·P) in [0, p − 1]; 0 when k·P is the point at infinity (or P = (0, 0) and k even …)
 * @throws TypeError for a non-bigint; RangeError when k or u is out of range
 * @example x25519Ladder(1n, 9n) // 9n
 */
export function x25519Ladder(k: bigint, u: bigint): bigint {
  assertBigInt(k, 'k', 0n, 2n ** 255n - 1n);
  assertBigInt(u, 'u', 0n, p - 1n);
  const bits = bitsOf(k, X25519_LADDER_BITS);
  const x1 = u; //            u(P): the fixed difference R1 − R0 = P, as (x1 : 1)
  let x2 = 1n; //             R0 = O = (1 : 0)
  let z2 = 0n;
  let x3 = u; //              R1 = P = (u : 1)
  let z3 = 1n;
  let swap = 0; //            the bit the pair is currently swapped by

  for (let i = 0; i < X25519_LADDER_BITS; i++) {
    const bit = bits[i]; //                   k_t, t = 254 − i
    // cswap(swap ⊕ k_t): swap back by the previous bit and swap by this one, in one go.
    const m = BigInt(-(swap ^ bit)); //       0n or −1n (all ones)
    swap = bit;
    let t = (x2 ^ x3) & m; //                 dummy = mask ∧ (x2 ⊕ x3)
    x2 ^= t;
    x3 ^= t;
    t = (z2 ^ z3) & m;
    z2 ^= t;
    z3 ^= t;
    // Now (x2 : z2) = R_b and (x3 : z3) = R_(1−b); R_b is doubled, R0 + R1 replaces R_(1−b).
    const A = add(x2, z2); //                 A  = x2 + z2                      |A| < 2^257
    const AA = square(A); //                  AA = A² = (x2 + z2)²              < 2^256
    const B = sub(x2, z2); //                 B  = x2 − z2                      |B| < 2^257
    const BB = square(B); //                  BB = B² = (x2 − z2)²              < 2^256
    const E = sub(AA, BB); //                 E  = AA − BB = 4·x2·z2           |E| < 2^257
    const C = add(x3, z3); //                 C  = x3 + z3                      |C| < 2^257
    const D = sub(x3, z3); //                 D  = x3 − z3                      |D| < 2^257
    const DA = mul(D, A); //                  DA = (x3 − z3)(x2 + z2)           |DA| < 2^256
    const CB = mul(C, B); //                  CB = (x3 + z3)(x2 − z2)           |CB| < 2^256
    // Differential addition, difference P = (x1 : 1): DA + CB = 2(x2·x3 − z2·z3),
    // DA − CB = 2(x3·z2 − x2·z3).
    x3 = square(add(DA, CB)); //              x3 = (DA + CB)²                   < 2^256
    z3 = mul(x1, square(sub(DA, CB))); //     z3 = x1·(DA − CB)²                < 2^256
    // Doubling: AA·BB = (x2² − z2²)², and AA + a24·E = x2² + A·x2·z2 + z2².
    x2 = mul(AA, BB); //                      x2 = AA·BB                        < 2^256
    z2 = mul(E, add(AA, scale(a24, E))); //   z2 = E·(AA + a24·E)  (a24·E < 2^275) < 2^256
  }
  // The last swap back (by the last bit): (x2 : z2) is R0 = k·P again.
  const m = BigInt(-swap);
  const t = (x2 ^ x3) & m;
  x2 ^= t;
  z2 ^= (z2 ^ z3) & m;
  // u = x2 / z2 = x2 · z2^(p−2); z2 ≡ 0 (k·P = O) gives 0.
  return fieldCanonical(mul(x2, fieldInverseLazy(z2)));
}
