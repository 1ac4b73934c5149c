/**
 * The elliptic-curve Diffie–Hellman primitive on P-256: SEC 1 v2 §3.3.1 (Elliptic Curve
 * Diffie–Hellman Primitive) and SP 800-56A rev3 §5.7.1.2 (ECC CDH primitive; with h = 1 the
 * cofactor variant is the same).
 *
 *   Z = x-coordinate of P = d·Q, as 32 big-endian bytes; P = O is an error
 *
 * d is our private scalar, Q the peer's public point. Parse once, then trust: ecdhPrimitive
 * takes a PrivateScalar and a PublicPoint, types that only the validating functions produce
 * (parsePrivateScalar, parsePublicPoint, decodePoint), and checks neither again. The key
 * objects (src/keys) validate once when a key is made or parsed and then call it directly.
 * sharedSecret is the checked form for the study tier: it validates both arguments, reading Q
 * once into a frozen copy, so the invalid-curve attack cannot happen, not even with an object
 * whose getters change their answer after validation.
 *
 * The shared secret is the x-coordinate only, as SEC 1 defines it. (noble's getSharedSecret
 * returns the whole encoded point 0x02/0x03 ‖ x or 0x04 ‖ x ‖ y; the x-coordinate is bytes
 * 1 … 32 of it.) Feed it to a KDF (HKDF), never use it directly as a key.
 *
 * Deliberately not here: key objects and formats (src/keys), and key derivation.
 */
import { bytesToBigInt } from '../bytes/bigint.js';
import { CryptoError } from '../errors.js';
import { fieldToBytes } from '../math/field.js';
import { n, parsePrivateScalar, type PrivateScalar } from '../math/scalar.js';
import { randomBytes } from '../random.js';
import { INFINITY, type AffinePoint } from '../curve/affine.js';
import { baseMultiply } from '../curve/fixed-base.js';
import { ladder } from '../curve/ladder.js';
import { parsePublicPoint, type PublicPoint } from './validate.js';

/**
 * The ECDH shared secret Z = x(d·Q) (SEC 1 §3.3.1), checked: the study tier's form.
 * @param d - our private scalar, 1 ≤ d ≤ n − 1
 * @param Q - the peer's public point (validated here: SP 800-56A §5.6.2.3.3)
 * @returns 32 bytes: the x-coordinate of d·Q, big-endian
 * @throws TypeError for wrong argument types; CryptoError INVALID_SCALAR for d out of range;
 *   CryptoError INVALID_POINT for an invalid Q or when d·Q is the point at infinity
 * @example sharedSecret(dA, publicPointFromScalar(dB)) // equals sharedSecret(dB, publicPointFromScalar(dA))
 */
export function sharedSecret(d: bigint, Q: AffinePoint): Uint8Array {
  return ecdhPrimitive(parsePrivateScalar(d), parsePublicPoint(Q));
}

/**
 * The ECDH primitive on validated inputs (SEC 1 §3.3.1): Z = x(d·Q) by the ladder, with no
 * argument checks (the types are the proof). PrivateKey.exchange calls this.
 * @throws CryptoError INVALID_POINT when d·Q is the point at infinity
 * @example ecdhPrimitive(parsePrivateScalar(dA), decodePoint(peerBytes))
 */
export function ecdhPrimitive(d: PrivateScalar, Q: PublicPoint): Uint8Array {
  const P = ladder(d, Q);
  // Cannot happen for valid d and Q (Q has prime order n and 0 < d < n); checked anyway, as
  // SEC 1 §3.3.1 step 2 requires.
  if (P === INFINITY)
    throw new CryptoError('INVALID_POINT', 'ecdh: shared point is the point at infinity');
  return fieldToBytes(P.x);
}

/**
 * The public point Q = d·G for a private scalar d (SEC 1 §3.2.1 step 3), by the fixed-base
 * method (fixed-base.ts), checked: the study tier's form.
 * @param d - the private scalar, 1 ≤ d ≤ n − 1
 * @returns d·G
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR for d out of range
 * @example publicPointFromScalar(1n) // G
 */
export function publicPointFromScalar(d: bigint): AffinePoint {
  return publicPointOf(parsePrivateScalar(d));
}

/**
 * Q = d·G for a validated d, unchecked. Q is a valid public key by construction (d·G ≠ O for
 * 0 < d < n, and on the curve), so it is returned as a PublicPoint.
 * @example publicPointOf(parsePrivateScalar(1n)) // G
 */
export function publicPointOf(d: PrivateScalar): PublicPoint {
  return Object.freeze(baseMultiply(d)) as PublicPoint;
}

/**
 * A uniformly random scalar in [1, n − 1], by rejection sampling (SP 800-56A rev3 §5.6.1.2.2,
 * "testing candidates"; FIPS 186-5 A.2.2): draw 32 random bytes, read them as c, and accept
 * when 1 ≤ c ≤ n − 1. Since n > 2^256 − 2^224, a draw is rejected with probability < 2^−32.
 * @returns d, uniform in [1, n − 1]
 * @throws CryptoError NO_RANDOM_SOURCE when no CSPRNG is available (random.ts)
 * @example const d = randomScalar()
 */
export function randomScalar(): bigint {
  for (;;) {
    const c = bytesToBigInt(randomBytes(32));
    if (c >= 1n && c < n) return c;
  }
}
