/**
 * HMAC, RFC 2104 and FIPS 198-1 §4:
 *
 *   HMAC(K, text) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text))
 *
 * where K0 is K padded with zeros to the hash's block size B (after first hashing K when it
 * is longer than B: FIPS 198-1 §4 step 2), ipad = 0x36 repeated B times and opad = 0x5c
 * repeated B times. The keyed form (`hmac.create`) absorbs K0 ⊕ ipad and K0 ⊕ opad once and
 * clones those two states for each message, which is what HKDF-Expand and the Noise
 * handshake need.
 *
 * For SHA-256 there is a fast path (`hmacSha256Key` / `hmacSha256WithKey` below) that keeps
 * the two keyed states as bare SHA-256 states instead of streaming objects: the same
 * computation with fewer allocations. The generic `Hmac` class is the reference; tests run
 * both against node:crypto and against each other.
 *
 * Tag truncation (RFC 2104 §5, FIPS 198-1 §5) is the caller's business: take the leftmost
 * bytes of the output; `hmac.verify` compares such a truncated tag in constant-time style.
 */
import { assertBytes } from '../bytes/assert.js';
import { equalBytes } from '../bytes/bytes.js';
import { CryptoError } from '../errors.js';
import { assertHashFunction, type Hash, type HashFunction } from '../hash/hash.js';
import { sha256, sha256FromState, sha256StateAfterBlock } from '../hash/sha256.js';

const IPAD = 0x36;
const OPAD = 0x5c;

/** A keyed HMAC computation: update() the message, then digest(). */
export class Hmac implements Hash {
  private inner: Hash;
  private readonly outer: Hash;
  private finished = false;

  /** Use `hmac.create(hash, key)`. */
  private constructor(inner: Hash, outer: Hash) {
    this.inner = inner;
    this.outer = outer;
  }

  /** @internal FIPS 198-1 §4 steps 1–4 and 7: derives K0 and the two padded keys. */
  static keyed(hash: HashFunction, key: Uint8Array): Hmac {
    assertHashFunction(hash);
    assertBytes(key, 'key');
    const B = hash.blockLength;
    const K0 = new Uint8Array(B); // steps 1–3: K, H(K) or K, then zero-padded to B bytes
    K0.set(key.length > B ? hash(key) : key);
    for (let i = 0; i < B; i++) K0[i] ^= IPAD; // step 4: K0 ⊕ ipad
    const inner = hash.create().update(K0);
    for (let i = 0; i < B; i++) K0[i] ^= IPAD ^ OPAD; // step 7: K0 ⊕ opad
    const outer = hash.create().update(K0);
    K0.fill(0);
    return new Hmac(inner, outer);
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new CryptoError('INVALID_STATE', 'hmac: update() after digest()');
    this.inner.update(data); // steps 5–6: H((K0 ⊕ ipad) ‖ text), absorbed as it arrives
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new CryptoError('INVALID_STATE', 'hmac: digest() called twice');
    this.finished = true;
    // Steps 8–9: H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text)).
    return this.outer.update(this.inner.digest()).digest();
  }

  clone(): Hmac {
    if (this.finished) throw new CryptoError('INVALID_STATE', 'hmac: clone() after digest()');
    return new Hmac(this.inner.clone(), this.outer.clone());
  }
}

/** HMAC-SHA256's two keyed states: SHA-256 after K0 ⊕ ipad and after K0 ⊕ opad. */
export interface HmacSha256Key {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

/**
 * @internal FIPS 198-1 §4 steps 1–4 and 7 for SHA-256 (B = 64): the keyed states, each one
 * compression of K0 ⊕ pad. `key` must already be checked.
 */
export function hmacSha256Key(key: Uint8Array): HmacSha256Key {
  const K0 = new Uint8Array(64);
  K0.set(key.length > 64 ? sha256(key) : key);
  for (let i = 0; i < 64; i++) K0[i] ^= IPAD;
  const inner = sha256StateAfterBlock(K0);
  for (let i = 0; i < 64; i++) K0[i] ^= IPAD ^ OPAD;
  const outer = sha256StateAfterBlock(K0);
  K0.fill(0);
  return { inner, outer };
}

/** @internal Steps 5–9 from the keyed states: H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text)). */
export function hmacSha256WithKey(key: HmacSha256Key, text: Uint8Array): Uint8Array {
  return sha256FromState(key.outer, 64, sha256FromState(key.inner, 64, text));
}

/**
 * HMAC keyed once, for many messages: returns `text => HMAC(key, text)`. SHA-256 takes the
 * fast path; any other hash clones the keyed `Hmac` for each message.
 * @example const mac = hmacWithKey(sha256, prk); const t1 = mac(m1); const t2 = mac(m2);
 */
export function hmacWithKey(hash: HashFunction, key: Uint8Array): (text: Uint8Array) => Uint8Array {
  assertHashFunction(hash);
  assertBytes(key, 'key');
  if (hash === sha256) {
    const keyed = hmacSha256Key(key);
    return (text) => {
      assertBytes(text, 'text');
      return hmacSha256WithKey(keyed, text);
    };
  }
  const keyed = Hmac.keyed(hash, key);
  return (text) => keyed.clone().update(text).digest();
}

/**
 * HMAC of `data` under `key` with `hash` (RFC 2104, FIPS 198-1).
 *
 * @param hash - the hash function: `sha256`, `sha384` or `sha512`
 * @param key - any length; keys longer than the hash's block size (64 bytes for SHA-256, 128 for
 *   SHA-384 and SHA-512) are hashed first
 * @param data - the message
 * @returns a fresh tag of `hash.outputLength` bytes
 * @throws TypeError when `hash` is not a hash function or `key`/`data` are not Uint8Arrays
 * @example bytesToHex(hmac(sha256, utf8ToBytes('key'), utf8ToBytes('The quick brown fox jumps over the lazy dog')))
 * // 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
 */
export function hmac(hash: HashFunction, key: Uint8Array, data: Uint8Array): Uint8Array {
  if (hash === sha256) {
    assertBytes(key, 'key');
    assertBytes(data, 'data');
    return hmacSha256WithKey(hmacSha256Key(key), data);
  }
  return Hmac.keyed(hash, key).update(data).digest();
}

/**
 * Starts a streaming HMAC; `clone()` it to reuse the keyed state for several messages.
 * @example const mac = hmac.create(sha256, key); mac.update(a).update(b); const tag = mac.digest();
 */
hmac.create = (hash: HashFunction, key: Uint8Array): Hmac => Hmac.keyed(hash, key);

/**
 * Verifies a (possibly truncated, RFC 2104 §5) tag in constant-time style: the expected tag
 * is computed in full, cut to `tag.length` bytes, and compared with every byte visited.
 *
 * @param tag - between 16 bytes and `hash.outputLength` bytes (RFC 2104 §5 asks for at
 *   least half the output; SHA-256 tags shorter than 128 bits are refused)
 * @returns true when the tag is right
 * @throws RangeError for a tag shorter than 16 bytes or longer than the output
 * @example hmac.verify(sha256, key, message, receivedTag)
 */
hmac.verify = (hash: HashFunction, key: Uint8Array, data: Uint8Array, tag: Uint8Array): boolean => {
  assertHashFunction(hash);
  assertBytes(tag, 'tag');
  const min = Math.min(16, hash.outputLength);
  if (tag.length < min || tag.length > hash.outputLength) {
    throw new RangeError(
      `tag must be ${min} to ${hash.outputLength} bytes long, got ${tag.length}`,
    );
  }
  return equalBytes(hmac(hash, key, data).subarray(0, tag.length), tag);
};
