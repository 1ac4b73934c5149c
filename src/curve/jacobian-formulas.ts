/**
 * The Jacobian-coordinate formulas for P-256, on arguments the caller guarantees are points over
 * F_p: no argument checks. These are the inner loops of the ladders (ladder.ts), the fixed-base
 * method (fixed-base.ts) and Straus's method (straus.ts), whose values are points by
 * construction. The study tier's toJacobian, jacobianAdd, … (jacobian.ts, exported by
 * `ecdh-lab/math`) check their arguments and then call these.
 *
 * (X : Y : Z) stands for the affine point (x, y) = (X/Z², Y/Z³); Z = 0 is the point at infinity.
 * Additions need no inversion; one inversion at the end (toAffine) brings the result back.
 *
 * Formulas, from the Explicit-Formulas Database (EFD, hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-3.html),
 * costed in field multiplications M and squarings S:
 *   jacobianDouble      dbl-2001-b   3M + 5S   (uses a = −3: 3x² + a·z⁴ = 3(x − z²)(x + z²))
 *   jacobianAdd         add-2007-bl  11M + 5S
 *   jacobianMixedAdd    madd-2007-bl 7M + 4S   (second point affine, Z2 = 1)
 *
 * Special cases. These formulas are incomplete: they compute garbage (Z3 = 0 with wrong X3, Y3)
 * when the two inputs are equal, so every caller-visible case is handled explicitly:
 *   P = O or Q = O   return the other point
 *   P = Q            detected as H = 0 and r = 0 (same x, same y): a doubling instead
 *   P = −Q           detected as H = 0 and r ≠ 0 (same x, opposite y): return O
 * The doubling needs none: Z = 0 in gives Z3 = 0 out, and no P-256 point has y = 0.
 * jacobianMixedAddIncomplete is the bare formula, for callers that have excluded these cases.
 *
 * Why not complete formulas? Noble and Go use the complete projective formulas of Renes,
 * Costello and Batina (2016), which have no special cases at all and therefore no branches:
 * the safest choice for a product. They cost more (about 12M per addition and 8M + 3S per
 * doubling), and their algebra is harder to follow next to the chord-and-tangent picture. Here
 * the secret scalar never reaches these branches: the ladder (ladder.ts) uses co-Z formulas
 * whose special cases are excluded by construction (see there). This file is the readable,
 * general tool: the plain ladder, double-and-add, the fixed-base table and the tests use it.
 * The formulas compute with the field arithmetic of fp.ts (add, sub, mul, square, …).
 */
import { add, inverse, inverseVartime, mul, neg, square, sub } from '../math/fp.js';
import { INFINITY, type AffinePoint } from './affine.js';

/** A point (X : Y : Z) in Jacobian coordinates: x = X/Z², y = Y/Z³; Z = 0 is infinity. */
export interface JacobianPoint {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
}

/** The point at infinity, (1 : 1 : 0). Recognise infinity by Z = 0, not by identity. */
export const JACOBIAN_INFINITY: JacobianPoint = Object.freeze({ X: 1n, Y: 1n, Z: 0n });

/**
 * (x, y) ↦ (x : y : 1); INFINITY ↦ (1 : 1 : 0).
 * @example toJacobian(G) // { X: Gx, Y: Gy, Z: 1n }
 */
export function toJacobian(P: AffinePoint): JacobianPoint {
  if (P === INFINITY) return JACOBIAN_INFINITY;
  return { X: P.x, Y: P.y, Z: 1n };
}

/**
 * (X : Y : Z) ↦ (X/Z², Y/Z³) with one inversion (the constant-time-style Fermat chain, since Z
 * may derive from a secret); Z = 0 ↦ INFINITY.
 * @example toAffine(jacobianDouble(toJacobian(G))) // 2G
 */
export function toAffine(P: JacobianPoint): AffinePoint {
  if (P.Z === 0n) return INFINITY;
  return scaleToAffine(P, inverse(P.Z));
}

/**
 * toAffine by the variable-time inverse (extended Euclid, fp.ts inverseVartime): about three
 * times faster, and its running time depends on Z. For PUBLIC points only (the fixed-base
 * table of multiples of G). Z = 0 ↦ INFINITY.
 * @example toAffineVartime(jacobianDouble(toJacobian(G))) // 2G
 */
export function toAffineVartime(P: JacobianPoint): AffinePoint {
  if (P.Z === 0n) return INFINITY;
  return scaleToAffine(P, inverseVartime(P.Z));
}

/**
 * Many points to affine with ONE variable-time inversion (Montgomery's trick): with
 * c_j = Z_1·…·Z_j, invert c_m once, then walk back: 1/Z_j = (1/c_j)·c_(j−1) and
 * 1/c_(j−1) = (1/c_j)·Z_j. 3(m − 1) multiplications and one inversion instead of m inversions.
 * For PUBLIC points only (tables of multiples of G or of a public key), none of them O.
 * @example toAffineBatchVartime([toJacobian(G), jacobianDouble(toJacobian(G))]) // [G, 2G]
 */
export function toAffineBatchVartime(points: readonly JacobianPoint[]): AffinePoint[] {
  const prefix: bigint[] = []; // prefix[j] = Z_0·…·Z_j
  for (let j = 0; j < points.length; j++)
    prefix.push(j === 0 ? points[0].Z : mul(prefix[j - 1], points[j].Z));
  const out: AffinePoint[] = new Array(points.length);
  if (points.length === 0) return out;
  let prefixInverse = inverseVartime(prefix[points.length - 1]); // 1/(Z_0·…·Z_(m−1))
  for (let j = points.length - 1; j >= 0; j--) {
    const zInv = j === 0 ? prefixInverse : mul(prefixInverse, prefix[j - 1]); // 1/Z_j
    prefixInverse = mul(prefixInverse, points[j].Z); //                          1/(Z_0·…·Z_(j−1))
    out[j] = scaleToAffine(points[j], zInv);
  }
  return out;
}

/** (X·zInv², Y·zInv³), given zInv = 1/Z. */
function scaleToAffine(P: JacobianPoint, zInv: bigint): AffinePoint {
  const zInv2 = square(zInv); //                 1/Z²
  const x = mul(P.X, zInv2); //                  x = X/Z²
  const y = mul(P.Y, mul(zInv2, zInv)); //       y = Y/Z³
  return { x, y };
}

/**
 * −(X : Y : Z) = (X : −Y : Z).
 * @example jacobianNegate(toJacobian(G))
 */
export function jacobianNegate(P: JacobianPoint): JacobianPoint {
  return { X: P.X, Y: neg(P.Y), Z: P.Z };
}

/**
 * 2P, EFD dbl-2001-b (Bernstein 2001) for a = −3, 3M + 5S. Infinity in, infinity out.
 * @example toAffine(jacobianDouble(toJacobian(G))) // 2G
 */
export function jacobianDouble(P: JacobianPoint): JacobianPoint {
  const { X: X1, Y: Y1, Z: Z1 } = P;
  const delta = square(Z1); //                                     δ = Z1²
  const gamma = square(Y1); //                                     γ = Y1²
  const beta = mul(X1, gamma); //                                  β = X1·γ
  const t = mul(sub(X1, delta), add(X1, delta)); //                (X1 − δ)(X1 + δ) = X1² − Z1⁴
  const alpha = add(t, add(t, t)); //                              α = 3(X1² − Z1⁴) = 3X1² + a·Z1⁴
  const beta4 = add(add(beta, beta), add(beta, beta)); //          4β
  const X3 = sub(square(alpha), add(beta4, beta4)); //             X3 = α² − 8β
  const Z3 = sub(sub(square(add(Y1, Z1)), gamma), delta); //       Z3 = (Y1 + Z1)² − γ − δ = 2·Y1·Z1
  const gamma2 = square(gamma); //                                 γ²
  const gamma2x2 = add(gamma2, gamma2); //                         2γ²
  const gamma2x4 = add(gamma2x2, gamma2x2); //                     4γ²
  const gamma2x8 = add(gamma2x4, gamma2x4); //                     8γ²
  const Y3 = sub(mul(alpha, sub(beta4, X3)), gamma2x8); //         Y3 = α(4β − X3) − 8γ²
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * P + Q, EFD add-2007-bl (Bernstein–Lange 2007), 11M + 5S, with every special case handled:
 * O + Q = Q, P + O = P, P + P = 2P, P + (−P) = O.
 * @example toAffine(jacobianAdd(toJacobian(G), jacobianDouble(toJacobian(G)))) // 3G
 */
export function jacobianAdd(P: JacobianPoint, Q: JacobianPoint): JacobianPoint {
  if (P.Z === 0n) return Q; //                                 O + Q = Q
  if (Q.Z === 0n) return P; //                                 P + O = P
  const { X: X1, Y: Y1, Z: Z1 } = P;
  const { X: X2, Y: Y2, Z: Z2 } = Q;
  const Z1Z1 = square(Z1); //                                  Z1Z1 = Z1²
  const Z2Z2 = square(Z2); //                                  Z2Z2 = Z2²
  const U1 = mul(X1, Z2Z2); //                                 U1 = X1·Z2²        (x1 on the common denominator)
  const U2 = mul(X2, Z1Z1); //                                 U2 = X2·Z1²
  const S1 = mul(Y1, mul(Z2, Z2Z2)); //                        S1 = Y1·Z2³        (y1 on the common denominator)
  const S2 = mul(Y2, mul(Z1, Z1Z1)); //                        S2 = Y2·Z1³
  const H = sub(U2, U1); //                                    H = U2 − U1        (0 iff x1 = x2)
  const rHalf = sub(S2, S1); //                                S2 − S1            (0 iff y1 = y2)
  if (H === 0n) return rHalf === 0n ? jacobianDouble(P) : JACOBIAN_INFINITY; // P = Q: double; P = −Q: O
  const I = square(add(H, H)); //                              I = (2H)²
  const J = mul(H, I); //                                      J = H·I
  const r = add(rHalf, rHalf); //                              r = 2(S2 − S1)
  const V = mul(U1, I); //                                     V = U1·I
  const X3 = sub(sub(square(r), J), add(V, V)); //             X3 = r² − J − 2V
  const S1J = mul(S1, J); //                                   S1·J
  const Y3 = sub(mul(r, sub(V, X3)), add(S1J, S1J)); //        Y3 = r(V − X3) − 2·S1·J
  const Z3 = mul(sub(sub(square(add(Z1, Z2)), Z1Z1), Z2Z2), H); // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H = 2·Z1·Z2·H
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * P + Q for an affine Q (Z2 = 1), EFD madd-2007-bl, 7M + 4S, with every special case handled:
 * O + Q = Q, P + O = P, P + P = 2P, P + (−P) = O.
 * @example toAffine(jacobianMixedAdd(jacobianDouble(toJacobian(G)), G)) // 3G
 */
export function jacobianMixedAdd(P: JacobianPoint, Q: AffinePoint): JacobianPoint {
  if (Q === INFINITY) return P; //                             P + O = P
  if (P.Z === 0n) return toJacobian(Q); //                     O + Q = Q
  const ZZ = square(P.Z);
  const H = sub(mul(Q.x, ZZ), P.X); //                         H = X2·Z1² − X1: 0 iff x1 = x2
  if (H === 0n) {
    const sameY = mul(Q.y, mul(P.Z, ZZ)) === P.Y; //           Y2·Z1³ = Y1?
    return sameY ? jacobianDouble(P) : JACOBIAN_INFINITY; //   P = Q: double; P = −Q: O
  }
  return jacobianMixedAddIncomplete(P, Q.x, Q.y);
}

/**
 * The bare madd-2007-bl formula (7M + 4S), incomplete and unchecked: correct only when P ≠ O
 * and x(P) ≠ X2. Used where the caller has excluded those cases and must not branch (the
 * fixed-base method, whose table look-ups are secret). Z1 = 0 gives Z3 = 0.
 * @example jacobianMixedAddIncomplete(jacobianDouble(toJacobian(G)), Gx, Gy) // 3G
 */
export function jacobianMixedAddIncomplete(
  P: JacobianPoint,
  X2: bigint,
  Y2: bigint,
): JacobianPoint {
  const { X: X1, Y: Y1, Z: Z1 } = P;
  const Z1Z1 = square(Z1); //                                  Z1Z1 = Z1²
  const U2 = mul(X2, Z1Z1); //                                 U2 = X2·Z1²        (U1 = X1 since Z2 = 1)
  const S2 = mul(Y2, mul(Z1, Z1Z1)); //                        S2 = Y2·Z1³        (S1 = Y1)
  const H = sub(U2, X1); //                                    H = U2 − X1
  const HH = square(H); //                                     HH = H²
  const I = add(add(HH, HH), add(HH, HH)); //                  I = 4·HH
  const J = mul(H, I); //                                      J = H·I
  const rHalf = sub(S2, Y1); //                                S2 − Y1
  const r = add(rHalf, rHalf); //                              r = 2(S2 − Y1)
  const V = mul(X1, I); //                                     V = X1·I
  const X3 = sub(sub(square(r), J), add(V, V)); //             X3 = r² − J − 2V
  const Y1J = mul(Y1, J); //                                   Y1·J
  const Y3 = sub(mul(r, sub(V, X3)), add(Y1J, Y1J)); //        Y3 = r(V − X3) − 2·Y1·J
  const Z3 = sub(sub(square(add(Z1, H)), Z1Z1), HH); //         Z3 = (Z1 + H)² − Z1Z1 − HH = 2·Z1·H
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * Whether two Jacobian points are the same affine point: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
 * @example jacobianEquals(toJacobian(G), toJacobian(G)) // true
 */
export function jacobianEquals(P: JacobianPoint, Q: JacobianPoint): boolean {
  if (P.Z === 0n || Q.Z === 0n) return P.Z === 0n && Q.Z === 0n;
  const Z1Z1 = square(P.Z);
  const Z2Z2 = square(Q.Z);
  return mul(P.X, Z2Z2) === mul(Q.X, Z1Z1) && mul(P.Y, mul(Q.Z, Z2Z2)) === mul(Q.Y, mul(P.Z, Z1Z1));
}
