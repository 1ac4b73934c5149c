/**
 * SEC 1 v2 point encodings (§2.3.3 Elliptic-Curve-Point-to-Octet-String and §2.3.4
 * Octet-String-to-Elliptic-Curve-Point) for P-256:
 *
 *   uncompressed  0x04 ‖ X ‖ Y          65 bytes
 *   compressed    0x02 | (y mod 2) ‖ X  33 bytes; y is recovered as a square root of
 *                                       x³ − 3x + b (fp.ts sqrt), the root of the right parity
 *
 * decodePoint parses untrusted bytes and returns only points that pass the SP 800-56A rev3
 * §5.6.2.3.3 checks (not O, coordinates in [0, p−1], on the curve; h = 1 makes the order
 * check implied). Errors:
 *   INVALID_ENCODING  wrong length, wrong prefix byte (including the hybrid forms 0x06/0x07)
 *   INVALID_POINT     the infinity encoding 0x00, a coordinate ≥ p, a point not on the curve,
 *                     an x with no point on the curve (compressed)
 *
 * Deliberately not here: the hybrid encoding (0x06/0x07, rejected) and encoding O (no public
 * key can be O, so encodePoint refuses it).
 */
import { assertBytes, describeType } from '../bytes/assert.js';
import { bytesToBigInt } from '../bytes/bigint.js';
import { concatBytes } from '../bytes/bytes.js';
import { CryptoError } from '../errors.js';
import { fieldToBytes } from '../math/field.js';
import { add, mul, neg, p, sqrt, square, sub } from '../math/fp.js';
import { INFINITY, isOnCurve, readAffinePoint, type AffinePoint } from './affine.js';
import type { PublicPoint } from './types.js';
import { b } from './p256.js';

/** x³ − 3x + b, the right-hand side of the curve equation. */
function curveRightSide(x: bigint): bigint {
  const x3 = mul(square(x), x);
  const threeX = add(add(x, x), x);
  return add(sub(x3, threeX), b);
}

/**
 * Parses and validates a SEC 1 encoded P-256 point.
 * @param bytes - 65 bytes (0x04 ‖ X ‖ Y) or 33 bytes (0x02/0x03 ‖ X)
 * @returns the point, on the curve and not O: a frozen PublicPoint, which the key objects keep
 *   without validating it again
 * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for a wrong length or
 *   prefix; CryptoError INVALID_POINT for O, a coordinate ≥ p or a point not on the curve
 * @example decodePoint(concatBytes(Uint8Array.of(0x04), fieldToBytes(G.x), fieldToBytes(G.y))) // G
 */
export function decodePoint(bytes: Uint8Array): PublicPoint {
  assertBytes(bytes, 'bytes');
  if (bytes.length === 1 && bytes[0] === 0x00) {
    throw new CryptoError(
      'INVALID_POINT',
      'encoding: the point at infinity is not a valid public key',
    );
  }
  const prefix = bytes[0];
  if (bytes.length === 65 && prefix === 0x04) {
    const x = bytesToBigInt(bytes.subarray(1, 33));
    const y = bytesToBigInt(bytes.subarray(33, 65));
    if (x >= p || y >= p)
      throw new CryptoError('INVALID_POINT', 'encoding: coordinate is not less than p');
    const point = Object.freeze({ x, y });
    if (!isOnCurve(point))
      throw new CryptoError('INVALID_POINT', 'encoding: point is not on the curve');
    return point as PublicPoint;
  }
  if (bytes.length === 33 && (prefix === 0x02 || prefix === 0x03)) {
    const x = bytesToBigInt(bytes.subarray(1, 33));
    if (x >= p) throw new CryptoError('INVALID_POINT', 'encoding: coordinate is not less than p');
    const root = sqrt(curveRightSide(x));
    if (root === null)
      throw new CryptoError('INVALID_POINT', 'encoding: no point on the curve has this x');
    // SEC 1 §2.3.4 step 2.4.3: the prefix's low bit is y mod 2. (y = 0 would have no odd twin,
    // but no P-256 point has y = 0.)
    const y = (root & 1n) === BigInt(prefix & 1) ? root : neg(root);
    return Object.freeze({ x, y }) as PublicPoint; // on the curve: y² = x³ − 3x + b by construction
  }
  throw new CryptoError(
    'INVALID_ENCODING',
    'encoding: expected a 65-byte uncompressed (0x04) or 33-byte compressed (0x02/0x03) point',
  );
}

/**
 * Encodes a P-256 point (SEC 1 §2.3.3).
 * @param point - a point on the curve, not INFINITY
 * @param compressed - true for 33 bytes (0x02/0x03 ‖ X), false for 65 bytes (0x04 ‖ X ‖ Y)
 * @returns a fresh Uint8Array
 * @throws TypeError when point is not an object with bigint x and y (for example { x: 1, y: 2 })
 *   or compressed is not a boolean; CryptoError INVALID_POINT for INFINITY, a coordinate outside
 *   [0, p − 1] or a point not on the curve
 * @example encodePoint(G, true) // 0x03 ‖ Gx (Gy is odd)
 */
export function encodePoint(point: AffinePoint, compressed: boolean): Uint8Array {
  const P = readAffinePoint(point, 'point'); // read once: the checks and the bytes see the same point
  if (typeof compressed !== 'boolean')
    throw new TypeError(`compressed must be a boolean, got ${describeType(compressed)}`);
  if (P === INFINITY)
    throw new CryptoError('INVALID_POINT', 'encoding: refusing to encode the point at infinity');
  if (!isOnCurve(P)) throw new CryptoError('INVALID_POINT', 'encoding: point is not on the curve');
  return encodePublicPoint(P as PublicPoint, compressed);
}

/**
 * encodePoint for a point already validated (a PublicPoint, as a PublicKey holds): no checks.
 * @example encodePublicPoint(decodePoint(bytes), false) // the uncompressed bytes again
 */
export function encodePublicPoint(Q: PublicPoint, compressed: boolean): Uint8Array {
  if (compressed) {
    return concatBytes(new Uint8Array([(Q.y & 1n) === 1n ? 0x03 : 0x02]), fieldToBytes(Q.x));
  }
  return concatBytes(new Uint8Array([0x04]), fieldToBytes(Q.x), fieldToBytes(Q.y));
}
