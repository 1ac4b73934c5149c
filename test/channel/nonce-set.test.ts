/**
 * NonceSet (src/channel/nonce-set.ts): the tutorial channel's replay/reflection memory.
 * Checked against a Set of hex strings (the obvious reference) with fast-check, and its memory
 * bound checked by filling it to the tutorial cap.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { NonceSet } from '../../src/channel/nonce-set.js';
import { TUTORIAL_MAX_RECORDS } from '../../src/channel/tutorial-channel.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('NonceSet', () => {
  it('agrees with a Set<string> on random add/has sequences (with repeats)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { maxLength: 300 }),
        fc.array(fc.uint8Array({ minLength: 12, maxLength: 12 }), { minLength: 41, maxLength: 41 }),
        (ops, pool) => {
          const set = new NonceSet(1000);
          const reference = new Set<string>();
          for (const [isAdd, index] of ops) {
            const nonce = pool[index];
            if (isAdd) {
              expect(set.add(nonce)).toBe(!reference.has(hex(nonce)));
              reference.add(hex(nonce));
            } else expect(set.has(nonce)).toBe(reference.has(hex(nonce)));
          }
          expect(set.size).toBe(reference.size);
          for (const nonce of pool) expect(set.has(nonce)).toBe(reference.has(hex(nonce)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('tells apart nonces that differ in one byte, including all-zero', () => {
    const set = new NonceSet(100);
    const zero = new Uint8Array(12);
    expect(set.has(zero)).toBe(false);
    set.add(zero);
    expect(set.has(zero)).toBe(true);
    for (let i = 0; i < 12; i++) {
      const near = zero.slice();
      near[i] = 1;
      expect(set.has(near)).toBe(false);
    }
  });

  it('holds 2 · TUTORIAL_MAX_RECORDS nonces in at most 832 KiB, then refuses', () => {
    const max = 2 * TUTORIAL_MAX_RECORDS;
    const set = new NonceSet(max);
    const nonces = crypto.randomBytes(12 * max);
    for (let i = 0; i < max; i++) set.add(nonces.subarray(12 * i, 12 * i + 12));
    expect(set.size).toBe(max);
    expect(set.byteLength).toBe(13 * 2 * max); // 13 B per slot, load ≤ 1/2
    expect(set.byteLength).toBeLessThanOrEqual(832 * 1024);
    for (let i = 0; i < max; i += 997)
      expect(set.has(nonces.subarray(12 * i, 12 * i + 12))).toBe(true);
    expect(set.add(nonces.subarray(0, 12))).toBe(false); // already present: no error
    expect(() => set.add(crypto.randomBytes(12))).toThrow(RangeError);
  });

  it('rejects a bad maxSize or nonce length', () => {
    for (const bad of [0, -1, 1.5, 2 ** 24 + 1, NaN])
      expect(() => new NonceSet(bad)).toThrow(RangeError);
    expect(() => new NonceSet(4).add(new Uint8Array(11))).toThrow(RangeError);
    expect(() => new NonceSet(4).has(new Uint8Array(13))).toThrow(RangeError);
  });
});
