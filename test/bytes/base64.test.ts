/**
 * base64 / base64url (src/bytes/base64.ts). Vectors: RFC 4648 §10; properties against
 * Node's Buffer encoders ('base64', 'base64url'); strictness tables from RFC 4648 §3.
 */
import fc from 'fast-check';
import {
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
} from '../../src/bytes/index.js';
import { utf8ToBytes } from '../../src/bytes/index.js';

describe('RFC 4648 §10 test vectors', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('base64(%j) = %j', (text, encoded) => {
    expect(bytesToBase64(utf8ToBytes(text))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual(utf8ToBytes(text));
  });
  it.each(vectors)('base64url(%j) is the same without padding', (text, encoded) => {
    expect(bytesToBase64Url(utf8ToBytes(text))).toBe(encoded.replace(/=/g, ''));
    expect(base64UrlToBytes(encoded.replace(/=/g, ''))).toEqual(utf8ToBytes(text));
  });
  it('the two alphabets differ only in 62 and 63 (RFC 4648 §5 table 2)', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf]);
    expect(bytesToBase64(bytes)).toBe('+/+/');
    expect(bytesToBase64Url(bytes)).toBe('-_-_');
  });
});

describe('strict decoding rejects (RangeError), grouped by reason', () => {
  const base64Bad: Record<string, string[]> = {
    'characters outside the alphabet': [
      'Zm9v!',
      'Zm9-',
      'Zm9_',
      'Zm 9v',
      'Zm9v\n',
      'Zé9v',
      '\u0000AAA',
    ],
    'length not a multiple of 4': ['Zm9', 'Zg', 'Zg=', 'Zm9vY'],
    'misplaced or excess padding': ['Z===', '====', 'Zg==Zg==', 'Z=9v', '=Zm9', 'Zm=v'],
    'non-canonical trailing bits (§3.5)': ['Zh==', 'Zm9=', 'Zm+=', 'AB=='],
  };
  for (const [reason, inputs] of Object.entries(base64Bad)) {
    it.each(inputs)(`base64: ${reason}: %j`, (input) => {
      expect(() => base64ToBytes(input)).toThrow(RangeError);
    });
  }
  const base64UrlBad: Record<string, string[]> = {
    'characters outside the alphabet (including + / and whitespace)': [
      'Zm9+',
      'Zm9/',
      'Zm 9',
      'Zm9v\r\n',
    ],
    'padding (JOSE base64url is unpadded)': ['Zg==', 'Zm8=', 'Zm9v===='],
    'impossible length': ['Z', 'Zm9vY'],
    'non-canonical trailing bits (§3.5)': ['Zh', 'Zm9', 'AB'],
  };
  for (const [reason, inputs] of Object.entries(base64UrlBad)) {
    it.each(inputs)(`base64url: ${reason}: %j`, (input) => {
      expect(() => base64UrlToBytes(input)).toThrow(RangeError);
    });
  }
});

describe('junk-typed inputs → TypeError', () => {
  const junk: unknown[] = [
    undefined,
    null,
    1,
    1n,
    {},
    [1, 2],
    'AAAA',
    new ArrayBuffer(3),
    new Uint16Array(2),
  ];
  it.each(junk)('bytesToBase64 / bytesToBase64Url(%p)', (value) => {
    expect(() => bytesToBase64(value as Uint8Array)).toThrow(TypeError);
    expect(() => bytesToBase64Url(value as Uint8Array)).toThrow(TypeError);
  });
  it.each(junk.filter((v) => typeof v !== 'string'))(
    'base64ToBytes / base64UrlToBytes(%p)',
    (value) => {
      expect(() => base64ToBytes(value as string)).toThrow(TypeError);
      expect(() => base64UrlToBytes(value as string)).toThrow(TypeError);
    },
  );
});

describe('properties against Buffer (fast-check, 1000 runs each)', () => {
  const bytes = fc.uint8Array({ maxLength: 200 });
  it('bytesToBase64 matches Buffer base64 and round-trips', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const text = bytesToBase64(data);
        expect(text).toBe(Buffer.from(data).toString('base64'));
        expect(base64ToBytes(text)).toEqual(data);
      }),
      { numRuns: 1000 },
    );
  });
  it('bytesToBase64Url matches Buffer base64url and round-trips', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const text = bytesToBase64Url(data);
        expect(text).toBe(Buffer.from(data).toString('base64url'));
        expect(base64UrlToBytes(text)).toEqual(data);
      }),
      { numRuns: 1000 },
    );
  });
  it('every string either decodes to bytes that re-encode to it, or is rejected with RangeError', () => {
    const chars = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= '.split(''),
    );
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 16 }), (text) => {
        for (const [decode, encode] of [
          [base64ToBytes, bytesToBase64],
          [base64UrlToBytes, bytesToBase64Url],
        ] as const) {
          let decoded: Uint8Array | undefined;
          try {
            decoded = decode(text);
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
          }
          if (decoded !== undefined) expect(encode(decoded)).toBe(text);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
