/**
 * The string types of names (X.680 §41; RFC 5280 §4.1.2.4 DirectoryString, IA5String for
 * e-mail, DNS names and URIs): decoding with each type's character set checked, and encoding.
 */
import { type DerReader, derElement } from '../keys/der.js';
import { fail, readTagged, Tag } from './asn1.js';

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
