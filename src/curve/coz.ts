/**
 * Co-Z point arithmetic: additions of two Jacobian points that share the same Z
 * (Meloni 2007; Goundar, Joye, Miyaji, Rivain, Venelli, "Scalar multiplication on Weierstraß
 * elliptic curves from Co-Z arithmetic", J. Cryptogr. Eng. 2011, §3–4: XYcZ-ADD, XYcZ-ADDC).
 *
 * With P = (X1 : Y1 : Z) and Q = (X2 : Y2 : Z), the chord slope is
 *   λ = (y2 − y1)/(x2 − x1) = (Y2 − Y1) / (Z·(X2 − X1)),
 * so the sum lands on the new common Z3 = Z·(X2 − X1), and P itself can be re-expressed on Z3
 * for free: (X1·(X2 − X1)², Y1·(X2 − X1)³). That keeps the two ladder points co-Z forever, and
 * Z need not even be carried along. Here it is tracked, one multiplication per addition, so
 * each result converts with a plain toAffine; coz-xy.ts has the same formulas without Z, which
 * the ladder uses.
 *
 *   XYcZ-ADD(P, Q)  → (P + Q, P')             4M + 2S, 5M + 2S with Z tracked
 *   XYcZ-ADDC(P, Q) → (P + Q, P − Q)          5M + 3S, 6M + 3S with Z tracked (the "conjugate")
 *
 * (The paper's counts, 4M + 2S and 5M + 3S, leave Z out: they are the costs of coz-xy.ts. A
 * ladder built on these two would cost 11M + 5S per bit; ladder.ts pays 9M + 5S.)
 *
 * Special cases: none are handled. X1 = X2 (P = ±Q) gives Z3 = 0 and a meaningless result, and
 * neither input may be O. The co-Z ladder (ladder.ts) guarantees X1 ≠ X2 at every step; that
 * proof is written out there.
 *
 * Deliberately not here: general use. These are the co-Z formulas with Z, for the study tier
 * (`ecdh-lab/math`) and so the tests can check them against the affine reference (and coz-xy.ts
 * against them); the library's own ladder uses coz-xy.ts. Each function reads its argument once
 * (a frozen copy, coordinates bigints in [0, p − 1]) and then computes with the field
 * arithmetic of fp.ts.
 */
import { add, mul, p, square, sub } from '../math/fp.js';
import { readCoordinates } from './affine.js';

/** Two co-Z points (X1 : Y1 : Z) and (X2 : Y2 : Z), and their common Z. */
export interface CoZPair {
  readonly X1: bigint;
  readonly Y1: bigint;
  readonly X2: bigint;
  readonly Y2: bigint;
  readonly Z: bigint;
}

const CO_Z = ['X1', 'Y1', 'X2', 'Y2', 'Z'] as const;

/** Reads a CoZPair argument once (affine.ts readCoordinates): every coordinate in [0, p − 1]. */
function readCoZPair(value: unknown, name: string): CoZPair {
  return readCoordinates(value, name, 'CoZPair', CO_Z, p);
}

/**
 * XYcZ-ADD: from co-Z P = (X1, Y1) and Q = (X2, Y2), returns R = P + Q as (X1, Y1) and P
 * re-expressed on R's Z as (X2, Y2). Requires P ≠ ±Q and neither at infinity.
 * @throws TypeError / RangeError when pair is not a CoZPair of coordinates in [0, p − 1]
 * @example
 * const G2 = pointDouble(G) // 2G, affine: Z = 1 for both points
 * coZAdd({ X1: G.x, Y1: G.y, X2: G2.x, Y2: G2.y, Z: 1n }) // (3G, G) on the new common Z
 */
export function coZAdd(pair: CoZPair): CoZPair {
  const { X1, Y1, X2, Y2, Z } = readCoZPair(pair, 'pair'); // 5M + 2S, Z tracked
  const dX = sub(X2, X1); //                         X2 − X1
  const A = square(dX); //                           A = (X2 − X1)²
  const B = mul(X1, A); //                           B = X1·A          (P's X on the new Z)
  const C = mul(X2, A); //                           C = X2·A
  const dY = sub(Y2, Y1); //                         Y2 − Y1
  const D = square(dY); //                           D = (Y2 − Y1)²
  const E = mul(Y1, sub(C, B)); //                   E = Y1·(C − B) = Y1·(X2 − X1)³  (P's Y on the new Z)
  const X3 = sub(D, add(B, C)); //                   X3 = D − B − C    (λ² − x1 − x2, scaled)
  const Y3 = sub(mul(dY, sub(B, X3)), E); //         Y3 = (Y2 − Y1)(B − X3) − E  (λ(x1 − x3) − y1, scaled)
  return { X1: X3, Y1: Y3, X2: B, Y2: E, Z: mul(Z, dX) }; // Z3 = Z·(X2 − X1)
}

/**
 * XYcZ-ADDC: from co-Z P = (X1, Y1) and Q = (X2, Y2), returns P + Q as (X1, Y1) and P − Q as
 * (X2, Y2), both on Z3 = Z·(X2 − X1). Requires P ≠ ±Q and neither at infinity.
 * @throws TypeError / RangeError when pair is not a CoZPair of coordinates in [0, p − 1]
 * @example
 * const G2 = pointDouble(G)
 * coZAddConjugate({ X1: G.x, Y1: G.y, X2: G2.x, Y2: G2.y, Z: 1n }) // (G + 2G, G − 2G), co-Z
 */
export function coZAddConjugate(pair: CoZPair): CoZPair {
  const { X1, Y1, X2, Y2, Z } = readCoZPair(pair, 'pair'); // 6M + 3S, Z tracked
  const dX = sub(X2, X1); //                         X2 − X1
  const A = square(dX); //                           A = (X2 − X1)²
  const B = mul(X1, A); //                           B = X1·A
  const C = mul(X2, A); //                           C = X2·A
  const BC = add(B, C); //                           B + C
  const dY = sub(Y2, Y1); //                         Y2 − Y1          (numerator of λ for P + Q)
  const sY = add(Y2, Y1); //                         Y2 + Y1          (minus the numerator of λ' for P − Q)
  const E = mul(Y1, sub(C, B)); //                   E = Y1·(X2 − X1)³
  const X3 = sub(square(dY), BC); //                 X3 = (Y2 − Y1)² − B − C
  const Y3 = sub(mul(dY, sub(B, X3)), E); //         Y3 = (Y2 − Y1)(B − X3) − E
  const X3c = sub(square(sY), BC); //                X3' = (Y1 + Y2)² − B − C           (x of P − Q)
  const Y3c = sub(mul(sY, sub(X3c, B)), E); //       Y3' = (Y1 + Y2)(X3' − B) − E      (y of P − Q)
  return { X1: X3, Y1: Y3, X2: X3c, Y2: Y3c, Z: mul(Z, dX) }; // Z3 = Z·(X2 − X1)
}
