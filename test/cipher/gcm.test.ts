/**
 * src/cipher/gcm.ts (with gctr.ts, ghash.ts, aes.ts): fast-check against node:crypto
 * createCipheriv/createDecipheriv, tamper properties, the AEAD interface suite (after Go's
 * cryptotest/aead.go), junk-typed inputs and the SP 800-38D §5.2.1.1 limits.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import {
  aesGcm,
  assertGcmLimits,
  GCM_MAX_PLAINTEXT_BYTES,
  type GcmTagLength,
  KEYED_8BIT_FROM,
} from '../../src/cipher/gcm.js';
import { CryptoError } from '../../src/errors.js';

const b2h = (b: Uint8Array) => Buffer.from(b).toString('hex');
const TAGS: GcmTagLength[] = [16, 15, 14, 13, 12, 8, 4];

/** Lengths near block boundaries, plus some longer ones. */
const lengthArb = fc.oneof(
  fc.constantFrom(0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65),
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 100, max: 2200 }),
  // Crosses the one-shot switch to the 8-bit GHASH table (4096 bytes of A and C) and GCTR's
  // runs of 256 counter blocks (the cached first rounds are recomputed at each run's start).
  fc.integer({ min: 3900, max: 8300 }),
);
const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const inputArb = fc.record({
  key: fc.constantFrom(16, 24, 32).chain(bytesOf),
  nonce: fc.oneof(fc.constant(12), fc.integer({ min: 1, max: 64 })).chain(bytesOf),
  plaintext: lengthArb.chain(bytesOf),
  aad: lengthArb.chain(bytesOf),
  tagLength: fc.constantFrom(...TAGS),
});

function nodeSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  tagLength: number,
): Buffer {
  const c = crypto.createCipheriv(
    `aes-${key.length * 8}-gcm` as crypto.CipherGCMTypes,
    key,
    nonce,
    { authTagLength: tagLength },
  );
  c.setAAD(aad);
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
}

function nodeOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
  tagLength: number,
): Buffer {
  const d = crypto.createDecipheriv(
    `aes-${key.length * 8}-gcm` as crypto.CipherGCMTypes,
    key,
    nonce,
    { authTagLength: tagLength },
  );
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - tagLength));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - tagLength)), d.final()]);
}

function authFailure(fn: () => unknown): CryptoError | undefined {
  try {
    fn();
  } catch (e) {
    if (
      e instanceof CryptoError &&
      e.code === 'AUTH_FAILED' &&
      e.message === 'gcm: authentication failed'
    )
      return e;
    throw e;
  }
  return undefined;
}

describe('against node:crypto (fast-check)', () => {
  it('encrypt = node createCipheriv; node createDecipheriv and our decrypt both open it', () => {
    fc.assert(
      fc.property(inputArb, ({ key, nonce, plaintext, aad, tagLength }) => {
        const expected = nodeSeal(key, nonce, plaintext, aad, tagLength).toString('hex');
        const sealed = aesGcm(key, nonce, aad, { tagLength }).encrypt(plaintext);
        expect(b2h(sealed)).toBe(expected);
        expect(b2h(aesGcm.withKey(key, { tagLength }).encrypt(nonce, plaintext, aad))).toBe(
          expected,
        );
        expect(b2h(nodeOpen(key, nonce, sealed, aad, tagLength))).toBe(b2h(plaintext));
        expect(b2h(aesGcm(key, nonce, aad, { tagLength }).decrypt(sealed))).toBe(b2h(plaintext));
        expect(b2h(aesGcm.withKey(key, { tagLength }).decrypt(nonce, sealed, aad))).toBe(
          b2h(plaintext),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('one-shot objects share one working state per call (the schedule and table are not kept)', () => {
  it('two one-shot objects of different key lengths, called alternately, each match node:crypto (fast-check)', () => {
    fc.assert(
      fc.property(inputArb, inputArb, (a, b) => {
        const first = aesGcm(a.key, a.nonce, a.aad, { tagLength: a.tagLength });
        const second = aesGcm(b.key, b.nonce, b.aad, { tagLength: b.tagLength });
        const sealedB = second.encrypt(b.plaintext); // between first's creation and its calls
        const sealedA = first.encrypt(a.plaintext);
        expect(b2h(sealedA)).toBe(b2h(nodeSeal(a.key, a.nonce, a.plaintext, a.aad, a.tagLength)));
        expect(b2h(sealedB)).toBe(b2h(nodeSeal(b.key, b.nonce, b.plaintext, b.aad, b.tagLength)));
        expect(b2h(second.decrypt(sealedB))).toBe(b2h(b.plaintext));
        expect(b2h(first.decrypt(sealedA))).toBe(b2h(a.plaintext));
      }),
      { numRuns: 1000 },
    );
  });
  it('calls that begin inside another (an input whose reads run code) leave the outer one intact (fast-check)', () => {
    // A Proxy over a Uint8Array passes the instanceof check, and its get trap runs the caller's
    // code in the middle of a call. Here it starts another one-shot encryption at the first
    // read (before the outer call has its tables) and at each read of .buffer (GCTR's and
    // GHASH's, once the outer call's round keys and table are in use): the outer call must
    // keep its state, and a nested call that ends must not free the state the outer one holds.
    fc.assert(
      fc.property(inputArb, inputArb, fc.boolean(), (outer, inner, decryptOuter) => {
        const nested: Uint8Array[] = [];
        const nest = () =>
          nested.push(
            aesGcm(inner.key, inner.nonce, inner.aad, { tagLength: inner.tagLength }).encrypt(
              inner.plaintext,
            ),
          );
        let reads = 0;
        const reentrant = (bytes: Uint8Array): Uint8Array =>
          new Proxy(bytes, {
            get(target, property) {
              if (reads++ === 0 || property === 'buffer') nest();
              const value = Reflect.get(target, property, target);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
        const expectedOuter = nodeSeal(
          outer.key,
          outer.nonce,
          outer.plaintext,
          outer.aad,
          outer.tagLength,
        );
        const cipher = aesGcm(outer.key, outer.nonce, outer.aad, { tagLength: outer.tagLength });
        if (decryptOuter)
          expect(b2h(cipher.decrypt(reentrant(expectedOuter)))).toBe(b2h(outer.plaintext));
        else expect(b2h(cipher.encrypt(reentrant(outer.plaintext)))).toBe(b2h(expectedOuter));
        const expectedInner = b2h(
          nodeSeal(inner.key, inner.nonce, inner.plaintext, inner.aad, inner.tagLength),
        );
        expect(nested.length).toBeGreaterThan(0);
        for (const sealed of nested) expect(b2h(sealed)).toBe(expectedInner);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the keyed form across its switch from the 4-bit to the 8-bit GHASH table', () => {
  // A keyed GCM hashes with Shoup's 4-bit table until its messages reach KEYED_8BIT_FROM bytes
  // (A and C), then with the 8-bit table. Each run sends messages on one key until past the
  // mark (the crossing lands anywhere in a message, or exactly on its end) and a few more;
  // every record must equal node:crypto's, and a second keyed instance (switching on its own
  // count) must open each one.
  const messageArb = fc.record({
    nonce: bytesOf(12),
    plaintext: fc.integer({ min: 0, max: 3000 }).chain(bytesOf),
    aad: fc.integer({ min: 0, max: 40 }).chain(bytesOf),
  });
  it('every record equals node:crypto before, across and after the switch (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32).chain(bytesOf),
        fc.constantFrom<GcmTagLength>(16, 12),
        fc.array(messageArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 48 }),
        fc.array(messageArb, { minLength: 1, maxLength: 3 }),
        (key, tagLength, before, overshoot, after) => {
          const total = before.reduce((n, m) => n + m.plaintext.length + m.aad.length, 0);
          const filler =
            total < KEYED_8BIT_FROM
              ? [
                  {
                    nonce: new Uint8Array(12).fill(0xfe),
                    plaintext: new Uint8Array(KEYED_8BIT_FROM - total + overshoot).fill(7),
                    aad: new Uint8Array(0),
                  },
                ]
              : [];
          const sender = aesGcm.withKey(key, { tagLength });
          const receiver = aesGcm.withKey(key, { tagLength });
          for (const { nonce, plaintext, aad } of [...before, ...filler, ...after]) {
            const sealed = sender.encrypt(nonce, plaintext, aad);
            expect(b2h(sealed)).toBe(
              nodeSeal(key, nonce, plaintext, aad, tagLength).toString('hex'),
            );
            expect(b2h(receiver.decrypt(nonce, sealed, aad))).toBe(b2h(plaintext));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('a forged record is refused before and after the switch, and the key keeps working', () => {
    const key = new Uint8Array(16).fill(3);
    const nonce = new Uint8Array(12);
    const gcm = aesGcm.withKey(key);
    for (const length of [16, KEYED_8BIT_FROM, 100]) {
      const sealed = gcm.encrypt(nonce, new Uint8Array(length));
      const forged = sealed.slice();
      forged[0] ^= 1;
      expect(authFailure(() => gcm.decrypt(nonce, forged))).toBeInstanceOf(CryptoError);
      expect(gcm.decrypt(nonce, sealed)).toEqual(new Uint8Array(length));
    }
  });
});

describe('tamper properties (fast-check)', () => {
  const flip = (bytes: Uint8Array, bit: number) => {
    const copy = bytes.slice();
    copy[(bit >>> 3) % copy.length] ^= 1 << (bit & 7);
    return copy;
  };
  it('one flipped bit in ciphertext, tag, AAD or nonce → AUTH_FAILED, and no plaintext', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.nat(),
        fc.constantFrom('ciphertext', 'tag', 'aad', 'nonce'),
        ({ key, nonce, plaintext, aad, tagLength }, bit, where) => {
          const sealed = aesGcm(key, nonce, aad, { tagLength }).encrypt(plaintext);
          let [n, s, a] = [nonce, sealed, aad];
          if (where === 'ciphertext') {
            if (plaintext.length === 0) return;
            s = sealed.slice();
            s[bit % plaintext.length] ^= 1 << (bit & 7);
          } else if (where === 'tag') {
            s = sealed.slice();
            s[plaintext.length + (bit % tagLength)] ^= 1 << (bit & 7);
          } else if (where === 'aad') {
            if (aad.length === 0) return;
            a = flip(aad, bit);
          } else {
            n = flip(nonce, bit);
          }
          let out: Uint8Array | undefined;
          expect(
            authFailure(() => (out = aesGcm(key, n, a, { tagLength }).decrypt(s))),
          ).toBeDefined();
          expect(
            authFailure(() => (out = aesGcm.withKey(key, { tagLength }).decrypt(n, s, a))),
          ).toBeDefined();
          expect(out).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('AEAD interface', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i);
  const nonce = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
  it('round-trips at boundary lengths with every tag length, one-shot and keyed giving the same bytes', () => {
    for (const tagLength of TAGS) {
      const keyed = aesGcm.withKey(key, { tagLength });
      expect(keyed.tagLength).toBe(tagLength);
      for (const n of [
        0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 257, 2047, 2048, 2049, 4095, 4096, 4097,
      ]) {
        const plaintext = Uint8Array.from({ length: n }, (_, i) => i * 7);
        const aad = Uint8Array.from({ length: n % 37 }, (_, i) => i);
        const sealed = aesGcm(key, nonce, aad, { tagLength }).encrypt(plaintext);
        expect(sealed.length).toBe(n + tagLength);
        expect(b2h(keyed.encrypt(nonce, plaintext, aad))).toBe(b2h(sealed));
        expect(b2h(keyed.decrypt(nonce, sealed, aad))).toBe(b2h(plaintext));
        expect(b2h(aesGcm(key, nonce, aad, { tagLength }).decrypt(sealed))).toBe(b2h(plaintext));
      }
    }
  });
  it('one-shot on either side of the 4 KiB GHASH table threshold (A + C bytes) matches node:crypto', () => {
    // Below 4096 bytes of A + C the one-shot form uses the 4-bit table, from 4096 on the 8-bit one.
    for (const total of [4080, 4095, 4096, 4097, 4112]) {
      for (const aadLength of [0, 1, 16, 100]) {
        const plaintext = Uint8Array.from({ length: total - aadLength }, (_, i) => i * 13);
        const aad = Uint8Array.from({ length: aadLength }, (_, i) => 255 - i);
        const expected = nodeSeal(key, nonce, plaintext, aad, 16).toString('hex');
        expect(b2h(aesGcm(key, nonce, aad).encrypt(plaintext))).toBe(expected);
        expect(b2h(aesGcm(key, nonce, aad).decrypt(Buffer.from(expected, 'hex')))).toBe(
          b2h(plaintext),
        );
      }
    }
  });
  it('a one-shot object encrypts once: a second encrypt (nonce reuse) throws NONCE_REUSE; decrypt may repeat', () => {
    const key = new Uint8Array(32).fill(1);
    const nonce = new Uint8Array(12).fill(2);
    const cipher = aesGcm(key, nonce);
    const sealed = cipher.encrypt(new Uint8Array([1, 2, 3]));
    expect(() => cipher.encrypt(new Uint8Array([4, 5, 6]))).toThrow(
      expect.objectContaining({ name: 'CryptoError', code: 'NONCE_REUSE' }),
    );
    expect(cipher.decrypt(sealed)).toEqual(new Uint8Array([1, 2, 3]));
    expect(cipher.decrypt(sealed)).toEqual(new Uint8Array([1, 2, 3]));
  });
  it('the NONCE_REUSE guard is per object only, as docs/aes-gcm.md says: a second object with the same nonce is not caught', () => {
    const key = new Uint8Array(32).fill(1);
    const nonce = new Uint8Array(12).fill(2);
    const first = aesGcm(key, nonce).encrypt(new Uint8Array([1, 2, 3]));
    const second = aesGcm(key, nonce).encrypt(new Uint8Array([4, 5, 6])); // nonce reuse, not detected
    expect(second.length).toBe(first.length);
  });

  it('empty plaintext and empty AAD work (the tag alone authenticates)', () => {
    const sealed = aesGcm(key, nonce).encrypt(new Uint8Array(0));
    expect(sealed.length).toBe(16);
    expect(b2h(sealed)).toBe(
      nodeSeal(key, nonce, new Uint8Array(0), new Uint8Array(0), 16).toString('hex'),
    );
    expect(aesGcm(key, nonce, new Uint8Array(0)).decrypt(sealed).length).toBe(0);
    expect(aesGcm.withKey(key).decrypt(nonce, sealed).length).toBe(0);
    expect(b2h(aesGcm.withKey(key).encrypt(nonce, new Uint8Array(0), new Uint8Array(0)))).toBe(
      b2h(sealed),
    );
  });
  it('inputs are never modified, outputs are fresh arrays', () => {
    const k = key.slice();
    const n = nonce.slice();
    const p = Uint8Array.from({ length: 100 }, (_, i) => i);
    const a = Uint8Array.from({ length: 20 }, (_, i) => 255 - i);
    const snapshot = () => [k, n, p, a].map(b2h).join('|');
    const before = snapshot();
    const one = aesGcm(k, n, a);
    const s1 = one.encrypt(p);
    const s2 = aesGcm(k, n, a).encrypt(p);
    expect(s1).not.toBe(s2);
    expect(s1.buffer).not.toBe(p.buffer);
    const sealedCopy = b2h(s1);
    const d1 = one.decrypt(s1);
    const keyed = aesGcm.withKey(k);
    const s3 = keyed.encrypt(n, p, a);
    const d2 = keyed.decrypt(n, s3, a);
    expect(d1).not.toBe(p);
    expect(d1).not.toBe(d2);
    expect(snapshot()).toBe(before);
    expect(b2h(s1)).toBe(sealedCopy);
    // Changing the caller's arrays afterwards does not change the one-shot object or the keyed key.
    k.fill(1);
    n.fill(2);
    a.fill(3);
    expect(b2h(one.decrypt(s1))).toBe(b2h(p));
    expect(
      b2h(
        keyed.encrypt(
          nonce,
          p,
          Uint8Array.from({ length: 20 }, (_, i) => 255 - i),
        ),
      ),
    ).toBe(sealedCopy);
  });
  it('wrong key, wrong nonce, wrong AAD, truncation and short input → the one opaque AUTH_FAILED', () => {
    const sealed = aesGcm(key, nonce, new Uint8Array([1])).encrypt(new Uint8Array(40));
    const otherKey = key.slice();
    otherKey[0] ^= 1;
    expect(
      authFailure(() => aesGcm(otherKey, nonce, new Uint8Array([1])).decrypt(sealed)),
    ).toBeDefined();
    expect(
      authFailure(() => aesGcm(key, nonce.subarray(1), new Uint8Array([1])).decrypt(sealed)),
    ).toBeDefined();
    expect(authFailure(() => aesGcm(key, nonce).decrypt(sealed))).toBeDefined();
    expect(
      authFailure(() =>
        aesGcm(key, nonce, new Uint8Array([1])).decrypt(sealed.subarray(0, sealed.length - 1)),
      ),
    ).toBeDefined();
    expect(
      authFailure(() => aesGcm(key, nonce, new Uint8Array([1]), { tagLength: 12 }).decrypt(sealed)),
    ).toBeDefined();
    for (const n of [0, 1, 15])
      expect(authFailure(() => aesGcm(key, nonce).decrypt(new Uint8Array(n)))).toBeDefined();
    expect(
      authFailure(() => aesGcm(key, nonce, undefined, { tagLength: 4 }).decrypt(new Uint8Array(3))),
    ).toBeDefined();
  });
});

describe('bad input', () => {
  const key = new Uint8Array(16);
  const nonce = new Uint8Array(12);
  const junk: unknown[] = [
    null,
    0,
    1n,
    'abc',
    [1, 2],
    new ArrayBuffer(16),
    new Uint16Array(8),
    new DataView(new ArrayBuffer(16)),
    {},
  ];
  it('junk-typed inputs to every public function throw TypeError', () => {
    const one = aesGcm(key, nonce);
    const keyed = aesGcm.withKey(key);
    for (const j of [undefined, ...junk]) {
      const x = j as Uint8Array;
      expect(() => aesGcm(x, nonce)).toThrow(TypeError);
      expect(() => aesGcm(key, x)).toThrow(TypeError);
      expect(() => aesGcm.withKey(x)).toThrow(TypeError);
      expect(() => one.encrypt(x)).toThrow(TypeError);
      expect(() => one.decrypt(x)).toThrow(TypeError);
      expect(() => keyed.encrypt(x, new Uint8Array(1))).toThrow(TypeError);
      expect(() => keyed.encrypt(nonce, x)).toThrow(TypeError);
      expect(() => keyed.decrypt(x, new Uint8Array(16))).toThrow(TypeError);
      expect(() => keyed.decrypt(nonce, x)).toThrow(TypeError);
    }
    for (const j of junk) {
      const x = j as Uint8Array;
      expect(() => aesGcm(key, nonce, x)).toThrow(TypeError);
      expect(() => keyed.encrypt(nonce, new Uint8Array(1), x)).toThrow(TypeError);
      expect(() => keyed.decrypt(nonce, new Uint8Array(16), x)).toThrow(TypeError);
    }
    for (const options of [null, 16, 'x', [16]]) {
      expect(() => aesGcm(key, nonce, undefined, options as object)).toThrow(TypeError);
      expect(() => aesGcm.withKey(key, options as object)).toThrow(TypeError);
    }
    for (const tagLength of ['16', 16.5, 16n, null]) {
      expect(() => aesGcm(key, nonce, undefined, { tagLength } as never)).toThrow(TypeError);
      expect(() => aesGcm.withKey(key, { tagLength } as never)).toThrow(TypeError);
    }
  });
  it('wrong lengths throw RangeError naming the argument', () => {
    for (const n of [0, 1, 15, 17, 20, 31, 33, 64]) {
      expect(() => aesGcm(new Uint8Array(n), nonce)).toThrow(/^key must be/);
      expect(() => aesGcm.withKey(new Uint8Array(n))).toThrow(RangeError);
    }
    expect(() => aesGcm(key, new Uint8Array(0))).toThrow(RangeError);
    expect(() => aesGcm(key, new Uint8Array(0))).toThrow(/^nonce must be at least 1 byte/);
    expect(() => aesGcm.withKey(key).encrypt(new Uint8Array(0), new Uint8Array(1))).toThrow(
      /nonce/,
    );
    expect(() => aesGcm.withKey(key).decrypt(new Uint8Array(0), new Uint8Array(16))).toThrow(
      RangeError,
    );
    for (const tagLength of [0, 1, 3, 5, 7, 9, 10, 11, 17, 32, 128, -16]) {
      expect(() => aesGcm(key, nonce, undefined, { tagLength } as never)).toThrow(RangeError);
      expect(() => aesGcm.withKey(key, { tagLength } as never)).toThrow(/tagLength/);
    }
  });
  it('limits of SP 800-38D §5.2.1.1 → CryptoError LIMIT_EXCEEDED', () => {
    expect(GCM_MAX_PLAINTEXT_BYTES * 8).toBe(2 ** 39 - 256);
    expect(() => assertGcmLimits(GCM_MAX_PLAINTEXT_BYTES, 0)).not.toThrow();
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as CryptoError).code;
      }
      return undefined;
    };
    expect(code(() => assertGcmLimits(GCM_MAX_PLAINTEXT_BYTES + 1, 0))).toBe('LIMIT_EXCEEDED');
    expect(code(() => assertGcmLimits(0, 2 ** 61))).toBe('LIMIT_EXCEEDED');
    expect(() => assertGcmLimits(0, 2 ** 60)).not.toThrow();
  });
});

// Mutation testing (stryker.module.config.mjs, group gcm): every refusal's exact message, and the
// length limits at their bounds. The checks above look at the error's class or code; these pin the
// message that names the argument or the limit. Vectors: the SP 800-38D §5.2.1.1 bounds
// (2^39 − 256 bits of P, 2^64 bits of A) and §5.2.1.2 tag lengths, with zero keys and nonces.
describe('refusal messages', () => {
  const key = new Uint8Array(16);
  const nonce = new Uint8Array(12);
  const thrown = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected a refusal');
  };
  it('the length limits name themselves, exactly at their bounds', () => {
    const pLimit = thrown(() => assertGcmLimits(GCM_MAX_PLAINTEXT_BYTES + 1, 0));
    expect([pLimit.constructor, (pLimit as CryptoError).code, pLimit.message]).toEqual([
      CryptoError,
      'LIMIT_EXCEEDED',
      'gcm: plaintext longer than 2^39 − 256 bits',
    ]);
    const aLimit = thrown(() => assertGcmLimits(0, 2 ** 61));
    expect([aLimit.constructor, (aLimit as CryptoError).code, aLimit.message]).toEqual([
      CryptoError,
      'LIMIT_EXCEEDED',
      'gcm: AAD of 2^64 bits or more',
    ]);
    expect(() => assertGcmLimits(GCM_MAX_PLAINTEXT_BYTES, 2 ** 61 - 256)).not.toThrow();
    expect(GCM_MAX_PLAINTEXT_BYTES).toBe(2 ** 36 - 32);
  });
  it('arguments by name', () => {
    expect(thrown(() => aesGcm(key, new Uint8Array(0))).message).toBe(
      'nonce must be at least 1 byte long, got 0',
    );
    expect(thrown(() => aesGcm.withKey(key).encrypt(new Uint8Array(0), key)).message).toBe(
      'nonce must be at least 1 byte long, got 0',
    );
    expect(thrown(() => aesGcm.withKey(key).decrypt(new Uint8Array(0), key)).message).toBe(
      'nonce must be at least 1 byte long, got 0',
    );
    expect(thrown(() => aesGcm(new Uint8Array(8), nonce)).message).toBe(
      'key must be one of 16, 24, 32 bytes long, got 8',
    );
    expect(thrown(() => aesGcm.withKey(new Uint8Array(8))).message).toBe(
      'key must be one of 16, 24, 32 bytes long, got 8',
    );
    expect(thrown(() => aesGcm(key, 'n' as never)).message).toBe(
      'nonce must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm(key, nonce, 'a' as never)).message).toBe(
      'aad must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm.withKey(key).encrypt(nonce, key, 'a' as never)).message).toBe(
      'aad must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm.withKey(key).decrypt(nonce, key, 'a' as never)).message).toBe(
      'aad must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm(key, nonce).encrypt('p' as never)).message).toBe(
      'plaintext must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm.withKey(key).encrypt(nonce, 'p' as never)).message).toBe(
      'plaintext must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm(key, nonce).decrypt('c' as never)).message).toBe(
      'ciphertextAndTag must be a Uint8Array, got string',
    );
    expect(thrown(() => aesGcm.withKey(key).decrypt(nonce, 'c' as never)).message).toBe(
      'ciphertextAndTag must be a Uint8Array, got string',
    );
  });
  it('options and tag lengths by name', () => {
    for (const [options, got] of [
      [null, 'null'],
      [16, 'number'],
      [[16], 'Array'],
    ] as const) {
      const one = thrown(() => aesGcm(key, nonce, undefined, options as never));
      const keyed = thrown(() => aesGcm.withKey(key, options as never));
      for (const e of [one, keyed]) {
        expect(e).toBeInstanceOf(TypeError);
        expect(e.message).toBe(`options must be an object, got ${got}`);
      }
    }
    expect(thrown(() => aesGcm(key, nonce, undefined, { tagLength: 9 } as never)).message).toBe(
      'tagLength must be one of 16, 15, 14, 13, 12, 8, 4 bytes, got 9',
    );
    expect(thrown(() => aesGcm.withKey(key, { tagLength: 17 } as never)).message).toBe(
      'tagLength must be in [4, 16], got 17',
    );
    expect(thrown(() => aesGcm.withKey(key, { tagLength: '16' } as never)).message).toBe(
      'tagLength must be an integer, got string',
    );
    // An options object without tagLength (or with it undefined) means 16.
    expect(aesGcm.withKey(key, {}).tagLength).toBe(16);
    expect(aesGcm.withKey(key, { tagLength: undefined }).tagLength).toBe(16);
    expect(aesGcm.withKey(key).tagLength).toBe(16);
    expect(aesGcm(key, nonce, undefined, {}).encrypt(key).length).toBe(32);
  });
  it('AUTH_FAILED and NONCE_REUSE by their messages', () => {
    const sealed = aesGcm(key, nonce).encrypt(new Uint8Array(3));
    const forged = sealed.slice();
    forged[0] ^= 1;
    for (const f of [
      () => aesGcm(key, nonce).decrypt(forged),
      () => aesGcm(key, nonce).decrypt(sealed.subarray(0, 15)),
      () => aesGcm.withKey(key).decrypt(nonce, forged),
      () => aesGcm.withKey(key).decrypt(nonce, new Uint8Array(0)),
    ]) {
      const e = thrown(f);
      expect([(e as CryptoError).code, e.message]).toEqual([
        'AUTH_FAILED',
        'gcm: authentication failed',
      ]);
    }
    const once = aesGcm(key, nonce);
    once.encrypt(new Uint8Array(1));
    const e = thrown(() => once.encrypt(new Uint8Array(1)));
    expect([(e as CryptoError).code, e.message]).toEqual([
      'NONCE_REUSE',
      'gcm: encrypt() was already called for this nonce; use a fresh nonce per message',
    ]);
  });
  it('a one-shot object whose first encrypt was refused has not used its nonce', () => {
    // encrypt marks the nonce used only once it has sealed; a refused call uses nothing.
    const one = aesGcm(key, nonce);
    expect(() => one.encrypt('x' as never)).toThrow(TypeError);
    expect(one.encrypt(new Uint8Array(2)).length).toBe(18);
  });
});

// Equivalent mutants in src/cipher/gcm.ts (mutation testing, group gcm; no test can kill them;
// the reasoning, not a run):
//   - finishTag's loop `j < tag.tagLength` as `<=`: the extra step writes out[at + tagLength],
//     one past the end of the typed array in both callers (seal's out is P ‖ T, open's expected is
//     T alone), and an out-of-range typed-array write does nothing.
//   - open's early refusal `input.length < tagLength` dropped (`false`): for a shorter input,
//     cLength is negative, GCTR is never reached, and the comparison of the tag with
//     input.subarray(cLength) (fewer than tagLength bytes) fails on the lengths: the same
//     AUTH_FAILED with the same message, and no plaintext. The early return only saves the work.
//
// Equivalent for the output, in the one-shot working state (src/cipher/gcm.ts): each changes how
// much is allocated or what is left in memory after a call, never a byte a caller sees.
//   - Taking fresh arrays instead of the shared state (`oneShotInUse` starting true, `if (true)`
//     in oneShotKey, an empty ONE_SHOT_W, a fresh 4-bit table for every call in ghashKeyFor, the
//     state never freed): every call then works in arrays of its own, as a nested call does.
//   - The wipes removed (wipeOneShot's and wipeOneShotTable's bodies, their `finally` blocks,
//     the `H !== keyed` guard as `false`): zeroing the round keys, H and the GHASH tables after a
//     call is memory hygiene, checked by review; JavaScript gives no way to observe it from a
//     test without exporting the module's state.
//   - ghashKeyFor's `key.H !== ONE_SHOT_H` as `===`: the call holding the shared state then takes a
//     fresh table and a nested call the shared one, which no other call is using.
//   - `aad === undefined ? NO_AAD : …` as `false ? …`: the empty AAD is copied instead of shared.
// The mutants that free the shared state while the outer call holds it, or that let a nested
// call fill the shared table, are killed by the test of calls that begin inside another.
