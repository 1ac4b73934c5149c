/**
 * PrivateKey: a private key on P-256 (d ∈ [1, n−1]) or X25519 (32 bytes k), its public key,
 * the Diffie-Hellman exchange, and its formats (the protocol tier; the tutorial's
 * `ec.generate_private_key(ec.SECP256R1())`, `public_key()` and `exchange(ec.ECDH(), peer)`).
 * One class for both curves; `key.curve` says which.
 *
 *   generatePrivateKey()          d uniform in [1, n−1] by rejection sampling (ecdh.ts)
 *   key.publicKey                 Q = d·G (fixed-base multiplication), computed once
 *   key.exchange(peer)            Z = x(d·Q_peer), 32 bytes (SEC 1 §3.3.1) — feed it to HKDF
 *   key.sign(message, options?)   an ECDSA signature (FIPS 186-5 §6.4, RFC 6979 nonces; src/ecdsa)
 *
 * Formats:
 *   raw   d as 32 big-endian bytes
 *   DER   read: PKCS#8 PrivateKeyInfo or SEC1 ECPrivateKey, told apart by structure (the
 *         field after the version is an AlgorithmIdentifier SEQUENCE in PKCS#8, an OCTET
 *         STRING in SEC1), never by length; written: PKCS#8 (default) or SEC1, byte-identical
 *         to node's `export({ type: 'pkcs8' | 'sec1' })`
 *   PEM   "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC1; the label decides), optionally
 *         preceded by the "EC PARAMETERS" block `openssl ecparam -genkey` writes without -noout
 *   JWK   { kty, x, y, crv, d } (RFC 7518 §6.2.2)
 *
 * Parse, then trust: d is checked to be in [1, n−1] (INVALID_SCALAR), and when a format
 * carries the public key too (SEC1/PKCS#8 [1] publicKey, JWK x and y) it must be a valid
 * point (INVALID_POINT) equal to d·G (INVALID_ENCODING otherwise).
 *
 * X25519 (RFC 7748, RFC 8410):
 *   generatePrivateKey({ curve: 'X25519' })   32 random bytes, clamped as OpenSSL does (the
 *                                 clamping is repeated whenever k is used, RFC 7748 §5)
 *   key.publicKey                 X25519(k, 9), the 32-byte u-coordinate
 *   key.exchange(peer)            X25519(k, u_peer) (§6.1); an all-zero result (a peer key of
 *                                 small order) is refused with CryptoError INVALID_POINT
 *   raw 32 bytes (any 32 bytes are a key); DER/PEM PKCS#8 "PRIVATE KEY" with id-X25519 (v1;
 *   v2 read, its public key checked); JWK { crv: "X25519", d, x, kty: "OKP" } (RFC 8037).
 *   No SEC1 form, and no ECDSA: sign refuses an X25519 key (CryptoError CURVE_MISMATCH), as
 *   does exchange with a key of the other curve.
 *
 * Secrets: d (or k) lives in a private field; toString, toJSON and node's util.inspect print a
 * redacted form, and no error message contains key material. JavaScript cannot wipe
 * memory: copies of d (BigInt, the bytes from toRaw/toDer) stay until collected.
 */
import { CryptoError } from '../errors.js';
import { encodePublicPoint } from '../curve/encoding.js';
import { ecdhPrimitive, publicPointOf, randomScalar } from '../ecdh/ecdh.js';
import { fieldToBytes } from '../math/field.js';
import {
  parsePrivateScalar,
  scalarFromBytes,
  scalarToBytes,
  type PrivateScalar,
} from '../math/scalar.js';
import { concatBytes, equalBytes } from '../bytes/index.js';
import { ecdsaSignBytes, type SignOptions } from '../ecdsa/ecdsa.js';
import { assertBytes } from '../bytes/assert.js';
import { randomBytes } from '../random.js';
import { x25519, x25519PublicKey } from '../x25519/x25519.js';
import { encodeEcParameters } from './algorithm.js';
import { DerReader, DerTag } from './der.js';
import { encodeJwk, parseJwk, type EcJwk } from './jwk.js';
import { curveMismatch, curveOption, type CurveOptions, type KeyCurve } from './key-curve.js';
import { decodePemBlocks, encodePem, selectPemBlock } from './pem.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';
import { assertPublicKey, isOkpJwk, PublicKey, publicKeyOfPoint } from './public-key.js';
import { encodeEcPrivateKey, parseEcPrivateKey, type EcPrivateKeyFields } from './sec1.js';
import {
  encodeX25519Jwk,
  encodeX25519Pkcs8,
  namesX25519,
  type OkpJwk,
  parseX25519Jwk,
  parseX25519Pkcs8,
  type X25519Fields,
  X25519_KEY_LENGTH,
} from './x25519-formats.js';

/** The DER/PEM structures a private key can be written in. */
export type PrivateKeyFormat = 'pkcs8' | 'sec1';

const PEM_LABELS: Record<PrivateKeyFormat, string> = {
  pkcs8: 'PRIVATE KEY',
  sec1: 'EC PRIVATE KEY',
};
/** A private JWK: EC (P-256, RFC 7518) or OKP (X25519, RFC 8037). */
export type PrivateJwk = EcJwk | OkpJwk;

function assertFormat(format: unknown): asserts format is PrivateKeyFormat {
  if (format !== 'pkcs8' && format !== 'sec1')
    throw new TypeError(
      `format must be 'pkcs8' or 'sec1', got ${typeof format === 'string' ? `'${format}'` : typeof format}`,
    );
}

/** Only this module can call the constructor (see PublicKey's FACTORY). */
const FACTORY = Symbol('PrivateKey factory');

export class PrivateKey {
  /** P-256: the scalar d, range-checked once when the key was made; undefined for X25519. */
  readonly #d: PrivateScalar | undefined;
  /** X25519: the 32 bytes k, as given; undefined for P-256. */
  readonly #k: Uint8Array | undefined;
  #publicKey: PublicKey | undefined;

  /** Use `generatePrivateKey` or the static factories; they all validate, once. */
  private constructor(token: symbol, d: PrivateScalar | undefined, k?: Uint8Array) {
    if (token !== FACTORY)
      throw new TypeError(
        'PrivateKey: use PrivateKey.generate, fromRaw, fromDer, fromPem or fromJwk',
      );
    if (d === undefined) {
      assertBytes(k, 'privateKey', X25519_KEY_LENGTH);
      this.#k = k.slice();
    } else {
      this.#d = d;
    }
    Object.freeze(this);
  }

  /**
   * A fresh random key from the platform CSPRNG: for P-256 (the default) d uniform in
   * [1, n−1]; for X25519 32 random bytes, clamped (RFC 7748 §5) as OpenSSL does.
   * @param options - `{ curve: 'X25519' }` for an X25519 key
   * @throws TypeError for a bad option
   * @example const alice = PrivateKey.generate() // same as generatePrivateKey()
   */
  static generate(options?: CurveOptions): PrivateKey {
    if (curveOption(options) === 'X25519') {
      const k = randomBytes(X25519_KEY_LENGTH);
      k[0] &= 248; //  a multiple of the cofactor 8
      k[31] &= 127; // bit 255 clear
      k[31] |= 64; //  bit 254 set
      return new PrivateKey(FACTORY, undefined, k);
    }
    return new PrivateKey(FACTORY, parsePrivateScalar(randomScalar())); // checked once
  }

  /**
   * A key from its raw bytes: for P-256 (the default) d as 32 big-endian bytes, for X25519
   * the 32 bytes k (any 32 bytes: X25519 clamps them when it uses them).
   * @param bytes - exactly 32 bytes
   * @param options - `{ curve: 'X25519' }` for an X25519 key
   * @returns the key
   * @throws TypeError when not a Uint8Array or for a bad option; RangeError when not 32 bytes;
   *   CryptoError INVALID_SCALAR when a P-256 d = 0 or d ≥ n
   * @example PrivateKey.fromRaw(hexToBytes('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721'))
   * @example PrivateKey.fromRaw(k, { curve: 'X25519' })
   */
  static fromRaw(bytes: Uint8Array, options?: CurveOptions): PrivateKey {
    if (curveOption(options) === 'X25519') {
      assertBytes(bytes, 'bytes', X25519_KEY_LENGTH);
      return new PrivateKey(FACTORY, undefined, bytes);
    }
    return new PrivateKey(FACTORY, scalarFromBytes(bytes)); // checked once
  }

  /**
   * An X25519 key from PKCS#8 or JWK fields: an embedded public key must equal X25519(k, 9).
   */
  private static fromX25519Fields(fields: X25519Fields, where: string): PrivateKey {
    const key = new PrivateKey(FACTORY, undefined, fields.privateKey);
    if (
      fields.publicKey !== undefined &&
      !PublicKey.fromRaw(fields.publicKey, { curve: 'X25519' }).equals(key.publicKey)
    ) {
      throw new CryptoError(
        'INVALID_ENCODING',
        `${where}: the embedded public key does not match the private key`,
      );
    }
    return key;
  }

  /**
   * Parses a DER PKCS#8 PrivateKeyInfo (P-256 or X25519, by its algorithm) or a SEC1
   * ECPrivateKey (P-256; see the file header for how PKCS#8 and SEC1 are told apart).
   * @param der - the DER bytes
   * @returns the key
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER, another
   *   algorithm or curve, or an embedded public key that does not match; INVALID_SCALAR for
   *   d out of range; INVALID_POINT for an invalid embedded public key
   * @example PrivateKey.fromDer(fs.readFileSync('key.der'))
   */
  static fromDer(der: Uint8Array): PrivateKey {
    if (namesX25519(der, 'pkcs8'))
      return PrivateKey.fromX25519Fields(parseX25519Pkcs8(der), 'pkcs8');
    let isPkcs8: boolean;
    try {
      const outer = new DerReader(der).readSequence();
      outer.readInteger(1); // PKCS#8: version 0; SEC1: version 1 (checked by the parsers)
      isPkcs8 = outer.peekTag() === DerTag.SEQUENCE; // privateKeyAlgorithm vs privateKey OCTET STRING
    } catch (error) {
      if (error instanceof CryptoError) {
        throw new CryptoError(
          'INVALID_ENCODING',
          'private key: expected a PKCS#8 PrivateKeyInfo or SEC1 ECPrivateKey (a public key or another structure was given)',
          { cause: error },
        );
      }
      throw error;
    }
    return PrivateKey.fromFields(
      isPkcs8 ? parsePkcs8(der) : parseEcPrivateKey(der),
      isPkcs8 ? 'pkcs8' : 'sec1',
    );
  }

  /**
   * Parses a PEM "PRIVATE KEY" (PKCS#8, P-256 or X25519) or "EC PRIVATE KEY" (SEC1); a leading
   * "EC PARAMETERS" block is allowed before "EC PRIVATE KEY" when it names P-256.
   * @param pem - the PEM text
   * @returns the key
   * @throws TypeError when not a string; CryptoError as `fromDer`, or INVALID_ENCODING for
   *   bad armor, another label, or several keys
   * @example PrivateKey.fromPem(fs.readFileSync('key.pem', 'utf8'))
   */
  static fromPem(pem: string): PrivateKey {
    let blocks = decodePemBlocks(pem);
    if (
      blocks.length === 2 &&
      blocks[0].label === 'EC PARAMETERS' &&
      blocks[1].label === 'EC PRIVATE KEY'
    ) {
      if (!equalBytes(blocks[0].der, encodeEcParameters()))
        throw new CryptoError(
          'INVALID_ENCODING',
          'pem: EC PARAMETERS block does not name prime256v1',
        );
      blocks = blocks.slice(1);
    }
    if (blocks.length === 1 && blocks[0].label === 'ENCRYPTED PRIVATE KEY')
      throw new CryptoError('INVALID_ENCODING', 'pem: encrypted private keys are not supported');
    const block = selectPemBlock(blocks, [PEM_LABELS.pkcs8, PEM_LABELS.sec1]);
    if (block.label === PEM_LABELS.pkcs8 && namesX25519(block.der, 'pkcs8'))
      return PrivateKey.fromX25519Fields(parseX25519Pkcs8(block.der), 'pkcs8');
    const fields =
      block.label === PEM_LABELS.pkcs8 ? parsePkcs8(block.der) : parseEcPrivateKey(block.der);
    return PrivateKey.fromFields(fields, block.label === PEM_LABELS.pkcs8 ? 'pkcs8' : 'sec1');
  }

  /**
   * Parses a private JWK: P-256 (kty "EC", RFC 7518 §6.2.2), whose x and y must match d·G, or
   * X25519 (kty "OKP", RFC 8037 §2), whose x must match X25519(d, 9).
   * @param jwk - the parsed JSON object
   * @returns the key
   * @throws TypeError when not a plain object; CryptoError INVALID_ENCODING for a malformed JWK
   *   or a public part that does not match d; INVALID_SCALAR for d out of range; INVALID_POINT for an invalid (x, y)
   * @example PrivateKey.fromJwk(JSON.parse(text))
   */
  static fromJwk(jwk: PrivateJwk | Record<string, unknown>): PrivateKey {
    if (isOkpJwk(jwk)) return PrivateKey.fromX25519Fields(parseX25519Jwk(jwk, 'private'), 'jwk');
    const { x, y, d } = parseJwk(jwk, 'private');
    return PrivateKey.fromFields(
      { privateKey: d!, publicKey: concatBytes(Uint8Array.of(0x04), x, y) },
      'jwk',
    );
  }

  /**
   * Validates d and, when present, the embedded public key: a valid point (decodePoint's
   * INVALID_ENCODING / INVALID_POINT) that equals d·G (INVALID_ENCODING otherwise).
   */
  private static fromFields(fields: EcPrivateKeyFields, where: string): PrivateKey {
    const key = PrivateKey.fromRaw(fields.privateKey);
    if (
      fields.publicKey !== undefined &&
      !PublicKey.fromRaw(fields.publicKey).equals(key.publicKey)
    ) {
      throw new CryptoError(
        'INVALID_ENCODING',
        `${where}: the embedded public key does not match the private key`,
      );
    }
    return key;
  }

  /** 'P-256' or 'X25519'. */
  get curve(): KeyCurve {
    return this.#d === undefined ? 'X25519' : 'P-256';
  }

  /** Q = d·G (P-256) or X25519(k, 9), computed on first use. */
  get publicKey(): PublicKey {
    if (this.#publicKey === undefined)
      this.#publicKey =
        this.#d === undefined
          ? PublicKey.fromRaw(x25519PublicKey(this.#k!), { curve: 'X25519' })
          : publicKeyOfPoint(publicPointOf(this.#d)); // d·G: valid by construction
    return this.#publicKey;
  }

  /** d for ECDSA, or CURVE_MISMATCH for an X25519 key. */
  #ecdsaScalar(): PrivateScalar {
    if (this.#d === undefined)
      throw curveMismatch('ecdsa: an X25519 key cannot sign (ECDSA needs a P-256 key)');
    return this.#d;
  }

  /**
   * Diffie-Hellman with the peer's public key of the same curve. P-256: ECDH (SEC 1 §3.3.1),
   * the x-coordinate of d·Q_peer; the peer key was validated when it was parsed, and is
   * validated again before the ladder. X25519: X25519(k, u_peer) (RFC 7748 §6.1). Either way
   * 32 bytes of raw key material: derive keys from it with HKDF.
   * @param peerPublicKey - the other side's PublicKey, on this key's curve
   * @returns a fresh 32-byte shared secret
   * @throws TypeError when `peerPublicKey` is not a PublicKey; CryptoError CURVE_MISMATCH when
   *   it is on the other curve; CryptoError INVALID_POINT for an X25519 result of all zeros
   * @example const z = alice.exchange(bob.publicKey) // equals bob.exchange(alice.publicKey)
   */
  exchange(peerPublicKey: PublicKey): Uint8Array {
    assertPublicKey(peerPublicKey, 'peerPublicKey');
    if (peerPublicKey.curve !== this.curve)
      throw curveMismatch(
        `exchange: this key is ${this.curve} but the peer's key is ${peerPublicKey.curve}`,
      );
    if (this.#d === undefined) return x25519(this.#k!, peerPublicKey.toRaw());
    return ecdhPrimitive(this.#d, peerPublicKey.point); // both validated when they were made
  }

  /**
   * An ECDSA signature of `message` (FIPS 186-5 §6.4.1; src/ecdsa/ecdsa.ts), with the
   * deterministic nonce of RFC 6979 (the same message gives the same signature) unless
   * `extraEntropy` asks for the hedged variant (RFC 6979 §3.6).
   * @param message - the message, hashed here with `options.hash`
   * @param options - `hash`: sha256 (default), sha384 or sha512; `format`: 'der' (default, as
   *   OpenSSL and X.509 use) or 'p1363' (r ‖ s, 64 bytes, as WebCrypto and JOSE use);
   *   `extraEntropy`: true or bytes for hedged signatures; `lowS`: s ≤ n/2
   * @returns fresh signature bytes
   * @throws TypeError for a non-Uint8Array message or a bad option (unknown format, a hash
   *   that is not a hash function); CryptoError CURVE_MISMATCH for an X25519 key
   * @example
   * const signature = key.sign(utf8ToBytes('hello'));
   * key.publicKey.verify(utf8ToBytes('hello'), signature) // true
   */
  sign(message: Uint8Array, options?: SignOptions): Uint8Array {
    return ecdsaSignBytes(this.#ecdsaScalar(), message, false, options);
  }

  /**
   * `sign` for a caller that already holds the digest H(message) (the prehashed form).
   * @param digest - exactly `options.hash.outputLength` bytes (32 for the default SHA-256)
   * @param options - as for `sign`; `hash` names the hash that made the digest (RFC 6979 runs
   *   HMAC on it)
   * @returns fresh signature bytes, the same as `sign(message, options)` gives
   * @throws TypeError as `sign`; RangeError for a digest of the wrong length; CryptoError
   *   CURVE_MISMATCH for an X25519 key
   * @example key.signDigest(sha384(message), { hash: sha384 })
   */
  signDigest(digest: Uint8Array, options?: SignOptions): Uint8Array {
    return ecdsaSignBytes(this.#ecdsaScalar(), digest, true, options);
  }

  /**
   * The raw key (secret!): d as 32 big-endian bytes (P-256), or the 32 bytes k (X25519).
   * @example PrivateKey.fromRaw(key.toRaw(), { curve: key.curve })
   */
  toRaw(): Uint8Array {
    return this.#d === undefined ? this.#k!.slice() : scalarToBytes(this.#d);
  }

  /**
   * DER PKCS#8 (default) or SEC1, byte-identical to node's `export({ type, format: 'der' })`
   * (secret!): for P-256 with the public key; for X25519 PKCS#8 v1 only (RFC 8410 §7).
   * @param format - 'pkcs8' or 'sec1' (P-256 only)
   * @throws TypeError for another format, or 'sec1' for an X25519 key
   * @example key.toDer() // 30 81 87 02 01 00 …
   */
  toDer(format: PrivateKeyFormat = 'pkcs8'): Uint8Array {
    assertFormat(format);
    if (this.#d === undefined) {
      if (format !== 'pkcs8')
        throw new TypeError("format 'sec1' is for P-256 keys; an X25519 key is written as 'pkcs8'");
      return encodeX25519Pkcs8(this.#k!);
    }
    const fields = {
      privateKey: this.toRaw(),
      publicKey: encodePublicPoint(this.publicKey.point, false),
    };
    return format === 'pkcs8' ? encodePkcs8(fields) : encodeEcPrivateKey(fields, true);
  }

  /**
   * PEM "PRIVATE KEY" (PKCS#8, default) or "EC PRIVATE KEY" (SEC1, P-256 only) (secret!).
   * @param format - 'pkcs8' or 'sec1'
   * @throws TypeError for another format, or 'sec1' for an X25519 key
   * @example fs.writeFileSync('key.pem', key.toPem(), { mode: 0o600 })
   */
  toPem(format: PrivateKeyFormat = 'pkcs8'): string {
    const der = this.toDer(format);
    return encodePem(PEM_LABELS[format], der);
  }

  /**
   * Private JWK, member order as node writes it (secret!): { kty, x, y, crv, d } for P-256
   * (RFC 7518 §6.2.2), { crv, d, x, kty } for X25519 (RFC 8037 §2).
   * @example JSON.stringify(key.toJwk())
   */
  toJwk(): PrivateJwk {
    if (this.#d === undefined)
      return encodeX25519Jwk({ privateKey: this.#k!, publicKey: this.publicKey.toRaw() });
    const Q = this.publicKey.point;
    return encodeJwk({ x: fieldToBytes(Q.x), y: fieldToBytes(Q.y), d: this.toRaw() });
  }

  /** A redacted description, naming the curve: never the key. */
  toString(): string {
    return `PrivateKey(${this.curve}, [redacted])`;
  }

  /** JSON.stringify(key) gives the redacted description, never the key; use toJwk() to export. */
  toJSON(): string {
    return this.toString();
  }

  /** node's util.inspect / console.log show the redacted description. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * A fresh random private key: P-256 by default (the tutorial's
 * `ec.generate_private_key(ec.SECP256R1())`), or X25519 with `{ curve: 'X25519' }`.
 * @param options - `{ curve: 'P-256' | 'X25519' }`
 * @returns a PrivateKey: d uniform in [1, n−1], or 32 random (clamped) bytes
 * @throws TypeError for a bad option; CryptoError NO_RANDOM_SOURCE when no CSPRNG is available
 * @example
 * const alice = generatePrivateKey(), bob = generatePrivateKey();
 * equalBytes(alice.exchange(bob.publicKey), bob.exchange(alice.publicKey)) // true
 * generatePrivateKey({ curve: 'X25519' }).curve // 'X25519'
 */
export function generatePrivateKey(options?: CurveOptions): PrivateKey {
  return PrivateKey.generate(options);
}
