/**
 * PublicKey: a validated public key on P-256 or X25519, and its formats (the protocol tier,
 * shaped like Go's crypto/ecdh and the tutorial's `public_key()`). `key.curve` says which.
 *
 * P-256. A PublicKey exists only for a point Q that passed SP 800-56A rev3 §5.6.2.3.3 full
 * public key validation — not the point at infinity, coordinates in [0, p−1], on the curve (the
 * order check n·Q = O is implied by the cofactor h = 1). Every factory validates exactly once
 * (bytes through `decodePoint`, a point object through `parsePublicPoint`) and the key keeps
 * the frozen PublicPoint that check returned, so an invalid-curve point can never reach the
 * ladder or an export, and nothing downstream (exchange, verify, toRaw) validates it again.
 * Go's crypto/ecdh has the same shape: NewPublicKey checks, then the type is the proof.
 *
 *   raw   SEC 1 §2.3.3 point: 0x04 ‖ X ‖ Y (65 bytes) or 0x02|ỹ ‖ X (33 bytes)
 *   DER   SubjectPublicKeyInfo (RFC 5480; spki.ts), uncompressed point, as node and OpenSSL write
 *   PEM   "PUBLIC KEY" armor of the DER (RFC 7468; pem.ts)
 *   JWK   { kty: "EC", x, y, crv: "P-256" } (RFC 7518 §6.2; jwk.ts)
 *
 * Compressed points are accepted everywhere a point is read (SPKI included); writing uses
 * the uncompressed form unless `toRaw({ compressed: true })` asks otherwise.
 *
 * X25519. The key is the 32-byte u-coordinate of RFC 7748 §5, kept exactly as given: every
 * 32-byte string is a public key (bit 255 is masked and non-canonical values are reduced when
 * the key is used, as §5 says), so there is nothing to validate but the length, as in node
 * and OpenSSL. A key of small order is not refused here but by `exchange`, whose all-zero
 * result it would be (CryptoError INVALID_POINT, x25519.ts).
 *
 *   raw   the 32 bytes: `PublicKey.fromRaw(bytes, { curve: 'X25519' })`
 *   DER   SubjectPublicKeyInfo with id-X25519 (RFC 8410 §4; x25519-formats.ts), 44 bytes
 *   PEM   "PUBLIC KEY", like P-256's: fromPem/fromDer tell the curves apart by the algorithm
 *   JWK   { crv: "X25519", x, kty: "OKP" } (RFC 8037 §2)
 *
 * `verify(message, signature, options?)` checks an ECDSA signature (FIPS 186-5 §6.4.2;
 * src/ecdsa) under a P-256 key: false for a wrong or malformed signature, an error only for
 * misuse. An X25519 key cannot verify (CryptoError CURVE_MISMATCH).
 */
import { assertBytes, concatBytes, equalBytes } from '../bytes/index.js';
import type { AffinePoint } from '../curve/affine.js';
import { decodePoint, encodePublicPoint } from '../curve/encoding.js';
import { parsePublicPoint, type PublicPoint } from '../ecdh/validate.js';
import { ecdsaVerifyBytes, type VerifyOptions } from '../ecdsa/ecdsa.js';
import { fieldToBytes } from '../math/field.js';
import { encodeJwk, parseJwk, type EcJwk } from './jwk.js';
import { decodePem, encodePem } from './pem.js';
import { curveMismatch, curveOption, type CurveOptions, type KeyCurve } from './key-curve.js';
import { encodeSpki, parseSpki } from './spki.js';
import {
  encodeX25519Jwk,
  encodeX25519Spki,
  namesX25519,
  type OkpJwk,
  parseX25519Jwk,
  parseX25519Spki,
  X25519_KEY_LENGTH,
} from './x25519-formats.js';

/** Options for `PublicKey.toRaw`. */
export interface PublicKeyRawOptions {
  /** P-256: true for the 33-byte compressed form; false (default) for 65 bytes uncompressed. */
  compressed?: boolean;
}

/** A public JWK: EC (P-256, RFC 7518) or OKP (X25519, RFC 8037). */
export type PublicJwk = EcJwk | OkpJwk;

/**
 * Only this module can call the constructor: it is the proof that the point or bytes given to
 * it went through a validating factory (TypeScript's `private` alone does not stop JavaScript).
 */
const FACTORY = Symbol('PublicKey factory');

/** Set by the class's static block: the trusted path of publicKeyOfPoint. */
let ofValidPoint: (point: PublicPoint) => PublicKey;

export class PublicKey {
  /** P-256: the validated point; undefined for X25519. */
  readonly #point: PublicPoint | undefined;
  /** X25519: the 32-byte u-coordinate as given; undefined for P-256. */
  readonly #u: Uint8Array | undefined;

  /** Use the static factories; they all validate, once. */
  private constructor(token: symbol, point: PublicPoint | undefined, u?: Uint8Array) {
    if (token !== FACTORY)
      throw new TypeError(
        'PublicKey: use PublicKey.fromRaw, fromDer, fromPem, fromJwk or fromPoint',
      );
    if (point === undefined) {
      assertBytes(u, 'publicKey', X25519_KEY_LENGTH);
      this.#u = u.slice();
    } else {
      this.#point = point;
    }
    Object.freeze(this);
  }

  static {
    // publicKeyOfPoint (below) is the one caller outside the class.
    ofValidPoint = (point) => new PublicKey(FACTORY, point);
  }

  /**
   * A public key from an affine point (math tier → protocol tier).
   * @param point - { x, y } as bigints
   * @returns the validated key
   * @throws TypeError for a non-point; CryptoError INVALID_POINT for O, a coordinate outside [0, p−1] or a point off the curve
   * @example PublicKey.fromPoint(G)
   */
  static fromPoint(point: AffinePoint): PublicKey {
    return new PublicKey(FACTORY, parsePublicPoint(point)); // read once, validated once
  }

  /**
   * Parses a raw public key: for P-256 (the default) a SEC 1 encoded point (SEC 1 §2.3.4), for
   * X25519 the 32-byte u-coordinate (RFC 7748 §5).
   * @param bytes - P-256: 65 bytes uncompressed (0x04 ‖ X ‖ Y) or 33 bytes compressed
   *   (0x02/0x03 ‖ X); X25519: 32 bytes
   * @param options - `{ curve: 'X25519' }` for an X25519 key; P-256 by default
   * @returns the validated key
   * @throws TypeError when not a Uint8Array or for a bad option; RangeError for an X25519 key
   *   that is not 32 bytes; CryptoError INVALID_ENCODING for a wrong P-256 length or prefix;
   *   CryptoError INVALID_POINT for a P-256 point that is not a valid public key
   * @example PublicKey.fromRaw(peerBytes).equals(other)
   * @example PublicKey.fromRaw(u, { curve: 'X25519' }).curve // 'X25519'
   */
  static fromRaw(bytes: Uint8Array, options?: CurveOptions): PublicKey {
    if (curveOption(options) === 'X25519') {
      assertBytes(bytes, 'bytes', X25519_KEY_LENGTH);
      return new PublicKey(FACTORY, undefined, bytes);
    }
    return new PublicKey(FACTORY, decodePoint(bytes)); // validated once
  }

  /**
   * Parses a DER SubjectPublicKeyInfo: id-ecPublicKey with namedCurve prime256v1 (RFC 5480),
   * or id-X25519 (RFC 8410); the algorithm decides the curve.
   * @param der - the DER bytes
   * @returns the validated key
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER,
   *   another algorithm or curve, or explicit parameters; CryptoError INVALID_POINT for an invalid point
   * @example PublicKey.fromDer(fs.readFileSync('peer.der'))
   */
  static fromDer(der: Uint8Array): PublicKey {
    if (namesX25519(der, 'spki')) return new PublicKey(FACTORY, undefined, parseX25519Spki(der));
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
   * Parses a public JWK: kty "EC" with crv "P-256" (RFC 7518 §6.2.1) or kty "OKP" with crv
   * "X25519" (RFC 8037 §2); a JWK carrying "d" is refused.
   * @param jwk - the parsed JSON object
   * @returns the validated key
   * @throws TypeError when not a plain object; CryptoError INVALID_ENCODING for a malformed
   *   JWK; CryptoError INVALID_POINT for an invalid point
   * @example PublicKey.fromJwk(JSON.parse(text)) // text: '{"kty":"EC","x":"…","y":"…","crv":"P-256"}'
   */
  static fromJwk(jwk: PublicJwk | Record<string, unknown>): PublicKey {
    if (isOkpJwk(jwk))
      return new PublicKey(FACTORY, undefined, parseX25519Jwk(jwk, 'public').publicKey);
    const { x, y } = parseJwk(jwk, 'public');
    return PublicKey.fromRaw(concatBytes(Uint8Array.of(0x04), x, y));
  }

  /** 'P-256' or 'X25519'. */
  get curve(): KeyCurve {
    return this.#point === undefined ? 'X25519' : 'P-256';
  }

  /**
   * The point Q (frozen), for the math tier.
   * @throws CryptoError CURVE_MISMATCH for an X25519 key (it has a u-coordinate only: toRaw())
   */
  get point(): PublicPoint {
    if (this.#point === undefined)
      throw curveMismatch(
        'PublicKey.point: an X25519 key is a u-coordinate, not a P-256 point (use toRaw())',
      );
    return this.#point;
  }

  /**
   * The raw key: for P-256 the SEC 1 encoding of Q (SEC 1 §2.3.3), for X25519 the 32 bytes.
   * @param options - P-256: `{ compressed: true }` for 33 bytes; 65 bytes uncompressed by default
   * @returns fresh bytes
   * @throws TypeError when `compressed` is given and is not a boolean, or is true for X25519
   * @example key.toRaw({ compressed: true }) // 0x02 or 0x03, then X
   */
  toRaw(options: PublicKeyRawOptions = {}): Uint8Array {
    if (Object.prototype.toString.call(options) !== '[object Object]')
      throw new TypeError('options must be an object');
    const compressed = options.compressed === undefined ? false : options.compressed;
    if (typeof compressed !== 'boolean')
      throw new TypeError(`options.compressed must be a boolean, got ${typeof compressed}`);
    if (this.#point === undefined) {
      if (compressed)
        throw new TypeError('options.compressed is for P-256 keys; an X25519 key has one form');
      return this.#u!.slice();
    }
    return encodePublicPoint(this.#point, compressed);
  }

  /**
   * DER SubjectPublicKeyInfo (P-256 with the uncompressed point, or id-X25519); byte-identical
   * to node's `export({ type: 'spki', format: 'der' })`.
   * @example key.toDer().length // 91 (P-256), 44 (X25519)
   */
  toDer(): Uint8Array {
    return this.#point === undefined ? encodeX25519Spki(this.#u!) : encodeSpki(this.toRaw());
  }

  /**
   * PEM "PUBLIC KEY"; identical to node's and OpenSSL's output.
   * @example key.toPem() // '-----BEGIN PUBLIC KEY-----\n…'
   */
  toPem(): string {
    return encodePem('PUBLIC KEY', this.toDer());
  }

  /**
   * Public JWK, member order as node writes it: { kty, x, y, crv } for P-256 (RFC 7518 §6.2.1),
   * { crv, x, kty } for X25519 (RFC 8037 §2).
   * @example JSON.stringify(key.toJwk())
   */
  toJwk(): PublicJwk {
    if (this.#point === undefined) return encodeX25519Jwk({ publicKey: this.#u! });
    return encodeJwk({ x: fieldToBytes(this.#point.x), y: fieldToBytes(this.#point.y) });
  }

  /** The point for ECDSA, or CURVE_MISMATCH for an X25519 key. */
  #ecdsaPoint(): PublicPoint {
    if (this.#point === undefined)
      throw curveMismatch('ecdsa: an X25519 key cannot verify signatures (ECDSA needs P-256)');
    return this.#point;
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
   *   format, a hash that is not a hash function; CryptoError CURVE_MISMATCH for an X25519 key
   * @example key.verify(utf8ToBytes('hello'), signature) // true
   */
  verify(message: Uint8Array, signature: Uint8Array, options?: VerifyOptions): boolean {
    return ecdsaVerifyBytes(this.#ecdsaPoint(), message, false, signature, options);
  }

  /**
   * `verify` for a caller that already holds the digest H(message) (the prehashed form).
   * @param digest - exactly `options.hash.outputLength` bytes
   * @param signature - as for `verify`
   * @param options - as for `verify`
   * @returns true for a valid signature; false for a wrong or malformed one
   * @throws TypeError as `verify`; RangeError for a digest of the wrong length; CryptoError
   *   CURVE_MISMATCH for an X25519 key
   * @example key.verifyDigest(sha256(message), signature) // true
   */
  verifyDigest(digest: Uint8Array, signature: Uint8Array, options?: VerifyOptions): boolean {
    return ecdsaVerifyBytes(this.#ecdsaPoint(), digest, true, signature, options);
  }

  /**
   * Whether `other` is the same public key: the same curve and the same point or bytes
   * (public values: a plain comparison).
   * @throws TypeError when `other` is not a PublicKey
   * @example a.publicKey.equals(PublicKey.fromPem(pem))
   */
  equals(other: PublicKey): boolean {
    if (!(other instanceof PublicKey)) throw new TypeError('other must be a PublicKey');
    if (this.#point === undefined || other.#point === undefined)
      return this.#u !== undefined && other.#u !== undefined && equalBytes(this.#u, other.#u);
    return this.#point.x === other.#point.x && this.#point.y === other.#point.y;
  }
}

/**
 * The PublicKey of a point that is valid by construction, without validating it again: Q = d·G
 * for a private key's d (PrivateKey.publicKey). Internal: no entry point exports it.
 */
export function publicKeyOfPoint(point: PublicPoint): PublicKey {
  return ofValidPoint(point);
}

/** Whether `jwk` is a plain object with kty "OKP" (RFC 8037), the X25519 path. */
export function isOkpJwk(jwk: unknown): jwk is Record<string, unknown> {
  return (
    Object.prototype.toString.call(jwk) === '[object Object]' &&
    (jwk as Record<string, unknown>).kty === 'OKP'
  );
}

/**
 * Throws unless `value` is a PublicKey (for functions that take one).
 * @throws TypeError naming the argument
 */
export function assertPublicKey(value: unknown, name: string): asserts value is PublicKey {
  if (!(value instanceof PublicKey)) throw new TypeError(`${name} must be a PublicKey`);
}
