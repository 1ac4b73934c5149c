/**
 * Scratch space for the SHA-2 computations (sha256.ts, sha512.ts): a block through which short
 * runs of blocks are copied and in which the tail is padded, a DataView on it, and a working
 * state. Allocating them per call would cost more than hashing a short message (V8 gives each
 * new DataView's buffer its own backing store), so each hash family keeps one set and shares it.
 *
 * Calls are synchronous, but one can begin inside another: reading the input can run the
 * caller's code (a Proxy over a Uint8Array passes the instanceof check). So the shared set is
 * taken by one computation at a time, and one that begins while it is taken gets its own.
 */

/** One computation's scratch arrays. */
export interface Scratch {
  readonly block: Uint8Array;
  readonly blockView: DataView;
  readonly working: Int32Array;
}

/** A hash family's compression function: the blocks view[offset, end) into `state`. */
export type CompressBlocks = (
  state: Int32Array,
  view: DataView,
  offset: number,
  end: number,
) => void;

/**
 * The shared set of one hash family and whether a computation holds it, and the way whole
 * blocks reach that family's compression function through it.
 */
export class ScratchPool {
  readonly #blockLength: number;
  readonly #workingLength: number;
  readonly #compress: CompressBlocks;
  /**
   * Runs of at least this many bytes of whole blocks (four blocks) are read through a DataView
   * on the caller's bytes; shorter runs are copied into the scratch block one block at a time,
   * which is cheaper than making the view (V8 gives a small typed array's buffer its own
   * backing store the first time it is asked for).
   */
  readonly #viewMin: number;
  readonly #shared: Scratch;
  #inUse = false;

  /**
   * @param blockLength - the block size in bytes (64 for SHA-256, 128 for SHA-512)
   * @param workingLength - the working state's length in 32-bit words
   * @param compress - the family's compression function
   */
  constructor(blockLength: number, workingLength: number, compress: CompressBlocks) {
    this.#blockLength = blockLength;
    this.#workingLength = workingLength;
    this.#compress = compress;
    this.#viewMin = 4 * blockLength;
    this.#shared = this.#fresh();
  }

  /**
   * Compresses the whole blocks data[offset, end) into `state` (FIPS 180-4 §6.2.2, §6.4.2),
   * copying them through `scratch`'s block when they are too few to read in place.
   */
  absorb(scratch: Scratch, state: Int32Array, data: Uint8Array, offset: number, end: number): void {
    if (end - offset >= this.#viewMin) {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      this.#compress(state, view, offset, end);
      return;
    }
    const { block, blockView } = scratch;
    const blockLength = this.#blockLength;
    for (; offset < end; offset += blockLength) {
      for (let i = 0; i < blockLength; i++) block[i] = data[offset + i];
      this.#compress(state, blockView, 0, blockLength);
    }
  }

  /** The shared set, or a set of its own for a computation that began inside another. */
  take(): Scratch {
    if (this.#inUse) return this.#fresh();
    this.#inUse = true;
    return this.#shared;
  }

  /**
   * Frees the shared set (first, so that nothing can leave it taken) and wipes the block, which
   * may have held key material (HMAC's K0 ⊕ ipad). The working state is wiped by its user.
   */
  release(scratch: Scratch): void {
    if (scratch === this.#shared) this.#inUse = false;
    scratch.block.fill(0);
  }

  #fresh(): Scratch {
    const block = new Uint8Array(this.#blockLength);
    return {
      block,
      blockView: new DataView(block.buffer),
      working: new Int32Array(this.#workingLength),
    };
  }
}
