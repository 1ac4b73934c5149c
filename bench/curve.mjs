// @ts-check
/**
 * P-256 rows: ecdh-lab (dist/esm) vs node:crypto vs @noble/curves p256, side by side, with
 * elliptic (the most-installed pure-JS EC library, bn.js underneath) as a further anchor on
 * the first two rows.
 *   - public key from a private key (fixed base)
 *   - ECDH shared secret with a fresh peer key each call: parse the 65-byte SEC 1 point,
 *     validate, multiply (noble: getSharedSecret(priv, pubBytes); node: ecdh.computeSecret;
 *     elliptic: keyFromPublic(bytes) then derive, which validates the point first)
 *   - for study: the co-Z ladder vs the plain ladder vs double-and-add (ecdh-lab only)
 *   - field multiplication and inversion (ecdh-lab; noble's Fp for comparison)
 * Inputs come from a fixed seed; peers rotate through a pre-generated list.
 */
import { createECDH } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import elliptic from 'elliptic';
import * as lab from '../dist/esm/math.js';
import { bytesToBigInt } from '../dist/esm/index.js';
import { seededBytes } from './harness.mjs';

const n = lab.P256.n;

/** Scalars in [1, n − 1] from the seed. */
function scalars(count, seed) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const d = bytesToBigInt(seededBytes(32, seed + i));
    if (d >= 1n && d < n) out.push(d);
  }
  return out;
}

export async function rows() {
  const COUNT = 64;
  const privs = scalars(COUNT, 1000);
  const privBytes = privs.map((d) => lab.scalarToBytes(d));
  const peers = scalars(COUNT, 5000).map((d) =>
    lab.encodePoint(lab.publicPointFromScalar(d), false),
  );
  const ourD = privs[0];
  const ourBytes = privBytes[0];
  const nodeEcdh = createECDH('prime256v1');
  nodeEcdh.setPrivateKey(ourBytes);
  const nodeKeyGen = createECDH('prime256v1');
  const peerBuffers = peers.map((b) => Buffer.from(b));
  const P = lab.decodePoint(peers[1]);

  const ec = new elliptic.ec('p256');
  const ecOurs = ec.keyFromPrivate(ourBytes);
  // Sanity: elliptic agrees with ecdh-lab before anything is timed.
  const ours = lab.encodePoint(lab.publicPointFromScalar(ourD), false);
  const theirs = Uint8Array.from(ecOurs.getPublic(false, 'array'));
  const secret = lab.sharedSecret(ourD, lab.decodePoint(peers[1]));
  const ecSecret = Uint8Array.from(
    ecOurs.derive(ec.keyFromPublic(peers[1]).getPublic()).toArray('be', 32),
  );
  if (Buffer.compare(ours, theirs) !== 0 || Buffer.compare(secret, ecSecret) !== 0)
    throw new Error('bench/curve: elliptic and ecdh-lab disagree');

  let i = 0;
  const next = () => (i = (i + 1) % COUNT);
  const fe = privs.map((d) => d % lab.P256.p);
  const Fp = p256.Point.Fp;

  return [
    {
      group: 'P-256',
      name: 'public key from private (fixed base)',
      contenders: {
        'ecdh-lab': () => lab.encodePoint(lab.publicPointFromScalar(privs[next()]), false),
        'node:crypto': () => {
          nodeKeyGen.setPrivateKey(privBytes[next()]);
          return nodeKeyGen.getPublicKey();
        },
        '@noble': () => p256.getPublicKey(privBytes[next()], false),
        elliptic: () => ec.keyFromPrivate(privBytes[next()]).getPublic(false, 'array'),
      },
    },
    {
      group: 'P-256',
      name: 'ECDH shared secret (parse + validate + multiply, fresh peer)',
      contenders: {
        'ecdh-lab': () => lab.sharedSecret(ourD, lab.decodePoint(peers[next()])),
        'node:crypto': () => nodeEcdh.computeSecret(peerBuffers[next()]),
        '@noble': () => p256.getSharedSecret(ourBytes, peers[next()]),
        elliptic: () =>
          ecOurs.derive(ec.keyFromPublic(peers[next()]).getPublic()).toArray('be', 32),
      },
    },
    {
      group: 'P-256 study',
      name: 'co-Z ladder k·P',
      contenders: { 'ecdh-lab': () => lab.coZLadder(privs[next()], P) },
    },
    {
      group: 'P-256 study',
      name: 'plain Montgomery ladder k·P (Jacobian)',
      contenders: { 'ecdh-lab': () => lab.referenceLadder(privs[next()], P) },
    },
    {
      group: 'P-256 study',
      name: 'double-and-add k·P (Jacobian, variable time)',
      contenders: { 'ecdh-lab': () => lab.doubleAndAdd(privs[next()], P) },
    },
    {
      group: 'P-256 field',
      name: 'field mul',
      contenders: {
        'ecdh-lab': () => lab.fieldMul(fe[next()], fe[i ^ 1]),
        '@noble': () => Fp.mul(fe[next()], fe[i ^ 1]),
      },
    },
    {
      group: 'P-256 field',
      name: 'field inverse (addition chain, fixed sequence)',
      contenders: {
        'ecdh-lab': () => lab.fieldInverse(fe[next()]),
        '@noble': () => Fp.inv(fe[next()]),
      },
    },
    {
      group: 'P-256 field',
      name: 'field inverse (variable time, public values)',
      contenders: {
        'ecdh-lab': () => lab.fieldInverseVartime(fe[next()]),
        '@noble': () => Fp.inv(fe[next()]),
      },
    },
  ];
}
