/**
 * A set of 12-byte nonces in one Uint8Array: the tutorial protocol's replay and reflection
 * memory (docs/PROTOCOL.md §1.2, §3).
 *
 * Open addressing with linear probing (Knuth, TAOCP vol. 3, §6.4, Algorithm L). Slot i holds
 * the nonce in keys[12·i … 12·i + 12) and is in use when used[i] = 1. The table has a
 * power-of-two number of slots, starts small and doubles when more than half full, up to the
 * fixed `maxSize` given at construction; past that `add` refuses. So the memory is
 *
 *   13 B per slot, slots ≤ 2^⌈log2(2·maxSize)⌉   (e.g. maxSize 2^15 → 2^16 slots = 832 KiB)
 *
 * plus a few hundred bytes of objects, whatever the peer sends — unlike a Set of hex strings,
 * which cost ~300 B per entry.
 *
 * The slot of a nonce is the top bits of Σ word_i · m_i mod 2^32 over its three 32-bit words,
 * with odd multipliers m_i drawn at random per set (multiply-shift hashing, Dietzfelbinger et
 * al. 1997): the nonces are chosen by the
 * peer, and fixed multipliers would let it pick nonces that all land in one run of slots and
 * make every lookup walk the whole table. This is a defence against crafted collisions, not a
 * cryptographic hash.
 *
 * Not here: removal (a nonce stays remembered for the connection's lifetime).
 */
import { randomBytes } from '../random.js';

export const NONCE_SET_KEY_LENGTH = 12;
const INITIAL_SLOTS = 64;

export class NonceSet {
  /** The most nonces the set will hold. */
  readonly maxSize: number;
  #keys = new Uint8Array(INITIAL_SLOTS * NONCE_SET_KEY_LENGTH);
  #used = new Uint8Array(INITIAL_SLOTS);
  #size = 0;
  readonly #multipliers: Uint32Array;

  /**
   * @param maxSize - the most nonces to hold (an integer in [1, 2^24])
   * @throws RangeError for another maxSize
   * @example const seen = new NonceSet(1 << 15); seen.add(nonce); seen.has(nonce) // true
   */
  constructor(maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > 1 << 24)
      throw new RangeError('NonceSet: maxSize must be an integer in [1, 2^24]');
    this.maxSize = maxSize;
    const words = new Uint32Array(randomBytes(12).buffer);
    for (let w = 0; w < 3; w++) words[w] |= 1; // odd multipliers
    this.#multipliers = words;
  }

  /** Nonces held. */
  get size(): number {
    return this.#size;
  }

  /** Bytes of the two typed arrays (the memory the set grows with). */
  get byteLength(): number {
    return this.#keys.length + this.#used.length;
  }

  /** Whether `nonce` (12 bytes) is in the set. */
  has(nonce: Uint8Array): boolean {
    return this.#used[this.#find(this.#keys, this.#used, nonce)] === 1;
  }

  /**
   * Adds `nonce` (12 bytes).
   * @returns false when it was already present, true when added
   * @throws RangeError when the set already holds maxSize nonces
   */
  add(nonce: Uint8Array): boolean {
    let slot = this.#find(this.#keys, this.#used, nonce);
    if (this.#used[slot] === 1) return false;
    if (this.#size >= this.maxSize) throw new RangeError(`NonceSet: full (${this.maxSize} nonces)`);
    if (2 * (this.#size + 1) > this.#used.length) {
      this.#grow();
      slot = this.#find(this.#keys, this.#used, nonce);
    }
    this.#keys.set(nonce, slot * NONCE_SET_KEY_LENGTH);
    this.#used[slot] = 1;
    this.#size++;
    return true;
  }

  /** The slot holding `nonce`, or the free slot where it would go (the table is never full). */
  #find(keys: Uint8Array, used: Uint8Array, nonce: Uint8Array): number {
    if (nonce.length !== NONCE_SET_KEY_LENGTH)
      throw new RangeError(`NonceSet: nonce must be ${NONCE_SET_KEY_LENGTH} bytes`);
    const mask = used.length - 1;
    const shift = Math.clz32(used.length) + 1; // 32 − log2(slots): keep the top bits of the hash
    for (let slot = this.#hash(nonce) >>> shift; ; slot = (slot + 1) & mask) {
      if (used[slot] === 0) return slot;
      let offset = slot * NONCE_SET_KEY_LENGTH;
      let matched = 0;
      while (matched < NONCE_SET_KEY_LENGTH && keys[offset++] === nonce[matched]) matched++;
      if (matched === NONCE_SET_KEY_LENGTH) return slot;
    }
  }

  #hash(nonce: Uint8Array): number {
    const multipliers = this.#multipliers;
    let hash = 0;
    for (let w = 0; w < 3; w++) {
      const at = 4 * w;
      const word = (nonce[at] << 24) | (nonce[at + 1] << 16) | (nonce[at + 2] << 8) | nonce[at + 3];
      hash = (hash + Math.imul(word, multipliers[w])) | 0;
    }
    return hash >>> 0; // its high bits depend on every bit of the nonce; #find keeps those
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldUsed = this.#used;
    const keys = new Uint8Array(oldKeys.length * 2);
    const used = new Uint8Array(oldUsed.length * 2);
    for (let oldSlot = 0; oldSlot < oldUsed.length; oldSlot++) {
      if (oldUsed[oldSlot] === 0) continue;
      const start = oldSlot * NONCE_SET_KEY_LENGTH;
      const nonce = oldKeys.subarray(start, start + NONCE_SET_KEY_LENGTH);
      const slot = this.#find(keys, used, nonce);
      keys.set(nonce, slot * NONCE_SET_KEY_LENGTH);
      used[slot] = 1;
    }
    this.#keys = keys;
    this.#used = used;
  }
}
