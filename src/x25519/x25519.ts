/**
 * X25519 (RFC 7748 §5) on 32-byte strings, and its Diffie-Hellman (§6.1).
 *
 *   decodeScalar25519(k)   clamp a copy: k[0] &= 248 (clear bits 0–2: a multiple of the
 *                          cofactor 8), k[31] &= 127 and k[31] |= 64 (bit 255 clear, bit 254
 *                          set), then read it little-endian
 *   decodeUCoordinate(u)   mask bit 255 (u[31] &= 127), read little-endian, reduce mod p: the
 *                          non-canonical values p … 2^255 − 1 stand for 0 … 18 (§5: "accepted")
 *   encodeUCoordinate(u)   32 bytes little-endian
 *   X25519(k, u)           encodeUCoordinate(ladder(decodeScalar25519(k), decodeUCoordinate(u)))
 *
 * Diffie-Hellman (§6.1): each side picks 32 random bytes a, publishes X25519(a, 9), and
 * computes K = X25519(a, the peer's public key). Every 32-byte string is a valid private key,
 * and every 32-byte string is accepted as a public key: there is no point to validate, since a
 * u of the twist is harmless (the curve and the twist were both chosen secure). What a hostile
 * public key CAN do is have small order (u ∈ {0, 1, p − 1} or one of the two points of
 * order 8): then the clamped scalar, a multiple of 8, sends it to O and K is all zeros,
 * whatever a is. §6.1 allows checking for that, and this library does: `x25519` refuses an
 * all-zero K with CryptoError INVALID_POINT (so does TLS 1.3, RFC 8446 §7.4.2). The check
 * looks at K itself, by OR-ing all its bytes, without a branch per byte.
 *
 * Deliberately not here: key objects and their formats (PKCS#8, SPKI, JWK), and constant time
 * (see ladder.ts for what BigInt leaks).
 */
import { assertBytes } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';
import { decodeLittleEndian, fieldToBytes, p } from './field.js';
import { fixedBaseU } from './fixed-base.js';
import { x25519Ladder } from './ladder.js';

/**
 * RFC 7748 §5 decodeScalar25519: the clamped scalar, 2^254 + 8·m for some m in [0, 2^251).
 * @param scalar - 32 bytes (not modified)
 * @returns the clamped scalar as an integer
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long
 * @example decodeScalar25519(new Uint8Array(32)) === 2n ** 254n // true
 */
export function decodeScalar25519(scalar: Uint8Array): bigint {
  assertBytes(scalar, 'scalar', 32);
  const k = scalar.slice();
  k[0] &= 248; //   bits 0, 1, 2 cleared: k is a multiple of 8
  k[31] &= 127; //  bit 255 cleared
  k[31] |= 64; //   bit 254 set
  return decodeLittleEndian(k);
}

/**
 * RFC 7748 §5 decodeUCoordinate: bit 255 masked, then reduced mod p (non-canonical inputs are
 * accepted as their residues).
 * @param u - 32 bytes (not modified)
 * @returns u mod p, in [0, p − 1]
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long
 * @example decodeUCoordinate(encodeUCoordinate(9n)) // 9n
 */
export function decodeUCoordinate(u: Uint8Array): bigint {
  assertBytes(u, 'u', 32);
  const masked = u.slice();
  masked[31] &= 127;
  const value = decodeLittleEndian(masked); // < 2^255 = p + 19
  return value >= p ? value - p : value; //    public input: a branch is fine here
}

/**
 * RFC 7748 §5 encodeUCoordinate: u as 32 little-endian bytes.
 * @param u - a field element in [0, p − 1]
 * @throws TypeError for a non-bigint; RangeError when u is not in [0, p − 1]
 * @example encodeUCoordinate(9n) // 09 00 … 00
 */
export function encodeUCoordinate(u: bigint): Uint8Array {
  return fieldToBytes(u);
}

/**
 * The X25519 Diffie-Hellman shared secret K = X25519(privateKey, publicKey) (RFC 7748 §6.1),
 * refused when it is all zeros (a public key of small order).
 * @param privateKey - our 32-byte private key (any 32 bytes; clamped here, on a copy)
 * @param publicKey - the peer's 32-byte public key (u-coordinate; bit 255 is ignored,
 *   non-canonical values are reduced)
 * @returns the 32-byte shared secret (hash it before use as a key, e.g. with HKDF)
 * @throws TypeError when an argument is not a Uint8Array; RangeError when it is not 32 bytes;
 *   CryptoError INVALID_POINT when the result is all zeros
 * @example x25519(alicePrivate, x25519PublicKey(bobPrivate)) // = x25519(bobPrivate, x25519PublicKey(alicePrivate))
 */
export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  assertBytes(privateKey, 'privateKey', 32);
  assertBytes(publicKey, 'publicKey', 32);
  const shared = fieldToBytes(
    x25519Ladder(decodeScalar25519(privateKey), decodeUCoordinate(publicKey)),
  );
  let any = 0;
  for (let i = 0; i < 32; i++) any |= shared[i]; // every byte visited, whatever they are
  if (any === 0)
    throw new CryptoError(
      'INVALID_POINT',
      'x25519: the shared secret is all zeros (the public key has small order)',
    );
  return shared;
}

/**
 * The X25519 public key of a 32-byte private key: X25519(privateKey, 9) (RFC 7748 §6.1),
 * computed by the fixed-base table of fixed-base.ts (the same value as the ladder's, faster).
 * @param privateKey - 32 bytes (any 32 bytes; clamped here, on a copy)
 * @returns the 32-byte public key (the u-coordinate of k·B)
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long
 * @example x25519PublicKey(randomBytes(32)) // 32 bytes to send to the peer
 */
export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  assertBytes(privateKey, 'privateKey', 32);
  return fieldToBytes(fixedBaseU(decodeScalar25519(privateKey)));
}

/**
 * The u-coordinates of the points of order 1, 2, 4 and 8 on the curve and on its twist: 0
 * (the point (0, 0), order 2), 1 (order 4), p − 1 (order 4 on the twist) and the two points of
 * order 8. These are exactly the u for which X25519 gives all zeros for every private key: a
 * clamped scalar is 8·m with 0 < m < n, so k·P = O exactly when 8·P = O. (x-only doubling
 * sends u to (u² − 1)² / 4u(u² + A·u + 1): order 2 means u = 0 (u² + A·u + 1 has no root, A² − 4
 * being a non-square); order 4 means u² = 1; order 8 gives the two values below.)
 */
const SMALL_ORDER_U: readonly bigint[] = [
  0n,
  1n,
  p - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
];

/**
 * Throws when a public key has small order, i.e. when X25519 with it would give all zeros for
 * every private key (the same keys `x25519` refuses by their result). For protocols that
 * check the peer's key as they read it (the Noise suite). Public input: variable time.
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes long;
 *   CryptoError INVALID_POINT for a key of small order
 * @example assertX25519PublicKey(x25519PublicKey(randomBytes(32))) // passes
 */
export function assertX25519PublicKey(publicKey: Uint8Array): void {
  const u = decodeUCoordinate(publicKey);
  if (SMALL_ORDER_U.includes(u))
    throw new CryptoError('INVALID_POINT', 'x25519: the public key has small order');
}
