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
import { type FlagPolicy, hex, loadWycheproof } from '../support/wycheproof';

// The flag policy shared by the three files: how each flag is treated. Every flag is run
// with the file's verdict (valid → true, invalid → false); the sentence says what it probes.
const POLICY: FlagPolicy = {
  ValidSignature: 'pseudorandom valid signatures: must verify',
  SpecialCaseHash: 'hashes with long runs of 0 or 1 bits: must verify',
  SmallRandS: 'small r and s: valid ones must verify, P1363 ones with a short encoding must not',
  ModularInverse: 'an s whose inverse is an edge case: must verify',
  ArithmeticError: 'extreme intermediate values: each verdict is the file’s',
  EdgeCaseShamirMultiplication:
    'an intermediate point at infinity in Straus/Shamir: must verify (curve/straus.ts handles O)',
  PointDuplication: 'u1·G = ±u2·Q, a doubling inside the addition: each verdict is the file’s',
  EdgeCasePublicKey: 'public keys with special coordinates: must verify',
  Untruncatedhash: 'the SHA-512 digest not truncated to 256 bits: must not verify',
  MissingZero: 'a DER INTEGER missing its leading 0x00 (so negative): must not verify',
  BerEncodedSignature: 'BER (long-form or indefinite lengths): must not verify (DER only)',
  InvalidEncoding: 'malformed DER: must not verify, and must not throw',
  ModifiedSignature: 'bits of the signature changed: must not verify',
  ModifiedInteger: 'r or s changed: must not verify',
  RangeCheck: 'r or s moved by ±n: must not verify (r, s ∈ [1, n − 1])',
  IntegerOverflow: 'r or s with extra high bits: must not verify',
  InvalidSignature: 'r or s = 0, 1, n, p, …: must not verify',
  InvalidTypesInSignature: 'DER with other ASN.1 types: must not verify',
  SignatureSize: 'a P1363 signature that is not exactly 64 bytes: must not verify',
};

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
