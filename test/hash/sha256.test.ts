/**
 * SHA-256 (src/hash/sha256.ts, the fast path, and src/hash/sha256-reference.ts, the plain one).
 * Sources: NIST CAVP SHAVS (vectors/nist/sha2/, from Debian's python3-cryptography-vectors),
 * FIPS 180-4 §4.2.2 / §5.3.3 for the constants, and node:crypto as the property-test oracle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { sha256 } from '../../src/hash/sha256';
import { hmac } from '../../src/mac/hmac';
import { sha256Reference } from '../../src/hash/sha256-reference';
import { H0, K } from '../../src/hash/sha256-constants';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { loadCavp } from '../support/cavp';
import { reentrantBytes } from '../support/reentrant';
import { BEGIN, END, sha256Rounds } from './sha256-rounds';

const NIST = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'sha2');

/** The records of a SHAVS file, as "Name = value" fields. */
function readRsp(file: string): Record<string, string>[] {
  return loadCavp(path.join(NIST, file)).flatMap((section) =>
    section.records.map((record) => record.fields),
  );
}

const nodeSha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

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
for (let n = 2; PRIMES.length < 64; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);

describe('SHA-256 constants (FIPS 180-4)', () => {
  it('K: first 32 bits of the fractional parts of the cube roots of the first 64 primes (§4.2.2)', () => {
    const expected = PRIMES.map((p) => Number(integerRoot(BigInt(p) << 96n, 3n) & 0xffffffffn));
    expect([...K]).toEqual(expected);
  });
  it('H(0): first 32 bits of the fractional parts of the square roots of the first 8 primes (§5.3.3)', () => {
    const expected = PRIMES.slice(0, 8).map((p) =>
      Number(integerRoot(BigInt(p) << 64n, 2n) & 0xffffffffn),
    );
    expect([...H0]).toEqual(expected);
  });
});

describe('SHA-256 fast path: the generated rounds', () => {
  // The 64 written-out rounds of src/hash/sha256-compress.ts are test/hash/sha256-rounds.ts's
  // output (FIPS 180-4 §6.2.2 with the roles renamed); UPDATE_GENERATED=1 rewrites them.
  it("src/hash/sha256-compress.ts holds exactly the generator's rounds between its markers", () => {
    const file = path.resolve(__dirname, '..', '..', 'src', 'hash', 'sha256-compress.ts');
    const source = fs.readFileSync(file, 'utf8');
    const begin = source.indexOf(`${BEGIN}\n`);
    const end = source.indexOf(END);
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    const expected = `${BEGIN}\n${sha256Rounds()}\n`;
    if (process.env.UPDATE_GENERATED === '1') {
      fs.writeFileSync(file, source.slice(0, begin) + expected + source.slice(end));
    } else {
      expect(source.slice(begin, end)).toBe(expected);
    }
  });
});

describe('SHA-256 NIST CAVP SHAVS', () => {
  const short = readRsp('SHA256ShortMsg.rsp');
  const long = readRsp('SHA256LongMsg.rsp.gz');

  it('SHA256ShortMsg.rsp: all 65 messages, fast path and reference', () => {
    expect(short).toHaveLength(65);
    for (const { Len, Msg, MD } of short) {
      const msg = Len === '0' ? new Uint8Array(0) : hexToBytes(Msg);
      expect(msg.length * 8).toBe(Number(Len));
      expect(bytesToHex(sha256(msg))).toBe(MD);
      expect(bytesToHex(sha256Reference(msg))).toBe(MD);
    }
  });

  it('SHA256LongMsg.rsp: all 64 messages, fast path and reference', () => {
    expect(long).toHaveLength(64);
    for (const { Len, Msg, MD } of long) {
      const msg = hexToBytes(Msg);
      expect(msg.length * 8).toBe(Number(Len));
      expect(bytesToHex(sha256(msg))).toBe(MD);
      expect(bytesToHex(sha256Reference(msg))).toBe(MD);
    }
  });

  it('SHA256Monte.rsp: the Monte Carlo test, all 100 checkpoints (SHAVS §6.4)', () => {
    const records = readRsp('SHA256Monte.rsp');
    const seed = records.find((r) => 'Seed' in r)!.Seed;
    const checkpoints = records.filter((r) => 'COUNT' in r);
    expect(checkpoints).toHaveLength(100);
    let Seed = hexToBytes(seed);
    for (let j = 0; j < 100; j++) {
      // MD0 = MD1 = MD2 = Seed; for i = 3 … 1002: Mi = MD(i−3) ‖ MD(i−2) ‖ MD(i−1), MDi = SHA(Mi)
      const MD: Uint8Array[] = [Seed, Seed, Seed];
      const M = new Uint8Array(96);
      for (let i = 3; i < 1003; i++) {
        M.set(MD[i - 3], 0);
        M.set(MD[i - 2], 32);
        M.set(MD[i - 1], 64);
        MD[i] = sha256(M);
      }
      Seed = MD[1002];
      expect({ COUNT: j, MD: bytesToHex(Seed) }).toEqual({
        COUNT: Number(checkpoints[j].COUNT),
        MD: checkpoints[j].MD,
      });
    }
  });
});

describe('SHA-256 known answers (FIPS 180-2 Appendix B examples)', () => {
  it('"abc" and the 448-bit message, in one shot and streamed', () => {
    expect(bytesToHex(sha256(utf8ToBytes('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const two = utf8ToBytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(bytesToHex(sha256(two))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    const h = sha256.create();
    for (const byte of two) h.update(Uint8Array.of(byte));
    expect(bytesToHex(h.digest())).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('SHA-256 properties against node:crypto (fast-check)', () => {
  it('random lengths 0–600 (up to nine blocks; short inputs through the scratch block, long ones read in place): fast path = reference = node:crypto', () => {
    let viewPath = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (msg) => {
        if (msg.length >= 256) viewPath++; // whole blocks read through a DataView on msg
        const expected = nodeSha256(msg);
        return (
          bytesToHex(sha256(msg)) === expected && bytesToHex(sha256Reference(msg)) === expected
        );
      }),
      { numRuns: 1000 },
    );
    expect(viewPath).toBeGreaterThan(300);
  });

  it('random chunkings of streaming updates give the one-shot digest, across 64-byte block boundaries', () => {
    let crossings = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.array(fc.nat(300), { maxLength: 12 }),
        (msg, cuts) => {
          const h = sha256.create();
          let offset = 0;
          for (const cut of cuts) {
            const end = Math.min(msg.length, offset + cut);
            if (end > offset && Math.floor(offset / 64) !== Math.floor((end - 1) / 64)) crossings++;
            h.update(msg.subarray(offset, end));
            offset = end;
          }
          h.update(msg.subarray(offset));
          return bytesToHex(h.digest()) === nodeSha256(msg);
        },
      ),
      { numRuns: 1000 },
    );
    expect(crossings).toBeGreaterThan(1000);
  });

  it('digestWith(data) is clone().update(data).digest() and leaves the state usable', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 400 }),
        fc.uint8Array({ maxLength: 100 }),
        (prefix, data, more) => {
          const h = sha256.create().update(prefix);
          const expected = nodeSha256(Buffer.concat([prefix, data]));
          return (
            bytesToHex(h.digestWith(data)) === expected &&
            bytesToHex(h.digestWith(data)) === expected &&
            bytesToHex(h.update(more).digest()) === nodeSha256(Buffer.concat([prefix, more]))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a partial block topped up to exactly 64 bytes is compressed (the buffer never holds a full block)', () => {
    // Mutation survivor: `buffered < 64` → `<= 64` kept a full buffer uncompressed. These
    // chunkings fill a partial buffer to exactly 64 bytes and then go on (or finish).
    const msg = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);
    const chunkings = [
      [1, 63],
      [1, 63, 1],
      [10, 54, 0, 64, 3],
      [63, 1, 64, 64],
      [32, 16, 16, 100],
      [5, 59, 5, 59, 5, 59],
    ];
    for (const cuts of chunkings) {
      const h = sha256.create();
      let offset = 0;
      for (const cut of cuts) {
        h.update(msg.subarray(offset, offset + cut));
        offset += cut;
      }
      expect(bytesToHex(h.digest())).toBe(nodeSha256(msg.subarray(0, offset)));
    }
  });

  it('a few large inputs (64 KiB to 3 MiB + odd tails)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 65536, max: 3 * 1024 * 1024 + 63 }),
        fc.integer({ min: 0, max: 255 }),
        (length, fill) => {
          const msg = new Uint8Array(length).fill(fill);
          msg[length >> 1] ^= 0x5a;
          return bytesToHex(sha256(msg)) === nodeSha256(msg);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('clone() forks the state: both copies finish correctly', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 150 }),
        (a, b, c) => {
          const h = sha256.create().update(a);
          const fork = h.clone();
          const x = h.update(b).digest();
          const y = fork.update(c).digest();
          return (
            bytesToHex(x) === nodeSha256(Buffer.concat([a, b])) &&
            bytesToHex(y) === nodeSha256(Buffer.concat([a, c]))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SHA-256 calls that begin inside another (node:crypto as the oracle, fast-check)', () => {
  it('an input whose reads run a nested SHA-256 or HMAC-SHA256 leaves the outer and nested results right', () => {
    // A Proxy over a Uint8Array passes the instanceof check, and its get trap runs the caller's
    // code in the middle of a call. Here it runs a nested hash at the read of one random index
    // (short inputs and tails are copied into the scratch block byte by byte) and at each read
    // of .buffer (long inputs are read through a DataView while the working state is in use).
    // The outer call must keep its scratch, and a nested call that ends must not free it.
    const forms = ['one-shot', 'update', 'digestWith'] as const;
    const nestedKinds = ['sha256', 'sha256 streamed', 'hmac-sha256'] as const;
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 700 }),
        fc.nat(),
        fc.constantFrom(...forms),
        fc.uint8Array({ maxLength: 130 }),
        fc.constantFrom(...nestedKinds),
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 100 }),
        (msg, at, form, prefix, nestedKind, inner, key) => {
          const nested: string[] = [];
          const nest = () => {
            if (nestedKind === 'sha256') nested.push(bytesToHex(sha256(inner)));
            else if (nestedKind === 'hmac-sha256')
              nested.push(bytesToHex(hmac(sha256, key, inner)));
            else nested.push(bytesToHex(sha256.create().update(inner).digest()));
          };
          const reentrant = reentrantBytes(msg, at % msg.length, nest);
          let outer: Uint8Array;
          if (form === 'one-shot') outer = sha256(reentrant);
          else if (form === 'update')
            outer = sha256.create().update(prefix).update(reentrant).digest();
          else outer = sha256.create().update(prefix).digestWith(reentrant);
          const whole = form === 'one-shot' ? msg : Buffer.concat([prefix, msg]);
          expect(bytesToHex(outer)).toBe(nodeSha256(whole));
          const expectedNested =
            nestedKind === 'hmac-sha256'
              ? createHmac('sha256', key).update(inner).digest('hex')
              : nodeSha256(inner);
          expect(nested.length).toBeGreaterThan(0);
          for (const digest of nested) expect(digest).toBe(expectedNested);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SHA-256 when the bit-length counter passes 2^32 (messages over 512 MiB)', () => {
  it('a 513 MiB + 17 B message streamed in 1 MiB chunks matches node:crypto', () => {
    const chunk = new Uint8Array(1 << 20).map((_, i) => (i * 31 + 7) & 0xff);
    const ours = sha256.create();
    const theirs = createHash('sha256');
    for (let i = 0; i < 513; i++) {
      ours.update(chunk);
      theirs.update(chunk);
    }
    const tail = chunk.subarray(0, 17);
    ours.update(tail);
    theirs.update(tail);
    expect(bytesToHex(ours.digest())).toBe(theirs.digest('hex'));
  });
});

describe('SHA-256 bad input', () => {
  it.each([
    ['a string', 'abc'],
    ['an array', [1, 2, 3]],
    ['an ArrayBuffer', new ArrayBuffer(3)],
    ['undefined', undefined],
    ['null', null],
    ['a number', 3],
  ])('rejects %s with a TypeError naming the argument', (_label, junk) => {
    expect(() => sha256(junk as never)).toThrow(TypeError);
    expect(() => sha256(junk as never)).toThrow(/data must be a Uint8Array/);
    expect(() => sha256.create().update(junk as never)).toThrow(TypeError);
  });
  it('refuses to be used after digest()', () => {
    const h = sha256.create();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => h.digest()).toThrow(/twice/);
  });
  it('never mutates its input', () => {
    const msg = new Uint8Array(200).map((_, i) => i);
    const copy = msg.slice();
    sha256(msg);
    sha256.create().update(msg).digest();
    expect(msg).toEqual(copy);
  });
});
