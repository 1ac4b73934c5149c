/**
 * A toy curve for study: the same shape as P-256 (a = −3, p ≡ 3 mod 4, prime group order,
 * cofactor 1) but small enough to check by hand or by listing every point.
 *
 *   TOY : y² = x³ − 3x + 8 over F_223
 *   #TOY(F_223) = 233 (prime; 232 affine points plus O), so every point ≠ O generates the group
 *   G = (4, 27): 27² = 729 = 3·223 + 60 and 4³ − 3·4 + 8 = 60
 *
 * Run the affine reference on it: pointAdd(TOY.G, TOY.G, TOY), scalarMultiply(5n, TOY.G, TOY).
 * Deliberately not here: any security. 233 points can be listed in a millisecond.
 */
import type { AffinePoint, DomainParameters } from './types.js';

const G: AffinePoint = Object.freeze({ x: 4n, y: 27n });

/**
 * The toy curve y² = x³ − 3x + 8 over F_223, of prime order n = 233.
 * @example isOnCurve({ x: 4n, y: 27n }, TOY) // true
 */
export const TOY: DomainParameters = Object.freeze({
  name: 'toy y^2 = x^3 - 3x + 8 over F_223',
  p: 223n,
  a: 220n,
  b: 8n,
  n: 233n,
  h: 1n,
  G,
});
