/**
 * src/cipher/gcm.ts against Wycheproof aes_gcm_test.json (C2SP/wycheproof testvectors_v1, at the
 * commit pinned in vectors/wycheproof.lock), every case, through the shared loader.
 *
 * Decisions: the file has no "acceptable" cases; one would be counted as skipped (not run), and the
 * skip count is asserted to be 0, so a new one fails the suite. Every valid case must encrypt to
 * ct ‖ tag (one-shot and keyed form) and decrypt back to msg. Every invalid case must be refused:
 * ModifiedTag by decrypt throwing CryptoError AUTH_FAILED; ZeroLengthIv by both forms throwing
 * RangeError for the nonce, because the API requires an IV of at least 1 byte (SP 800-38D §5.2.1.1).
 *
 * Counts: each case adds to its tally only after all its checks passed; the last test asserts
 * the tallies (valid, invalid by reason, skipped), so a case that fails, is skipped or goes
 * missing shows up there as well.
 */
import { aesGcm, type GcmTagLength } from '../../src/cipher/gcm.js';
import { hex, loadWycheproof, type FlagPolicy } from '../support/wycheproof.js';
import { expectCryptoError } from '../support/errors';

const POLICY: FlagPolicy = {
  Ktv: 'known test vector: must match exactly',
  Pseudorandom: 'random sizes of key, IV, AAD and message: must match exactly',
  SpecialCase: 'special IV and tag values: must match exactly',
  CounterWrap: 'the 32-bit counter (inc32) wraps around: must match exactly',
  LongIv: 'IVs longer than 12 bytes go through GHASH for J0: supported, must match exactly',
  SmallIv:
    'IVs shorter than 12 bytes (≥ 1 byte) are allowed by SP 800-38D: supported, must match exactly',
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
  const tally = { valid: 0, modifiedTag: 0, zeroLengthIv: 0, skipped: 0 };
  for (const c of cases) {
    it(c.name, () => {
      if (c.result === 'acceptable') {
        tally.skipped++; // none in this file: the final count test fails if one appears
        return;
      }
      const key = hex(c.test.key);
      const iv = hex(c.test.iv);
      const aad = hex(c.test.aad);
      const msg = hex(c.test.msg);
      const sealed = Buffer.concat([hex(c.test.ct), hex(c.test.tag)]);
      const tagLength = (c.group.tagSize / 8) as GcmTagLength;
      if (c.result === 'valid') {
        expect(b2h(aesGcm(key, iv, aad, { tagLength }).encrypt(msg))).toBe(b2h(sealed));
        expect(b2h(aesGcm.withKey(key, { tagLength }).encrypt(iv, msg, aad))).toBe(b2h(sealed));
        expect(b2h(aesGcm(key, iv, aad, { tagLength }).decrypt(sealed))).toBe(c.test.msg);
        expect(b2h(aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad))).toBe(c.test.msg);
        tally.valid++;
      } else if (c.flags.includes('ZeroLengthIv')) {
        expect(() => aesGcm(key, iv, aad, { tagLength })).toThrow(RangeError);
        expect(() => aesGcm(key, iv, aad, { tagLength })).toThrow(/nonce/);
        expect(() => aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad)).toThrow(
          RangeError,
        );
        expect(() => aesGcm.withKey(key, { tagLength }).encrypt(iv, msg, aad)).toThrow(RangeError);
        tally.zeroLengthIv++;
      } else {
        expect(c.flags).toContain('ModifiedTag');
        for (const decrypt of [
          () => aesGcm(key, iv, aad, { tagLength }).decrypt(sealed),
          () => aesGcm.withKey(key, { tagLength }).decrypt(iv, sealed, aad),
        ]) {
          expectCryptoError(decrypt, 'AUTH_FAILED');
        }
        tally.modifiedTag++;
      }
    });
  }

  // Runs after every case above (jest runs a file's tests in order). 316 cases in the file.
  it('counts: 229 valid, 87 invalid (81 ModifiedTag, 6 ZeroLengthIv), 0 skipped', () => {
    expect(cases.length).toBe(316);
    expect(tally).toEqual({ valid: 229, modifiedTag: 81, zeroLengthIv: 6, skipped: 0 });
  });
});
