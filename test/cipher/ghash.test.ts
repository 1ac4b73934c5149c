/**
 * src/cipher/ghash.ts: the bit-by-bit reference (SP 800-38D §6.3 Algorithm 1, §6.4 Algorithm 2)
 * on a published value and on the field laws, and both table-driven fast paths against it.
 */
import fc from 'fast-check';
import {
  gcmMultiply,
  ghash,
  ghashReference,
  GHASH_TABLE_4BIT,
  GHASH_TABLE_8BIT,
} from '../../src/cipher/ghash.js';

const h = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const b2h = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ONE = h('80000000000000000000000000000000'); // x^0: bit 0 is the leftmost bit (§6.3)
const block = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('GHASH on a published value', () => {
  // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B, Test Case 2 (AES-128,
  // K = 0^128, IV = 0^96, P = 0^128): H = 66e94bd4…, C = 0388dace…, GHASH(H, A, C) = f38cbb1a….
  const H = h('66e94bd4ef8a2c3b884cfa59ca342b2e');
  const X = h('0388dace60b6a392f328c2b971b2fe78' + '00000000000000000000000000000080');
  it('reference (Algorithm 2 over Algorithm 1)', () => {
    expect(b2h(ghashReference(H, X))).toBe('f38cbb1ad69223dcc3457ae5b6b0f885');
    // X1 = C • H, the intermediate value the paper lists
    expect(b2h(gcmMultiply(X.subarray(0, 16), H))).toBe('5e2ec746917062882c85b0685353deb7');
  });
  it('fast paths (4-bit Shoup table, 8-bit table)', () => {
    expect(b2h(ghash(H, X, GHASH_TABLE_4BIT))).toBe('f38cbb1ad69223dcc3457ae5b6b0f885');
    expect(b2h(ghash(H, X, GHASH_TABLE_8BIT))).toBe('f38cbb1ad69223dcc3457ae5b6b0f885');
    expect(b2h(ghash(H, X))).toBe('f38cbb1ad69223dcc3457ae5b6b0f885');
  });
});

describe('• is a field multiplication (fast-check)', () => {
  it('X • 1 = X, X • 0 = 0, commutative, distributive over ⊕, associative', () => {
    fc.assert(
      fc.property(block, block, block, (X, Y, Z) => {
        expect(b2h(gcmMultiply(X, ONE))).toBe(b2h(X));
        expect(b2h(gcmMultiply(X, new Uint8Array(16)))).toBe('0'.repeat(32));
        expect(b2h(gcmMultiply(X, Y))).toBe(b2h(gcmMultiply(Y, X)));
        const YxorZ = Y.map((b, i) => b ^ Z[i]);
        const sum = gcmMultiply(X, Y).map((b, i) => b ^ gcmMultiply(X, Z)[i]);
        expect(b2h(gcmMultiply(X, YxorZ))).toBe(b2h(sum));
        expect(b2h(gcmMultiply(gcmMultiply(X, Y), Z))).toBe(b2h(gcmMultiply(X, gcmMultiply(Y, Z))));
      }),
      { numRuns: 200 },
    );
  });
  it('x^127 • x = R (the reduction x^128 = 1 + x + x^2 + x^7)', () => {
    const x127 = h('00000000000000000000000000000001');
    const x1 = h('40000000000000000000000000000000');
    expect(b2h(gcmMultiply(x127, x1))).toBe('e1000000000000000000000000000000');
  });
});

describe('fast paths against the reference (fast-check)', () => {
  it('ghash with the 4-bit and the 8-bit table equals ghashReference', () => {
    fc.assert(
      fc.property(
        block,
        fc
          .integer({ min: 0, max: 6 })
          .chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n })),
        (H, X) => {
          const expected = b2h(ghashReference(H, X));
          expect(b2h(ghash(H, X, GHASH_TABLE_4BIT))).toBe(expected);
          expect(b2h(ghash(H, X, GHASH_TABLE_8BIT))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('sparse values (single bits) hit every table position', () => {
    const H = h('66e94bd4ef8a2c3b884cfa59ca342b2e');
    for (let bit = 0; bit < 128; bit++) {
      const X = new Uint8Array(16);
      X[bit >> 3] = 0x80 >> (bit & 7);
      const expected = b2h(ghashReference(H, X));
      expect(b2h(ghash(H, X, GHASH_TABLE_4BIT))).toBe(expected);
      expect(b2h(ghash(H, X, GHASH_TABLE_8BIT))).toBe(expected);
    }
  });
});

describe('bad input', () => {
  const junk: unknown[] = [undefined, null, 1, 'ab', [0], new ArrayBuffer(16), new Int8Array(16)];
  it('wrong types throw TypeError', () => {
    for (const j of junk) {
      expect(() => ghash(j as Uint8Array, new Uint8Array(16))).toThrow(TypeError);
      expect(() => ghash(new Uint8Array(16), j as Uint8Array)).toThrow(TypeError);
      expect(() => ghashReference(j as Uint8Array, new Uint8Array(16))).toThrow(TypeError);
      expect(() => ghashReference(new Uint8Array(16), j as Uint8Array)).toThrow(TypeError);
      expect(() => gcmMultiply(j as Uint8Array, new Uint8Array(16))).toThrow(TypeError);
      expect(() => gcmMultiply(new Uint8Array(16), j as Uint8Array)).toThrow(TypeError);
    }
  });
  it('wrong lengths throw RangeError naming the argument', () => {
    expect(() => ghash(new Uint8Array(15), new Uint8Array(16))).toThrow(/H must be 16/);
    expect(() => ghash(new Uint8Array(16), new Uint8Array(17))).toThrow(
      /X must be a multiple of 16/,
    );
    expect(() => ghashReference(new Uint8Array(16), new Uint8Array(8))).toThrow(RangeError);
    expect(() => gcmMultiply(new Uint8Array(16), new Uint8Array(32))).toThrow(/Y must be 16/);
    expect(() => ghash(new Uint8Array(16), new Uint8Array(16), 5 as 4)).toThrow(RangeError);
  });
});
