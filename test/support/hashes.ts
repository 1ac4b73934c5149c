/**
 * SHA-256 behind a different function object: hmac(), hmacWithKey() and hkdf() take their
 * SHA-256 fast path only for `sha256` itself, so passing this runs the generic path (the
 * reference the fast path is tested against).
 */
import type { HashFunction } from '../../src/hash/hash';
import { sha256 } from '../../src/hash/sha256';

export const genericSha256: HashFunction = Object.assign((data: Uint8Array) => sha256(data), {
  create: sha256.create,
  blockLength: 64,
  outputLength: 32,
  algorithm: 'SHA-256',
});
