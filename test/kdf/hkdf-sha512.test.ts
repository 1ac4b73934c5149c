/**
 * HKDF-SHA-384 and HKDF-SHA-512: the HKDF of src/kdf/hkdf.ts over sha384/sha512
 * (src/hash/sha512.ts). HashLen is 48 or 64, so L may reach 255·HashLen = 12240 or 16320.
 * Sources: Wycheproof hkdf_sha384_test.json and hkdf_sha512_test.json (through
 * test/support/wycheproof.ts), node:crypto hkdfSync as the property-test oracle.
 */
import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { expand, extract, hkdf } from '../../src/kdf/hkdf';
import { sha384, sha512 } from '../../src/hash/sha512';
import { bytesToHex } from '../../src/bytes';
import { hex, loadWycheproof } from '../support/wycheproof';

const HASHES = [
  { name: 'SHA-384', hash: sha384, node: 'sha384', file: 'hkdf_sha384_test.json' },
  { name: 'SHA-512', hash: sha512, node: 'sha512', file: 'hkdf_sha512_test.json' },
] as const;

describe.each(HASHES)('HKDF-$name Wycheproof $file', ({ hash, file }) => {
  // Flag policy: every case runs; none is skipped.
  const { cases } = loadWycheproof<
    { keySize: number },
    { ikm: string; salt: string; info: string; size: number; okm: string }
  >(file, {
    Normal: 'ordinary inputs: the OKM must match',
    EmptySalt: 'salt of length 0, which HMAC pads to HashLen zeros: the OKM must match',
    MaximalOutputSize: 'size = 255·HashLen: the OKM must match',
    OutputCollision: 'inputs chosen to give equal outputs: the OKM must match',
    SizeTooLarge: 'size = 255·HashLen + 1: must throw RangeError',
  });
  let skipped = 0;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = (): Uint8Array =>
      hkdf(hash, hex(c.test.ikm), hex(c.test.salt), hex(c.test.info), c.test.size);
    if (c.result === 'valid') expect(bytesToHex(run())).toBe(c.test.okm);
    else if (c.result === 'invalid') expect(run).toThrow(RangeError);
    else skipped++; // no 'acceptable' case exists in these files
  });
  it('runs all 83 cases and skips none', () => {
    expect(cases).toHaveLength(83);
    expect(skipped).toBe(0);
  });
});

describe.each(HASHES)(
  'HKDF-$name properties against node:crypto hkdfSync (fast-check)',
  ({ hash, node }) => {
    it('random IKM, salt (past the 128-byte block), info and length (several T(i) blocks)', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 150, size: 'max' }),
          fc.uint8Array({ maxLength: 200, size: 'max' }),
          fc.uint8Array({ maxLength: 150, size: 'max' }),
          fc.integer({ min: 1, max: 700 }),
          (ikm, salt, info, length) => {
            const expected = Buffer.from(hkdfSync(node, ikm, salt, info, length)).toString('hex');
            return (
              bytesToHex(hkdf(hash, ikm, salt, info, length)) === expected &&
              bytesToHex(expand(hash, extract(hash, ikm, salt), info, length)) === expected
            );
          },
        ),
        { numRuns: 1000 },
      );
    });
    it('salt undefined means HashLen zero bytes', () => {
      const ikm = new Uint8Array(32).fill(7);
      expect(bytesToHex(hkdf(hash, ikm, undefined, undefined, 42))).toBe(
        bytesToHex(hkdf(hash, ikm, new Uint8Array(hash.outputLength), new Uint8Array(0), 42)),
      );
      expect(() => hkdf(hash, ikm, undefined, undefined, 255 * hash.outputLength + 1)).toThrow(
        RangeError,
      );
    });
  },
);
