/**
 * The DER types X.509 adds (src/x509/asn1.ts): X.690 §11.1 BOOLEAN, §8.6/§11.2 BIT STRING,
 * §11.6 SET OF order, §11.7–11.8 and RFC 5280 §4.1.2.5 times, X.680 §41 string types.
 * Negative tables grouped by reason; fast-check round trips (1000 runs) for times and SETs.
 */
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
import { DerReader } from '../../src/keys/der.js';
import {
  colonHex,
  compareSetElements,
  contextTag,
  derBoolean,
  derContext,
  derNamedBits,
  derOid,
  derSetOf,
  readBitString,
  readBoolean,
  readBoundedInteger,
  readConstructed,
  readOid,
  readSetOf,
  readSmallInteger,
  setOfContents,
  Tag,
} from '../../src/x509/asn1.js';
import { decodeString, derString } from '../../src/x509/strings.js';
import { derTime, MAX_TIME, MIN_TIME, readTime } from '../../src/x509/time.js';
import { expectCryptoError } from '../support/errors';

const reader = (hex: string) => new DerReader(hexToBytes(hex));
const ascii = (text: string) => bytesToHex(new TextEncoder().encode(text));
const utc = (text: string) => `17${text.length.toString(16).padStart(2, '0')}${ascii(text)}`;
const gen = (text: string) => `18${text.length.toString(16).padStart(2, '0')}${ascii(text)}`;
const invalid = (fn: () => unknown, message?: RegExp) =>
  expectCryptoError(fn, 'INVALID_ENCODING', message);

describe('times (RFC 5280 §4.1.2.5)', () => {
  it.each([
    [utc('500101000000Z'), '1950-01-01T00:00:00.000Z'], // YY ≥ 50 → 19YY
    [utc('491231235959Z'), '2049-12-31T23:59:59.000Z'], // YY < 50 → 20YY
    [utc('000229120000Z'), '2000-02-29T12:00:00.000Z'], // 2000 is a leap year
    [gen('20500101000000Z'), '2050-01-01T00:00:00.000Z'],
    [gen('99991231235959Z'), '9999-12-31T23:59:59.000Z'],
    [gen('00000101000000Z'), '0000-01-01T00:00:00.000Z'],
    [gen('19700101000000Z'), '1970-01-01T00:00:00.000Z'],
  ])('%s → %s', (hex, iso) => {
    expect(new Date(readTime(reader(hex), 't')).toISOString()).toBe(iso.replace(/^0000/, '0000'));
  });

  describe('refused', () => {
    it.each([
      ['no seconds', utc('3001010000Z')],
      ['no Z', utc('300101000000')],
      ['a time zone offset', utc('300101000000+0100')],
      ['fractional seconds', gen('20300101000000.5Z')],
      ['a non-digit', utc('30010100000aZ')],
      ['month 13', utc('301301000000Z')],
      ['month 0', utc('300001000000Z')],
      ['day 0', utc('300100000000Z')],
      ['February 29 in 2100', gen('21000229000000Z')],
      ['February 30', utc('300230000000Z')],
      ['April 31', utc('300431000000Z')],
      ['hour 24', utc('300101240000Z')],
      ['minute 60', utc('300101006000Z')],
      ['second 60 (leap seconds are not written in certificates)', utc('300101000060Z')],
      ['another tag', `04${utc('300101000000Z').slice(2)}`],
    ])('%s', (_reason, hex) => {
      invalid(() => readTime(reader(hex), 't'));
    });
  });

  it('derTime picks UTCTime for 1950–2049 and GeneralizedTime otherwise', () => {
    expect(bytesToHex(derTime(Date.UTC(2049, 11, 31, 23, 59, 59)))).toBe(utc('491231235959Z'));
    expect(bytesToHex(derTime(Date.UTC(2050, 0, 1)))).toBe(gen('20500101000000Z'));
    expect(bytesToHex(derTime(Date.UTC(1949, 11, 31, 23, 59, 59)))).toBe(gen('19491231235959Z'));
    expect(() => derTime(Date.UTC(2030, 0, 1) + 1)).toThrow(RangeError); // not a whole second
    expect(() => derTime(MAX_TIME + 1000)).toThrow(RangeError);
  });

  it('derTime then readTime is the identity on whole seconds of years 0000–9999 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TIME / 1000, max: MAX_TIME / 1000 }), (seconds) => {
        expect(readTime(new DerReader(derTime(seconds * 1000)), 't')).toBe(seconds * 1000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('BOOLEAN (X.690 §11.1)', () => {
  it('reads 00 and ff, refuses other octets and lengths', () => {
    expect(readBoolean(reader('0101ff'), 'b')).toBe(true);
    expect(readBoolean(reader('010100'), 'b')).toBe(false);
    expect(bytesToHex(derBoolean(true))).toBe('0101ff');
    for (const hex of ['010101', '01017f', '0100', '0102ff00'])
      invalid(() => readBoolean(reader(hex), 'b'));
  });
});

describe('BIT STRING (X.690 §8.6, §11.2)', () => {
  it('reads unused bits, and named bit lists with trailing zero bits', () => {
    expect(readBitString(reader('03020284'), 'ku')).toEqual({
      bytes: Uint8Array.of(0x84),
      unusedBits: 2,
    });
    expect(readBitString(reader('03020080'), 'ku')).toEqual({
      bytes: Uint8Array.of(0x80),
      unusedBits: 0,
    });
    expect(readBitString(reader('030100'), 'ku')).toEqual({
      bytes: new Uint8Array(0),
      unusedBits: 0,
    });
  });
  it.each([
    ['no unused-bits octet', '0300'],
    ['8 unused bits', '03020880'],
    ['unused bits in an empty string', '030101'],
    ['non-zero unused bits (§11.2.1)', '03020285'],
  ])('refuses %s', (_reason, hex) => {
    invalid(() => readBitString(reader(hex), 'b'));
  });
  it('derNamedBits drops trailing zero bits (§11.2.2)', () => {
    expect(bytesToHex(derNamedBits([0]))).toBe('03020780'); // digitalSignature
    expect(bytesToHex(derNamedBits([0, 5]))).toBe('03020284'); // + keyCertSign
    expect(bytesToHex(derNamedBits([5, 6, 0]))).toBe('03020186'); // + cRLSign
    expect(bytesToHex(derNamedBits([8]))).toBe('0303070080'); // decipherOnly
  });
});

describe('SET OF (X.690 §11.6)', () => {
  it('derSetOf sorts its elements; readSetOf refuses an unsorted set', () => {
    const a = hexToBytes('0c0162');
    const b = hexToBytes('0c0161');
    const set = derSetOf(a, b);
    expect(bytesToHex(set)).toBe('31060c01610c0162');
    expect(readSetOf(new DerReader(set), 's').map((e) => bytesToHex(e.encoding))).toEqual([
      '0c0161',
      '0c0162',
    ]);
    invalid(() => readSetOf(reader('31060c01620c0161'), 's'), /not in DER order/);
  });
  it('compares as octet strings padded with zeros (a prefix sorts first)', () => {
    expect(compareSetElements(hexToBytes('0401'), hexToBytes('040100'))).toBe(0);
    expect(compareSetElements(hexToBytes('0401'), hexToBytes('040101'))).toBeLessThan(0);
  });
  it('a sorted set reads back in order (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 8 }), (values) => {
        const elements = values.map((v) => new Uint8Array([0x04, v.length, ...v]));
        const read = readSetOf(new DerReader(derSetOf(...elements)), 's').map((e) => e.encoding);
        for (let i = 1; i < read.length; i++)
          expect(compareSetElements(read[i - 1], read[i])).toBeLessThanOrEqual(0);
        expect(read.length).toBe(elements.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('string types (X.680 §41)', () => {
  const decode = (tag: number, hex: string) => decodeString(tag, hexToBytes(hex), 's', 0);
  it('decodes each type', () => {
    expect(decode(Tag.UTF8_STRING, 'efbbbf636166c3a9')).toBe('\ufeffcafé'); // a BOM is kept
    expect(decode(Tag.PRINTABLE_STRING, ascii("A-z 0'()+,./:=?"))).toBe("A-z 0'()+,./:=?");
    expect(decode(Tag.IA5_STRING, ascii('a@b.c'))).toBe('a@b.c');
    expect(decode(Tag.TELETEX_STRING, 'e9')).toBe('é'); // read as ISO 8859-1
    expect(decode(Tag.BMP_STRING, '00630061006600e9')).toBe('café');
    expect(decode(Tag.UNIVERSAL_STRING, '0001f600')).toBe('😀');
    expect(decode(Tag.NUMERIC_STRING, ascii('12 34'))).toBe('12 34');
    expect(decode(Tag.VISIBLE_STRING, ascii('~x'))).toBe('~x');
    expect(decode(Tag.SEQUENCE, '')).toBeUndefined();
  });
  it.each([
    ['UTF8String with a stray continuation octet', Tag.UTF8_STRING, '80'],
    ['UTF8String with an overlong form', Tag.UTF8_STRING, 'c0af'],
    ['UTF8String with a surrogate', Tag.UTF8_STRING, 'eda080'],
    ['PrintableString with "@"', Tag.PRINTABLE_STRING, ascii('a@b')],
    ['PrintableString with "*"', Tag.PRINTABLE_STRING, ascii('*.example')],
    ['IA5String with an octet above 0x7f', Tag.IA5_STRING, 'e9'],
    ['NumericString with a letter', Tag.NUMERIC_STRING, ascii('1a')],
    ['VisibleString with a control character', Tag.VISIBLE_STRING, '0a'],
    ['BMPString of odd length', Tag.BMP_STRING, '006300'],
    ['BMPString with a lone surrogate', Tag.BMP_STRING, 'd800'],
    ['UniversalString not a multiple of 4', Tag.UNIVERSAL_STRING, '000000'],
    ['UniversalString above U+10FFFF', Tag.UNIVERSAL_STRING, '00110000'],
  ])('refuses %s', (_reason, tag, hex) => {
    invalid(() => decode(tag, hex));
  });
  it('derString checks what a type can hold', () => {
    expect(bytesToHex(derString(Tag.PRINTABLE_STRING, 'US'))).toBe('13025553');
    expect(() => derString(Tag.PRINTABLE_STRING, 'a@b')).toThrow(RangeError);
    expect(() => derString(Tag.IA5_STRING, 'é')).toThrow(RangeError);
    expect(() => derString(Tag.UTF8_STRING, '\ud800')).toThrow(RangeError);
  });
});

describe('lengths capped before decoding', () => {
  it('OBJECT IDENTIFIER: at most 128 octets, each subidentifier at most 20', () => {
    expect(readOid(reader(`068180${'01'.repeat(128)}`), 'oid')).toMatch(/^0\.1(\.1){127}$/);
    invalid(() => readOid(reader(`068181${'01'.repeat(129)}`), 'oid'), /longer than 128 octets/);
    // 2.25.<UUID> (ITU-T X.667): a 128-bit arc in 19 octets is the longest in use.
    expect(readOid(reader(`0614${'ff'.repeat(19)}7f`), 'oid')).toMatch(/^2\.\d{40,}$/);
    invalid(() => readOid(reader(`0615${'ff'.repeat(20)}7f`), 'oid'), /longer than 20 octets/);
  });
  it('INTEGER: at most 64 octets', () => {
    expect(readBoundedInteger(reader(`0240${'11'.repeat(64)}`), 'n').bytes.length).toBe(64);
    invalid(
      () => readBoundedInteger(reader(`0241${'11'.repeat(65)}`), 'n'),
      /longer than 64 octets/,
    );
  });
});

// Mutation testing (stryker.module.config.mjs, group x509-asn1): every refusal's exact message
// with the offset it names, the limits at their exact values, the implicit tags, and the
// writers' edge cases. Vectors: hand-built from X.690 §8.3, §8.6.2, §8.19, §11.1, §11.2 and
// §11.6, one rule broken per row; an element read inside a SEQUENCE that follows a NULL names
// the outer input's offset (readerOver's base), not the inner reader's.
describe('exact refusals, limits and writers', () => {
  const message = (fn: () => unknown) => invalid(fn).message;
  /** A reader over the contents of the SEQUENCE that follows a NULL (05 00 30 ll …). */
  const inSequence = (contentsHex: string) => {
    const length = contentsHex.length / 2;
    const lengthHex = (length < 0x80 ? '' : '81') + length.toString(16).padStart(2, '0');
    const outer = reader(`050030${lengthHex}${contentsHex}`);
    outer.readNull();
    return readConstructed(outer, Tag.SEQUENCE, 'seq');
  };

  it('readTagged names the tag expected, the offset and the tag found, or the end of the input', () => {
    expect(message(() => readBoolean(reader('020100'), 'b'))).toBe(
      'x509: b: expected tag 0x01 at offset 0, found 0x02',
    );
    expect(message(() => readBoundedInteger(inSequence('0c00'), 'n'))).toBe(
      'x509: n: expected tag 0x02 at offset 4, found 0x0c',
    );
    expect(message(() => readBoundedInteger(reader(''), 'n'))).toBe(
      'x509: n: expected tag 0x02, found the end of the input',
    );
    expect(message(() => readConstructed(reader('0500'), Tag.SEQUENCE, 'seq'))).toBe(
      'x509: seq: expected tag 0x30 at offset 0, found 0x05',
    );
  });

  it('readerOver keeps the outer offsets, for short and long lengths', () => {
    expect(message(() => readBoolean(inSequence('010101'), 'b'))).toBe(
      'x509: b: BOOLEAN at offset 4 is not 00 or ff (X.690 §11.1)',
    );
    // 30 81 80: a two-octet length, so the contents start 3 octets after the SEQUENCE's tag.
    const long = reader(`05003081800101ff${'0500'.repeat(62)}0101ff`);
    long.readNull();
    const inner = readConstructed(long, Tag.SEQUENCE, 'seq');
    expect(readBoolean(inner, 'b')).toBe(true);
    expect(message(() => readBoundedInteger(inner, 'n'))).toBe(
      'x509: n: expected tag 0x02 at offset 8, found 0x05',
    );
  });

  it('BOOLEAN: each refusal has the same message; 00 is false', () => {
    for (const hex of ['010101', '01017f', '0100', '0102ff00', '010200ff'])
      expect(message(() => readBoolean(reader(hex), 'b'))).toBe(
        'x509: b: BOOLEAN at offset 0 is not 00 or ff (X.690 §11.1)',
      );
    expect(bytesToHex(derBoolean(false))).toBe('010100');
  });

  it('INTEGER: the value, a fresh copy of its octets, and the length cap in the message', () => {
    const input = hexToBytes('0202ff01');
    const read = readBoundedInteger(new DerReader(input), 'n');
    expect(read.value).toBe(-255n);
    input[3] = 0x02;
    expect(bytesToHex(read.bytes)).toBe('ff01');
    expect(message(() => readBoundedInteger(inSequence(`0241${'11'.repeat(65)}`), 'n'))).toBe(
      'x509: n: INTEGER at offset 4 is longer than 64 octets',
    );
  });

  it('readSmallInteger: 0 to 2^31 − 1', () => {
    expect(readSmallInteger(reader('020100'), 'c')).toBe(0);
    expect(readSmallInteger(reader('02047fffffff'), 'c')).toBe(0x7fffffff);
    expect(message(() => readSmallInteger(reader('02050080000000'), 'c'))).toBe(
      'x509: c: 2147483648 is out of range',
    );
    expect(message(() => readSmallInteger(reader('0201ff'), 'c'))).toBe(
      'x509: c: -1 is out of range',
    );
  });

  it('OBJECT IDENTIFIER: an implicit tag is read as one; the cap names the offset', () => {
    expect(readOid(reader('88032a0304'), 'id', contextTag(8, false))).toBe('1.2.3.4');
    expect(readOid(reader('06032a0304'), 'id')).toBe('1.2.3.4');
    expect(message(() => readOid(inSequence(`068181${'01'.repeat(129)}`), 'oid'))).toBe(
      'x509: oid: OBJECT IDENTIFIER at offset 5 is longer than 128 octets',
    );
    expect(bytesToHex(derOid('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
  });

  it('BIT STRING: each refusal message, 7 unused bits, an implicit tag', () => {
    const rows: [string, string][] = [
      ['0300', 'x509: b: empty BIT STRING at offset 4 (no unused-bits octet)'],
      ['03020880', 'x509: b: BIT STRING at offset 4 claims 8 unused bits'],
      ['030101', 'x509: b: empty BIT STRING at offset 4 claims unused bits (X.690 §8.6.2.3)'],
      ['03020285', 'x509: b: BIT STRING at offset 4 has non-zero unused bits (X.690 §11.2.1)'],
      ['03020101', 'x509: b: BIT STRING at offset 4 has non-zero unused bits (X.690 §11.2.1)'],
      ['0303030004', 'x509: b: BIT STRING at offset 4 has non-zero unused bits (X.690 §11.2.1)'],
    ];
    for (const [hex, text] of rows)
      expect(message(() => readBitString(inSequence(hex), 'b'))).toBe(text);
    expect(readBitString(reader('03020780'), 'b')).toEqual({
      bytes: Uint8Array.of(0x80),
      unusedBits: 7,
    });
    expect(readBitString(reader('0303030f08'), 'b').unusedBits).toBe(3);
    expect(readBitString(reader('81020780'), 'b', contextTag(1, false)).unusedBits).toBe(7);
  });

  it('derNamedBits: no bits, a whole octet, the 16th bit', () => {
    expect(bytesToHex(derNamedBits([]))).toBe('030100');
    expect(bytesToHex(derNamedBits([7]))).toBe('03020001');
    expect(bytesToHex(derNamedBits([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('030200ff');
    expect(bytesToHex(derNamedBits([15, 1]))).toBe('0303004001');
  });

  it('context tags and derContext (X.690 §8.1.2: class 10, constructed bit 0x20)', () => {
    expect(contextTag(0, true)).toBe(0xa0);
    expect(contextTag(3, true)).toBe(0xa3);
    expect(contextTag(2, false)).toBe(0x82);
    expect(bytesToHex(derContext(0, true, hexToBytes('020102')))).toBe('a003020102');
    expect(bytesToHex(derContext(6, false, hexToBytes('61')))).toBe('860161');
  });

  it('SET OF: equal elements are in order, the refusal names the element, implicit tags', () => {
    expect(readSetOf(reader('31060c01610c0161'), 's').length).toBe(2);
    expect(readSetOf(reader('3100'), 's')).toEqual([]);
    expect(message(() => readSetOf(inSequence('31060c01620c0161'), 's'))).toBe(
      'x509: s: SET OF at offset 9 is not in DER order (X.690 §11.6)',
    );
    expect(readSetOf(reader('a0060c01610c0162'), 's', contextTag(0, true)).length).toBe(2);
    expect(compareSetElements(hexToBytes('040101'), hexToBytes('0401'))).toBeGreaterThan(0);
    expect(compareSetElements(hexToBytes('040100'), hexToBytes('0401'))).toBe(0);
    expect(compareSetElements(hexToBytes('0402'), hexToBytes('0401'))).toBe(1);
    expect(compareSetElements(hexToBytes('0401'), hexToBytes('0403'))).toBe(-2);
    const elements = [hexToBytes('0c0162'), hexToBytes('0c0161')];
    expect(bytesToHex(setOfContents(elements))).toBe('0c01610c0162');
    expect(bytesToHex(elements[0])).toBe('0c0162'); // the caller's array is not sorted in place
  });

  it('colonHex pads each octet, upper case on request', () => {
    expect(colonHex(Uint8Array.of(0x0a, 0xff, 0x00))).toBe('0a:ff:00');
    expect(colonHex(Uint8Array.of(0x0a, 0xff), true)).toBe('0A:FF');
    expect(colonHex(new Uint8Array(0))).toBe('');
  });
});

// Equivalent mutants in src/x509/asn1.ts (no test can kill them; the reasoning, not a run):
//   - readOid's `tag === Tag.OBJECT_IDENTIFIER ? element.encoding : derElement(…)` as `false`
//     (always re-encode): the DER reader has already refused a non-minimal length, so
//     derElement(0x06, contents) rebuilds exactly the element's own encoding.
//   - readBitString's `if (c.length > 1)` as `true` or `>= 1`: the only new case is one octet
//     (no bits), which passed the check before with unusedBits 0, so the mask (1 << 0) − 1 is 0
//     and nothing is refused; an empty string was refused before.
//   - derNamedBits' `octets.length === 0 ? 0 : …` as `false`: with no bits `highest` is −1, and
//     7 − (−1 & 7) is 0 as well.
//   - compareSetElements' loop `i < length` as `<=`: at i = length both sides read the padding
//     0, equal, and the loop returns 0 as before.
