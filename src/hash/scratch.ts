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

/** The shared set of one hash family, and whether a computation holds it. */
export class ScratchPool {
  readonly #blockLength: number;
  readonly #workingLength: number;
  readonly #shared: Scratch;
  #inUse = false;

  /**
   * @param blockLength - the block size in bytes (64 for SHA-256, 128 for SHA-512)
   * @param workingLength - the working state's length in 32-bit words
   */
  constructor(blockLength: number, workingLength: number) {
    this.#blockLength = blockLength;
    this.#workingLength = workingLength;
    this.#shared = this.#fresh();
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
