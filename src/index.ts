/**
 * ecdh-lab: P-256 ECDH, SHA-256, HMAC, HKDF and AES-GCM from scratch.
 *
 * This entry point is the browser-safe core: nothing here imports a `node:` module.
 * The TCP transport lives in `ecdh-lab/node`.
 */
export { CryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { randomBytes } from './random.js';
export * from './bytes/index.js';

// Hashes, MACs and key derivation (FIPS 180-4, RFC 2104 / FIPS 198-1, RFC 5869).
export { sha256 } from './hash/sha256.js';
export type { Hash, HashFunction } from './hash/hash.js';
export { sha256Reference } from './hash/sha256-reference.js';
export { hmac, Hmac } from './mac/hmac.js';
export { hkdf, extract, expand } from './kdf/hkdf.js';
