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

// cipher/ — AES (FIPS 197) and AES-GCM (SP 800-38D); see docs/aes-gcm.md
export { aesGcm, GCM_MAX_PLAINTEXT_BYTES } from './cipher/gcm.js';
export type { AesGcmCipher, AesGcmFunction, AesGcmKeyed, AesGcmOptions, GcmTagLength } from './cipher/gcm.js';
export { createAes } from './cipher/aes.js';
export type { AesBlockCipher } from './cipher/aes.js';
export { aesEncryptBlockReference, aesDecryptBlockReference } from './cipher/aes-reference.js';
export { ghash, ghashReference, gcmMultiply } from './cipher/ghash.js';
