/**
 * src/cipher/gctr.ts: the fast GCTR (the first two rounds of each counter block cached per run of
 * 256 blocks, the other rounds in ./aes.ts) against GCTR written out from SP 800-38D §6.5 over
 * node:crypto's AES-ECB (each counter block CBi = inc32^(i−1)(ICB) encrypted on its own, then
 * XORed), and against the FIPS 197 reference AES on a few blocks. Inputs: fast-check (random keys,
 * counter blocks, lengths across block boundaries and across runs of 256 blocks, and counters
 * near 2^32 so inc32 wraps). The optional GHASH argument must give what ghash() gives on the
 * output.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { aesEncryptBlockReference } from '../../src/cipher/aes-reference.js';
import { expandKey } from '../../src/cipher/aes.js';
import { gctr, inc32 } from '../../src/cipher/gctr.js';
import {
  createGhashKey,
  ghashUpdate,
  GHASH_TABLE_4BIT,
  GHASH_TABLE_8BIT,
} from '../../src/cipher/ghash.js';

const b2h = (b: Uint8Array) => Buffer.from(b).toString('hex');

function counterBlockBytes(icb: Int32Array, i: number): Buffer {
  const block = Buffer.alloc(16);
  block.writeInt32BE(icb[0], 0);
  block.writeInt32BE(icb[1], 4);
  block.writeInt32BE(icb[2], 8);
  block.writeUInt32BE((icb[3] + i) >>> 0, 12); // inc32 applied i times: mod 2^32 on the last word
  return block;
}

/** SP 800-38D §6.5 step by step, CIPH_K from node:crypto (AES-ECB, one block at a time). */
function gctrByTheBook(key: Uint8Array, icb: Int32Array, X: Uint8Array): Uint8Array {
  const blocks = Math.ceil(X.length / 16);
  const counters = Buffer.concat(
    Array.from({ length: blocks }, (_, i) => counterBlockBytes(icb, i)),
  );
  const ecb = crypto.createCipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
  const stream = ecb.update(counters);
  return X.map((x, i) => x ^ stream[i]);
}

const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const lastWordArb = fc.oneof(
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  fc.integer({ min: -300, max: -1 }), // 2^32 − 300 .. 2^32 − 1: inc32 wraps to 0 inside the message
  fc.integer({ min: 0, max: 300 }),
);
const caseArb = fc.record({
  key: fc.constantFrom(16, 24, 32).chain(bytesOf),
  icb: fc.tuple(fc.integer(), fc.integer(), fc.integer(), lastWordArb),
  length: fc.oneof(
    fc.constantFrom(0, 1, 15, 16, 17, 31, 32, 33, 4095, 4096, 4097),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 3800, max: 9000 }), // one or two run boundaries (every 256 blocks)
  ),
});

describe('gctr against GCTR by the book over node:crypto AES-ECB (fast-check)', () => {
  it('same output for every key size, counter block and length; inputs untouched', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 3 }), ({ key, icb, length }, offset) => {
        const counter = Int32Array.from(icb);
        // The input sits at an odd offset in a larger buffer: DataViews must honour byteOffset.
        const backing = new Uint8Array(length + offset).map((_, i) => (i * 151 + 7) & 255);
        const X = backing.subarray(offset);
        const copy = X.slice();
        const out = new Uint8Array(length + 5);
        gctr(expandKey(key), counter, X, out);
        expect(b2h(out.subarray(0, length))).toBe(b2h(gctrByTheBook(key, counter, X)));
        expect(b2h(out.subarray(length))).toBe('0000000000');
        expect(b2h(X)).toBe(b2h(copy));
        expect(Array.from(counter)).toEqual(icb);
      }),
      { numRuns: 1000 },
    );
  });

  it('the key stream of a few blocks equals the FIPS 197 reference AES on the counter blocks', () => {
    fc.assert(
      fc.property(caseArb, ({ key, icb }) => {
        const counter = Int32Array.from(icb);
        const out = new Uint8Array(48);
        gctr(expandKey(key), counter, new Uint8Array(48), out);
        for (let i = 0; i < 3; i++)
          expect(b2h(out.subarray(16 * i, 16 * i + 16))).toBe(
            b2h(aesEncryptBlockReference(counterBlockBytes(counter, i), key)),
          );
      }),
      { numRuns: 100 },
    );
  });

  it('with a running GHASH, the state equals ghash over the output (both tables)', () => {
    fc.assert(
      fc.property(caseArb, bytesOf(16), ({ key, icb, length }, aad) => {
        const w = expandKey(key);
        const H = new Int32Array(4).map((_, j) => aad[j] * 0x1010101);
        const X = new Uint8Array(length).map((_, i) => i * 29);
        for (const kind of [GHASH_TABLE_4BIT, GHASH_TABLE_8BIT] as const) {
          const hashKey = createGhashKey(H, kind);
          const fused = { key: hashKey, Y: Int32Array.of(1, 2, 3, 4) };
          const out = new Uint8Array(length);
          gctr(w, Int32Array.from(icb), X, out, fused);
          const separate = Int32Array.of(1, 2, 3, 4);
          ghashUpdate(
            createGhashKey(H, kind === GHASH_TABLE_4BIT ? GHASH_TABLE_8BIT : GHASH_TABLE_4BIT),
            separate,
            out,
            0,
            length,
          );
          expect(Array.from(fused.Y)).toEqual(Array.from(separate));
          const plain = new Uint8Array(length);
          gctr(w, Int32Array.from(icb), X, plain);
          expect(b2h(out)).toBe(b2h(plain));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('inc32 adds 1 to the last word only, modulo 2^32 (SP 800-38D §6.2)', () => {
    expect(Array.from(inc32(Int32Array.of(1, 2, 3, -1)))).toEqual([1, 2, 3, 0]);
    expect(Array.from(inc32(Int32Array.of(-1, -1, -1, 0x7fffffff)))).toEqual([
      -1, -1, -1, -0x80000000,
    ]);
  });
});

// Equivalent mutants in src/cipher/gctr.ts (mutation testing, group gcm; no functional test can
// kill them; the reasoning, not a run). Both change only how much work is done, never a byte:
//   - the cache refresh `if (i === 0 || (c3 & 255) === 0)` as `if (true)`: round 1's columns
//     1..3 and round 2's partial columns are recomputed for every block instead of once per run of
//     256 blocks; they depend only on the counter's upper bytes and the round keys, so the
//     recomputed values are the cached ones.
//   - the partial-block step `if (whole < n)` as `if (true)` or `whole <= n`: when the input is
//     whole blocks (whole = n), the step encrypts one more counter block, its loop writes no byte,
//     and ghashUpdate over the empty range [n, n) absorbs nothing.
