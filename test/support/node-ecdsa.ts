/**
 * TEST-ONLY: the X.509 signature interface (src/x509/signature.ts) implemented with
 * node:crypto, an ECDSA that shares no code with ecdh-lab's. The tests under test/x509 issue
 * their certificates with it, so the library's verifier (ecdh-lab's own ECDSA, the default)
 * checks signatures it did not make. Never imported by src/ or docs/.
 */
import * as crypto from 'node:crypto';
import type { PrivateKey } from '../../src/keys/private-key';
import type { PublicKey } from '../../src/keys/public-key';
import type { SignatureHash, SignatureVerifier, Signer } from '../../src/x509/signature';

const NODE_HASH: Record<SignatureHash, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Verifies DER ECDSA signatures with node:crypto (OpenSSL underneath). */
export const nodeVerifier: SignatureVerifier = Object.freeze({
  verify(publicKey: PublicKey, message: Uint8Array, signature: Uint8Array, hash: SignatureHash) {
    const key = crypto.createPublicKey({
      key: Buffer.from(publicKey.toDer()),
      format: 'der',
      type: 'spki',
    });
    try {
      return crypto.verify(NODE_HASH[hash], message, { key, dsaEncoding: 'der' }, signature);
    } catch {
      return false; // a signature that is not even a DER ECDSA-Sig-Value
    }
  },
});

/** A Signer for `privateKey`: DER ECDSA signatures from node:crypto (random k). */
export function nodeSigner(privateKey: PrivateKey): Signer {
  const key = crypto.createPrivateKey({
    key: Buffer.from(privateKey.toDer()),
    format: 'der',
    type: 'pkcs8',
  });
  return Object.freeze({
    publicKey: privateKey.publicKey,
    sign: (message: Uint8Array, hash: SignatureHash) =>
      new Uint8Array(crypto.sign(NODE_HASH[hash], message, { key, dsaEncoding: 'der' })),
  });
}
