/**
 * The interface every hash function in ecdh-lab offers, so that HMAC and HKDF can be
 * written once for any of them (RFC 2104 §2 and RFC 5869 §2 are generic in the hash: they
 * need H, its block size B and its output length L). SHA-256 (sha256.ts), SHA-384 and
 * SHA-512 (sha512.ts) implement it; nothing here is specific to one of them.
 */

/** A streaming hash: feed it with update(), finish with digest(). */
export interface Hash {
  /** Absorbs `data` (any length, any number of calls); returns this hash for chaining. */
  update(data: Uint8Array): this;
  /** Finishes and returns the digest; the object cannot be used afterwards. */
  digest(): Uint8Array;
  /**
   * The digest of everything absorbed so far followed by `data`, leaving this hash unchanged
   * and usable: `clone().update(data).digest()` without the copy where the state allows it
   * (HMAC computes each message from its two keyed states this way).
   */
  digestWith(data: Uint8Array): Uint8Array;
  /** An independent copy of the current state (used by HMAC to reuse keyed states). */
  clone(): Hash;
}

/** A hash function usable by hmac() and hkdf(): a one-shot call plus create(). */
export interface HashFunction {
  (data: Uint8Array): Uint8Array;
  /** Starts a streaming computation. */
  create(): Hash;
  /** B: the input block size in bytes (64 for SHA-256, 128 for SHA-384 and SHA-512). */
  readonly blockLength: number;
  /** L: the digest size in bytes (32 for SHA-256, 48 for SHA-384, 64 for SHA-512). */
  readonly outputLength: number;
  readonly algorithm: string;
}

/**
 * Throws unless `hash` looks like a HashFunction (a function with create()).
 * @throws TypeError naming the argument
 */
export function assertHashFunction(hash: unknown): asserts hash is HashFunction {
  if (typeof hash !== 'function' || typeof (hash as Partial<HashFunction>).create !== 'function') {
    throw new TypeError('hash must be a hash function such as sha256');
  }
}
