/**
 * SubjectPublicKeyInfo for P-256 public keys (RFC 5280 §4.1.2.7, RFC 5480 §2), the
 * "PUBLIC KEY" that `openssl pkey -pubout` and node's `export({ type: 'spki' })` write.
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE {
 *     algorithm         AlgorithmIdentifier,  -- { id-ecPublicKey, namedCurve prime256v1 }
 *     subjectPublicKey  BIT STRING }          -- the SEC1 point (RFC 5480 §2.2), 0 unused bits
 *
 * For an uncompressed point the whole structure is 91 bytes:
 *   30 59 | 30 13 06 07 2a8648ce3d0201 06 08 2a8648ce3d030107 | 03 42 00 04 X Y
 *
 * This file only moves bytes: it returns the point's octets without deciding whether they
 * are a point. `PublicKey.fromDer` (public-key.ts) decodes and validates them.
 *
 * Not done here: other algorithms or curves, explicit curve parameters (see algorithm.ts).
 */
import { assertBytes } from '../bytes/index.js';
import { encodeEcAlgorithmIdentifier, parseEcAlgorithmIdentifier } from './algorithm.js';
import { DerReader, derBitString, derSequence } from './der.js';

/**
 * Wraps an encoded SEC1 point in a P-256 SubjectPublicKeyInfo.
 * @param point - the SEC1 point encoding (65 bytes uncompressed or 33 compressed)
 * @returns the DER SubjectPublicKeyInfo
 * @throws TypeError when `point` is not a Uint8Array
 * @example encodeSpki(encodePoint(Q, false)) // 30 59 30 13 …
 */
export function encodeSpki(point: Uint8Array): Uint8Array {
  assertBytes(point, 'point');
  return derSequence(encodeEcAlgorithmIdentifier(), derBitString(point));
}

/**
 * Parses a P-256 SubjectPublicKeyInfo strictly and returns the subjectPublicKey octets.
 * @param der - the DER input
 * @returns the SEC1 point octets (not yet validated as a point)
 * @throws TypeError when `der` is not a Uint8Array; CryptoError INVALID_ENCODING for bad
 *   DER, another algorithm or curve, or explicit parameters
 * @example const point = parseSpki(der) // then decodePoint(point)
 */
export function parseSpki(der: Uint8Array): Uint8Array {
  assertBytes(der, 'der');
  const outer = new DerReader(der);
  const spki = outer.readSequence();
  outer.assertEnd();
  parseEcAlgorithmIdentifier(spki, 'spki');
  const point = spki.readBitString();
  spki.assertEnd();
  return point;
}
