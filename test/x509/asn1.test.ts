/**
 * The DER types X.509 adds (src/x509/asn1.ts): X.690 §11.1 BOOLEAN, §8.6/§11.2 BIT STRING,
 * §11.6 SET OF order, §11.7–11.8 and RFC 5280 §4.1.2.5 times, X.680 §41 string types.
 * Negative tables grouped by reason; fast-check round trips (1000 runs) for times and SETs.
 */
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
import { DerReader } from '../../src/keys/der.js';
import {
  compareSetElements,
  derBoolean,
  derNamedBits,
  derSetOf,
  readBitString,
  readBoolean,
  readBoundedInteger,
  readOid,
  readSetOf,
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
