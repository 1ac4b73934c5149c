/**
 * Tests for src/x25519/ladder.ts, the RFC 7748 §5 ladder on integers, against two references
 * that share no code with it: the textbook affine group law of src/x25519/curve.ts (points of
 * the curve, with v), and the naive x-only ladder of ./oracle.ts (affine u, a division per
 * step, an `if` per special case; curve and twist alike). The full-size comparisons run 100
 * times each (a reference run costs about 500 inversions); test/x25519/x25519.test.ts compares
 * 1000 random cases with node:crypto.
 */
import fc from 'fast-check';
import {
  BASE_POINT,
  CURVE25519,
  CURVE25519_INFINITY,
  curve25519Add,
  curve25519Multiply,
  curve25519Negate,
  curve25519PointFromU,
  type Curve25519Point,
} from '../../src/x25519/curve';
import { bitsOf, x25519Ladder, X25519_LADDER_BITS } from '../../src/x25519/ladder';
import { oracleLadder } from './oracle';

const { p, n } = CURVE25519;
const uOf = (P: Curve25519Point) => (P === CURVE25519_INFINITY ? 0n : P.u);
const scalar = fc.bigInt({ min: 0n, max: 2n ** 255n - 1n });
const anyU = fc.bigInt({ min: 0n, max: p - 1n });
const curvePoint = anyU
  .map((u) => curve25519PointFromU(u))
  .filter((P): P is Curve25519Point => P !== null);
const SMALL_ORDER_U = [
  0n,
  1n,
  p - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
];
/** Scalars at the edges: tiny, around n and its multiples (8n is above 2^255), around the clamped range. */
const EDGE_SCALARS = [
  0n,
  1n,
  2n,
  3n,
  7n,
  8n,
  9n,
  n - 1n,
  n,
  n + 1n,
  2n * n,
  4n * n - 1n,
  4n * n,
  4n * n + 1n,
  2n ** 254n,
  2n ** 254n + 8n,
  2n ** 255n - 8n,
  2n ** 255n - 1n,
];

describe('x25519Ladder against the affine group law (points of the curve)', () => {
  it('k·B for the edge scalars', () => {
    for (const k of EDGE_SCALARS)
      expect(x25519Ladder(k, 9n)).toBe(uOf(curve25519Multiply(k, BASE_POINT)));
  });

  it('every k in [0, 64) on the base point and on a point of order 8n', () => {
    const T8 = curve25519PointFromU(SMALL_ORDER_U[3])!;
    const P = curve25519Multiply(3n, BASE_POINT);
    const mixed = curve25519Add(P, T8); // order 8n: its multiples cross the small subgroup
    for (let k = 0n; k < 64n; k++) {
      expect(x25519Ladder(k, 9n)).toBe(uOf(curve25519Multiply(k, BASE_POINT)));
      expect(x25519Ladder(k, T8.u)).toBe(uOf(curve25519Multiply(k, T8)));
      expect(x25519Ladder(k, mixed.u)).toBe(uOf(curve25519Multiply(k, mixed)));
    }
  });

  it('random full-size k on random points (100 runs; each reference run is ~500 inversions)', () => {
    fc.assert(
      fc.property(scalar, curvePoint, (k, P) => {
        expect(x25519Ladder(k, P.u)).toBe(uOf(curve25519Multiply(k, P)));
      }),
      { numRuns: 100 },
    );
  });

  it('why x-only works: P and −P give the same u for every multiple', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 20n }), curvePoint, (k, P) => {
        expect(uOf(curve25519Multiply(k, curve25519Negate(P)))).toBe(uOf(curve25519Multiply(k, P)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('x25519Ladder against the naive x-only ladder (curve and twist)', () => {
  it('random full-size k and random u, about half of them on the twist (100 runs)', () => {
    fc.assert(
      fc.property(scalar, anyU, (k, u) => {
        expect(x25519Ladder(k, u)).toBe(oracleLadder(k, u));
      }),
      { numRuns: 100 },
    );
  });

  it('the edge scalars on a twist point, and the small-order u with every k in [0, 40)', () => {
    const twist = 2n; // 8 + 4A + 2 is not a square: u = 2 is on the twist
    expect(curve25519PointFromU(twist)).toBeNull();
    for (const k of EDGE_SCALARS) expect(x25519Ladder(k, twist)).toBe(oracleLadder(k, twist));
    for (const u of SMALL_ORDER_U)
      for (let k = 0n; k < 40n; k++) expect(x25519Ladder(k, u)).toBe(oracleLadder(k, u));
  });

  it('a multiple of 8 sends every small-order u to 0', () => {
    for (const u of SMALL_ORDER_U) {
      expect(x25519Ladder(8n, u)).toBe(0n);
      expect(x25519Ladder(2n ** 254n + 8n * 12345n, u)).toBe(0n);
    }
  });
});

describe('x25519Ladder: the fixed shape and its arguments', () => {
  it('reads exactly 255 bits, most significant first', () => {
    expect(X25519_LADDER_BITS).toBe(255);
    const k = 2n ** 254n + 5n;
    const bits = bitsOf(k, 255);
    expect(bits.length).toBe(255);
    expect(Array.from(bits).join('')).toBe(k.toString(2).padStart(255, '0'));
    expect(Array.from(bitsOf(1n, 255)).join('')).toBe('0'.repeat(254) + '1');
  });

  it('refuses a k outside [0, 2^255) or a u outside [0, p − 1]', () => {
    expect(() => x25519Ladder(-1n, 9n)).toThrow(RangeError);
    expect(() => x25519Ladder(2n ** 255n, 9n)).toThrow(RangeError);
    expect(() => x25519Ladder(1n, p)).toThrow(RangeError);
    expect(() => x25519Ladder(1n, -1n)).toThrow(RangeError);
    expect(() => x25519Ladder(1 as unknown as bigint, 9n)).toThrow(TypeError);
    expect(() => x25519Ladder(1n, '9' as unknown as bigint)).toThrow(TypeError);
  });
});
