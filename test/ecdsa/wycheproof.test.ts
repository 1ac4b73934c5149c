/**
 * ECDSA P-256 verification (PublicKey.verify, src/ecdsa/ecdsa.ts) against Wycheproof
 * (C2SP/wycheproof testvectors_v1, pinned in vectors/wycheproof.lock, read through
 * test/support/wycheproof.ts): ecdsa_secp256r1_sha256_test.json (DER signatures),
 * ecdsa_secp256r1_sha256_p1363_test.json and ecdsa_secp256r1_sha512_p1363_test.json (r ‖ s).
 *
 * Every case runs. The public key of each group is loaded from its SubjectPublicKeyInfo DER
 * (PublicKey.fromDer) and must equal the raw uncompressed point. A valid case must verify
 * (and, with { lowS: true }, verify exactly when s ≤ n/2); an invalid one must return false —
 * never throw, since a malformed signature is simply not a valid one. These files have no
 * 'acceptable' cases, so nothing is skipped.
 */
import { bytesToHex } from '../../src/bytes';
import type { HashFunction } from '../../src/hash/hash';
import { sha256 } from '../../src/hash/sha256';
import { sha512 } from '../../src/hash/sha512';
import { PublicKey } from '../../src/keys/public-key';
import { n } from '../../src/math/scalar';
import { parseSignature, type SignatureFormat } from '../../src/ecdsa/signature';
import { ECDSA_POLICY as POLICY } from '../support/ecdsa-wycheproof';
import { hex, loadWycheproof } from '../support/wycheproof';

interface Group {
  publicKey: { uncompressed: string };
  publicKeyDer: string;
  sha: string;
}
interface Test {
  msg: string;
  sig: string;
}

const FILES: { file: string; format: SignatureFormat; hash: HashFunction; count: number }[] = [
  { file: 'ecdsa_secp256r1_sha256_test.json', format: 'der', hash: sha256, count: 484 },
  { file: 'ecdsa_secp256r1_sha256_p1363_test.json', format: 'p1363', hash: sha256, count: 262 },
  { file: 'ecdsa_secp256r1_sha512_p1363_test.json', format: 'p1363', hash: sha512, count: 332 },
];

describe.each(FILES)('Wycheproof $file', ({ file, format, hash, count }) => {
  const { cases } = loadWycheproof<Group, Test>(file, POLICY);
  const keys = new Map<string, PublicKey>();
  let skipped = 0;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.group.sha).toBe(hash.algorithm);
    let key = keys.get(c.group.publicKeyDer);
    if (key === undefined) {
      key = PublicKey.fromDer(hex(c.group.publicKeyDer));
      expect(bytesToHex(key.toRaw())).toBe(c.group.publicKey.uncompressed);
      keys.set(c.group.publicKeyDer, key);
    }
    const msg = hex(c.test.msg);
    const sig = hex(c.test.sig);
    const verdict = key.verify(msg, sig, { hash, format });
    if (c.result === 'valid') {
      expect(verdict).toBe(true);
      const { s } = parseSignature(sig, format)!;
      expect(key.verify(msg, sig, { hash, format, lowS: true })).toBe(s <= n >> 1n);
      expect(key.verifyDigest(hash(msg), sig, { hash, format })).toBe(true);
    } else if (c.result === 'invalid') {
      expect(verdict).toBe(false);
      expect(key.verify(msg, sig, { hash, format, lowS: true })).toBe(false);
    } else skipped++; // no 'acceptable' case exists in these files
  });
  it(`runs all ${count} cases and skips none`, () => {
    expect(cases).toHaveLength(count);
    expect(skipped).toBe(0);
  });
});
