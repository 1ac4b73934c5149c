/**
 * HMAC-SHA256 (src/mac/hmac.ts). Sources: RFC 4231 §4.2–§4.8 (inline below), Wycheproof
 * hmac_sha256_test.json (through test/support/wycheproof.ts), node:crypto createHmac as the
 * property-test oracle. (Debian's python3-cryptography-vectors, where our NIST files come from,
 * ships no CAVP HMAC file — only the RFC vectors — so RFC 4231 and Wycheproof stand in for it.)
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Hmac, hmac, hmacWithKey } from '../../src/mac/hmac';
import { sha256 } from '../../src/hash/sha256';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { hex, loadWycheproof } from '../support/wycheproof';
import { hmacReference } from '../../src/mac/hmac-reference';
import { reentrantBytes } from '../support/reentrant';

const ascii = (s: string): Uint8Array => utf8ToBytes(s);

// RFC 4231 §4.2–§4.8, the HMAC-SHA-256 results. Test Case 5 (§4.6) truncates to 128 bits.
const RFC4231: { name: string; key: Uint8Array; data: Uint8Array; mac: string }[] = [
  {
    name: 'Test Case 1 (§4.2)',
    key: new Uint8Array(20).fill(0x0b),
    data: ascii('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'Test Case 2 (§4.3)',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'Test Case 3 (§4.4)',
    key: new Uint8Array(20).fill(0xaa),
    data: new Uint8Array(50).fill(0xdd),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'Test Case 4 (§4.5)',
    key: hexToBytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: new Uint8Array(50).fill(0xcd),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'Test Case 5 (§4.6), truncated to 128 bits',
    key: new Uint8Array(20).fill(0x0c),
    data: ascii('Test With Truncation'),
    mac: 'a3b6167473100ee06e0c796c2955552b',
  },
  {
    name: 'Test Case 6 (§4.7), 131-byte key hashed first',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'Test Case 7 (§4.8), large key and large data',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('HMAC-SHA256 RFC 4231', () => {
  it.each(RFC4231)('$name', ({ key, data, mac }) => {
    const tag = hmac(sha256, key, data).subarray(0, mac.length / 2);
    expect(bytesToHex(tag)).toBe(mac);
    expect(hmac.verify(sha256, key, data, hexToBytes(mac))).toBe(true);
  });
});

describe('HMAC-SHA256 Wycheproof hmac_sha256_test.json', () => {
  // Flag policy: every case runs; none is skipped.
  const { cases } = loadWycheproof<
    { keySize: number; tagSize: number },
    { key: string; msg: string; tag: string }
  >('hmac_sha256_test.json', {
    Pseudorandom: 'valid tags computed on random inputs: must verify',
    ModifiedTag: 'tags with flipped bits: must not verify',
  });
  let skipped = 0;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tag = hex(c.test.tag);
    expect(tag.length * 8).toBe(c.group.tagSize);
    const ok = hmac.verify(sha256, hex(c.test.key), hex(c.test.msg), tag);
    if (c.result === 'valid') {
      expect(ok).toBe(true);
      expect(
        bytesToHex(hmac(sha256, hex(c.test.key), hex(c.test.msg)).subarray(0, tag.length)),
      ).toBe(c.test.tag);
    } else if (c.result === 'invalid') expect(ok).toBe(false);
    else skipped++; // no 'acceptable' case exists in this file
  });
  it('runs all 174 cases and skips none', () => {
    expect(cases).toHaveLength(174);
    expect(skipped).toBe(0);
  });
});

describe('HMAC-SHA256 properties against node:crypto (fast-check)', () => {
  it('random key lengths 0–200 and messages 0–300: one-shot = streaming = node:crypto', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(300),
        (key, msg, cut) => {
          const expected = createHmac('sha256', key).update(msg).digest('hex');
          const at = Math.min(cut, msg.length);
          const streamed = hmac
            .create(sha256, key)
            .update(msg.subarray(0, at))
            .update(msg.subarray(at))
            .digest();
          return (
            bytesToHex(hmac(sha256, key, msg)) === expected && bytesToHex(streamed) === expected
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a keyed state cloned for several messages gives each message its own tag', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.uint8Array({ maxLength: 100 }), { minLength: 1, maxLength: 4 }),
        (key, messages) => {
          const keyed = hmac.create(sha256, key);
          return messages.every(
            (m) =>
              bytesToHex(keyed.clone().update(m).digest()) ===
              createHmac('sha256', key).update(m).digest('hex'),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('HMAC-SHA256 calls that begin inside another (node:crypto as the oracle, fast-check)', () => {
  it('a key or message whose reads run a nested HMAC-SHA256 leaves both tags right', () => {
    // test/support/reentrant.ts: the input's reads start a nested HMAC while the outer call
    // hashes it (a key longer than 64 bytes is hashed first; the message always is).
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.boolean(),
        fc.nat(),
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
        (key, msg, readsKey, at, innerKey, inner) => {
          const nested: string[] = [];
          const nest = () => nested.push(bytesToHex(hmac(sha256, innerKey, inner)));
          const tag = readsKey
            ? hmac(sha256, reentrantBytes(key, at % key.length, nest), msg)
            : hmac(sha256, key, reentrantBytes(msg, at % msg.length, nest));
          expect(bytesToHex(tag)).toBe(createHmac('sha256', key).update(msg).digest('hex'));
          const expectedNested = createHmac('sha256', innerKey).update(inner).digest('hex');
          expect(nested.length).toBeGreaterThan(0);
          for (const nestedTag of nested) expect(nestedTag).toBe(expectedNested);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('HMAC-SHA256 keyed states against the plain reference (FIPS 198-1 §4 by the formula)', () => {
  it('hmac(), hmacWithKey(), Hmac.keyed().digestWith() and streaming agree with hmacReference and node:crypto (1000 runs)', () => {
    // Keys up to 200 bytes (past B = 64: the hashed-key path) and messages up to 300 bytes
    // (several blocks after the keyed block), cut at a random point for the streaming form.
    let longKeys = 0;
    let multiBlock = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(300),
        (key, msg, cut) => {
          if (key.length > 64) longKeys++;
          if (msg.length > 128) multiBlock++;
          const expected = bytesToHex(hmacReference(sha256, key, msg));
          const keyed = Hmac.keyed(sha256, key);
          const at = Math.min(cut, msg.length);
          const streamed = hmac
            .create(sha256, key)
            .update(msg.subarray(0, at))
            .update(msg.subarray(at))
            .digest();
          return (
            expected === createHmac('sha256', key).update(msg).digest('hex') &&
            expected === bytesToHex(hmac(sha256, key, msg)) &&
            expected === bytesToHex(hmacWithKey(sha256, key)(msg)) &&
            expected === bytesToHex(keyed.digestWith(msg)) &&
            expected === bytesToHex(keyed.digestWith(msg)) && // the keyed state is unchanged
            expected ===
              bytesToHex(keyed.clone().update(msg.subarray(0, at)).digestWith(msg.subarray(at))) &&
            expected === bytesToHex(streamed)
          );
        },
      ),
      { numRuns: 1000 },
    );
    expect(longKeys).toBeGreaterThan(100);
    expect(multiBlock).toBeGreaterThan(100);
  });
});

describe('HMAC-SHA256 bad input', () => {
  const junk: [string, unknown][] = [
    ['a string', 'key'],
    ['an array', [1, 2]],
    ['undefined', undefined],
    ['null', null],
    ['an ArrayBuffer', new ArrayBuffer(4)],
  ];
  it.each(junk)('rejects %s as key or data with a TypeError', (_label, value) => {
    expect(() => hmac(sha256, value as never, new Uint8Array(1))).toThrow(
      /key must be a Uint8Array/,
    );
    expect(() => hmac(sha256, new Uint8Array(1), value as never)).toThrow(
      /data must be a Uint8Array/,
    );
    expect(() => hmac.create(sha256, value as never)).toThrow(TypeError);
  });
  it('rejects a hash that is not a hash function', () => {
    expect(() => hmac('sha256' as never, new Uint8Array(1), new Uint8Array(1))).toThrow(
      /hash must be a hash function/,
    );
    expect(() => hmac.create({} as never, new Uint8Array(1))).toThrow(TypeError);
  });
  it('refuses tags shorter than 128 bits or longer than the output', () => {
    expect(() =>
      hmac.verify(sha256, new Uint8Array(1), new Uint8Array(1), new Uint8Array(15)),
    ).toThrow(RangeError);
    expect(() =>
      hmac.verify(sha256, new Uint8Array(1), new Uint8Array(1), new Uint8Array(33)),
    ).toThrow(RangeError);
  });
  it('never mutates the key or the message', () => {
    const key = new Uint8Array(100).map((_, i) => i);
    const msg = new Uint8Array(70).map((_, i) => 255 - i);
    const [k, m] = [key.slice(), msg.slice()];
    hmac(sha256, key, msg);
    hmac(sha256, key.subarray(0, 10), msg);
    expect([key, msg]).toEqual([k, m]);
  });
});
