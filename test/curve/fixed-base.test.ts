/**
 * src/curve/fixed-base.ts: the comb that serves the first calls (its own 15-point table)
 * against plain double-and-add (ladder.ts) on random scalars (1000 runs) and on the scalars at
 * its block boundaries; the batched table builder (affine rounds, one simultaneous
 * inversion per round) against the plain one (a row at a time), entry for entry, and sampled
 * entries against the affine reference j·64^i·G (affine.ts, the textbook chord-and-tangent
 * double-and-add). The scalar multiplication itself is checked against the ladder and the
 * affine reference with fast-check (1000 runs) in ladder.test.ts; here it is checked once more
 * against the affine reference on random scalars. Vectors: none external; the reference is
 * affine.ts, itself tested against the NIST/Wycheproof vectors in affine.test.ts.
 */
import fc from 'fast-check';
import { pointDouble, pointNegate, scalarMultiply, type AffinePoint } from '../../src/curve/affine';
import {
  fixedBaseMultiply,
  COMB_BASES,
  fixedBaseMultiplyComb,
  tableBuilders,
} from '../../src/curve/fixed-base';
import { doubleAndAdd } from '../../src/curve/ladder';
import { G, n } from '../../src/curve/p256';

const LOW_256 = (1n << 256n) - 1n;
const unpack = (entry: bigint): AffinePoint => ({ x: entry & LOW_256, y: entry >> 256n });

/** k·G by the affine reference, the small factor in the slow code: (n − s)·G = −(s·G). */
function reference(k: bigint): AffinePoint {
  const r = k % n;
  return r > n / 2n ? pointNegate(scalarMultiply(n - r, G)) : scalarMultiply(r, G);
}

describe('fixed-base table', () => {
  const batched = tableBuilders.batched();

  it('the batched builder gives exactly the plain builder’s table (43 rows × 63 entries)', () => {
    const plain = tableBuilders.reference();
    expect(batched).toHaveLength(43);
    for (const row of batched) expect(row).toHaveLength(64);
    expect(batched).toEqual(plain);
  });

  it('entries are j·64^i·G by the affine reference (first, last and random entries)', () => {
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [0, 63],
      [1, 1],
      [21, 32],
      [42, 1],
      [42, 63],
    ]) {
      expect(unpack(batched[i][j])).toEqual(reference(BigInt(j) << BigInt(6 * i)));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 42 }), fc.integer({ min: 1, max: 63 }), (i, j) => {
        expect(unpack(batched[i][j])).toEqual(reference(BigInt(j) << BigInt(6 * i)));
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('fixedBaseMultiply (the comb for its first calls, then the table) equals plain double-and-add (1000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: n - 1n }), (k) => {
        expect(fixedBaseMultiply(k)).toEqual(doubleAndAdd(k, G));
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the comb (first calls)', () => {
  it('its written-out bases are 2^64·G, 2^128·G, 2^192·G (64 plain doublings each)', () => {
    let B = G;
    for (const base of COMB_BASES) {
      for (let s = 0; s < 64; s++) B = pointDouble(B);
      expect(base).toEqual(B);
    }
  });

  it('equals plain double-and-add on random scalars (1000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: n - 1n }), (k) => {
        expect(fixedBaseMultiplyComb(k)).toEqual(doubleAndAdd(k, G));
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('equals the affine reference at the block boundaries and the edges', () => {
    const B = 1n << 64n;
    for (const k of [
      1n,
      2n,
      3n,
      15n,
      B - 1n, //           every bit of block 0
      B, //                block 1's lowest bit alone
      B + 1n, //           entry 3 at the last step: a_0 and a_1
      (1n << 128n) + 1n,
      1n << 192n, //       block 3 alone
      (1n << 192n) + (1n << 128n) + B + 1n, // entry 15 at the last step
      ((1n << 256n) - 1n) / (B - 1n), //      the same, written as Σ 2^(64t)
      (1n << 255n) + 1n,
      n - 2n,
      n - 1n,
    ]) {
      expect(fixedBaseMultiplyComb(k)).toEqual(reference(k));
    }
    expect(() => fixedBaseMultiplyComb(0n)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCALAR' }),
    );
    expect(() => fixedBaseMultiplyComb(n)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCALAR' }),
    );
  });

  it('fixedBaseMultiply gives the same points before and after it switches to the big table', () => {
    const scalars = Array.from(
      { length: 200 },
      (_, i) => (BigInt(i + 1) * 0x9e3779b97f4a7c15n) % n,
    );
    const first = scalars.map((k) => fixedBaseMultiply(k)); // past the comb's calls
    expect(scalars.map((k) => fixedBaseMultiply(k))).toEqual(first);
    expect(first).toEqual(scalars.map((k) => fixedBaseMultiplyComb(k)));
  });
});
