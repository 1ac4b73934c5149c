/**
 * P-256 points in Jacobian coordinates, for the study tier (`ecdh-lab/math`): each function reads
 * its point arguments once (a frozen copy) and checks that their coordinates are bigints in
 * [0, p − 1] (TypeError / RangeError naming the argument), then runs the formula of
 * jacobian-formulas.ts, where the formulas, their costs and their special cases are written out
 * and explained. Inside the library the ladders, the fixed-base method and Straus's method call
 * jacobian-formulas.ts directly: their values are points by construction.
 *
 *   toJacobian / toAffine    (x, y) ↦ (x : y : 1), and back with one Fermat inversion
 *   jacobianNegate           (X : −Y : Z)
 *   jacobianDouble           EFD dbl-2001-b, 3M + 5S
 *   jacobianAdd              EFD add-2007-bl, 11M + 5S, every special case handled
 *   jacobianMixedAdd         EFD madd-2007-bl, 7M + 4S (Q affine), every special case handled
 *   jacobianEquals           the same affine point?
 */
import { p } from '../math/fp.js';
import { readAffinePoint, readCoordinates, type AffinePoint } from './affine.js';
import * as formulas from './jacobian-formulas.js';
import type { JacobianPoint } from './jacobian-formulas.js';

export { JACOBIAN_INFINITY, type JacobianPoint } from './jacobian-formulas.js';

const XYZ = ['X', 'Y', 'Z'] as const;

/** Reads a Jacobian point argument once (affine.ts readCoordinates): X, Y, Z in [0, p − 1]. */
function readJacobianPoint(value: unknown, name: string): JacobianPoint {
  return readCoordinates(value, name, 'JacobianPoint', XYZ, p);
}

/**
 * (x, y) ↦ (x : y : 1); INFINITY ↦ (1 : 1 : 0).
 * @throws TypeError when P is not an AffinePoint; RangeError for a coordinate outside [0, p − 1]
 * @example toJacobian(G) // { X: Gx, Y: Gy, Z: 1n }
 */
export function toJacobian(P: AffinePoint): JacobianPoint {
  return formulas.toJacobian(readAffinePoint(P, 'P', p));
}

/**
 * (X : Y : Z) ↦ (X/Z², Y/Z³) with one inversion (the constant-time-style Fermat chain, since Z
 * may derive from a secret); Z = 0 ↦ INFINITY.
 * @throws TypeError / RangeError for an argument that is not a JacobianPoint over F_p
 * @example toAffine(jacobianDouble(toJacobian(G))) // 2G
 */
export function toAffine(P: JacobianPoint): AffinePoint {
  return formulas.toAffine(readJacobianPoint(P, 'P'));
}

/**
 * −(X : Y : Z) = (X : −Y : Z).
 * @throws TypeError / RangeError for an argument that is not a JacobianPoint over F_p
 * @example jacobianNegate(toJacobian(G))
 */
export function jacobianNegate(P: JacobianPoint): JacobianPoint {
  return formulas.jacobianNegate(readJacobianPoint(P, 'P'));
}

/**
 * 2P, EFD dbl-2001-b (Bernstein 2001) for a = −3, 3M + 5S. Infinity in, infinity out.
 * @throws TypeError / RangeError for an argument that is not a JacobianPoint over F_p
 * @example toAffine(jacobianDouble(toJacobian(G))) // 2G
 */
export function jacobianDouble(P: JacobianPoint): JacobianPoint {
  return formulas.jacobianDouble(readJacobianPoint(P, 'P'));
}

/**
 * P + Q, EFD add-2007-bl (Bernstein–Lange 2007), 11M + 5S, with every special case handled:
 * O + Q = Q, P + O = P, P + P = 2P, P + (−P) = O.
 * @throws TypeError / RangeError for an argument that is not a JacobianPoint over F_p
 * @example toAffine(jacobianAdd(toJacobian(G), jacobianDouble(toJacobian(G)))) // 3G
 */
export function jacobianAdd(P: JacobianPoint, Q: JacobianPoint): JacobianPoint {
  return formulas.jacobianAdd(readJacobianPoint(P, 'P'), readJacobianPoint(Q, 'Q'));
}

/**
 * P + Q for an affine Q (Z2 = 1), EFD madd-2007-bl, 7M + 4S, with every special case handled:
 * O + Q = Q, P + O = P, P + P = 2P, P + (−P) = O.
 * @throws TypeError / RangeError for a P that is not a JacobianPoint or a Q that is not an
 *   AffinePoint over F_p
 * @example toAffine(jacobianMixedAdd(jacobianDouble(toJacobian(G)), G)) // 3G
 */
export function jacobianMixedAdd(P: JacobianPoint, Q: AffinePoint): JacobianPoint {
  return formulas.jacobianMixedAdd(readJacobianPoint(P, 'P'), readAffinePoint(Q, 'Q', p));
}

/**
 * Whether two Jacobian points are the same affine point: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
 * @throws TypeError / RangeError for an argument that is not a JacobianPoint over F_p
 * @example jacobianEquals(toJacobian(G), toJacobian(G)) // true
 */
export function jacobianEquals(P: JacobianPoint, Q: JacobianPoint): boolean {
  return formulas.jacobianEquals(readJacobianPoint(P, 'P'), readJacobianPoint(Q, 'Q'));
}
