/**
 * Which GHASH table a GCM message is hashed with, observed: ghash.ts is instrumented (as
 * gcm-order.test.ts instruments GCTR), and each table built and each table used is recorded.
 * The two tables give the same bytes (gcm.test.ts checks both against node:crypto), so the
 * output alone cannot show which one ran; what src/cipher/gcm.ts documents is when each is
 * built: a one-shot call takes the 64 KiB 8-bit table from ONE_SHOT_8BIT_FROM = 4096 bytes of A
 * and C on, and a keyed GCM builds it once, when its messages have reached KEYED_8BIT_FROM bytes,
 * hashing the message that crosses the mark with it already (mutation testing, group gcm: the
 * thresholds and the switch). Vectors: zero-filled messages of the lengths at those bounds, made
 * here; their bytes are not what is tested.
 */
const built: number[] = [];
const used: number[] = [];
jest.mock('../../src/cipher/ghash', () => {
  const actual = jest.requireActual('../../src/cipher/ghash');
  return {
    ...actual,
    createGhashKey: (H: Int32Array, kind: 4 | 8) => {
      built.push(kind);
      return actual.createGhashKey(H, kind);
    },
    ghashUpdate: (key: { kind: 4 | 8 }, ...rest: unknown[]) => {
      used.push(key.kind);
      return actual.ghashUpdate(key, ...rest);
    },
  };
});

import { aesGcm, KEYED_8BIT_FROM } from '../../src/cipher/gcm';

const key = new Uint8Array(16).fill(5);
const nonce = new Uint8Array(12).fill(1);

function record(f: () => unknown): { built: number[]; used: number[] } {
  built.length = 0;
  used.length = 0;
  f();
  return { built: built.slice(), used: [...new Set(used)] };
}

describe('one-shot: the 8-bit table from 4096 bytes of A and C on', () => {
  it.each([
    [4095, 0, 4],
    [4096, 0, 8],
    [4000, 95, 4],
    [4000, 96, 8],
    [0, 4095, 4],
    [0, 4096, 8],
    [0, 0, 4],
  ])('plaintext %i bytes, AAD %i bytes → the %i-bit table', (pLength, aLength, kind) => {
    const aad = new Uint8Array(aLength);
    // A one-shot 4-bit table may be the shared one, filled in place (not built): only the 8-bit
    // table's building is checked, and which table hashed the message.
    const enc = record(() => aesGcm(key, nonce, aad).encrypt(new Uint8Array(pLength)));
    expect(enc.used).toEqual([kind]);
    expect(enc.built.includes(8)).toBe(kind === 8);
    const ciphertext = aesGcm(key, nonce, aad).encrypt(new Uint8Array(pLength));
    // Decryption counts the input as it comes: ciphertext and tag (16 bytes) with the AAD.
    const dec = record(() => aesGcm(key, nonce, aad).decrypt(ciphertext));
    const decKind = pLength + 16 + aLength >= 4096 ? 8 : 4;
    expect(dec.used).toEqual([decKind]);
    expect(dec.built.includes(8)).toBe(decKind === 8);
  });
});

describe('keyed: 4-bit until the messages reach KEYED_8BIT_FROM bytes, then 8-bit for good', () => {
  it('builds the 4-bit table at setup, the 8-bit one once, at the message that crosses the mark', () => {
    expect(KEYED_8BIT_FROM).toBe(16384);
    const setup = record(() => aesGcm.withKey(key));
    expect(setup.built).toEqual([4]);
    const gcm = aesGcm.withKey(key);
    // 16383 bytes in three messages (A and C counted together): still 4-bit.
    expect(record(() => gcm.encrypt(nonce, new Uint8Array(8000), new Uint8Array(10)))).toEqual({
      built: [],
      used: [4],
    });
    expect(record(() => gcm.encrypt(nonce, new Uint8Array(8000)))).toEqual({
      built: [],
      used: [4],
    });
    expect(record(() => gcm.encrypt(nonce, new Uint8Array(0), new Uint8Array(373)))).toEqual({
      built: [],
      used: [4],
    });
    // One more byte reaches 16384: this message is hashed with the 8-bit table already.
    expect(record(() => gcm.encrypt(nonce, new Uint8Array(1)))).toEqual({ built: [8], used: [8] });
    // From then on the 8-bit table, never built again, for short messages too.
    expect(record(() => gcm.encrypt(nonce, new Uint8Array(1)))).toEqual({ built: [], used: [8] });
    const sealed = gcm.encrypt(nonce, new Uint8Array(3));
    expect(record(() => gcm.decrypt(nonce, sealed))).toEqual({ built: [], used: [8] });
  });
  it('decryption counts toward the mark too (ciphertext, tag and AAD)', () => {
    const sender = aesGcm.withKey(key);
    const sealed = sender.encrypt(nonce, new Uint8Array(16384 - 16 - 1)); // 16383 bytes with the tag
    const receiver = aesGcm.withKey(key);
    expect(record(() => receiver.decrypt(nonce, sealed))).toEqual({ built: [], used: [4] });
    const small = sender.encrypt(nonce, new Uint8Array(0)); // the tag alone: 16 more bytes
    expect(record(() => receiver.decrypt(nonce, small))).toEqual({ built: [8], used: [8] });
  });
  it('decryption counts the AAD with the ciphertext and tag', () => {
    // 8000 + 16 bytes of ciphertext and tag with 8368 of AAD: 16384, the mark exactly.
    const aad = new Uint8Array(8368);
    const sealed = aesGcm.withKey(key).encrypt(nonce, new Uint8Array(8000), aad);
    const receiver = aesGcm.withKey(key);
    expect(record(() => receiver.decrypt(nonce, sealed, aad))).toEqual({ built: [8], used: [8] });
  });
  it('one message of exactly KEYED_8BIT_FROM bytes switches at once; one byte less does not', () => {
    const exact = aesGcm.withKey(key);
    expect(record(() => exact.encrypt(nonce, new Uint8Array(KEYED_8BIT_FROM)))).toEqual({
      built: [8],
      used: [8],
    });
    const under = aesGcm.withKey(key);
    expect(record(() => under.encrypt(nonce, new Uint8Array(KEYED_8BIT_FROM - 1)))).toEqual({
      built: [],
      used: [4],
    });
  });
});
