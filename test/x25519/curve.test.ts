/**
 * Tests for src/x25519/curve.ts: Curve25519's constants (RFC 7748 §4.1) and the textbook
 * affine group law on v² = u³ + 486662·u² + u. Group laws by fast-check (1000 runs each) on
 * random points of the curve (a random u, lifted when u³ + A·u² + u is a square).
 */
import fc from 'fast-check';
import { mod, modPow } from '../../src/math/modular';
import {
  BASE_POINT,
  CURVE25519,
  CURVE25519_INFINITY,
  curve25519Add,
  curve25519Double,
  curve25519Multiply,
  curve25519Negate,
  curve25519PointFromU,
  isOnCurve25519,
  type Curve25519Point,
} from '../../src/x25519/curve';

const RUNS = { numRuns: 1000 };
const { p, A, n } = CURVE25519;
const O = CURVE25519_INFINITY;
const ORDER_8_U = [
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
];

/** Random points of the curve: a random u, kept when it lifts (about half of them do). */
const point = fc
  .bigInt({ min: 0n, max: p - 1n })
  .map((u) => curve25519PointFromU(u))
  .filter((P): P is Curve25519Point => P !== null)
  .chain((P) => fc.constantFrom(P, curve25519Negate(P)));

describe('Curve25519 constants (RFC 7748 §4.1)', () => {
  it('p = 2^255 − 19, A = 486662, a24 = (A − 2)/4, h = 8', () => {
    expect(p).toBe(2n ** 255n - 19n);
    expect(A).toBe(486662n);
    expect(CURVE25519.a24).toBe((A - 2n) / 4n);
    expect(CURVE25519.h).toBe(8n);
    // A² − 4 is not a square (the condition of Bernstein's Theorem B.1, see ladder.ts)
    expect(modPow(A * A - 4n, (p - 1n) / 2n, p)).toBe(p - 1n);
  });

  it('the base point (9, v) is on the curve and has order n', () => {
    expect(isOnCurve25519(BASE_POINT)).toBe(true);
    expect(BASE_POINT.u).toBe(9n);
    expect(curve25519Multiply(n, BASE_POINT)).toBe(O);
    expect(curve25519Multiply(n - 1n, BASE_POINT)).toEqual(curve25519Negate(BASE_POINT));
    expect(curve25519Multiply(n + 1n, BASE_POINT)).toEqual(BASE_POINT);
    expect(n).toBe(7237005577332262213973186563042994240857116359379907606001950938285454250989n);
  });

  it('the small-order points: (0, 0) of order 2, u = 1 of order 4, two u of order 8; u = −1 is on the twist', () => {
    const T2 = { u: 0n, v: 0n };
    expect(isOnCurve25519(T2)).toBe(true);
    expect(curve25519Double(T2)).toBe(O);
    const T4 = curve25519PointFromU(1n)!;
    expect(T4).not.toBeNull();
    expect(curve25519Double(T4)).toEqual(T2);
    for (const u of ORDER_8_U) {
      const T8 = curve25519PointFromU(u)!;
      expect(T8).not.toBeNull();
      expect(curve25519Multiply(4n, T8)).toEqual(T2);
      expect(curve25519Multiply(8n, T8)).toBe(O);
    }
    expect(curve25519PointFromU(p - 1n)).toBeNull();
  });
});

describe('the affine group law (1000 runs each)', () => {
  it('random lifted points are on the curve; the two roots ±v are the point and its negative', () => {
    fc.assert(
      fc.property(point, (P) => {
        const minus = curve25519Negate(P);
        return isOnCurve25519(P) && isOnCurve25519(minus) && mod(P.v + minus.v, p) === 0n;
      }),
      RUNS,
    );
  });

  it('identity, inverse, commutativity, and the results stay on the curve', () => {
    fc.assert(
      fc.property(point, point, (P, Q) => {
        expect(curve25519Add(P, O)).toEqual(P);
        expect(curve25519Add(O, P)).toEqual(P);
        expect(curve25519Add(P, curve25519Negate(P))).toBe(O);
        const sum = curve25519Add(P, Q);
        expect(curve25519Add(Q, P)).toEqual(sum);
        expect(isOnCurve25519(sum)).toBe(true);
        expect(curve25519Double(P)).toEqual(curve25519Add(P, P));
      }),
      RUNS,
    );
  });

  it('associativity: (P + Q) + R = P + (Q + R)', () => {
    fc.assert(
      fc.property(point, point, point, (P, Q, R) => {
        expect(curve25519Add(curve25519Add(P, Q), R)).toEqual(
          curve25519Add(P, curve25519Add(Q, R)),
        );
      }),
      RUNS,
    );
  });

  it('multiplication: (a + b)·P = a·P + b·P for small a, b; 0·P = O; 1·P = P', () => {
    fc.assert(
      fc.property(
        point,
        fc.bigInt({ min: 0n, max: 2n ** 8n }),
        fc.bigInt({ min: 0n, max: 2n ** 8n }),
        (P, a, b) => {
          expect(curve25519Multiply(a + b, P)).toEqual(
            curve25519Add(curve25519Multiply(a, P), curve25519Multiply(b, P)),
          );
        },
      ),
      RUNS,
    );
    expect(curve25519Multiply(0n, BASE_POINT)).toBe(O);
    expect(curve25519Multiply(1n, BASE_POINT)).toEqual(BASE_POINT);
    expect(curve25519Multiply(5n, O)).toBe(O);
  });
});

describe('arguments', () => {
  it('points are read once, as frozen copies, and checked', () => {
    expect(() => curve25519Add(null as unknown as Curve25519Point, BASE_POINT)).toThrow(TypeError);
    expect(() => curve25519Add(BASE_POINT, { u: 9 } as unknown as Curve25519Point)).toThrow(
      TypeError,
    );
    expect(() => isOnCurve25519({ u: p, v: 0n })).toThrow(RangeError);
    expect(() => curve25519Negate({ u: 0n, v: -1n })).toThrow(RangeError);
    expect(() => curve25519Multiply(-1n, BASE_POINT)).toThrow(RangeError);
    expect(() => curve25519Multiply(1 as unknown as bigint, BASE_POINT)).toThrow(TypeError);
    expect(() => curve25519PointFromU(p)).toThrow(RangeError);
    let reads = 0;
    const tricky = {
      get u() {
        reads++;
        return reads === 1 ? 9n : 10n;
      },
      v: BASE_POINT.v,
    };
    expect(curve25519Double(tricky)).toEqual(curve25519Double(BASE_POINT));
    expect(reads).toBe(1);
    expect(Object.isFrozen(curve25519Add(BASE_POINT, BASE_POINT))).toBe(true);
  });
});
