// @ts-check
/**
 * ECDSA P-256 rows: sign and verify a 100-byte message with SHA-256, DER signatures.
 *   ecdh-lab     PrivateKey.sign / PublicKey.verify (RFC 6979 nonce, fixed-base k·G, Straus verify)
 *   node:crypto  crypto.sign / crypto.verify('sha256', …) with KeyObjects (OpenSSL, random k)
 *   @noble       p256.sign / p256.verify with { prehash: true, lowS: false, format: 'der' }: it
 *                hashes the message, uses RFC 6979 and neither normalises nor requires low S,
 *                like ecdh-lab's defaults (noble's own default is lowS: true)
 * Keys are parsed once (noble takes the public key as bytes each call, which costs one point
 * decoding). Messages and signatures rotate through a list made from a fixed seed.
 */
import * as nodeCrypto from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { PrivateKey } from '../dist/esm/index.js';
import { seededBytes } from './harness.mjs';

const NOBLE = { prehash: true, lowS: false, format: 'der' };

export async function rows() {
  const COUNT = 16;
  const key = PrivateKey.fromRaw(seededBytes(32, 4242));
  const privateBytes = key.toRaw();
  const publicBytes = key.publicKey.toRaw();
  const publicKey = key.publicKey;
  const nodePrivate = nodeCrypto.createPrivateKey({
    key: Buffer.from(key.toDer()),
    format: 'der',
    type: 'pkcs8',
  });
  const nodePublic = nodeCrypto.createPublicKey(nodePrivate);
  const messages = Array.from({ length: COUNT }, (_, i) => seededBytes(100, 7000 + i));
  const signatures = messages.map((m) => key.sign(m)); // DER; every contender accepts them
  let i = 0;
  const next = () => (i = (i + 1) % COUNT);
  return [
    {
      group: 'ECDSA P-256',
      name: 'sign (SHA-256, DER, 100 B message)',
      contenders: {
        'ecdh-lab': () => key.sign(messages[next()]),
        'node:crypto': () => nodeCrypto.sign('sha256', messages[next()], nodePrivate),
        '@noble': () => p256.sign(messages[next()], privateBytes, NOBLE),
      },
    },
    {
      group: 'ECDSA P-256',
      name: 'verify (SHA-256, DER, 100 B message)',
      contenders: {
        'ecdh-lab': () => publicKey.verify(messages[next()], signatures[i]),
        'node:crypto': () =>
          nodeCrypto.verify('sha256', messages[next()], nodePublic, signatures[i]),
        '@noble': () => p256.verify(signatures[next()], messages[i], publicBytes, NOBLE),
      },
    },
  ];
}
