/**
 * src/cipher/gcm.ts against Wycheproof aes_gcm_test.json (C2SP/wycheproof testvectors_v1, at the
 * commit pinned in vectors/wycheproof.lock), every case, through the shared loader.
 *
 * Decisions: the file has no "acceptable" cases. Every valid case must encrypt to ct ‖ tag (one-shot
 * and keyed form) and decrypt back to msg. Every invalid case must be refused: ModifiedTag by
 * decrypt throwing CryptoError AUTH_FAILED; ZeroLengthIv by both forms throwing RangeError for the
 * nonce, because the API requires an IV of at least 1 byte (SP 800-38D §5.2.1.1). Nothing is skipped.
 */
import { aesGcm, type GcmTagLength } from '../../src/cipher/gcm.js';
import { CryptoError } from '../../src/errors.js';
import { hex, loadWycheproof, type FlagPolicy } from '../support/wycheproof.js';

const POLICY: FlagPolicy = {
  Ktv: 'known test vector: must match exactly',
  Pseudorandom: 'random sizes of key, IV, AAD and message: must match exactly',
  SpecialCase: 'special IV and tag values: must match exactly',
  CounterWrap: 'the 32-bit counter (inc32) wraps around: must match exactly',
  LongIv: 'IVs longer than 12 bytes go through GHASH for J0: supported, must match exactly',
  SmallIv: 'IVs shorter than 12 bytes (≥ 1 byte) are allowed by SP 800-38D: supported, must match exactly',
  ModifiedTag: 'invalid: decrypt must throw CryptoError AUTH_FAILED',
  ZeroLengthIv: 'invalid: a 0-byte IV is rejected with RangeError naming the nonce, in both forms',
};

interface GcmTest {
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
}
interface GcmGroup {
  tagSize: number;
}

const { cases } = loadWycheproof<GcmGroup, GcmTest>('aes_gcm_test.json', POLICY);
const b2h = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Wycheproof aes_gcm_test.json', () => {
  let valid = 0;
  let invalid = 0;
  const skipped = 0;
  for (const c of cases) {
    it(c.name, () => {
      const key = hex(c.test.key);
      const iv = hex(c.test.iv);
      const aad = hex(c.test.aad);
      const msg = hex(c.test.msg);
      const sealed = Buffer.concat([hex(c.test.ct), hex(c.test.tag)]);
      const tagLength = (c.group.tagSize / 8) as GcmTagLength;
      expect(c.result).not.toBe('acceptable');
      if (c.result === 'valid') {
        expect(b2h(aesGcm(key, iv, aad, { tagLength }).encrypt(msg))).toBe(b2h(sealed));
        expect(b2h(aesGcm.withKey(key, { tagLength }).encrypt(iv, msg, aad))).toBe(b2h(sealed));
        expect(b2h(aesGcm(key, iv, aad, { tagLength }).decrypt(sealed))).toBe(c.test.msg);
        expect(b2h(aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad))).toBe(c.test.msg);
        valid++;
      } else if (c.flags.includes('ZeroLengthIv')) {
        expect(() => aesGcm(key, iv, aad, { tagLength })).toThrow(RangeError);
        expect(() => aesGcm(key, iv, aad, { tagLength })).toThrow(/nonce/);
        expect(() => aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad)).toThrow(RangeError);
        expect(() => aesGcm.withKey(key, { tagLength }).encrypt(iv, msg, aad)).toThrow(RangeError);
        invalid++;
      } else {
        expect(c.flags).toContain('ModifiedTag');
        for (const decrypt of [() => aesGcm(key, iv, aad, { tagLength }).decrypt(sealed), () => aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad)]) {
          let error: unknown;
          try {
            decrypt();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(CryptoError);
          expect((error as CryptoError).code).toBe('AUTH_FAILED');
        }
        invalid++;
      }
    });
  }

  afterAll(() => {
    expect(skipped).toBe(0);
    // invalid: 81 ModifiedTag + 6 ZeroLengthIv
    expect({ valid, invalid }).toEqual({ valid: 229, invalid: 87 });
  });
});
