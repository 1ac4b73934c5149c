/**
 * src/curve/fixed-base.ts: the odd-digit windowed method against its plain references, and
 * the comb that serves the first calls.
 * - The recoding: the odd digits sum back to the scalar, each odd and in range (1000 runs).
 * - The table: the batched builder (affine rounds, one simultaneous inversion per round)
 *   against the plain one (affine.ts's textbook group law, a point at a time), entry for
 *   entry, and sampled entries against the affine reference (2t + 1)·2^(8i)·G.
 * - The multiplication: against plain double-and-add (ladder.ts) and against node:crypto's
 *   public key from a private key (OpenSSL, createECDH('prime256v1')), 1000 runs each, plus
 *   the edge scalars; it is also checked against the ladder and the affine reference with
 *   fast-check (1000 runs) in ladder.test.ts.
 * - The comb, against plain double-and-add (1000 runs) and at its block boundaries.
 * Vectors: node:crypto as above; otherwise the reference is affine.ts, itself tested against
 * the NIST/Wycheproof vectors in affine.test.ts.
 */
import { createECDH } from 'node:crypto';
import fc from 'fast-check';
import {
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
  type AffinePoint,
} from '../../src/curve/affine';
import {
  fixedBaseMultiply,
  fixedBaseMultiplyWindowed,
  COMB_ENTRIES,
  fixedBaseMultiplyComb,
  oddDigits,
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

/** d·G by node:crypto (OpenSSL): the uncompressed public key of the private key d. */
function nodePublicKey(d: bigint): AffinePoint {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
  const raw = ecdh.getPublicKey();
  return {
    x: BigInt(`0x${raw.subarray(1, 33).toString('hex')}`),
    y: BigInt(`0x${raw.subarray(33, 65).toString('hex')}`),
  };
}

/** Scalars where the windows or the recoding change behaviour. */
const EDGES = [
  1n,
  2n, //                  even: n − 2 is recoded
  3n,
  255n,
  256n,
  257n,
  (1n << 248n) - 1n,
  1n << 248n,
  (1n << 248n) + 1n,
  (1n << 255n) + 1n,
  (1n << 256n) - n, //    2^256 − n, odd: the last window's s − e is furthest from −n here
  n - (1n << 248n),
  n - 3n,
  n - 2n,
  n - 1n,
  ((1n << 256n) - 1n) / 255n, // every window's bits equal
];

describe('the odd-digit recoding', () => {
  it('sums back to d, with every digit odd, |k_i| ≤ 255 and k_31 > 0 (1000 runs)', () => {
    const check = (d: bigint): void => {
      const digits = oddDigits(d);
      expect(digits).toHaveLength(32);
      let sum = 0n;
      const bad = [...digits].filter((k, i) => {
        sum += BigInt(k) << BigInt(8 * i);
        return Math.abs(k) % 2 !== 1 || Math.abs(k) > 255;
      });
      expect(bad).toEqual([]);
      expect(digits[31]).toBeGreaterThan(0);
      expect(sum).toBe(d);
    };
    for (const d of [1n, 3n, 255n, 257n, n - 2n, (1n << 256n) - 1n, (1n << 256n) - n]) check(d);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 255n) - 1n }), (h) => {
        check(2n * h + 1n);
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fixed-base table', () => {
  const batched = tableBuilders.batched();

  it('the batched builder gives exactly the plain builder’s table (32 rows × 128 entries)', () => {
    const plain = tableBuilders.reference();
    expect(batched).toHaveLength(32);
    for (const row of batched) expect(row).toHaveLength(128);
    expect(batched).toEqual(plain);
  });

  it('entries are (2t + 1)·2^(8i)·G by the affine reference (first, last and random entries)', () => {
    const entry = (i: number, t: number): bigint => BigInt(2 * t + 1) << BigInt(8 * i);
    for (const [i, t] of [
      [0, 0],
      [0, 1],
      [0, 127],
      [1, 0],
      [16, 64],
      [31, 0],
      [31, 127],
    ]) {
      expect(unpack(batched[i][t])).toEqual(reference(entry(i, t)));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 127 }), (i, t) => {
        expect(unpack(batched[i][t])).toEqual(reference(entry(i, t)));
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('the odd-digit windows', () => {
  it('equal plain double-and-add on random scalars (1000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: n - 1n }), (k) => {
        expect(fixedBaseMultiplyWindowed(k)).toEqual(doubleAndAdd(k, G));
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('equal node:crypto’s public key from the private key (1000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: n - 1n }), (k) => {
        expect(fixedBaseMultiplyWindowed(k)).toEqual(nodePublicKey(k));
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('equal the affine reference and node:crypto on the edge scalars, and reject 0 and n', () => {
    for (const k of EDGES) {
      expect(fixedBaseMultiplyWindowed(k)).toEqual(reference(k));
      expect(fixedBaseMultiplyWindowed(k)).toEqual(nodePublicKey(k));
    }
    expect(() => fixedBaseMultiplyWindowed(0n)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCALAR' }),
    );
    expect(() => fixedBaseMultiplyWindowed(n)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCALAR' }),
    );
  });

  it('fixedBaseMultiply (the comb for its first calls, then the windows) equals plain double-and-add (1000 runs)', () => {
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
  it('its 15 written-out entries are a_0·G + a_1·2^64·G + a_2·2^128·G + a_3·2^192·G (affine group law from G)', () => {
    const bases = [G];
    for (let t = 1; t < 4; t++) {
      let B = bases[t - 1];
      for (let s = 0; s < 64; s++) B = pointDouble(B); // 2^(64t)·G by 64 plain doublings
      bases.push(B);
    }
    expect(COMB_ENTRIES).toHaveLength(15);
    for (let a = 1; a < 16; a++) {
      let sum: AffinePoint | null = null;
      for (let t = 0; t < 4; t++)
        if ((a >> t) & 1) sum = sum === null ? bases[t] : pointAdd(sum, bases[t]);
      expect(COMB_ENTRIES[a - 1]).toEqual(sum);
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
