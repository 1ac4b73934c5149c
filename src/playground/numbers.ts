/**
 * Small-number arithmetic for the playground's field view: primality, factors, the Legendre
 * symbol and square roots modulo any odd prime, on the library's modular arithmetic (`mod`,
 * `modPow` of ecdh-lab/math). P-256's own square root is `fieldSqrt`, which relies on
 * p ≡ 3 (mod 4); a learner's prime may be ≡ 1 (mod 4), which needs Tonelli–Shanks.
 *
 *   Euler's criterion   a^((p−1)/2) ≡ 1 when a is a nonzero square mod p, ≡ −1 when it is not
 *   p ≡ 3 (mod 4)       r = a^((p+1)/4) is a root of a square a (r² = a^((p+1)/2) = a·a^((p−1)/2))
 *   Tonelli–Shanks      write p − 1 = Q·2^S with Q odd; with a non-square z, shrink the order of
 *                       t = a^Q in a loop until t = 1, keeping R² ≡ a·t (Tonelli 1891,
 *                       Shanks 1973)
 *
 * Deliberately not here: anything for secrets or big numbers. Trial division is fine below
 * 2^32, and the playground stays far below that.
 */
import { randomBytes } from '../index.js';
import { mod, modPow } from '../math.js';

/** The largest modulus the field view accepts (the largest prime below 2^16). */
export const MAX_FIELD_PRIME = 65521n;

/**
 * The smallest prime factor of m ≥ 2 (m itself when m is prime), by trial division.
 * @example smallestFactor(221n) // 13n
 */
export function smallestFactor(m: bigint): bigint {
  if (m % 2n === 0n) return 2n;
  for (let q = 3n; q * q <= m; q += 2n) if (m % q === 0n) return q;
  return m;
}

/**
 * Whether m is prime.
 * @example isPrime(223n) // true
 */
export function isPrime(m: bigint): boolean {
  return m >= 2n && smallestFactor(m) === m;
}

/**
 * The prime factors of m ≥ 1, smallest first, with repetition.
 * @example factorize(224n) // [2n, 2n, 2n, 2n, 2n, 7n]
 */
export function factorize(m: bigint): bigint[] {
  const factors: bigint[] = [];
  for (let rest = m; rest > 1n; ) {
    const q = smallestFactor(rest);
    factors.push(q);
    rest /= q;
  }
  return factors;
}

/** Factors written as a product with exponents, e.g. 224 → '2^5 · 7'. */
export function formatFactors(m: bigint): string {
  const counts = new Map<bigint, number>();
  for (const q of factorize(m)) counts.set(q, (counts.get(q) ?? 0) + 1);
  return [...counts].map(([q, e]) => (e === 1 ? `${q}` : `${q}^${e}`)).join(' · ') || '1';
}

/**
 * Euler's criterion: a^((p−1)/2) mod p, which is 0 (a ≡ 0), 1 (a square) or p − 1 (not one).
 * @example eulerCriterion(2n, 7n) // 1n: 3² = 9 ≡ 2
 */
export function eulerCriterion(a: bigint, p: bigint): bigint {
  return modPow(a, (p - 1n) / 2n, p);
}

/** One iteration of Tonelli–Shanks: the order 2^i of t was found and b used to lower it. */
export interface TonelliStep {
  readonly i: number;
  readonly b: bigint;
  readonly R: bigint;
  readonly t: bigint;
}

export interface SquareRoot {
  /** a mod p */
  readonly a: bigint;
  readonly p: bigint;
  /** Euler's criterion a^((p−1)/2) mod p. */
  readonly euler: bigint;
  /** The roots, smaller first: [] when a is not a square, [0] for a = 0. */
  readonly roots: readonly bigint[];
  /** 'zero', 'p = 2', '(p+1)/4' (p ≡ 3 mod 4), 'tonelli-shanks', or 'none' (a non-square). */
  readonly method: 'zero' | 'p = 2' | '(p+1)/4' | 'tonelli-shanks' | 'none';
  /** Tonelli–Shanks only: p − 1 = Q·2^S, the non-square z, and the loop's steps. */
  readonly Q?: bigint;
  readonly S?: number;
  readonly z?: bigint;
  readonly steps?: readonly TonelliStep[];
}

/**
 * The square roots of a modulo a prime p.
 * @param a - any integer (reduced mod p)
 * @param p - a prime
 * @returns the roots and how they were found
 * @example squareRoot(5n, 11n).roots // [4n, 7n]: 4² = 16 ≡ 5
 */
export function squareRoot(a: bigint, p: bigint): SquareRoot {
  const x = mod(a, p);
  if (x === 0n) return { a: x, p, euler: 0n, roots: [0n], method: 'zero' };
  if (p === 2n) return { a: x, p, euler: 1n, roots: [1n], method: 'p = 2' };
  const euler = eulerCriterion(x, p);
  if (euler !== 1n) return { a: x, p, euler, roots: [], method: 'none' };
  const sorted = (r: bigint): bigint[] => (r < p - r ? [r, p - r] : [p - r, r]);
  if (p % 4n === 3n) {
    return { a: x, p, euler, roots: sorted(modPow(x, (p + 1n) / 4n, p)), method: '(p+1)/4' };
  }
  // Tonelli–Shanks. p − 1 = Q·2^S with Q odd.
  let Q = p - 1n;
  let S = 0;
  while (Q % 2n === 0n) {
    Q /= 2n;
    S++;
  }
  let z = 2n; // the least non-square: half of F_p* are, so this ends quickly
  while (eulerCriterion(z, p) !== p - 1n) z++;
  let M = S;
  let c = modPow(z, Q, p); //       c has order exactly 2^S
  let t = modPow(x, Q, p); //       t = a^Q has order 2^i for some i < M
  let R = modPow(x, (Q + 1n) / 2n, p); // R² = a·t: R is a root once t = 1
  const steps: TonelliStep[] = [];
  while (t !== 1n) {
    let i = 0; // the least i with t^(2^i) = 1
    for (let u = t; u !== 1n; u = mod(u * u, p)) i++;
    const b = modPow(c, 1n << BigInt(M - i - 1), p); // b = c^(2^(M−i−1)), of order 2^(i+1)
    M = i;
    c = mod(b * b, p);
    t = mod(t * c, p); //             the order of t drops below 2^i
    R = mod(R * b, p); //             R² = a·t still holds
    steps.push({ i, b, R, t });
  }
  return { a: x, p, euler, roots: sorted(R), method: 'tonelli-shanks', Q, S, z, steps };
}

/**
 * A uniform random integer in [low, high] (high − low < 2^32), from the library's randomBytes
 * (crypto.getRandomValues) by rejection sampling.
 * @example randomInRange(1n, 232n) // a toy private key
 */
export function randomInRange(low: bigint, high: bigint): bigint {
  const span = high - low + 1n;
  const limit = (1n << 32n) - ((1n << 32n) % span); // accept below a multiple of span
  for (;;) {
    const [b0, b1, b2, b3] = randomBytes(4);
    const value = BigInt(((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0);
    if (value < limit) return low + (value % span);
  }
}
