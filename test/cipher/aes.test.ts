/**
 * src/cipher/aes-reference.ts and src/cipher/aes.ts: FIPS 197 examples, the fast path against the
 * reference, and both against node:crypto (aes-*-ecb).
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import {
  aesDecryptBlockReference,
  aesEncryptBlockReference,
  gfMultiply,
  INV_SBOX,
  keyExpansion,
  SBOX,
  xtime,
} from '../../src/cipher/aes-reference.js';
import { aesTables, createAes, expandKey } from '../../src/cipher/aes.js';

const h = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const b2h = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('GF(2^8) and the S-box (FIPS 197 §4.2, §5.1.1)', () => {
  it('§4.2 examples: xtime and {57}·{83} = {c1}, {57}·{13} = {fe}', () => {
    expect(xtime(0x57)).toBe(0xae);
    expect(xtime(0xae)).toBe(0x47);
    expect(gfMultiply(0x57, 0x83)).toBe(0xc1);
    expect(gfMultiply(0x57, 0x13)).toBe(0xfe);
  });
  it('Table 4: SBOX[0x00] = 0x63, SBOX[0x53] = 0xed, SBOX[0xff] = 0x16; Table 6 inverts it', () => {
    expect([SBOX[0x00], SBOX[0x53], SBOX[0xff]]).toEqual([0x63, 0xed, 0x16]);
    for (let b = 0; b < 256; b++) expect(INV_SBOX[SBOX[b]]).toBe(b);
  });
});

describe("the fast path's tables (src/cipher/aes.ts, by logarithms) against the reference", () => {
  const { S, SI, T, U } = aesTables();
  const rotr8 = (w: number) => (w >>> 8) | (w << 24) | 0;
  it('S and SI equal the reference SBOX and INV_SBOX (FIPS 197 Tables 4 and 6), entry for entry', () => {
    expect([...S]).toEqual([...SBOX]);
    expect([...SI]).toEqual([...INV_SBOX]);
  });
  it('T0 = ({02}S, S, S, {03}S) and U0 = ({0e}, {09}, {0d}, {0b})·INV_SBOX by gfMultiply; T1..T3, U1..U3 rotated', () => {
    for (let b = 0; b < 256; b++) {
      const s = SBOX[b];
      const i = INV_SBOX[b];
      const t = (gfMultiply(2, s) << 24) | (s << 16) | (s << 8) | gfMultiply(3, s);
      const u =
        (gfMultiply(0x0e, i) << 24) |
        (gfMultiply(0x09, i) << 16) |
        (gfMultiply(0x0d, i) << 8) |
        gfMultiply(0x0b, i);
      let [tw, uw] = [t | 0, u | 0];
      for (let k = 0; k < 4; k++) {
        expect(T[k][b]).toBe(tw);
        expect(U[k][b]).toBe(uw);
        tw = rotr8(tw);
        uw = rotr8(uw);
      }
    }
  });
});

// FIPS 197 Appendix A (key expansion): the last word of each schedule.
const APPENDIX_A = [
  { name: 'A.1 AES-128', key: '2b7e151628aed2a6abf7158809cf4f3c', last: 'b6630ca6', count: 44 },
  {
    name: 'A.2 AES-192',
    key: '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b',
    last: '01002202',
    count: 52,
  },
  {
    name: 'A.3 AES-256',
    key: '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
    last: '706c631e',
    count: 60,
  },
];

describe('KeyExpansion (FIPS 197 Appendix A)', () => {
  for (const { name, key, last, count } of APPENDIX_A) {
    it(name, () => {
      const w = keyExpansion(h(key));
      expect(w.length).toBe(count);
      expect(b2h(Uint8Array.from(w[count - 1]))).toBe(last);
      const fast = expandKey(h(key));
      expect(fast.length).toBe(count);
      for (let i = 0; i < count; i++) expect(fast[i] >>> 0).toBe(Buffer.from(w[i]).readUInt32BE(0));
    });
  }
  it('A.1 w[4] = a0fafe17 (first derived word)', () => {
    expect(b2h(Uint8Array.from(keyExpansion(h(APPENDIX_A[0].key))[4]))).toBe('a0fafe17');
  });
});

// FIPS 197 Appendix C: plaintext 00112233445566778899aabbccddeeff under keys 000102…
const PLAINTEXT = '00112233445566778899aabbccddeeff';
const APPENDIX_C = [
  {
    name: 'C.1 AES-128',
    key: '000102030405060708090a0b0c0d0e0f',
    ct: '69c4e0d86a7b0430d8cdb78070b4c55a',
  },
  {
    name: 'C.2 AES-192',
    key: '000102030405060708090a0b0c0d0e0f1011121314151617',
    ct: 'dda97ca4864cdfe06eaf70a0ec0d7191',
  },
  {
    name: 'C.3 AES-256',
    key: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    ct: '8ea2b7ca516745bfeafc49904b496089',
  },
];

describe('FIPS 197 Appendix C', () => {
  for (const { name, key, ct } of APPENDIX_C) {
    it(`${name}: reference Cipher and InvCipher`, () => {
      expect(b2h(aesEncryptBlockReference(h(PLAINTEXT), h(key)))).toBe(ct);
      expect(b2h(aesDecryptBlockReference(h(ct), h(key)))).toBe(PLAINTEXT);
    });
    it(`${name}: fast path encryptBlock and decryptBlock`, () => {
      const aes = createAes(h(key));
      expect(aes.rounds).toBe(key.length / 8 + 6);
      expect(aes.keyLength).toBe(key.length / 2);
      expect(b2h(aes.encryptBlock(h(PLAINTEXT)))).toBe(ct);
      expect(b2h(aes.decryptBlock(h(ct)))).toBe(PLAINTEXT);
    });
  }
});

const keyArb = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.uint8Array({ minLength: 24, maxLength: 24 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const blockArb = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('fast path against the reference and node:crypto (fast-check)', () => {
  it('encryptBlock = reference Cipher = node aes-*-ecb; decryptBlock inverts both', () => {
    fc.assert(
      fc.property(keyArb, blockArb, (key, block) => {
        const aes = createAes(key);
        const ct = aes.encryptBlock(block);
        expect(b2h(ct)).toBe(b2h(aesEncryptBlockReference(block, key)));
        const node = crypto
          .createCipheriv(`aes-${key.length * 8}-ecb`, key, null)
          .setAutoPadding(false);
        expect(b2h(ct)).toBe(Buffer.concat([node.update(block), node.final()]).toString('hex'));
        expect(b2h(aes.decryptBlock(ct))).toBe(b2h(block));
        expect(b2h(aesDecryptBlockReference(ct, key))).toBe(b2h(block));
        expect(b2h(aes.decryptBlock(block))).toBe(b2h(aesDecryptBlockReference(block, key)));
      }),
      { numRuns: 1000 },
    );
  });
  it('never modifies its inputs and returns fresh arrays', () => {
    const key = h(APPENDIX_C[2].key);
    const block = h(PLAINTEXT);
    const aes = createAes(key);
    const a = aes.encryptBlock(block);
    const b = aes.encryptBlock(block);
    expect(a).not.toBe(b);
    expect(b2h(block)).toBe(PLAINTEXT);
    expect(b2h(key)).toBe(APPENDIX_C[2].key);
    key.fill(0); // the schedule is a copy
    expect(b2h(aes.encryptBlock(block))).toBe(APPENDIX_C[2].ct);
  });
});

describe('bad input', () => {
  const junk: unknown[] = [
    undefined,
    null,
    0,
    'abc',
    [1, 2, 3],
    new ArrayBuffer(16),
    new Uint16Array(8),
    {},
  ];
  it('wrong types throw TypeError', () => {
    const aes = createAes(new Uint8Array(16));
    for (const j of junk) {
      expect(() => createAes(j as Uint8Array)).toThrow(TypeError);
      expect(() => aes.encryptBlock(j as Uint8Array)).toThrow(TypeError);
      expect(() => aes.decryptBlock(j as Uint8Array)).toThrow(TypeError);
      expect(() => aesEncryptBlockReference(j as Uint8Array, new Uint8Array(16))).toThrow(
        TypeError,
      );
      expect(() => aesEncryptBlockReference(new Uint8Array(16), j as Uint8Array)).toThrow(
        TypeError,
      );
      expect(() => aesDecryptBlockReference(j as Uint8Array, new Uint8Array(16))).toThrow(
        TypeError,
      );
    }
  });
  it('wrong lengths throw RangeError naming the argument', () => {
    for (const n of [0, 8, 15, 17, 20, 31, 33, 64])
      expect(() => createAes(new Uint8Array(n))).toThrow(/key/);
    for (const n of [0, 8, 15, 17, 20, 31, 33, 64])
      expect(() => createAes(new Uint8Array(n))).toThrow(RangeError);
    const aes = createAes(new Uint8Array(32));
    for (const n of [0, 15, 17, 32]) {
      expect(() => aes.encryptBlock(new Uint8Array(n))).toThrow(RangeError);
      expect(() => aes.decryptBlock(new Uint8Array(n))).toThrow(/block/);
      expect(() => aesEncryptBlockReference(new Uint8Array(n), new Uint8Array(16))).toThrow(
        RangeError,
      );
    }
    expect(() => keyExpansion(new Uint8Array(20))).toThrow(RangeError);
  });
  it('the reference uses the shared assertBytes messages, naming the argument', () => {
    expect(() => keyExpansion(new Uint8Array(20))).toThrow(
      'key must be one of 16, 24, 32 bytes long, got 20',
    );
    expect(() => keyExpansion('00' as unknown as Uint8Array)).toThrow(
      'key must be a Uint8Array, got string',
    );
    expect(() => aesEncryptBlockReference(new Uint8Array(15), new Uint8Array(16))).toThrow(
      'block must be 16 bytes long, got 15',
    );
    expect(() => aesDecryptBlockReference([] as unknown as Uint8Array, new Uint8Array(16))).toThrow(
      'block must be a Uint8Array, got Array',
    );
    expect(() => aesDecryptBlockReference(new Uint8Array(16), new Uint8Array(8))).toThrow(
      /^key must be/,
    );
  });
});
