/**
 * A FIFO of received bytes for the stream parsers of both protocols.
 *
 * TCP delivers a byte stream in arbitrary pieces; a parser wants "the next n bytes, if they
 * have all arrived". The bytes live in ONE contiguous buffer, buffer[head … head + length):
 *
 *   push(chunk)  copies chunk to the end, first sliding the unread bytes to the front when
 *                that makes room, else doubling the buffer        — O(|chunk|) amortised
 *   read(n)      copies out buffer[head … head + n) and moves head  — O(n)
 *
 * Coalescing is the point: a peer that trickles 1-byte chunks costs 1 byte of buffer per byte,
 * not a Uint8Array object per byte (each with its own object header and backing store, as when
 * every chunk was kept as its own copy). The buffer is at most about twice the largest amount ever buffered (see
 * `capacity`), and a buffer above 64 KiB is dropped as soon as the queue is empty, so an idle
 * connection does not keep the memory of one large message.
 *
 * Not here: any limit — the parsers decide how much they are willing to wait for.
 */

/** Buffers up to this size are kept when the queue empties (the usual frame fits). */
const KEEP_CAPACITY = 64 * 1024;
const INITIAL_CAPACITY = 1024;

export class ByteQueue {
  #buffer = new Uint8Array(0);
  #head = 0; // index of the first unread byte
  #length = 0; // unread bytes

  /** Bytes buffered. */
  get length(): number {
    return this.#length;
  }

  /** Bytes of memory the buffer holds (≥ length), for tests of the memory bound. */
  get capacity(): number {
    return this.#buffer.length;
  }

  /** Appends a copy of `chunk`. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const needed = this.#length + chunk.length;
    if (this.#head + needed > this.#buffer.length) {
      if (needed <= this.#buffer.length) {
        // room enough once the consumed bytes are dropped: slide the unread bytes to the front
        this.#buffer.copyWithin(0, this.#head, this.#head + this.#length);
      } else {
        let size = Math.max(INITIAL_CAPACITY, this.#buffer.length);
        while (size < needed) size *= 2;
        const grown = new Uint8Array(size);
        grown.set(this.#buffer.subarray(this.#head, this.#head + this.#length));
        this.#buffer = grown;
      }
      this.#head = 0;
    }
    this.#buffer.set(chunk, this.#head + this.#length);
    this.#length = needed;
  }

  /** The first `n` buffered bytes (a fresh array) without consuming them, or undefined. */
  peek(n: number): Uint8Array | undefined {
    if (n > this.#length) return undefined;
    return this.#buffer.slice(this.#head, this.#head + n);
  }

  /** Removes and returns the first `n` bytes, or undefined when fewer are buffered. */
  read(n: number): Uint8Array | undefined {
    const out = this.peek(n);
    if (out !== undefined) this.skip(n);
    return out;
  }

  /** Discards the first `n` bytes (n ≤ length). */
  skip(n: number): void {
    this.#head += n;
    this.#length -= n;
    if (this.#length === 0) {
      this.#head = 0;
      if (this.#buffer.length > KEEP_CAPACITY) this.#buffer = new Uint8Array(0);
    }
  }
}
