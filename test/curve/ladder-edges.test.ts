/**
 * Why the ladder's edge-scalar substitution is there, made visible (mutation survivors:
 * dropping the substitution for k = n − 2, and for k = 1).
 *
 * ladder.ts replaces the four scalars k ∈ {0, 1, n − 2, n − 1} by 2 before the loop and selects
 * their results (O, P, −2P, −P) by masks afterwards. Because the masked selection alone already
 * gives the right RESULT, the tests of ladder.test.ts (which run all four and their neighbours)
 * could not tell whether the substitution ran: without it the loop meets P = ±Q inside the co-Z
 * formulas (the new Z would be zero, and every later product 0), and the selection then hides
 * the garbage. The difference is in the work done (zeros are cheaper BigInt operands, so the
 * edge scalars would be visible in timing), not in the output. This file observes the work:
 * the (X, Y)-only co-Z formulas of coz-xy.ts are instrumented, and no call may see a degenerate
 * pair (X1 ≡ X2 mod p, which is P = ±Q and makes the new Z zero) for any scalar. Scalars: the
 * edge set, its neighbours, and random ones.
 */
import fc from 'fast-check';
import type { CoZPairXY } from '../../src/curve/coz-xy';

const seen: CoZPairXY[] = [];
jest.mock('../../src/curve/coz-xy', () => {
  const actual = jest.requireActual('../../src/curve/coz-xy');
  const record =
    (f: (pair: CoZPairXY) => CoZPairXY) =>
    (pair: CoZPairXY): CoZPairXY => {
      seen.push({ ...pair });
      return f(pair);
    };
  return {
    ...actual,
    coZAddXY: record(actual.coZAddXY),
    coZAddConjugateXY: record(actual.coZAddConjugateXY),
  };
});

import { coZLadder, doubleAndAdd } from '../../src/curve/ladder';
import { G, n, p } from '../../src/curve/p256';
import { fixedBaseMultiply } from '../../src/curve/fixed-base';

/** Runs coZLadder(k, P) and returns the co-Z pairs it computed on. */
function work(k: bigint, P = G): CoZPairXY[] {
  seen.length = 0;
  coZLadder(k, P);
  return seen.slice();
}

/** X1 ≡ X2 (mod p): P = ±Q, the pair on which the new Z would be 0 (lazy elements: compare mod p). */
const degenerate = (pair: CoZPairXY) => (pair.X1 - pair.X2) % p === 0n;

describe('the co-Z ladder never computes on a degenerate pair', () => {
  const P = fixedBaseMultiply(0xfeedfacecafebeefn);
  const scalars = [0n, 1n, 2n, 3n, n - 3n, n - 2n, n - 1n, n, n + 1n, 2n * n - 1n];
  const label = (k: bigint) => (k < 4n ? String(k) : k <= n ? `n − ${n - k}` : `n + ${k - n}`);
  it.each(scalars.map((k) => [label(k), k] as const))(
    'k = %s: 512 co-Z steps (two per bit), none with X1 ≡ X2, on G and on another point',
    (_label, k) => {
      for (const Q of [G, P]) {
        const pairs = work(k, Q);
        expect(pairs.length).toBe(512); // the same work for every scalar
        expect(pairs.filter(degenerate)).toEqual([]);
      }
    },
  );
  it('random scalars (200 runs): the same, and the result still equals double-and-add', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n * n }), (k) => {
        const pairs = work(k);
        expect(pairs.length).toBe(512);
        expect(pairs.filter(degenerate)).toEqual([]);
        expect(coZLadder(k, G)).toEqual(doubleAndAdd(k, G));
      }),
      { numRuns: 200 },
    );
  });
});
