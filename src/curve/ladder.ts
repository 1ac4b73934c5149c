/**
 * Scalar multiplication k·P on P-256 for secret k: the Montgomery ladder, in two forms.
 *
 * The ladder keeps two points R0 = j·P and R1 = (j+1)·P, where j is the prefix of k read so far,
 * so the INVARIANT R1 − R0 = P holds at every step. For the next bit b of k:
 *   b = 0:  (R0, R1) ← (2·R0, R0 + R1)     = (2j·P, (2j+1)·P)
 *   b = 1:  (R0, R1) ← (R0 + R1, 2·R1)     = ((2j+1)·P, (2j+2)·P)
 * Both branches do one addition and one doubling; which point is doubled is chosen by a
 * conditional swap done with a mask (mask = 0 or all ones; t = (A ⊕ B) ∧ mask; A ⊕= t;
 * B ⊕= t), never by an `if` on a key bit. The loop always runs 256 times.
 *
 *   referenceLadder   the plain form: Jacobian coordinates and the general formulas of
 *                     jacobian-formulas.ts, 14M + 10S per bit (jacobianAdd 12M + 4S,
 *                     jacobianDouble 2M + 6S), whose special-case branches it can reach: the
 *                     reference
 *   coZLadder         the fast form, the co-Z Montgomery ladder of Goundar, Joye, Miyaji, Rivain
 *                     and Venelli (J. Cryptogr. Eng. 2011, §4, the Montgomery ladder with
 *                     (X, Y)-only co-Z additions and the final Z recovery): per bit one
 *                     XYCZ-ADDC (5M + 3S) and one XYCZ-ADD (4M + 2S) of coz-xy.ts, 9M + 5S,
 *                     with no multiplication for Z (the common Z is not carried; the Z-tracked
 *                     formulas of coz.ts would cost 11M + 5S); then 9M + 2S and one inversion
 *                     once, to start (2M + 4S) and to recover Z and leave Jacobian coordinates
 *                     (7M + 1S). Lazy field elements (field-lazy.ts): no sum or difference is
 *                     reduced, every product is.
 *   doubleAndAdd      textbook left-to-right double-and-add, variable time, for comparison
 *
 * Why the co-Z ladder never meets a special case. The scalar is first made exactly 257 bits
 * long: k' = k + n when that has bit 256 set, else k + 2n (chosen by a mask; k'·P = k·P since
 * n·P = O). The ladder starts from (R0, R1) = (P, 2P) for the leading bit and reads bits
 * 255 … 0. The step on prefix j (R0 = j·P, R1 = (j+1)·P) computes R0 ± R1 and then
 * (2j+1)·P ± P, so it breaks only when j ≡ 0, j ≡ −1 or 2j + 1 ≡ 0 (mod n). The prefixes
 * j = ⌊k'/2^i⌋, i ≥ 1, lie in [(n+1)/2^i, 3n/2), where the bad values are (n−1)/2, n − 1, n and
 * (3n−1)/2. Working through them: n − 1 or n (as ⌊k'/2⌋) and (n−1)/2 (as ⌊k'/4⌋) all mean
 * k' ∈ [2n − 2, 2n + 1]; (3n−1)/2 would need k' = 3n − 1, i.e. k = n − 1, which takes k + n.
 * So exactly k' ∈ {2n − 2, 2n − 1, 2n, 2n + 1}, i.e. k ∈ {n − 2, n − 1, 0, 1}, would fail. Those
 * four scalars are replaced by 2 before the loop, so the loop computes 2P for them, and their
 * results (−2P, −P, O, P) are selected afterwards by masks (−2P is the loop's own result with y
 * negated), so the same operations run for every k. (The tests run all four and their
 * neighbours, and watch the co-Z formulas: no step meets a degenerate pair.)
 *
 * How Z comes back (Goundar et al. §4, the final Z recovery of their Montgomery ladder). The
 * points share a Z that no step computes. Before the last XYCZ-ADD, its second input is
 * D = R_b − R_(1−b) = s·P with s = +1 when the last bit b is 1 and −1 when it is 0, written
 * (X_D, Y_D) = (x·Z², s·y·Z³) on the unknown common Z, where P = (x, y). So
 * Z = s·x·Y_D / (y·X_D), and the last XYCZ-ADD multiplies Z by X_D − X_S (X_S: the other input),
 * making the final Z_f = Z·(X_D − X_S). One inversion gives
 *   λ = y·X_D / (x·Y_D·(X_D − X_S)) = s / Z_f,  and then  x(k·P) = X·λ²,  y(k·P) = s·Y·λ³.
 * Nothing in it is zero: y ≠ 0 (P-256 has no point of order 2), and X_D − X_S ≠ 0 and Z ≠ 0
 * because no step is degenerate (above), but x can be 0: P-256 has the two points (0, ±√b).
 * For those (a public property of P, so an `if` is fine) the ladder computes (k/2 mod n)·(2P)
 * instead, and 2P has x ≠ 0.
 *
 * What is removed, and how. No `if`, `?:` and no array index depends on the key: the key's bits
 * are read by masks and shifts (32-bit words, then number shifts), a swap mask is
 * BigInt(−(bit ⊕ previous bit)) (0n or all ones), the sign s is BigInt(2·bit − 1), the edge
 * masks are computed arithmetically (equalMask: ((a ⊕ b) − 1) >> 256 is −1 exactly when
 * a = b), and the lazy field operations never correct by p at all, so there is no comparison
 * to remove; the one correction, at the very end, is masked (field-lazy.ts fieldCanonical).
 *
 * What BigInt still leaks (read this before trusting it with a long-term key): the operation
 * SEQUENCE is independent of k, but
 *   - the duration of each BigInt multiplication, remainder (the `% p` of every field product,
 *     and k % n), shift, and, or and xor depends on the size and sign of its operands: a value
 *     that happens to be short is faster, and V8 trims leading zero digits; the lazy elements
 *     are signed and of varying length; the masks themselves are 0n (no digits) or −1n (one
 *     digit), so even a masked swap is not the same work both ways;
 *   - every operation allocates, and the garbage collector runs when it likes;
 *   - the JIT may compile the code differently over time (and its own bounds checks and
 *     deoptimisations are not under our control);
 *   - the end returns INFINITY for k ≡ 0 (mod n) by a branch, so that case is visible (a valid
 *     private key is never 0).
 * This is "constant-time-style" code, as noble says of its own: it removes the gross leaks
 * (branches and table look-ups on key bits), not the subtle ones. For real secrets on a shared
 * machine, use node:crypto / WebCrypto.
 */
import { assertBigInt } from '../bytes/assert.js';
import { inverse, p } from '../math/fp.js';
import {
  fieldAddLazy as add,
  fieldCanonical as canonical,
  fieldMulLazy as mul,
  fieldSquareLazy as square,
  fieldSubLazy as sub,
} from '../math/field-lazy.js';
import { n } from '../math/scalar.js';
import { INFINITY, pointDouble, readAffinePoint, type AffinePoint } from './affine.js';
import { coZAddConjugateXY, coZAddXY, type CoZPairXY } from './coz-xy.js';
import {
  JACOBIAN_INFINITY,
  jacobianAdd,
  jacobianDouble,
  toAffine,
  toJacobian,
  type JacobianPoint,
} from './jacobian-formulas.js';

/** 2⁻¹ mod n = (n + 1)/2: k·P = (k·2⁻¹ mod n)·(2P) for every P of order n. */
const HALF_MOD_N = (n + 1n) / 2n;

/**
 * The bits of k, most significant first, exactly `length` of them, as numbers 0/1: k is cut into
 * 32-bit words by masking and shifting (the same steps whatever k is; no string conversion of
 * the secret), and each word into bits by number shifts.
 */
function bitsOf(k: bigint, length: number): Uint8Array {
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
 * All ones (−1n) when a = b, else 0n, without a branch: for a, b in [0, 2^256), a ⊕ b − 1 is
 * negative exactly when a ⊕ b = 0, and an arithmetic shift by 256 turns that into −1 or 0.
 */
function equalMask(a: bigint, b: bigint): bigint {
  return ((a ^ b) - 1n) >> 256n;
}

/**
 * k·P by the plain Montgomery ladder on Jacobian coordinates: 256 steps, each a masked
 * conditional swap, one jacobianAdd, one jacobianDouble and the swap back. The reference for
 * `coZLadder`; slower, and its addition can take the special-case branches (R0 = O at the start).
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of the curve (read once; its coordinates must be bigints in [0, p − 1], but
 *   it is not checked to be on the curve)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @throws TypeError for a non-bigint k or a P that is not an AffinePoint; RangeError for a
 *   negative k or a coordinate outside [0, p − 1]
 * @example referenceLadder(2n, G) // 2G
 */
export function referenceLadder(k: bigint, P: AffinePoint): AffinePoint {
  assertBigInt(k, 'k', 0n);
  const base = readAffinePoint(P, 'P', p);
  const bits = bitsOf(k % n, 256);
  let R0: JacobianPoint = JACOBIAN_INFINITY; // R0 = 0·P
  let R1: JacobianPoint = toJacobian(base); // R1 = 1·P: R1 − R0 = P
  for (let i = 0; i < 256; i++) {
    const mask = BigInt(-bits[i]); // 0n or all ones (−1n)
    // (kept, other) = (R_b, R_(1−b)) by a masked swap of all three coordinates.
    let t = (R0.X ^ R1.X) & mask;
    const X0 = R0.X ^ t;
    const X1 = R1.X ^ t;
    t = (R0.Y ^ R1.Y) & mask;
    const Y0 = R0.Y ^ t;
    const Y1 = R1.Y ^ t;
    t = (R0.Z ^ R1.Z) & mask;
    const Z0 = R0.Z ^ t;
    const Z1 = R1.Z ^ t;
    const kept = { X: X0, Y: Y0, Z: Z0 };
    const sum = jacobianAdd(kept, { X: X1, Y: Y1, Z: Z1 }); // R_(1−b) ← R0 + R1
    const doubled = jacobianDouble(kept); //                  R_b ← 2·R_b
    // Swap back: R0 = b ? sum : doubled, R1 = b ? doubled : sum.
    t = (doubled.X ^ sum.X) & mask;
    const nX0 = doubled.X ^ t;
    const nX1 = sum.X ^ t;
    t = (doubled.Y ^ sum.Y) & mask;
    const nY0 = doubled.Y ^ t;
    const nY1 = sum.Y ^ t;
    t = (doubled.Z ^ sum.Z) & mask;
    const nZ0 = doubled.Z ^ t;
    const nZ1 = sum.Z ^ t;
    R0 = { X: nX0, Y: nY0, Z: nZ0 };
    R1 = { X: nX1, Y: nY1, Z: nZ1 };
  }
  return toAffine(R0);
}

/**
 * The pair with its two points exchanged when mask is all ones (−1n), unchanged when it is 0n:
 * t = (A ⊕ B) ∧ mask, A ⊕ t, B ⊕ t for each coordinate. (BigInt's ⊕ and ∧ act on the
 * two's-complement bits of negative values too, so lazy elements swap the same way.)
 */
function conditionalSwap(pair: CoZPairXY, mask: bigint): CoZPairXY {
  const tx = (pair.X1 ^ pair.X2) & mask;
  const ty = (pair.Y1 ^ pair.Y2) & mask;
  return { X1: pair.X1 ^ tx, Y1: pair.Y1 ^ ty, X2: pair.X2 ^ tx, Y2: pair.Y2 ^ ty };
}

/**
 * k·P by the co-Z Montgomery ladder with (X, Y)-only co-Z additions (see the file header): the
 * fast form, used by ECDH.
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of P-256 other than INFINITY, or INFINITY; read once, its coordinates must
 *   be bigints in [0, p − 1], but it is not checked to be on the curve (ECDH validates before
 *   calling, and passes the validated frozen copy: see ecdh/validate.ts)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @throws TypeError for a non-bigint k or a P that is not an AffinePoint; RangeError for a
 *   negative k or a coordinate outside [0, p − 1]
 * @example coZLadder(3n, G) // 3G
 */
export function coZLadder(k: bigint, P: AffinePoint): AffinePoint {
  assertBigInt(k, 'k', 0n);
  let base = readAffinePoint(P, 'P', p); // the only read of P's coordinates
  if (base === INFINITY) return INFINITY; // public input
  let scalar = k % n;
  if (base.x === 0n) {
    // Public input: the Z recovery divides by x (header). k·P = (k/2 mod n)·(2P).
    base = pointDouble(base);
    scalar = (scalar * HALF_MOD_N) % n;
  }
  const { x, y } = base;

  // The four scalars whose ladder would meet P = ±Q (header) become 2, by mask.
  const isOne = equalMask(scalar, 1n);
  const isMinusOne = equalMask(scalar, n - 1n);
  const isMinusTwo = equalMask(scalar, n - 2n);
  const isZero = equalMask(scalar, 0n);
  const isEdge = isOne | isMinusOne | isMinusTwo | isZero;
  const safe = scalar ^ ((scalar ^ 2n) & isEdge);

  // k' = safe + n or safe + 2n, whichever is exactly 257 bits long (bit 256 set): k1 >> 256 is
  // 1 or 0, so (k1 >> 256) − 1 is the mask "add n once more".
  const k1 = safe + n;
  const k2 = k1 + (n & ((k1 >> 256n) - 1n));
  const bits = bitsOf(k2, 257); // bits[0] = 1 always

  // Start (XYCZ-IDBL, 2M + 4S): 2P by the doubling formula from Z = 1 (a = −3), landing on
  // Z = 2y, and P re-expressed on that Z, (x·(2y)², y·(2y)³). Bounds as coz-xy.ts requires.
  const yy = square(y); //                        y²                      [0, p)
  const yy2 = add(yy, yy); //                     2y²                     [0, 2p)
  const xOn2y = mul(x, add(yy2, yy2)); //         x·(2y)² = 4xy²          [0, p)
  const yy2Squared = square(yy2); //              4y⁴                     [0, p)
  const yOn2y = add(yy2Squared, yy2Squared); //   y·(2y)³ = 8y⁴           [0, 2p)
  const xx1 = sub(square(x), 1n); //              x² − 1                  [−1, p)
  const tangent = add(add(xx1, xx1), xx1); //     3x² + a = 3(x² − 1)     [−3, 3p)
  const x2P = sub(square(tangent), add(xOn2y, xOn2y)); //   X(2P) = tangent² − 8xy²   (−2p, p)
  const y2P = sub(mul(tangent, sub(xOn2y, x2P)), yOn2y); // Y(2P) = tangent·(4xy² − X) − 8y⁴  (−3p, p)
  // (X1, Y1) = R0 = P, (X2, Y2) = R1 = 2P, co-Z.
  let pair: CoZPairXY = { X1: xOn2y, Y1: yOn2y, X2: x2P, Y2: y2P };

  // Bits 255 … 1. Each step swaps so that (X1, Y1) = R_b and (X2, Y2) = R_(1−b) (two
  // consecutive swaps merge into one by the XOR of the bits; −(0 or 1) as a BigInt is the mask
  // 0n or all ones), then XYCZ-ADDC gives (R_b + R_(1−b), R_b − R_(1−b)) = ((2j+1)·P, ±P) and
  // XYCZ-ADD gives ((2j+1)·P ± P, (2j+1)·P) = (2·R_b, R0 + R1): the new R_b and R_(1−b).
  let previous = 0; // the bit the pair is currently swapped by
  for (let i = 1; i < 256; i++) {
    const bit = bits[i];
    pair = coZAddXY(coZAddConjugateXY(conditionalSwap(pair, BigInt(-(bit ^ previous)))));
    previous = bit;
  }
  // Bit 0: the same step, with the Z recovery (header) between its two formulas.
  const last = bits[256];
  const sumAndDifference = coZAddConjugateXY(conditionalSwap(pair, BigInt(-(last ^ previous))));
  const { X1: xS, X2: xD, Y2: yD } = sumAndDifference; // S = R0 + R1, D = R_b − R_(1−b) = s·P
  const sign = BigInt(2 * last - 1); //                   s = +1 or −1, from the bit by arithmetic
  const denominator = mul(mul(x, yD), sub(xD, xS)); //    x·Y_D·(X_D − X_S) = s·x·y·Z²·Z_f
  const lambda = mul(mul(y, xD), inverse(canonical(denominator))); // y·X_D / that = s/Z_f
  const result = coZAddXY(sumAndDifference); //          (2·R_b, R0 + R1) on Z_f
  // Undo the last swap: R0 = k'·P is (X1, Y1) when the last bit is 0, (X2, Y2) when it is 1.
  const unswap = BigInt(-last);
  const X = result.X1 ^ ((result.X1 ^ result.X2) & unswap);
  const Y = result.Y1 ^ ((result.Y1 ^ result.Y2) & unswap);
  const lambda2 = square(lambda);
  let xOut = canonical(mul(X, lambda2)); //                        X·λ² = X/Z_f²
  let yOut = canonical(mul(mul(Y, lambda2), lambda) * sign); //    s·Y·λ³ = Y/Z_f³

  // Select the edge results by mask: k = 1 → P, k = n − 1 → −P, k = n − 2 → −2P (the loop ran
  // with 2, so −2P is its result with y negated), k = 0 → O.
  const minusY = canonical(-y);
  const minusYOut = canonical(-yOut);
  yOut ^= (yOut ^ minusYOut) & isMinusTwo;
  xOut ^= (xOut ^ x) & (isOne | isMinusOne);
  yOut ^= (yOut ^ y) & isOne;
  yOut ^= (yOut ^ minusY) & isMinusOne;
  return isZero === 0n ? { x: xOut, y: yOut } : INFINITY; // the branch on k ≡ 0 (header)
}

/**
 * k·P by left-to-right double-and-add on Jacobian coordinates: one doubling per bit and an
 * addition for each 1 bit. Variable time (the additions reveal the key's bits): for study, as
 * the "before" of the ladder, and as an oracle.
 * @param k - the scalar, ≥ 0 (not reduced)
 * @param P - a point of the curve (read once; coordinates bigints in [0, p − 1])
 * @returns k·P
 * @throws TypeError for a non-bigint k or a P that is not an AffinePoint; RangeError for a
 *   negative k or a coordinate outside [0, p − 1]
 * @example doubleAndAdd(5n, G) // 5G
 */
export function doubleAndAdd(k: bigint, P: AffinePoint): AffinePoint {
  assertBigInt(k, 'k', 0n);
  const base = toJacobian(readAffinePoint(P, 'P', p));
  let sum: JacobianPoint = JACOBIAN_INFINITY;
  const text = k.toString(2); // variable time is the point of this function
  for (let i = 0; i < text.length; i++) {
    sum = jacobianDouble(sum);
    if (text[i] === '1') sum = jacobianAdd(sum, base); // the branch on a key bit that the ladder avoids
  }
  return toAffine(sum);
}
