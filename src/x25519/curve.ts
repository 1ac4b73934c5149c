/**
 * Curve25519 in Montgomery form, v² = u³ + A·u² + u over F_p with p = 2^255 − 19 and
 * A = 486662 (RFC 7748 §4.1), and its textbook affine group law: the reference the x-only
 * ladder (ladder.ts) is tested against, and the one to read first.
 *
 * A Montgomery curve B·v² = u³ + A·u² + u (here B = 1) is a Weierstrass curve in disguise:
 * the chord-and-tangent law is the same, only the line through two points meets the cubic at
 * a third point whose u is λ² − A − u1 − u2 (the u² coefficient is A, not 0):
 *
 *   O (CURVE25519_INFINITY)  the identity: P + O = O + P = P
 *   −(u, v)                  = (u, −v)
 *   P + Q, P ≠ ±Q            chord:   λ = (v2 − v1) / (u2 − u1)
 *   P + P, v ≠ 0             tangent: λ = (3·u1² + 2·A·u1 + 1) / (2·v1)
 *   then                     u3 = λ² − A − u1 − u2,  v3 = λ·(u1 − u3) − v1
 *   P + (−P)                 = O, and 2P = O when v = 0 (the point (0, 0), of order 2)
 *   k·P                      double-and-add over the bits of k
 *
 * The group has 8·n points, n = 2^252 + 27742317777372353535851937790883648493 prime (the
 * cofactor h = 8); the base point (u = 9) generates the subgroup of order n. A u in F_p whose
 * u³ + A·u² + u is not a square belongs to no point of this curve but to its quadratic twist
 * (v² times a non-square); X25519 works on those u too, since it never looks at v.
 *
 * The arithmetic here is plain BigInt through math/modular.ts (mod and the extended Euclidean
 * inverse), independent of this folder's field.ts, so the reference shares no code with the
 * ladder it checks (except fieldSqrt in curve25519PointFromU, to find a v).
 *
 * Deliberately not here: speed, constant time, or points of the twist. Each addition costs a
 * variable-time inversion and double-and-add branches on every bit of k. Secrets go through
 * the ladder.
 */
import { assertBigInt, describeType } from '../bytes/assert.js';
import { mod, modInverseVartime } from '../math/modular.js';
import { fieldSqrt, p } from './field.js';

/** A point (u, v) of Curve25519 with u, v ∈ [0, p−1]; the identity is CURVE25519_INFINITY. */
export interface Curve25519Point {
  readonly u: bigint;
  readonly v: bigint;
}

/**
 * The curve's constants (RFC 7748 §4.1): p, A, a24 = (A − 2)/4 (the ladder's constant, §5),
 * the base point (u, v) = (9, …), the order n of the base point and the cofactor h.
 */
export const CURVE25519 = Object.freeze({
  name: 'Curve25519',
  p,
  A: 486662n,
  a24: 121665n,
  /** The base point's u-coordinate, 9. */
  u: 9n,
  /** The base point's v-coordinate (RFC 7748 §4.1 gives this one of the two roots). */
  v: 14781619447589544791020593568409986887264606134616475288964881837755586237401n,
  n: 2n ** 252n + 27742317777372353535851937790883648493n,
  h: 8n,
});

/**
 * The point at infinity O: a distinct frozen object, recognised by identity only (its
 * coordinates are placeholders).
 */
export const CURVE25519_INFINITY: Curve25519Point = Object.freeze({ u: 0n, v: 0n });

/** The base point (9, v) as a Curve25519Point. */
export const BASE_POINT: Curve25519Point = Object.freeze({ u: CURVE25519.u, v: CURVE25519.v });

const { A } = CURVE25519;
const P_MINUS_1 = p - 1n;

/** Reads a point argument once: CURVE25519_INFINITY itself, or a frozen copy of { u, v }. */
function readPoint(value: unknown, name: string): Curve25519Point {
  if (value === CURVE25519_INFINITY) return CURVE25519_INFINITY;
  if (typeof value !== 'object' || value === null)
    throw new TypeError(`${name} must be a Curve25519Point, got ${describeType(value)}`);
  const { u, v } = value as { u?: unknown; v?: unknown }; // the only read of the coordinates
  assertBigInt(u, `${name}.u`, 0n, P_MINUS_1);
  assertBigInt(v, `${name}.v`, 0n, P_MINUS_1);
  return Object.freeze({ u, v });
}

/**
 * Whether P satisfies v² = u³ + A·u² + u (O counts as on the curve).
 * @throws TypeError / RangeError when P is not a Curve25519Point with coordinates in [0, p−1]
 * @example isOnCurve25519(BASE_POINT) // true
 */
export function isOnCurve25519(P: Curve25519Point): boolean {
  const Q = readPoint(P, 'P');
  if (Q === CURVE25519_INFINITY) return true;
  const { u, v } = Q;
  return mod(v * v - (u * u * u + A * u * u + u), p) === 0n;
}

/**
 * The point with this u-coordinate, if the curve has one: v = √(u³ + A·u² + u). Of the two
 * roots ±v the smaller is returned; the other point is its negative, and both give the same
 * u-coordinate for every multiple (u(k·(−P)) = u(−(k·P)) = u(k·P)): why X25519 needs no v.
 * @param u - a field element in [0, p−1]
 * @returns (u, v), or null when u³ + A·u² + u is not a square (u belongs to the twist)
 * @throws TypeError for a non-bigint; RangeError when u is not in [0, p−1]
 * @example curve25519PointFromU(9n) // BASE_POINT
 */
export function curve25519PointFromU(u: bigint): Curve25519Point | null {
  assertBigInt(u, 'u', 0n, P_MINUS_1);
  let v = fieldSqrt(mod(u * u * u + A * u * u + u, p));
  if (v === null) return null;
  if (p - v < v) v = p - v; // of the two roots v and p − v, the smaller
  return Object.freeze({ u, v });
}

/**
 * −P = (u, −v).
 * @example curve25519Negate(BASE_POINT).v === p - BASE_POINT.v // true
 */
export function curve25519Negate(P: Curve25519Point): Curve25519Point {
  const Q = readPoint(P, 'P');
  if (Q === CURVE25519_INFINITY) return CURVE25519_INFINITY;
  return Object.freeze({ u: Q.u, v: mod(-Q.v, p) });
}

/** P + Q for frozen, in-range inputs (the group law of the header, every case). */
function add(P: Curve25519Point, Q: Curve25519Point): Curve25519Point {
  if (P === CURVE25519_INFINITY) return Q; //              O + Q = Q
  if (Q === CURVE25519_INFINITY) return P; //              P + O = P
  let lambda: bigint;
  if (P.u === Q.u) {
    if (mod(P.v + Q.v, p) === 0n) return CURVE25519_INFINITY; // Q = −P (and 2P = O when v = 0)
    // Tangent: differentiate v² = u³ + A·u² + u: 2v·dv = (3u² + 2A·u + 1)·du.
    lambda = mod((3n * P.u * P.u + 2n * A * P.u + 1n) * modInverseVartime(2n * P.v, p), p);
  } else {
    lambda = mod((Q.v - P.v) * modInverseVartime(Q.u - P.u, p), p); // chord
  }
  const u3 = mod(lambda * lambda - A - P.u - Q.u, p); //   u3 = λ² − A − u1 − u2
  const v3 = mod(lambda * (P.u - u3) - P.v, p); //         v3 = λ(u1 − u3) − v1
  return Object.freeze({ u: u3, v: v3 });
}

/**
 * P + Q by the chord-and-tangent law (any P, Q, including O, Q = P and Q = −P).
 * @throws TypeError / RangeError when P or Q is not a Curve25519Point with coordinates in [0, p−1]
 * @example curve25519Add(BASE_POINT, BASE_POINT) // 2·B
 */
export function curve25519Add(P: Curve25519Point, Q: Curve25519Point): Curve25519Point {
  return add(readPoint(P, 'P'), readPoint(Q, 'Q'));
}

/**
 * 2·P by the tangent rule.
 * @throws TypeError / RangeError when P is not a Curve25519Point with coordinates in [0, p−1]
 * @example curve25519Double(BASE_POINT).u // u(2·B)
 */
export function curve25519Double(P: Curve25519Point): Curve25519Point {
  const Q = readPoint(P, 'P');
  return add(Q, Q);
}

/**
 * k·P by left-to-right double-and-add on affine points: variable time (it branches on every bit
 * of k), the reference for the ladder.
 * @param k - the scalar, ≥ 0 (not reduced)
 * @param P - a point of the curve (read once; coordinates in [0, p−1]; not checked to be on it)
 * @returns k·P (CURVE25519_INFINITY when k·P = O)
 * @throws TypeError for a non-bigint k or a P that is not a Curve25519Point; RangeError for a
 *   negative k or a coordinate outside [0, p−1]
 * @example curve25519Multiply(CURVE25519.n, BASE_POINT) === CURVE25519_INFINITY // true
 */
export function curve25519Multiply(k: bigint, P: Curve25519Point): Curve25519Point {
  assertBigInt(k, 'k', 0n);
  const Q = readPoint(P, 'P');
  let R = CURVE25519_INFINITY;
  const text = k.toString(2); // variable time is the point of a reference
  for (let i = 0; i < text.length; i++) {
    R = add(R, R);
    if (text[i] === '1') R = add(R, Q);
  }
  return R;
}
