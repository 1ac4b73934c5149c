/**
 * src/x25519/fixed-base.ts: u(k·B) by the Edwards table against the x-only ladder
 * (x25519Ladder(k, 9)), the reference; the Edwards constants against RFC 7748 §4.1 and
 * RFC 8032 §5.1. (x25519PublicKey, which uses it, is compared with node:crypto 1000 times in
 * x25519.test.ts.)
 */
import fc from 'fast-check';
import { mod, modInverseVartime } from '../../src/math/modular';
import { EDWARDS_BASE, EDWARDS_D, fixedBaseU } from '../../src/x25519/fixed-base';
import { x25519Ladder } from '../../src/x25519/ladder';

const p = 2n ** 255n - 19n;
const n = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('edwards25519 constants', () => {
  it('d = −121665/121666, and the base point (RFC 8032 §5.1) is on −x² + y² = 1 + d·x²·y²', () => {
    expect(EDWARDS_D).toBe(mod(-121665n * modInverseVartime(121666n, p), p));
    const { x, y } = EDWARDS_BASE;
    expect(y).toBe(46316835694926478169428394003475163141307993866256225615783033603165251855960n);
    expect(x).toBe(15112221349535400772501151409588531511454012693041857206046113283949847762202n);
    expect(mod(-x * x + y * y - 1n - EDWARDS_D * x * x * y * y, p)).toBe(0n);
    expect(y).toBe(mod(4n * modInverseVartime(5n, p), p)); // y = 4/5
    expect(x % 2n).toBe(0n); // the even root
  });

  it('the birational map sends it to u = (1 + y)/(1 − y) = 9', () => {
    const { y } = EDWARDS_BASE;
    expect(mod((1n + y) * modInverseVartime(1n - y, p), p)).toBe(9n);
  });
});

describe('fixedBaseU(k) = x25519Ladder(k, 9)', () => {
  // 200 runs against the ladder here; x25519PublicKey (this path) meets node:crypto 1000 times.
  it('random k in [0, 2^255) (200 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 255n - 1n }), (k) => {
        expect(fixedBaseU(k)).toBe(x25519Ladder(k, 9n));
      }),
      { numRuns: 200 },
    );
  });

  it('edge scalars: 0, 1, 15, 16, n − 1, n, n + 1, 2^254, 2^255 − 1, and every single digit', () => {
    for (const k of [
      0n,
      1n,
      2n,
      15n,
      16n,
      17n,
      n - 1n,
      n,
      n + 1n,
      2n * n,
      2n ** 254n,
      2n ** 255n - 1n,
    ])
      expect(fixedBaseU(k)).toBe(x25519Ladder(k, 9n));
    for (let i = 0n; i < 63n; i += 3n) {
      const k = 15n << (4n * i); // a single nonzero digit in window i
      expect(fixedBaseU(k)).toBe(x25519Ladder(k, 9n));
    }
    expect(fixedBaseU(7n << 252n)).toBe(x25519Ladder(7n << 252n, 9n)); // the top window
    expect(fixedBaseU(0n)).toBe(0n); // the neutral element: u = 0
    expect(fixedBaseU(n)).toBe(0n);
  });
});
