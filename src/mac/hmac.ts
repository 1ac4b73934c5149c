/**
 * HMAC, RFC 2104 and FIPS 198-1 §4:
 *
 *   HMAC(K, text) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text))
 *
 * where K0 is K padded with zeros to the hash's block size B (after first hashing K when it
 * is longer than B: FIPS 198-1 §4 step 2), ipad = 0x36 repeated B times and opad = 0x5c
 * repeated B times.
 *
 * `Hmac` is HMAC keyed once: it absorbs K0 ⊕ ipad and K0 ⊕ opad into two hash states, one
 * block each, and computes every message from them (`digestWith`) without absorbing the keys
 * again, which is what HKDF-Expand, RFC 6979 and the Noise handshake need. For SHA-256 (and
 * SHA-384/512) those states are plain arrays of words, and `digestWith` starts from a copy of
 * them and compresses the message straight from its bytes: that is the whole fast path, and
 * every hash gets it. hmac-reference.ts computes the formula above literally; tests run both
 * against each other and against node:crypto.
 *
 * Tag truncation (RFC 2104 §5, FIPS 198-1 §5) is the caller's business: take the leftmost
 * bytes of the output; `hmac.verify` compares such a truncated tag in constant-time style.
 */
import { assertBytes } from '../bytes/assert.js';
import { equalBytes } from '../bytes/bytes.js';
import { CryptoError } from '../errors.js';
import { assertHashFunction, type Hash, type HashFunction } from '../hash/hash.js';

const IPAD = 0x36;
const OPAD = 0x5c;

/** HMAC keyed once: update() the message, then digest(); or digestWith() many messages. */
export class Hmac implements Hash {
  private readonly inner: Hash;
  private readonly outer: Hash;
  private finished = false;

  /** Use `Hmac.keyed(hash, key)` or `hmac.create(hash, key)`. */
  private constructor(inner: Hash, outer: Hash) {
    this.inner = inner;
    this.outer = outer;
  }

  /**
   * FIPS 198-1 §4 steps 1–4 and 7: derives K0 and absorbs K0 ⊕ ipad and K0 ⊕ opad.
   * @throws TypeError when `hash` is not a hash function or `key` is not a Uint8Array
   * @example const mac = Hmac.keyed(sha256, key); const t1 = mac.digestWith(m1); const t2 = mac.digestWith(m2);
   */
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
    this.assertUsable('update() after digest()');
    this.inner.update(data); // steps 5–6: H((K0 ⊕ ipad) ‖ text), absorbed as it arrives
    return this;
  }

  digest(): Uint8Array {
    this.assertUsable('digest() called twice');
    this.finished = true;
    // Steps 8–9: H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text)).
    return this.outer.digestWith(this.inner.digest());
  }

  /**
   * HMAC of everything absorbed so far followed by `data` (steps 5–9), leaving this keyed
   * state unchanged: the way to MAC many messages under one key.
   */
  digestWith(data: Uint8Array): Uint8Array {
    this.assertUsable('digestWith() after digest()');
    return this.outer.digestWith(this.inner.digestWith(data));
  }

  clone(): Hmac {
    this.assertUsable('clone() after digest()');
    return new Hmac(this.inner.clone(), this.outer.clone());
  }

  private assertUsable(what: string): void {
    if (this.finished) throw new CryptoError('INVALID_STATE', `hmac: ${what}`);
  }
}

/**
 * HMAC keyed once, for many messages: returns `text => HMAC(key, text)`.
 * @example const mac = hmacWithKey(sha256, prk); const t1 = mac(m1); const t2 = mac(m2);
 */
export function hmacWithKey(hash: HashFunction, key: Uint8Array): (text: Uint8Array) => Uint8Array {
  const keyed = Hmac.keyed(hash, key);
  return (text) => {
    assertBytes(text, 'text');
    return keyed.digestWith(text);
  };
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
  const keyed = Hmac.keyed(hash, key);
  assertBytes(data, 'data');
  return keyed.digestWith(data);
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
