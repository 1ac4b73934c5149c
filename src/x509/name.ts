/**
 * Distinguished names (RFC 5280 §4.1.2.4, X.501): who issued a certificate and whom it is about.
 *
 *   Name ::= SEQUENCE OF RelativeDistinguishedName             -- most significant first
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }  -- usually a string
 *
 * A certificate's subject "C=US, O=Example, CN=Test CA" is three RDNs of one attribute
 * each, in that order in the DER. Three text forms are used:
 *   - RFC 4514 (`toString`, `Name.parse`): RDNs in *reverse* order, "CN=Test CA,O=Example,C=US",
 *     with `\` escapes — what Go, Python and `openssl -nameopt RFC2253` print;
 *   - OpenSSL's one-line form (`toOneLine`): DER order, "C = US, O = Example, CN = Test CA",
 *     values with special characters quoted — what `openssl x509 -text` prints;
 *   - the DER itself (`toDer`), which is what chain building compares: two names are the
 *     same when their encodings are identical (as Go's crypto/x509 does), not after
 *     RFC 5280 §7.1's case folding.
 *
 * `Name.parse` builds the DER from a subject string with the types RFC 5280 expects:
 * PrintableString for countryName, serialNumber and dnQualifier; IA5String for
 * emailAddress and domainComponent; UTF8String for the rest (§4.1.2.4: "MUST use
 * UTF8String"). A value written "#hex" (RFC 4514 §2.4) is taken as the DER of the value.
 */
import { bytesToHex, equalBytes, hexToBytes } from '../bytes/index.js';
import { DerReader, derSequence } from '../keys/der.js';
import {
  derOid,
  derSetOf,
  fail,
  readConstructed,
  readOid,
  readSetOf,
  readerOver,
  Tag,
} from './asn1.js';
import { decodeString, derString, STRING_TYPES } from './strings.js';
import { ATTRIBUTE_SHORT_NAMES, ATTRIBUTE_TYPES, OPENSSL_ATTRIBUTE_NAMES } from './oids.js';

/** One attribute of a name: its type and its value. */
export interface AttributeTypeAndValue {
  /** The attribute type as a dotted OID, e.g. '2.5.4.3' (commonName). */
  readonly type: string;
  /** The short name of the type ('CN', 'O', …) or, when there is none, the dotted OID. */
  readonly name: string;
  /**
   * The value as text. A value that is not one of the string types is given as '#' and
   * the hex of its DER (RFC 4514 §2.4).
   */
  readonly value: string;
  /** The ASN.1 type of the value: 'UTF8String', 'PrintableString', … or 'DER' for a non-string. */
  readonly valueType: string;
}

/** One RDN: one or more attributes (more than one is rare: "CN=x+OU=y"). */
export type RelativeDistinguishedName = readonly AttributeTypeAndValue[];

// RFC 4514 §3 names plus the common long names, for reading subject strings.
const NAME_TO_OID: Record<string, string> = {};
for (const [oid, short] of Object.entries(ATTRIBUTE_SHORT_NAMES))
  NAME_TO_OID[short.toLowerCase()] = oid;
for (const [long, oid] of Object.entries(ATTRIBUTE_TYPES)) NAME_TO_OID[long.toLowerCase()] = oid;
NAME_TO_OID.e = ATTRIBUTE_TYPES.emailAddress;

const PRINTABLE_TYPES = new Set<string>([
  ATTRIBUTE_TYPES.countryName,
  ATTRIBUTE_TYPES.serialNumber,
  ATTRIBUTE_TYPES.dnQualifier,
]);
const IA5_TYPES = new Set<string>([ATTRIBUTE_TYPES.emailAddress, ATTRIBUTE_TYPES.domainComponent]);

function shortName(type: string): string {
  return ATTRIBUTE_SHORT_NAMES[type] ?? type;
}

function freezeRdns(rdns: AttributeTypeAndValue[][]): readonly RelativeDistinguishedName[] {
  return Object.freeze(rdns.map((rdn) => Object.freeze(rdn.map((atv) => Object.freeze(atv)))));
}

// The constructor is private; readName (below) reaches it through this, set once by the class.
let construct: (der: Uint8Array, rdns: AttributeTypeAndValue[][]) => Name;

export class Name {
  /** The RDNs in DER order (most significant first), frozen. */
  readonly rdns: readonly RelativeDistinguishedName[];
  readonly #der: Uint8Array;

  private constructor(der: Uint8Array, rdns: AttributeTypeAndValue[][]) {
    this.#der = der;
    this.rdns = freezeRdns(rdns);
    Object.freeze(this);
  }

  /**
   * Parses a DER Name.
   * @param der - exactly one Name
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER
   * @example Name.fromDer(cert.subject.toDer()).toString()
   */
  static fromDer(der: Uint8Array): Name {
    const reader = new DerReader(der);
    const name = readName(reader, 'name');
    reader.assertEnd();
    return name;
  }

  /**
   * Builds a name from an RFC 4514 string, e.g. "CN=Test CA,O=Example,C=US" (RDNs in
   * reverse order, as RFC 4514 writes them; the DER starts with C). Accepted: short names
   * (CN, C, L, ST, O, OU, STREET, DC, UID, serialNumber, emailAddress, …), long names
   * (commonName, …) and dotted OIDs as types; `\` escapes of special characters and of
   * hex pairs (UTF-8 bytes); "+" for multi-valued RDNs; "#hex" DER values; spaces around
   * "," "+" and "=" are ignored (escape a space that belongs to a value: "\ ").
   * @param text - the subject; '' is the empty name
   * @returns the Name
   * @throws TypeError when not a string; RangeError naming what is wrong
   * @example Name.parse('CN=Test CA,O=Example').toOneLine() // 'O = Example, CN = Test CA'
   */
  static parse(text: string): Name {
    if (typeof text !== 'string')
      throw new TypeError(`subject must be a string, got ${typeof text}`);
    const rdns = parseRfc4514(text);
    const der = derSequence(
      ...rdns.map((rdn) => derSetOf(...rdn.map((atv) => derSequence(derOid(atv.type), atv.der)))),
    );
    return Name.fromDer(der);
  }

  static {
    construct = (der, rdns) => new Name(der, rdns);
  }

  /** The DER encoding (a fresh copy). */
  toDer(): Uint8Array {
    return this.#der.slice();
  }

  /** True when the name has no RDNs (allowed when subjectAltName says who the subject is). */
  get isEmpty(): boolean {
    return this.rdns.length === 0;
  }

  /** The values of every attribute of one type, in DER order (e.g. `values('2.5.4.3')` for CNs). */
  values(type: string): string[] {
    return this.rdns.flatMap((rdn) =>
      rdn.filter((atv) => atv.type === type).map((atv) => atv.value),
    );
  }

  /** The last (most specific) commonName, or undefined. Shown in messages; never used to match hosts. */
  get commonName(): string | undefined {
    return this.values(ATTRIBUTE_TYPES.commonName).pop();
  }

  /**
   * Whether two names have identical encodings (how chain building matches issuer to subject).
   * @throws TypeError when `other` is not a Name
   */
  equals(other: Name): boolean {
    if (!(other instanceof Name)) throw new TypeError('other must be a Name');
    return equalBytes(this.#der, other.#der);
  }

  /**
   * The RFC 4514 string: RDNs last to first, "type=value" joined by "," (and "+" inside an RDN).
   * @example Name.parse('CN=a\\,b,O=Example').toString() // 'CN=a\\,b,O=Example'
   */
  toString(): string {
    return [...this.rdns]
      .reverse()
      .map((rdn) => rdn.map((atv) => `${atv.name}=${escapeRfc4514(atv)}`).join('+'))
      .join(',');
  }

  /**
   * OpenSSL's one-line form, as `openssl x509 -text` prints Issuer and Subject: RDNs in DER
   * order, "type = value" joined by ", " (and " + " inside an RDN); values with special
   * characters in double quotes. Characters outside ASCII are printed as they are (OpenSSL
   * prints their UTF-8 octets as \XX).
   * @example Name.parse('CN=Test CA,O=Example').toOneLine() // 'O = Example, CN = Test CA'
   */
  toOneLine(): string {
    return this.rdns
      .map((rdn) =>
        rdn
          .map((atv) => `${OPENSSL_ATTRIBUTE_NAMES[atv.type] ?? atv.name} = ${quoteOneLine(atv)}`)
          .join(' + '),
      )
      .join(', ');
  }
}

/** Reads a Name (a SEQUENCE OF RDN) from `reader`. */
export function readName(reader: DerReader, what: string): Name {
  const start = reader.peekTag() === Tag.SEQUENCE ? reader.readAny() : undefined;
  if (start === undefined) fail(`${what}: expected a Name (SEQUENCE)`);
  const sequence = readerOver(start);
  const rdns: AttributeTypeAndValue[][] = [];
  while (!sequence.done) {
    const set = readSetOf(sequence, `${what} RDN`);
    if (set.length === 0) fail(`${what}: empty RDN at offset ${start.offset} (SIZE (1..MAX))`);
    rdns.push(
      set.map((element) => {
        if (element.tag !== Tag.SEQUENCE)
          fail(`${what}: attribute at offset ${element.offset} is not a SEQUENCE`);
        return readAttribute(readerOver(element), what);
      }),
    );
  }
  return construct(start.encoding.slice(), rdns);
}

function readAttribute(atv: DerReader, what: string): AttributeTypeAndValue {
  const type = readOid(atv, `${what} attribute type`);
  const value = atv.readAny();
  atv.assertEnd();
  const text = decodeString(value.tag, value.contents, `${what} ${shortName(type)}`, value.offset);
  return {
    type,
    name: shortName(type),
    value: text ?? `#${bytesToHex(value.encoding)}`,
    valueType: text === undefined ? 'DER' : STRING_TYPES[value.tag],
  };
}

/** Reads a Name wrapped in an explicit tag (GeneralName's directoryName [4]). */
export function readExplicitName(reader: DerReader, tag: number, what: string): Name {
  const inner = readConstructed(reader, tag, what);
  const name = readName(inner, what);
  inner.assertEnd();
  return name;
}

// ---------------------------------------------------------------------------------------
// RFC 4514 text.

function escapeRfc4514(atv: AttributeTypeAndValue): string {
  if (atv.valueType === 'DER') return atv.value;
  let out = '';
  const value = atv.value;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if ('"+,;<>\\'.includes(ch)) out += `\\${ch}`;
    else if (ch === '\0') out += '\\00';
    else if ((i === 0 && (ch === ' ' || ch === '#')) || (i === value.length - 1 && ch === ' '))
      out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

function quoteOneLine(atv: AttributeTypeAndValue): string {
  if (atv.valueType === 'DER') return atv.value;
  const value = atv.value;
  const escaped = value.replace(/["\\]/g, (ch) => `\\${ch}`);
  const quote = /[,+<>;]/.test(value) || /^[ #]/.test(value) || / $/.test(value);
  return quote ? `"${escaped}"` : escaped;
}

interface ParsedAttribute {
  type: string;
  der: Uint8Array;
}

function parseRfc4514(text: string): ParsedAttribute[][] {
  const rdns: ParsedAttribute[][] = [];
  let i = 0;
  const error = (message: string): never => {
    throw new RangeError(`subject: ${message} at character ${i + 1}`);
  };
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (i === text.length) return [];
  for (;;) {
    const rdn: ParsedAttribute[] = [];
    for (;;) {
      skipSpaces();
      const typeStart = i;
      while (i < text.length && /[A-Za-z0-9.-]/.test(text[i])) i++;
      const typeText = text.slice(typeStart, i);
      skipSpaces();
      if (text[i] !== '=') error(`expected "=" after an attribute type`);
      i++;
      skipSpaces();
      const type = /^[0-2](\.(0|[1-9]\d*))+$/.test(typeText)
        ? typeText
        : NAME_TO_OID[typeText.toLowerCase()];
      if (type === undefined) error(`unknown attribute type '${typeText}'`);
      rdn.push({ type, der: parseValue(type) });
      skipSpaces();
      if (text[i] === '+') {
        i++;
        continue;
      }
      break;
    }
    rdns.push(rdn);
    if (i === text.length) break;
    if (text[i] !== ',' && text[i] !== ';') error('expected "," between RDNs');
    i++;
  }
  return rdns.reverse(); // RFC 4514 §2.1: the string lists RDNs last to first

  function parseValue(type: string): Uint8Array {
    if (text[i] === '#') {
      const start = ++i;
      while (i < text.length && /[0-9A-Fa-f]/.test(text[i])) i++;
      const hex = text.slice(start, i);
      if (hex.length === 0 || hex.length % 2 !== 0) error('"#" must be followed by hex pairs');
      const der = hexToBytes(hex);
      try {
        const reader = new DerReader(der);
        reader.readAny();
        reader.assertEnd();
      } catch {
        error('the "#hex" value is not one DER element');
      }
      return der;
    }
    const octets: number[] = [];
    let lastKept = 0; // length of `octets` up to the last escaped or non-space character
    while (i < text.length && !',;+'.includes(text[i])) {
      const ch = text[i];
      if (ch === '\\') {
        const next = text[i + 1];
        if (
          next !== undefined &&
          /[0-9A-Fa-f]/.test(next) &&
          /[0-9A-Fa-f]/.test(text[i + 2] ?? '')
        ) {
          octets.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
          i += 3;
        } else if (next !== undefined && '"+,;<>\\ #='.includes(next)) {
          octets.push(next.charCodeAt(0));
          i += 2;
        } else error('"\\" must be followed by a special character or two hex digits');
        lastKept = octets.length;
        continue;
      }
      if ('"<>'.includes(ch)) error(`'${ch}' must be escaped`);
      const character = String.fromCodePoint(text.codePointAt(i)!); // a whole surrogate pair
      if (/[\ud800-\udfff]/u.test(character)) error('a lone surrogate cannot be encoded');
      octets.push(...new TextEncoder().encode(character));
      i += character.length;
      if (ch !== ' ') lastKept = octets.length;
    }
    let value: string;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(
        Uint8Array.from(octets.slice(0, lastKept)),
      );
    } catch {
      return error('escaped octets are not valid UTF-8');
    }
    const name = shortName(type);
    if (type === ATTRIBUTE_TYPES.countryName && !/^[A-Za-z]{2}$/.test(value))
      throw new RangeError(`subject: C must be a two-letter country code, got '${value}'`);
    const tag = PRINTABLE_TYPES.has(type)
      ? Tag.PRINTABLE_STRING
      : IA5_TYPES.has(type)
        ? Tag.IA5_STRING
        : Tag.UTF8_STRING;
    return derString(tag, value, `subject ${name}`);
  }
}
