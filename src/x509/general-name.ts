/**
 * GeneralName (RFC 5280 §4.2.1.6): the names subjectAltName lists, and authorityKeyIdentifier
 * can name an issuer by.
 *
 *   GeneralName ::= CHOICE {
 *     otherName                  [0] OtherName,              -- a0: { type-id OID, [0] EXPLICIT ANY }
 *     rfc822Name                 [1] IA5String,              -- 81: an e-mail address
 *     dNSName                    [2] IA5String,              -- 82: a host name, maybe "*.example.com"
 *     x400Address                [3] ORAddress,              -- a3
 *     directoryName              [4] Name,                   -- a4 (explicit: Name is a CHOICE)
 *     ediPartyName               [5] EDIPartyName,           -- a5
 *     uniformResourceIdentifier  [6] IA5String,              -- 86
 *     iPAddress                  [7] OCTET STRING,           -- 87: 4 or 16 octets
 *     registeredID               [8] OBJECT IDENTIFIER }     -- 88
 *
 * The tags are implicit (RFC 5280's module uses IMPLICIT TAGS), so dNSName is 0x82 followed
 * by the IA5 characters, not 0x82 around an IA5String. The names are kept as data: which of
 * them match a host is decided in hostname.ts.
 */
import { bytesToHex } from '../bytes/index.js';
import { DerReader, derSequence } from '../keys/der.js';
import { contextTag, derContext, fail, readerOver, readOid, readTagged, Tag } from './asn1.js';
import { derString, readIa5String } from './strings.js';
import { ipFromBytes, ipToBytes } from './ip.js';
import { type Name, readExplicitName } from './name.js';

/** One GeneralName, decoded. */
export type GeneralName =
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'ip'; readonly value: string }
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'directoryName'; readonly value: string; readonly name: Name }
  | { readonly type: 'registeredId'; readonly value: string }
  | { readonly type: 'otherName'; readonly value: string; readonly typeId: string }
  | { readonly type: 'x400Address' | 'ediPartyName'; readonly value: string };

/** Reads one GeneralName. */
export function readGeneralName(reader: DerReader, what: string): GeneralName {
  const tag = reader.peekTag();
  switch (tag) {
    case contextTag(1, false):
      return { type: 'email', value: readIa5String(reader, `${what} rfc822Name`, tag) };
    case contextTag(2, false):
      return { type: 'dns', value: readIa5String(reader, `${what} dNSName`, tag) };
    case contextTag(6, false):
      return { type: 'uri', value: readIa5String(reader, `${what} URI`, tag) };
    case contextTag(7, false): {
      const element = reader.readAny();
      if (element.contents.length !== 4 && element.contents.length !== 16)
        fail(
          `${what}: iPAddress at offset ${element.offset} has ${element.contents.length} octets (4 or 16)`,
        );
      return { type: 'ip', value: ipFromBytes(element.contents) };
    }
    case contextTag(4, true): {
      const name = readExplicitName(reader, tag, `${what} directoryName`);
      return { type: 'directoryName', value: name.toString(), name };
    }
    case contextTag(8, false):
      return { type: 'registeredId', value: readOid(reader, `${what} registeredID`, tag) };
    case contextTag(0, true): {
      const element = reader.readAny();
      const inner = readerOver(element);
      const typeId = readOid(inner, `${what} otherName type-id`);
      const value = readTagged(inner, contextTag(0, true), `${what} otherName value`);
      inner.assertEnd();
      return { type: 'otherName', typeId, value: `#${bytesToHex(value.contents)}` };
    }
    case contextTag(3, true):
    case contextTag(5, true): {
      const element = reader.readAny();
      return {
        type: tag === contextTag(3, true) ? 'x400Address' : 'ediPartyName',
        value: `#${bytesToHex(element.contents)}`,
      };
    }
    default: {
      const element = reader.readAny();
      return fail(
        `${what}: tag 0x${element.tag.toString(16)} at offset ${element.offset} is not a GeneralName`,
      );
    }
  }
}

/** Reads GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName from a reader over its contents. */
export function readGeneralNames(names: DerReader, what: string): GeneralName[] {
  const out: GeneralName[] = [];
  while (!names.done) out.push(Object.freeze(readGeneralName(names, what)));
  if (out.length === 0) fail(`${what}: GeneralNames is empty (SIZE (1..MAX))`);
  return out;
}

/** The names a certificate request or builder may carry: the four kinds RFC 5280 §4.2.1.6 keeps as data. */
export interface SubjectAltNames {
  /** dNSName entries, e.g. 'example.com', '*.example.com'. */
  dns?: readonly string[];
  /** iPAddress entries as text, e.g. '127.0.0.1', '::1'. */
  ip?: readonly string[];
  /** rfc822Name entries, e.g. 'admin@example.com'. */
  email?: readonly string[];
  /** uniformResourceIdentifier entries. */
  uri?: readonly string[];
}

/**
 * Encodes GeneralNames from the four kinds, in the order dns, ip, email, uri.
 * @throws TypeError for a wrong type; RangeError for an empty list, a name with a character
 *   IA5String cannot hold, or an IP that does not parse
 */
export function derGeneralNames(names: SubjectAltNames, name = 'subjectAltNames'): Uint8Array {
  if (typeof names !== 'object' || names === null) throw new TypeError(`${name} must be an object`);
  const parts: Uint8Array[] = [];
  const list = (key: keyof SubjectAltNames): readonly string[] => {
    const value = names[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new TypeError(`${name}.${key} must be an array of strings`);
    for (const item of value)
      if (typeof item !== 'string' || item.length === 0)
        throw new TypeError(`${name}.${key} must hold non-empty strings`);
    return value;
  };
  const ia5 = (tagNumber: number, text: string, label: string) => {
    const encoded = derString(Tag.IA5_STRING, text, `${name}.${label}`);
    return derContext(tagNumber, false, new DerReader(encoded).readAny().contents);
  };
  for (const dns of list('dns')) parts.push(ia5(2, dns, 'dns'));
  for (const ip of list('ip')) {
    const bytes = ipToBytes(ip);
    if (bytes === undefined) throw new RangeError(`${name}.ip: '${ip}' is not an IP address`);
    parts.push(derContext(7, false, bytes));
  }
  for (const email of list('email')) parts.push(ia5(1, email, 'email'));
  for (const uri of list('uri')) parts.push(ia5(6, uri, 'uri'));
  if (parts.length === 0) throw new RangeError(`${name} must list at least one name`);
  return derSequence(...parts);
}
