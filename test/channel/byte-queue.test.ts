/**
 * ByteQueue (src/channel/byte-queue.ts): FIFO semantics against a plain concatenation
 * (fast-check), and the memory bound of coalescing: a 1-byte trickle costs about 1 byte per byte.
 */
import fc from 'fast-check';
import { ByteQueue } from '../../src/channel/byte-queue.js';

describe('ByteQueue', () => {
  it('behaves as a FIFO of bytes for any mix of push / read / peek / skip', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.nat({ max: 4000 }), fc.constant(-1)),
          { maxLength: 60 },
        ),
        (ops) => {
          const queue = new ByteQueue();
          let reference = Buffer.alloc(0);
          let most = 0; // the largest amount ever buffered
          // Buffer.equals, not toEqual: element-wise deep equality on 100 KiB is slow.
          const same = (a: Uint8Array | undefined, b: Uint8Array) =>
            a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
          for (const op of ops) {
            if (op instanceof Uint8Array) {
              const copy = op.slice();
              queue.push(op);
              op.fill(0xee); // the queue kept its own copy
              reference = Buffer.concat([reference, copy]);
              most = Math.max(most, reference.length);
            } else if (op === -1) {
              expect(same(queue.peek(reference.length), reference)).toBe(true);
            } else if (op % 2 === 0) {
              const out = queue.read(op);
              if (op > reference.length) expect(out).toBeUndefined();
              else {
                expect(same(out, reference.subarray(0, op))).toBe(true);
                reference = reference.subarray(op);
              }
            } else if (op <= reference.length) {
              queue.skip(op);
              reference = reference.subarray(op);
            }
            expect(queue.length).toBe(reference.length);
            expect(queue.capacity).toBeLessThanOrEqual(Math.max(1024, 2 * most));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('coalesces a 1-byte trickle: capacity ≤ 2 × buffered, reads intact', () => {
    const queue = new ByteQueue();
    const total = 300_000;
    for (let i = 0; i < total; i++) {
      queue.push(Uint8Array.of(i & 0xff));
      if (queue.capacity > Math.max(1024, 2 * queue.length))
        throw new Error(`capacity ${queue.capacity} for ${queue.length} bytes`);
    }
    const out = queue.read(total)!;
    for (let i = 0; i < total; i += 4099) expect(out[i]).toBe(i & 0xff);
  });

  it('reuses its buffer while streaming and drops a large one once empty', () => {
    const queue = new ByteQueue();
    for (let i = 0; i < 1000; i++) {
      const leftover = queue.length; // bytes of the previous chunk, value (i − 1) & 0xff
      queue.push(new Uint8Array(700).fill(i & 0xff));
      const out = queue.read(500)!;
      expect([out[0], out[499]]).toEqual([leftover > 0 ? (i - 1) & 0xff : i & 0xff, i & 0xff]);
      if (i % 3 === 2) queue.skip(queue.length);
      expect(queue.capacity).toBeLessThanOrEqual(2048);
    }
    queue.skip(queue.length);
    queue.push(new Uint8Array(1 << 20));
    expect(queue.capacity).toBeGreaterThanOrEqual(1 << 20);
    queue.skip(1 << 20);
    expect(queue.capacity).toBe(0);
  });
});
