/**
 * One update() of more than 2^31 bytes, for SHA-256, SHA-384 and SHA-512, against node:crypto.
 * JavaScript's bitwise operators work on 32-bit integers, so arithmetic on such a length must
 * not use them (an `& ~63` made the whole-block end negative and the digest wrong). It needs a
 * 2 GiB zero-filled input and minutes of CPU per hash, so it runs only with SHA_HUGE_UPDATE=1.
 */
import * as crypto from 'node:crypto';
import type { HashFunction } from '../../src/hash/hash.js';
import { sha256 } from '../../src/hash/sha256.js';
import { sha384, sha512 } from '../../src/hash/sha512.js';

const huge = process.env.SHA_HUGE_UPDATE === '1' ? it : it.skip;

huge(
  'a 2^31 + 100-byte update, after a 5-byte one, equals node:crypto (SHA_HUGE_UPDATE=1)',
  () => {
    const data = new Uint8Array(2 ** 31 + 100);
    const head = Uint8Array.of(1, 2, 3, 4, 5); // so that the big update starts mid-block
    for (const [name, hash] of [
      ['sha256', sha256],
      ['sha384', sha384],
      ['sha512', sha512],
    ] as [string, HashFunction][]) {
      const ours = Buffer.from(hash.create().update(head).update(data).digest()).toString('hex');
      // node:crypto takes at most 2^31 − 1 bytes per update: it gets the same bytes in halves.
      const half = 2 ** 30;
      const node = crypto
        .createHash(name)
        .update(head)
        .update(data.subarray(0, half))
        .update(data.subarray(half))
        .digest('hex');
      expect({ name, digest: ours }).toEqual({ name, digest: node });
    }
  },
  3_600_000,
);
