/**
 * A FIFO of received bytes for the stream parsers of both protocols.
 *
 * TCP delivers a byte stream in arbitrary pieces; a parser wants "the next n bytes, if they
 * have all arrived". Chunks are kept as they came and joined only when a read needs it, so
 * feeding many small chunks costs O(total) rather than O(total²).
 *
 * Not here: any limit — the parsers decide how much they are willing to wait for.
 */

export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0; // bytes of #chunks[0] already consumed
  #length = 0;

  /** Bytes buffered. */
  get length(): number {
    return this.#length;
  }

  /** Appends a copy of `chunk`. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk.slice());
    this.#length += chunk.length;
  }

  /** The first `n` buffered bytes (a fresh array) without consuming them, or undefined. */
  peek(n: number): Uint8Array | undefined {
    if (n > this.#length) return undefined;
    const out = new Uint8Array(n);
    let filled = 0;
    for (let i = 0; filled < n; i++) {
      const chunk = this.#chunks[i];
      const start = i === 0 ? this.#head : 0;
      const take = Math.min(n - filled, chunk.length - start);
      out.set(chunk.subarray(start, start + take), filled);
      filled += take;
    }
    return out;
  }

  /** Removes and returns the first `n` bytes, or undefined when fewer are buffered. */
  read(n: number): Uint8Array | undefined {
    const out = this.peek(n);
    if (out !== undefined) this.skip(n);
    return out;
  }

  /** Discards the first `n` bytes (n ≤ length). */
  skip(n: number): void {
    this.#length -= n;
    while (n > 0) {
      const available = this.#chunks[0].length - this.#head;
      if (n < available) {
        this.#head += n;
        return;
      }
      n -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }
}
