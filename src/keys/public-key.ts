/**
 * PublicKey: a validated P-256 public key, and its formats (the protocol tier, shaped like
 * Go's crypto/ecdh and the tutorial's `public_key()`).
 *
 * A PublicKey exists only for a point Q that passed SP 800-56A rev3 §5.6.2.3.3 full public
 * key validation — not the point at infinity, coordinates in [0, p−1], on the curve (the
 * order check n·Q = O is implied by the cofactor h = 1). Every factory validates (the raw
 * point through `decodePoint`, then the constructor once more, on the one copy it keeps), so an
 * invalid-curve point can never reach the ladder or an export.
 *
 *   raw   SEC 1 §2.3.3 point: 0x04 ‖ X ‖ Y (65 bytes) or 0x02|ỹ ‖ X (33 bytes)
 *   DER   SubjectPublicKeyInfo (RFC 5480; spki.ts), uncompressed point, as node and OpenSSL write
 *   PEM   "PUBLIC KEY" armor of the DER (RFC 7468; pem.ts)
 *   JWK   { kty: "EC", x, y, crv: "P-256" } (RFC 7518 §6.2; jwk.ts)
 *
 * Compressed points are accepted everywhere a point is read (SPKI included); writing uses
 * the uncompressed form unless `toRaw({ compressed: true })` asks otherwise.
 *
 * `verify(message, signature, options?)` checks an ECDSA signature (FIPS 186-5 §6.4.2;
 * src/ecdsa): false for a wrong or malformed signature, an error only for misuse.
 */
import { concatBytes } from '../bytes/index.js';
import type { AffinePoint } from '../curve/affine.js';
import { decodePoint, encodePoint } from '../curve/encoding.js';
import { parsePublicPoint } from '../ecdh/validate.js';
import { ecdsaVerifyBytes, type VerifyOptions } from '../ecdsa/ecdsa.js';
import { fieldToBytes } from '../math/field.js';
import { encodeJwk, parseJwk, type EcJwk } from './jwk.js';
import { decodePem, encodePem } from './pem.js';
import { encodeSpki, parseSpki } from './spki.js';

/** Options for `PublicKey.toRaw`. */
export interface PublicKeyRawOptions {
  /** true for the 33-byte compressed form; false (default) for 65 bytes uncompressed. */
  compressed?: boolean;
}

export class PublicKey {
  readonly #point: AffinePoint;

  /**
   * Use the static factories; they all validate. The point is read once into a frozen copy of
   * bigints, that copy is validated, and the copy is what the key keeps: a getter (or a Proxy)
   * cannot pass validation with one point and be stored as another.
   */
  private constructor(point: AffinePoint) {
    this.#point = parsePublicPoint(point);
    Object.freeze(this);
  }

  /**
   * A public key from an affine point (math tier → protocol tier).
   * @param point - { x, y } as bigints
   * @returns the validated key
   * @throws TypeError for a non-point; CryptoError INVALID_POINT for O, a coordinate outside [0, p−1] or a point off the curve
   * @example PublicKey.fromPoint(G)
   */
  static fromPoint(point: AffinePoint): PublicKey {
    return new PublicKey(point);
  }

  /**
   * Parses a SEC 1 encoded point (SEC 1 §2.3.4).
   * @param bytes - 65 bytes uncompressed (0x04 ‖ X ‖ Y) or 33 bytes compressed (0x02/0x03 ‖ X)
   * @returns the validated key
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for a wrong length or
   *   prefix; CryptoError INVALID_POINT for a point that is not a valid public key
   * @example PublicKey.fromRaw(peerBytes).equals(other)
   */
  static fromRaw(bytes: Uint8Array): PublicKey {
    return new PublicKey(decodePoint(bytes));
  }

  /**
   * Parses a DER SubjectPublicKeyInfo (id-ecPublicKey, namedCurve prime256v1).
   * @param der - the DER bytes
   * @returns the validated key
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER,
   *   another algorithm or curve, or explicit parameters; CryptoError INVALID_POINT for an invalid point
   * @example PublicKey.fromDer(fs.readFileSync('peer.der'))
   */
  static fromDer(der: Uint8Array): PublicKey {
    return PublicKey.fromRaw(parseSpki(der));
  }

  /**
   * Parses a PEM "PUBLIC KEY" (SubjectPublicKeyInfo).
   * @param pem - the PEM text: exactly one "PUBLIC KEY" block
   * @returns the validated key
   * @throws TypeError when not a string; CryptoError INVALID_ENCODING / INVALID_POINT as `fromDer`, or for bad armor
   * @example PublicKey.fromPem(fs.readFileSync('peer.pem', 'utf8'))
   */
  static fromPem(pem: string): PublicKey {
    return PublicKey.fromDer(decodePem(pem, 'PUBLIC KEY').der);
  }

  /**
   * Parses a public P-256 JWK (RFC 7518 §6.2.1); a JWK carrying "d" is refused.
   * @param jwk - the parsed JSON object
   * @returns the validated key
   * @throws TypeError when not a plain object; CryptoError INVALID_ENCODING for a malformed
   *   JWK; CryptoError INVALID_POINT for an invalid point
   * @example PublicKey.fromJwk(JSON.parse(text)) // text: '{"kty":"EC","x":"…","y":"…","crv":"P-256"}'
   */
  static fromJwk(jwk: EcJwk | Record<string, unknown>): PublicKey {
    const { x, y } = parseJwk(jwk, 'public');
    return PublicKey.fromRaw(concatBytes(Uint8Array.of(0x04), x, y));
  }

  /** The point Q (frozen), for the math tier. */
  get point(): AffinePoint {
    return this.#point;
  }

  /**
   * The SEC 1 encoding of Q (SEC 1 §2.3.3).
   * @param options - `{ compressed: true }` for 33 bytes; 65 bytes uncompressed by default
   * @returns fresh bytes
   * @throws TypeError when `compressed` is given and is not a boolean
   * @example key.toRaw({ compressed: true }) // 0x02 or 0x03, then X
   */
  toRaw(options: PublicKeyRawOptions = {}): Uint8Array {
    if (Object.prototype.toString.call(options) !== '[object Object]')
      throw new TypeError('options must be an object');
    const compressed = options.compressed === undefined ? false : options.compressed;
    if (typeof compressed !== 'boolean')
      throw new TypeError(`options.compressed must be a boolean, got ${typeof compressed}`);
    return encodePoint(this.#point, compressed);
  }

  /**
   * DER SubjectPublicKeyInfo with the uncompressed point; byte-identical to node's
   * `export({ type: 'spki', format: 'der' })`.
   * @example key.toDer().length // 91
   */
  toDer(): Uint8Array {
    return encodeSpki(this.toRaw());
  }

  /**
   * PEM "PUBLIC KEY"; identical to node's and OpenSSL's output.
   * @example key.toPem() // '-----BEGIN PUBLIC KEY-----\n…'
   */
  toPem(): string {
    return encodePem('PUBLIC KEY', this.toDer());
  }

  /**
   * Public JWK { kty, x, y, crv } (RFC 7518 §6.2.1), member order as node writes it.
   * @example JSON.stringify(key.toJwk())
   */
  toJwk(): EcJwk {
    return encodeJwk({ x: fieldToBytes(this.#point.x), y: fieldToBytes(this.#point.y) });
  }

  /**
   * Verifies an ECDSA signature of `message` under this key (FIPS 186-5 §6.4.2;
   * src/ecdsa/ecdsa.ts). Variable time: everything involved is public.
   * @param message - the message, hashed here with `options.hash`
   * @param signature - DER (default) or P1363 bytes; the DER parser is strict (no BER, no
   *   non-minimal or negative INTEGERs, no trailing bytes), and r, s must be in [1, n − 1]
   * @param options - `hash`: sha256 (default), sha384 or sha512; `format`: 'der' (default) or
   *   'p1363'; `lowS`: also reject s > n/2
   * @returns true for a valid signature; false for a wrong or malformed one
   * @throws TypeError only for misuse: a non-Uint8Array message or signature, an unknown
   *   format, a hash that is not a hash function
   * @example key.verify(utf8ToBytes('hello'), signature) // true
   */
  verify(message: Uint8Array, signature: Uint8Array, options?: VerifyOptions): boolean {
    return ecdsaVerifyBytes(this.#point, message, false, signature, options);
  }

  /**
   * `verify` for a caller that already holds the digest H(message) (the prehashed form).
   * @param digest - exactly `options.hash.outputLength` bytes
   * @param signature - as for `verify`
   * @param options - as for `verify`
   * @returns true for a valid signature; false for a wrong or malformed one
   * @throws TypeError as `verify`; RangeError for a digest of the wrong length
   * @example key.verifyDigest(sha256(message), signature) // true
   */
  verifyDigest(digest: Uint8Array, signature: Uint8Array, options?: VerifyOptions): boolean {
    return ecdsaVerifyBytes(this.#point, digest, true, signature, options);
  }

  /**
   * Whether `other` is the same public key (public values: a plain comparison).
   * @throws TypeError when `other` is not a PublicKey
   * @example a.publicKey.equals(PublicKey.fromPem(pem))
   */
  equals(other: PublicKey): boolean {
    if (!(other instanceof PublicKey)) throw new TypeError('other must be a PublicKey');
    return this.#point.x === other.#point.x && this.#point.y === other.#point.y;
  }
}

/**
 * Throws unless `value` is a PublicKey (for functions that take one).
 * @throws TypeError naming the argument
 */
export function assertPublicKey(value: unknown, name: string): asserts value is PublicKey {
  if (!(value instanceof PublicKey)) throw new TypeError(`${name} must be a PublicKey`);
}
