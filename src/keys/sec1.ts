/**
 * ECPrivateKey (SEC 1 v2 §C.4, RFC 5915 §3): the "EC PRIVATE KEY" that
 * `openssl ecparam -genkey` writes, and the structure PKCS#8 wraps for EC keys.
 *
 *   ECPrivateKey ::= SEQUENCE {
 *     version        INTEGER { ecPrivkeyVer1(1) },
 *     privateKey     OCTET STRING,              -- d, big-endian, ⌈log2(n)/8⌉ = 32 octets
 *     parameters [0] ECParameters OPTIONAL,     -- namedCurve prime256v1
 *     publicKey  [1] BIT STRING OPTIONAL }      -- the SEC1 point Q = d·G
 *
 * What node and OpenSSL write for P-256 (121 bytes, with the uncompressed point):
 *   30 77 | 02 01 01 | 04 20 d | a0 0a 06 08 2a8648ce3d030107 | a1 44 03 42 00 04 X Y
 *
 * Strictness: version must be 1 and privateKey exactly 32 octets (RFC 5915 §3 fixes the
 * length; a minimal-length d from very old writers is refused). RFC 5915 §3 says conforming
 * implementations MUST include parameters, so a standalone ECPrivateKey without [0] is
 * refused; inside PKCS#8 the curve is already in the AlgorithmIdentifier and [0] is
 * optional (node omits it) but, when present, must name P-256 too.
 *
 * This file only moves bytes: it neither checks that d is in [1, n−1] nor that the
 * embedded public key is d·G; `PrivateKey` (private-key.ts) does both.
 */
import { assertBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { encodeEcParameters, parseEcParameters } from './algorithm.js';
import {
  DerReader,
  DerTag,
  derBitString,
  derExplicit,
  derInteger,
  derOctetString,
  derSequence,
} from './der.js';

/** The fields of an ECPrivateKey, as octets. */
export interface EcPrivateKeyFields {
  /** d as 32 big-endian octets. */
  privateKey: Uint8Array;
  /** The SEC1 encoding of Q = d·G, when the structure carries one. */
  publicKey?: Uint8Array;
}

/** Length of the privateKey octet string for P-256: ⌈log2(n)/8⌉ (RFC 5915 §3). */
export const PRIVATE_KEY_LENGTH = 32;

/**
 * Writes an ECPrivateKey.
 * @param fields - d (32 bytes) and optionally the SEC1 public point
 * @param withParameters - write the [0] namedCurve field (true for standalone SEC1, false inside PKCS#8 as node does)
 * @returns DER
 * @throws TypeError / RangeError for wrong types or lengths
 * @example encodeEcPrivateKey({ privateKey: d, publicKey: Q }, true) // 30 77 02 01 01 04 20 …
 */
export function encodeEcPrivateKey(
  fields: EcPrivateKeyFields,
  withParameters: boolean,
): Uint8Array {
  assertBytes(fields.privateKey, 'privateKey', PRIVATE_KEY_LENGTH);
  const parts = [derInteger(1n), derOctetString(fields.privateKey)];
  if (withParameters) parts.push(derExplicit(0, encodeEcParameters()));
  if (fields.publicKey !== undefined) {
    assertBytes(fields.publicKey, 'publicKey');
    parts.push(derExplicit(1, derBitString(fields.publicKey)));
  }
  return derSequence(...parts);
}

/**
 * Reads an ECPrivateKey SEQUENCE from `reader` (used directly and by pkcs8.ts).
 * @param reader - positioned at the SEQUENCE
 * @param where - the format, for messages
 * @param requireParameters - whether [0] parameters must be present
 * @throws CryptoError INVALID_ENCODING
 */
export function readEcPrivateKey(
  reader: DerReader,
  where: string,
  requireParameters: boolean,
): EcPrivateKeyFields {
  const key = reader.readSequence();
  if (key.readInteger(1) !== 1n)
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: ECPrivateKey version must be 1 (RFC 5915 §3)`,
    );
  const privateKey = key.readOctetString();
  if (privateKey.length !== PRIVATE_KEY_LENGTH) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: privateKey must be ${PRIVATE_KEY_LENGTH} octets (RFC 5915 §3), got ${privateKey.length}`,
    );
  }
  if (key.peekTag() === DerTag.CONTEXT_0) {
    const parameters = key.readExplicit(0);
    parseEcParameters(parameters, where);
    parameters.assertEnd();
  } else if (requireParameters) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: ECPrivateKey has no [0] parameters naming the curve (RFC 5915 §3 requires them)`,
    );
  }
  const fields: EcPrivateKeyFields = { privateKey };
  if (key.peekTag() === DerTag.CONTEXT_1) {
    const publicKey = key.readExplicit(1);
    fields.publicKey = publicKey.readBitString();
    publicKey.assertEnd();
  }
  key.assertEnd();
  return fields;
}

/**
 * Parses a standalone SEC1 ECPrivateKey ("EC PRIVATE KEY") strictly.
 * @param der - the DER input
 * @returns d and the embedded public point if any (neither validated here)
 * @throws TypeError when `der` is not a Uint8Array; CryptoError INVALID_ENCODING for bad DER,
 *   a wrong version, a privateKey not 32 octets, missing or non-P-256 parameters
 * @example const { privateKey, publicKey } = parseEcPrivateKey(der)
 */
export function parseEcPrivateKey(der: Uint8Array): EcPrivateKeyFields {
  assertBytes(der, 'der');
  const reader = new DerReader(der);
  const fields = readEcPrivateKey(reader, 'sec1', true);
  reader.assertEnd();
  return fields;
}
