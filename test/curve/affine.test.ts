/**
 * Tests for src/curve/affine.ts (the textbook reference) and src/curve/toy.ts.
 * On the toy curve y² = x³ − 3x + 8 over F_223 every number is recomputed here independently,
 * by listing the whole group (brute force), so the reference is checked against nothing but
 * arithmetic. On P-256: the SEC 2 §2.4.2 parameters and the group laws.
 */
import fc from 'fast-check';
import {
  INFINITY,
  isInfinity,
  isOnCurve,
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
  type AffinePoint,
} from '../../src/curve/affine';
import { TOY } from '../../src/curve/toy';
import { P256, G, Gx, Gy, a, b, p, n, h } from '../../src/curve/p256';

const m = (x: bigint, q: bigint) => ((x % q) + q) % q;

// Every affine point of the toy curve, found by trying all (x, y) ∈ F_223².
const toyPoints: AffinePoint[] = [];
for (let x = 0n; x < 223n; x++) {
  for (let y = 0n; y < 223n; y++) {
    if (m(y * y - (x * x * x - 3n * x + 8n), 223n) === 0n) toyPoints.push({ x, y });
  }
}

describe('toy curve y² = x³ − 3x + 8 over F_223 (hand-checkable)', () => {
  it('has 232 affine points + O = 233 = n, a prime (so h = 1)', () => {
    expect(toyPoints.length + 1).toBe(233);
    expect(TOY.n).toBe(233n);
    for (let d = 2n; d * d <= 233n; d++) expect(233n % d).not.toBe(0n);
    expect(TOY.a).toBe(223n - 3n);
  });
  it('G = (4, 27): 27² = 729 = 3·223 + 60 = 4³ − 3·4 + 8', () => {
    expect(TOY.G).toEqual({ x: 4n, y: 27n });
    expect((27n * 27n) % 223n).toBe(60n);
    expect(4n ** 3n - 12n + 8n).toBe(60n);
    expect(isOnCurve(TOY.G!, TOY)).toBe(true);
    expect(isOnCurve({ x: 4n, y: 28n }, TOY)).toBe(false);
    expect(isOnCurve(INFINITY, TOY)).toBe(false);
  });
  it('2G by the tangent, computed by hand: λ = (3·16 − 3)/(2·27) = 45/54', () => {
    // 54^−1 mod 223: 54·128 = 6912 = 31·223 − 1, so 54^−1 = −128 = 95. λ = 45·95 mod 223 = 4275 mod 223 = 38.
    expect((54n * 95n) % 223n).toBe(1n);
    const lambda = (45n * 95n) % 223n;
    expect(lambda).toBe(38n);
    const x3 = m(lambda * lambda - 8n, 223n); // 1444 − 8 = 1436 = 6·223 + 98
    const y3 = m(lambda * (4n - x3) - 27n, 223n);
    expect(pointDouble(TOY.G!, TOY)).toEqual({ x: x3, y: y3 });
    expect(x3).toBe(98n);
  });
  it('k·G for k = 0 … 233 visits every point exactly once and returns to O (G generates the group)', () => {
    const seen = new Set<string>();
    let R: AffinePoint = INFINITY;
    for (let k = 0n; k < 233n; k++) {
      expect(scalarMultiply(k, TOY.G!, TOY)).toEqual(R);
      if (R !== INFINITY) {
        expect(isOnCurve(R, TOY)).toBe(true);
        seen.add(`${R.x},${R.y}`);
      }
      R = pointAdd(R, TOY.G!, TOY);
    }
    expect(seen.size).toBe(232);
    expect(R).toBe(INFINITY); // 233·G = O
    expect(scalarMultiply(233n, TOY.G!, TOY)).toBe(INFINITY);
  });
  it('group laws hold for all pairs of a sample of points (associativity, commutativity, inverses)', () => {
    const sample = toyPoints.filter((_, i) => i % 9 === 0).concat([INFINITY]);
    for (const P of sample) {
      expect(pointAdd(P, pointNegate(P, TOY), TOY)).toBe(INFINITY);
      expect(pointAdd(P, INFINITY, TOY)).toEqual(P);
      expect(pointAdd(INFINITY, P, TOY)).toEqual(P);
      expect(pointAdd(P, P, TOY)).toEqual(pointDouble(P, TOY));
      for (const Q of sample) {
        expect(pointAdd(P, Q, TOY)).toEqual(pointAdd(Q, P, TOY));
        for (const R of sample.slice(0, 6)) {
          expect(pointAdd(pointAdd(P, Q, TOY), R, TOY)).toEqual(
            pointAdd(P, pointAdd(Q, R, TOY), TOY),
          );
        }
      }
    }
  });
});

describe('P-256 parameters (SEC 2 v2 §2.4.2, SP 800-186 §3.2.1.3)', () => {
  it('G is on the curve, a = −3, h = 1, n·G = O', () => {
    expect(G).toEqual({ x: Gx, y: Gy });
    expect(a).toBe(p - 3n);
    expect(h).toBe(1n);
    expect(isOnCurve(G)).toBe(true);
    expect(P256.b).toBe(b);
    expect(scalarMultiply(n, G)).toBe(INFINITY);
    expect(scalarMultiply(n - 1n, G)).toEqual(pointNegate(G));
    expect(isInfinity(INFINITY)).toBe(true);
    expect(isInfinity({ x: 0n, y: 0n })).toBe(false);
    expect(isOnCurve({ x: 0n, y: 0n })).toBe(false);
  });
  it('scalarMultiply rejects bad scalars', () => {
    expect(() => scalarMultiply(-1n, G)).toThrow(RangeError);
    expect(() => scalarMultiply(1 as unknown as bigint, G)).toThrow(TypeError);
  });
  it('k·G + m·G = (k + m)·G (fast-check, small multiples so the slow reference stays quick)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 5000n }),
        fc.bigInt({ min: 0n, max: 5000n }),
        (k, l) => {
          const left = pointAdd(scalarMultiply(k, G), scalarMultiply(l, G));
          return (
            JSON.stringify(left, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) ===
            JSON.stringify(scalarMultiply(k + l, G), (_, v) =>
              typeof v === 'bigint' ? v.toString() : v,
            )
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
