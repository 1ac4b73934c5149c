/**
 * HKDF, the HMAC-based Extract-and-Expand Key Derivation Function (RFC 5869):
 *
 *   extract (§2.2):  PRK = HMAC-Hash(salt, IKM)         salt defaults to HashLen zero bytes
 *   expand  (§2.3):  T(0) = empty
 *                    T(i) = HMAC-Hash(PRK, T(i−1) ‖ info ‖ i)   for i = 1 … N, N = ⌈L / HashLen⌉
 *                    OKM  = the first L bytes of T(1) ‖ T(2) ‖ … ‖ T(N)
 *
 * L is at most 255·HashLen (8160 bytes for SHA-256), because the counter i is one byte.
 * `salt` and `info` may be `undefined`, which means what Python's `HKDF(salt=None, info=None)`
 * means: salt = HashLen zero bytes, info = the empty string. (An empty salt gives the same
 * PRK as the zero salt, since HMAC zero-pads short keys.)
 */
import { assertBytes, assertInteger } from '../bytes/assert.js';
import { assertHashFunction, type HashFunction } from '../hash/hash.js';
import { concatBytes } from '../bytes/bytes.js';
import { hmac, hmacWithKey } from '../mac/hmac.js';

const EMPTY = new Uint8Array(0);

/**
 * HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM).
 *
 * @param hash - e.g. `sha256`
 * @param ikm - input keying material (e.g. an ECDH shared secret)
 * @param salt - optional; `undefined` means HashLen zero bytes
 * @returns PRK, `hash.outputLength` bytes
 * @throws TypeError for non-Uint8Array arguments
 * @example const prk = extract(sha256, sharedSecret, undefined)
 */
export function extract(hash: HashFunction, ikm: Uint8Array, salt?: Uint8Array): Uint8Array {
  assertHashFunction(hash);
  assertBytes(ikm, 'ikm');
  if (salt !== undefined) assertBytes(salt, 'salt');
  return hmac(hash, salt ?? new Uint8Array(hash.outputLength), ikm);
}

/**
 * HKDF-Expand (RFC 5869 §2.3).
 *
 * @param hash - e.g. `sha256`
 * @param prk - a pseudorandom key of at least HashLen bytes (usually extract's output)
 * @param info - optional context; `undefined` means empty
 * @param length - L, the number of output bytes, 0 … 255·HashLen
 * @returns OKM, `length` bytes
 * @throws RangeError when `length` exceeds 255·HashLen or `prk` is shorter than HashLen
 * @example const key = expand(sha256, prk, utf8ToBytes('handshake data'), 32)
 */
export function expand(
  hash: HashFunction,
  prk: Uint8Array,
  info: Uint8Array | undefined,
  length: number,
): Uint8Array {
  assertHashFunction(hash);
  assertBytes(prk, 'prk');
  if (info !== undefined) assertBytes(info, 'info');
  const HashLen = hash.outputLength;
  assertInteger(length, 'length', 0, 255 * HashLen);
  if (prk.length < HashLen)
    throw new RangeError(`prk must be at least ${HashLen} bytes long, got ${prk.length}`);
  const OKM = new Uint8Array(length);
  const counter = new Uint8Array(1);
  let T: Uint8Array = EMPTY; // T(0)
  const mac = hmacWithKey(hash, prk); // HMAC(PRK, ·), keyed once
  for (let i = 1, offset = 0; offset < length; i++, offset += HashLen) {
    counter[0] = i;
    T = mac(concatBytes(T, info ?? EMPTY, counter)); // T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i)
    OKM.set(T.subarray(0, Math.min(HashLen, length - offset)), offset);
  }
  return OKM;
}

/**
 * HKDF (RFC 5869 §2): extract, then expand.
 *
 * @param hash - e.g. `sha256`
 * @param ikm - input keying material
 * @param salt - optional (`undefined`: HashLen zero bytes)
 * @param info - optional (`undefined`: empty)
 * @param length - output length, 0 … 255·HashLen (8160 for SHA-256)
 * @returns OKM, `length` bytes
 * @throws TypeError for wrong argument types; RangeError when `length` is out of range
 * @example
 * // The tutorial's derive_key: HKDF(SHA256, length=32, salt=None, info=None)
 * const key = hkdf(sha256, sharedSecret, undefined, undefined, 32)
 */
export function hkdf(
  hash: HashFunction,
  ikm: Uint8Array,
  salt: Uint8Array | undefined,
  info: Uint8Array | undefined,
  length: number,
): Uint8Array {
  assertHashFunction(hash);
  assertInteger(length, 'length', 0, 255 * hash.outputLength);
  return expand(hash, extract(hash, ikm, salt), info, length);
}
