/**
 * ECDSA P-256 against node:crypto (OpenSSL underneath), both directions, in both signature
 * encodings (fast-check, 1000 runs each): node's `crypto.sign` signatures (random k, high or
 * low s) verify with PublicKey.verify, and PrivateKey.sign signatures (RFC 6979 k) verify with
 * node's `crypto.verify` — with dsaEncoding 'der' and 'ieee-p1363', SHA-256, SHA-384 and
 * SHA-512, messages of 0 to 300 bytes. A flipped bit makes both sides refuse.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import type { HashFunction } from '../../src/hash/hash';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { scalarToBytes, n } from '../../src/math/scalar';
import type { SignatureFormat } from '../../src/ecdsa/signature';

const HASHES: [HashFunction, string][] = [
  [sha256, 'sha256'],
  [sha384, 'sha384'],
  [sha512, 'sha512'],
];
const ENCODINGS: [SignatureFormat, 'der' | 'ieee-p1363'][] = [
  ['der', 'der'],
  ['p1363', 'ieee-p1363'],
];

describe.each(ENCODINGS)(
  'ECDSA P-256 against node:crypto, %s (dsaEncoding %s)',
  (format, dsaEncoding) => {
    it('node signs, we verify; we sign, node verifies; a flipped bit fails on both sides (1000 runs)', () => {
      fc.assert(
        fc.property(
          fc.bigInt({ min: 1n, max: n - 1n }),
          fc.uint8Array({ maxLength: 300, size: 'max' }),
          fc.constantFrom(...HASHES),
          fc.boolean(),
          fc.nat(),
          (d, message, [hash, nodeHash], lowS, flip) => {
            const ours = PrivateKey.fromRaw(scalarToBytes(d));
            const nodePrivate = crypto.createPrivateKey({
              key: Buffer.from(ours.toDer()),
              format: 'der',
              type: 'pkcs8',
            });
            const nodePublic = crypto.createPublicKey(nodePrivate);
            // node → us
            const theirs = new Uint8Array(
              crypto.sign(nodeHash, message, { key: nodePrivate, dsaEncoding }),
            );
            if (!ours.publicKey.verify(message, theirs, { hash, format })) return false;
            // us → node
            const signature = ours.sign(message, { hash, format, lowS });
            if (!crypto.verify(nodeHash, message, { key: nodePublic, dsaEncoding }, signature))
              return false;
            // tampering: one bit of the signature
            const bad = signature.slice();
            const bit = flip % (bad.length * 8);
            bad[bit >> 3] ^= 1 << (bit & 7);
            const nodeSays = (() => {
              try {
                return crypto.verify(nodeHash, message, { key: nodePublic, dsaEncoding }, bad);
              } catch {
                return false;
              }
            })();
            return !ours.publicKey.verify(message, bad, { hash, format }) && !nodeSays;
          },
        ),
        { numRuns: 1000 },
      );
    });
  },
);
