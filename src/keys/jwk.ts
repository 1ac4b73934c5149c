/**
 * JSON Web Key for P-256 (RFC 7517 §4, RFC 7518 §6.2).
 *
 *   { "kty": "EC", "x": b64u(X), "y": b64u(Y), "crv": "P-256", "d": b64u(d) }
 *
 * x, y (§6.2.1.2–3) and d (§6.2.2.1) are base64url without padding of the full-width
 * field element or scalar: exactly 32 octets each for P-256, leading zeros kept, so 43
 * characters. Members are written in node's order (kty, x, y, crv, d), so
 * JSON.stringify gives the same text as node's `export({ format: 'jwk' })`.
 *
 * Reading is strict about what it uses: kty must be "EC", crv "P-256", and x, y (and d
 * for a private key) canonical unpadded base64url of exactly 32 octets. Other members
 * (use, key_ops, kid, alg, ext, …) are ignored, as RFC 7517 §4 requires for members an
 * implementation does not understand. A public-key import refuses a JWK carrying d, so a
 * private key is never silently treated as a public one.
 *
 * This file only moves bytes; `PublicKey.fromJwk` / `PrivateKey.fromJwk` validate the
 * point and the scalar, and check that x, y match d·G.
 */
import { describeType } from '../bytes/assert.js';
import { assertBytes, base64UrlToBytes, bytesToBase64Url } from '../bytes/index.js';
import { CryptoError } from '../errors.js';

/** A P-256 JWK as ecdh-lab writes it (and the members it reads). */
export interface EcJwk {
  kty: 'EC';
  x: string;
  y: string;
  crv: 'P-256';
  /** Present only for a private key. */
  d?: string;
}

/** The octets a JWK carries. */
export interface JwkFields {
  x: Uint8Array;
  y: Uint8Array;
  d?: Uint8Array;
}

const COORDINATE_LENGTH = 32;

/**
 * Writes a P-256 JWK from coordinate (and scalar) octets.
 * @param fields - x, y (32 bytes each) and, for a private key, d (32 bytes)
 * @returns a fresh JWK object
 * @throws TypeError / RangeError for wrong types or lengths
 * @example encodeJwk({ x, y }) // { kty: 'EC', x: '…', y: '…', crv: 'P-256' }
 */
export function encodeJwk(fields: JwkFields): EcJwk {
  assertBytes(fields.x, 'x', COORDINATE_LENGTH);
  assertBytes(fields.y, 'y', COORDINATE_LENGTH);
  const jwk: EcJwk = {
    kty: 'EC',
    x: bytesToBase64Url(fields.x),
    y: bytesToBase64Url(fields.y),
    crv: 'P-256',
  };
  if (fields.d !== undefined) {
    assertBytes(fields.d, 'd', COORDINATE_LENGTH);
    jwk.d = bytesToBase64Url(fields.d);
  }
  return jwk;
}

function fail(message: string): never {
  throw new CryptoError('INVALID_ENCODING', `jwk: ${message}`);
}

function readMember(jwk: Record<string, unknown>, name: 'x' | 'y' | 'd'): Uint8Array {
  const value = jwk[name];
  if (typeof value !== 'string')
    fail(`member "${name}" must be a string, got ${describeType(value)}`);
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(value);
  } catch (error) {
    if (error instanceof RangeError)
      fail(`member "${name}" is not unpadded base64url (RFC 7515 §2)`);
    throw error;
  }
  if (bytes.length !== COORDINATE_LENGTH)
    fail(
      `member "${name}" must encode ${COORDINATE_LENGTH} octets (RFC 7518 §6.2), got ${bytes.length}`,
    );
  return bytes;
}

/**
 * Parses a P-256 JWK.
 * @param jwk - the parsed JSON object (not a JSON string)
 * @param kind - 'public' refuses a "d" member; 'private' requires it
 * @returns the octets of x, y (and d)
 * @throws TypeError when `jwk` is not a plain object (as JSON.parse returns); CryptoError INVALID_ENCODING for a
 *   wrong kty or crv, or a missing or malformed member
 * @example parseJwk(JSON.parse(text), 'public')
 */
export function parseJwk(jwk: unknown, kind: 'public' | 'private'): JwkFields {
  // "[object Object]" for plain objects from any realm; arrays, byte arrays, Maps and strings are refused.
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    Object.prototype.toString.call(jwk) !== '[object Object]'
  ) {
    throw new TypeError(`jwk must be an object, got ${describeType(jwk)}`);
  }
  const members = jwk as Record<string, unknown>;
  if (members.kty !== 'EC') fail('kty must be "EC" (RFC 7518 §6.1)');
  if (members.crv !== 'P-256') fail('crv must be "P-256" (RFC 7518 §6.2.1.1)');
  const fields: JwkFields = { x: readMember(members, 'x'), y: readMember(members, 'y') };
  if (kind === 'private') fields.d = readMember(members, 'd');
  else if ('d' in members)
    fail('has a private member "d"; use PrivateKey.fromJwk for private keys');
  return fields;
}
