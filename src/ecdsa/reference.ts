/**
 * ECDSA by the book, on any curve of affine.ts (the toy curve or P-256), with the nonce k
 * given by the caller: FIPS 186-5 §6.4.1 steps 5–8 and §6.4.2 steps 4–8, SEC 1 v2 §4.1.3 and
 * §4.1.4, written to be read beside the standard and to work examples by hand (the tour's
 * chapter 9 signs on the toy curve with it). The fast P-256 code of ecdsa.ts is tested
 * against it.
 *
 *   sign:    R = k·G,  r = x(R) mod n,  s = k⁻¹·(e + r·d) mod n
 *   verify:  w = s⁻¹ mod n,  u1 = e·w,  u2 = r·w,  R = u1·G + u2·Q,  valid iff x(R) mod n = r
 *
 * e is the message representative (the leftmost bits of the hash: bits2int of rfc6979.ts).
 * Deliberately not here: any protection of d or k (affine double-and-add, the extended
 * Euclidean algorithm: both branch on their inputs), nonce generation, encodings. For study
 * and tests only.
 */
import { assertBigInt } from '../bytes/assert.js';
import { assertScalarRange } from '../math/scalar.js';
import {
  INFINITY,
  isOnCurve,
  pointAdd,
  readAffinePoint,
  scalarMultiply,
  type AffinePoint,
  type Curve,
} from '../curve/affine.js';
import { P256 } from '../curve/p256.js';
import { mod, modInverseVartime } from '../math/modular.js';

/** The order n and base point G of `curve`, which must have both. */
function orderAndBase(curve: Curve): { n: bigint; G: AffinePoint } {
  if (typeof curve !== 'object' || curve === null)
    throw new TypeError('curve must be a Curve with n and G');
  const { n, G } = curve;
  if (typeof n !== 'bigint' || n < 2n || G === undefined)
    throw new TypeError('curve must be a Curve with n and G');
  return { n, G: readAffinePoint(G, 'curve.G') };
}

/**
 * Signs the message representative e with private key d and nonce k, by the textbook steps.
 * @param e - the message representative (an integer ≥ 0; reduced mod n by the arithmetic)
 * @param d - the private key, 1 ≤ d ≤ n − 1
 * @param k - the per-message secret, 1 ≤ k ≤ n − 1 (never reuse one: chapter 9 of the tour)
 * @param curve - the curve (default P-256)
 * @returns { r, s }
 * @throws TypeError for wrong types; CryptoError INVALID_SCALAR for d outside [1, n − 1];
 *   RangeError for k outside [1, n − 1], or when this k
 *   gives r = 0 or s = 0 (the standard says: choose another k)
 * @example ecdsaSignReference(72n, 101n, 19n, TOY) // a signature a reader can check by hand
 */
export function ecdsaSignReference(
  e: bigint,
  d: bigint,
  k: bigint,
  curve: Curve = P256,
): { r: bigint; s: bigint } {
  const { n, G } = orderAndBase(curve);
  assertBigInt(e, 'e', 0n);
  assertScalarRange(d, n);
  assertBigInt(k, 'k', 1n, n - 1n);
  const R = scalarMultiply(k, G, curve); //                  R = k·G
  if (R === INFINITY) throw new RangeError('k·G is the point at infinity: choose another k');
  const r = mod(R.x, n); //                                   r = x(R) mod n
  if (r === 0n) throw new RangeError('r = 0: choose another k');
  const s = mod(modInverseVartime(k, n) * (e + r * d), n); // s = k⁻¹(e + r·d) mod n
  if (s === 0n) throw new RangeError('s = 0: choose another k');
  return { r, s };
}

/**
 * Verifies (r, s) on the message representative e under public key Q, by the textbook steps.
 * @param e - the message representative
 * @param Q - the public key, a point of `curve` (a point off the curve is refused: false)
 * @param r - the first half of the signature
 * @param s - the second half
 * @param curve - the curve (default P-256)
 * @returns whether the signature is valid (false for r or s outside [1, n − 1])
 * @throws TypeError for wrong types
 * @example ecdsaVerifyReference(72n, Q, r, s, TOY) // true
 */
export function ecdsaVerifyReference(
  e: bigint,
  Q: AffinePoint,
  r: bigint,
  s: bigint,
  curve: Curve = P256,
): boolean {
  const { n, G } = orderAndBase(curve);
  assertBigInt(e, 'e', 0n);
  assertBigInt(r, 'r');
  assertBigInt(s, 's');
  const point = readAffinePoint(Q, 'Q');
  if (r < 1n || r >= n || s < 1n || s >= n) return false; //   step 1
  if (point === INFINITY || !isOnCurve(point, curve)) return false;
  const w = modInverseVartime(s, n); //                         w = s⁻¹ mod n
  const u1 = mod(e * w, n); //                                  u1 = e·w mod n
  const u2 = mod(r * w, n); //                                  u2 = r·w mod n
  const R = pointAdd(scalarMultiply(u1, G, curve), scalarMultiply(u2, point, curve), curve);
  if (R === INFINITY) return false; //                          R = O: invalid
  return mod(R.x, n) === r; //                                  x(R) mod n = r?
}
