/**
 * The invalid-curve attack of the tour's chapter 5 (docs/tour/05-ecdh.md), as steps the
 * attack view can play one at a time.
 *
 * The affine formulas (λ, x3, y3) use a and p but never b. A server that multiplies whatever
 * point it receives, without checking y² = x³ + a·x + b, computes on the curve the point really
 * lies on: y² = x³ + a·x + b' for some other b'. The attacker picks b' so that this curve has a
 * point Q of small prime order r; then d·Q = (d mod r)·Q is one of r points, and matching the
 * x-coordinate the server leaks gives d ≡ ±e (mod r). With primes whose product exceeds n, the
 * Chinese remainder theorem (over the sign choices) gives d; the public key d·G says which
 * candidate is right. The fix is step 3 of SP 800-56A rev3 §5.6.2.3.3: refuse a point that is
 * not on the curve, before any multiplication.
 *
 * On P-256 the same works with a point of order 3 on y² = x³ − 3x + b' over P-256's field: a
 * flex, whose x is a root of the 3-division polynomial ψ3(x) = 3x⁴ + 6a·x² + 12b'·x − a², so
 * for a chosen x, b' = (a² − 3x⁴ − 6a·x²) / (12x). ecdh-lab's PublicKey refuses it.
 *
 * Deliberately not here: a real victim. The "naive server" is the library's textbook
 * scalarMultiply called with the victim's own curve and no validation, which is the bug.
 */
import { bigIntToBytes, CryptoError, concatBytes, PublicKey } from '../index.js';
import {
  INFINITY,
  type AffinePoint,
  type Curve,
  fieldSqrt,
  isOnCurve,
  mod,
  modInverseVartime,
  P256,
  pointAdd,
  scalarMultiply,
  TOY,
} from '../math.js';
import { checkCurve, curvePoints } from './small-curve.js';
import { factorize } from './numbers.js';

/** One query of the attack: a point Q of prime order r on y² = x³ + a·x + b'. */
export interface AttackQuery {
  /** The b' of the curve Q lies on. */
  readonly b: bigint;
  /** #E', the number of points of that curve (with O). */
  readonly groupOrder: bigint;
  /** The small prime order of Q. */
  readonly r: bigint;
  readonly Q: AffinePoint;
  /** The attacker's curve y² = x³ + a·x + b'. */
  readonly curve: Curve;
}

/**
 * The attacker's queries against the toy curve, planned offline: for b' = 0, 1, 2, … (not the
 * real b, not singular), the smallest prime r < 50 dividing #E' that is new, and the first point
 * (by x, then y) of order r, until the product of the r exceeds n.
 * @example attackQueries().map((q) => q.r) // [2n, 3n, 13n, 5n]
 */
export function attackQueries(): AttackQuery[] {
  const { p, a, b: realB, n } = TOY as Required<Curve>;
  const queries: AttackQuery[] = [];
  let modulus = 1n;
  for (let b = 0n; b < p && modulus <= n; b++) {
    if (b === realB) continue;
    const check = checkCurve(p, a, b);
    if (!check.ok) continue; // singular: not an elliptic curve
    const points = curvePoints(check.curve);
    const groupOrder = BigInt(points.length + 1);
    const r = [...new Set(factorize(groupOrder))].find((q) => q < 50n && modulus % q !== 0n);
    if (r === undefined) continue;
    const Q = points
      .map((P) => scalarMultiply(groupOrder / r, P, check.curve))
      .find((P) => P !== INFINITY);
    if (Q === undefined) continue;
    queries.push({ b, groupOrder, r, Q, curve: check.curve });
    modulus *= r;
  }
  return queries;
}

/**
 * The victim that skips validation: x(d·Q), multiplied with its own curve (TOY). The formulas
 * never read b, so the product is taken on Q's real curve. null when d·Q = O.
 */
export function naiveServer(d: bigint, Q: AffinePoint): bigint | null {
  const R = scalarMultiply(d, Q, TOY);
  return R === INFINITY ? null : R.x;
}

/** ecdh-lab's rule, on the toy curve: a peer point must lie on the curve (or it is refused). */
export function validatingServer(Q: AffinePoint): { accepted: boolean; reason: string } {
  if (isOnCurve(Q, TOY)) return { accepted: true, reason: 'on the curve' };
  return {
    accepted: false,
    reason: `Q is not on y² = x³ − 3x + 8, so nothing is multiplied (SP 800-56A rev3 §5.6.2.3.3, step 3)`,
  };
}

/**
 * What the attacker learns from one answer: the e in [0, r) with x(e·Q) = the leaked x (e = 0
 * for O), so d ≡ ±e (mod r).
 */
export function residueOf(leakedX: bigint | null, query: AttackQuery): bigint {
  let T: AffinePoint = INFINITY;
  for (let e = 0n; e < query.r; e++) {
    if (leakedX === null ? T === INFINITY : T !== INFINITY && T.x === leakedX) return e;
    T = pointAdd(T, query.Q, query.curve);
  }
  throw new Error('playground: the answer is not a multiple of Q');
}

/**
 * Combines d ≡ ±e_i (mod r_i) by the Chinese remainder theorem over every choice of signs, and
 * keeps the candidates c in [1, n − 1] with c·G = the public key.
 * @returns the candidates found and how many sign choices were tried
 */
export function recoverKey(
  residues: readonly { readonly r: bigint; readonly e: bigint }[],
  publicKey: AffinePoint,
): { candidates: bigint[]; tried: number; modulus: bigint } {
  const n = TOY.n!;
  const modulus = residues.reduce((m, { r }) => m * r, 1n);
  const candidates: bigint[] = [];
  const tried = 1 << residues.length;
  for (let signs = 0; signs < tried; signs++) {
    // x ≡ ±e_i (mod r_i) for each i, built up one modulus at a time.
    let x = 0n;
    let m = 1n;
    residues.forEach(({ r, e }, i) => {
      const target = mod((signs >> i) & 1 ? -e : e, r);
      x += m * mod((target - x) * modInverseVartime(m, r), r);
      m *= r;
    });
    if (x > 0n && x < n && !candidates.includes(x)) {
      const P = scalarMultiply(x, TOY.G!, TOY);
      if (P !== INFINITY && P.x === publicKey.x && P.y === publicKey.y) candidates.push(x);
    }
  }
  return { candidates, tried, modulus };
}

/** A point of order 3 on y² = x³ − 3x + b' over P-256's field, and its b'. */
export function p256OrderThreePoint(): { Q: AffinePoint; b: bigint; curve: Curve } {
  const { p, a } = P256;
  for (let x = 1n; ; x++) {
    const b = mod((a * a - 3n * x ** 4n - 6n * a * x * x) * modInverseVartime(12n * x, p), p);
    if (mod(4n * a ** 3n + 27n * b * b, p) === 0n) continue; // singular: skip
    const y = fieldSqrt(mod(x ** 3n + a * x + b, p)); // null: no point with this x, try the next
    if (y !== null && y !== 0n) return { Q: { x, y }, b, curve: { p, a, b } };
  }
}

/** The naive P-256 victim: d·Q by the affine textbook law with P-256's a, no validation. */
export function naiveP256(d: bigint, Q: AffinePoint): AffinePoint {
  return scalarMultiply(d, Q, P256);
}

/**
 * ecdh-lab's protocol tier given the same point as a raw SEC 1 key (04 ‖ x ‖ y).
 * @returns the error code it refuses with, or null if it accepted the point
 */
export function ecdhLabP256(Q: AffinePoint): { code: string | null; message: string } {
  const raw = concatBytes(Uint8Array.of(4), bigIntToBytes(Q.x, 32), bigIntToBytes(Q.y, 32));
  try {
    PublicKey.fromRaw(raw);
    return { code: null, message: 'accepted' };
  } catch (error) {
    if (error instanceof CryptoError) return { code: error.code, message: error.message };
    throw error;
  }
}
