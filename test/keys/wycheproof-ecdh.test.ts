/**
 * Wycheproof ecdh_secp256r1_test.json (C2SP/wycheproof testvectors_v1, via
 * test/support/wycheproof.ts): every case, through the protocol tier exactly as a user
 * would run it — PrivateKey.fromRaw(private), PublicKey.fromDer(public) (an SPKI), then
 * privateKey.exchange(peer) must equal `shared`, or the import/exchange must be refused
 * with a CryptoError. The flag policy and the decisions for the "acceptable" cases are in
 * test/support/ecdh-wycheproof.ts (test/browser/core.test.ts runs the same cases in Chromium).
 * No case is skipped.
 */
import { bytesToBigInt, bigIntToBytes, bytesToHex } from '../../src/bytes/index.js';
import { CryptoError } from '../../src/errors.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { CaseTally, hex, loadWycheproof } from '../support/wycheproof';
import { decideEcdh, ECDH_FILE, ECDH_POLICY, type EcdhTest } from '../support/ecdh-wycheproof';

const { cases } = loadWycheproof<Record<string, unknown>, EcdhTest>(ECDH_FILE, ECDH_POLICY);
const tally = new CaseTally();

describe(`Wycheproof ${ECDH_FILE}`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // `private` is a DER INTEGER body: big-endian, possibly with a leading 00.
    const d = bigIntToBytes(bytesToBigInt(hex(c.test.private)), 32);
    const privateKey = PrivateKey.fromRaw(d);
    let shared: Uint8Array | undefined;
    let error: unknown;
    try {
      shared = privateKey.exchange(PublicKey.fromDer(hex(c.test.public)));
    } catch (e) {
      error = e;
    }
    const decision = decideEcdh(c.flags, c.result);
    if (decision.accept) {
      expect(error).toBeUndefined();
      expect(bytesToHex(shared!)).toBe(c.test.shared);
    } else {
      expect(shared).toBeUndefined();
      expect(error).toBeInstanceOf(CryptoError);
      expect(decision.codes).toContain((error as CryptoError).code);
    }
    tally.decided(c);
  });

  it('decided every case (612), skipped none', () => {
    expect(cases.length).toBe(612);
    tally.expectSkipped(0, 612);
  });
});
