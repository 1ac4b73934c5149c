/**
 * The playground's small-number arithmetic (src/playground/numbers.ts): primality and factors
 * against a sieve, square roots against the list of every y with y² ≡ a (exhaustively for the
 * small primes, both the p ≡ 3 (mod 4) shortcut and Tonelli–Shanks), and the uniform draw.
 */
import fc from 'fast-check';
import { mod } from '../../src/math/modular';
import {
  eulerCriterion,
  factorize,
  formatFactors,
  isPrime,
  MAX_FIELD_PRIME,
  randomInRange,
  smallestFactor,
  squareRoot,
} from '../../src/playground/numbers';

/** The primes below `limit`, by the sieve of Eratosthenes. */
function sieve(limit: number): Set<number> {
  const composite = new Uint8Array(limit);
  const primes = new Set<number>();
  for (let i = 2; i < limit; i++) {
    if (composite[i]) continue;
    primes.add(i);
    for (let j = i * i; j < limit; j += i) composite[j] = 1;
  }
  return primes;
}

/** Every y in [0, p) with y² ≡ a (mod p), by trying them all. */
const bruteRoots = (a: bigint, p: bigint): bigint[] =>
  Array.from({ length: Number(p) }, (_, y) => BigInt(y)).filter((y) => mod(y * y - a, p) === 0n);

describe('primes and factors', () => {
  it('isPrime agrees with a sieve below 5000', () => {
    const primes = sieve(5000);
    for (let m = 0; m < 5000; m++) expect([m, isPrime(BigInt(m))]).toEqual([m, primes.has(m)]);
  });
  it('factorize multiplies back and lists primes in order; formatFactors groups them', () => {
    for (let m = 1n; m < 3000n; m++) {
      const factors = factorize(m);
      expect(factors.reduce((x, y) => x * y, 1n)).toBe(m);
      expect(factors.every(isPrime)).toBe(true);
      expect([...factors].sort((x, y) => (x < y ? -1 : 1))).toEqual(factors);
    }
    expect(formatFactors(224n)).toBe('2^5 · 7');
    expect(formatFactors(233n)).toBe('233');
    expect(formatFactors(1n)).toBe('1');
    expect(smallestFactor(221n)).toBe(13n);
    expect(isPrime(MAX_FIELD_PRIME)).toBe(true);
  });
});

describe('square roots mod p', () => {
  // 3, 7, 223: p ≡ 3 (mod 4); 5, 13, 17, 41, 97, 257: Tonelli–Shanks, with S from 1 to 8.
  for (const p of [2n, 3n, 5n, 7n, 13n, 17n, 41n, 97n, 223n, 257n]) {
    it(`every a mod ${p}`, () => {
      for (let a = 0n; a < p; a++) {
        const root = squareRoot(a, p);
        expect({ a, roots: root.roots }).toEqual({ a, roots: bruteRoots(a, p) });
        if (a !== 0n && p !== 2n) {
          expect(root.euler).toBe(root.roots.length > 0 ? 1n : p - 1n);
          expect(eulerCriterion(a, p)).toBe(root.euler);
        }
        if (root.roots.length === 2)
          expect(root.method).toBe(p % 4n === 3n ? '(p+1)/4' : 'tonelli-shanks');
      }
    });
  }
  it('mod 65521 (p − 1 = 4095 · 2^4): every root found squares back, and half the units are squares', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_FIELD_PRIME - 1n }), (a) => {
        const root = squareRoot(a, MAX_FIELD_PRIME);
        if (root.roots.length === 0) return root.euler === MAX_FIELD_PRIME - 1n;
        return root.roots.every((r) => mod(r * r, MAX_FIELD_PRIME) === a) && root.S === 4;
      }),
      { numRuns: 1000 },
    );
  });
  it('reduces a first, and a ≡ 0 has the single root 0', () => {
    expect(squareRoot(-1n, 13n).roots).toEqual([5n, 8n]);
    expect(squareRoot(223n, 223n)).toMatchObject({ roots: [0n], method: 'zero' });
  });
});

describe('randomInRange (crypto.getRandomValues, rejection sampling)', () => {
  it('stays in range and reaches every value of a small range', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 600; i++) {
      const v = randomInRange(1n, 6n);
      expect(v >= 1n && v <= 6n).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
    expect(randomInRange(5n, 5n)).toBe(5n);
  });
});
