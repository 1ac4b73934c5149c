/**
 * Tests for src/x25519/field.ts (F_p, p = 2^255 − 19, RFC 7748 §4.1): the folding reduction and
 * every operation against plain BigInt `%` (the reference), the lazy forms at the edges of
 * their stated bounds, the inversion and square root, and the little-endian encoding.
 * Properties by fast-check, 1000 runs each.
 */
import fc from 'fast-check';
import { mod, modInverseVartime, modPow } from '../../src/math/modular';
import {
  SQRT_MINUS_1,
  decodeLittleEndian,
  fieldAdd,
  fieldAddLazy,
  fieldCanonical,
  fieldFromBytes,
  fieldInverse,
  fieldInverseLazy,
  fieldMul,
  fieldMulLazy,
  fieldNeg,
  fieldScaleLazy,
  fieldSqrt,
  fieldSquare,
  fieldSquareLazy,
  fieldSub,
  fieldSubLazy,
  fieldToBytes,
  p,
  reduce,
} from '../../src/x25519/field';
import { expectCryptoError } from '../support/errors';

const RUNS = { numRuns: 1000 };
const fe = fc.bigInt({ min: 0n, max: p - 1n });
/** Any integer of the size reduce accepts, either sign. */
const wide = fc.bigInt({ min: -(2n ** 600n) + 1n, max: 2n ** 600n - 1n });
/** Lazy elements at the bound the lazy multiplication accepts. */
const lazy = fc.bigInt({ min: -(2n ** 300n) + 1n, max: 2n ** 300n - 1n });
const ref = (x: bigint) => mod(x, p);

describe('the prime and the reduction', () => {
  it('p = 2^255 − 19, and 2^255 ≡ 19', () => {
    expect(p).toBe(57896044618658097711785492504343953926634992332820282019728792003956564819949n);
    expect(ref(2n ** 255n)).toBe(19n);
  });

  it('reduce(x) ≡ x (mod p) with −19·2^95 ≤ r < 2^255 + 19·2^95, for |x| < 2^600', () => {
    fc.assert(
      fc.property(wide, (x) => {
        const r = reduce(x);
        return ref(r) === ref(x) && r >= -19n * 2n ** 95n && r < 2n ** 255n + 19n * 2n ** 95n;
      }),
      RUNS,
    );
  });

  it('reduce at the edges: 0, ±1, p, 2^255, 2^510, ±(2^600 − 1)', () => {
    for (const x of [
      0n,
      1n,
      -1n,
      p,
      p - 1n,
      2n ** 255n,
      2n ** 255n - 1n,
      (p - 1n) ** 2n,
      2n ** 510n,
      2n ** 600n - 1n,
      -(2n ** 600n) + 1n,
    ]) {
      const r = reduce(x);
      expect(ref(r)).toBe(ref(x));
      expect(r < 2n ** 256n && r > -(2n ** 256n)).toBe(true);
    }
  });

  it('fieldCanonical(x) = x mod p in [0, p − 1] for |x| < 2^600, and at the edges', () => {
    fc.assert(
      fc.property(wide, (x) => fieldCanonical(x) === ref(x)),
      RUNS,
    );
    for (const x of [0n, -1n, p, p - 1n, p + 18n, 2n ** 255n - 1n, -p, -(2n ** 600n) + 1n])
      expect(fieldCanonical(x)).toBe(ref(x));
  });
});

describe('checked operations against plain BigInt % (1000 runs each)', () => {
  it('add, sub, neg, mul, square', () => {
    fc.assert(
      fc.property(fe, fe, (a, b) => {
        expect(fieldAdd(a, b)).toBe(ref(a + b));
        expect(fieldSub(a, b)).toBe(ref(a - b));
        expect(fieldNeg(a)).toBe(ref(-a));
        expect(fieldMul(a, b)).toBe(ref(a * b));
        expect(fieldSquare(a)).toBe(ref(a * a));
      }),
      RUNS,
    );
  });

  it('edge values: 0, 1, p − 1, 2^254, 19', () => {
    const edges = [0n, 1n, 2n, 19n, p - 1n, p - 2n, 2n ** 254n, 2n ** 254n + 19n];
    for (const a of edges)
      for (const b of edges) {
        expect(fieldAdd(a, b)).toBe(ref(a + b));
        expect(fieldSub(a, b)).toBe(ref(a - b));
        expect(fieldMul(a, b)).toBe(ref(a * b));
      }
    expect(fieldMul(2n ** 254n, 2n)).toBe(19n);
  });

  it('fieldInverse(a)·a = 1, equal to the extended Euclidean inverse; 0 ↦ 0', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: p - 1n }), (a) => {
        const inverse = fieldInverse(a);
        return inverse === modInverseVartime(a, p) && fieldMul(inverse, a) === 1n;
      }),
      RUNS,
    );
    expect(fieldInverse(0n)).toBe(0n);
    expect(fieldInverse(1n)).toBe(1n);
    expect(fieldInverse(p - 1n)).toBe(p - 1n);
  });

  it('fieldSqrt: a root for every square, null exactly for the non-squares (Euler)', () => {
    fc.assert(
      fc.property(fe, (a) => {
        const isSquare = a === 0n || modPow(a, (p - 1n) / 2n, p) === 1n;
        const r = fieldSqrt(a);
        if (!isSquare) return r === null;
        return r !== null && fieldSquare(r) === a;
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fe, (x) => {
        const r = fieldSqrt(fieldSquare(x));
        return r === x || r === fieldNeg(x);
      }),
      RUNS,
    );
    expect(fieldSqrt(0n)).toBe(0n);
    expect(fieldSqrt(2n)).toBeNull(); // 2 is not a square: p ≡ 5 (mod 8)
  });

  it('SQRT_MINUS_1 = 2^((p−1)/4) and squares to −1', () => {
    expect(SQRT_MINUS_1).toBe(modPow(2n, (p - 1n) / 4n, p));
    expect(fieldSquare(SQRT_MINUS_1)).toBe(p - 1n);
  });

  it('arguments are checked: TypeError for a non-bigint, RangeError outside [0, p − 1]', () => {
    for (const f of [fieldNeg, fieldSquare, fieldInverse, fieldSqrt, fieldToBytes]) {
      expect(() => f(1 as unknown as bigint)).toThrow(TypeError);
      expect(() => f('1' as unknown as bigint)).toThrow(TypeError);
      expect(() => f(-1n)).toThrow(RangeError);
      expect(() => f(p)).toThrow(RangeError);
    }
    for (const f of [fieldAdd, fieldSub, fieldMul]) {
      expect(() => f(p, 0n)).toThrow(RangeError);
      expect(() => f(0n, -1n)).toThrow(RangeError);
      expect(() => f(0n, null as unknown as bigint)).toThrow(TypeError);
    }
  });
});

describe('lazy operations, at the bounds they state (1000 runs each)', () => {
  it('mul and square of |a|, |b| < 2^300 are ≡ a·b and below 2^256 in absolute value', () => {
    fc.assert(
      fc.property(lazy, lazy, (a, b) => {
        const m = fieldMulLazy(a, b);
        const s = fieldSquareLazy(a);
        return (
          ref(m) === ref(a * b) &&
          m < 2n ** 256n &&
          m > -(2n ** 256n) &&
          ref(s) === ref(a * a) &&
          s >= 0n &&
          s < 2n ** 256n
        );
      }),
      RUNS,
    );
    const edge = 2n ** 300n - 1n;
    for (const [a, b] of [
      [edge, edge],
      [-edge, edge],
      [edge, -edge],
    ])
      expect(ref(fieldMulLazy(a, b))).toBe(ref(a * b));
  });

  it('add, sub and scale are the plain integer operations', () => {
    expect(fieldAddLazy(p, 1n)).toBe(p + 1n);
    expect(fieldSubLazy(1n, 2n)).toBe(-1n);
    expect(fieldScaleLazy(121665n, 2n)).toBe(243330n);
  });

  it('fieldInverseLazy(a) ≡ a^−1 for lazy a (negative and above p included)', () => {
    fc.assert(
      fc.property(lazy, (a) => {
        const expected = ref(a) === 0n ? 0n : modInverseVartime(ref(a), p);
        const r = fieldInverseLazy(a);
        return ref(r) === expected && r < 2n ** 256n && r > -(2n ** 256n);
      }),
      RUNS,
    );
    expect(fieldCanonical(fieldInverseLazy(p))).toBe(0n);
  });
});

describe('little-endian bytes (RFC 7748 §5)', () => {
  it('fieldToBytes / fieldFromBytes round-trip and match Node Buffer little-endian reads', () => {
    fc.assert(
      fc.property(fe, (a) => {
        const bytes = fieldToBytes(a);
        const buffer = Buffer.from(bytes);
        let viaBuffer = 0n;
        for (let i = 3; i >= 0; i--) viaBuffer = (viaBuffer << 64n) | buffer.readBigUInt64LE(8 * i);
        return bytes.length === 32 && viaBuffer === a && fieldFromBytes(bytes) === a;
      }),
      RUNS,
    );
    expect(Array.from(fieldToBytes(9n))).toEqual([9, ...new Array(31).fill(0)]);
  });

  it('decodeLittleEndian reads all 256 bits; fieldFromBytes refuses p … 2^256 − 1', () => {
    expect(decodeLittleEndian(new Uint8Array(32).fill(0xff))).toBe(2n ** 256n - 1n);
    const pBytes = Uint8Array.from(Buffer.from('ed' + 'ff'.repeat(30) + '7f', 'hex'));
    expect(decodeLittleEndian(pBytes)).toBe(p);
    expectCryptoError(() => fieldFromBytes(pBytes), 'INVALID_ENCODING');
    expectCryptoError(() => fieldFromBytes(new Uint8Array(32).fill(0xff)), 'INVALID_ENCODING');
    const offset = new Uint8Array(40).fill(1).subarray(3, 35); // a view with a byteOffset
    expect(decodeLittleEndian(offset)).toBe(decodeLittleEndian(offset.slice()));
    expect(() => fieldFromBytes(new Uint8Array(31))).toThrow(RangeError);
    expect(() => fieldFromBytes([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });
});
