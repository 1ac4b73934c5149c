/**
 * ecdh-lab/math — the study tier: plain functions on bigints and point objects, for people
 * who study how the protocol tier (`ecdh-lab`) works. Browser-safe.
 *
 * The functions here check their arguments (a learner passes raw bigints), but they are
 * not the validated path: keys that come from outside belong in `PublicKey`/`PrivateKey`.
 * The reference implementations (`sha256Reference`, `sha384Reference`, `sha512Reference`,
 * `aesEncryptBlockReference`, `ghashReference`, `ecdsaSignReference`, `ecdsaVerifyReference`)
 * are the by-the-book versions the fast paths are tested against. The traces (`traceLadder`,
 * `traceEcdh`, `traceHkdf`, `traceAes`, `traceInverse`, `traceEcdsa`) record a computation with
 * every intermediate value, and their `render…` functions print it as `ecdh-lab explain` and the
 * tour do; they branch on their inputs to print them, so never trace a real key.
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
export type { AffinePoint, Curve, DomainParameters } from './curve/affine.js';
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

// Curve25519 (RFC 7748): its field F_p, p = 2^255 − 19 (reduction by folding 2^255 ≡ 19),
// the textbook affine group law on v² = u³ + 486662·u² + u (the reference), and the x-only
// ladder of X25519 on integers. X25519 on bytes (`x25519`, `x25519PublicKey`) is in `ecdh-lab`.
export {
  p as p25519,
  reduce as field25519Reduce,
  fieldCanonical as field25519Canonical,
  fieldAdd as field25519Add,
  fieldSub as field25519Sub,
  fieldNeg as field25519Neg,
  fieldMul as field25519Mul,
  fieldSquare as field25519Square,
  fieldInverse as field25519Inverse,
  fieldSqrt as field25519Sqrt,
  fieldFromBytes as field25519FromBytes,
  fieldToBytes as field25519ToBytes,
} from './x25519/field.js';
export {
  CURVE25519,
  CURVE25519_INFINITY,
  BASE_POINT as CURVE25519_BASE_POINT,
  isOnCurve25519,
  curve25519PointFromU,
  curve25519Negate,
  curve25519Add,
  curve25519Double,
  curve25519Multiply,
} from './x25519/curve.js';
export type { Curve25519Point } from './x25519/curve.js';
export { x25519Ladder } from './x25519/ladder.js';
export { decodeScalar25519, decodeUCoordinate, encodeUCoordinate } from './x25519/x25519.js';

// ECDH on bigints (SEC 1 §3.3.1) and the public-key checks of SP 800-56A §5.6.2.3.3.
export { assertValidPublicPoint } from './ecdh/validate.js';
export { assertScalarRange } from './math/scalar.js';
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

// Reference implementations beside the fast paths. SHA-256's parts keep FIPS 180-4's names
// (§4.1.2 Ch, Maj, Σ0, Σ1, σ0, σ1; §4.2.2 K; §5.3.3 H(0); §5.1.1 padding; §6.2.2 one block).
export {
  sha256Reference,
  pad as sha256Pad,
  compress as sha256Compress,
  Ch,
  Maj,
  Σ0,
  Σ1,
  σ0,
  σ1,
} from './hash/sha256-reference.js';
export { K as SHA256_K, H0 as SHA256_H0 } from './hash/sha256-constants.js';
export { sha384Reference, sha512Reference } from './hash/sha512-reference.js';
export { createAes } from './cipher/aes.js';
export type { AesBlockCipher } from './cipher/aes.js';
export { aesEncryptBlockReference, aesDecryptBlockReference } from './cipher/aes-reference.js';
export { ghash, ghashReference, gcmMultiply } from './cipher/ghash.js';

// Traced computations, as `ecdh-lab explain`, the tour and the playground print them, and
// their formatting.
export { traceLadder, renderLadder } from './explain/ladder.js';
export type { LadderTrace, LadderStep } from './explain/ladder.js';
export { demoScalar, traceEcdh, renderEcdh } from './explain/ecdh.js';
export type { EcdhTrace } from './explain/ecdh.js';
export { traceHkdf, renderHkdf } from './explain/hkdf.js';
export type { HkdfTrace, HkdfBlock } from './explain/hkdf.js';
export { traceAes, renderAes } from './explain/aes.js';
export type { AesTrace, AesStep } from './explain/aes.js';
export { traceInverse, renderInverse } from './explain/field.js';
export type { InverseTrace, FermatStep, EuclidStep } from './explain/field.js';
export { traceEcdsa, renderEcdsa } from './explain/ecdsa.js';
export type { EcdsaTrace } from './explain/ecdsa.js';
export { traceX25519Ladder, renderX25519Ladder } from './explain/x25519-ladder.js';
export type { X25519LadderTrace, X25519LadderStep } from './explain/x25519-ladder.js';
export { formatNumber, formatPoint, groupHex, toJson } from './explain/format.js';
