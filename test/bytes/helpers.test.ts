/**
 * The shared byte helpers (src/bytes/): hex, concatenation, constant-time-style equality,
 * UTF-8, big-endian words, fixed-width integers. Oracles: node's Buffer and DataView.
 */
import fc from 'fast-check';
import {
  assertBigInt,
  bigIntToBytes,
  bytesToBigInt,
  bytesToHex,
  bytesToUtf8,
  concatBytes,
  equalBytes,
  hexToBytes,
  readUint32BE,
  utf8ToBytes,
  writeUint32BE,
  writeUint64BE,
} from '../../src/bytes';
import { sha256Reference } from '../../src/hash/sha256-reference';

describe('hex', () => {
  it('round-trips and matches Buffer (1000 runs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const hex = bytesToHex(bytes);
        return (
          hex === Buffer.from(bytes).toString('hex') &&
          equalBytes(hexToBytes(hex), bytes) &&
          equalBytes(hexToBytes(hex.toUpperCase()), bytes)
        );
      }),
      { numRuns: 1000 },
    );
  });
  it.each([
    ['odd length', 'abc', RangeError],
    ['a non-hex digit', 'zz', RangeError],
    ['a 0x prefix', '0x00', RangeError],
    ['a number', 12, TypeError],
  ])('rejects %s', (_label, input, type) => expect(() => hexToBytes(input as never)).toThrow(type));
});

describe('concatBytes and equalBytes', () => {
  it('concatenate like Buffer.concat and compare like Buffer.equals (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 40 }),
        (parts, other) => {
          const joined = concatBytes(...parts);
          return (
            Buffer.from(joined).equals(Buffer.concat(parts)) &&
            equalBytes(joined, other) === Buffer.from(joined).equals(other)
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('equalBytes reads every byte of equal-length inputs, wherever the first difference is', () => {
    // The constant-time-style property as an operation count (mutation survivor: an early-exit
    // comparison). Timing itself is never asserted: JavaScript promises nothing about it, and
    // what this checks is the part the code controls, that the work does not depend on where
    // the inputs differ. Each input is a Proxy over a Uint8Array that counts index reads.
    const counted = (bytes: Uint8Array) => {
      const reads = { count: 0 };
      const proxy = new Proxy(bytes, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return { proxy, reads };
    };
    const length = 32;
    for (const at of [0, 1, 15, 31, -1]) {
      const a = new Uint8Array(length).fill(7);
      const b = a.slice();
      if (at >= 0) b[at] ^= 0x80;
      const ca = counted(a);
      const cb = counted(b);
      expect(equalBytes(ca.proxy, cb.proxy)).toBe(at < 0);
      expect([ca.reads.count, cb.reads.count]).toEqual([length, length]);
    }
    // Lengths are public: different lengths return at once, reading nothing.
    const short = counted(new Uint8Array(31));
    const long = counted(new Uint8Array(32));
    expect(equalBytes(short.proxy, long.proxy)).toBe(false);
    expect(short.reads.count + long.reads.count).toBe(0);
  });
  it('reject non-Uint8Array arguments', () => {
    expect(() => concatBytes(new Uint8Array(1), [1] as never)).toThrow(
      /arrays\[1\] must be a Uint8Array/,
    );
    expect(() => equalBytes('a' as never, new Uint8Array(1))).toThrow(TypeError);
  });
});

describe('UTF-8 (RFC 3629)', () => {
  it('encodes like Buffer for well-formed strings (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (text) =>
          Buffer.from(utf8ToBytes(text)).equals(Buffer.from(text, 'utf8')) &&
          bytesToUtf8(utf8ToBytes(text)) === text,
      ),
      { numRuns: 1000 },
    );
  });
  it('refuses lone surrogates instead of replacing them with U+FFFD', () => {
    expect(() => utf8ToBytes('a\uD800b')).toThrow(TypeError);
    expect(() => utf8ToBytes('\uDC00')).toThrow(TypeError);
    expect(utf8ToBytes('\uD83D\uDE00')).toEqual(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80));
  });
  it('refuses malformed UTF-8 instead of replacing it', () => {
    expect(() => bytesToUtf8(Uint8Array.of(0xc3))).toThrow(TypeError);
  });
});

describe('big-endian words', () => {
  it('match DataView (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.nat(8),
        (word, big, offset) => {
          const a = new Uint8Array(16);
          const view = new DataView(a.buffer);
          writeUint32BE(a, offset, word);
          if (view.getUint32(offset) !== word || readUint32BE(a, offset) !== word) return false;
          writeUint64BE(a, offset, big);
          return view.getBigUint64(offset) === big;
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('refuse strings, out-of-range values and writes past the end', () => {
    const b = new Uint8Array(8);
    expect(() => writeUint64BE(b, 0, '258' as never)).toThrow(TypeError);
    expect(() => writeUint64BE(b, 0, 1n << 64n)).toThrow(RangeError);
    expect(() => writeUint64BE(b, 0, -1)).toThrow(RangeError);
    expect(() => writeUint32BE(b, 6, 1)).toThrow(RangeError);
    expect(() => writeUint32BE(b, 0, 2 ** 32)).toThrow(RangeError);
    expect(() => writeUint32BE(b, 0, 1.5)).toThrow(TypeError);
    expect(() => readUint32BE('abcd' as never, 0)).toThrow(TypeError);
    expect(() => readUint32BE(b, 5)).toThrow(RangeError);
  });
});

describe('fixed-width integers (SEC 1 §2.3.7, §2.3.8)', () => {
  it('round-trip (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        (v) => bytesToBigInt(bigIntToBytes(v, 32)) === v && bigIntToBytes(v, 32).length === 32,
      ),
      { numRuns: 1000 },
    );
  });
  it('refuse values that do not fit, negatives and non-bigints', () => {
    expect(() => bigIntToBytes(256n, 1)).toThrow(RangeError);
    expect(() => bigIntToBytes(-1n, 4)).toThrow(RangeError);
    expect(() => bigIntToBytes(5 as never, 4)).toThrow(TypeError);
    expect(() => assertBigInt(5, 'd')).toThrow(/d must be a bigint/);
    expect(() => assertBigInt(5n, 'd', 6n)).toThrow(RangeError);
  });
});

describe('sha256Reference input checks', () => {
  it('refuses strings and arrays instead of hashing something else', () => {
    expect(() => sha256Reference('abc' as never)).toThrow(TypeError);
    expect(() => sha256Reference([1, 2, 3] as never)).toThrow(TypeError);
    expect(() => sha256Reference(undefined as never)).toThrow(/M must be a Uint8Array/);
  });
});
