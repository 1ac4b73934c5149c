/**
 * SHA-256 (FIPS 180-4 §6.2), one-shot and streaming, with the `Hash` interface of hash.ts.
 *
 * The compression function is sha256-compress.ts (the fast path; sha256-reference.ts is the
 * plain reference it is tested against). This module only feeds it blocks and pads:
 *   - whole 64-byte blocks of a long input are compressed straight from the caller's bytes,
 *     through a DataView on them; a partial block is copied into the 64-byte buffer of a
 *     streaming state, and short inputs go through a scratch block (see ScratchPool.absorb in scratch.ts);
 *   - the padding (§5.1.1) appends the bit 1, zeros, and the 64-bit bit-length ℓ.
 *
 * Message length: tracked in bytes as a double (exact to 2^53 bytes) and written as the
 * 64-bit bit-length ℓ in two 32-bit halves, so lengths past 2^32 bits (512 MiB) are right.
 *
 * Not constant time in the message length (no hash is), and nothing here is secret-
 * dependent in its control flow or memory access.
 */
import { assertBytes } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';
import type { Hash, HashFunction } from './hash.js';
import { compressBlocks } from './sha256-compress.js';
import { type Scratch, ScratchPool } from './scratch.js';
import { H0 } from './sha256-constants.js';

/** H^(0) as int32 words (§5.3.3); each computation starts from a copy. */
const IV = Int32Array.from(H0);

/** This family's scratch arrays and block feeding (./scratch.ts): 64-byte blocks, 8 working words. */
const scratchPool = new ScratchPool(64, 8, compressBlocks);

/** The streaming state of SHA-256. */
class Sha256 implements Hash {
  private readonly state = IV.slice();
  /** The partial block not yet compressed (never a full one: a full block is compressed). */
  private readonly buffer = new Uint8Array(64);
  private buffered = 0;
  /** Total message length in bytes so far. */
  private length = 0;
  private finished = false;

  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    this.assertUsable('update() after digest()');
    const length = data.length;
    this.length += length;
    if (this.buffered + length < 64) {
      // No block is completed: the bytes only join the partial block.
      for (let i = 0; i < length; i++) this.buffer[this.buffered + i] = data[i];
      this.buffered += length;
      return this;
    }
    const scratch = scratchPool.take();
    try {
      let offset = 0;
      if (this.buffered > 0) {
        offset = 64 - this.buffered; // tops the partial block up to a whole one
        for (let i = 0; i < offset; i++) this.buffer[this.buffered + i] = data[i];
        scratchPool.absorb(scratch, this.state, this.buffer, 0, 64);
        this.buffered = 0;
      }
      // The whole blocks' end: subtracting the remainder, not masking with `& ~63` (`&` works
      // on 32-bit integers, and one update may be longer than 2^31 bytes).
      const rest = length - offset;
      const whole = offset + rest - (rest % 64);
      scratchPool.absorb(scratch, this.state, data, offset, whole);
      for (let i = whole; i < length; i++) this.buffer[i - whole] = data[i];
      this.buffered = length - whole;
    } finally {
      scratchPool.release(scratch);
    }
    return this;
  }

  digest(): Uint8Array {
    this.assertUsable('digest() called twice');
    this.finished = true;
    const scratch = scratchPool.take();
    try {
      return finish(scratch, this.state, this.buffer, 0, this.buffered, this.length);
    } finally {
      scratchPool.release(scratch);
    }
  }

  digestWith(data: Uint8Array): Uint8Array {
    assertBytes(data, 'data');
    this.assertUsable('digestWith() after digest()');
    if (this.buffered > 0) return this.clone().update(data).digest();
    return digestFrom(this.state, this.length, data);
  }

  clone(): Sha256 {
    this.assertUsable('clone() after digest()');
    const copy = new Sha256();
    copy.state.set(this.state);
    copy.buffer.set(this.buffer);
    copy.buffered = this.buffered;
    copy.length = this.length;
    return copy;
  }

  private assertUsable(what: string): void {
    if (this.finished) throw new CryptoError('INVALID_STATE', `sha256: ${what}`);
  }
}

/**
 * Pads and compresses the last partial block (FIPS 180-4 §5.1.1: append the bit 1, then
 * zeros, then ℓ = 8·length as 64 bits big-endian), updating `state`, and returns H^(N) as
 * bytes. The tail is `tail[from, from + count)`, fewer than 64 bytes; it is padded in the
 * scratch block (wiped when the scratch is released).
 */
function finish(
  scratch: Scratch,
  state: Int32Array,
  tail: Uint8Array,
  from: number,
  count: number,
  length: number,
): Uint8Array {
  const { block, blockView } = scratch;
  for (let i = 0; i < count; i++) block[i] = tail[from + i];
  let i = count;
  block[i++] = 0x80;
  if (i > 56) {
    block.fill(0, i);
    compressBlocks(state, blockView, 0, 64);
    i = 0;
  }
  block.fill(0, i, 56);
  blockView.setUint32(56, Math.floor(length / 0x20000000)); // the top 32 bits of ℓ
  blockView.setUint32(60, (length * 8) >>> 0); // … and the low 32 bits (exact: length < 2^53)
  compressBlocks(state, blockView, 0, 64);
  const out = new Uint8Array(32);
  for (let j = 0; j < 8; j++) {
    const word = state[j];
    out[4 * j] = word >>> 24;
    out[4 * j + 1] = word >>> 16;
    out[4 * j + 2] = word >>> 8;
    out[4 * j + 3] = word;
  }
  return out;
}

/**
 * SHA-256 of prefix ‖ data, where `state` is H after the prefix, whose `prefixLength` bytes
 * are a multiple of 64 (0 for a whole message). `state` itself is left unchanged.
 */
function digestFrom(state: Int32Array, prefixLength: number, data: Uint8Array): Uint8Array {
  const scratch = scratchPool.take();
  try {
    const { working } = scratch;
    working.set(state);
    const length = data.length;
    const whole = length - (length & 63);
    scratchPool.absorb(scratch, working, data, 0, whole);
    return finish(scratch, working, data, whole, length - whole, prefixLength + length);
  } finally {
    scratch.working.fill(0);
    scratchPool.release(scratch);
  }
}

/**
 * SHA-256 of `data` (FIPS 180-4).
 *
 * @param data - the message, any length
 * @returns a fresh 32-byte digest
 * @throws TypeError when `data` is not a Uint8Array
 * @example
 * bytesToHex(sha256(utf8ToBytes('abc')))
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * const h = sha256.create(); h.update(part1).update(part2); h.digest();
 */
export const sha256: HashFunction = Object.assign(
  (data: Uint8Array): Uint8Array => {
    assertBytes(data, 'data');
    return digestFrom(IV, 0, data);
  },
  {
    create: (): Hash => new Sha256(),
    blockLength: 64,
    outputLength: 32,
    algorithm: 'SHA-256',
  },
);
