/**
 * The textbook affine group law on a short Weierstrass curve y² = x³ + a·x + b over F_p
 * (SEC 1 v2 §2.2.1): the reference every faster method is tested against, and the one to read
 * first.
 *
 *   O (INFINITY)   the identity: P + O = O + P = P
 *   −(x, y)        = (x, −y)
 *   P + Q, P ≠ ±Q  chord:   λ = (y2 − y1) / (x2 − x1)
 *   P + P, y ≠ 0   tangent: λ = (3·x1² + a) / (2·y1)
 *   then           x3 = λ² − x1 − x2,  y3 = λ·(x1 − x3) − y1
 *   P + (−P)       = O (the vertical line), and 2P = O when y = 0
 *   k·P            double-and-add over the bits of k
 *
 * Every function takes the curve as its last argument (default P-256), so the same code runs
 * on the toy curve of toy.ts, where the numbers can be checked by hand.
 *
 * The point at infinity is the frozen object INFINITY, compared by identity (`P === INFINITY`,
 * or isInfinity(P)); its x and y (both 0) are placeholders and carry no meaning.
 *
 * Deliberately not here: speed or constant time. Each addition costs an inversion (extended
 * Euclid, variable time) and double-and-add branches on every bit of k. Secrets go through the
 * ladder (ladder.ts).
 */
import { mod, modInverseVartime } from '../math/modular.js';
import { P256 } from './p256.js';

/** A point (x, y) with x, y ∈ [0, p−1]; the identity is INFINITY. */
export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

/** A short Weierstrass curve y² = x³ + a·x + b over F_p, with optional group data. */
export interface Curve {
  readonly name?: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly n?: bigint;
  readonly h?: bigint;
  readonly G?: AffinePoint;
}

/**
 * The point at infinity O, the identity of the group. A distinct frozen object, recognised by
 * identity only: `{ x: 0n, y: 0n }` built elsewhere is NOT infinity (and is not on P-256).
 */
export const INFINITY: AffinePoint = Object.freeze({ x: 0n, y: 0n });

/**
 * Whether P is the point at infinity.
 * @example isInfinity(INFINITY) // true
 */
export function isInfinity(P: AffinePoint): boolean {
  return P === INFINITY;
}

/**
 * Whether P satisfies y² = x³ + a·x + b with 0 ≤ x, y < p. INFINITY has no coordinates: false.
 * @param P - the point
 * @param curve - the curve (default P-256)
 * @example isOnCurve(P256.G) // true
 */
export function isOnCurve(P: AffinePoint, curve: Curve = P256): boolean {
  if (P === INFINITY) return false;
  const { p, a, b } = curve;
  const { x, y } = P;
  if (typeof x !== 'bigint' || typeof y !== 'bigint') return false;
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  return mod(y * y - (x * x * x + a * x + b), p) === 0n;
}

/**
 * −P = (x, −y); −O = O.
 * @example pointNegate({ x: 4n, y: 27n }, TOY) // { x: 4n, y: 196n }
 */
export function pointNegate(P: AffinePoint, curve: Curve = P256): AffinePoint {
  if (P === INFINITY) return INFINITY;
  return { x: P.x, y: mod(-P.y, curve.p) };
}

/**
 * 2P by the tangent: λ = (3x² + a)/(2y), x3 = λ² − 2x, y3 = λ(x − x3) − y. 2O = O, and 2P = O
 * when y = 0 (a point of order 2; none exists on P-256 or the toy curve, whose orders are odd).
 * @example pointDouble({ x: 4n, y: 27n }, TOY)
 */
export function pointDouble(P: AffinePoint, curve: Curve = P256): AffinePoint {
  if (P === INFINITY) return INFINITY;
  const { p, a } = curve;
  if (P.y === 0n) return INFINITY;
  const lambda = mod((3n * P.x * P.x + a) * modInverseVartime(2n * P.y, p), p);
  const x3 = mod(lambda * lambda - 2n * P.x, p);
  const y3 = mod(lambda * (P.x - x3) - P.y, p);
  return { x: x3, y: y3 };
}

/**
 * P + Q by the chord, with every special case: O + Q = Q, P + O = P, P + P = 2P (tangent),
 * P + (−P) = O.
 * @example pointAdd({ x: 4n, y: 27n }, { x: 0n, y: 30n }, TOY)
 */
export function pointAdd(P: AffinePoint, Q: AffinePoint, curve: Curve = P256): AffinePoint {
  if (P === INFINITY) return Q;
  if (Q === INFINITY) return P;
  const { p } = curve;
  if (P.x === Q.x) {
    // Same x: either Q = P (tangent) or Q = −P (vertical line through both: the sum is O).
    return P.y === Q.y ? pointDouble(P, curve) : INFINITY;
  }
  const lambda = mod((Q.y - P.y) * modInverseVartime(Q.x - P.x, p), p);
  const x3 = mod(lambda * lambda - P.x - Q.x, p);
  const y3 = mod(lambda * (P.x - x3) - P.y, p);
  return { x: x3, y: y3 };
}

/**
 * k·P by left-to-right double-and-add (variable time: the reference, never for secrets).
 * @param k - the scalar, ≥ 0 (not reduced: k = n gives O)
 * @param P - the point
 * @param curve - the curve (default P-256)
 * @returns k·P (INFINITY for k = 0)
 * @throws TypeError for a non-bigint k; RangeError for a negative k
 * @example scalarMultiply(2n, TOY.G, TOY) // equals pointDouble(TOY.G, TOY)
 */
export function scalarMultiply(k: bigint, P: AffinePoint, curve: Curve = P256): AffinePoint {
  if (typeof k !== 'bigint') throw new TypeError(`affine: k must be a bigint, got ${typeof k}`);
  if (k < 0n) throw new RangeError('affine: k must not be negative');
  let R: AffinePoint = INFINITY;
  const bits = k.toString(2);
  for (let i = 0; i < bits.length; i++) {
    R = pointDouble(R, curve);
    if (bits[i] === '1') R = pointAdd(R, P, curve);
  }
  return k === 0n ? INFINITY : R;
}
