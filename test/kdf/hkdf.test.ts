/**
 * HKDF-SHA256 (src/kdf/hkdf.ts). Sources: RFC 5869 Appendix A.1–A.3 (inline below),
 * Wycheproof hkdf_sha256_test.json (through test/support/wycheproof.ts), node:crypto
 * hkdfSync as the property-test oracle. (NIST has no CAVP HKDF file; SP 800-56C's KDF tests are
 * a different construction. RFC 5869 and Wycheproof are the reference vectors.)
 */
import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { expand, extract, hkdf } from '../../src/kdf/hkdf';
import { sha256 } from '../../src/hash/sha256';
import { bytesToHex, hexToBytes } from '../../src/bytes';
import { hex, loadWycheproof } from '../support/wycheproof';
import { hmacReference } from '../../src/mac/hmac-reference';
import { concatBytes } from '../../src/bytes/bytes';
import { reentrantBytes } from '../support/reentrant';

// RFC 5869 Appendix A, the three SHA-256 test cases.
const RFC5869 = [
  {
    name: 'A.1 basic test case',
    IKM: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
    salt: '000102030405060708090a0b0c',
    info: 'f0f1f2f3f4f5f6f7f8f9',
    L: 42,
    PRK: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
    OKM: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'A.2 longer inputs and outputs',
    IKM: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f',
    salt: '606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf',
    info: 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
    L: 82,
    PRK: '06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244',
    OKM: 'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    name: 'A.3 zero-length salt and info',
    IKM: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
    salt: '',
    info: '',
    L: 42,
    PRK: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
    OKM: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

describe('HKDF-SHA256 RFC 5869 Appendix A', () => {
  it.each(RFC5869)('$name: PRK and OKM', ({ IKM, salt, info, L, PRK, OKM }) => {
    const prk = extract(sha256, hexToBytes(IKM), hexToBytes(salt));
    expect(bytesToHex(prk)).toBe(PRK);
    expect(bytesToHex(expand(sha256, prk, hexToBytes(info), L))).toBe(OKM);
    expect(bytesToHex(hkdf(sha256, hexToBytes(IKM), hexToBytes(salt), hexToBytes(info), L))).toBe(
      OKM,
    );
  });
  it("A.3 with salt and info undefined (Python's salt=None, info=None) gives the same keys", () => {
    const { IKM, PRK, OKM, L } = RFC5869[2];
    expect(bytesToHex(extract(sha256, hexToBytes(IKM), undefined))).toBe(PRK);
    expect(bytesToHex(hkdf(sha256, hexToBytes(IKM), undefined, undefined, L))).toBe(OKM);
  });
});

describe('HKDF-SHA256 Wycheproof hkdf_sha256_test.json', () => {
  // Flag policy: every case runs; none is skipped.
  const { cases } = loadWycheproof<
    { keySize: number },
    { ikm: string; salt: string; info: string; size: number; okm: string }
  >('hkdf_sha256_test.json', {
    Normal: 'ordinary inputs: the OKM must match',
    EmptySalt: 'salt of length 0, which HMAC pads to HashLen zeros: the OKM must match',
    MaximalOutputSize: 'size = 255·HashLen = 8160: the OKM must match',
    OutputCollision: 'inputs chosen to give equal outputs: the OKM must match',
    SizeTooLarge: 'size = 8161 > 255·HashLen: must throw RangeError',
  });
  let skipped = 0;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = (): Uint8Array =>
      hkdf(sha256, hex(c.test.ikm), hex(c.test.salt), hex(c.test.info), c.test.size);
    if (c.result === 'valid') expect(bytesToHex(run())).toBe(c.test.okm);
    else if (c.result === 'invalid') expect(run).toThrow(RangeError);
    else skipped++; // no 'acceptable' case exists in this file
  });
  it('runs all 86 cases and skips none', () => {
    expect(cases).toHaveLength(86);
    expect(skipped).toBe(0);
  });
});

describe('HKDF-SHA256 properties against node:crypto hkdfSync (fast-check)', () => {
  it('random IKM, salt, info and length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: 1, max: 600 }),
        (ikm, salt, info, length) => {
          const expected = Buffer.from(hkdfSync('sha256', ikm, salt, info, length)).toString('hex');
          return bytesToHex(hkdf(sha256, ikm, salt, info, length)) === expected;
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('salt undefined equals the HashLen-zero salt and the empty salt', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 1, max: 100 }),
        (ikm, length) => {
          const none = bytesToHex(hkdf(sha256, ikm, undefined, undefined, length));
          return (
            none === bytesToHex(hkdf(sha256, ikm, new Uint8Array(32), new Uint8Array(0), length)) &&
            none ===
              Buffer.from(
                hkdfSync('sha256', ikm, new Uint8Array(0), new Uint8Array(0), length),
              ).toString('hex')
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('HKDF-SHA256 calls that begin inside another (node:crypto hkdfSync as the oracle, fast-check)', () => {
  it('an IKM, salt or info whose reads run a nested HKDF leaves both outputs right', () => {
    // test/support/reentrant.ts: the input's reads start a nested HKDF while the outer call
    // uses it (the IKM as HMAC's message, the salt as its key, the info in each T(i)).
    const okm = (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number) =>
      Buffer.from(hkdfSync('sha256', ikm, salt, info, length)).toString('hex');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('ikm', 'salt', 'info'),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (ikm, salt, info, length, reads, at, innerIkm, innerLength) => {
          const nested: string[] = [];
          const nest = () =>
            nested.push(bytesToHex(hkdf(sha256, innerIkm, undefined, undefined, innerLength)));
          const args: Record<typeof reads, Uint8Array> = { ikm, salt, info };
          const read = args[reads];
          args[reads] = reentrantBytes(read, at % read.length, nest);
          const out = hkdf(sha256, args.ikm, args.salt, args.info, length);
          expect(bytesToHex(out)).toBe(okm(ikm, salt, info, length));
          const empty = new Uint8Array(0);
          const expectedNested = okm(innerIkm, empty, empty, innerLength);
          expect(nested.length).toBeGreaterThan(0);
          for (const nestedOkm of nested) expect(nestedOkm).toBe(expectedNested);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** RFC 5869 §2.2–§2.3 written out over the plain HMAC reference (src/mac/hmac-reference.ts). */
function hkdfByTheBook(
  ikm: Uint8Array,
  salt: Uint8Array | undefined,
  info: Uint8Array | undefined,
  L: number,
): Uint8Array {
  const PRK = hmacReference(sha256, salt ?? new Uint8Array(32), ikm);
  let T: Uint8Array = new Uint8Array(0);
  let OKM: Uint8Array = new Uint8Array(0);
  for (let i = 1; OKM.length < L; i++) {
    T = hmacReference(sha256, PRK, concatBytes(T, info ?? new Uint8Array(0), Uint8Array.of(i)));
    OKM = concatBytes(OKM, T);
  }
  return OKM.subarray(0, L);
}

describe('HKDF-SHA256 (HMAC keyed once) against RFC 5869 over the plain HMAC reference', () => {
  it('gives the same OKM for any salt, info and length (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
        fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
        fc.integer({ min: 0, max: 300 }),
        (ikm, salt, info, length) =>
          bytesToHex(hkdf(sha256, ikm, salt, info, length)) ===
          bytesToHex(hkdfByTheBook(ikm, salt, info, length)),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('HKDF-SHA256 bad input', () => {
  it('length above 255·32 = 8160 is a RangeError; 8160 itself works', () => {
    expect(() => hkdf(sha256, new Uint8Array(32), undefined, undefined, 8161)).toThrow(RangeError);
    expect(() => expand(sha256, new Uint8Array(32), undefined, 8161)).toThrow(
      /length must be in \[0, 8160\]/,
    );
    expect(hkdf(sha256, new Uint8Array(32), undefined, undefined, 8160)).toHaveLength(8160);
  });
  it('negative, fractional and non-number lengths are refused, not coerced', () => {
    expect(() => hkdf(sha256, new Uint8Array(32), undefined, undefined, -1)).toThrow(RangeError);
    expect(() => hkdf(sha256, new Uint8Array(32), undefined, undefined, 1.5)).toThrow(TypeError);
    expect(() => hkdf(sha256, new Uint8Array(32), undefined, undefined, '32' as never)).toThrow(
      TypeError,
    );
  });
  it('a PRK shorter than HashLen is refused by expand (RFC 5869 §2.3)', () => {
    expect(() => expand(sha256, new Uint8Array(31), undefined, 32)).toThrow(RangeError);
  });
  it.each([
    ['a string', 'x'],
    ['an array', [1]],
    ['null', null],
    ['an ArrayBuffer', new ArrayBuffer(2)],
  ])('rejects %s as ikm, salt or info', (_label, junk) => {
    expect(() => hkdf(sha256, junk as never, undefined, undefined, 32)).toThrow(
      /ikm must be a Uint8Array/,
    );
    expect(() => hkdf(sha256, new Uint8Array(1), junk as never, undefined, 32)).toThrow(
      /salt must be a Uint8Array/,
    );
    expect(() => hkdf(sha256, new Uint8Array(1), undefined, junk as never, 32)).toThrow(
      /info must be a Uint8Array/,
    );
  });
  it('rejects a hash that is not a hash function', () => {
    expect(() => hkdf('sha256' as never, new Uint8Array(1), undefined, undefined, 32)).toThrow(
      TypeError,
    );
  });
});
