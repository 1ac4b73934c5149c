/**
 * Which curve a key belongs to: 'P-256' (SEC 1, FIPS 186-5; ECDH and ECDSA) or 'X25519'
 * (RFC 7748; Diffie-Hellman only). One PrivateKey and one PublicKey class hold either; this
 * file names the curves, reads the `{ curve }` option the factories take, and makes the one
 * refusal for mixing them up.
 */
import { describeType } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';

/** The curves a key can be on. */
export type KeyCurve = 'P-256' | 'X25519';

/** Every KeyCurve, the default first. */
export const KEY_CURVES: readonly KeyCurve[] = Object.freeze(['P-256', 'X25519']);

/** The `{ curve }` option of generatePrivateKey and the fromRaw factories. */
export interface CurveOptions {
  /** 'P-256' (default) or 'X25519'. */
  curve?: KeyCurve;
}

/**
 * Reads `{ curve }` from an options argument: P-256 when absent.
 * @throws TypeError for options that are not an object, or a curve that is not a KeyCurve
 */
export function curveOption(options: unknown): KeyCurve {
  if (options === undefined) return 'P-256';
  if (Object.prototype.toString.call(options) !== '[object Object]')
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  const curve = (options as CurveOptions).curve;
  if (curve === undefined) return 'P-256';
  if (!KEY_CURVES.includes(curve))
    throw new TypeError(
      `options.curve must be 'P-256' or 'X25519', got ${typeof curve === 'string' ? `'${curve}'` : describeType(curve)}`,
    );
  return curve;
}

/**
 * The refusal for an operation given a key of the wrong curve: CryptoError CURVE_MISMATCH.
 * @param what - the operation and what it needs, e.g. "ecdsa: X25519 keys cannot sign"
 * @example throw curveMismatch('exchange: our key is P-256, the peer key is X25519') // throws CURVE_MISMATCH
 */
export function curveMismatch(what: string): CryptoError {
  return new CryptoError('CURVE_MISMATCH', what);
}
