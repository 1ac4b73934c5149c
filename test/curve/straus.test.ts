/**
 * u1·G + u2·Q by Straus's method with wNAF (src/curve/straus.ts), against the affine
 * double-and-add reference of src/curve/affine.ts (pointAdd of two scalarMultiply results),
 * on random and edge-case scalars, including sums that pass through or end at O; and the wNAF
 * recoding against its definition (Guide to ECC, Alg. 3.35).
 */
import fc from 'fast-check';
import { INFINITY, pointAdd, pointNegate, scalarMultiply } from '../../src/curve/affine';
import { G } from '../../src/curve/p256';
import { doubleScalarMultiplyVartime, wnaf } from '../../src/curve/straus';
import { fixedBaseMultiply } from '../../src/curve/fixed-base';
import { jacobianDouble, toJacobian } from '../../src/curve/jacobian';
import { toAffineBatchVartime, toAffineVartime } from '../../src/curve/jacobian-formulas';
import { n } from '../../src/math/scalar';

const reference = (u1: bigint, u2: bigint, Q: { x: bigint; y: bigint }) =>
  pointAdd(scalarMultiply(u1, G), scalarMultiply(u2, Q));

describe('wnaf', () => {
  it('k = Σ d_i·2^i, each d_i 0 or odd with |d_i| < 2^(w−1), non-zero digits at least w apart (1000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: n - 1n }), fc.integer({ min: 2, max: 8 }), (k, w) => {
        const digits = wnaf(k, w);
        let sum = 0n;
        let last = -w;
        for (let i = 0; i < digits.length; i++) {
          const d = digits[i];
          if (d === 0) continue;
          if (d % 2 === 0 || Math.abs(d) >= 1 << (w - 1) || i - last < w) return false;
          last = i;
          sum += BigInt(d) << BigInt(i);
        }
        return sum === k;
      }),
      { numRuns: 1000 },
    );
  });
  it('worked example: 7 = 8 − 1 with w = 3', () => {
    expect([...wnaf(7n, 3)].slice(0, 4)).toEqual([-1, 0, 0, 1]);
  });
});

describe('doubleScalarMultiplyVartime', () => {
  it('equals u1·G + u2·Q computed by the affine reference, for random u1, u2, Q (100 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: n - 1n }),
        fc.bigInt({ min: 0n, max: n - 1n }),
        fc.bigInt({ min: 1n, max: n - 1n }),
        (u1, u2, q) => {
          const Q = fixedBaseMultiply(q);
          const got = doubleScalarMultiplyVartime(u1, u2, Q);
          const want = reference(u1, u2, Q);
          return got === INFINITY ? want === INFINITY : got.x === want.x && got.y === want.y;
        },
      ),
      { numRuns: 100 },
    );
  });
  it('edge cases: 0, 1, n − 1, Q = ±G, sums through and at O', () => {
    const Q = fixedBaseMultiply(0xdeadbeefn);
    const edges = [0n, 1n, 2n, 3n, n - 1n, n - 2n, 0xdeadbeefn, n - 0xdeadbeefn];
    for (const u1 of edges)
      for (const u2 of edges)
        for (const P of [G, pointNegate(G), Q]) {
          expect(doubleScalarMultiplyVartime(u1, u2, P)).toEqual(reference(u1, u2, P));
        }
    // u1·G + u2·Q = O when u1 = −u2·q: the result and intermediate sums hit O
    expect(doubleScalarMultiplyVartime(n - 0xdeadbeefn, 1n, Q)).toBe(INFINITY);
    expect(doubleScalarMultiplyVartime(1n, n - 1n, G)).toBe(INFINITY);
    expect(doubleScalarMultiplyVartime(0n, 0n, G)).toBe(INFINITY);
    expect(doubleScalarMultiplyVartime(5n, 0n, INFINITY)).toEqual(scalarMultiply(5n, G));
  });
  it('refuses scalars outside [0, n − 1] and non-points', () => {
    expect(() => doubleScalarMultiplyVartime(n, 1n, G)).toThrow(RangeError);
    expect(() => doubleScalarMultiplyVartime(1n, -1n, G)).toThrow(RangeError);
    expect(() => doubleScalarMultiplyVartime(1 as never, 1n, G)).toThrow(TypeError);
    expect(() => doubleScalarMultiplyVartime(1n, 1n, { x: 1 } as never)).toThrow(TypeError);
  });
});

describe("toAffineBatchVartime (Montgomery's trick)", () => {
  it("gives each point's own affine form, for batches of 0 to 20 random Jacobian points (100 runs)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: n - 1n }), { maxLength: 20, size: 'max' }),
        (scalars) => {
          const points = scalars.map((k) => jacobianDouble(toJacobian(fixedBaseMultiply(k))));
          const batch = toAffineBatchVartime(points);
          return (
            batch.length === points.length &&
            batch.every((P, i) => {
              const Q = toAffineVartime(points[i]);
              return P.x === Q.x && P.y === Q.y;
            })
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
