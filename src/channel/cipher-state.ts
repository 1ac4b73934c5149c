/**
 * CipherState — Noise Protocol Framework revision 34, §5.1.
 *
 * A CipherState holds a key k (32 bytes, or empty) and a 64-bit nonce counter n:
 *   EncryptWithAd(ad, p):  c = ENCRYPT(k, n++, ad, p)   (or p itself while k is empty)
 *   DecryptWithAd(ad, c):  p = DECRYPT(k, n, ad, c); n++ only when authentication succeeds
 *   Rekey():               k = ENCRYPT(k, 2^64 − 1, empty, 32 zero bytes)[0..32]   (§4.2)
 * The nonce 2^64 − 1 is reserved for Rekey: once n reaches it, every EncryptWithAd and
 * DecryptWithAd throws (LIMIT_EXCEEDED) — the caller must rekey-by-rehandshake or stop.
 *
 * Not here: the AEAD itself (see ./suite.ts); automatic rekeying (none is defined by Noise).
 */
import { CryptoError } from '../errors.js';
import type { NoiseCipher, NoiseSuite } from './suite.js';

/** 2^64 − 1: the reserved nonce (§5.1). */
export const MAX_NONCE = 0xffffffffffffffffn;

const EMPTY = new Uint8Array(0);

export class CipherState {
  readonly #suite: NoiseSuite;
  #k: Uint8Array | null = null;
  #cipher: NoiseCipher | null = null;
  #n = 0n;

  /** @param suite the primitives (./suite.ts) */
  constructor(suite: NoiseSuite) {
    this.#suite = suite;
  }

  /** InitializeKey(key): sets k = key (or empty for `null`) and n = 0. */
  initializeKey(key: Uint8Array | null): void {
    this.#k = key === null ? null : key.slice();
    this.#cipher = key === null ? null : this.#suite.cipher(this.#k!);
    this.#n = 0n;
  }

  /** HasKey(): true when k is non-empty. */
  hasKey(): boolean {
    return this.#k !== null;
  }

  /** The current nonce n (for inspection and tests). */
  get nonce(): bigint {
    return this.#n;
  }

  /**
   * SetNonce(nonce): sets n. Only for tests and out-of-order transports; the channel never
   * calls it.
   * @throws RangeError when nonce is outside [0, 2^64 − 1]
   */
  setNonce(nonce: bigint): void {
    if (typeof nonce !== 'bigint' || nonce < 0n || nonce > MAX_NONCE)
      throw new RangeError('CipherState: nonce must be a bigint in [0, 2^64 - 1]');
    this.#n = nonce;
  }

  /**
   * EncryptWithAd(ad, plaintext): ciphertext ‖ tag, or the plaintext itself while k is empty.
   * @throws CryptoError 'LIMIT_EXCEEDED' when n has reached 2^64 − 1
   * @example cs.encryptWithAd(h, payload)
   */
  encryptWithAd(ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    if (this.#cipher === null) return plaintext.slice();
    this.#assertNonce();
    const ciphertext = this.#cipher.encrypt(this.#n, ad, plaintext);
    this.#n++;
    return ciphertext;
  }

  /**
   * DecryptWithAd(ad, ciphertext): the plaintext. On an authentication failure n is left
   * unchanged (§5.1), so a forged message does not desynchronise the channel.
   * @throws CryptoError 'AUTH_FAILED' when the tag does not verify, 'LIMIT_EXCEEDED' at n = 2^64 − 1
   */
  decryptWithAd(ad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    if (this.#cipher === null) return ciphertext.slice();
    this.#assertNonce();
    const plaintext = this.#cipher.decrypt(this.#n, ad, ciphertext);
    this.#n++;
    return plaintext;
  }

  /** Rekey(): k = REKEY(k) (the default of §4.2); n is unchanged. */
  rekey(): void {
    if (this.#cipher === null)
      throw new CryptoError('PROTOCOL_ERROR', 'CipherState: rekey without a key');
    const k = this.#cipher.encrypt(MAX_NONCE, EMPTY, new Uint8Array(32)).subarray(0, 32);
    const n = this.#n;
    this.initializeKey(k);
    this.#n = n;
  }

  #assertNonce(): void {
    if (this.#n >= MAX_NONCE)
      throw new CryptoError(
        'LIMIT_EXCEEDED',
        'CipherState: nonce exhausted (2^64 - 1 is reserved)',
      );
  }
}
