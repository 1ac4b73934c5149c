/**
 * The DER types X.509 needs beyond src/keys/der.ts (X.690 §8, §10, §11): BOOLEAN, BIT
 * STRINGs with unused bits (named bit lists), SET OF, context-specific tags, and OIDs and
 * INTEGERs with length caps; the times are in time.ts and the string types in strings.ts.
 * Readers take a `DerReader` positioned at the element and consume exactly one element;
 * writers return the encoding.
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
  MAX_OID_OCTETS as DER_MAX_OID_OCTETS,
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
export const MAX_OID_OCTETS: number = DER_MAX_OID_OCTETS;
/** The longest INTEGER accepted where a number is decoded (serial numbers: RFC 5280 allows 20). */
export const MAX_INTEGER_OCTETS = 64;

export function fail(message: string): never {
  throw new CryptoError('INVALID_ENCODING', `x509: ${message}`);
}

function hex2(octet: number): string {
  return octet.toString(16).padStart(2, '0');
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

/** Wraps contents in an implicit or explicit context-specific tag [tagNumber]. */
export function derContext(
  tagNumber: number,
  constructed: boolean,
  contents: Uint8Array,
): Uint8Array {
  return derElement(contextTag(tagNumber, constructed), contents);
}

/** X.690 §11.6's order: encodings compared as octet strings, the shorter padded with zeros. */
export function compareSetElements(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
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

/** Formats bytes as colon-separated hex, as OpenSSL prints serials and key identifiers. */
export function colonHex(bytes: Uint8Array, upper = false): string {
  const parts = Array.from(bytes, hex2);
  return (upper ? parts.map((p) => p.toUpperCase()) : parts).join(':');
}
