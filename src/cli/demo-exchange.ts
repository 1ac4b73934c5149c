/// <reference types="node" />
/**
 * The demo's second part: the tutorial retold with every value shown: keys, the PEM exchange,
 * the shared secret, HKDF and AES-GCM (SEC 1 §3.3.1, RFC 5869, SP 800-38D).
 */
import { bytesToHex, bytesToUtf8, utf8ToBytes } from '../bytes/index.js';
import { aesGcm } from '../cipher/gcm.js';
import { groupHex, labelled } from '../explain/format.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import type { DemoRandom } from './demo-random.js';
import type { Print } from './demo-hashes.js';

/** Alice and Bob, as in the tutorial: keys, PEM exchange, ECDH, HKDF, AES-GCM. */
export function demoKeyExchange(print: Print, random: DemoRandom): void {
  print('── Key exchange, as in the tutorial (SEC 1 §3.3.1, RFC 5869, SP 800-38D) ──');
  print('Each side has a private key d and the public key Q = d·G (SEC 1 §3.2.1).');
  const alice = random.privateKey('Alice');
  const bob = random.privateKey('Bob');
  for (const [name, key] of [
    ['Alice', alice],
    ['Bob', bob],
  ] as const) {
    const Q = key.publicKey.toRaw({ compressed: false });
    print(...labelled(`${name.padEnd(5)} private d   `, groupHex(key.toRaw())));
    print(...labelled(`${name.padEnd(5)} public  Q.x `, groupHex(Q.subarray(1, 33))));
    print(...labelled(`${''.padEnd(5)}         Q.y `, groupHex(Q.subarray(33))));
  }
  print('Alice sends her public key as PEM (SubjectPublicKeyInfo):');
  for (const line of alice.publicKey.toPem().trimEnd().split('\n')) print(`  ${line}`);
  print('Bob sends his:');
  for (const line of bob.publicKey.toPem().trimEnd().split('\n')) print(`  ${line}`);
  const zAlice = alice.exchange(bob.publicKey);
  const zBob = bob.exchange(alice.publicKey);
  print('The shared secret Z is the x-coordinate of d·Q_peer:');
  print(...labelled('  Alice: x of dA·QB  ', groupHex(zAlice)));
  print(...labelled('  Bob:   x of dB·QA  ', groupHex(zBob)));
  print(`both sides agree: ${bytesToHex(zAlice) === bytesToHex(zBob)}`);
  const key = hkdf(sha256, zAlice, undefined, undefined, 32);
  print('HKDF-SHA256(Z, salt none, info none, 32) = key');
  print(...labelled('  key         ', groupHex(key)));
  const message = utf8ToBytes('Meet me at the usual place at noon.');
  const nonce = random.bytes('tutorial AES-GCM nonce', 12);
  const sealed = aesGcm(key, nonce).encrypt(message);
  print(`Alice encrypts "${bytesToUtf8(message)}"`);
  print(
    ...labelled(
      '  nonce       ',
      groupHex(nonce),
      random.seed === undefined ? '(12 random bytes)' : '(12 bytes from the seed)',
    ),
  );
  print(...labelled('  ciphertext  ', groupHex(sealed.subarray(0, sealed.length - 16))));
  print(...labelled('  tag         ', groupHex(sealed.subarray(sealed.length - 16))));
  const opened = aesGcm(key, nonce).decrypt(sealed);
  print(`Bob decrypts: "${bytesToUtf8(opened)}"`);
  print('What the tutorial leaves out: nothing authenticates the PEM keys, so a man in the middle');
  print('can run one exchange with each side. The channel below is the fix (docs/PROTOCOL.md).');
}
