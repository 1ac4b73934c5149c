/**
 * Wycheproof ecdh_secp256r1_ecpoint_test.json (C2SP/wycheproof testvectors_v1, pinned in
 * vectors/wycheproof.lock): the peer's public key is a raw SEC 1 point, so each case runs
 * decodePoint + sharedSecret. (ecdh_secp256r1_test.json, with SPKI keys, is tested with the
 * key formats in test/keys.)
 *
 * Private keys are hex of a non-negative integer, sometimes with a leading 00 byte (33 bytes);
 * they are read as integers.
 */
import { CaseTally, loadWycheproof, hex, type FlagPolicy } from '../support/wycheproof';
import { CryptoError } from '../../src/errors';
import { bytesToBigInt } from '../../src/bytes/bigint';
import { decodePoint } from '../../src/curve/encoding';
import { sharedSecret } from '../../src/ecdh/ecdh';

// Flag policy: how every flag in the file is treated. Nothing is skipped.
const POLICY: FlagPolicy = {
  Normal: 'valid: must produce the shared secret',
  AdditionChain: 'valid: unusual private-key bit patterns; must produce the shared secret',
  'CVE-2017-8932': "valid: inputs that broke Go's amd64 P-256; must produce the shared secret",
  EdgeCaseDoubling:
    'valid: points that hit zero coordinates when doubled; must produce the shared secret',
  EdgeCaseEphemeralKey: 'valid: edge-case public keys; must produce the shared secret',
  EdgeCaseSharedSecret: 'valid: shared secrets with special values; must produce the shared secret',
  CompressedPoint:
    'with CompressedPublic (acceptable): ACCEPTED — decodePoint supports the 33-byte compressed form (SEC 1 §2.3.4), ' +
    'so the secret must match; with InvalidCompressedPublic or WrongCurve (invalid): must be rejected',
  CompressedPublic: 'acceptable: ACCEPTED (see CompressedPoint)',
  InvalidCompressedPublic:
    'invalid: an x with no point on P-256; must be rejected with INVALID_POINT',
  InvalidCurveAttack:
    'invalid: a point not on P-256; must be rejected with INVALID_POINT before any multiplication',
  InvalidEncoding: 'invalid: a malformed encoding; must be rejected with a CryptoError',
  WrongCurve: 'invalid: a point of another curve; must be rejected with a CryptoError',
};

interface EcpointTest {
  public: string;
  private: string;
  shared: string;
}

const { cases } = loadWycheproof<Record<string, unknown>, EcpointTest>(
  'ecdh_secp256r1_ecpoint_test.json',
  POLICY,
);

// Counted as the cases RUN (a case adds to its result's count only after all its assertions
// passed) and checked by the last test of the file (jest runs the tests of a file in order).
// This suite decides every case: it has no way to skip one, and the tally says none was.
const ran = { valid: 0, acceptable: 0, invalid: 0 };
const tally = new CaseTally();

describe('Wycheproof ecdh_secp256r1_ecpoint_test.json', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = () =>
      sharedSecret(bytesToBigInt(hex(c.test.private)), decodePoint(hex(c.test.public)));
    if (c.result === 'invalid') {
      expect(run).toThrow(CryptoError);
      if (c.flags.includes('InvalidCurveAttack') || c.flags.includes('InvalidCompressedPublic')) {
        expect(run).toThrow(expect.objectContaining({ code: 'INVALID_POINT' }));
      }
      ran.invalid++;
      tally.decided(c);
      return;
    }
    // valid, and acceptable (CompressedPublic only; accepted by policy)
    if (c.result === 'acceptable') expect(c.flags).toContain('CompressedPublic');
    expect(Buffer.from(run()).toString('hex')).toBe(c.test.shared);
    ran[c.result]++;
    tally.decided(c);
  });

  it('ran and decided every case (355: 330 valid, 1 acceptable, 24 invalid), none skipped', () => {
    expect(cases).toHaveLength(355);
    expect(ran).toEqual({ valid: 330, acceptable: 1, invalid: 24 });
    tally.expectSkipped(0, 355);
  });
});
