/**
 * PrivateKey: a P-256 private key d ∈ [1, n−1], its public key Q = d·G, the ECDH
 * exchange, and its formats (the protocol tier; the tutorial's
 * `ec.generate_private_key(ec.SECP256R1())`, `public_key()` and `exchange(ec.ECDH(), peer)`).
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
 * Secrets: d lives in a private field; toString, toJSON and node's util.inspect print a
 * redacted form, and no error message contains key material. JavaScript cannot wipe
 * memory: copies of d (BigInt, the bytes from toRaw/toDer) stay until collected.
 */
import { CryptoError } from '../errors.js';
import { encodePoint } from '../curve/encoding.js';
import { publicPointFromScalar, randomScalar, sharedSecret } from '../ecdh/ecdh.js';
import { assertValidScalar } from '../ecdh/validate.js';
import { fieldToBytes } from '../math/field.js';
import { scalarFromBytes, scalarToBytes } from '../math/scalar.js';
import { concatBytes, equalBytes } from '../bytes/index.js';
import { ecdsaSignBytes, type SignOptions } from '../ecdsa/ecdsa.js';
import { encodeEcParameters } from './algorithm.js';
import { DerReader, DerTag } from './der.js';
import { encodeJwk, parseJwk, type EcJwk } from './jwk.js';
import { decodePemBlocks, encodePem, selectPemBlock } from './pem.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';
import { assertPublicKey, PublicKey } from './public-key.js';
import { encodeEcPrivateKey, parseEcPrivateKey, type EcPrivateKeyFields } from './sec1.js';

/** The DER/PEM structures a private key can be written in. */
export type PrivateKeyFormat = 'pkcs8' | 'sec1';

const PEM_LABELS: Record<PrivateKeyFormat, string> = {
  pkcs8: 'PRIVATE KEY',
  sec1: 'EC PRIVATE KEY',
};
const REDACTED = 'PrivateKey(P-256, [redacted])';

function assertFormat(format: unknown): asserts format is PrivateKeyFormat {
  if (format !== 'pkcs8' && format !== 'sec1')
    throw new TypeError(
      `format must be 'pkcs8' or 'sec1', got ${typeof format === 'string' ? `'${format}'` : typeof format}`,
    );
}

export class PrivateKey {
  readonly #d: bigint;
  #publicKey: PublicKey | undefined;

  /** Use `generatePrivateKey` or the static factories; they all validate. */
  private constructor(d: bigint) {
    assertValidScalar(d);
    this.#d = d;
    Object.freeze(this);
  }

  /**
   * A fresh random key: d uniform in [1, n−1] from the platform CSPRNG.
   * @example const alice = PrivateKey.generate() // same as generatePrivateKey()
   */
  static generate(): PrivateKey {
    return new PrivateKey(randomScalar());
  }

  /**
   * A key from d as 32 big-endian bytes.
   * @param bytes - exactly 32 bytes
   * @returns the key
   * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes; CryptoError
   *   INVALID_SCALAR when d = 0 or d ≥ n
   * @example PrivateKey.fromRaw(hexToBytes('c9af…'))
   */
  static fromRaw(bytes: Uint8Array): PrivateKey {
    return new PrivateKey(scalarFromBytes(bytes));
  }

  /**
   * Parses a DER PKCS#8 PrivateKeyInfo or SEC1 ECPrivateKey (see the file header for how
   * the two are told apart).
   * @param der - the DER bytes
   * @returns the key
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER, another
   *   algorithm or curve, or an embedded public key that does not match; INVALID_SCALAR for
   *   d out of range; INVALID_POINT for an invalid embedded public key
   * @example PrivateKey.fromDer(fs.readFileSync('key.der'))
   */
  static fromDer(der: Uint8Array): PrivateKey {
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
   * Parses a PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC1); a leading
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
    const fields =
      block.label === PEM_LABELS.pkcs8 ? parsePkcs8(block.der) : parseEcPrivateKey(block.der);
    return PrivateKey.fromFields(fields, block.label === PEM_LABELS.pkcs8 ? 'pkcs8' : 'sec1');
  }

  /**
   * Parses a private P-256 JWK (RFC 7518 §6.2.2); x and y must match d·G.
   * @param jwk - the parsed JSON object
   * @returns the key
   * @throws TypeError when not a plain object; CryptoError INVALID_ENCODING for a malformed JWK
   *   or x, y that do not match d; INVALID_SCALAR for d out of range; INVALID_POINT for an invalid (x, y)
   * @example PrivateKey.fromJwk(JSON.parse(text))
   */
  static fromJwk(jwk: EcJwk | Record<string, unknown>): PrivateKey {
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

  /** Q = d·G, computed on first use. */
  get publicKey(): PublicKey {
    if (this.#publicKey === undefined)
      this.#publicKey = PublicKey.fromPoint(publicPointFromScalar(this.#d));
    return this.#publicKey;
  }

  /**
   * ECDH (SEC 1 §3.3.1): the x-coordinate of d·Q_peer, 32 bytes. The peer key was
   * validated when it was parsed, and is validated again before the ladder. This is raw
   * key material: derive keys from it with HKDF.
   * @param peerPublicKey - the other side's PublicKey
   * @returns a fresh 32-byte shared secret
   * @throws TypeError when `peerPublicKey` is not a PublicKey
   * @example const z = alice.exchange(bob.publicKey) // equals bob.exchange(alice.publicKey)
   */
  exchange(peerPublicKey: PublicKey): Uint8Array {
    assertPublicKey(peerPublicKey, 'peerPublicKey');
    return sharedSecret(this.#d, peerPublicKey.point);
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
   *   that is not a hash function)
   * @example
   * const signature = key.sign(utf8ToBytes('hello'));
   * key.publicKey.verify(utf8ToBytes('hello'), signature) // true
   */
  sign(message: Uint8Array, options?: SignOptions): Uint8Array {
    return ecdsaSignBytes(this.#d, message, false, options);
  }

  /**
   * `sign` for a caller that already holds the digest H(message) (the prehashed form).
   * @param digest - exactly `options.hash.outputLength` bytes (32 for the default SHA-256)
   * @param options - as for `sign`; `hash` names the hash that made the digest (RFC 6979 runs
   *   HMAC on it)
   * @returns fresh signature bytes, the same as `sign(message, options)` gives
   * @throws TypeError as `sign`; RangeError for a digest of the wrong length
   * @example key.signDigest(sha384(message), { hash: sha384 })
   */
  signDigest(digest: Uint8Array, options?: SignOptions): Uint8Array {
    return ecdsaSignBytes(this.#d, digest, true, options);
  }

  /**
   * d as 32 big-endian bytes (secret!).
   * @example PrivateKey.fromRaw(key.toRaw())
   */
  toRaw(): Uint8Array {
    return scalarToBytes(this.#d);
  }

  /**
   * DER PKCS#8 (default) or SEC1, with the public key, byte-identical to node's
   * `export({ type, format: 'der' })` (secret!).
   * @param format - 'pkcs8' or 'sec1'
   * @throws TypeError for another format
   * @example key.toDer() // 30 81 87 02 01 00 …
   */
  toDer(format: PrivateKeyFormat = 'pkcs8'): Uint8Array {
    assertFormat(format);
    const fields = {
      privateKey: this.toRaw(),
      publicKey: encodePoint(this.publicKey.point, false),
    };
    return format === 'pkcs8' ? encodePkcs8(fields) : encodeEcPrivateKey(fields, true);
  }

  /**
   * PEM "PRIVATE KEY" (PKCS#8, default) or "EC PRIVATE KEY" (SEC1) (secret!).
   * @param format - 'pkcs8' or 'sec1'
   * @throws TypeError for another format
   * @example fs.writeFileSync('key.pem', key.toPem(), { mode: 0o600 })
   */
  toPem(format: PrivateKeyFormat = 'pkcs8'): string {
    assertFormat(format);
    return encodePem(PEM_LABELS[format], this.toDer(format));
  }

  /**
   * Private JWK { kty, x, y, crv, d } (RFC 7518 §6.2.2), member order as node writes it (secret!).
   * @example JSON.stringify(key.toJwk())
   */
  toJwk(): EcJwk {
    const Q = this.publicKey.point;
    return encodeJwk({ x: fieldToBytes(Q.x), y: fieldToBytes(Q.y), d: this.toRaw() });
  }

  /** A redacted description: never the key. */
  toString(): string {
    return REDACTED;
  }

  /** JSON.stringify(key) gives the redacted description, never the key; use toJwk() to export. */
  toJSON(): string {
    return REDACTED;
  }

  /** node's util.inspect / console.log show the redacted description. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/**
 * A fresh random P-256 private key (the tutorial's `ec.generate_private_key(ec.SECP256R1())`).
 * @returns a PrivateKey with d uniform in [1, n−1]
 * @throws Error when no CSPRNG is available
 * @example
 * const alice = generatePrivateKey(), bob = generatePrivateKey();
 * equalBytes(alice.exchange(bob.publicKey), bob.exchange(alice.publicKey)) // true
 */
export function generatePrivateKey(): PrivateKey {
  return PrivateKey.generate();
}
