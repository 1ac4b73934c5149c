/**
 * ecdh-lab — the protocol tier: checked key objects, ECDH and ECDSA, hashes, MAC, KDF, AEAD,
 * byte helpers and errors. Browser-safe: nothing here imports a `node:` module, and randomness
 * comes from `globalThis.crypto.getRandomValues`.
 *
 * The other entry points:
 * - `ecdh-lab/math`: the study tier (field and scalar arithmetic, points, ladders, the toy
 *   curve, reference implementations and the traced `explain` computations);
 * - `ecdh-lab/noise`: the socket-free Noise and tutorial state machines;
 * - `ecdh-lab/node`: the TCP transport (Node only).
 */
export { CryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { randomBytes } from './random.js';
export * from './bytes/index.js';

// Hashes, MACs and key derivation (FIPS 180-4, RFC 2104 / FIPS 198-1, RFC 5869).
export { sha256 } from './hash/sha256.js';
export { sha384, sha512 } from './hash/sha512.js';
export type { Hash, HashFunction } from './hash/hash.js';
export { hmac, Hmac } from './mac/hmac.js';
export { hkdf, extract, expand } from './kdf/hkdf.js';

// AES-GCM (SP 800-38D); see docs/aes-gcm.md.
export { aesGcm, GCM_MAX_PLAINTEXT_BYTES } from './cipher/gcm.js';
export type {
  AesGcmCipher,
  AesGcmFunction,
  AesGcmKeyed,
  AesGcmOptions,
  GcmTagLength,
} from './cipher/gcm.js';

// X25519 (RFC 7748) on raw 32-byte keys: the public key of a private key, and the shared
// secret (an all-zero result, from a public key of small order, is refused: INVALID_POINT).
export { x25519, x25519PublicKey } from './x25519/x25519.js';

// Keys: key objects on P-256 or X25519 (`key.curve`) and their formats (SEC 1, RFC 5480 SPKI,
// RFC 5208 PKCS#8, RFC 5915 ECPrivateKey, RFC 8410 for X25519, RFC 7468 PEM, RFC 7518 and
// RFC 8037 JWK), and Diffie-Hellman through `exchange`.
export { PublicKey } from './keys/public-key.js';
export type { PublicJwk, PublicKeyRawOptions } from './keys/public-key.js';
export { PrivateKey, generatePrivateKey } from './keys/private-key.js';
export type { PrivateJwk } from './keys/private-key.js';
export type { CurveOptions, KeyCurve } from './keys/key-curve.js';
export type { OkpJwk } from './keys/x25519-formats.js';
// ECDSA (FIPS 186-5 §6.4, RFC 6979) through the keys: privateKey.sign / signDigest,
// publicKey.verify / verifyDigest.
export type { SignOptions, VerifyOptions } from './ecdsa/ecdsa.js';
export type { SignatureFormat } from './ecdsa/signature.js';
export type { PrivateKeyFormat } from './keys/private-key.js';
export type { EcJwk } from './keys/jwk.js';
export { encodePem, decodePem, decodePemBlocks } from './keys/pem.js';
export type { PemBlock } from './keys/pem.js';
