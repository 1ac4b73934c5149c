/**
 * SHA-512 and SHA-384 (FIPS 180-4 §6.4 and §6.5), one-shot and streaming, with the `Hash`
 * interface of hash.ts, so `hmac(sha512, …)` and `hkdf(sha384, …)` work (their block length,
 * 128 bytes, is part of the hash object).
 *
 * SHA-384 is SHA-512 started from a different initial hash value H^(0) (§5.3.4) and truncated
 * to its leftmost 384 bits (§6.5). Both run the compression function of sha512-compress.ts
 * (the fast path, on 32-bit halves); sha512-reference.ts is the plain BigInt reference the
 * tests check it against.
 *
 * Message length: tracked in bytes as a double (exact to 2^53 bytes) and written as the
 * 128-bit bit-length ℓ (§5.1.2), whose top 64 bits are then always zero.
 *
 * Not constant time in the message length (no hash is), and nothing here is secret-dependent
 * in its control flow or memory access.
 */
import { assertBytes } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';
import type { Hash, HashFunction } from './hash.js';
import { H0_384, H0_512 } from './sha512-constants.js';
import { compressBlocks, halves } from './sha512-compress.js';
import { type Scratch, ScratchPool } from './scratch.js';

const IV512 = halves(H0_512);
const IV384 = halves(H0_384);

/**
 * This family's scratch arrays (./scratch.ts), shared by SHA-384 and SHA-512: a 128-byte block
 * and 16 working words (8 words of 64 bits as high and low halves). The message schedule in
 * sha512-compress.ts still holds the last block's words until the next compression.
 */
const scratchPool = new ScratchPool(128, 16, compressBlocks);

/**
 * A streaming state's buffer until it first holds a partial block: HMAC's keyed states
 * absorb exactly one block and never need one (a 128-byte typed array is not cheap to make).
 */
const NO_PARTIAL = new Uint8Array(0);

/** The streaming state of SHA-512 or SHA-384 (they differ only in H^(0) and output length). */
class Sha512 implements Hash {
  private readonly state: Int32Array;
  /** The partial block not yet compressed. */
  private buffer = NO_PARTIAL;
  private buffered = 0;
  /** Total message length in bytes so far. */
  private length = 0;
  private finished = false;

  constructor(
    iv: Int32Array,
    private readonly outputLength: number,
    private readonly name: string,
  ) {
    this.state = iv.slice();
  }

  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    if (this.finished)
      throw new CryptoError('INVALID_STATE', `${this.name}: update() after digest()`);
    const size = data.length;
    this.length += size;
    if (this.buffered + size < 128) {
      // No block is completed: the bytes only join the partial block.
      if (size > 0 && this.buffer === NO_PARTIAL) this.buffer = new Uint8Array(128);
      for (let i = 0; i < size; i++) this.buffer[this.buffered + i] = data[i];
      this.buffered += size;
      return this;
    }
    const scratch = scratchPool.take();
    try {
      let offset = 0;
      if (this.buffered > 0) {
        offset = 128 - this.buffered; // tops the partial block up to a whole one
        for (let i = 0; i < offset; i++) this.buffer[this.buffered + i] = data[i];
        scratchPool.absorb(scratch, this.state, this.buffer, 0, 128);
        this.buffered = 0;
      }
      // The whole blocks' end: subtracting the remainder, not masking with `& ~127` (`&` works
      // on 32-bit integers, and one update may be longer than 2^31 bytes).
      const rest = size - offset;
      const whole = offset + rest - (rest % 128);
      scratchPool.absorb(scratch, this.state, data, offset, whole);
      if (whole < size && this.buffer === NO_PARTIAL) this.buffer = new Uint8Array(128);
      for (let i = whole; i < size; i++) this.buffer[i - whole] = data[i];
      this.buffered = size - whole;
    } finally {
      scratchPool.release(scratch);
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.finished)
      throw new CryptoError('INVALID_STATE', `${this.name}: digest() called twice`);
    this.finished = true;
    const scratch = scratchPool.take();
    try {
      const { state, buffer, buffered, length, outputLength } = this;
      return finish(scratch, state, buffer, 0, buffered, length, outputLength);
    } finally {
      scratchPool.release(scratch);
    }
  }

  digestWith(data: Uint8Array): Uint8Array {
    assertBytes(data, 'data');
    if (this.finished)
      throw new CryptoError('INVALID_STATE', `${this.name}: digestWith() after digest()`);
    if (this.buffered > 0) return this.clone().update(data).digest();
    return digestFrom(this.state, this.length, data, this.outputLength);
  }

  clone(): Sha512 {
    if (this.finished)
      throw new CryptoError('INVALID_STATE', `${this.name}: clone() after digest()`);
    const copy = new Sha512(this.state, this.outputLength, this.name);
    if (this.buffered > 0) copy.buffer = this.buffer.slice();
    copy.buffered = this.buffered;
    copy.length = this.length;
    return copy;
  }
}

/**
 * Pads and compresses the last partial block (FIPS 180-4 §5.1.2: append the bit 1, then
 * zeros, then ℓ = 8·length as 128 bits big-endian), updating `state`, and returns the leftmost
 * `outputLength` bytes of H^(N). The tail is `tail[from, from + count)`, fewer than 128 bytes;
 * it is padded in the scratch block (wiped when the scratch is released).
 */
function finish(
  scratch: Scratch,
  state: Int32Array,
  tail: Uint8Array,
  from: number,
  count: number,
  length: number,
  outputLength: number,
): Uint8Array {
  const { block, blockView } = scratch;
  for (let i = 0; i < count; i++) block[i] = tail[from + i];
  let i = count;
  block[i++] = 0x80;
  if (i > 112) {
    block.fill(0, i);
    compressBlocks(state, blockView, 0, 128);
    i = 0;
  }
  block.fill(0, i, 120); // includes the top 64 bits of ℓ: zero, since length < 2^53 bytes
  writeWord(block, 120, Math.floor(length / 0x20000000)); // bits 32–63 of ℓ
  writeWord(block, 124, (length * 8) >>> 0); // … and the low 32 bits
  compressBlocks(state, blockView, 0, 128);
  const out = new Uint8Array(outputLength);
  for (let j = 0; j < outputLength / 4; j++) writeWord(out, 4 * j, state[j]);
  return out;
}

function writeWord(out: Uint8Array, offset: number, word: number): void {
  out[offset] = word >>> 24;
  out[offset + 1] = word >>> 16;
  out[offset + 2] = word >>> 8;
  out[offset + 3] = word;
}

/**
 * The hash of prefix ‖ data, where `state` is H after the prefix, whose `prefixLength` bytes
 * are a multiple of 128 (0 for a whole message); `state` itself is left unchanged. Whole
 * blocks of `data` are compressed where they are; only the tail is copied, to be padded.
 */
function digestFrom(
  state: Int32Array,
  prefixLength: number,
  data: Uint8Array,
  outputLength: number,
): Uint8Array {
  const scratch = scratchPool.take();
  try {
    const { working } = scratch;
    working.set(state);
    const size = data.length;
    const whole = size - (size & 127);
    scratchPool.absorb(scratch, working, data, 0, whole);
    const length = prefixLength + size;
    return finish(scratch, working, data, whole, size - whole, length, outputLength);
  } finally {
    scratch.working.fill(0);
    scratchPool.release(scratch);
  }
}

/** The one-shot computation from H^(0) = `iv`. */
function oneShot(data: Uint8Array, iv: Int32Array, outputLength: number): Uint8Array {
  assertBytes(data, 'data');
  return digestFrom(iv, 0, data, outputLength);
}

/**
 * SHA-512 of `data` (FIPS 180-4 §6.4).
 *
 * @param data - the message, any length
 * @returns a fresh 64-byte digest
 * @throws TypeError when `data` is not a Uint8Array
 * @example
 * bytesToHex(sha512(utf8ToBytes('abc'))).slice(0, 16) // 'ddaf35a193617aba'
 * const h = sha512.create(); h.update(part1).update(part2); h.digest();
 * hmac(sha512, key, message) // HMAC-SHA-512: the 128-byte block length comes from sha512
 */
export const sha512: HashFunction = Object.assign(
  (data: Uint8Array): Uint8Array => oneShot(data, IV512, 64),
  {
    create: (): Hash => new Sha512(IV512, 64, 'sha512'),
    blockLength: 128,
    outputLength: 64,
    algorithm: 'SHA-512',
  },
);

/**
 * SHA-384 of `data` (FIPS 180-4 §6.5: SHA-512 from its own H^(0), truncated to 384 bits).
 *
 * @param data - the message, any length
 * @returns a fresh 48-byte digest
 * @throws TypeError when `data` is not a Uint8Array
 * @example
 * bytesToHex(sha384(utf8ToBytes('abc'))).slice(0, 16) // 'cb00753f45a35e8b'
 * hkdf(sha384, ikm, salt, info, 48) // HKDF-SHA-384, as TLS 1.3's second cipher suite uses
 */
export const sha384: HashFunction = Object.assign(
  (data: Uint8Array): Uint8Array => oneShot(data, IV384, 48),
  {
    create: (): Hash => new Sha512(IV384, 48, 'sha384'),
    blockLength: 128,
    outputLength: 48,
    algorithm: 'SHA-384',
  },
);
