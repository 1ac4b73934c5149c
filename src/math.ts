/**
 * ecdh-lab/math — the study tier: plain functions on bigints and point objects, for people
 * who study how the protocol tier (`ecdh-lab`) works. Browser-safe.
 *
 * The functions here check their arguments (a learner passes raw bigints), but they are
 * not the validated path: keys that come from outside belong in `PublicKey`/`PrivateKey`.
 * The reference implementations (`sha256Reference`, `sha512Reference`, `sha384Reference`,
 * `aesEncryptBlockReference`, `ghashReference`) are the by-the-book versions the fast paths are tested against.
 */

// Modular arithmetic, the P-256 field F_p and the scalars mod n.
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

// Curves and points: P-256's domain parameters, the toy curve, affine (textbook) and
// Jacobian coordinates, the co-Z formulas, the ladders and the fixed-base comb.
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

// ECDH on bigints (SEC 1 §3.3.1) and the public-key checks of SP 800-56A §5.6.2.3.3.
export { assertValidPublicPoint, assertValidScalar } from './ecdh/validate.js';
export { sharedSecret, publicPointFromScalar, randomScalar } from './ecdh/ecdh.js';

// ECDSA on bigints (FIPS 186-5 §6.4): the P-256 fast path on a digest, the textbook reference
// on any curve (the toy curve too), RFC 6979 nonces, the signature encodings, and the
// variable-time u1·G + u2·Q of verification.
export { ecdsaSign, ecdsaVerify } from './ecdsa/ecdsa.js';
export { ecdsaSignReference, ecdsaVerifyReference } from './ecdsa/reference.js';
export { bits2int, rfc6979Nonces } from './ecdsa/rfc6979.js';
export type { NonceGenerator } from './ecdsa/rfc6979.js';
export { encodeSignature, decodeSignature } from './ecdsa/signature.js';
export type { EcdsaSignature } from './ecdsa/signature.js';
export { doubleScalarMultiplyVartime, wnaf } from './curve/straus.js';

// Reference implementations beside the fast paths.
export { sha256Reference } from './hash/sha256-reference.js';
export { sha384Reference, sha512Reference } from './hash/sha512-reference.js';
export { createAes } from './cipher/aes.js';
export type { AesBlockCipher } from './cipher/aes.js';
export { aesEncryptBlockReference, aesDecryptBlockReference } from './cipher/aes-reference.js';
export { ghash, ghashReference, gcmMultiply } from './cipher/ghash.js';

// Traced computations (what `ecdh-lab explain` prints): every intermediate value, for study.
export { traceLadder } from './explain/ladder.js';
export type { LadderStep, LadderTrace } from './explain/ladder.js';
export { traceInverse } from './explain/field.js';
export type { EuclidStep, FermatStep, InverseTrace } from './explain/field.js';
