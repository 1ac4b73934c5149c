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

// --- P-256 math tier and ECDH primitive (issue 4: src/math, src/curve, src/ecdh) ---
export { mod, modAdd, modSub, modPow, modInverseVartime } from './math/modular.js';
export {
  fieldAdd,
  fieldSub,
  fieldNeg,
  fieldMul,
  fieldSquare,
  fieldPow,
  fieldInverse,
  fieldInverseVartime,
  fieldSqrt,
  fieldFromBytes,
  fieldToBytes,
} from './math/field.js';
export {
  scalarAdd,
  scalarSub,
  scalarNeg,
  scalarMul,
  scalarInverse,
  scalarFromBytes,
  scalarToBytes,
} from './math/scalar.js';
export { G, P256 } from './curve/p256.js'; // P256.p, .a, .b, .n, .h, .G: the domain parameters
export { TOY } from './curve/toy.js';
export {
  INFINITY,
  isInfinity,
  isOnCurve,
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
} from './curve/affine.js';
export type { AffinePoint, Curve } from './curve/affine.js';
export {
  JACOBIAN_INFINITY,
  toJacobian,
  toAffine,
  jacobianNegate,
  jacobianDouble,
  jacobianAdd,
  jacobianMixedAdd,
  jacobianEquals,
} from './curve/jacobian.js';
export type { JacobianPoint } from './curve/jacobian.js';
export { coZAdd, coZAddConjugate } from './curve/coz.js';
export type { CoZPair } from './curve/coz.js';
export { ladder, montgomeryLadder, doubleAndAdd } from './curve/ladder.js';
export { fixedBaseMultiply } from './curve/fixed-base.js';
export { decodePoint, encodePoint } from './curve/encoding.js';
export { assertValidPublicPoint, assertValidScalar } from './ecdh/validate.js';
export { sharedSecret, publicPointFromScalar, randomScalar } from './ecdh/ecdh.js';

// cipher/ — AES (FIPS 197) and AES-GCM (SP 800-38D); see docs/aes-gcm.md
export { aesGcm, GCM_MAX_PLAINTEXT_BYTES } from './cipher/gcm.js';
export type {
  AesGcmCipher,
  AesGcmFunction,
  AesGcmKeyed,
  AesGcmOptions,
  GcmTagLength,
} from './cipher/gcm.js';
export { createAes } from './cipher/aes.js';
export type { AesBlockCipher } from './cipher/aes.js';
export { aesEncryptBlockReference, aesDecryptBlockReference } from './cipher/aes-reference.js';
export { ghash, ghashReference, gcmMultiply } from './cipher/ghash.js';

// Keys: P-256 key objects and their formats (SEC 1, RFC 5480 SPKI, RFC 5208 PKCS#8,
// RFC 5915 ECPrivateKey, RFC 7468 PEM, RFC 7518 JWK).
export { PublicKey } from './keys/public-key.js';
export type { PublicKeyRawOptions } from './keys/public-key.js';
export { PrivateKey, generatePrivateKey } from './keys/private-key.js';
export type { PrivateKeyFormat } from './keys/private-key.js';
export type { EcJwk } from './keys/jwk.js';
export { encodePem, decodePem, decodePemBlocks } from './keys/pem.js';
export type { PemBlock } from './keys/pem.js';

// channel (issue 5): Noise NN/NK/XX and the tutorial protocol as pure state machines.
// The TCP transport (createServer, connect) is in ecdh-lab/node (src/node.ts).
export * from './channel/index.js';
