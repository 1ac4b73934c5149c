/**
 * The default Noise suite, P256 + AESGCM + SHA256, on ecdh-lab's own primitives.
 *
 *   DH (ecdh-lab's definition of "P256", docs/PROTOCOL.md §2.1):
 *     GENERATE_KEYPAIR():  d uniform in [1, n − 1], Q = d·G
 *     public key bytes:    0x04 ‖ x ‖ y — 65-byte uncompressed SEC 1 (§2.3.3)
 *     DH(d, Q'):           x(d·Q') as 32 bytes (SEC 1 §3.3.1); DHLEN = 32
 *     a public key that is not a valid point (SP 800-56A rev3 §5.6.2.3.3) is refused
 *   Cipher (Noise §12.3): AES-256-GCM, nonce = 4 zero bytes ‖ u64be(n), 16-byte tag
 *   Hash (Noise §12.5): SHA-256 and HMAC-SHA256
 *
 * Not here: constant time. The DH ladder runs the same sequence of operations for every key,
 * but BigInt arithmetic and the JIT are not constant-time; see the curve module's notes.
 */
import { assertBytes, writeUint64BE } from '../bytes/index.js';
import { aesGcm } from '../cipher/gcm.js';
import { CryptoError } from '../errors.js';
import { sha256 } from '../hash/sha256.js';
import { PrivateKey } from '../keys/private-key.js';
import { PublicKey } from '../keys/public-key.js';
import { hmac } from '../mac/hmac.js';
import type { NoiseCipher, NoiseKeyPair, NoisePublicKey, NoiseSuite } from './suite.js';

/** A P-256 key pair for Noise: the PrivateKey and its 65-byte uncompressed public key. */
export interface P256KeyPair extends NoiseKeyPair {
  readonly privateKey: PrivateKey;
}

/**
 * Wraps a PrivateKey as a Noise static key pair.
 * @throws TypeError when `privateKey` is not a PrivateKey
 * @example new NoiseChannel({ suite: p256Suite, pattern: 'XX', initiator: true, staticKey: noiseKeyPair(myKey) })
 */
export function noiseKeyPair(privateKey: PrivateKey): P256KeyPair {
  if (!(privateKey instanceof PrivateKey))
    throw new TypeError('noiseKeyPair: privateKey must be a PrivateKey');
  return Object.freeze({
    privateKey,
    publicKey: privateKey.publicKey.toRaw({ compressed: false }),
  });
}

/**
 * The AESGCM nonce of Noise §12.3: 32 zero bits followed by n as a 64-bit big-endian integer.
 * @example aesGcmNonce(1n) // 00000000 0000000000000001
 */
export function aesGcmNonce(n: bigint): Uint8Array {
  const nonce = new Uint8Array(12);
  writeUint64BE(nonce, 4, n);
  return nonce;
}

/** A peer's key as readPublicKey returns it: the bytes and the PublicKey they were parsed into. */
interface P256PeerKey extends NoisePublicKey {
  readonly key: PublicKey;
}

/** Parses a 65-byte uncompressed SEC 1 point into a validated PublicKey (the one validation). */
function parseUncompressed(bytes: Uint8Array): P256PeerKey {
  assertBytes(bytes, 'publicKey');
  if (bytes.length !== 65 || bytes[0] !== 0x04)
    throw new CryptoError(
      'INVALID_ENCODING',
      'p256-suite: a public key must be a 65-byte uncompressed SEC 1 point',
    );
  return Object.freeze({ publicKey: bytes.slice(), key: PublicKey.fromRaw(bytes) });
}

/** The PublicKey of a key readPublicKey returned (a PublicKey is its own proof of validity). */
function peerKeyOf(peer: NoisePublicKey): PublicKey {
  const { key } = peer as Partial<P256PeerKey>;
  if (!(key instanceof PublicKey))
    throw new TypeError('p256-suite: public key was not read by this suite (use readPublicKey)');
  return key;
}

function keyPairOf(keyPair: NoiseKeyPair): P256KeyPair {
  if (!((keyPair as Partial<P256KeyPair>).privateKey instanceof PrivateKey))
    throw new TypeError('p256-suite: key pair was not made by this suite (use noiseKeyPair)');
  return keyPair as P256KeyPair;
}

/**
 * Noise_*_P256_AESGCM_SHA256 primitives.
 * @example new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true })
 */
export const p256Suite: NoiseSuite = Object.freeze({
  dhName: 'P256',
  cipherName: 'AESGCM',
  hashName: 'SHA256',
  publicKeyLength: 65,
  dhLength: 32,
  hashLength: 32,
  generateKeyPair: (): NoiseKeyPair => noiseKeyPair(PrivateKey.generate()),
  readPublicKey: (publicKey: Uint8Array): NoisePublicKey => parseUncompressed(publicKey),
  dh: (keyPair: NoiseKeyPair, publicKey: NoisePublicKey): Uint8Array =>
    keyPairOf(keyPair).privateKey.exchange(peerKeyOf(publicKey)),
  cipher(k: Uint8Array): NoiseCipher {
    const gcm = aesGcm.withKey(k);
    return {
      encrypt: (n, ad, plaintext) => gcm.encrypt(aesGcmNonce(n), plaintext, ad),
      decrypt: (n, ad, ciphertext) => gcm.decrypt(aesGcmNonce(n), ciphertext, ad),
    };
  },
  hash: (data: Uint8Array): Uint8Array => sha256(data),
  hmac: (key: Uint8Array, data: Uint8Array): Uint8Array => hmac(sha256, key, data),
});
