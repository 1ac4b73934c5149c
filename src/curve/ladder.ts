/**
 * Scalar multiplication k·P on P-256 for secret k: the Montgomery ladder.
 *
 * The ladder keeps two points R0 = j·P and R1 = (j+1)·P, where j is the prefix of k read so far,
 * so the INVARIANT R1 − R0 = P holds at every step. For the next bit b of k:
 *   b = 0:  (R0, R1) ← (2·R0, R0 + R1)     = (2j·P, (2j+1)·P)
 *   b = 1:  (R0, R1) ← (R0 + R1, 2·R1)     = ((2j+1)·P, (2j+2)·P)
 * Both branches do one addition and one doubling; which point is doubled is chosen by a
 * conditional swap done with a mask (m = 0 or all ones; t = (A ⊕ B) ∧ m; A ⊕= t; B ⊕= t), never
 * by an `if` on a key bit. The loop always runs 256 times.
 *
 *   montgomeryLadder   the plain form: Jacobian coordinates and the general formulas of
 *                      jacobian.ts (whose special-case branches it can reach: the reference)
 *   ladder             the fast form, the co-Z Montgomery ladder of Goundar, Joye, Miyaji,
 *                      Rivain and Venelli (2011, Alg. 9 with Z tracked): per bit one XYcZ-ADDC
 *                      and one XYcZ-ADD (coz.ts), 11M + 5S with Z tracked, against 14M + 10S for a
 *                      plain step (jacobianAdd + jacobianDouble)
 *   doubleAndAdd       textbook left-to-right double-and-add, variable time, for comparison
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
 * four scalars are replaced by 2 before the loop, and their results (−2P, −P, O, P) are
 * selected afterwards by masks, so the same operations run for every k. (The tests run all four
 * and their neighbours, and watch the co-Z formulas: no step meets a degenerate pair.)
 *
 * What is removed, and how. No `if`, `?:` and no array index depends on the key: the key's bits
 * are read by masks and shifts (32-bit words, then number shifts), a swap mask is
 * BigInt(−(bit ⊕ previous bit)) (0n or all ones), the edge masks are computed arithmetically
 * (equalMask: ((a ⊕ b) − 1) >> 256 is −1 exactly when a = b), and the field additions and
 * subtractions in the co-Z formulas correct by p with a mask, not a comparison (fp.ts).
 *
 * What BigInt still leaks (read this before trusting it with a long-term key): the operation
 * SEQUENCE is independent of k, but
 *   - the duration of each BigInt multiplication, remainder (the `% p` of every field product,
 *     and k % n), shift, and, or and xor depends on the size of its operands: a value that
 *     happens to be short is faster, and V8 trims leading zero digits; the masks themselves are
 *     0n (no digits) or −1n (one digit), so even a masked swap is not the same work both ways;
 *   - every operation allocates, and the garbage collector runs when it likes;
 *   - the JIT may compile the code differently over time (and its own bounds checks and
 *     deoptimisations are not under our control);
 *   - the final conversion to affine branches on Z = 0, so whether k ≡ 0 (mod n) is visible (a
 *     valid private key is never 0).
 * This is "constant-time-style" code, as noble says of its own: it removes the gross leaks
 * (branches and table look-ups on key bits), not the subtle ones. For real secrets on a shared
 * machine, use node:crypto / WebCrypto.
 */
import { assertBigInt } from '../bytes/assert.js';
import { mul, neg, p, square } from '../math/fp.js';
import { n } from '../math/scalar.js';
import { INFINITY, readAffinePoint, type AffinePoint } from './affine.js';
import { coZAddConjugateUnchecked, coZAddUnchecked } from './coz.js';
import {
  JACOBIAN_INFINITY,
  jacobianAddUnchecked,
  jacobianDoubleUnchecked,
  toAffineUnchecked,
  toJacobianUnchecked,
  type JacobianPoint,
} from './jacobian.js';

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
 * `ladder`; slower, and its addition can take the special-case branches (R0 = O at the start).
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of the curve (read once; its coordinates must be bigints in [0, p − 1], but
 *   it is not checked to be on the curve)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @throws TypeError for a non-bigint k or a P that is not an AffinePoint; RangeError for a
 *   negative k or a coordinate outside [0, p − 1]
 * @example montgomeryLadder(2n, G) // 2G
 */
export function montgomeryLadder(k: bigint, P: AffinePoint): AffinePoint {
  assertBigInt(k, 'k', 0n);
  const Q = readAffinePoint(P, 'P', p);
  const bits = bitsOf(k % n, 256);
  let R0: JacobianPoint = JACOBIAN_INFINITY; // R0 = 0·P
  let R1: JacobianPoint = toJacobianUnchecked(Q); // R1 = 1·P: R1 − R0 = P
  for (let i = 0; i < 256; i++) {
    const m = BigInt(-bits[i]); // 0n or all ones (−1n)
    // (A, B) = (R_b, R_(1−b)) by a masked swap of all three coordinates.
    let t = (R0.X ^ R1.X) & m;
    const X0 = R0.X ^ t;
    const X1 = R1.X ^ t;
    t = (R0.Y ^ R1.Y) & m;
    const Y0 = R0.Y ^ t;
    const Y1 = R1.Y ^ t;
    t = (R0.Z ^ R1.Z) & m;
    const Z0 = R0.Z ^ t;
    const Z1 = R1.Z ^ t;
    const A = { X: X0, Y: Y0, Z: Z0 };
    const B = jacobianAddUnchecked(A, { X: X1, Y: Y1, Z: Z1 }); // R_(1−b) ← R0 + R1
    const D = jacobianDoubleUnchecked(A); //                     R_b ← 2·R_b
    // Swap back: R0 = b ? B : D, R1 = b ? D : B.
    t = (D.X ^ B.X) & m;
    const nX0 = D.X ^ t;
    const nX1 = B.X ^ t;
    t = (D.Y ^ B.Y) & m;
    const nY0 = D.Y ^ t;
    const nY1 = B.Y ^ t;
    t = (D.Z ^ B.Z) & m;
    const nZ0 = D.Z ^ t;
    const nZ1 = B.Z ^ t;
    R0 = { X: nX0, Y: nY0, Z: nZ0 };
    R1 = { X: nX1, Y: nY1, Z: nZ1 };
  }
  return toAffineUnchecked(R0);
}

/**
 * k·P by the co-Z Montgomery ladder (see the file header): the fast form, used by ECDH.
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of P-256 other than INFINITY, or INFINITY; read once, its coordinates must
 *   be bigints in [0, p − 1], but it is not checked to be on the curve (ECDH validates before
 *   calling, and passes the validated frozen copy: see ecdh/validate.ts)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @throws TypeError for a non-bigint k or a P that is not an AffinePoint; RangeError for a
 *   negative k or a coordinate outside [0, p − 1]
 * @example ladder(3n, G) // 3G
 */
export function ladder(k: bigint, P: AffinePoint): AffinePoint {
  assertBigInt(k, 'k', 0n);
  const Q = readAffinePoint(P, 'P', p); // the only read of P's coordinates
  if (Q === INFINITY) return INFINITY; // public input
  const kr = k % n;

  // The four scalars whose ladder would meet P = ±Q (header) become 2, by mask.
  const isOne = equalMask(kr, 1n);
  const isMinusOne = equalMask(kr, n - 1n);
  const isMinusTwo = equalMask(kr, n - 2n);
  const isZero = equalMask(kr, 0n);
  const isEdge = isOne | isMinusOne | isMinusTwo | isZero;
  const safe = kr ^ ((kr ^ 2n) & isEdge);

  // k' = safe + n or safe + 2n, whichever is exactly 257 bits long (bit 256 set): k1 >> 256 is
  // 1 or 0, so (k1 >> 256) − 1 is the mask "add n once more".
  const k1 = safe + n;
  const k2 = k1 + (n & ((k1 >> 256n) - 1n));
  const bits = bitsOf(k2, 257); // bits[0] = 1 always

  // Start: R0 = P, R1 = 2P, co-Z. 2P by dbl-2001-b from Z = 1, then P re-expressed on its Z.
  const D = jacobianDoubleUnchecked(toJacobianUnchecked(Q)); // 2P = (X : Y : Z), Z = 2y
  const zz = square(D.Z);
  let X0 = mul(Q.x, zz); //                   P on Z: (x·Z², y·Z³)
  let Y0 = mul(Q.y, mul(zz, D.Z));
  let X1 = D.X;
  let Y1 = D.Y;
  let Z = D.Z;

  let previous = 0; // the bit the pair (X0, Y0, X1, Y1) is currently swapped by
  for (let i = 1; i <= 256; i++) {
    const bit = bits[i];
    // Swap so that (X0, Y0) = R_b and (X1, Y1) = R_(1−b). Two consecutive swaps merge into one
    // by the XOR of the bits; −(0 or 1) as a BigInt is the mask 0n or all ones (−1n).
    const m = BigInt(-(bit ^ previous));
    previous = bit;
    let t = (X0 ^ X1) & m;
    X0 ^= t;
    X1 ^= t;
    t = (Y0 ^ Y1) & m;
    Y0 ^= t;
    Y1 ^= t;
    // (R_b + R_(1−b), R_b − R_(1−b)) = ((2j+1)·P, ±P), co-Z.
    const sum = coZAddConjugateUnchecked({ X1: X0, Y1: Y0, X2: X1, Y2: Y1, Z });
    // ((2j+1)·P ± P = 2·R_b, (2j+1)·P), co-Z again.
    const next = coZAddUnchecked(sum);
    // coZAdd returns (P + Q, P') = (sum + difference, sum): R_b ← 2·R_b, R_(1−b) ← R0 + R1.
    X0 = next.X1;
    Y0 = next.Y1;
    X1 = next.X2;
    Y1 = next.Y2;
    Z = next.Z;
  }
  // Undo the last swap: (X0, Y0) is R0 = k'·P again.
  const m = BigInt(-previous);
  const t = (X0 ^ X1) & m;
  X0 ^= t;
  Y0 ^= (Y0 ^ Y1) & m;

  // Select the edge results by mask: k = 1 → P, k = n − 1 → −P, k = n − 2 → −2P, k = 0 → O.
  const minusTwoPY = neg(D.Y); //              −2P = (X : −Y : Z)
  const minusY = neg(Q.y);
  let X = X0;
  let Y = Y0;
  let Zr = Z;
  X ^= (X ^ Q.x) & (isOne | isMinusOne);
  Y ^= (Y ^ Q.y) & isOne;
  Y ^= (Y ^ minusY) & isMinusOne;
  Zr ^= (Zr ^ 1n) & (isOne | isMinusOne);
  X ^= (X ^ D.X) & isMinusTwo;
  Y ^= (Y ^ minusTwoPY) & isMinusTwo;
  Zr ^= (Zr ^ D.Z) & isMinusTwo;
  Zr &= ~isZero; // Z = 0: the point at infinity
  return toAffineUnchecked({ X, Y, Z: Zr }); // branches on Z = 0, i.e. on k ≡ 0 (header)
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
  const Q = toJacobianUnchecked(readAffinePoint(P, 'P', p));
  let R: JacobianPoint = JACOBIAN_INFINITY;
  const text = k.toString(2); // variable time is the point of this function
  for (let i = 0; i < text.length; i++) {
    R = jacobianDoubleUnchecked(R);
    if (text[i] === '1') R = jacobianAddUnchecked(R, Q); // the branch on a key bit that the ladder avoids
  }
  return toAffineUnchecked(R);
}
