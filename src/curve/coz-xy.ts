/**
 * (X, Y)-only co-Z additions: the two formulas of the co-Z Montgomery ladder's inner loop, on
 * two Jacobian points that share a Z which is NOT carried along (Goundar, Joye, Miyaji, Rivain,
 * Venelli, "Scalar multiplication on Weierstraß elliptic curves from Co-Z arithmetic",
 * J. Cryptogr. Eng. 2011, §3 and §4: XYCZ-ADD and XYCZ-ADDC; coz.ts has the same formulas with
 * Z tracked, for study).
 *
 * With P = (X1 : Y1 : Z) and Q = (X2 : Y2 : Z) the sum lands on Z3 = Z·(X2 − X1), and P can be
 * re-expressed on Z3 for free. Neither formula needs Z itself: Z only scales, by the known factor
 * X2 − X1 at every step, so the ladder (ladder.ts) recovers it once at the end from a point whose
 * affine coordinates it knows, and skips one multiplication per formula.
 *
 *   coZAddXY(P, Q)            → (P + Q, P on the new Z)    4M + 2S   (XYCZ-ADD)
 *   coZAddConjugateXY(P, Q)   → (P + Q, P − Q)             5M + 3S   (XYCZ-ADDC)
 *
 * Both compute on lazy field elements (field-lazy.ts: any integer standing for its residue mod
 * p, sums and differences not reduced, products reduced by % to |r| < p). The bounds, checked
 * line by line below: every input coordinate below 3p in absolute value gives every output
 * coordinate below 3p (X) and 2p (Y), and no operand of a product reaches 6p (< 2^259), so
 * every product stays below 36p² < 2^519 and the remainder stays cheap.
 *
 * Special cases: none are handled. X1 ≡ X2 (P = ±Q) makes the new Z zero and the results
 * meaningless, and neither input may be O; the ladder proves that it never meets them
 * (ladder.ts header). Not exported from the package: the inner loop, with no argument checks.
 */
import {
  fieldAddLazy as add,
  fieldMulLazy as mul,
  fieldSquareLazy as square,
  fieldSubLazy as sub,
} from '../math/field-lazy.js';

/** Two co-Z points (X1 : Y1 : Z) and (X2 : Y2 : Z) whose common Z is not carried: lazy elements. */
export interface CoZPairXY {
  readonly X1: bigint;
  readonly Y1: bigint;
  readonly X2: bigint;
  readonly Y2: bigint;
}

/**
 * XYCZ-ADD: from co-Z P = (X1, Y1) and Q = (X2, Y2), returns P + Q as (X1, Y1) and P on the new
 * Z as (X2, Y2), the new Z being Z·(X2 − X1). 4M + 2S. Requires P ≠ ±Q, neither at infinity,
 * and every coordinate below 3p in absolute value.
 * @example
 * const G2 = pointDouble(G) // 2G, affine: both points on Z = 1
 * coZAddXY({ X1: G.x, Y1: G.y, X2: G2.x, Y2: G2.y }) // (3G, G) on Z = G2.x − G.x
 */
export function coZAddXY(pair: CoZPairXY): CoZPairXY {
  const { X1, Y1, X2, Y2 } = pair;
  const dX = sub(X2, X1); //                  X2 − X1                   |·| < 6p
  const A = square(dX); //                    A = (X2 − X1)²            [0, p)
  const B = mul(X1, A); //                    B = X1·A (P's X on the new Z)       |·| < p
  const C = mul(X2, A); //                    C = X2·A                  |·| < p
  const dY = sub(Y2, Y1); //                  Y2 − Y1                   |·| < 6p
  const E = mul(Y1, sub(C, B)); //            E = Y1·(C − B) = Y1·(X2 − X1)³ (P's Y on the new Z)
  const X3 = sub(sub(square(dY), B), C); //   X3 = (Y2 − Y1)² − B − C   (−2p, 3p)
  const Y3 = sub(mul(dY, sub(B, X3)), E); //  Y3 = (Y2 − Y1)(B − X3) − E, B − X3 < 4p; |Y3| < 2p
  return { X1: X3, Y1: Y3, X2: B, Y2: E };
}

/**
 * XYCZ-ADDC: from co-Z P = (X1, Y1) and Q = (X2, Y2), returns P + Q as (X1, Y1) and P − Q as
 * (X2, Y2), both on the new Z, Z·(X2 − X1). 5M + 3S. Requires P ≠ ±Q, neither at infinity, and
 * every coordinate below 3p in absolute value.
 * @example
 * const G2 = pointDouble(G)
 * coZAddConjugateXY({ X1: G.x, Y1: G.y, X2: G2.x, Y2: G2.y }) // (G + 2G, G − 2G), co-Z
 */
export function coZAddConjugateXY(pair: CoZPairXY): CoZPairXY {
  const { X1, Y1, X2, Y2 } = pair;
  const dX = sub(X2, X1); //                  X2 − X1                   |·| < 6p
  const A = square(dX); //                    A = (X2 − X1)²            [0, p)
  const B = mul(X1, A); //                    B = X1·A                  |·| < p
  const C = mul(X2, A); //                    C = X2·A                  |·| < p
  const BC = add(B, C); //                    B + C                     |·| < 2p
  const dY = sub(Y2, Y1); //                  Y2 − Y1, numerator of λ for P + Q       |·| < 6p
  const sY = add(Y2, Y1); //                  Y2 + Y1, minus the numerator for P − Q  |·| < 6p
  const E = mul(Y1, sub(C, B)); //            E = Y1·(X2 − X1)³         |·| < p
  const X3 = sub(square(dY), BC); //          X3 = (Y2 − Y1)² − B − C   (−2p, 3p)
  const Y3 = sub(mul(dY, sub(B, X3)), E); //  Y3 = (Y2 − Y1)(B − X3) − E              |·| < 2p
  const X3c = sub(square(sY), BC); //         X3' = (Y1 + Y2)² − B − C  (x of P − Q)  (−2p, 3p)
  const Y3c = sub(mul(sY, sub(X3c, B)), E); // Y3' = (Y1 + Y2)(X3' − B) − E (y of P − Q) |·| < 2p
  return { X1: X3, Y1: Y3, X2: X3c, Y2: Y3c };
}
