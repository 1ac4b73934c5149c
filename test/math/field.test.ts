/**
 * Tests for src/math/field.ts and src/math/fp.ts (P-256 base field), src/math/modular.ts and
 * src/math/scalar.ts.
 * Field laws by fast-check (1000 runs each); the prime from SEC 2 v2 §2.4.2.
 */
import fc from 'fast-check';
import { CryptoError } from '../../src/errors';
import { mod, modAdd, modInverseVartime, modPow, modSub } from '../../src/math/modular';
import {
  p,
  fieldAdd,
  fieldFromBytes,
  fieldInverse,
  fieldInverseVartime,
  fieldMul,
  fieldNeg,
  fieldPow,
  fieldSqrt,
  fieldSquare,
  fieldSub,
  fieldToBytes,
} from '../../src/math/field';
import * as fp from '../../src/math/fp';
import {
  n,
  scalarAdd,
  scalarFromBytes,
  scalarInverse,
  scalarMul,
  scalarNeg,
  scalarSub,
  scalarToBytes,
} from '../../src/math/scalar';

const RUNS = { numRuns: 1000 };
const fe = fc.bigInt({ min: 0n, max: p - 1n });
const feNonZero = fc.bigInt({ min: 1n, max: p - 1n });
const sc = fc.bigInt({ min: 0n, max: n - 1n });

describe('modular.ts', () => {
  it('mod gives the least non-negative residue', () => {
    expect(mod(-1n, 7n)).toBe(6n);
    expect(mod(14n, 7n)).toBe(0n);
    expect(() => mod(1n, 1n)).toThrow(RangeError);
    expect(() => mod(1 as unknown as bigint, 7n)).toThrow(TypeError);
  });
  it('modAdd/modSub/modPow/modInverseVartime on small numbers (hand-checked)', () => {
    expect(modAdd(5n, 4n, 7n)).toBe(2n);
    expect(modSub(2n, 5n, 7n)).toBe(4n);
    expect(modPow(3n, 4n, 7n)).toBe(4n); // 81 = 11·7 + 4
    expect(modPow(3n, 0n, 7n)).toBe(1n);
    expect(modInverseVartime(3n, 7n)).toBe(5n); // 3·5 = 15 ≡ 1
    expect(() => modInverseVartime(0n, 7n)).toThrow(RangeError);
    expect(() => modInverseVartime(6n, 9n)).toThrow(RangeError);
    expect(() => modPow(2n, -1n, 7n)).toThrow(RangeError);
  });
});

describe('field.ts: F_p laws (fast-check, 1000 runs each)', () => {
  it('p is 2^256 − 2^224 + 2^192 + 2^96 − 1 (SEC 2 §2.4.2)', () => {
    expect(p).toBe(2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n);
  });
  it('add and mul are commutative', () => {
    fc.assert(
      fc.property(
        fe,
        fe,
        (x, y) => fieldAdd(x, y) === fieldAdd(y, x) && fieldMul(x, y) === fieldMul(y, x),
      ),
      RUNS,
    );
  });
  it('add and mul are associative', () => {
    fc.assert(
      fc.property(
        fe,
        fe,
        fe,
        (x, y, z) =>
          fieldAdd(fieldAdd(x, y), z) === fieldAdd(x, fieldAdd(y, z)) &&
          fieldMul(fieldMul(x, y), z) === fieldMul(x, fieldMul(y, z)),
      ),
      RUNS,
    );
  });
  it('mul distributes over add', () => {
    fc.assert(
      fc.property(
        fe,
        fe,
        fe,
        (x, y, z) => fieldMul(x, fieldAdd(y, z)) === fieldAdd(fieldMul(x, y), fieldMul(x, z)),
      ),
      RUNS,
    );
  });
  it('add, sub, neg, square agree with BigInt arithmetic mod p', () => {
    fc.assert(
      fc.property(
        fe,
        fe,
        (x, y) =>
          fieldAdd(x, y) === (x + y) % p &&
          fieldSub(x, y) === mod(x - y, p) &&
          fieldNeg(x) === mod(-x, p) &&
          fieldSquare(x) === (x * x) % p &&
          fieldSub(fieldAdd(x, y), y) === x,
      ),
      RUNS,
    );
  });
  it('fieldInverse (addition chain) = fieldInverseVartime (Euclid) = a^(p−2), and a·a^−1 = 1', () => {
    fc.assert(
      fc.property(feNonZero, (x) => {
        const inv = fieldInverse(x);
        return fieldMul(x, inv) === 1n && inv === fieldInverseVartime(x);
      }),
      RUNS,
    );
    expect(fieldInverse(2n)).toBe(fieldPow(2n, p - 2n));
    expect(fieldInverse(p - 1n)).toBe(p - 1n);
    expect(fieldInverse(0n)).toBe(0n); // documented: 0^(p−2) = 0
  });
  it('fieldSqrt finds a root of every square and refuses non-squares', () => {
    fc.assert(
      fc.property(fe, (x) => {
        const r = fieldSqrt(fieldSquare(x));
        return r !== null && fieldSquare(r) === fieldSquare(x) && (r === x || r === fieldNeg(x));
      }),
      RUNS,
    );
    // −1 is not a square mod p since p ≡ 3 (mod 4); neither is −x² for x ≠ 0.
    expect(fieldSqrt(p - 1n)).toBeNull();
    fc.assert(
      fc.property(feNonZero, (x) => fieldSqrt(fieldNeg(fieldSquare(x))) === null),
      RUNS,
    );
    expect(fieldSqrt(0n)).toBe(0n);
  });
  it('fieldPow agrees with repeated multiplication', () => {
    expect(fieldPow(2n, 10n)).toBe(1024n);
    expect(fieldPow(3n, p - 1n)).toBe(1n); // Fermat
  });
  it('bytes round trip; ≥ p and wrong lengths are rejected', () => {
    fc.assert(
      fc.property(fe, (x) => fieldFromBytes(fieldToBytes(x)) === x),
      RUNS,
    );
    expect(fieldToBytes(1n)).toEqual(Uint8Array.from([...new Array(31).fill(0), 1]));
    const pBytes = fieldToBytes(p - 1n);
    pBytes[31] += 1; // now p
    expect(() => fieldFromBytes(pBytes)).toThrow(
      expect.objectContaining({ code: 'INVALID_ENCODING' }),
    );
    expect(() => fieldFromBytes(new Uint8Array(31))).toThrow(RangeError);
    expect(() => fieldFromBytes('00' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => fieldToBytes(p)).toThrow(RangeError);
    expect(() => fieldToBytes(-1n)).toThrow(RangeError);
    expect(() => fieldToBytes(1 as unknown as bigint)).toThrow(TypeError);
  });
});

describe('scalar.ts: Z/nZ and scalar encodings', () => {
  it('ring operations agree with BigInt arithmetic mod n', () => {
    fc.assert(
      fc.property(
        sc,
        sc,
        (x, y) =>
          scalarAdd(x, y) === (x + y) % n &&
          scalarSub(x, y) === mod(x - y, n) &&
          scalarNeg(x) === mod(-x, n) &&
          scalarMul(x, y) === (x * y) % n,
      ),
      RUNS,
    );
  });
  it('scalarInverse', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: n - 1n }),
        (x) => scalarMul(x, scalarInverse(x)) === 1n,
      ),
      { numRuns: 200 },
    );
    expect(scalarInverse(3n)).toBe(modInverseVartime(3n, n));
  });
  it('scalarFromBytes accepts [1, n−1] and rejects 0 and ≥ n with INVALID_SCALAR', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: n - 1n }),
        (d) => scalarFromBytes(scalarToBytes(d)) === d,
      ),
      RUNS,
    );
    for (const bad of [0n, n, n + 1n, 2n ** 256n - 1n]) {
      const bytes = Uint8Array.from(Buffer.from(bad.toString(16).padStart(64, '0'), 'hex'));
      expect(() => scalarFromBytes(bytes)).toThrow(CryptoError);
      expect(() => scalarFromBytes(bytes)).toThrow(
        expect.objectContaining({ code: 'INVALID_SCALAR' }),
      );
    }
    expect(() => scalarFromBytes(new Uint8Array(33))).toThrow(RangeError);
    expect(() => scalarToBytes(n)).toThrow(RangeError);
  });
});

describe('fp.ts, the unchecked arithmetic of the inner loop, against the plain arithmetic', () => {
  it('branch-free add/sub/neg and mul/square equal BigInt arithmetic mod p (1000 runs)', () => {
    fc.assert(
      fc.property(
        fe,
        fe,
        (x, y) =>
          fp.add(x, y) === (x + y) % p &&
          fp.sub(x, y) === mod(x - y, p) &&
          fp.neg(x) === mod(-x, p) &&
          fp.mul(x, y) === (x * y) % p &&
          fp.square(x) === (x * x) % p,
      ),
      RUNS,
    );
  });
  it('at the edges of the correction: 0, 1, p − 1 in every combination', () => {
    for (const x of [0n, 1n, 2n, p - 2n, p - 1n]) {
      for (const y of [0n, 1n, 2n, p - 2n, p - 1n]) {
        expect(fp.add(x, y)).toBe((x + y) % p);
        expect(fp.sub(x, y)).toBe(mod(x - y, p));
      }
      expect(fp.neg(x)).toBe(mod(-x, p));
    }
  });
});

// Junk-typed and out-of-range inputs reach every exported math function (the house rule: junk goes to every public function): a wrong type
// is a TypeError and a value outside the field or ring a RangeError, both naming the argument.
describe('argument checks on every exported math function', () => {
  const junk: unknown[] = [1, '1', null, undefined, {}, [1n], 1.5];
  const asBig = (v: unknown) => v as bigint;
  const cases: [string, (v: bigint) => unknown, bigint][] = [
    ['fieldAdd a', (v) => fieldAdd(v, 1n), p],
    ['fieldAdd b', (v) => fieldAdd(1n, v), p],
    ['fieldSub a', (v) => fieldSub(v, 1n), p],
    ['fieldSub b', (v) => fieldSub(1n, v), p],
    ['fieldNeg', (v) => fieldNeg(v), p],
    ['fieldMul a', (v) => fieldMul(v, 1n), p],
    ['fieldMul b', (v) => fieldMul(1n, v), p],
    ['fieldSquare', (v) => fieldSquare(v), p],
    ['fieldPow a', (v) => fieldPow(v, 2n), p],
    ['fieldInverse', (v) => fieldInverse(v), p],
    ['fieldInverseVartime', (v) => fieldInverseVartime(v), p],
    ['fieldSqrt', (v) => fieldSqrt(v), p],
    ['fieldToBytes', (v) => fieldToBytes(v), p],
    ['scalarAdd a', (v) => scalarAdd(v, 1n), n],
    ['scalarAdd b', (v) => scalarAdd(1n, v), n],
    ['scalarSub a', (v) => scalarSub(v, 1n), n],
    ['scalarSub b', (v) => scalarSub(1n, v), n],
    ['scalarNeg', (v) => scalarNeg(v), n],
    ['scalarMul a', (v) => scalarMul(v, 1n), n],
    ['scalarMul b', (v) => scalarMul(1n, v), n],
    ['scalarInverse', (v) => scalarInverse(v), n],
    ['scalarToBytes', (v) => scalarToBytes(v), n],
    ['modAdd a', (v) => modAdd(v, 1n, 7n), 7n],
    ['modAdd b', (v) => modAdd(1n, v, 7n), 7n],
    ['modSub a', (v) => modSub(v, 1n, 7n), 7n],
    ['modSub b', (v) => modSub(1n, v, 7n), 7n],
  ];
  it.each(cases)(
    '%s: TypeError for junk, RangeError for −1 and for the modulus',
    (_name, call, modulus) => {
      for (const value of junk) expect(() => call(asBig(value))).toThrow(TypeError);
      expect(() => call(-1n)).toThrow(RangeError);
      expect(() => call(modulus)).toThrow(RangeError);
    },
  );
  it("the review's examples: fieldAdd(1, 2), modAdd(1, 2, 7), fieldMul(−1n, 1n)", () => {
    expect(() => fieldAdd(asBig(1), asBig(2))).toThrow(
      new TypeError('a must be a bigint, got number'),
    );
    expect(() => modAdd(asBig(1), asBig(2), 7n)).toThrow(TypeError);
    expect(() => fieldMul(-1n, 1n)).toThrow(new RangeError('a is out of range'));
  });
  it('the remaining arguments: exponent, modulus', () => {
    expect(() => fieldPow(2n, asBig(2))).toThrow(TypeError);
    expect(() => fieldPow(2n, -1n)).toThrow(RangeError);
    expect(() => modAdd(1n, 2n, asBig(7))).toThrow(TypeError);
    expect(() => modSub(1n, 2n, 1n)).toThrow(RangeError);
    expect(() => modPow(2n, asBig(3), 7n)).toThrow(TypeError);
    expect(() => modInverseVartime(asBig(3), 7n)).toThrow(TypeError);
    expect(() => modInverseVartime(3n, asBig(7))).toThrow(TypeError);
  });
});
