/**
 * The one error class of ecdh-lab.
 *
 * Wrong JavaScript types throw `TypeError` and wrong lengths or ranges throw `RangeError`
 * (both name the argument). Everything that is a *cryptographic* refusal — a point that is
 * not on the curve, a tag that does not verify, a malformed DER structure — throws a
 * `CryptoError` whose `code` says which kind of refusal it is. Messages read
 * "module: what is wrong" and never contain key material or plaintext.
 */

/** Every `code` a `CryptoError` can carry (docs/errors.md says what each means and who throws it). */
export type CryptoErrorCode =
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
  // Misuse of an object's lifecycle: a finished hash or HMAC, a closed channel.
  | 'INVALID_STATE'
  | 'CHANNEL_CLOSED'
  // No CSPRNG (globalThis.crypto.getRandomValues) to draw keys or nonces from.
  | 'NO_RANDOM_SOURCE'
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
 * The brand every CryptoError carries, registered with `Symbol.for` so that the ESM and the
 * CommonJS builds (two copies of this module, two classes) recognise each other's errors.
 */
const BRAND = Symbol.for('ecdh-lab.CryptoError');

/** Options of `new CryptoError`: the error that caused this one, as for `Error`. */
export interface CryptoErrorOptions {
  cause?: unknown;
}

/**
 * A cryptographic refusal with a machine-readable `code`.
 *
 * `instanceof CryptoError` checks the registered brand (`Symbol.hasInstance`), not the
 * prototype chain, so it holds across the package's ESM and CommonJS builds.
 *
 * @example
 * try { aesGcm(key, nonce).decrypt(forged) } catch (e) {
 *   if (e instanceof CryptoError && e.code === 'AUTH_FAILED') console.error('forged message refused')
 * }
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: CryptoErrorOptions) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }

  static {
    Object.defineProperty(CryptoError.prototype, BRAND, { value: true });
  }

  /**
   * Whether `value` is a CryptoError of any copy of ecdh-lab (by the brand, not the prototype).
   * A subclass (TlsError) keeps the ordinary prototype check for its own `instanceof`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about
    if (this !== CryptoError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }
}
