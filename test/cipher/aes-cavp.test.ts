/**
 * src/cipher/aes.ts (createAes, the fast path) and src/cipher/aes-reference.ts against the NIST
 * CAVP AESVS ECB vectors (CAVS 11.1, "The Advanced Encryption Standard Algorithm Validation
 * Suite", §6.2 Known Answer Tests and §6.3 Multiblock Message Test), every record:
 *   vectors/nist/aes/ECBGFSbox{128,192,256}.rsp      KAT, GFSbox: zero key, chosen plaintexts
 *   vectors/nist/aes/ECBKeySbox{128,192,256}.rsp     KAT, KeySbox: chosen keys, zero plaintext
 *   vectors/nist/aes/ECBVarKey{128,192,256}.rsp.gz   KAT, VarKey: keys 1000…, 1100…, …, 1111…
 *   vectors/nist/aes/ECBVarTxt{128,192,256}.rsp.gz   KAT, VarTxt: plaintexts 1000…, …, 1111…
 *   vectors/nist/aes/ECBMMT{128,192,256}.rsp         MMT: 1 to 10 blocks per record
 * (from Debian's python3-cryptography-vectors 38.0.4; see vectors/README.md). The package has no
 * ECB Monte Carlo files (ECBMCT*), so that test is not run here.
 *
 * Every file has an [ENCRYPT] and a [DECRYPT] section. [ENCRYPT] records must encrypt PLAINTEXT
 * to CIPHERTEXT, [DECRYPT] records must decrypt CIPHERTEXT to PLAINTEXT, block by block (ECB),
 * with both the fast path (encryptBlock/decryptBlock) and the reference (Cipher/InvCipher). Each
 * record is a valid pair, so the opposite direction is checked too. Record counts are asserted.
 */
import * as path from 'node:path';
import {
  aesDecryptBlockReference,
  aesEncryptBlockReference,
} from '../../src/cipher/aes-reference.js';
import { createAes } from '../../src/cipher/aes.js';
import { cavpHex, loadCavp } from '../support/cavp.js';

const DIR = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'aes');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Applies a one-block function to each 16-byte block of `data` (ECB). */
function ecb(data: Uint8Array, block: (b: Uint8Array) => Uint8Array): string {
  if (data.length % 16 !== 0) throw new Error(`not a whole number of blocks: ${data.length} bytes`);
  const out: string[] = [];
  for (let i = 0; i < data.length; i += 16) out.push(hex(block(data.subarray(i, i + 16))));
  return out.join('');
}

// Records per section ([ENCRYPT] and [DECRYPT] have the same count), read off the files.
const FILES: { file: string; bits: number; records: number }[] = [];
for (const [kind, counts] of [
  ['GFSbox', [7, 6, 5]],
  ['KeySbox', [21, 24, 16]],
  ['VarKey', [128, 192, 256]],
  ['VarTxt', [128, 128, 128]],
  ['MMT', [10, 10, 10]],
] as const) {
  [128, 192, 256].forEach((bits, i) => {
    const gz = kind === 'VarKey' || kind === 'VarTxt' ? '.gz' : '';
    FILES.push({ file: `ECB${kind}${bits}.rsp${gz}`, bits, records: counts[i] });
  });
}

describe('CAVP AESVS ECB (vectors/nist/aes)', () => {
  for (const { file, bits, records: expected } of FILES) {
    describe(file, () => {
      const sections = loadCavp(path.join(DIR, file));
      it('has one [ENCRYPT] and one [DECRYPT] section', () => {
        expect(sections.map((s) => s.labels)).toEqual([['ENCRYPT'], ['DECRYPT']]);
      });
      for (const section of sections) {
        const direction = section.labels[0];
        it(`[${direction}] every record, fast path and reference, both directions`, () => {
          let count = 0;
          for (const { fields, line } of section.records) {
            const key = cavpHex(fields.KEY);
            const pt = cavpHex(fields.PLAINTEXT);
            const ct = cavpHex(fields.CIPHERTEXT);
            expect(key.length * 8).toBe(bits);
            const aes = createAes(key);
            const results = {
              fastEncrypt: ecb(pt, (b) => aes.encryptBlock(b)),
              referenceEncrypt: ecb(pt, (b) => aesEncryptBlockReference(b, key)),
              fastDecrypt: ecb(ct, (b) => aes.decryptBlock(b)),
              referenceDecrypt: ecb(ct, (b) => aesDecryptBlockReference(b, key)),
            };
            const want = {
              fastEncrypt: fields.CIPHERTEXT,
              referenceEncrypt: fields.CIPHERTEXT,
              fastDecrypt: fields.PLAINTEXT,
              referenceDecrypt: fields.PLAINTEXT,
            };
            if (JSON.stringify(results) !== JSON.stringify(want))
              throw new Error(
                `${file} line ${line}: expected ${JSON.stringify(want)}, got ${JSON.stringify(results)}`,
              );
            count++;
          }
          expect(count).toBe(expected);
        });
      }
    });
  }

  it('covers 1069 records per direction: GFSbox 18, KeySbox 61, VarKey 576, VarTxt 384, MMT 30', () => {
    expect(FILES.reduce((sum, f) => sum + f.records, 0)).toBe(1069);
  });
});
