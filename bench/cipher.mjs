// @ts-check
/**
 * Cipher rows: AES-GCM encryption (one-shot and keyed) and raw AES block throughput,
 * ecdh-lab (built dist/esm) against node:crypto (OpenSSL, AES-NI + PCLMULQDQ) and
 * @noble/ciphers 2.4.0, side by side in one process; the GCM rows also run @stablelib/gcm
 * over @stablelib/aes as a further pure-JS anchor.
 *
 * - "one-shot" counts key setup, as each library's one-shot call does:
 *   ecdh-lab `aesGcm(key, nonce).encrypt(pt)`, noble `gcm(key, nonce).encrypt(pt)`,
 *   node `createCipheriv` + `update` + `final` + `getAuthTag` (concatenated into ct ‖ tag).
 * - "keyed" reuses ecdh-lab's `aesGcm.withKey(key)` (key schedule, H and the 64 KiB GHASH table
 *   computed once). noble has no keyed GCM form, so its column repeats the one-shot call; node's
 *   only form is createCipheriv per message, so its column does too.
 * - @stablelib/gcm: one-shot is `new GCM(new AES(key)).seal(nonce, pt)`; keyed reuses one GCM
 *   object (stablelib has a keyed form, so its keyed column is keyed too).
 * - The same nonce is used for every call: fine for timing, never for real traffic.
 */
import * as crypto from 'node:crypto';
import { gcm, ecb } from '@noble/ciphers/aes.js';
import { AES } from '@stablelib/aes';
import { GCM } from '@stablelib/gcm';
import { aesGcm } from '../dist/esm/index.js';
import { createAes } from '../dist/esm/math.js';
import { seededBytes } from './harness.mjs';

const SIZES = [
  [64, '64 B'],
  [1024, '1 KiB'],
  [65536, '64 KiB'],
  [1048576, '1 MiB'],
];

function nodeGcm(bits, key, nonce, pt) {
  const c = crypto.createCipheriv(`aes-${bits}-gcm`, key, nonce);
  const head = c.update(pt);
  const tail = c.final();
  return Buffer.concat([head, tail, c.getAuthTag()]);
}

export async function rows() {
  const out = [];
  const nonce = seededBytes(12, 7);
  for (const bits of [128, 256]) {
    const key = seededBytes(bits / 8, bits);
    const keyed = aesGcm.withKey(key);
    const stableKeyed = new GCM(new AES(key));
    for (const [size, label] of SIZES) {
      const pt = seededBytes(size, size);
      // Sanity: all three agree before anything is timed.
      const a = Buffer.from(aesGcm(key, nonce).encrypt(pt));
      if (
        !a.equals(Buffer.from(gcm(key, nonce).encrypt(pt))) ||
        !a.equals(nodeGcm(bits, key, nonce, pt)) ||
        !a.equals(Buffer.from(keyed.encrypt(nonce, pt))) ||
        !a.equals(Buffer.from(new GCM(new AES(key)).seal(nonce, pt))) ||
        !a.equals(Buffer.from(stableKeyed.seal(nonce, pt)))
      ) {
        throw new Error(`bench/cipher: AES-${bits}-GCM outputs disagree at ${label}`);
      }
      out.push({
        group: `AES-${bits}-GCM encrypt`,
        name: `one-shot ${label}`,
        bytes: size,
        note: 'key setup counted',
        contenders: {
          'ecdh-lab': () => aesGcm(key, nonce).encrypt(pt),
          'node:crypto': () => nodeGcm(bits, key, nonce, pt),
          '@noble': () => gcm(key, nonce).encrypt(pt),
          '@stablelib/gcm': () => new GCM(new AES(key)).seal(nonce, pt),
        },
      });
      out.push({
        group: `AES-${bits}-GCM encrypt`,
        name: `keyed ${label}`,
        bytes: size,
        note: 'ecdh-lab aesGcm.withKey and one @stablelib/gcm object reused; noble and node have no keyed form: one-shot',
        contenders: {
          'ecdh-lab': () => keyed.encrypt(nonce, pt),
          'node:crypto': () => nodeGcm(bits, key, nonce, pt),
          '@noble': () => gcm(key, nonce).encrypt(pt),
          '@stablelib/gcm': () => stableKeyed.seal(nonce, pt),
        },
      });
    }
  }
  for (const bits of [128, 256]) {
    const key = seededBytes(bits / 8, bits + 1);
    const block = seededBytes(16, 3);
    const aes = createAes(key);
    // noble refuses a second encrypt() on one instance, so its column builds ecb(key) per call.
    const nobleEcb = () => ecb(key, { disablePadding: true });
    const nodeEcb = crypto.createCipheriv(`aes-${bits}-ecb`, key, null).setAutoPadding(false);
    if (
      !Buffer.from(aes.encryptBlock(block)).equals(Buffer.from(nobleEcb().encrypt(block))) ||
      !Buffer.from(aes.encryptBlock(block)).equals(nodeEcb.update(block))
    ) {
      throw new Error(`bench/cipher: AES-${bits} block outputs disagree`);
    }
    out.push({
      group: `AES-${bits} block`,
      name: 'encrypt one 16-byte block (keyed object)',
      bytes: 16,
      note: 'ecdh-lab createAes(key).encryptBlock; noble ecb(key, { disablePadding }).encrypt per call (noble allows one encrypt per instance); node one aes-ecb cipher, update() per block',
      contenders: {
        'ecdh-lab': () => aes.encryptBlock(block),
        'node:crypto': () => nodeEcb.update(block),
        '@noble': () => nobleEcb().encrypt(block),
      },
    });
    const data = seededBytes(65536, 5);
    out.push({
      group: `AES-${bits} block`,
      name: 'encrypt 64 KiB as raw blocks (ECB)',
      bytes: 65536,
      note: 'ecdh-lab: 4096 encryptBlock calls (fresh 16-byte output each); noble ecb, node aes-ecb update()',
      contenders: {
        'ecdh-lab': () => {
          let last;
          for (let i = 0; i < data.length; i += 16)
            last = aes.encryptBlock(data.subarray(i, i + 16));
          return last;
        },
        'node:crypto': () => nodeEcb.update(data),
        '@noble': () => nobleEcb().encrypt(data),
      },
    });
  }
  return out;
}
