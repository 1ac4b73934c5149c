/**
 * SHA-384 and SHA-512 (src/hash/sha512.ts and sha512-compress.ts, the fast path on 32-bit
 * halves, and src/hash/sha512-reference.ts, the plain BigInt one).
 * Sources: NIST CAVP SHAVS ShortMsg, LongMsg and Monte for SHA-384 and SHA-512
 * (vectors/nist/sha2/, from Debian's python3-cryptography-vectors), FIPS 180-4 §4.2.3,
 * §5.3.4 and §5.3.5 for the constants, FIPS 180-2 Appendix C/D ("abc" and the 896-bit
 * message), and node:crypto as the property-test oracle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { HashFunction } from '../../src/hash/hash';
import { sha384, sha512 } from '../../src/hash/sha512';
import { hmac } from '../../src/mac/hmac';
import { sha384Reference, sha512Reference } from '../../src/hash/sha512-reference';
import { H0_384, H0_512, K } from '../../src/hash/sha512-constants';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { loadCavp } from '../support/cavp';
import { reentrantBytes } from '../support/reentrant';
import { BEGIN, END, sha512Schedule } from './sha512-schedule';

const NIST = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'sha2');

/** The records of a SHAVS file, as "Name = value" fields. */
function readRsp(file: string): Record<string, string>[] {
  return loadCavp(path.join(NIST, file)).flatMap((section) =>
    section.records.map((record) => record.fields),
  );
}

/** ⌊x^(1/k)⌋ for bigint x, by Newton's method. */
function integerRoot(x: bigint, k: bigint): bigint {
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / Number(k)));
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

const PRIMES: number[] = [];
for (let n = 2; PRIMES.length < 80; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);
const MASK64 = (1n << 64n) - 1n;

describe('SHA-384/512 constants (FIPS 180-4)', () => {
  it('K: first 64 bits of the fractional parts of the cube roots of the first 80 primes (§4.2.3)', () => {
    expect([...K]).toEqual(PRIMES.map((p) => integerRoot(BigInt(p) << 192n, 3n) & MASK64));
  });
  it('SHA-512 H(0): square roots of the first 8 primes (§5.3.5)', () => {
    expect([...H0_512]).toEqual(
      PRIMES.slice(0, 8).map((p) => integerRoot(BigInt(p) << 128n, 2n) & MASK64),
    );
  });
  it('SHA-384 H(0): square roots of the 9th through 16th primes (§5.3.4)', () => {
    expect([...H0_384]).toEqual(
      PRIMES.slice(8, 16).map((p) => integerRoot(BigInt(p) << 128n, 2n) & MASK64),
    );
  });
});

const VARIANTS: {
  name: string;
  bits: number;
  fast: HashFunction;
  reference: (m: Uint8Array) => Uint8Array;
  node: string;
}[] = [
  { name: 'SHA-384', bits: 384, fast: sha384, reference: sha384Reference, node: 'sha384' },
  { name: 'SHA-512', bits: 512, fast: sha512, reference: sha512Reference, node: 'sha512' },
];

describe('SHA-512 fast path: the generated message schedule', () => {
  // Eight steps of FIPS 180-4 §6.4.2 step 1 in src/hash/sha512-compress.ts are
  // test/hash/sha512-schedule.ts's output; UPDATE_GENERATED=1 rewrites them.
  it("src/hash/sha512-compress.ts holds exactly the generator's schedule between its markers", () => {
    const file = path.resolve(__dirname, '..', '..', 'src', 'hash', 'sha512-compress.ts');
    const source = fs.readFileSync(file, 'utf8');
    const begin = source.indexOf(`${BEGIN}\n`);
    const end = source.indexOf(END);
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    const expected = `${BEGIN}\n${sha512Schedule()}\n`;
    if (process.env.UPDATE_GENERATED === '1') {
      fs.writeFileSync(file, source.slice(0, begin) + expected + source.slice(end));
    } else {
      expect(source.slice(begin, end)).toBe(expected);
    }
  });
});

describe.each(VARIANTS)('$name NIST CAVP SHAVS', ({ bits, fast, reference }) => {
  it(`SHA${bits}ShortMsg.rsp: all 129 messages, fast path and reference`, () => {
    const records = readRsp(`SHA${bits}ShortMsg.rsp`);
    expect(records).toHaveLength(129);
    for (const { Len, Msg, MD } of records) {
      const msg = Len === '0' ? new Uint8Array(0) : hexToBytes(Msg);
      expect(msg.length * 8).toBe(Number(Len));
      expect(bytesToHex(fast(msg))).toBe(MD);
      expect(bytesToHex(reference(msg))).toBe(MD);
    }
  });

  it(`SHA${bits}LongMsg.rsp: all 128 messages, fast path (streamed in odd pieces too) and reference`, () => {
    const records = readRsp(`SHA${bits}LongMsg.rsp.gz`);
    expect(records).toHaveLength(128);
    for (const [i, { Len, Msg, MD }] of records.entries()) {
      const msg = hexToBytes(Msg);
      expect(msg.length * 8).toBe(Number(Len));
      expect(bytesToHex(fast(msg))).toBe(MD);
      const h = fast.create();
      for (let at = 0; at < msg.length; at += 77 + i) h.update(msg.subarray(at, at + 77 + i));
      expect(bytesToHex(h.digest())).toBe(MD);
      if (i % 8 === 0) expect(bytesToHex(reference(msg))).toBe(MD); // BigInt: every 8th keeps the run short
    }
  });

  it(`SHA${bits}Monte.rsp: the Monte Carlo test, all 100 checkpoints (SHAVS §6.4)`, () => {
    const records = readRsp(`SHA${bits}Monte.rsp`);
    const seed = records.find((r) => 'Seed' in r)!.Seed;
    const checkpoints = records.filter((r) => 'COUNT' in r);
    expect(checkpoints).toHaveLength(100);
    const L = bits / 8;
    let Seed = hexToBytes(seed);
    expect(Seed).toHaveLength(L);
    for (let j = 0; j < 100; j++) {
      // MD0 = MD1 = MD2 = Seed; for i = 3 … 1002: Mi = MD(i−3) ‖ MD(i−2) ‖ MD(i−1), MDi = SHA(Mi)
      const MD: Uint8Array[] = [Seed, Seed, Seed];
      const M = new Uint8Array(3 * L);
      for (let i = 3; i < 1003; i++) {
        M.set(MD[i - 3], 0);
        M.set(MD[i - 2], L);
        M.set(MD[i - 1], 2 * L);
        MD[i] = fast(M);
      }
      Seed = MD[1002];
      expect({ COUNT: j, MD: bytesToHex(Seed) }).toEqual({
        COUNT: Number(checkpoints[j].COUNT),
        MD: checkpoints[j].MD,
      });
    }
  });
});

describe('SHA-384/512 known answers (FIPS 180-2 Appendix C and D)', () => {
  const two = utf8ToBytes(
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
  );
  it('SHA-512 of "abc" and of the 896-bit message, one-shot and byte by byte', () => {
    expect(bytesToHex(sha512(utf8ToBytes('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    const h = sha512.create();
    for (const byte of two) h.update(Uint8Array.of(byte));
    expect(bytesToHex(h.digest())).toBe(
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    );
  });
  it('SHA-384 of "abc" and of the 896-bit message', () => {
    expect(bytesToHex(sha384(utf8ToBytes('abc')))).toBe(
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    );
    expect(bytesToHex(sha384(two))).toBe(
      '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039',
    );
  });
  it('describes itself for hmac() and hkdf(): block 128 bytes, output 64 or 48', () => {
    expect([sha512.blockLength, sha512.outputLength, sha512.algorithm]).toEqual([
      128,
      64,
      'SHA-512',
    ]);
    expect([sha384.blockLength, sha384.outputLength, sha384.algorithm]).toEqual([
      128,
      48,
      'SHA-384',
    ]);
  });
});

describe.each(VARIANTS)('$name properties against node:crypto (fast-check)', (variant) => {
  const { fast, reference } = variant;
  const nodeHash = (data: Uint8Array): string =>
    createHash(variant.node).update(data).digest('hex');

  it('random lengths 0–400 (past three 128-byte blocks): fast path = reference = node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400, size: 'max' }), (msg) => {
        const expected = nodeHash(msg);
        return bytesToHex(fast(msg)) === expected && bytesToHex(reference(msg)) === expected;
      }),
      { numRuns: 1000 },
    );
  });

  it('random lengths 0–1600 at random offsets in a larger buffer (the DataView path from 512 bytes of whole blocks): fast path = reference = node:crypto', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 1600, size: 'max' }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        (bytes, before, after) => {
          const backing = new Uint8Array(before + bytes.length + after).fill(0xa5);
          backing.set(bytes, before);
          const msg = backing.subarray(before, before + bytes.length);
          const expected = nodeHash(bytes);
          return bytesToHex(fast(msg)) === expected && bytesToHex(reference(msg)) === expected;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random chunkings of streaming updates give the one-shot digest, across 128-byte block boundaries', () => {
    let crossings = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 700, size: 'max' }),
        fc.array(fc.nat(300), { maxLength: 12, size: 'max' }),
        (msg, cuts) => {
          const h = fast.create();
          let offset = 0;
          for (const cut of cuts) {
            const end = Math.min(msg.length, offset + cut);
            if (end > offset && Math.floor(offset / 128) !== Math.floor((end - 1) / 128)) {
              crossings++;
            }
            h.update(msg.subarray(offset, end));
            offset = end;
          }
          h.update(msg.subarray(offset));
          return bytesToHex(h.digest()) === nodeHash(msg);
        },
      ),
      { numRuns: 1000 },
    );
    expect(crossings).toBeGreaterThan(1000);
  });

  it('digestWith(data) is clone().update(data).digest() and leaves the state usable', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        fc.uint8Array({ maxLength: 400, size: 'max' }),
        fc.uint8Array({ maxLength: 100, size: 'max' }),
        (prefix, data, more) => {
          const h = fast.create().update(prefix);
          const expected = nodeHash(Buffer.concat([prefix, data]));
          return (
            bytesToHex(h.digestWith(data)) === expected &&
            bytesToHex(h.digestWith(data)) === expected &&
            bytesToHex(h.update(more).digest()) === nodeHash(Buffer.concat([prefix, more]))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('clone() forks the state: both copies finish correctly', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        (a, b, c) => {
          const h = fast.create().update(a);
          const fork = h.clone();
          const x = h.update(b).digest();
          const y = fork.update(c).digest();
          return (
            bytesToHex(x) === nodeHash(Buffer.concat([a, b])) &&
            bytesToHex(y) === nodeHash(Buffer.concat([a, c]))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('an input whose reads run a nested SHA-384, SHA-512 or HMAC leaves the outer and nested results right', () => {
    // A Proxy over a Uint8Array passes the instanceof check, and its get trap runs the caller's
    // code in the middle of a call. Here it runs a nested hash at the read of one random index
    // (short inputs and tails are copied into the scratch block byte by byte) and at each read
    // of .buffer (from 512 bytes of whole blocks, read through a DataView while the working
    // state is in use). SHA-384 and SHA-512 share the scratch, so each nests both. The outer
    // call must keep its scratch, and a nested call that ends must not free it.
    const forms = ['one-shot', 'update', 'digestWith'] as const;
    const nestedKinds = ['same', 'other', 'same streamed', 'hmac'] as const;
    const other = fast === sha512 ? sha384 : sha512;
    const nodeName = (hash: HashFunction) => (hash === sha512 ? 'sha512' : 'sha384');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 1400 }),
        fc.nat(),
        fc.constantFrom(...forms),
        fc.uint8Array({ maxLength: 260 }),
        fc.constantFrom(...nestedKinds),
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 200 }),
        (msg, at, form, prefix, nestedKind, inner, key) => {
          const nested: string[] = [];
          const nest = () => {
            if (nestedKind === 'same') nested.push(bytesToHex(fast(inner)));
            else if (nestedKind === 'other') nested.push(bytesToHex(other(inner)));
            else if (nestedKind === 'hmac') nested.push(bytesToHex(hmac(fast, key, inner)));
            else nested.push(bytesToHex(fast.create().update(inner).digest()));
          };
          const reentrant = reentrantBytes(msg, at % msg.length, nest);
          let outer: Uint8Array;
          if (form === 'one-shot') outer = fast(reentrant);
          else if (form === 'update')
            outer = fast.create().update(prefix).update(reentrant).digest();
          else outer = fast.create().update(prefix).digestWith(reentrant);
          const whole = form === 'one-shot' ? msg : Buffer.concat([prefix, msg]);
          expect(bytesToHex(outer)).toBe(nodeHash(whole));
          const expectedNested =
            nestedKind === 'hmac'
              ? createHmac(variant.node, key).update(inner).digest('hex')
              : createHash(nodeName(nestedKind === 'other' ? other : fast))
                  .update(inner)
                  .digest('hex');
          expect(nested.length).toBeGreaterThan(0);
          for (const digest of nested) expect(digest).toBe(expectedNested);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a few large inputs (64 KiB to 2 MiB + odd tails)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 65536, max: 2 * 1024 * 1024 + 127 }),
        fc.integer({ min: 0, max: 255 }),
        (length, fill) => {
          const msg = new Uint8Array(length).fill(fill);
          msg[length >> 1] ^= 0x5a;
          return bytesToHex(fast(msg)) === nodeHash(msg);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('SHA-384/512 bad input', () => {
  it.each([
    ['a string', 'abc'],
    ['an array', [1, 2, 3]],
    ['an ArrayBuffer', new ArrayBuffer(3)],
    ['undefined', undefined],
    ['null', null],
  ])('rejects %s with a TypeError naming the argument', (_label, junk) => {
    for (const f of [sha384, sha512]) {
      expect(() => f(junk as never)).toThrow(/data must be a Uint8Array/);
      expect(() => f.create().update(junk as never)).toThrow(TypeError);
    }
    expect(() => sha512Reference(junk as never)).toThrow(TypeError);
  });
  it('refuses to be used after digest()', () => {
    const h = sha512.create();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/sha512: update\(\) after digest/);
    expect(() => h.digest()).toThrow(/twice/);
    expect(() => h.clone()).toThrow(/after digest/);
  });
  it('never mutates its input', () => {
    const msg = new Uint8Array(300).map((_, i) => i);
    const copy = msg.slice();
    sha512(msg);
    sha384.create().update(msg).digest();
    expect(msg).toEqual(copy);
  });
});
