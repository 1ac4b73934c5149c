/**
 * Deterministic ECDSA nonces (RFC 6979 §3.2), and the hedged variant with additional data
 * (§3.6), for any group order q and any hash of hash.ts.
 *
 * ECDSA needs a fresh secret k ∈ [1, q − 1] per signature; a repeated or biased k gives the
 * private key away (docs/tour/09-signatures.md works the recovery). RFC 6979 derives k from the
 * private key x and the message hash h1 with HMAC-DRBG (SP 800-90A §10.1.2), so it needs no
 * random number generator and the same (x, h1) always gives the same k:
 *
 *   b. V = 0x01 0x01 … 0x01 (hlen bytes)       c. K = 0x00 0x00 … 0x00 (hlen bytes)
 *   d. K = HMAC_K(V ‖ 0x00 ‖ int2octets(x) ‖ bits2octets(h1) [‖ k'])
 *   e. V = HMAC_K(V)
 *   f. K = HMAC_K(V ‖ 0x01 ‖ int2octets(x) ‖ bits2octets(h1) [‖ k'])
 *   g. V = HMAC_K(V)
 *   h. repeat: T = V = HMAC_K(V) … until T has qlen bits; k = bits2int(T)
 *      if 1 ≤ k ≤ q − 1, k is the nonce; otherwise (and whenever the signer asks for another
 *      k because r or s came out 0, §3.4): K = HMAC_K(V ‖ 0x00), V = HMAC_K(V), and again
 *
 * k' is the additional data of §3.6: empty for the deterministic variant; random bytes (or the
 * caller's own) for the hedged one, which stays safe if the RNG fails (k is still a function of
 * x and h1) and blurs fault and side-channel attacks that need k to repeat.
 *
 * The conversions (§2.3): with qlen the bit length of q and rlen = 8·⌈qlen/8⌉,
 *   bits2int(b)    the leftmost qlen bits of b as an integer (FIPS 186-5 §6.4.1 computes the
 *                  message representative e the same way)
 *   int2octets(x)  x as rlen/8 big-endian bytes
 *   bits2octets(b) int2octets(bits2int(b) mod q)
 *
 * Secrets: x and k pass through HMAC (no secret-dependent branches or indexing in the hash)
 * and through BigInt conversions, whose timing is not constant (src/math/field.ts header).
 */
import { assertBigInt, assertBytes } from '../bytes/assert.js';
import { assertScalarRange } from '../math/scalar.js';
import { bigIntToBytes, bytesToBigInt } from '../bytes/bigint.js';
import { concatBytes } from '../bytes/bytes.js';
import { assertHashFunction, type HashFunction } from '../hash/hash.js';
import { hmacWithKey } from '../mac/hmac.js';

const EMPTY = new Uint8Array(0);

/** The bit length of q (qlen in RFC 6979). */
function bitLength(q: bigint): number {
  return q.toString(2).length;
}

/**
 * bits2int (RFC 6979 §2.3.2): the leftmost qlen bits of `bytes` as a non-negative integer.
 * ECDSA's message representative e is the same function of the hash (FIPS 186-5 §6.4.1 step 4,
 * SEC 1 §4.1.3 step 5): for P-256 the whole of a SHA-256 digest, the first half of a SHA-512 one.
 * @param bytes - any length
 * @param q - the group order (its bit length is what counts)
 * @returns the integer; it may exceed q (it has qlen bits, q may be smaller)
 * @throws TypeError for a non-Uint8Array or a non-bigint q; RangeError when q < 2
 * @example bits2int(sha256(message), P256.n) // e, the message representative
 */
export function bits2int(bytes: Uint8Array, q: bigint): bigint {
  assertBytes(bytes, 'bytes');
  assertBigInt(q, 'q', 2n);
  const x = bytesToBigInt(bytes);
  const excess = bytes.length * 8 - bitLength(q);
  return excess > 0 ? x >> BigInt(excess) : x;
}

/** int2octets (§2.3.3): x in [0, q − 1] as rlen/8 = ⌈qlen/8⌉ big-endian bytes. */
function int2octets(x: bigint, q: bigint): Uint8Array {
  return bigIntToBytes(x, Math.ceil(bitLength(q) / 8));
}

/** bits2octets (§2.3.4): int2octets(bits2int(b) mod q); one subtraction suffices, since bits2int(b) < 2q. */
function bits2octets(bytes: Uint8Array, q: bigint): Uint8Array {
  const z1 = bits2int(bytes, q);
  return int2octets(z1 >= q ? z1 - q : z1, q);
}

/** A source of nonces: each call returns the next candidate k ∈ [1, q − 1] of RFC 6979 §3.2 step h. */
export type NonceGenerator = () => bigint;

/**
 * The HMAC-DRBG of RFC 6979 §3.2 for private key x and message hash h1: the first call returns
 * the nonce k, each later call the next candidate (§3.4: for when k gave r = 0 or s = 0).
 *
 * @param hash - H, the hash the message was hashed with (HMAC runs on it; hlen = its output length)
 * @param q - the group order (P-256's n)
 * @param x - the private key, 1 ≤ x ≤ q − 1 (checked)
 * @param h1 - H(m), the message hash (any length: it goes through bits2octets)
 * @param extraData - k' of §3.6 (empty for deterministic signatures)
 * @returns the generator
 * @throws TypeError for wrong argument types; RangeError when q < 2; CryptoError
 *   INVALID_SCALAR when the private key x is outside [1, q − 1]
 * @example
 * // RFC 6979 §A.2.5, P-256 with SHA-256, message "sample":
 * rfc6979Nonces(sha256, P256.n, x, sha256(utf8ToBytes('sample')))() // k = 0xa6e3c57d…
 */
export function rfc6979Nonces(
  hash: HashFunction,
  q: bigint,
  x: bigint,
  h1: Uint8Array,
  extraData: Uint8Array = EMPTY,
): NonceGenerator {
  assertHashFunction(hash);
  assertBigInt(q, 'q', 2n);
  assertScalarRange(x, q, 'x');
  assertBytes(h1, 'h1');
  assertBytes(extraData, 'extraData');
  return drbgNonces(hash, q, x, h1, extraData);
}

/**
 * @internal rfc6979Nonces without its argument checks, for a caller whose x is already known
 * to be in [1, q − 1] (a PrivateKey's validated scalar: ECDSA signing, ecdsa.ts) and whose other
 * arguments are its own.
 */
export function drbgNonces(
  hash: HashFunction,
  q: bigint,
  x: bigint,
  h1: Uint8Array,
  extraData: Uint8Array,
): NonceGenerator {
  const qlen = bitLength(q);
  const hlen = hash.outputLength;
  const seed = concatBytes(int2octets(x, q), bits2octets(h1, q), extraData);
  // HMAC_K is keyed once per value of K (hmacWithKey), since V = HMAC_K(V) reuses the K before it.
  let V: Uint8Array = new Uint8Array(hlen).fill(0x01); // step b
  let HMAC_K = hmacWithKey(hash, new Uint8Array(hlen)); // step c: K = 0x00 … 0x00
  HMAC_K = hmacWithKey(hash, HMAC_K(concatBytes(V, Uint8Array.of(0x00), seed))); // step d
  V = HMAC_K(V); //                                                                step e
  HMAC_K = hmacWithKey(hash, HMAC_K(concatBytes(V, Uint8Array.of(0x01), seed))); // step f
  V = HMAC_K(V); //                                                                step g
  let first = true;
  return () => {
    for (;;) {
      if (!first) {
        // Step h.3 (also how §3.4 asks for the next k after r = 0 or s = 0).
        HMAC_K = hmacWithKey(hash, HMAC_K(concatBytes(V, Uint8Array.of(0x00))));
        V = HMAC_K(V);
      }
      first = false;
      // Step h.1–h.2: T = V ‖ V′ ‖ … of at least qlen bits.
      let T: Uint8Array = EMPTY;
      while (T.length * 8 < qlen) {
        V = HMAC_K(V);
        T = T.length === 0 ? V : concatBytes(T, V);
      }
      const k = bits2int(T, q); // step h.3
      if (k >= 1n && k < q) return k;
    }
  };
}
