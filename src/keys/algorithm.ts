/**
 * The identifiers every P-256 key format shares: RFC 5480 §2.1.1 AlgorithmIdentifier
 * and §2.1.1.1 ECParameters.
 *
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY }
 *   id-ecPublicKey      OBJECT IDENTIFIER ::= { 1 2 840 10045 2 1 }      -- 2a8648ce3d0201
 *   ECParameters        ::= CHOICE { namedCurve OBJECT IDENTIFIER, implicitCurve NULL,
 *                                    specifiedCurve SpecifiedECDomain }
 *   secp256r1 (prime256v1) OBJECT IDENTIFIER ::= { 1 2 840 10045 3 1 7 } -- 2a8648ce3d030107
 *
 * RFC 5480 §2.1.1 says implicitCurve and specifiedCurve MUST NOT be used in PKIX; we accept
 * only namedCurve, and only P-256. A specifiedCurve that happens to spell out P-256's
 * parameters is still refused: comparing explicit parameters invites the subtle bugs
 * (modified generator, cofactor, order) Wycheproof's UnnamedCurve cases probe.
 *
 * Not done here: id-ecDH / id-ecMQV (RFC 5480 §2.1.2) restricted algorithm identifiers.
 */
import { equalBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import {
  type DerReader,
  DerTag,
  derObjectIdentifier,
  derSequence,
  oidFromString,
  describeOid,
} from './der.js';

/** id-ecPublicKey (RFC 5480 §2.1.1), as DER content octets. */
export const ID_EC_PUBLIC_KEY: Uint8Array = oidFromString('1.2.840.10045.2.1');
/** secp256r1 / prime256v1 / P-256 (RFC 5480 §2.1.1.1), as DER content octets. */
export const PRIME256V1: Uint8Array = oidFromString('1.2.840.10045.3.1.7');

/**
 * ECParameters for P-256: the namedCurve OID (06 08 2a 86 48 ce 3d 03 01 07).
 * @example derExplicit(0, encodeEcParameters()) // the [0] field of an ECPrivateKey
 */
export function encodeEcParameters(): Uint8Array {
  return derObjectIdentifier(PRIME256V1);
}

/**
 * Reads ECParameters and checks they name P-256.
 * @param reader - positioned at the ECParameters
 * @param where - the format, for messages ("spki", "sec1", …)
 * @throws CryptoError INVALID_ENCODING for another curve, implicitCurve or explicit parameters
 */
export function parseEcParameters(reader: DerReader, where: string): void {
  const tag = reader.peekTag();
  if (tag === DerTag.SEQUENCE) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: explicit curve parameters are not supported (RFC 5480 §2.1.1: namedCurve only)`,
    );
  }
  if (tag === DerTag.NULL)
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: implicitCurve is not supported (RFC 5480 §2.1.1: namedCurve only)`,
    );
  const curve = reader.readObjectIdentifier();
  if (!equalBytes(curve, PRIME256V1)) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: unsupported curve ${describeOid(curve)} (only prime256v1, 1.2.840.10045.3.1.7)`,
    );
  }
}

/**
 * AlgorithmIdentifier { id-ecPublicKey, prime256v1 }: 30 13 06 07 … 06 08 ….
 * @example derSequence(encodeEcAlgorithmIdentifier(), derBitString(point)) // an SPKI
 */
export function encodeEcAlgorithmIdentifier(): Uint8Array {
  return derSequence(derObjectIdentifier(ID_EC_PUBLIC_KEY), encodeEcParameters());
}

/**
 * Reads an AlgorithmIdentifier and checks it is id-ecPublicKey on P-256.
 * @param reader - positioned at the AlgorithmIdentifier SEQUENCE
 * @param where - the format, for messages
 * @throws CryptoError INVALID_ENCODING for another algorithm or curve, or bad DER
 */
export function parseEcAlgorithmIdentifier(reader: DerReader, where: string): void {
  const algorithm = reader.readSequence();
  const oid = algorithm.readObjectIdentifier();
  if (!equalBytes(oid, ID_EC_PUBLIC_KEY)) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `${where}: unsupported algorithm ${describeOid(oid)} (only id-ecPublicKey, 1.2.840.10045.2.1)`,
    );
  }
  parseEcParameters(algorithm, where);
  algorithm.assertEnd();
}
