/**
 * Curves small enough to draw: y² = x³ + a·x + b over F_p for a prime p up to MAX_CURVE_PRIME,
 * with the library's affine group law (pointAdd, pointDouble, pointNegate of ecdh-lab/math) and
 * what the curve view shows around it.
 *
 *   nonsingular   4a³ + 27b² ≢ 0 (mod p): otherwise x³ + a·x + b has a repeated root, the curve
 *                 has a cusp (a = b = 0) or a node, and its points do not form a group
 *   points        for each x, the square roots of x³ + a·x + b (numbers.ts), each checked with
 *                 isOnCurve; #E = their number + 1 (the point at infinity O)
 *   order of P    the least m ≥ 1 with m·P = O, found by adding P until O; it divides #E
 *   the line      through P and Q (slope λ = (y2 − y1)/(x2 − x1)), the tangent at P when Q = P
 *                 (λ = (3x1² + a)/(2y1)), or the vertical x = x1 when Q = −P; over F_p it is
 *                 the p points (x, λ(x − x1) + y1 mod p), which meets the curve a third time
 *                 at −(P + Q)
 *
 * Deliberately not here: speed. Everything is a loop over at most a few thousand points.
 */
import {
  INFINITY,
  type AffinePoint,
  type Curve,
  isOnCurve,
  mod,
  modInverseVartime,
  pointAdd,
  pointNegate,
} from '../math.js';
import { isPrime, squareRoot } from './numbers.js';

/** The largest p the curve view draws (every point is a dot on a p × p grid). */
export const MAX_CURVE_PRIME = 1021n;

/** A curve that passed `checkCurve`: p an odd prime ≤ MAX_CURVE_PRIME, a, b reduced, nonsingular. */
export interface SmallCurve extends Curve {
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
}

export type CurveCheck =
  | { readonly ok: true; readonly curve: SmallCurve }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks p, a and b, and builds the curve y² = x³ + a·x + b over F_p.
 * @returns the curve, or the reason it is refused (not a prime, too large, singular)
 * @example checkCurve(223n, -3n, 8n) // { ok: true, curve: the toy curve }
 */
export function checkCurve(p: bigint, a: bigint, b: bigint): CurveCheck {
  if (p < 5n || !isPrime(p))
    return {
      ok: false,
      reason: `p = ${p} is not a prime above 3: F_p is a field only when p is prime (and the formulas divide by 2 and 3)`,
    };
  if (p > MAX_CURVE_PRIME)
    return {
      ok: false,
      reason: `p = ${p} is too large to draw here; choose p ≤ ${MAX_CURVE_PRIME}`,
    };
  const ar = mod(a, p);
  const br = mod(b, p);
  const discriminant = mod(4n * ar ** 3n + 27n * br ** 2n, p);
  if (discriminant === 0n) {
    const shape = ar === 0n && br === 0n ? 'a cusp at (0, 0)' : 'a node (a self-crossing)';
    return {
      ok: false,
      reason:
        `singular: 4a³ + 27b² ≡ 0 (mod ${p}), so x³ + ${ar}x + ${br} has a repeated root and the ` +
        `curve has ${shape}; the chord-and-tangent law breaks there and the points do not form a group`,
    };
  }
  return {
    ok: true,
    curve: Object.freeze({ name: `${curveEquation(ar, br, p)} over F_${p}`, p, a: ar, b: br }),
  };
}

/**
 * The equation with a and b written as the small signed numbers a person would type
 * (220 mod 223 is −3).
 * @example curveEquation(220n, 8n, 223n) // 'y² = x³ − 3x + 8'
 */
export function curveEquation(a: bigint, b: bigint, p: bigint): string {
  const signed = (v: bigint) => (v > p / 2n ? v - p : v);
  const term = (v: bigint, suffix: string) =>
    v === 0n
      ? ''
      : `${v < 0n ? ' − ' : ' + '}${v === 1n || v === -1n ? (suffix === '' ? '1' : '') : v < 0n ? -v : v}${suffix}`;
  return `y² = x³${term(signed(a), 'x')}${term(signed(b), '')}`;
}

/**
 * Every affine point of the curve, by x then y.
 * @example curvePoints(toy).length // 232
 */
export function curvePoints(curve: SmallCurve): AffinePoint[] {
  const { p, a, b } = curve;
  const points: AffinePoint[] = [];
  for (let x = 0n; x < p; x++) {
    for (const y of squareRoot(x ** 3n + a * x + b, p).roots) {
      const P = { x, y };
      if (!isOnCurve(P, curve)) throw new Error(`playground: (${x}, ${y}) is not on the curve`);
      points.push(P);
    }
  }
  return points;
}

/** Whether A and B are the same point (INFINITY only equals itself). */
export function samePoint(A: AffinePoint, B: AffinePoint): boolean {
  if (A === INFINITY || B === INFINITY) return A === B;
  return A.x === B.x && A.y === B.y;
}

/**
 * The order of P: the least m ≥ 1 with m·P = O, by repeated addition (at most #E steps).
 * @param limit - stop after this many additions (the group order bounds it)
 * @example pointOrder(TOY.G, TOY) // 233n
 */
export function pointOrder(P: AffinePoint, curve: Curve, limit = 1n << 20n): bigint {
  let m = 1n;
  for (let R = P; R !== INFINITY; R = pointAdd(R, P, curve)) {
    if (m > limit) throw new RangeError('playground: the order is larger than the limit');
    m++;
  }
  return m;
}

/** The line through P and Q (or the tangent at P, or the vertical), and the third point. */
export interface CurveLine {
  readonly kind: 'chord' | 'tangent' | 'vertical';
  /** The slope λ, as an element of F_p (absent for the vertical line). */
  readonly lambda?: bigint;
  /** The numerator and denominator of λ before the division, for display. */
  readonly rise?: bigint;
  readonly run?: bigint;
  /** The third intersection −(P + Q) (O for the vertical line). */
  readonly third: AffinePoint;
  /** P + Q, the reflection of the third point. */
  readonly sum: AffinePoint;
}

/**
 * The chord through P and Q (the tangent at P when Q = P), and P + Q from the library.
 * @throws RangeError when P or Q is the point at infinity (no line: O + Q = Q)
 * @example lineThrough(TOY.G, TOY.G, TOY).kind // 'tangent'
 */
export function lineThrough(P: AffinePoint, Q: AffinePoint, curve: SmallCurve): CurveLine {
  if (P === INFINITY || Q === INFINITY) throw new RangeError('playground: no line through O');
  const { p, a } = curve;
  const sum = pointAdd(P, Q, curve);
  if (P.x === Q.x && (P.y !== Q.y || P.y === 0n)) {
    return { kind: 'vertical', third: INFINITY, sum }; // Q = −P (or a point of order 2, doubled)
  }
  const tangent = P.y === Q.y && P.x === Q.x;
  const rise = tangent ? mod(3n * P.x * P.x + a, p) : mod(Q.y - P.y, p);
  const run = tangent ? mod(2n * P.y, p) : mod(Q.x - P.x, p);
  const lambda = mod(rise * modInverseVartime(run, p), p);
  return {
    kind: tangent ? 'tangent' : 'chord',
    lambda,
    rise,
    run,
    third: pointNegate(sum, curve),
    sum,
  };
}

/**
 * The p points of the line y = λ(x − x1) + y1 over F_p (x = 0 … p − 1), for drawing.
 * @example linePoints(lineThrough(TOY.G, TOY.G, TOY).lambda!, TOY.G, TOY).length // 223: one point per x in F_223
 */
export function linePoints(lambda: bigint, P: AffinePoint, curve: SmallCurve): AffinePoint[] {
  const out: AffinePoint[] = [];
  for (let x = 0n; x < curve.p; x++) out.push({ x, y: mod(lambda * (x - P.x) + P.y, curve.p) });
  return out;
}
