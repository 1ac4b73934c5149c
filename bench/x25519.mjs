// @ts-check
/**
 * X25519 rows (RFC 7748): ecdh-lab (dist/esm) vs node:crypto vs @noble/curves/ed25519 x25519,
 * side by side.
 *   - public key from a private key: ecdh-lab's fixed-base table (Edwards form); node:crypto
 *     has no raw X25519 key API, so its column imports the key as PKCS#8 DER (the 32 bytes
 *     behind a fixed 16-byte prefix; OpenSSL derives the public key there) and takes the public
 *     KeyObject; noble's getPublicKey (its own Edwards table)
 *   - shared secret with a fresh peer key each call: decoding the 32-byte peer key, the ladder
 *     and the all-zero check (node: the peer imported as SPKI DER, then diffieHellman with our
 *     KeyObject, made once outside the timed region)
 *   - for study: the x-only ladder on integers, and the field operations
 * Inputs come from a fixed seed; keys rotate through a pre-generated list.
 */
import * as crypto from 'node:crypto';
import { ed25519, x25519 as noble } from '@noble/curves/ed25519.js';
import { x25519, x25519PublicKey } from '../dist/esm/index.js';
import * as lab from '../dist/esm/math.js';
import { seededBytes } from './harness.mjs';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export async function rows() {
  const COUNT = 64;
  const privs = Array.from({ length: COUNT }, (_, i) => seededBytes(32, 7000 + i));
  const peers = Array.from({ length: COUNT }, (_, i) => x25519PublicKey(seededBytes(32, 9000 + i)));
  const pkcs8 = privs.map((k) => Buffer.concat([PKCS8_PREFIX, k]));
  const spki = peers.map((u) => Buffer.concat([SPKI_PREFIX, u]));
  const ours = privs[0];
  const ourNode = crypto.createPrivateKey({ key: pkcs8[0], format: 'der', type: 'pkcs8' });
  const scalars = privs.map((k) => lab.decodeScalar25519(k));
  const us = peers.map((u) => lab.decodeUCoordinate(u));
  const p = lab.p25519;
  const fe = scalars.map((k) => k % p);
  const Fp = ed25519.Point.Fp;

  let i = 0;
  const next = () => (i = (i + 1) % COUNT);

  return [
    {
      group: 'X25519',
      name: 'public key from private (fixed base)',
      contenders: {
        'ecdh-lab': () => x25519PublicKey(privs[next()]),
        'node:crypto': () =>
          crypto.createPublicKey(
            crypto.createPrivateKey({ key: pkcs8[next()], format: 'der', type: 'pkcs8' }),
          ),
        '@noble': () => noble.getPublicKey(privs[next()]),
      },
    },
    {
      group: 'X25519',
      name: 'shared secret (decode + ladder + all-zero check, fresh peer)',
      contenders: {
        'ecdh-lab': () => x25519(ours, peers[next()]),
        'node:crypto': () =>
          crypto.diffieHellman({
            privateKey: ourNode,
            publicKey: crypto.createPublicKey({ key: spki[next()], format: 'der', type: 'spki' }),
          }),
        '@noble': () => noble.getSharedSecret(ours, peers[next()]),
      },
    },
    {
      group: 'X25519 study',
      name: 'x-only ladder u(k·P) on integers (255 steps)',
      contenders: { 'ecdh-lab': () => lab.x25519Ladder(scalars[next()], us[i]) },
    },
    {
      group: 'X25519 field',
      name: 'field mul (fold 2^255 ≡ 19, canonical)',
      contenders: {
        'ecdh-lab': () => lab.field25519Mul(fe[next()], fe[i ^ 1]),
        '@noble': () => Fp.mul(fe[next()], fe[i ^ 1]),
      },
    },
    {
      group: 'X25519 field',
      name: 'field inverse (addition chain, fixed sequence)',
      contenders: {
        'ecdh-lab': () => lab.field25519Inverse(fe[next()]),
        '@noble': () => Fp.inv(fe[next()]),
      },
    },
  ];
}
