/**
 * ECDSA on P-256: FIPS 186-5 §6.4.1 (signature generation) and §6.4.2 (verification), SEC 1
 * v2 §4.1.3 and §4.1.4, with the nonce of RFC 6979 (rfc6979.ts).
 *
 *   sign, private key d, message M, hash H:
 *     e = the leftmost 256 bits of H(M) as an integer (bits2int)
 *     k = RFC 6979 nonce for (d, H(M))  [hedged: + k' of §3.6]
 *     (x1, y1) = k·G,   r = x1 mod n            (r = 0: next k)
 *     s = k⁻¹·(e + r·d) mod n                   (s = 0: next k)
 *     lowS: if s > n/2, s = n − s
 *   verify, public key Q, signature (r, s):
 *     r, s ∈ [1, n − 1]  (and s ≤ n/2 when lowS)
 *     w = s⁻¹ mod n,  u1 = e·w mod n,  u2 = r·w mod n
 *     R = u1·G + u2·Q;  valid iff R ≠ O and x(R) mod n = r
 *
 * Why it verifies: u1·G + u2·Q = (e·w + r·w·d)·G = w·(e + r·d)·G = w·s·k·G = k·G, because
 * s·k = e + r·d (mod n) and w = s⁻¹.
 *
 * What is secret, and how it is treated (constant-time-style, never constant time):
 *   - k·G by the fixed-base table (curve/fixed-base.ts): the same operations and memory accesses
 *     for every k;
 *   - k⁻¹ by scalarInverse (math/scalar.ts): Fermat, a^(n−2), in a fixed sequence of squarings
 *     and multiplications — never the extended Euclidean algorithm, whose steps depend on k;
 *   - s = k⁻¹(e + r·d): three BigInt operations on secrets, whose timing depends on operand
 *     sizes (all BigInt code here does; see src/math/field.ts);
 *   - the nonce's HMAC-DRBG: HMAC has no secret-dependent branches or table look-ups.
 * Verification involves only public values, so it is VARIABLE TIME by design: Straus's method
 * with wNAF (curve/straus.ts), s⁻¹ by the extended Euclidean algorithm, and an early exit.
 * It also skips the inversion of Z: x(R) = X/Z² lies in [0, p − 1] and p < 2n, so
 * x(R) mod n = r exactly when X = r·Z² or X = (r + n)·Z² (mod p), the second only if r + n < p.
 *
 * Low S. For every valid (r, s), (r, n − s) is valid too (it is the signature with −k). Some
 * protocols (Bitcoin's BIP 62/146) forbid the high one to make signatures non-malleable;
 * `{ lowS: true }` signs with s ≤ n/2 and, in verify, rejects s > n/2. It is not the default
 * because OpenSSL, Go, node:crypto and WebCrypto emit either form and accept both: a strict
 * verifier would refuse about half of their valid signatures (and of the NIST and RFC 6979
 * test signatures).
 */
import { assertBytes, describeType } from '../bytes/assert.js';
import { assertHashFunction, type HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { modInverseVartime } from '../math/modular.js';
import { n, parsePrivateScalar, type PrivateScalar, scalarInverse } from '../math/scalar.js';
import { p } from '../math/field.js';
import type { AffinePoint } from '../curve/affine.js';
import { baseMultiply } from '../curve/fixed-base.js';
import { doubleScalarMultiplyJacobianVartime } from '../curve/straus.js';
import { parsePublicPoint } from '../ecdh/validate.js';
import { randomBytes } from '../random.js';
import { bits2int, drbgNonces } from './rfc6979.js';
import {
  assertSignatureFormat,
  encodeSignature,
  parseSignature,
  type EcdsaSignature,
  type SignatureFormat,
} from './signature.js';

/** ⌊n/2⌋: s is "low" when s ≤ ⌊n/2⌋ (n is odd). */
const HALF_N = n >> 1n;
const EMPTY = new Uint8Array(0);

/** Options for signing (PrivateKey.sign / signDigest, ecdsaSign). */
export interface SignOptions {
  /** The hash: `sha256` (default), `sha384` or `sha512` — the objects `hmac` takes. */
  hash?: HashFunction;
  /** The signature's encoding: 'der' (default) or 'p1363' (r ‖ s, 64 bytes). */
  format?: SignatureFormat;
  /**
   * RFC 6979 §3.6 hedged signatures: `true` mixes 32 fresh random bytes into the nonce
   * derivation, a Uint8Array mixes in those bytes; `false` (default): deterministic RFC 6979.
   */
  extraEntropy?: boolean | Uint8Array;
  /** Produce s ≤ n/2 (default false; see the file header). */
  lowS?: boolean;
}

/** Options for verifying (PublicKey.verify / verifyDigest, ecdsaVerify). */
export interface VerifyOptions {
  /** The hash the signer used: `sha256` (default), `sha384` or `sha512`. */
  hash?: HashFunction;
  /** The signature's encoding: 'der' (default) or 'p1363'. */
  format?: SignatureFormat;
  /** Reject s > n/2 (default false; see the file header). */
  lowS?: boolean;
}

interface ReadOptions {
  hash: HashFunction;
  format: SignatureFormat;
  lowS: boolean;
  extraData: Uint8Array;
}

function readBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new TypeError(`${name} must be a boolean, got ${describeType(value)}`);
  return value;
}

/** Reads each option exactly once (a getter cannot answer differently later) and checks it. */
function readOptions(options: unknown, signing: boolean): ReadOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  const { hash = sha256, format = 'der', lowS, extraEntropy } = options as SignOptions;
  assertHashFunction(hash);
  assertSignatureFormat(format, 'options.format');
  let extraData: Uint8Array = EMPTY;
  if (signing && extraEntropy !== undefined && extraEntropy !== false) {
    if (extraEntropy === true) extraData = randomBytes(32);
    else if (extraEntropy instanceof Uint8Array) extraData = extraEntropy.slice();
    else
      throw new TypeError(
        `options.extraEntropy must be a boolean or a Uint8Array, got ${describeType(extraEntropy)}`,
      );
  }
  return { hash, format, lowS: readBoolean(lowS, 'options.lowS'), extraData };
}

/** The message representative e of FIPS 186-5 §6.4.1 step 4 for P-256: bits2int(digest). */
function digestToInteger(digest: Uint8Array): bigint {
  return bits2int(digest, n);
}

/**
 * @internal One signing attempt with nonce k (steps 5–8 of FIPS 186-5 §6.4.1): (r, s), or
 * undefined when r = 0 or s = 0 and another k is needed. d and k must be in [1, n − 1]; e is
 * the message representative.
 */
export function signWithNonce(d: bigint, e: bigint, k: bigint): EcdsaSignature | undefined {
  const R = baseMultiply(k); //                         (x1, y1) = k·G (k in range: no check)
  const r = R.x >= n ? R.x - n : R.x; //                 r = x1 mod n, since x1 < p < 2n
  if (r === 0n) return undefined; //                      (probability about 2^−256)
  const s = (scalarInverse(k) * ((e + r * d) % n)) % n; // s = k⁻¹(e + r·d) mod n
  if (s === 0n) return undefined;
  return { r, s };
}

/**
 * @internal The signature (r, s) of `digest` under d (the file header's algorithm), for a d the
 * caller has validated.
 */
export function signWithScalar(
  d: PrivateScalar,
  digest: Uint8Array,
  hash: HashFunction,
  extraData: Uint8Array,
  lowS: boolean,
): EcdsaSignature {
  const e = digestToInteger(digest);
  const nextNonce = drbgNonces(hash, n, d, digest, extraData); // d: checked when it was made
  for (;;) {
    const signature = signWithNonce(d, e, nextNonce()); // undefined: r or s was 0, next k (§3.4)
    if (signature === undefined) continue;
    const { r, s } = signature;
    return Object.freeze({ r, s: lowS && s > HALF_N ? n - s : s });
  }
}

/**
 * @internal Whether (r, s) is a valid signature of `digest` under Q, for a Q the caller has
 * validated and r, s already known to be in [1, n − 1]. Variable time (public values only).
 */
export function verifyWithPoint(
  Q: AffinePoint,
  digest: Uint8Array,
  { r, s }: EcdsaSignature,
  lowS: boolean,
): boolean {
  if (lowS && s > HALF_N) return false;
  const e = digestToInteger(digest);
  const w = modInverseVartime(s, n); //                   w = s⁻¹ mod n
  const u1 = (e * w) % n; //                               u1 = e·w mod n
  const u2 = (r * w) % n; //                               u2 = r·w mod n
  const R = doubleScalarMultiplyJacobianVartime(u1, u2, Q); // R = u1·G + u2·Q, Jacobian
  if (R.Z === 0n) return false; //                         R = O: invalid
  // x(R) = X/Z² ≡ r or r + n  ⇔  X ≡ r·Z² or (r + n)·Z² (mod p) (file header).
  const ZZ = (R.Z * R.Z) % p;
  if ((r * ZZ) % p === R.X) return true;
  return r + n < p && ((r + n) * ZZ) % p === R.X;
}

/** The digest of `input`: H(input), or input itself when it is already a digest of H. */
function digestOf(input: Uint8Array, prehashed: boolean, hash: HashFunction): Uint8Array {
  if (!prehashed) return hash(input);
  if (input.length !== hash.outputLength)
    throw new RangeError(
      `digest must be ${hash.outputLength} bytes long (the output of ${hash.algorithm}), got ${input.length}`,
    );
  return input;
}

/**
 * @internal What PrivateKey.sign / signDigest do, on a validated d: hash (unless `prehashed`),
 * sign, encode.
 */
export function ecdsaSignBytes(
  d: PrivateScalar,
  input: Uint8Array,
  prehashed: boolean,
  options?: SignOptions,
): Uint8Array {
  assertBytes(input, prehashed ? 'digest' : 'message');
  const { hash, format, lowS, extraData } = readOptions(options, true);
  const digest = digestOf(input, prehashed, hash);
  return encodeSignature(signWithScalar(d, digest, hash, extraData, lowS), format);
}

/**
 * @internal What PublicKey.verify / verifyDigest do, on a validated Q: false for a malformed
 * signature (it is simply not valid), throws only for misuse.
 */
export function ecdsaVerifyBytes(
  Q: AffinePoint,
  input: Uint8Array,
  prehashed: boolean,
  signature: Uint8Array,
  options?: VerifyOptions,
): boolean {
  assertBytes(input, prehashed ? 'digest' : 'message');
  assertBytes(signature, 'signature');
  const { hash, format, lowS } = readOptions(options, false);
  const digest = digestOf(input, prehashed, hash);
  const parsed = parseSignature(signature, format);
  return parsed !== undefined && verifyWithPoint(Q, digest, parsed, lowS);
}

/**
 * ECDSA signature generation on P-256 for a digest, on bigints (the study tier; the protocol
 * tier is `privateKey.sign`). Deterministic (RFC 6979) unless `extraEntropy` is given.
 * @param d - the private key, 1 ≤ d ≤ n − 1
 * @param digest - H(M), exactly `options.hash.outputLength` bytes (32 for the default SHA-256)
 * @param options - `hash`, `extraEntropy`, `lowS` (see SignOptions; `format` is ignored)
 * @returns { r, s }, frozen
 * @throws TypeError for wrong types; RangeError for a digest of the wrong length; CryptoError
 *   INVALID_SCALAR for d out of range
 * @example const { r, s } = ecdsaSign(d, sha256(utf8ToBytes('sample')))
 */
export function ecdsaSign(d: bigint, digest: Uint8Array, options?: SignOptions): EcdsaSignature {
  const scalar = parsePrivateScalar(d);
  assertBytes(digest, 'digest');
  const { hash, lowS, extraData } = readOptions(options, true);
  return signWithScalar(scalar, digestOf(digest, true, hash), hash, extraData, lowS);
}

/**
 * ECDSA signature verification on P-256 for a digest, on bigints and points (the study tier;
 * the protocol tier is `publicKey.verify`). Variable time: everything here is public.
 * @param Q - the public key (validated here: SP 800-56A §5.6.2.3.3)
 * @param digest - H(M), exactly `options.hash.outputLength` bytes
 * @param signature - { r, s }; r or s outside [1, n − 1] makes it invalid (false)
 * @param options - `hash`, `lowS` (see VerifyOptions; `format` is ignored)
 * @returns whether the signature is valid
 * @throws TypeError for wrong types; RangeError for a digest of the wrong length; CryptoError
 *   INVALID_POINT for an invalid Q
 * @example ecdsaVerify(Q, sha256(utf8ToBytes('sample')), { r, s }) // true
 */
export function ecdsaVerify(
  Q: AffinePoint,
  digest: Uint8Array,
  signature: EcdsaSignature,
  options?: VerifyOptions,
): boolean {
  const point = parsePublicPoint(Q);
  assertBytes(digest, 'digest');
  if (typeof signature !== 'object' || signature === null)
    throw new TypeError(`signature must be an object { r, s }, got ${describeType(signature)}`);
  const { r, s } = signature; // read once
  if (typeof r !== 'bigint' || typeof s !== 'bigint')
    throw new TypeError('signature.r and signature.s must be bigints');
  const { hash, lowS } = readOptions(options, false);
  const valid = r >= 1n && r < n && s >= 1n && s < n;
  return valid && verifyWithPoint(point, digestOf(digest, true, hash), { r, s }, lowS);
}
