/**
 * PKCS#8 PrivateKeyInfo for P-256 keys (RFC 5208 §5, RFC 5958 §2; EC contents per
 * RFC 5915 §2): the "PRIVATE KEY" that `openssl genpkey` and node's
 * `export({ type: 'pkcs8' })` write.
 *
 *   PrivateKeyInfo ::= SEQUENCE {
 *     version              INTEGER (0),           -- v1
 *     privateKeyAlgorithm  AlgorithmIdentifier,   -- { id-ecPublicKey, prime256v1 }
 *     privateKey           OCTET STRING,          -- DER of an ECPrivateKey (sec1.ts)
 *     attributes       [0] IMPLICIT Attributes OPTIONAL }
 *
 * Node (OpenSSL 3) writes the inner ECPrivateKey with publicKey [1] but without
 * parameters [0], since the curve is already named in the AlgorithmIdentifier (138 bytes):
 *   30 81 87 | 02 01 00 | 30 13 … | 04 6d 30 6b 02 01 01 04 20 d a1 44 03 42 00 04 X Y
 * `encodePkcs8` writes exactly that.
 *
 * Not accepted: version 1 (RFC 5958 OneAsymmetricKey with an outer publicKey),
 * attributes, encrypted PKCS#8 (EncryptedPrivateKeyInfo).
 */
import { assertBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { encodeEcAlgorithmIdentifier, parseEcAlgorithmIdentifier } from './algorithm.js';
import { DerReader, DerTag, derInteger, derOctetString, derSequence } from './der.js';
import { encodeEcPrivateKey, readEcPrivateKey, type EcPrivateKeyFields } from './sec1.js';

/**
 * Writes a P-256 PrivateKeyInfo around an ECPrivateKey (without [0], with [1] when given).
 * @param fields - d (32 bytes) and optionally the SEC1 public point
 * @returns DER
 * @throws TypeError / RangeError for wrong types or lengths
 * @example encodePkcs8({ privateKey: d, publicKey: Q }) // 30 81 87 02 01 00 …
 */
export function encodePkcs8(fields: EcPrivateKeyFields): Uint8Array {
  return derSequence(
    derInteger(0n),
    encodeEcAlgorithmIdentifier(),
    derOctetString(encodeEcPrivateKey(fields, false)),
  );
}

/**
 * Reads a PrivateKeyInfo SEQUENCE from `reader`.
 * @throws CryptoError INVALID_ENCODING
 */
export function readPkcs8(reader: DerReader): EcPrivateKeyFields {
  const info = reader.readSequence();
  const version = info.readInteger(1); // v1 (0) or v2 (1): one octet
  if (version !== 0n) {
    throw new CryptoError(
      'INVALID_ENCODING',
      `pkcs8: version must be 0 (RFC 5208 §5)${version === 1n ? '; RFC 5958 v2 keys are not supported' : ''}`,
    );
  }
  parseEcAlgorithmIdentifier(info, 'pkcs8');
  const inner = new DerReader(info.readOctetString());
  const fields = readEcPrivateKey(inner, 'pkcs8', false);
  inner.assertEnd();
  if (info.peekTag() === DerTag.CONTEXT_0)
    throw new CryptoError('INVALID_ENCODING', 'pkcs8: attributes are not supported');
  info.assertEnd();
  return fields;
}

/**
 * Parses a P-256 PKCS#8 PrivateKeyInfo strictly.
 * @param der - the DER input
 * @returns d and the embedded public point if any (neither validated here)
 * @throws TypeError when `der` is not a Uint8Array; CryptoError INVALID_ENCODING for bad DER,
 *   a wrong version, another algorithm or curve, or a malformed ECPrivateKey
 * @example const { privateKey, publicKey } = parsePkcs8(der)
 */
export function parsePkcs8(der: Uint8Array): EcPrivateKeyFields {
  assertBytes(der, 'der');
  const reader = new DerReader(der);
  const fields = readPkcs8(reader);
  reader.assertEnd();
  return fields;
}
