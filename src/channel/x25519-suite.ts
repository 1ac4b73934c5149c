/**
 * The Noise suite 25519 + AESGCM + SHA256 (Noise rev 34 §12.1, §12.4, §12.5), on ecdh-lab's own
 * primitives: the suite of the published Noise test vectors (vectors/noise/).
 *
 *   DH "25519" (§12.1):
 *     GENERATE_KEYPAIR():  32 random bytes a (any 32 bytes are a private key), public X25519(a, 9)
 *     public key bytes:    the 32-byte u-coordinate (RFC 7748 §5); DHLEN = 32
 *     DH(a, u):            X25519(a, u), 32 bytes
 *   Cipher and hash: the same AES-256-GCM and SHA-256 as p256-suite.ts.
 *
 * Invalid public keys. §12.1 lets an implementation either return the all-zero output for a
 * public key of small order or "detect inputs that produce an all-zeros output and signal an
 * error instead". ecdh-lab signals: readPublicKey refuses the five small-order u-coordinates
 * (CryptoError INVALID_POINT, which HandshakeState reports as HANDSHAKE_FAILED as soon as the
 * key is read), and DH itself refuses an all-zero result (x25519.ts). Any other 32 bytes are a
 * valid key, including points of the twist and values with bit 255 set (masked, RFC 7748 §5).
 *
 * Not here: constant time (see the x25519 ladder's notes); key files (the suite works on raw
 * 32-byte keys).
 */
import { assertBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { randomBytes } from '../random.js';
import { assertX25519PublicKey, x25519, x25519PublicKey } from '../x25519/x25519.js';
import { p256Suite } from './p256-suite.js';
import type { NoiseKeyPair, NoisePublicKey, NoiseSuite } from './suite.js';

/**
 * The private key of each key pair this suite made, outside the key pair object itself: the
 * object holds only the public key, so printing or serialising it shows nothing secret.
 */
const privateKeys = new WeakMap<NoiseKeyPair, Uint8Array>();

function makeKeyPair(privateKey: Uint8Array): NoiseKeyPair {
  const keyPair: NoiseKeyPair = Object.freeze({ publicKey: x25519PublicKey(privateKey) });
  privateKeys.set(keyPair, privateKey);
  return keyPair;
}

/**
 * Wraps a raw 32-byte X25519 private key (copied) as a Noise key pair: { publicKey } (32 bytes),
 * its private key held by the suite. For static keys, and fixed ephemeral keys in tests.
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long
 * @example new HandshakeState({ suite: x25519Suite, pattern: 'XX', initiator: true, prologue, s: x25519KeyPair(randomBytes(32)) })
 */
export function x25519KeyPair(privateKey: Uint8Array): NoiseKeyPair {
  assertBytes(privateKey, 'privateKey', 32);
  return makeKeyPair(privateKey.slice());
}

function privateKeyOf(keyPair: NoiseKeyPair): Uint8Array {
  const privateKey = privateKeys.get(keyPair);
  if (privateKey === undefined)
    throw new TypeError('x25519-suite: key pair was not made by this suite (use x25519KeyPair)');
  return privateKey;
}

/** Checks the length (a handshake reads exactly 32 bytes, so only a caller's key can be off). */
function assertLength(publicKey: Uint8Array): void {
  assertBytes(publicKey, 'publicKey');
  if (publicKey.length !== 32)
    throw new CryptoError('INVALID_ENCODING', 'x25519-suite: a public key must be 32 bytes');
}

/**
 * Noise_*_25519_AESGCM_SHA256 primitives.
 * @example new NoiseChannel({ suite: x25519Suite, pattern: 'NN', initiator: true })
 */
export const x25519Suite: NoiseSuite = Object.freeze({
  dhName: '25519',
  cipherName: 'AESGCM',
  hashName: 'SHA256',
  publicKeyLength: 32,
  dhLength: 32,
  hashLength: 32,
  generateKeyPair: (): NoiseKeyPair => makeKeyPair(randomBytes(32)),
  readPublicKey(publicKey: Uint8Array): NoisePublicKey {
    assertLength(publicKey);
    assertX25519PublicKey(publicKey);
    return Object.freeze({ publicKey: publicKey.slice() });
  },
  dh(keyPair: NoiseKeyPair, publicKey: NoisePublicKey): Uint8Array {
    // x25519 refuses the all-zero result itself (RFC 7748 §6.1), whatever reaches it.
    return x25519(privateKeyOf(keyPair), publicKey.publicKey);
  },
  cipher: p256Suite.cipher, // AESGCM (§12.4), keyed once per CipherState key
  hash: p256Suite.hash, //     SHA256 (§12.5)
  hmac: p256Suite.hmac, //     HMAC-SHA256
});
