/**
 * A Noise suite built on node:crypto (OpenSSL), for tests only: it lets the state machines in
 * src/channel be exercised against primitives that ecdh-lab did not write, and serves as the
 * "other implementation" in interop checks. Never imported by src/.
 */
import * as crypto from 'node:crypto';
import { CryptoError } from '../../src/errors.js';
import type {
  NoiseCipher,
  NoiseKeyPair,
  NoisePublicKey,
  NoiseSuite,
} from '../../src/channel/suite.js';

export interface NodeKeyPair extends NoiseKeyPair {
  readonly ecdh: crypto.ECDH;
}

/** A key pair from a fixed 32-byte private scalar (test vectors). */
export function nodeKeyPair(privateKey: Uint8Array): NodeKeyPair {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey));
  return { ecdh, publicKey: new Uint8Array(ecdh.getPublicKey()) };
}

/** AES-256-GCM nonce of Noise §12.3 (AESGCM): 4 zero bytes ‖ 64-bit big-endian n. */
export function gcmNonce(n: bigint): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(n, 4);
  return nonce;
}

export function nodeEncrypt(
  k: Uint8Array,
  n: bigint,
  ad: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const cipher = crypto.createCipheriv('aes-256-gcm', k, gcmNonce(n));
  cipher.setAAD(ad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return new Uint8Array(ct);
}

export function nodeDecrypt(
  k: Uint8Array,
  n: bigint,
  ad: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  if (ciphertext.length < 16)
    throw new CryptoError('AUTH_FAILED', 'node-suite: authentication failed');
  const decipher = crypto.createDecipheriv('aes-256-gcm', k, gcmNonce(n));
  decipher.setAAD(ad);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  try {
    return new Uint8Array(
      Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]),
    );
  } catch {
    throw new CryptoError('AUTH_FAILED', 'node-suite: authentication failed');
  }
}

export const nodeSuite: NoiseSuite = {
  dhName: 'P256',
  cipherName: 'AESGCM',
  hashName: 'SHA256',
  publicKeyLength: 65,
  dhLength: 32,
  hashLength: 32,
  generateKeyPair(): NoiseKeyPair {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    return { ecdh, publicKey: new Uint8Array(ecdh.getPublicKey()) } as NodeKeyPair;
  },
  readPublicKey(publicKey: Uint8Array): NoisePublicKey {
    if (publicKey.length !== 65 || publicKey[0] !== 4)
      throw new CryptoError('INVALID_ENCODING', 'node-suite: not an uncompressed point');
    try {
      crypto.createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: Buffer.from(publicKey.subarray(1, 33)).toString('base64url'),
          y: Buffer.from(publicKey.subarray(33)).toString('base64url'),
        },
        format: 'jwk',
      });
    } catch {
      throw new CryptoError('INVALID_POINT', 'node-suite: point not on P-256');
    }
    return { publicKey: publicKey.slice() };
  },
  dh(keyPair: NoiseKeyPair, publicKey: NoisePublicKey): Uint8Array {
    return new Uint8Array((keyPair as NodeKeyPair).ecdh.computeSecret(publicKey.publicKey));
  },
  cipher(k: Uint8Array): NoiseCipher {
    const key = k.slice();
    return {
      encrypt: (n, ad, plaintext) => nodeEncrypt(key, n, ad, plaintext),
      decrypt: (n, ad, ciphertext) => nodeDecrypt(key, n, ad, ciphertext),
    };
  },
  hash: (data) => new Uint8Array(crypto.createHash('sha256').update(data).digest()),
  hmac: (key, data) => new Uint8Array(crypto.createHmac('sha256', key).update(data).digest()),
};
