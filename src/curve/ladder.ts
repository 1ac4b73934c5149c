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
 * selected afterwards by masks, so the same operations run for every k. (PERF-NOTES' prototype
 * failed at exactly 1, n − 2, n − 1; the tests run all four and their neighbours.)
 *
 * What BigInt still leaks (read this before trusting it with a long-term key): the operation
 * SEQUENCE is independent of k, but the duration of each BigInt multiplication, remainder and
 * xor depends on the size of its operands (a value that happens to be short is faster), every
 * operation allocates, the garbage collector runs when it likes, the JIT may compile the code
 * differently over time, and the comparisons that build the edge masks are ordinary BigInt
 * comparisons. This is "constant-time-style" code, as noble says of its own: it removes the
 * gross leaks (branches and table look-ups on key bits), not the subtle ones. For real secrets
 * on a shared machine, use node:crypto / WebCrypto.
 */
import { fieldMul, fieldNeg, fieldSquare } from '../math/field.js';
import { n } from '../math/scalar.js';
import { INFINITY, type AffinePoint } from './affine.js';
import { coZAdd, coZAddConjugate } from './coz.js';
import {
  JACOBIAN_INFINITY, jacobianAdd, jacobianDouble, jacobianNegate, toAffine, toJacobian, type JacobianPoint,
} from './jacobian.js';

/** [0n, −1n]: bit → mask (all zeros or all ones), so no branch turns a bit into a mask. */
const MASKS = [0n, -1n] as const;

function assertScalar(k: unknown): asserts k is bigint {
  if (typeof k !== 'bigint') throw new TypeError(`ladder: k must be a bigint, got ${typeof k}`);
  if (k < 0n) throw new RangeError('ladder: k must not be negative');
}

/** The bits of k (most significant first, exactly `length` of them), as numbers 0/1. */
function bitsOf(k: bigint, length: number): Uint8Array {
  const text = k.toString(2).padStart(length, '0');
  const bits = new Uint8Array(length);
  for (let i = 0; i < length; i++) bits[i] = text.charCodeAt(i) - 48;
  return bits;
}

/**
 * k·P by the plain Montgomery ladder on Jacobian coordinates: 256 steps, each a masked
 * conditional swap, one jacobianAdd, one jacobianDouble and the swap back. The reference for
 * `ladder`; slower, and its addition can take the special-case branches (R0 = O at the start).
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of the curve (not validated here)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @example montgomeryLadder(2n, G) // 2G
 */
export function montgomeryLadder(k: bigint, P: AffinePoint): AffinePoint {
  assertScalar(k);
  const bits = bitsOf(k % n, 256);
  let R0: JacobianPoint = JACOBIAN_INFINITY; // R0 = 0·P
  let R1: JacobianPoint = toJacobian(P); //     R1 = 1·P: R1 − R0 = P
  for (let i = 0; i < 256; i++) {
    const m = MASKS[bits[i]];
    // (A, B) = (R_b, R_(1−b)) by a masked swap of all three coordinates.
    let t = (R0.X ^ R1.X) & m; const X0 = R0.X ^ t; const X1 = R1.X ^ t;
    t = (R0.Y ^ R1.Y) & m; const Y0 = R0.Y ^ t; const Y1 = R1.Y ^ t;
    t = (R0.Z ^ R1.Z) & m; const Z0 = R0.Z ^ t; const Z1 = R1.Z ^ t;
    const A = { X: X0, Y: Y0, Z: Z0 };
    const B = jacobianAdd(A, { X: X1, Y: Y1, Z: Z1 }); // R_(1−b) ← R0 + R1
    const D = jacobianDouble(A); //                     R_b ← 2·R_b
    // Swap back: R0 = b ? B : D, R1 = b ? D : B.
    t = (D.X ^ B.X) & m; const nX0 = D.X ^ t; const nX1 = B.X ^ t;
    t = (D.Y ^ B.Y) & m; const nY0 = D.Y ^ t; const nY1 = B.Y ^ t;
    t = (D.Z ^ B.Z) & m; const nZ0 = D.Z ^ t; const nZ1 = B.Z ^ t;
    R0 = { X: nX0, Y: nY0, Z: nZ0 };
    R1 = { X: nX1, Y: nY1, Z: nZ1 };
  }
  return toAffine(R0);
}

/**
 * k·P by the co-Z Montgomery ladder (see the file header): the fast form, used by ECDH.
 * @param k - the scalar, ≥ 0 (reduced mod n first)
 * @param P - a point of P-256 other than INFINITY, or INFINITY (not validated here: ECDH
 *   validates before calling, see ecdh/validate.ts)
 * @returns k·P (INFINITY when k ≡ 0 or P = INFINITY)
 * @example ladder(3n, G) // 3G
 */
export function ladder(k: bigint, P: AffinePoint): AffinePoint {
  assertScalar(k);
  if (P === INFINITY) return INFINITY; // public input
  const kr = k % n;

  // The four scalars whose ladder would meet P = ±Q (header) become 2, by mask.
  const isOne = MASKS[+(kr === 1n)];
  const isMinusOne = MASKS[+(kr === n - 1n)];
  const isMinusTwo = MASKS[+(kr === n - 2n)];
  const isZero = MASKS[+(kr === 0n)];
  const isEdge = isOne | isMinusOne | isMinusTwo | isZero;
  const safe = kr ^ ((kr ^ 2n) & isEdge);

  // k' = safe + n or safe + 2n, whichever is exactly 257 bits long (bit 256 set).
  const k1 = safe + n;
  const k2 = k1 + (n & MASKS[1 - Number(k1 >> 256n)]);
  const bits = bitsOf(k2, 257); // bits[0] = 1 always

  // Start: R0 = P, R1 = 2P, co-Z. 2P by dbl-2001-b from Z = 1, then P re-expressed on its Z.
  const D = jacobianDouble(toJacobian(P)); // 2P = (X : Y : Z), Z = 2y
  const zz = fieldSquare(D.Z);
  let X0 = fieldMul(P.x, zz); //              P on Z: (x·Z², y·Z³)
  let Y0 = fieldMul(P.y, fieldMul(zz, D.Z));
  let X1 = D.X;
  let Y1 = D.Y;
  let Z = D.Z;

  let previous = 0; // the bit the pair (X0, Y0, X1, Y1) is currently swapped by
  for (let i = 1; i <= 256; i++) {
    const bit = bits[i];
    // Swap so that (X0, Y0) = R_b and (X1, Y1) = R_(1−b). Two consecutive swaps merge into one
    // by the XOR of the bits.
    const m = MASKS[bit ^ previous];
    previous = bit;
    let t = (X0 ^ X1) & m; X0 ^= t; X1 ^= t;
    t = (Y0 ^ Y1) & m; Y0 ^= t; Y1 ^= t;
    // (R_b + R_(1−b), R_b − R_(1−b)) = ((2j+1)·P, ±P), co-Z.
    const sum = coZAddConjugate({ X1: X0, Y1: Y0, X2: X1, Y2: Y1, Z });
    // ((2j+1)·P ± P = 2·R_b, (2j+1)·P), co-Z again.
    const next = coZAdd({ X1: sum.X1, Y1: sum.Y1, X2: sum.X2, Y2: sum.Y2, Z: sum.Z });
    // coZAdd returns (P + Q, P') = (sum + difference, sum): R_b ← 2·R_b, R_(1−b) ← R0 + R1.
    X0 = next.X1; Y0 = next.Y1;
    X1 = next.X2; Y1 = next.Y2;
    Z = next.Z;
  }
  // Undo the last swap: (X0, Y0) is R0 = k'·P again.
  const m = MASKS[previous];
  const t = (X0 ^ X1) & m; X0 ^= t;
  Y0 ^= (Y0 ^ Y1) & m;

  // Select the edge results by mask: k = 1 → P, k = n − 1 → −P, k = n − 2 → −2P, k = 0 → O.
  const minusTwoP = jacobianNegate(D);
  const minusY = fieldNeg(P.y);
  let X = X0; let Y = Y0; let Zr = Z;
  X ^= (X ^ P.x) & (isOne | isMinusOne); Y ^= (Y ^ P.y) & isOne; Y ^= (Y ^ minusY) & isMinusOne;
  Zr ^= (Zr ^ 1n) & (isOne | isMinusOne);
  X ^= (X ^ minusTwoP.X) & isMinusTwo; Y ^= (Y ^ minusTwoP.Y) & isMinusTwo; Zr ^= (Zr ^ minusTwoP.Z) & isMinusTwo;
  Zr &= ~isZero; // Z = 0: the point at infinity
  return toAffine({ X, Y, Z: Zr });
}

/**
 * k·P by left-to-right double-and-add on Jacobian coordinates: one doubling per bit and an
 * addition for each 1 bit. Variable time (the additions reveal the key's bits): for study, as
 * the "before" of the ladder, and as an oracle.
 * @param k - the scalar, ≥ 0 (not reduced)
 * @param P - a point of the curve
 * @returns k·P
 * @example doubleAndAdd(5n, G) // 5G
 */
export function doubleAndAdd(k: bigint, P: AffinePoint): AffinePoint {
  assertScalar(k);
  const Q = toJacobian(P);
  let R: JacobianPoint = JACOBIAN_INFINITY;
  const text = k.toString(2);
  for (let i = 0; i < text.length; i++) {
    R = jacobianDouble(R);
    if (text[i] === '1') R = jacobianAdd(R, Q); // the branch on a key bit that the ladder avoids
  }
  return toAffine(R);
}
