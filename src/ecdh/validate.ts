/**
 * Validation of ECDH inputs for P-256: parse once, then trust.
 *
 * parsePublicPoint is the ECC Full Public-Key Validation Routine of SP 800-56A rev3
 * §5.6.2.3.3 (also SEC 1 v2 §3.2.2.1):
 *   1. Q ≠ O
 *   2. x_Q and y_Q are integers in [0, p − 1]
 *   3. y_Q² ≡ x_Q³ + a·x_Q + b (mod p)
 *   4. n·Q = O
 * Step 4 is implied here and not computed: P-256 has cofactor h = 1, so the group of points has
 * prime order n and every point other than O satisfies n·Q = O (the tests check this).
 * This is what makes the invalid-curve attack impossible: a point off P-256 (on another curve
 * y² = x³ − 3x + b' of small order) never reaches the ladder.
 *
 * Its result is a PublicPoint (curve/types.ts): a frozen copy that the functions taking a
 * PublicPoint (ecdh.ts ecdhPrimitive, PublicKey) use without validating again. Bytes from the
 * wire are validated by decodePoint (curve/encoding.ts), which returns a PublicPoint too.
 * The private scalar's check, 1 ≤ d ≤ n − 1, is parsePrivateScalar (math/scalar.ts).
 *
 * Deliberately not here: partial validation shortcuts, or any check on a point's origin.
 */
import { CryptoError } from '../errors.js';
import { INFINITY, isOnCurve, readAffinePoint, type AffinePoint } from '../curve/affine.js';
import { p } from '../curve/p256.js';
import type { PublicPoint } from '../curve/types.js';

export type { PublicPoint };

/**
 * Parse, then trust: reads `point` ONCE into a frozen copy, validates the copy as a P-256 public
 * key (SP 800-56A rev3 §5.6.2.3.3) and returns it. Callers compute on the returned copy only,
 * so an object whose getters answer differently on a second read (or a Proxy) cannot pass
 * validation as one point and reach the ladder as another.
 * @param point - the candidate public point
 * @returns a frozen { x, y } equal to the point read, valid
 * @throws TypeError when `point` is not an object with bigint x and y; CryptoError
 *   INVALID_POINT when it is O, has a coordinate outside [0, p − 1], or is not on the curve
 * @example const Q = parsePublicPoint(G) // a frozen copy of G
 */
export function parsePublicPoint(point: unknown): PublicPoint {
  const Q = readAffinePoint(point, 'point'); // the only read of point.x and point.y
  if (Q === INFINITY)
    throw new CryptoError('INVALID_POINT', 'validate: public key is the point at infinity'); // step 1
  const { x, y } = Q;
  if (x < 0n || x >= p || y < 0n || y >= p)
    throw new CryptoError('INVALID_POINT', 'validate: coordinate outside [0, p-1]'); // step 2
  if (!isOnCurve(Q)) throw new CryptoError('INVALID_POINT', 'validate: point is not on P-256'); // step 3
  // step 4 (n·Q = O) holds for every point of a prime-order group: h = 1.
  return Q as PublicPoint;
}

/**
 * Throws unless `point` is a valid P-256 public key (SP 800-56A rev3 §5.6.2.3.3). To USE the
 * point afterwards, prefer parsePublicPoint and compute on the copy it returns.
 * @param point - the candidate public point
 * @throws TypeError when `point` is not an object with bigint x and y; CryptoError
 *   INVALID_POINT when it is O, has a coordinate outside [0, p − 1], or is not on the curve
 * @example assertValidPublicPoint(G) // passes
 */
export function assertValidPublicPoint(point: unknown): asserts point is AffinePoint {
  parsePublicPoint(point);
}
