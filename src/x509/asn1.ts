/**
 * The DER types X.509 needs beyond src/keys/der.ts (X.690 §8, §10, §11; X.680 §41 for the
 * string types): BOOLEAN, BIT STRINGs with unused bits (named bit lists), the two time
 * types, the directory string types, SET OF, context-specific tags, and OIDs and INTEGERs
 * with length caps. Readers take a `DerReader` positioned at the element and consume
 * exactly one element; writers return the encoding.
 *
 * DER leaves one encoding per value, and the readers refuse every other one:
 *   - BOOLEAN: one octet, 0x00 or 0xff (§11.1);
 *   - BIT STRING: unused bits 0–7, 0 when empty, and the unused bits themselves zero
 *     (§11.2.1) — but trailing zero bits in a named bit list (§11.2.2) are tolerated;
 *   - UTCTime YYMMDDHHMMSSZ and GeneralizedTime YYYYMMDDHHMMSSZ: seconds present, "Z",
 *     no fraction (§11.7, §11.8, RFC 5280 §4.1.2.5.1–2); the calendar date must exist;
 *   - SET OF: elements in ascending order of their encodings (§11.6);
 *   - strings: each type's character set (PrintableString, IA5String, …), well-formed
 *     UTF-8 / UTF-16 / UTF-32 for UTF8String, BMPString and UniversalString.
 * Every refusal is CryptoError('INVALID_ENCODING', 'x509: …') naming the offset.
 *
 * Every reader is linear in its input: INTEGERs and OBJECT IDENTIFIERs are refused above
 * a small length (`MAX_INTEGER_OCTETS`, `MAX_OID_OCTETS`) before any BigInt arithmetic.
 */
import { concatBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import {
  type DerElement,
  DerReader,
  DerTag,
  derElement,
  derObjectIdentifier,
  oidFromString,
  oidToString,
} from '../keys/der.js';

/** Universal and context-specific tags used by X.509 beyond `DerTag`. */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: DerTag.INTEGER,
  BIT_STRING: DerTag.BIT_STRING,
  OCTET_STRING: DerTag.OCTET_STRING,
  OBJECT_IDENTIFIER: DerTag.OBJECT_IDENTIFIER,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: DerTag.SEQUENCE,
  SET: 0x31,
} as const;

/** The longest OBJECT IDENTIFIER accepted (content octets); real ones are under 40. */
export const MAX_OID_OCTETS = 128;
/** The longest INTEGER accepted where a number is decoded (serial numbers: RFC 5280 allows 20). */
export const MAX_INTEGER_OCTETS = 64;

export function fail(message: string): never {
  throw new CryptoError('INVALID_ENCODING', `x509: ${message}`);
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** A context-specific tag octet: class bits 10, constructed bit, number 0–30. */
export function contextTag(tagNumber: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | tagNumber;
}

/** A reader over an element's contents, with offsets relative to the outermost input. */
export function readerOver(element: DerElement): DerReader {
  return new DerReader(
    element.contents,
    element.offset + element.encoding.length - element.contents.length,
  );
}

/** Reads one element that must carry `tag`. */
export function readTagged(reader: DerReader, tag: number, what: string): DerElement {
  const found = reader.peekTag();
  if (found !== tag) {
    const element = found === undefined ? undefined : reader.readAny();
    fail(
      `${what}: expected tag 0x${hex2(tag)}${element ? ` at offset ${element.offset}, found 0x${hex2(found!)}` : ', found the end of the input'}`,
    );
  }
  return reader.readAny();
}

/** Reads a constructed element with `tag` and returns a reader over its contents. */
export function readConstructed(reader: DerReader, tag: number, what: string): DerReader {
  return readerOver(readTagged(reader, tag, what));
}

/** Reads a BOOLEAN (X.690 §11.1: 0x00 or 0xff). */
export function readBoolean(reader: DerReader, what: string): boolean {
  const element = readTagged(reader, Tag.BOOLEAN, what);
  const c = element.contents;
  if (c.length !== 1 || (c[0] !== 0x00 && c[0] !== 0xff))
    fail(`${what}: BOOLEAN at offset ${element.offset} is not 00 or ff (X.690 §11.1)`);
  return c[0] === 0xff;
}

/**
 * Reads an INTEGER of at most `MAX_INTEGER_OCTETS` octets (minimal form, X.690 §8.3.2).
 * @returns the value and its content octets (a copy)
 */
export function readBoundedInteger(
  reader: DerReader,
  what: string,
): { value: bigint; bytes: Uint8Array } {
  const element = readTagged(reader, Tag.INTEGER, what);
  if (element.contents.length > MAX_INTEGER_OCTETS)
    fail(
      `${what}: INTEGER at offset ${element.offset} is longer than ${MAX_INTEGER_OCTETS} octets`,
    );
  const value = new DerReader(element.encoding, element.offset).readInteger();
  return { value, bytes: element.contents.slice() };
}

/** Reads a small non-negative INTEGER (a count such as pathLenConstraint), at most 2^31 − 1. */
export function readSmallInteger(reader: DerReader, what: string): number {
  const { value } = readBoundedInteger(reader, what);
  if (value < 0n || value > 0x7fffffffn) fail(`${what}: ${value} is out of range`);
  return Number(value);
}

/**
 * Reads an OBJECT IDENTIFIER of at most `MAX_OID_OCTETS` octets, in dotted form.
 * @param tag - OBJECT_IDENTIFIER, or an implicit tag standing for one (registeredID [8])
 */
export function readOid(
  reader: DerReader,
  what: string,
  tag: number = Tag.OBJECT_IDENTIFIER,
): string {
  const element = readTagged(reader, tag, what);
  if (element.contents.length > MAX_OID_OCTETS)
    fail(
      `${what}: OBJECT IDENTIFIER at offset ${element.offset} is longer than ${MAX_OID_OCTETS} octets`,
    );
  // The DER reader checks the subidentifiers; an implicit tag is re-read as a universal one.
  const universal =
    tag === Tag.OBJECT_IDENTIFIER
      ? element.encoding
      : derElement(Tag.OBJECT_IDENTIFIER, element.contents);
  return oidToString(new DerReader(universal, element.offset).readObjectIdentifier());
}

/** A BIT STRING's octets and its count of unused bits in the last octet. */
export interface BitString {
  bytes: Uint8Array;
  unusedBits: number;
}

/**
 * Reads a BIT STRING with any number of unused bits (X.690 §8.6.2, §11.2.1). A named bit
 * list (KeyUsage) with trailing zero bits, which §11.2.2 forbids, is accepted: CAs have
 * issued such certificates, and OpenSSL, Go and pyca/cryptography read them.
 * @param tag - BIT_STRING, or an implicit context-specific tag
 */
export function readBitString(
  reader: DerReader,
  what: string,
  tag: number = Tag.BIT_STRING,
): BitString {
  const element = readTagged(reader, tag, what);
  const c = element.contents;
  const at = element.offset;
  if (c.length === 0) fail(`${what}: empty BIT STRING at offset ${at} (no unused-bits octet)`);
  const unusedBits = c[0];
  if (unusedBits > 7) fail(`${what}: BIT STRING at offset ${at} claims ${unusedBits} unused bits`);
  if (c.length === 1 && unusedBits !== 0)
    fail(`${what}: empty BIT STRING at offset ${at} claims unused bits (X.690 §8.6.2.3)`);
  if (c.length > 1) {
    const last = c[c.length - 1];
    if ((last & ((1 << unusedBits) - 1)) !== 0)
      fail(`${what}: BIT STRING at offset ${at} has non-zero unused bits (X.690 §11.2.1)`);
  }
  return { bytes: c.slice(1), unusedBits };
}

/**
 * Encodes a named bit list (X.690 §11.2.2): bit i of the list is bit 7 − (i mod 8) of
 * octet ⌊i/8⌋; trailing zero bits are dropped.
 * @example derNamedBits([0, 5]) // 03 02 02 84 (digitalSignature, keyCertSign)
 */
export function derNamedBits(bits: readonly number[]): Uint8Array {
  const highest = bits.length === 0 ? -1 : Math.max(...bits);
  const octets = new Uint8Array(Math.ceil((highest + 1) / 8));
  for (const bit of bits) octets[bit >> 3] |= 0x80 >> (bit & 7);
  const unused = octets.length === 0 ? 0 : 7 - (highest & 7);
  return derElement(Tag.BIT_STRING, concatBytes(Uint8Array.of(unused), octets));
}

/** Encodes a BOOLEAN: 01 01 ff or 01 01 00. */
export function derBoolean(value: boolean): Uint8Array {
  return derElement(Tag.BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));
}

/** Encodes an OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  return derObjectIdentifier(oidFromString(dotted));
}

/** Wraps contents in an implicit or explicit context-specific tag [n]. */
export function derContext(
  tagNumber: number,
  constructed: boolean,
  contents: Uint8Array,
): Uint8Array {
  return derElement(contextTag(tagNumber, constructed), contents);
}

/** X.690 §11.6's order: encodings compared as octet strings, the shorter padded with zeros. */
export function compareSetElements(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? a[i] : 0;
    const y = i < b.length ? b[i] : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * Reads a SET OF and returns its elements (views), checked to be in DER order (X.690 §11.6).
 * @param tag - SET, or an implicit context-specific constructed tag
 */
export function readSetOf(reader: DerReader, what: string, tag: number = Tag.SET): DerElement[] {
  const set = readConstructed(reader, tag, what);
  const elements: DerElement[] = [];
  while (!set.done) {
    const element = set.readAny();
    const previous = elements[elements.length - 1];
    if (previous !== undefined && compareSetElements(previous.encoding, element.encoding) > 0)
      fail(`${what}: SET OF at offset ${element.offset} is not in DER order (X.690 §11.6)`);
    elements.push(element);
  }
  return elements;
}

/**
 * Encodes a SET OF: the elements sorted into DER order (X.690 §11.6).
 * @example derSetOf(derSequence(cn), derSequence(o))
 */
export function derSetOf(...elements: Uint8Array[]): Uint8Array {
  return derElement(Tag.SET, setOfContents(elements));
}

/** The contents of a SET OF: the elements in DER order (for implicitly tagged sets). */
export function setOfContents(elements: readonly Uint8Array[]): Uint8Array {
  return concatBytes(...[...elements].sort(compareSetElements));
}

// ---------------------------------------------------------------------------------------
// Times (X.690 §11.7–11.8, RFC 5280 §4.1.2.5).

/** Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar (exact for any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // [0, 399]
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a UTCTime or GeneralizedTime in RFC 5280's DER forms and returns milliseconds
 * since 1970-01-01T00:00:00Z. UTCTime's two-digit year YY means 19YY when YY ≥ 50 and
 * 20YY otherwise (RFC 5280 §4.1.2.5.1).
 */
export function readTime(reader: DerReader, what: string): number {
  const element = reader.readAny();
  const c = element.contents;
  const at = element.offset;
  let digits: number;
  if (element.tag === Tag.UTC_TIME) digits = 12;
  else if (element.tag === Tag.GENERALIZED_TIME) digits = 14;
  else
    fail(
      `${what}: expected UTCTime or GeneralizedTime at offset ${at}, found tag 0x${hex2(element.tag)}`,
    );
  const form = digits === 12 ? 'YYMMDDHHMMSSZ' : 'YYYYMMDDHHMMSSZ';
  if (c.length !== digits + 1 || c[digits] !== 0x5a)
    fail(`${what}: time at offset ${at} is not in the DER form ${form} (RFC 5280 §4.1.2.5)`);
  for (let i = 0; i < digits; i++)
    if (c[i] < 0x30 || c[i] > 0x39) fail(`${what}: time at offset ${at} has a non-digit`);
  const number = (i: number, count: number) => {
    let value = 0;
    for (let j = i; j < i + count; j++) value = value * 10 + (c[j] - 0x30);
    return value;
  };
  let year: number;
  let i: number;
  if (digits === 12) {
    const yy = number(0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    i = 2;
  } else {
    year = number(0, 4);
    i = 4;
  }
  const month = number(i, 2);
  const day = number(i + 2, 2);
  const hour = number(i + 4, 2);
  const minute = number(i + 6, 2);
  const second = number(i + 8, 2);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    fail(`${what}: time at offset ${at} is not a valid date and time`);
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

/** The earliest and latest instants a certificate time can express (years 0000 and 9999). */
export const MIN_TIME = daysFromCivil(0, 1, 1) * 86400000;
export const MAX_TIME = daysFromCivil(9999, 12, 31) * 86400000 + 86399000;

/**
 * Encodes a time as RFC 5280 §4.1.2.5 asks: UTCTime for the years 1950–2049,
 * GeneralizedTime otherwise; whole seconds, "Z".
 * @param ms - milliseconds since the epoch, a whole number of seconds, years 0000–9999
 * @throws RangeError otherwise
 */
export function derTime(ms: number, name = 'time'): Uint8Array {
  if (!Number.isInteger(ms) || ms % 1000 !== 0 || ms < MIN_TIME || ms > MAX_TIME)
    throw new RangeError(`${name} must be a whole second between the years 0000 and 9999`);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest =
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z';
  const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  if (year >= 1950 && year <= 2049) return derElement(Tag.UTC_TIME, ascii(two(year % 100) + rest));
  return derElement(Tag.GENERALIZED_TIME, ascii(String(year).padStart(4, '0') + rest));
}

// ---------------------------------------------------------------------------------------
// Strings (X.680 §41; RFC 5280 §4.1.2.4 DirectoryString, and IA5String for names).

/** The string types, by tag, with the names X.680 gives them. */
export const STRING_TYPES: Record<number, string> = {
  [Tag.UTF8_STRING]: 'UTF8String',
  [Tag.NUMERIC_STRING]: 'NumericString',
  [Tag.PRINTABLE_STRING]: 'PrintableString',
  [Tag.TELETEX_STRING]: 'TeletexString',
  [Tag.IA5_STRING]: 'IA5String',
  [Tag.VISIBLE_STRING]: 'VisibleString',
  [Tag.UNIVERSAL_STRING]: 'UniversalString',
  [Tag.BMP_STRING]: 'BMPString',
};

/** PrintableString's alphabet (X.680 §41.4): letters, digits, space and ' ( ) + , - . / : = ? */
export function isPrintableStringChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    " '()+,-./:=?".includes(String.fromCharCode(code))
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function codePointsToString(points: number[], what: string, at: number): string {
  let out = '';
  for (const point of points) {
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
      fail(`${what}: string at offset ${at} holds an invalid code point`);
    out += String.fromCodePoint(point);
  }
  return out;
}

/**
 * Decodes the contents of one of the string types, checking its character set.
 * TeletexString is read as ISO 8859-1, as OpenSSL and Go do (T.61 itself is not decoded).
 * @returns undefined when `tag` is not a string type
 */
export function decodeString(
  tag: number,
  c: Uint8Array,
  what: string,
  at: number,
): string | undefined {
  const bad = (type: string): never =>
    fail(`${what}: ${type} at offset ${at} has a character outside its alphabet`);
  switch (tag) {
    case Tag.UTF8_STRING:
      try {
        return UTF8.decode(c);
      } catch {
        return fail(`${what}: UTF8String at offset ${at} is not valid UTF-8`);
      }
    case Tag.PRINTABLE_STRING:
      for (const byte of c) if (!isPrintableStringChar(byte)) bad('PrintableString');
      return String.fromCharCode(...c);
    case Tag.NUMERIC_STRING:
      for (const byte of c) if (byte !== 0x20 && (byte < 0x30 || byte > 0x39)) bad('NumericString');
      return String.fromCharCode(...c);
    case Tag.IA5_STRING:
      for (const byte of c) if (byte > 0x7f) bad('IA5String');
      return latin1(c);
    case Tag.VISIBLE_STRING:
      for (const byte of c) if (byte < 0x20 || byte > 0x7e) bad('VisibleString');
      return latin1(c);
    case Tag.TELETEX_STRING:
      return latin1(c);
    case Tag.BMP_STRING: {
      if (c.length % 2 !== 0) fail(`${what}: BMPString at offset ${at} has an odd length`);
      const points: number[] = [];
      for (let i = 0; i < c.length; i += 2) points.push((c[i] << 8) | c[i + 1]);
      return codePointsToString(points, what, at);
    }
    case Tag.UNIVERSAL_STRING: {
      if (c.length % 4 !== 0)
        fail(`${what}: UniversalString at offset ${at} is not a multiple of 4 octets`);
      const points: number[] = [];
      for (let i = 0; i < c.length; i += 4)
        points.push(((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0);
      return codePointsToString(points, what, at);
    }
    default:
      return undefined;
  }
}

/** Bytes as ISO 8859-1 characters, built in chunks (String.fromCharCode has an argument limit). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096)
    out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

/** Reads an IA5String (or the implicit tag standing for one) as text. */
export function readIa5String(
  reader: DerReader,
  what: string,
  tag: number = Tag.IA5_STRING,
): string {
  const element = readTagged(reader, tag, what);
  return decodeString(Tag.IA5_STRING, element.contents, what, element.offset)!;
}

/**
 * Encodes text in a string type.
 * @throws RangeError when `text` has a character the type cannot hold
 */
export function derString(tag: number, text: string, name = 'value'): Uint8Array {
  if (tag === Tag.UTF8_STRING) {
    if (/[\ud800-\udfff]/u.test(text)) throw new RangeError(`${name} has a lone surrogate`);
    return derElement(tag, new TextEncoder().encode(text));
  }
  const codes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  const fits =
    tag === Tag.PRINTABLE_STRING
      ? (ch: string) => isPrintableStringChar(ch.charCodeAt(0))
      : (ch: string) => ch.charCodeAt(0) < 0x80;
  for (const ch of text)
    if (!fits(ch))
      throw new RangeError(`${name}: '${ch}' cannot be written as a ${STRING_TYPES[tag]}`);
  return derElement(tag, codes);
}

/** Formats bytes as colon-separated hex, as OpenSSL prints serials and key identifiers. */
export function colonHex(bytes: Uint8Array, upper = false): string {
  const parts = Array.from(bytes, hex2);
  return (upper ? parts.map((p) => p.toUpperCase()) : parts).join(':');
}
