/**
 * The primitives a Noise handshake needs, as one injectable "suite" (Noise rev 34 §4).
 *
 * Noise is written against three abstract function families:
 *   - DH functions (§4.1): GENERATE_KEYPAIR(), DH(key_pair, public_key), DHLEN;
 *   - cipher functions (§4.2): ENCRYPT(k, n, ad, plaintext), DECRYPT(k, n, ad, ciphertext);
 *   - hash functions (§4.3): HASH(data), HASHLEN, BLOCKLEN, and HMAC-HASH built on it.
 * The state machines in this folder only ever call this interface, so they can be read (and
 * tested) apart from any particular implementation. The default suite, built on ecdh-lab's own
 * primitives, is in ./p256-suite.ts.
 *
 * One deliberate deviation from §4.1 for P-256: the spec's DHLEN is both the size of a public
 * key and of a DH output. P-256 public keys travel as 65-byte uncompressed SEC 1 points while
 * DH() returns the 32-byte x-coordinate, so this interface carries two constants,
 * `publicKeyLength` (65) and `dhLength` (DHLEN = 32). See docs/PROTOCOL.md.
 */

/** A DH key pair: the public key bytes as they travel on the wire, plus a suite-private handle. */
export interface NoiseKeyPair {
  /** The encoded public key (for P-256: 65-byte uncompressed SEC 1). */
  readonly publicKey: Uint8Array;
}

/**
 * A peer's public key as the suite's readPublicKey parsed and validated it, once: `dh` takes
 * only these, and does not validate again (parse once, then trust).
 */
export interface NoisePublicKey {
  /** The encoded public key, as received. */
  readonly publicKey: Uint8Array;
}

/**
 * An AEAD keyed once (Noise §4.2 ENCRYPT/DECRYPT with k fixed). Keying once lets an
 * implementation expand the key schedule a single time per CipherState key.
 */
export interface NoiseCipher {
  /** ENCRYPT(k, n, ad, plaintext): ciphertext ‖ 16-byte tag. `n` is a 64-bit counter. */
  encrypt(n: bigint, ad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** DECRYPT(k, n, ad, ciphertext): plaintext, or throws (CryptoError 'AUTH_FAILED'). */
  decrypt(n: bigint, ad: Uint8Array, ciphertext: Uint8Array): Uint8Array;
}

/**
 * Everything the Noise state machines need, named as Noise §4 names it.
 *
 * @example
 * const hs = new HandshakeState({ suite: p256Suite, pattern: 'NN', initiator: true, prologue })
 */
export interface NoiseSuite {
  /** "P256": the DH name used in the protocol name. */
  readonly dhName: string;
  /** "AESGCM" */
  readonly cipherName: string;
  /** "SHA256" */
  readonly hashName: string;
  /** Bytes of an encoded public key (65 for P-256 uncompressed). */
  readonly publicKeyLength: number;
  /** DHLEN: bytes of a DH output (32 for P-256's x-coordinate). */
  readonly dhLength: number;
  /** HASHLEN (32 for SHA-256). */
  readonly hashLength: number;
  /** GENERATE_KEYPAIR() */
  generateKeyPair(): NoiseKeyPair;
  /**
   * Parses and validates a peer's encoded public key (on the curve, not the identity), once.
   * @throws CryptoError ('INVALID_POINT' or 'INVALID_ENCODING') when it is not valid
   */
  readPublicKey(publicKey: Uint8Array): NoisePublicKey;
  /** DH(key_pair, public_key): the shared secret, for a key readPublicKey returned. */
  dh(keyPair: NoiseKeyPair, publicKey: NoisePublicKey): Uint8Array;
  /** A cipher keyed with the 32-byte k. */
  cipher(k: Uint8Array): NoiseCipher;
  /** HASH(data) */
  hash(data: Uint8Array): Uint8Array;
  /** HMAC-HASH(key, data) (RFC 2104), used by HKDF in §4.3. */
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;
}
