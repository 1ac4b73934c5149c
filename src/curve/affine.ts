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
import { assertBigInt, describeType } from '../bytes/assert.js';
import { mod, modInverseVartime } from '../math/modular.js';
import { P256 } from './p256.js';
import type { AffinePoint, Curve } from './types.js';

export type { AffinePoint, Curve, DomainParameters } from './types.js';

/**
 * The point at infinity O, the identity of the group. A distinct frozen object, recognised by
 * identity only: `{ x: 0n, y: 0n }` built elsewhere is NOT infinity (and is not on P-256).
 */
export const INFINITY: AffinePoint = Object.freeze({ x: 0n, y: 0n });

/**
 * Reads a point-like argument exactly once: a frozen copy of its named coordinates, each a
 * bigint (in [0, p − 1] when p is given). The one reader of points: affine points
 * (readAffinePoint), Jacobian points (jacobian.ts) and co-Z pairs (coz.ts) all come through
 * here, so a getter or a Proxy cannot show one point to a check and another to the arithmetic
 * after it.
 * @param value - the argument
 * @param name - its name, used in the message
 * @param type - the type it must have, used in the message ('AffinePoint', 'JacobianPoint', …)
 * @param coordinates - the coordinates to read, in order
 * @param p - when given, each coordinate must lie in [0, p − 1]
 * @returns a frozen object with exactly those coordinates
 * @throws TypeError naming `name` when value is not an object with those bigint coordinates;
 *   RangeError when p is given and a coordinate is outside [0, p − 1]
 * @example readCoordinates({ X: 1n, Y: 1n, Z: 0n }, 'P', 'JacobianPoint', ['X', 'Y', 'Z'], p)
 */
export function readCoordinates<K extends string>(
  value: unknown,
  name: string,
  type: string,
  coordinates: readonly K[],
  p?: bigint,
): Readonly<Record<K, bigint>> {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(
      `${name} must be a${/^[AEIOU]/.test(type) ? 'n' : ''} ${type}, got ${describeType(value)}`,
    );
  }
  const copy = {} as Record<K, bigint>;
  const max = p === undefined ? undefined : p - 1n;
  for (const coordinate of coordinates) {
    const v = (value as Record<string, unknown>)[coordinate]; // the only read of each coordinate
    assertBigInt(v, `${name}.${coordinate}`, p === undefined ? undefined : 0n, max);
    copy[coordinate] = v;
  }
  return Object.freeze(copy);
}

const XY = ['x', 'y'] as const;

/**
 * Reads an affine point argument exactly once: INFINITY itself, or a frozen copy { x, y } of
 * its coordinates (readCoordinates). Every exported point function starts here.
 * @param value - the argument
 * @param name - its name, used in the message
 * @param p - when given, each coordinate must lie in [0, p − 1]
 * @returns INFINITY, or a frozen copy of the point
 * @throws TypeError naming `name` when value is not an object with bigint x and y; RangeError
 *   when p is given and a coordinate is outside [0, p − 1]
 * @example readAffinePoint(G, 'P') // { x: Gx, y: Gy }, frozen
 */
export function readAffinePoint(value: unknown, name: string, p?: bigint): AffinePoint {
  if (value === INFINITY) return INFINITY;
  return readCoordinates(value, name, 'AffinePoint', XY, p);
}

/** Throws a TypeError unless `curve` has bigint p, a and b. */
function assertCurve(curve: unknown): asserts curve is Curve {
  if (typeof curve !== 'object' || curve === null)
    throw new TypeError(`curve must be a Curve, got ${describeType(curve)}`);
  const { p, a, b } = curve as { p?: unknown; a?: unknown; b?: unknown };
  assertBigInt(p, 'curve.p', 2n);
  assertBigInt(a, 'curve.a');
  assertBigInt(b, 'curve.b');
}

/**
 * Whether P is the point at infinity.
 * @example isInfinity(INFINITY) // true
 */
export function isInfinity(P: AffinePoint): boolean {
  return P === INFINITY;
}

/**
 * How often isOnCurve has run in this process. For the tests that prove a peer's key is
 * checked once on its way from the wire to the shared secret (test/ecdh/one-validation.test.ts);
 * no entry point exports it.
 */
export const onCurveChecks = { count: 0 };

/**
 * Whether P satisfies y² = x³ + a·x + b with 0 ≤ x, y < p. INFINITY has no coordinates: false.
 * @param P - the point
 * @param curve - the curve (default P-256)
 * @throws TypeError when P is not an object with bigint x and y, or curve is not a Curve
 * @example isOnCurve(P256.G) // true
 */
export function isOnCurve(P: AffinePoint, curve: Curve = P256): boolean {
  onCurveChecks.count++;
  const point = readAffinePoint(P, 'P');
  assertCurve(curve);
  if (point === INFINITY) return false;
  const { p, a, b } = curve;
  const { x, y } = point;
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  return mod(y * y - (x * x * x + a * x + b), p) === 0n;
}

/**
 * −P = (x, −y); −O = O.
 * @throws TypeError when P is not an AffinePoint or curve not a Curve
 * @example pointNegate({ x: 4n, y: 27n }, TOY) // { x: 4n, y: 196n }
 */
export function pointNegate(P: AffinePoint, curve: Curve = P256): AffinePoint {
  P = readAffinePoint(P, 'P');
  assertCurve(curve);
  if (P === INFINITY) return INFINITY;
  return { x: P.x, y: mod(-P.y, curve.p) };
}

/**
 * 2P by the tangent: λ = (3x² + a)/(2y), x3 = λ² − 2x, y3 = λ(x − x3) − y. 2O = O, and 2P = O
 * when y = 0 (a point of order 2; none exists on P-256 or the toy curve, whose orders are odd).
 * @throws TypeError when P is not an AffinePoint or curve not a Curve
 * @example pointDouble({ x: 4n, y: 27n }, TOY)
 */
export function pointDouble(P: AffinePoint, curve: Curve = P256): AffinePoint {
  P = readAffinePoint(P, 'P');
  assertCurve(curve);
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
 * @throws TypeError when P or Q is not an AffinePoint, or curve not a Curve
 * @example pointAdd({ x: 4n, y: 27n }, { x: 0n, y: 30n }, TOY)
 */
export function pointAdd(P: AffinePoint, Q: AffinePoint, curve: Curve = P256): AffinePoint {
  P = readAffinePoint(P, 'P');
  Q = readAffinePoint(Q, 'Q');
  assertCurve(curve);
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
 * @throws TypeError for a non-bigint k, a P that is not an AffinePoint or a curve that is not a
 *   Curve; RangeError for a negative k
 * @example scalarMultiply(2n, TOY.G, TOY) // equals pointDouble(TOY.G, TOY)
 */
export function scalarMultiply(k: bigint, P: AffinePoint, curve: Curve = P256): AffinePoint {
  assertBigInt(k, 'k', 0n);
  P = readAffinePoint(P, 'P');
  assertCurve(curve);
  let R: AffinePoint = INFINITY;
  const bits = k.toString(2);
  for (let i = 0; i < bits.length; i++) {
    R = pointDouble(R, curve);
    if (bits[i] === '1') R = pointAdd(R, P, curve);
  }
  return k === 0n ? INFINITY : R;
}
