/**
 * Tests for src/curve/ladder.ts, src/curve/coz.ts, src/curve/coz-xy.ts, src/curve/jacobian.ts and
 * src/curve/fixed-base.ts: every fast method against the affine reference (affine.ts), the
 * (X, Y)-only co-Z formulas against the Z-tracked ones, coZLadder against referenceLadder and
 * against double-and-add (the points with x = 0 too), and the edge scalars
 * 0, 1, 2, n − 2, n − 1, n (where a co-Z ladder without the substitution fails; ladder-edges.test.ts
 * watches the substitution itself). fast-check, 1000 runs.
 */
import fc from 'fast-check';
import {
  INFINITY,
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
  type AffinePoint,
} from '../../src/curve/affine';
import { coZAdd, coZAddConjugate } from '../../src/curve/coz';
import { coZAddConjugateXY, coZAddXY } from '../../src/curve/coz-xy';
import { fixedBaseMultiply } from '../../src/curve/fixed-base';
import {
  JACOBIAN_INFINITY,
  jacobianAdd,
  jacobianDouble,
  jacobianEquals,
  jacobianMixedAdd,
  jacobianNegate,
  toAffine,
  toJacobian,
  type JacobianPoint,
} from '../../src/curve/jacobian';
import { doubleAndAdd, coZLadder, referenceLadder } from '../../src/curve/ladder';
import { G, b, n, p } from '../../src/curve/p256';
import { fieldMul, fieldSqrt, fieldSquare } from '../../src/math/field';
import { expectCryptoError } from '../support/errors';

const RUNS = { numRuns: 1000 };
const scalar = fc.bigInt({ min: 1n, max: n - 1n });
const small = fc.bigInt({ min: 1n, max: 1n << 20n });

// Random points: k·G from the fast fixed-base method (itself checked against the reference below).
const point = fc.bigInt({ min: 1n, max: n - 1n }).map((k) => fixedBaseMultiply(k));

/** A random representative of P in Jacobian coordinates: (x·λ², y·λ³, λ). */
function scaled(P: AffinePoint, lambda: bigint): JacobianPoint {
  if (P === INFINITY) return JACOBIAN_INFINITY;
  const l2 = fieldSquare(lambda);
  return { X: fieldMul(P.x, l2), Y: fieldMul(P.y, fieldMul(l2, lambda)), Z: lambda };
}
const lambda = fc.bigInt({ min: 1n, max: 1n << 255n });

/** The reference k·P, with the small factor in the slow affine code: (n − s)·P = −(s·P). */
function reference(k: bigint, P: AffinePoint): AffinePoint {
  const r = k % n;
  return r > n / 2n ? pointNegate(scalarMultiply(n - r, P)) : scalarMultiply(r, P);
}

describe('jacobian.ts against the affine reference', () => {
  it('double, add, mixed add, negate on random points and random Z (1000 runs)', () => {
    fc.assert(
      fc.property(point, point, lambda, lambda, (P, Q, l1, l2) => {
        const JP = scaled(P, l1);
        const JQ = scaled(Q, l2);
        expect(toAffine(jacobianDouble(JP))).toEqual(pointDouble(P));
        expect(toAffine(jacobianAdd(JP, JQ))).toEqual(pointAdd(P, Q));
        expect(toAffine(jacobianMixedAdd(JP, Q))).toEqual(pointAdd(P, Q));
        expect(toAffine(jacobianNegate(JP))).toEqual(pointNegate(P));
        expect(jacobianEquals(JP, toJacobian(P))).toBe(true);
        return true;
      }),
      RUNS,
    );
  });
  it('every special case: O + Q, P + O, P + P, P + (−P), 2·O', () => {
    const P = fixedBaseMultiply(5n);
    const JP = scaled(P, 12345n);
    const minus = jacobianNegate(scaled(P, 777n));
    expect(toAffine(jacobianAdd(JACOBIAN_INFINITY, JP))).toEqual(P);
    expect(toAffine(jacobianAdd(JP, JACOBIAN_INFINITY))).toEqual(P);
    expect(toAffine(jacobianAdd(JP, scaled(P, 99n)))).toEqual(pointDouble(P));
    expect(toAffine(jacobianAdd(JP, minus))).toBe(INFINITY);
    expect(toAffine(jacobianMixedAdd(JACOBIAN_INFINITY, P))).toEqual(P);
    expect(toAffine(jacobianMixedAdd(JP, INFINITY))).toEqual(P);
    expect(toAffine(jacobianMixedAdd(JP, P))).toEqual(pointDouble(P));
    expect(toAffine(jacobianMixedAdd(JP, pointNegate(P)))).toBe(INFINITY);
    expect(toAffine(jacobianDouble(JACOBIAN_INFINITY))).toBe(INFINITY);
    expect(toJacobian(INFINITY)).toBe(JACOBIAN_INFINITY);
    expect(jacobianEquals(JACOBIAN_INFINITY, { X: 5n, Y: 7n, Z: 0n })).toBe(true);
  });
});

describe('coz.ts (XYcZ-ADD, XYcZ-ADDC) against the affine reference', () => {
  it('P + Q, P − Q and P re-expressed on the new Z (1000 runs)', () => {
    fc.assert(
      fc.property(point, point, lambda, (P, Q, l) => {
        fc.pre(P.x !== Q.x);
        const JP = scaled(P, l);
        const JQ = scaled(Q, l);
        const pair = { X1: JP.X, Y1: JP.Y, X2: JQ.X, Y2: JQ.Y, Z: l };
        const c = coZAddConjugate(pair);
        expect(toAffine({ X: c.X1, Y: c.Y1, Z: c.Z })).toEqual(pointAdd(P, Q));
        expect(toAffine({ X: c.X2, Y: c.Y2, Z: c.Z })).toEqual(pointAdd(P, pointNegate(Q)));
        const s = coZAdd(pair);
        expect(toAffine({ X: s.X1, Y: s.Y1, Z: s.Z })).toEqual(pointAdd(P, Q));
        expect(toAffine({ X: s.X2, Y: s.Y2, Z: s.Z })).toEqual(P);
        return true;
      }),
      RUNS,
    );
  });
});

describe('coz-xy.ts (XYCZ-ADD, XYCZ-ADDC without Z, on lazy elements) against coz.ts', () => {
  /** x − j·p for j in −2 … 2 (|·| < 3p): the same element, as the lazy formulas may receive it. */
  const lazy = (x: bigint, j: bigint) => x - j * p;
  const shift = fc.bigInt({ min: -2n, max: 2n });
  const same = (a: bigint, c: bigint) => (a - c) % p === 0n;
  it('the same X and Y, mod p, as the Z-tracked formulas on the same new Z (1000 runs)', () => {
    fc.assert(
      fc.property(
        point,
        point,
        lambda,
        fc.array(shift, { minLength: 4, maxLength: 4 }),
        (P, Q, l, j) => {
          fc.pre(P.x !== Q.x);
          const JP = scaled(P, l);
          const JQ = scaled(Q, l);
          const tracked = { X1: JP.X, Y1: JP.Y, X2: JQ.X, Y2: JQ.Y, Z: l };
          const pair = {
            X1: lazy(JP.X, j[0]),
            Y1: lazy(JP.Y, j[1]),
            X2: lazy(JQ.X, j[2]),
            Y2: lazy(JQ.Y, j[3]),
          };
          for (const [xy, z] of [
            [coZAddXY(pair), coZAdd(tracked)],
            [coZAddConjugateXY(pair), coZAddConjugate(tracked)],
          ] as const) {
            expect(
              same(xy.X1, z.X1) && same(xy.Y1, z.Y1) && same(xy.X2, z.X2) && same(xy.Y2, z.Y2),
            ).toBe(true);
            // The bounds coz-xy.ts states: X below 3p, Y below 2p in absolute value.
            for (const X of [xy.X1, xy.X2]) expect(X < 3n * p && X > -3n * p).toBe(true);
            for (const Y of [xy.Y1, xy.Y2]) expect(Y < 2n * p && Y > -2n * p).toBe(true);
          }
          return true;
        },
      ),
      RUNS,
    );
  });
});

describe('coZLadder (co-Z Montgomery ladder)', () => {
  it('edge scalars 0, 1, 2, 3, n − 3, n − 2, n − 1, n, n + 1, 2n − 1 on G and on a random point', () => {
    const P = fixedBaseMultiply(0x1234567890abcdefn);
    for (const Q of [G, P]) {
      for (const k of [
        0n,
        1n,
        2n,
        3n,
        4n,
        n - 4n,
        n - 3n,
        n - 2n,
        n - 1n,
        n,
        n + 1n,
        2n * n - 1n,
        n / 2n,
        n / 2n + 1n,
      ]) {
        const expected = reference(k, Q);
        expect(coZLadder(k, Q)).toEqual(expected);
        expect(referenceLadder(k, Q)).toEqual(expected);
      }
    }
    expect(coZLadder(0n, G)).toBe(INFINITY);
    expect(coZLadder(n, G)).toBe(INFINITY);
    expect(coZLadder(5n, INFINITY)).toBe(INFINITY);
    expect(() => coZLadder(-1n, G)).toThrow(RangeError);
    expect(() => coZLadder(1 as unknown as bigint, G)).toThrow(TypeError);
  });
  it('scalars whose 257-bit form k + n or k + 2n sits at the switch point 2^256 − n', () => {
    const t = (1n << 256n) - n; // k + n = 2^256 exactly
    for (const k of [t - 2n, t - 1n, t, t + 1n, t + 2n, 2n * t, 1n << 255n, 1n << 224n]) {
      expect(coZLadder(k, G)).toEqual(doubleAndAdd(k, G));
    }
  });
  it('equals double-and-add on random full-size scalars and points (1000 runs)', () => {
    fc.assert(
      fc.property(scalar, point, (k, P) => {
        expect(coZLadder(k, P)).toEqual(doubleAndAdd(k, P));
        return true;
      }),
      RUNS,
    );
  });
  it('equals the reference ladder on random scalars and points (1000 runs)', () => {
    fc.assert(
      fc.property(scalar, point, (k, P) => {
        expect(coZLadder(k, P)).toEqual(referenceLadder(k, P));
        return true;
      }),
      RUNS,
    );
  });
  it('the points with x = 0, (0, ±√b), where the Z recovery cannot divide by x: edge and random scalars against the reference ladder', () => {
    const root = fieldSqrt(b)!;
    for (const Q of [
      { x: 0n, y: root },
      { x: 0n, y: p - root },
    ]) {
      for (const k of [
        0n,
        1n,
        2n,
        3n,
        4n,
        n - 4n,
        n - 3n,
        n - 2n,
        n - 1n,
        n,
        n + 1n,
        (n + 1n) / 2n,
      ])
        expect(coZLadder(k, Q)).toEqual(referenceLadder(k, Q));
      fc.assert(
        fc.property(scalar, (k) => {
          expect(coZLadder(k, Q)).toEqual(referenceLadder(k, Q));
          return true;
        }),
        { numRuns: 100 },
      );
    }
  });
  it('the halves of (0, ±√b), whose double has x = 0: the ladder runs on them directly, not on their double', () => {
    // H = 2⁻¹·(0, ±√b) has x ≠ 0 but 2H = (0, ±√b). Doubling H first (as done when x = 0)
    // would put x = 0 under the Z recovery's division, so only points with x = 0 may take it.
    const root = fieldSqrt(b)!;
    for (const Q of [
      { x: 0n, y: root },
      { x: 0n, y: p - root },
    ]) {
      const half = referenceLadder((n + 1n) / 2n, Q);
      expect(half.x).not.toBe(0n);
      expect(pointDouble(half)).toEqual(Q);
      for (const k of [1n, 2n, 3n, 5n, n - 3n, n - 1n, (n + 1n) / 2n])
        expect(coZLadder(k, half)).toEqual(referenceLadder(k, half));
      fc.assert(
        fc.property(scalar, (k) => {
          expect(coZLadder(k, half)).toEqual(referenceLadder(k, half));
          return true;
        }),
        { numRuns: 100 },
      );
    }
  });
  it('equals the affine reference for scalars near 0 and near n (1000 runs; the reference costs one inversion per step)', () => {
    fc.assert(
      fc.property(small, fc.boolean(), point, (s, high, P) => {
        const k = high ? n - s : s;
        expect(coZLadder(k, P)).toEqual(reference(k, P));
        return true;
      }),
      RUNS,
    );
  });
  it('equals the affine reference on random full-size scalars (100 runs, ~10 ms each)', () => {
    fc.assert(
      fc.property(scalar, (k) => {
        expect(coZLadder(k, G)).toEqual(scalarMultiply(k, G));
        return true;
      }),
      { numRuns: 100 },
    );
  });
});

describe('group laws through the fast methods', () => {
  it('k·G + m·G = (k + m)·G, P + (−P) = O (1000 runs)', () => {
    fc.assert(
      fc.property(scalar, scalar, (k, m) => {
        const sum = pointAdd(fixedBaseMultiply(k), fixedBaseMultiply(m));
        const km = (k + m) % n;
        expect(sum).toEqual(km === 0n ? INFINITY : fixedBaseMultiply(km));
        expect(pointAdd(sum === INFINITY ? G : sum, pointNegate(sum === INFINITY ? G : sum))).toBe(
          INFINITY,
        );
        return true;
      }),
      RUNS,
    );
  });
  it('n·G = O and (n − 1)·G = −G', () => {
    expect(coZLadder(n, G)).toBe(INFINITY);
    expect(doubleAndAdd(n, G)).toBe(INFINITY);
    expect(fixedBaseMultiply(n - 1n)).toEqual(pointNegate(G));
  });
});

describe('fixed-base.ts', () => {
  it('equals the ladder on random scalars (1000 runs) and on window-boundary scalars', () => {
    fc.assert(
      fc.property(scalar, (k) => {
        expect(fixedBaseMultiply(k)).toEqual(coZLadder(k, G));
        return true;
      }),
      RUNS,
    );
    for (const k of [
      1n,
      2n,
      15n,
      16n,
      17n,
      255n,
      256n,
      1n << 252n,
      (1n << 252n) - 1n,
      n - 1n,
      n - 2n,
      n - 16n,
      // the 6-bit windows: digits 0 and 63, a carry into the next window, the top window
      63n,
      64n,
      65n,
      4095n,
      4096n,
      (1n << 246n) + 1n,
      (1n << 256n) - (1n << 252n) - 1n, // every digit 63 but the top one
      0x041041041041041041041041041041041041041041041041041041041041041n, // every digit 1
      n - 64n,
    ]) {
      expect(fixedBaseMultiply(k)).toEqual(reference(k, G));
    }
    // A private key out of range: INVALID_SCALAR, as everywhere (docs/errors.md).
    expectCryptoError(() => fixedBaseMultiply(0n), 'INVALID_SCALAR');
    expectCryptoError(() => fixedBaseMultiply(n), 'INVALID_SCALAR');
  });
});

// Mutation testing (group ladder): each of the three multiplications names its bad argument.
// Vectors: hand-built from the @throws of src/curve/ladder.ts.
describe('argument errors name k and P', () => {
  it.each([
    ['coZLadder', coZLadder],
    ['referenceLadder', referenceLadder],
    ['doubleAndAdd', doubleAndAdd],
  ] as const)('%s', (_name, multiply) => {
    expect(() => multiply(-1n, G)).toThrow(/^k is out of range$/);
    expect(() => multiply(1 as never, G)).toThrow(/^k must be a bigint, got number$/);
    expect(() => multiply(1n, { x: p, y: 1n })).toThrow(/^P\.x is out of range$/);
    expect(() => multiply(1n, { x: 1n, y: -1n })).toThrow(/^P\.y is out of range$/);
    expect(() => multiply(1n, null as never)).toThrow(/^P must be an AffinePoint, got null$/);
  });
});

// Mutation testing (group ladder): the survivors left are equivalent.
// - bitsOf's loop bounds (`end > 0` → `end >= 0`; `b < 32 && b < end` with either half made
//   true, `||`, `<= 32` or `<= end`): each extra pass writes bits that a later pass (the next
//   lower word) overwrites, or writes at a negative index, which a Uint8Array ignores; `>>> 32`
//   is `>>> 0` in JavaScript, so the extra bit is the current word's bit 0, written where the
//   next word's bit 0 goes, and overwritten by it.
// - `s·Y·λ³` with `* sign` → `/ sign`: sign is 1n or −1n, and BigInt division by ±1 is
//   multiplication by ±1.
