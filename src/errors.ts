/**
 * The one error class of ecdh-lab.
 *
 * Wrong JavaScript types throw `TypeError` and wrong lengths or ranges throw `RangeError`
 * (both name the argument). Everything that is a *cryptographic* refusal — a point that is
 * not on the curve, a tag that does not verify, a malformed DER structure — throws a
 * `CryptoError` whose `code` says which kind of refusal it is. Messages read
 * "module: what is wrong" and never contain key material or plaintext.
 */

/** Every `code` a `CryptoError` can carry. */
export type CryptoErrorCode =
  | 'INVALID_LENGTH'
  | 'INVALID_ENCODING'
  | 'INVALID_POINT'
  | 'INVALID_SCALAR'
  // A key of the wrong curve for the operation: ECDH between P-256 and X25519, ECDSA with X25519.
  | 'CURVE_MISMATCH'
  | 'AUTH_FAILED'
  | 'LIMIT_EXCEEDED'
  | 'HANDSHAKE_FAILED'
  | 'PROTOCOL_ERROR'
  | 'TIMEOUT'
  | 'NONCE_REUSE'
  // Certificate path validation (src/x509/verify.ts): one code per reason.
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_UNKNOWN_ISSUER'
  | 'CERT_NOT_CA'
  | 'CERT_PATH_TOO_LONG'
  | 'CERT_WRONG_USAGE'
  | 'CERT_HOST_MISMATCH'
  | 'CERT_BAD_SIGNATURE'
  | 'CERT_UNSUPPORTED_KEY'
  | 'CERT_UNSUPPORTED_ALGORITHM'
  | 'CERT_UNKNOWN_CRITICAL_EXTENSION';

/**
 * A cryptographic refusal with a machine-readable `code`.
 *
 * @example
 * try { aesGcm(key, nonce).decrypt(forged) } catch (e) {
 *   if (e instanceof CryptoError && e.code === 'AUTH_FAILED') { ... }
 * }
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
