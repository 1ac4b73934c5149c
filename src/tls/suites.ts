/**
 * TLS 1.3 cipher suites (RFC 8446 §B.4) as a table of rows: each names its AEAD, its key
 * length and the hash that the key schedule and the transcript use. The engine reads nothing
 * else about a suite, so adding one is adding a row.
 *
 *   TLS_AES_128_GCM_SHA256  0x1301   AES-128-GCM, 16-byte key, SHA-256   (here)
 *   TLS_AES_256_GCM_SHA384  0x1302   AES-256-GCM, 32-byte key, SHA-384   (here)
 *
 * Every TLS 1.3 AEAD takes a 12-byte nonce (the per-record nonce of §5.3 is iv_length = 12
 * bytes, RFC 5116 N_MIN) and adds a 16-byte tag. §5.5 limits AES-GCM to 2^24.5 full-size
 * records under one key; the connection updates its keys long before that (see connection.ts).
 */
import { type AesGcmKeyed, aesGcm } from '../cipher/gcm.js';
import type { HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { sha384 } from '../hash/sha512.js';

/** Records under one key sealed or opened with the one-shot AES-GCM before the keyed form. */
const ONE_SHOT_RECORDS = 4;

/** An AEAD keyed once (RFC 5116's AEAD-Encrypt / AEAD-Decrypt with K fixed). */
export interface TlsAead {
  /** AEAD-Encrypt(key, nonce, additional_data, plaintext): ciphertext ‖ tag. */
  seal(nonce: Uint8Array, plaintext: Uint8Array, additionalData: Uint8Array): Uint8Array;
  /** AEAD-Decrypt: the plaintext, or throws CryptoError AUTH_FAILED (nothing is released). */
  open(nonce: Uint8Array, ciphertext: Uint8Array, additionalData: Uint8Array): Uint8Array;
}

/** One row of the cipher suite table. */
export interface TlsCipherSuite {
  /** The CipherSuite code point (§B.4), e.g. 0x1301. */
  readonly code: number;
  /** The IANA name, e.g. 'TLS_AES_128_GCM_SHA256'. */
  readonly name: string;
  /** The hash of HKDF and of the transcript (§7.1). */
  readonly hash: HashFunction;
  /** key_length of §7.3, in bytes. */
  readonly keyLength: number;
  /** iv_length of §7.3: 12 for every TLS 1.3 AEAD. */
  readonly ivLength: number;
  /** Bytes the AEAD adds to a record (the tag). */
  readonly tagLength: number;
  /** Records one key may protect (§5.5). */
  readonly recordLimit: number;
  /** The AEAD keyed with `key` (keyLength bytes). */
  aead(key: Uint8Array): TlsAead;
}

/**
 * Builds an AES-GCM suite row.
 * @param code - the CipherSuite code point
 * @param name - its IANA name
 * @param hash - its hash function (SHA-256 or SHA-384)
 * @param keyLength - 16 (AES-128) or 32 (AES-256)
 * @example const suite = aesGcmSuite(0x1301, 'TLS_AES_128_GCM_SHA256', sha256, 16)
 */
export function aesGcmSuite(
  code: number,
  name: string,
  hash: HashFunction,
  keyLength: 16 | 32,
): TlsCipherSuite {
  return Object.freeze({
    code,
    name,
    hash,
    keyLength,
    ivLength: 12,
    tagLength: 16,
    recordLimit: Math.floor(2 ** 24.5),
    aead(key: Uint8Array): TlsAead {
      // The keyed form builds a 64 KiB GHASH table once; that pays off over many records but
      // not for a handshake key, which protects two or three. So the first few records use the
      // one-shot form (a small table per record) and the keyed form takes over after that.
      const secret = key.slice();
      let keyed: AesGcmKeyed | undefined;
      let records = 0;
      const gcm = (): AesGcmKeyed | undefined => {
        records++;
        if (records > ONE_SHOT_RECORDS && keyed === undefined) keyed = aesGcm.withKey(secret);
        return keyed;
      };
      return Object.freeze({
        seal(nonce: Uint8Array, plaintext: Uint8Array, additionalData: Uint8Array) {
          const k = gcm();
          return k === undefined
            ? aesGcm(secret, nonce, additionalData).encrypt(plaintext)
            : k.encrypt(nonce, plaintext, additionalData);
        },
        open(nonce: Uint8Array, ciphertext: Uint8Array, additionalData: Uint8Array) {
          const k = gcm();
          return k === undefined
            ? aesGcm(secret, nonce, additionalData).decrypt(ciphertext)
            : k.decrypt(nonce, ciphertext, additionalData);
        },
      });
    },
  });
}

/** TLS_AES_128_GCM_SHA256 (0x1301), the suite every TLS 1.3 implementation must offer (§9.1). */
export const TLS_AES_128_GCM_SHA256: TlsCipherSuite = aesGcmSuite(
  0x1301,
  'TLS_AES_128_GCM_SHA256',
  sha256,
  16,
);

/** TLS_AES_256_GCM_SHA384 (0x1302): AES-256-GCM, and SHA-384 for HKDF and the transcript. */
export const TLS_AES_256_GCM_SHA384: TlsCipherSuite = aesGcmSuite(
  0x1302,
  'TLS_AES_256_GCM_SHA384',
  sha384,
  32,
);

/** The suites ecdh-lab implements, in its order of preference. */
export const CIPHER_SUITES: readonly TlsCipherSuite[] = Object.freeze([
  TLS_AES_128_GCM_SHA256,
  TLS_AES_256_GCM_SHA384,
]);
