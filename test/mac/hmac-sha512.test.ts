/**
 * HMAC-SHA-384 and HMAC-SHA-512: the generic HMAC of src/mac/hmac.ts over sha384/sha512
 * (src/hash/sha512.ts), whose 128-byte block is what K0 is padded to (FIPS 198-1 §4).
 * Sources: RFC 4231 §4.2–§4.8 (inline below), Wycheproof hmac_sha384_test.json and
 * hmac_sha512_test.json (through test/support/wycheproof.ts), node:crypto createHmac as the
 * property-test oracle.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { hmac, hmacWithKey } from '../../src/mac/hmac';
import { sha384, sha512 } from '../../src/hash/sha512';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { hex, loadWycheproof } from '../support/wycheproof';

const ascii = (s: string): Uint8Array => utf8ToBytes(s);

// RFC 4231 §4.2–§4.8: the HMAC-SHA-384 and HMAC-SHA-512 results. Test Case 5 (§4.6)
// truncates to 128 bits; Test Cases 6 and 7 use a 131-byte key, longer than SHA-512's
// 128-byte block, so the key is hashed first.
const RFC4231: {
  name: string;
  key: Uint8Array;
  data: Uint8Array;
  sha384: string;
  sha512: string;
}[] = [
  {
    name: 'Test Case 1 (§4.2)',
    key: new Uint8Array(20).fill(0x0b),
    data: ascii('Hi There'),
    sha384:
      'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
    sha512:
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
  },
  {
    name: 'Test Case 2 (§4.3)',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    sha384:
      'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
    sha512:
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  },
  {
    name: 'Test Case 3 (§4.4)',
    key: new Uint8Array(20).fill(0xaa),
    data: new Uint8Array(50).fill(0xdd),
    sha384:
      '88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27',
    sha512:
      'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
  },
  {
    name: 'Test Case 4 (§4.5)',
    key: hexToBytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: new Uint8Array(50).fill(0xcd),
    sha384:
      '3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb',
    sha512:
      'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
  },
  {
    name: 'Test Case 5 (§4.6), truncated to 128 bits',
    key: new Uint8Array(20).fill(0x0c),
    data: ascii('Test With Truncation'),
    sha384: '3abf34c3503b2a23a46efc619baef897',
    sha512: '415fad6271580a531d4179bc891d87a6',
  },
  {
    name: 'Test Case 6 (§4.7), 131-byte key hashed first',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    sha384:
      '4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952',
    sha512:
      '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
  },
  {
    name: 'Test Case 7 (§4.8), large key and large data',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    sha384:
      '6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e',
    sha512:
      'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
  },
];

const HASHES = [
  { name: 'SHA-384', hash: sha384, rfc: 'sha384', node: 'sha384' },
  { name: 'SHA-512', hash: sha512, rfc: 'sha512', node: 'sha512' },
] as const;

describe.each(HASHES)('HMAC-$name RFC 4231', ({ hash, rfc }) => {
  it.each(RFC4231)('$name', (vector) => {
    const mac = vector[rfc];
    expect(bytesToHex(hmac(hash, vector.key, vector.data).subarray(0, mac.length / 2))).toBe(mac);
    expect(hmac.verify(hash, vector.key, vector.data, hexToBytes(mac))).toBe(true);
  });
});

describe.each(HASHES)('HMAC-$name Wycheproof', ({ name, hash }) => {
  const file = `hmac_${name.toLowerCase().replace('-', '')}_test.json`;
  // Flag policy: every case runs; none is skipped.
  const { cases } = loadWycheproof<
    { keySize: number; tagSize: number },
    { key: string; msg: string; tag: string }
  >(file, {
    Pseudorandom: 'valid tags computed on random inputs: must verify',
    ModifiedTag: 'tags with flipped bits: must not verify',
  });
  let skipped = 0;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tag = hex(c.test.tag);
    expect(tag.length * 8).toBe(c.group.tagSize);
    const ok = hmac.verify(hash, hex(c.test.key), hex(c.test.msg), tag);
    if (c.result === 'valid') {
      expect(ok).toBe(true);
      expect(bytesToHex(hmac(hash, hex(c.test.key), hex(c.test.msg)).subarray(0, tag.length))).toBe(
        c.test.tag,
      );
    } else if (c.result === 'invalid') expect(ok).toBe(false);
    else skipped++; // no 'acceptable' case exists in these files
  });
  it(`${file}: runs all 174 cases and skips none`, () => {
    expect(cases).toHaveLength(174);
    expect(skipped).toBe(0);
  });
});

describe.each(HASHES)(
  'HMAC-$name properties against node:crypto (fast-check)',
  ({ hash, node }) => {
    it('keys 0–300 bytes (past the 128-byte block) and messages 0–400: one-shot = streaming = keyed = node:crypto', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 300, size: 'max' }),
          fc.uint8Array({ maxLength: 400, size: 'max' }),
          fc.nat(400),
          (key, msg, cut) => {
            const expected = createHmac(node, key).update(msg).digest('hex');
            const at = Math.min(cut, msg.length);
            const streamed = hmac
              .create(hash, key)
              .update(msg.subarray(0, at))
              .update(msg.subarray(at))
              .digest();
            return (
              bytesToHex(hmac(hash, key, msg)) === expected &&
              bytesToHex(streamed) === expected &&
              bytesToHex(hmacWithKey(hash, key)(msg)) === expected
            );
          },
        ),
        { numRuns: 1000 },
      );
    });
  },
);
