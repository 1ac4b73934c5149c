/**
 * The signature encodings (src/ecdsa/signature.ts): DER ECDSA-Sig-Value (SEC 1 §C.8, RFC 3279
 * §2.2.3, X.690 DER) and IEEE P1363 r ‖ s. A negative table grouped by reason (BER lengths,
 * non-minimal and negative INTEGERs, wrong tags, truncation, trailing bytes, r or s = 0 or
 * ≥ n), each refused by the parser and, as a signature, simply invalid for PublicKey.verify;
 * round trips with fast-check against node:crypto's own DER ↔ P1363 conversion.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { CryptoError } from '../../src/errors';
import { decodeSignature, encodeSignature, parseSignature } from '../../src/ecdsa/signature';
import { PrivateKey } from '../../src/keys/private-key';
import { n } from '../../src/math/scalar';
import { expectCryptoError } from '../support/errors';

const R = 0x1234n;
const S = 0x80n; // needs a leading zero octet in DER
const der = (hex: string): Uint8Array => hexToBytes(hex.replace(/\s+/g, ''));

describe('DER encoding', () => {
  it('writes minimal positive INTEGERs (a leading 0x00 exactly when the top bit is set)', () => {
    expect(bytesToHex(encodeSignature({ r: R, s: S }))).toBe('3008020212340202' + '0080');
    expect(bytesToHex(encodeSignature({ r: 1n, s: 0x7fn }))).toBe('300602010102017f');
    expect(encodeSignature({ r: n - 1n, s: n - 1n })).toHaveLength(72);
  });
  it('reads back what it writes, in both formats (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: n - 1n }),
        fc.bigInt({ min: 1n, max: n - 1n }),
        (r, s) => {
          const fromDer = decodeSignature(encodeSignature({ r, s }));
          const p1363 = encodeSignature({ r, s }, 'p1363');
          const fromP1363 = decodeSignature(p1363, 'p1363');
          return (
            fromDer.r === r &&
            fromDer.s === s &&
            p1363.length === 64 &&
            fromP1363.r === r &&
            fromP1363.s === s
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('agrees with node:crypto on DER ↔ P1363 for real signatures (both directions)', () => {
    const key = PrivateKey.generate();
    const nodeKey = crypto.createPrivateKey({
      key: Buffer.from(key.toDer()),
      format: 'der',
      type: 'pkcs8',
    });
    const nodePublic = crypto.createPublicKey(nodeKey);
    for (let i = 0; i < 20; i++) {
      const message = utf8ToBytes(`message ${i}`);
      const derSig = new Uint8Array(
        crypto.sign('sha256', message, { key: nodeKey, dsaEncoding: 'der' }),
      );
      const { r, s } = decodeSignature(derSig);
      const p1363 = encodeSignature({ r, s }, 'p1363');
      expect(
        crypto.verify('sha256', message, { key: nodePublic, dsaEncoding: 'ieee-p1363' }, p1363),
      ).toBe(true);
      expect(encodeSignature({ r, s })).toEqual(derSig); // node's DER is ours, byte for byte
    }
  });
});

// r = 0x1234 and s = 0x0080 in DER, then every way to get it wrong.
const VALID = '3008 0202 1234 0202 0080';
const MALFORMED: [string, string][] = [
  // BER lengths: long form where the short form fits, indefinite length
  ['SEQUENCE length in long form (BER)', '308108 0202 1234 0202 0080'],
  ['INTEGER length in long form (BER)', '3009 028102 1234 0202 0080'],
  ['indefinite SEQUENCE length (BER)', '3080 0202 1234 0202 0080 0000'],
  // INTEGER contents
  ['r with a superfluous leading zero', '3009 0203 001234 0202 0080'],
  ['s missing its leading zero (negative)', '3007 0202 1234 0201 80'],
  ['negative r', '3007 0201 ff 0202 0080'],
  ['s = −1 in two octets', '3008 0202 1234 0202 ffff'],
  ['empty INTEGER', '3006 0200 0202 0080'],
  ['r = 0', '3007 0201 00 0202 0080'],
  ['s = 0', '3007 0202 1234 0201 00'],
  // tags
  ['SET instead of SEQUENCE', '3108 0202 1234 0202 0080'],
  ['OCTET STRING instead of INTEGER', '3008 0402 1234 0202 0080'],
  ['constructed INTEGER tag', '3008 2202 1234 0202 0080'],
  // lengths and structure
  ['SEQUENCE length too long', '3009 0202 1234 0202 0080'],
  ['SEQUENCE length too short', '3007 0202 1234 0202 0080'],
  ['INTEGER length past the end', '3008 0202 1234 0203 0080'],
  ['truncated', '3008 0202 1234 0202 00'],
  ['only r', '3004 0202 1234'],
  ['a third INTEGER', '300b 0202 1234 0202 0080 0201 01'],
  ['trailing byte after the SEQUENCE', '3008 0202 1234 0202 0080 00'],
  ['empty input', ''],
  ['a lone tag', '30'],
];

describe('DER parsing is strict', () => {
  it('accepts the valid encoding', () => {
    expect(parseSignature(der(VALID), 'der')).toEqual({ r: R, s: S });
  });
  it.each(MALFORMED)('refuses: %s', (_reason, hex) => {
    const bytes = der(hex);
    expect(parseSignature(bytes, 'der')).toBeUndefined();
    expect(() => decodeSignature(bytes)).toThrow(CryptoError);
  });
  it('refuses r or s ≥ n, and accepts n − 1', () => {
    const big = (v: bigint) => {
      const hex = v.toString(16).padStart(64, '0');
      return `0221 00${hex}`;
    };
    expect(parseSignature(der(`3046 ${big(n)} ${big(n - 1n)}`), 'der')).toBeUndefined();
    expect(parseSignature(der(`3046 ${big(n - 1n)} ${big(n)}`), 'der')).toBeUndefined();
    expect(parseSignature(der(`3046 ${big(n - 1n)} ${big(n - 1n)}`), 'der')).toEqual({
      r: n - 1n,
      s: n - 1n,
    });
  });
  it('a malformed signature is invalid for verify (false), never an exception', () => {
    const key = PrivateKey.generate().publicKey;
    for (const [, hex] of MALFORMED) expect(key.verify(utf8ToBytes('m'), der(hex))).toBe(false);
  });
});

describe('P1363 parsing', () => {
  it('needs exactly 64 bytes and r, s ∈ [1, n − 1]', () => {
    const r = hexToBytes(R.toString(16).padStart(64, '0'));
    const s = hexToBytes(S.toString(16).padStart(64, '0'));
    const ok = new Uint8Array([...r, ...s]);
    expect(parseSignature(ok, 'p1363')).toEqual({ r: R, s: S });
    expect(parseSignature(ok.subarray(1), 'p1363')).toBeUndefined();
    expect(parseSignature(new Uint8Array([...ok, 0]), 'p1363')).toBeUndefined();
    expect(parseSignature(new Uint8Array(64), 'p1363')).toBeUndefined(); // r = s = 0
    const nBytes = hexToBytes(n.toString(16));
    expect(parseSignature(new Uint8Array([...nBytes, ...s]), 'p1363')).toBeUndefined();
    expect(parseSignature(new Uint8Array([...r, ...nBytes]), 'p1363')).toBeUndefined();
  });
});

describe('encodeSignature and decodeSignature refuse misuse', () => {
  it('wrong types, unknown formats, values out of range', () => {
    expect(() => encodeSignature({ r: 0n, s: 1n })).toThrow(RangeError);
    expect(() => encodeSignature({ r: 1n, s: n })).toThrow(RangeError);
    expect(() => encodeSignature({ r: 1, s: 1n } as never)).toThrow(TypeError);
    expect(() => encodeSignature(null as never)).toThrow(TypeError);
    expect(() => encodeSignature({ r: 1n, s: 1n }, 'raw' as never)).toThrow(
      /format must be 'der' or 'p1363'/,
    );
    expect(() => decodeSignature('3006' as never)).toThrow(TypeError);
    expect(() => decodeSignature(new Uint8Array(64), 'DER' as never)).toThrow(TypeError);
  });
});

// Mutation testing (group ecdsa-signature): the smallest and largest values in both formats,
// and what each error says. Vectors: hand-built from SEC 1 §C.8 and X.690 §8.3 (DER INTEGER).
describe('range boundaries and messages', () => {
  it('r = s = 1 is in range, in DER and in P1363', () => {
    expect(parseSignature(der('3006 020101 020101'), 'der')).toEqual({ r: 1n, s: 1n });
    expect(bytesToHex(encodeSignature({ r: 1n, s: 1n }))).toBe('3006020101020101');
    const p1363 = encodeSignature({ r: 1n, s: 1n }, 'p1363');
    expect(bytesToHex(p1363)).toBe(`${'00'.repeat(31)}01${'00'.repeat(31)}01`);
    expect(parseSignature(p1363, 'p1363')).toEqual({ r: 1n, s: 1n });
    expect(Object.isFrozen(parseSignature(p1363, 'p1363'))).toBe(true);
    expect(Object.isFrozen(decodeSignature(der('3006 020101 020101')))).toBe(true);
  });
  it('r or s = 0 is refused in P1363 one at a time', () => {
    const one = '00'.repeat(31) + '01';
    const zero = '00'.repeat(32);
    expect(parseSignature(hexToBytes(zero + one), 'p1363')).toBeUndefined();
    expect(parseSignature(hexToBytes(one + zero), 'p1363')).toBeUndefined();
  });
  it('each misuse names the argument and the problem', () => {
    expect(() => encodeSignature({ r: 1n, s: 1n }, 5 as never)).toThrow(
      /^format must be 'der' or 'p1363', got number$/,
    );
    expect(() => encodeSignature({ r: 1n, s: 1n }, 'raw' as never)).toThrow(
      /^format must be 'der' or 'p1363', got 'raw'$/,
    );
    expect(() => encodeSignature('rs' as never)).toThrow(
      /^signature must be an object \{ r, s \}, got string$/,
    );
    expect(() => encodeSignature(null as never)).toThrow(
      /^signature must be an object \{ r, s \}, got null$/,
    );
    expect(() => encodeSignature({ r: 1, s: 1n } as never)).toThrow(
      /^signature\.r must be a bigint, got number$/,
    );
    expect(() => encodeSignature({ r: 1n, s: 'x' } as never)).toThrow(
      /^signature\.s must be a bigint, got string$/,
    );
    expect(() => encodeSignature({ r: n, s: 1n })).toThrow(/^signature\.r must be in \[1, n-1\]$/);
    expect(() => encodeSignature({ r: 1n, s: 0n })).toThrow(/^signature\.s must be in \[1, n-1\]$/);
    expect(() => decodeSignature(new Uint8Array(3))).toThrow(
      /^ecdsa: malformed DER signature, or r or s outside \[1, n-1\]$/,
    );
    expect(() => decodeSignature(new Uint8Array(3), 'p1363')).toThrow(
      /^ecdsa: malformed P1363 signature, or r or s outside \[1, n-1\]$/,
    );
    expectCryptoError(() => decodeSignature(new Uint8Array(3)), 'INVALID_ENCODING');
    expectCryptoError(() => decodeSignature(new Uint8Array(64), 'p1363'), 'INVALID_ENCODING');
    expect(() => decodeSignature('3006' as never)).toThrow(/^signature must be a Uint8Array/);
    expect(() => decodeSignature(new Uint8Array(8), 7 as never)).toThrow(
      /^format must be 'der' or 'p1363', got number$/,
    );
  });
});

// Mutants of src/ecdsa/signature.ts no test can kill (group ecdsa-signature; the reasoning, not a
// run). The DER parser checks each field where it reads it, and several checks are also implied
// by later ones: the SEQUENCE length must equal the input's remaining length, the second INTEGER
// must end exactly at the end, and r and s must lie in [1, n − 1] (so each INTEGER has at most 33
// content octets and the whole signature at most 72). Dropping or weakening one of these early
// checks changes where a malformed input is refused, never whether:
//   - readInteger's `at + 2 > der.length` (as `false`, `>=`, `at - 2`): with only the tag left,
//     the length octet reads undefined and the end becomes NaN, which no later offset equals;
//     with the tag and a length octet but no contents, that length must be 0 (else it runs past
//     the end), and an empty INTEGER is refused (below).
//   - `length === 0 || length >= 0x80` (as `false`, `&&`, either side `false`, `> 0x80`): an empty
//     INTEGER reads as 0, which is out of range; a length of 0x80 or more runs past the end of an
//     input whose SEQUENCE length is below 0x80.
//   - `if (end > der.length)` as `if (false)`: subarray stops at the end, but `next` lies past it,
//     so the second INTEGER cannot be read there, or the exact-end check refuses.
//   - the non-minimal check's `length > 1` as `true` or `length >= 1`: for a one-octet INTEGER
//     the check can only refuse the value 0, which is out of range anyway.
//   - parseSignature's `bytes.length < 2` (as `false`, `<= 2`): an empty input fails the tag
//     test, '30' fails the length test (undefined ≠ −1), '30 00' has no INTEGER to read.
//   - `bytes[1] >= 0x80` (as `false`, `> 0x80`): a SEQUENCE of 0x80 or more content octets holds
//     two INTEGERs of which one has more than 33 content octets, so it is ≥ n (or non-minimal).
