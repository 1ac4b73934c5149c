// @ts-check
/**
 * Hash-layer rows: SHA-256 and SHA-512 at 32 B, 1 KiB, 64 KiB and 1 MiB; HMAC-SHA256 of 32 B
 * with a 32 B key; HKDF-SHA256 to 32 B (32 B IKM, 32 B salt, 16 B info).
 * ecdh-lab (dist/esm) vs node:crypto vs @noble/hashes, one process; the SHA-256 rows also
 * run sha256-uint8array (a fast pure-JS SHA-256) as a further anchor.
 */
import * as nodeCrypto from 'node:crypto';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { createHash as createSha256 } from 'sha256-uint8array';
import { sha256, sha512, hmac, hkdf } from '../dist/esm/index.js';
import { seededBytes } from './harness.mjs';

export async function rows() {
  const out = [];
  for (const [label, size] of [
    ['32 B', 32],
    ['1 KiB', 1024],
    ['64 KiB', 65536],
    ['1 MiB', 1 << 20],
  ]) {
    const msg = seededBytes(size, size);
    if (Buffer.compare(sha256(msg), createSha256().update(msg).digest()) !== 0)
      throw new Error(`bench/hash: sha256-uint8array disagrees at ${label}`);
    out.push({
      group: 'SHA-256',
      name: label,
      bytes: size,
      contenders: {
        'ecdh-lab': () => sha256(msg),
        'node:crypto': () => nodeCrypto.createHash('sha256').update(msg).digest(),
        '@noble': () => nobleSha256(msg),
        'sha256-uint8array': () => createSha256().update(msg).digest(),
      },
    });
  }
  for (const [label, size] of [
    ['32 B', 32],
    ['1 KiB', 1024],
    ['64 KiB', 65536],
    ['1 MiB', 1 << 20],
  ]) {
    const msg = seededBytes(size, size + 1);
    out.push({
      group: 'SHA-512',
      name: label,
      bytes: size,
      contenders: {
        'ecdh-lab': () => sha512(msg),
        'node:crypto': () => nodeCrypto.createHash('sha512').update(msg).digest(),
        '@noble': () => nobleSha512(msg),
      },
    });
  }
  const key = seededBytes(32, 7);
  const data = seededBytes(32, 8);
  out.push({
    group: 'HMAC-SHA256',
    name: '32 B message, 32 B key',
    contenders: {
      'ecdh-lab': () => hmac(sha256, key, data),
      'node:crypto': () => nodeCrypto.createHmac('sha256', key).update(data).digest(),
      '@noble': () => nobleHmac(nobleSha256, key, data),
    },
  });
  const ikm = seededBytes(32, 9);
  const salt = seededBytes(32, 10);
  const info = seededBytes(16, 11);
  out.push({
    group: 'HKDF-SHA256',
    name: 'to 32 B (32 B IKM, 32 B salt, 16 B info)',
    contenders: {
      'ecdh-lab': () => hkdf(sha256, ikm, salt, info, 32),
      'node:crypto': () => nodeCrypto.hkdfSync('sha256', ikm, salt, info, 32),
      '@noble': () => nobleHkdf(nobleSha256, ikm, salt, info, 32),
    },
  });
  return out;
}
