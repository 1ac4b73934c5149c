/**
 * Certificate extensions (RFC 5280 §4.1.2.9, §4.2): what a certificate may be used for.
 *
 *   Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
 *   Extension  ::= SEQUENCE { extnID OBJECT IDENTIFIER,
 *                             critical BOOLEAN DEFAULT FALSE,
 *                             extnValue OCTET STRING }      -- the DER of the extension's own type
 *
 * Decoded here (the six RFC 5280 §4.2.1 extensions path validation uses):
 *   basicConstraints (§4.2.1.9)  SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
 *   keyUsage (§4.2.1.3)          BIT STRING { digitalSignature (0), contentCommitment (1), …, keyCertSign (5), … }
 *   extendedKeyUsage (§4.2.1.12) SEQUENCE SIZE (1..MAX) OF KeyPurposeId
 *   subjectAltName (§4.2.1.6)    GeneralNames
 *   subjectKeyIdentifier (§4.2.1.2)    OCTET STRING
 *   authorityKeyIdentifier (§4.2.1.1)  SEQUENCE { [0] keyIdentifier, [1] authorityCertIssuer, [2] serial }
 * Every other extension is kept as data with its critical flag; a critical one the verifier
 * does not understand makes verification fail (§4.2: "MUST reject the certificate").
 * A second instance of an extension is refused (§4.2), as is an explicitly encoded DEFAULT
 * (critical FALSE, cA FALSE), which DER forbids (X.690 §11.5; pyca/cryptography refuses it
 * too). A keyUsage with trailing zero bits is read (see asn1.ts `readBitString`).
 */
import { bytesToHex } from '../bytes/index.js';
import { DerReader, derInteger, derOctetString, derSequence } from '../keys/der.js';
import {
  contextTag,
  derBoolean,
  derContext,
  derNamedBits,
  derOid,
  fail,
  MAX_INTEGER_OCTETS,
  readBitString,
  readBoolean,
  readBoundedInteger,
  readConstructed,
  readOid,
  readSmallInteger,
  readTagged,
  readerOver,
  Tag,
} from './asn1.js';
import { type GeneralName, readGeneralNames } from './general-name.js';
import { EXTENSIONS, KEY_PURPOSES } from './oids.js';

/** An extension as it appears in the certificate. */
export interface Extension {
  /** extnID, dotted. */
  readonly oid: string;
  readonly critical: boolean;
  /**
   * extnValue's contents: the DER of the extension's own type. A copy made when parsing:
   * verification reads only `oid` and `critical`, so changing these bytes changes nothing.
   */
  readonly value: Uint8Array;
}

/** The key usage bits, in RFC 5280 §4.2.1.3's order (the name's index is the bit number). */
export const KEY_USAGES = [
  'digitalSignature',
  'contentCommitment',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

/** The key purposes by name (RFC 5280 §4.2.1.12); other purposes are dotted OIDs. */
export type KeyPurpose = keyof typeof KEY_PURPOSES;

/** basicConstraints: is the subject a CA, and how many CAs may follow it. */
export interface BasicConstraints {
  readonly critical: boolean;
  readonly ca: boolean;
  /** pathLenConstraint: how many non-self-issued intermediates may follow; undefined = no limit. */
  readonly pathLength?: number;
}

/** authorityKeyIdentifier: which key (and optionally which issuer and serial) signed this. */
export interface AuthorityKeyIdentifier {
  readonly critical: boolean;
  /** keyIdentifier as hex (lower case), or undefined. */
  readonly keyIdentifier?: string;
  readonly authorityCertIssuer?: readonly GeneralName[];
  readonly authorityCertSerialNumber?: bigint;
}

/** The decoded extensions of a certificate (or of a request's extensionRequest). */
export interface ParsedExtensions {
  /** Every extension, in order. */
  readonly all: readonly Extension[];
  readonly basicConstraints?: BasicConstraints;
  readonly keyUsage?: { readonly critical: boolean; readonly usages: readonly KeyUsage[] };
  /** Key purposes as dotted OIDs (see KEY_PURPOSES for names). */
  readonly extendedKeyUsage?: { readonly critical: boolean; readonly purposes: readonly string[] };
  readonly subjectAltName?: { readonly critical: boolean; readonly names: readonly GeneralName[] };
  /** subjectKeyIdentifier as hex (lower case). */
  readonly subjectKeyIdentifier?: { readonly critical: boolean; readonly keyIdentifier: string };
  readonly authorityKeyIdentifier?: AuthorityKeyIdentifier;
  /** OIDs of the critical extensions not decoded here (path validation refuses these). */
  readonly unhandledCritical: readonly string[];
}

/**
 * Reads Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension from a reader over the SEQUENCE.
 * @throws CryptoError INVALID_ENCODING for bad DER, a duplicate extension, or a malformed known extension
 */
export function readExtensions(reader: DerReader, what: string): ParsedExtensions {
  const list = readConstructed(reader, Tag.SEQUENCE, `${what} extensions`);
  const all: Extension[] = [];
  const seen = new Set<string>();
  const parsed: Record<string, unknown> = {};
  const unhandledCritical: string[] = [];
  if (list.done) fail(`${what}: extensions is an empty SEQUENCE (SIZE (1..MAX))`);
  while (!list.done) {
    const extension = readConstructed(list, Tag.SEQUENCE, `${what} extension`);
    const oid = readOid(extension, `${what} extnID`);
    let critical = false;
    if (extension.peekTag() === Tag.BOOLEAN) {
      critical = readBoolean(extension, `${what} ${oid} critical`);
      if (!critical)
        fail(`${what}: extension ${oid} encodes the DEFAULT critical FALSE (X.690 §11.5)`);
    }
    const value = readTagged(extension, Tag.OCTET_STRING, `${what} ${oid} extnValue`);
    extension.assertEnd();
    if (seen.has(oid)) fail(`${what}: extension ${oid} appears twice (RFC 5280 §4.2)`);
    seen.add(oid);
    all.push(Object.freeze({ oid, critical, value: value.contents.slice() }));
    const inner = readerOver(value);
    const decoded = decodeKnown(oid, critical, inner, `${what} ${oid}`);
    if (decoded === undefined) {
      if (critical) unhandledCritical.push(oid);
      continue;
    }
    inner.assertEnd();
    parsed[decoded[0]] = Object.freeze(decoded[1]);
  }
  return Object.freeze({
    all: Object.freeze(all),
    ...parsed,
    unhandledCritical: Object.freeze(unhandledCritical),
  }) as ParsedExtensions;
}

function decodeKnown(
  oid: string,
  critical: boolean,
  value: DerReader,
  what: string,
): [keyof ParsedExtensions, object] | undefined {
  switch (oid) {
    case EXTENSIONS.basicConstraints: {
      const sequence = readConstructed(value, Tag.SEQUENCE, what);
      let ca = false;
      if (sequence.peekTag() === Tag.BOOLEAN) {
        ca = readBoolean(sequence, `${what} cA`);
        if (!ca) fail(`${what}: basicConstraints encodes the DEFAULT cA FALSE (X.690 §11.5)`);
      }
      const pathLength =
        sequence.peekTag() === Tag.INTEGER
          ? readSmallInteger(sequence, `${what} pathLenConstraint`)
          : undefined;
      sequence.assertEnd();
      return [
        'basicConstraints',
        pathLength === undefined ? { critical, ca } : { critical, ca, pathLength },
      ];
    }
    case EXTENSIONS.keyUsage: {
      const { bytes } = readBitString(value, what);
      const usages = KEY_USAGES.filter(
        (_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0,
      );
      // Bits past decipherOnly (8) mean nothing: refuse them, but not trailing zero octets.
      if ((bytes[1] ?? 0) & 0x7f || bytes.subarray(2).some((byte) => byte !== 0))
        fail(`${what}: keyUsage has bits beyond decipherOnly (8)`);
      if (usages.length === 0) fail(`${what}: keyUsage has no bit set (RFC 5280 §4.2.1.3)`);
      return ['keyUsage', { critical, usages: Object.freeze(usages) }];
    }
    case EXTENSIONS.extendedKeyUsage: {
      const sequence = readConstructed(value, Tag.SEQUENCE, what);
      const purposes: string[] = [];
      while (!sequence.done) purposes.push(readOid(sequence, `${what} KeyPurposeId`));
      if (purposes.length === 0) fail(`${what}: extendedKeyUsage is empty (SIZE (1..MAX))`);
      return ['extendedKeyUsage', { critical, purposes: Object.freeze(purposes) }];
    }
    case EXTENSIONS.subjectAltName: {
      const names = readGeneralNames(readConstructed(value, Tag.SEQUENCE, what), what);
      return ['subjectAltName', { critical, names: Object.freeze(names) }];
    }
    case EXTENSIONS.subjectKeyIdentifier: {
      const id = readTagged(value, Tag.OCTET_STRING, what);
      return ['subjectKeyIdentifier', { critical, keyIdentifier: bytesToHex(id.contents) }];
    }
    case EXTENSIONS.authorityKeyIdentifier: {
      const sequence = readConstructed(value, Tag.SEQUENCE, what);
      const aki: { -readonly [K in keyof AuthorityKeyIdentifier]: AuthorityKeyIdentifier[K] } = {
        critical,
      };
      if (sequence.peekTag() === contextTag(0, false))
        aki.keyIdentifier = bytesToHex(sequence.readAny().contents);
      if (sequence.peekTag() === contextTag(1, true))
        aki.authorityCertIssuer = Object.freeze(
          readGeneralNames(
            readConstructed(sequence, contextTag(1, true), what),
            `${what} authorityCertIssuer`,
          ),
        );
      if (sequence.peekTag() === contextTag(2, false)) {
        const element = sequence.readAny();
        aki.authorityCertSerialNumber = readImplicitInteger(
          element.contents,
          `${what} serial`,
          element.offset,
        );
      }
      sequence.assertEnd();
      return ['authorityKeyIdentifier', aki];
    }
    default:
      return undefined;
  }
}

/** Decodes the contents of an implicitly tagged INTEGER, with the same checks as a universal one. */
function readImplicitInteger(contents: Uint8Array, what: string, at: number): bigint {
  if (contents.length > MAX_INTEGER_OCTETS) fail(`${what}: INTEGER at offset ${at} is too long`);
  const universal = new Uint8Array(contents.length + 2);
  universal[0] = Tag.INTEGER;
  universal[1] = contents.length;
  universal.set(contents, 2);
  return readBoundedInteger(new DerReader(universal, at), what).value;
}

// ---------------------------------------------------------------------------------------
// Writing (for the certificate and request builders).

/**
 * Encodes one Extension; `critical` false is omitted, as DER requires.
 * @param value - the DER of the extension's type (wrapped here in the OCTET STRING)
 */
export function derExtension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return derSequence(derOid(oid), ...(critical ? [derBoolean(true)] : []), derOctetString(value));
}

/** basicConstraints' value: SEQUENCE { cA TRUE, pathLen } for a CA, the empty SEQUENCE otherwise. */
export function derBasicConstraints(ca: boolean, pathLength?: number): Uint8Array {
  const parts: Uint8Array[] = [];
  if (ca) parts.push(derBoolean(true));
  if (ca && pathLength !== undefined) parts.push(derInteger(BigInt(pathLength)));
  return derSequence(...parts);
}

/** keyUsage's value from usage names. */
export function derKeyUsage(usages: readonly KeyUsage[]): Uint8Array {
  return derNamedBits(usages.map((usage) => KEY_USAGES.indexOf(usage)));
}

/** extendedKeyUsage's value from purposes (names from KEY_PURPOSES or dotted OIDs). */
export function derExtendedKeyUsage(purposes: readonly string[]): Uint8Array {
  return derSequence(...purposes.map((purpose) => derOid(purposeOid(purpose))));
}

/** A purpose name ('serverAuth', …) or dotted OID, as a dotted OID. */
export function purposeOid(purpose: string): string {
  const oid = (KEY_PURPOSES as Record<string, string>)[purpose] ?? purpose;
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid))
    throw new RangeError(`'${purpose}' is not a key purpose name or OID`);
  return oid;
}

/** authorityKeyIdentifier's value: SEQUENCE { [0] keyIdentifier }. */
export function derAuthorityKeyIdentifier(keyIdentifier: Uint8Array): Uint8Array {
  return derSequence(derContext(0, false, keyIdentifier));
}
