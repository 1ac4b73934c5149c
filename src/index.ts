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
