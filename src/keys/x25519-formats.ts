/**
 * The key formats of X25519: RFC 8410 (SubjectPublicKeyInfo and PKCS#8 with id-X25519) and
 * RFC 8037 (JWK with kty "OKP"). The same containers as P-256's, with a different
 * AlgorithmIdentifier and a 32-byte string where P-256 has a point and an ECPrivateKey.
 *
 *   id-X25519 OBJECT IDENTIFIER ::= { 1 3 101 110 }                  -- 06 03 2b 65 6e
 *   AlgorithmIdentifier: SEQUENCE { id-X25519 }, parameters ABSENT (RFC 8410 §3: "MUST be absent")
 *
 *   SubjectPublicKeyInfo (RFC 8410 §4), 44 bytes:
 *     30 2a | 30 05 06 03 2b656e | 03 21 00 ‖ u (32 bytes, RFC 7748 §5's encoding)
 *
 *   OneAsymmetricKey (RFC 5958 §2, RFC 8410 §7), 48 bytes as node and OpenSSL write it:
 *     30 2e | 02 01 00 | 30 05 06 03 2b656e | 04 22 04 20 ‖ k (32 bytes)
 *     version            INTEGER: 0 (v1), or 1 (v2, which may carry the public key)
 *     privateKey         OCTET STRING wrapping CurvePrivateKey ::= OCTET STRING (32 octets)
 *     attributes     [0] IMPLICIT, OPTIONAL: refused here (as for P-256)
 *     publicKey      [1] IMPLICIT BIT STRING, OPTIONAL, v2 only: read and returned (the
 *                        caller checks it equals X25519(k, 9)); never written
 *
 *   JWK (RFC 8037 §2): { "crv": "X25519", "d": b64u(k), "x": b64u(u), "kty": "OKP" }
 *     written in node's member order (crv, d, x, kty), so JSON.stringify gives node's text;
 *     "x" is required (§2: "MUST be present"), "d" only for a private key.
 *
 * This file only moves bytes: every 32-byte string is an X25519 key (RFC 7748 §5), so there
 * is nothing to validate beyond lengths; the key classes check that an embedded public key
 * matches the private one. Errors are CryptoError INVALID_ENCODING and never quote key bytes.
 *
 * Not done here: X448 (1.3.101.111), Ed25519 (1.3.101.112), encrypted PKCS#8.
 */
import { describeType } from '../bytes/assert.js';
import { assertBytes, base64UrlToBytes, bytesToBase64Url, equalBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import {
  DerReader,
  DerTag,
  derBitString,
  derInteger,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  oidFromString,
  oidToString,
} from './der.js';

/** id-X25519 (RFC 8410 §3), as DER content octets: 2b 65 6e. */
export const ID_X25519: Uint8Array = oidFromString('1.3.101.110');

/** The length of X25519 private and public keys (RFC 7748 §5). */
export const X25519_KEY_LENGTH = 32;

/** An X25519 JWK as ecdh-lab writes it (RFC 8037 §2), in node's member order. */
export interface OkpJwk {
  crv: 'X25519';
  /** Present only for a private key. */
  d?: string;
  x: string;
  kty: 'OKP';
}

/** The octets an X25519 PKCS#8 or JWK carries. */
export interface X25519Fields {
  /** The 32-byte private key k, when present. */
  privateKey?: Uint8Array;
  /** The 32-byte public key u, when present. */
  publicKey?: Uint8Array;
}

function fail(where: string, message: string): never {
  throw new CryptoError('INVALID_ENCODING', `${where}: ${message}`);
}

/** AlgorithmIdentifier { id-X25519 } with no parameters: 30 05 06 03 2b 65 6e. */
function encodeAlgorithm(): Uint8Array {
  return derSequence(derObjectIdentifier(ID_X25519));
}

/** Reads an AlgorithmIdentifier that must be id-X25519 without parameters. */
function readAlgorithm(reader: DerReader, where: string): void {
  const algorithm = reader.readSequence();
  const oid = algorithm.readObjectIdentifier();
  if (!equalBytes(oid, ID_X25519))
    fail(where, `unsupported algorithm ${oidToString(oid)} (expected id-X25519, 1.3.101.110)`);
  if (!algorithm.done) fail(where, 'id-X25519 parameters must be absent (RFC 8410 §3)');
}

/**
 * Whether a DER SubjectPublicKeyInfo or PKCS#8 names id-X25519 in its AlgorithmIdentifier
 * (a look at the structure only; the parsers check everything). False for anything else,
 * including input that is not DER, so that the P-256 parser reports on it.
 * @param der - the DER input
 * @param structure - 'spki' (the algorithm comes first) or 'pkcs8' (after the version)
 * @example namesX25519(der, 'spki') ? parseX25519Spki(der) : parseSpki(der)
 */
export function namesX25519(der: Uint8Array, structure: 'spki' | 'pkcs8'): boolean {
  assertBytes(der, 'der');
  try {
    const outer = new DerReader(der).readSequence();
    if (structure === 'pkcs8') outer.readInteger(1); // the version: one octet
    if (outer.peekTag() !== DerTag.SEQUENCE) return false;
    return equalBytes(outer.readSequence().readObjectIdentifier(), ID_X25519);
  } catch (error) {
    if (error instanceof CryptoError) return false;
    throw error;
  }
}

/**
 * Writes an X25519 SubjectPublicKeyInfo (RFC 8410 §4).
 * @param publicKey - the 32-byte u-coordinate
 * @returns 44 bytes of DER, as node and OpenSSL write them
 * @throws TypeError / RangeError for a wrong type or length
 * @example encodeX25519Spki(u) // 30 2a 30 05 06 03 2b 65 6e 03 21 00 …
 */
export function encodeX25519Spki(publicKey: Uint8Array): Uint8Array {
  assertBytes(publicKey, 'publicKey', X25519_KEY_LENGTH);
  return derSequence(encodeAlgorithm(), derBitString(publicKey));
}

/**
 * Parses an X25519 SubjectPublicKeyInfo strictly.
 * @param der - the DER input
 * @returns the 32-byte public key (a fresh copy)
 * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER, another
 *   algorithm, parameters, or a key that is not 32 octets
 * @example const u = parseX25519Spki(der)
 */
export function parseX25519Spki(der: Uint8Array): Uint8Array {
  assertBytes(der, 'der');
  const outer = new DerReader(der);
  const spki = outer.readSequence();
  outer.assertEnd();
  readAlgorithm(spki, 'spki');
  const key = spki.readBitString();
  spki.assertEnd();
  if (key.length !== X25519_KEY_LENGTH)
    fail('spki', `an X25519 public key must be 32 octets (RFC 8410 §4), got ${key.length}`);
  return key;
}

/**
 * Writes an X25519 OneAsymmetricKey, version 0 without the public key (RFC 8410 §7), as
 * node's `export({ type: 'pkcs8' })` and `openssl genpkey -algorithm X25519` do.
 * @param privateKey - the 32-byte private key
 * @returns 48 bytes of DER
 * @throws TypeError / RangeError for a wrong type or length
 * @example encodeX25519Pkcs8(k) // 30 2e 02 01 00 30 05 06 03 2b 65 6e 04 22 04 20 …
 */
export function encodeX25519Pkcs8(privateKey: Uint8Array): Uint8Array {
  assertBytes(privateKey, 'privateKey', X25519_KEY_LENGTH);
  return derSequence(derInteger(0n), encodeAlgorithm(), derOctetString(derOctetString(privateKey)));
}

/**
 * Parses an X25519 OneAsymmetricKey (PKCS#8) strictly: version 0, or version 1 with an
 * optional [1] publicKey; no attributes.
 * @param der - the DER input
 * @returns the private key and, for a v2 key that carries it, the public key (fresh copies)
 * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER, another
 *   version or algorithm, parameters, attributes, or a key that is not 32 octets
 * @example const { privateKey } = parseX25519Pkcs8(der)
 */
export function parseX25519Pkcs8(der: Uint8Array): X25519Fields & { privateKey: Uint8Array } {
  assertBytes(der, 'der');
  const outer = new DerReader(der);
  const info = outer.readSequence();
  outer.assertEnd();
  const version = info.readInteger(1);
  if (version !== 0n && version !== 1n) fail('pkcs8', 'version must be 0 or 1 (RFC 5958 §2)');
  readAlgorithm(info, 'pkcs8');
  const inner = new DerReader(info.readOctetString());
  const privateKey = inner.readOctetString(); // CurvePrivateKey (RFC 8410 §7)
  inner.assertEnd();
  if (privateKey.length !== X25519_KEY_LENGTH)
    fail(
      'pkcs8',
      `an X25519 private key must be 32 octets (RFC 8410 §7), got ${privateKey.length}`,
    );
  if (info.peekTag() === DerTag.CONTEXT_0) fail('pkcs8', 'attributes are not supported');
  const fields: X25519Fields & { privateKey: Uint8Array } = { privateKey };
  if (!info.done) {
    // [1] IMPLICIT BIT STRING: tag 0x81 (context-specific, primitive, number 1), v2 only.
    const element = info.readAny();
    if (element.tag !== 0x81 || version !== 1n)
      fail('pkcs8', 'unexpected field after privateKey (only a v2 [1] publicKey is allowed)');
    const bits = element.contents;
    if (bits.length !== 1 + X25519_KEY_LENGTH || bits[0] !== 0)
      fail('pkcs8', 'the [1] publicKey must be 32 octets with no unused bits (RFC 8410 §4)');
    fields.publicKey = bits.slice(1);
  }
  info.assertEnd();
  return fields;
}

/**
 * Writes an X25519 JWK (RFC 8037 §2) in node's member order.
 * @param fields - the public key (32 bytes) and, for a private key, the private key
 * @returns a fresh JWK object
 * @throws TypeError / RangeError for wrong types or lengths
 * @example encodeX25519Jwk({ publicKey: u }) // { crv: 'X25519', x: '…', kty: 'OKP' }
 */
export function encodeX25519Jwk(fields: X25519Fields & { publicKey: Uint8Array }): OkpJwk {
  assertBytes(fields.publicKey, 'publicKey', X25519_KEY_LENGTH);
  if (fields.privateKey === undefined)
    return { crv: 'X25519', x: bytesToBase64Url(fields.publicKey), kty: 'OKP' };
  assertBytes(fields.privateKey, 'privateKey', X25519_KEY_LENGTH);
  return {
    crv: 'X25519',
    d: bytesToBase64Url(fields.privateKey),
    x: bytesToBase64Url(fields.publicKey),
    kty: 'OKP',
  };
}

function readMember(jwk: Record<string, unknown>, name: 'x' | 'd'): Uint8Array {
  const value = jwk[name];
  if (typeof value !== 'string')
    fail('jwk', `member "${name}" must be a string, got ${describeType(value)}`);
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(value);
  } catch (error) {
    if (error instanceof RangeError)
      fail('jwk', `member "${name}" is not unpadded base64url (RFC 7515 §2)`);
    throw error;
  }
  if (bytes.length !== X25519_KEY_LENGTH)
    fail('jwk', `member "${name}" must encode 32 octets (RFC 8037 §2), got ${bytes.length}`);
  return bytes;
}

/**
 * Parses an X25519 JWK (RFC 8037 §2): kty "OKP", crv "X25519", x, and d for a private key.
 * Other members are ignored (RFC 7517 §4).
 * @param jwk - a plain object (checked by the caller)
 * @param kind - 'public' refuses "d"; 'private' requires it
 * @returns the octets of x (and d)
 * @throws CryptoError INVALID_ENCODING for another kty or crv, or a missing or malformed member
 * @example parseX25519Jwk(JSON.parse(text), 'public').publicKey
 */
export function parseX25519Jwk(
  jwk: Record<string, unknown>,
  kind: 'public' | 'private',
): X25519Fields & { publicKey: Uint8Array } {
  if (jwk.kty !== 'OKP') fail('jwk', 'kty must be "OKP" (RFC 8037 §2)');
  if (jwk.crv !== 'X25519')
    fail('jwk', 'crv must be "X25519" (only X25519 OKP keys are supported)');
  const fields: X25519Fields & { publicKey: Uint8Array } = { publicKey: readMember(jwk, 'x') };
  if (kind === 'private') fields.privateKey = readMember(jwk, 'd');
  else if ('d' in jwk)
    fail('jwk', 'has a private member "d"; use PrivateKey.fromJwk for private keys');
  return fields;
}
