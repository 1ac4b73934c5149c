/**
 * src/cipher/gcm.ts against NIST CAVP GCM vectors (CAVS 14.0), every case:
 * vectors/nist/gcm/gcmEncryptExtIV{128,192,256}.rsp.gz and gcmDecrypt{128,192,256}.rsp.gz
 * (from Debian's python3-cryptography-vectors 38.0.4). Decrypt records marked FAIL must throw
 * CryptoError AUTH_FAILED; the others must return PT. IV lengths are 8, 96 and 1024 bits; tags
 * 32..128 bits.
 *
 * Every record goes through the one-shot form `aesGcm(key, iv, aad, { tagLength })`. The keyed form
 * `aesGcm.withKey` used to build a 64 KiB GHASH table per key, and building one per record made
 * this suite take ~20 s; it is checked on a deterministic subset instead: every 8th record of each file
 * (records 0, 8, 16, … in file order: 985 of 7875), which in the decrypt files includes FAIL
 * records (their count is asserted). The keyed form is also checked against the one-shot form on
 * random inputs in gcm.test.ts and on every Wycheproof case in gcm-wycheproof.test.ts.
 */
import * as path from 'node:path';
import { aesGcm, type GcmTagLength } from '../../src/cipher/gcm.js';
import { CryptoError } from '../../src/errors.js';
import { cavpHex, loadCavp } from '../support/cavp.js';

const DIR = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'gcm');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The keyed-form subset: every 8th record in file order, counted from 0 (see the header). */
const inKeyedSubset = (index: number) => index % 8 === 0;

/** Throws unless `run` throws CryptoError AUTH_FAILED. */
function expectAuthFailed(run: () => unknown, where: string): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof CryptoError) || error.code !== 'AUTH_FAILED')
    throw new Error(`${where}: FAIL record was not rejected with AUTH_FAILED`);
}

describe('parseCavp on the GCM files (test/support/cavp.ts)', () => {
  it('reads headers as params and FAIL lines as a flag', () => {
    const sections = loadCavp(path.join(DIR, 'gcmDecrypt128.rsp.gz'));
    expect(sections[0].params).toEqual({
      Keylen: '128',
      IVlen: '96',
      PTlen: '0',
      AADlen: '0',
      Taglen: '128',
    });
    expect(sections[0].records[0].fields).toEqual({
      Count: '0',
      Key: 'cf063a34d4a9a76c2c86787d3f96db71',
      IV: '113b9785971864c83b01c787',
      CT: '',
      AAD: '',
      Tag: '72ac8493e3a5228b5d130a69d2510e42',
      PT: '',
    });
    expect(sections[0].records[1].fail).toBe(true);
    expect(sections[0].records[0].fail).toBe(false);
  });
});

for (const bits of [128, 192, 256]) {
  describe(`CAVP gcmEncryptExtIV${bits}.rsp`, () => {
    const sections = loadCavp(path.join(DIR, `gcmEncryptExtIV${bits}.rsp.gz`));
    it('every record encrypts to CT ‖ Tag (one-shot); every 8th also keyed', () => {
      let count = 0;
      let keyedCount = 0;
      for (const { params, records } of sections) {
        expect(params.Keylen).toBe(String(bits));
        const tagLength = (Number(params.Taglen) / 8) as GcmTagLength;
        for (const { fields, line } of records) {
          const key = cavpHex(fields.Key);
          const iv = cavpHex(fields.IV);
          const pt = cavpHex(fields.PT);
          const aad = cavpHex(fields.AAD);
          const expected = fields.CT + fields.Tag;
          expect(iv.length * 8).toBe(Number(params.IVlen));
          const oneShot = hex(aesGcm(key, iv, aad, { tagLength }).encrypt(pt));
          if (oneShot !== expected)
            throw new Error(`line ${line}: expected ${expected}, got ${oneShot} (one-shot)`);
          if (inKeyedSubset(count++)) {
            const keyed = hex(aesGcm.withKey(key, { tagLength }).encrypt(iv, pt, aad));
            if (keyed !== expected)
              throw new Error(`line ${line}: expected ${expected}, got ${keyed} (keyed)`);
            keyedCount++;
          }
        }
      }
      expect(count).toBe(7875);
      expect(keyedCount).toBe(985); // ⌈7875 / 8⌉
    });
  });

  describe(`CAVP gcmDecrypt${bits}.rsp`, () => {
    const sections = loadCavp(path.join(DIR, `gcmDecrypt${bits}.rsp.gz`));
    it('every record decrypts to PT and every FAIL record throws AUTH_FAILED (one-shot); every 8th also keyed', () => {
      let passed = 0;
      let failed = 0;
      let keyedCount = 0;
      let index = 0;
      for (const { params, records } of sections) {
        const tagLength = (Number(params.Taglen) / 8) as GcmTagLength;
        for (const { fields, fail, line } of records) {
          const key = cavpHex(fields.Key);
          const iv = cavpHex(fields.IV);
          const input = Buffer.concat([cavpHex(fields.CT), cavpHex(fields.Tag)]);
          const aad = cavpHex(fields.AAD);
          expect(fields.Tag.length * 4).toBe(Number(params.Taglen));
          const keyed = inKeyedSubset(index++);
          if (fail) {
            expectAuthFailed(
              () => aesGcm(key, iv, aad, { tagLength }).decrypt(input),
              `line ${line} (one-shot)`,
            );
            if (keyed)
              expectAuthFailed(
                () => aesGcm.withKey(key, { tagLength }).decrypt(iv, input, aad),
                `line ${line} (keyed)`,
              );
            failed++;
          } else {
            const pt = hex(aesGcm(key, iv, aad, { tagLength }).decrypt(input));
            if (pt !== fields.PT)
              throw new Error(`line ${line}: expected PT ${fields.PT}, got ${pt} (one-shot)`);
            if (keyed) {
              const ptKeyed = hex(aesGcm.withKey(key, { tagLength }).decrypt(iv, input, aad));
              if (ptKeyed !== fields.PT)
                throw new Error(`line ${line}: expected PT ${fields.PT}, got ${ptKeyed} (keyed)`);
            }
            passed++;
          }
          if (keyed) keyedCount++;
        }
      }
      expect(index).toBe(7875);
      expect(keyedCount).toBe(985); // ⌈7875 / 8⌉, FAIL records among them
      // Counts from the files: 7875 records each, of which FAIL: 4011 (128), 3978 (192), 3919 (256).
      expect({ passed, failed }).toEqual(
        {
          128: { passed: 3864, failed: 4011 },
          192: { passed: 3897, failed: 3978 },
          256: { passed: 3956, failed: 3919 },
        }[bits],
      );
    });
  });
}
