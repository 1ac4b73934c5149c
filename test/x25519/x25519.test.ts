/**
 * X25519 on bytes (src/x25519/x25519.ts): the RFC 7748 vectors (§5.2 and §6.1, inline below),
 * Wycheproof x25519_test.json (C2SP/wycheproof testvectors_v1, pinned in
 * vectors/wycheproof.lock), and fast-check against node:crypto (OpenSSL) `diffieHellman` with
 * X25519 KeyObjects, 1000 runs each.
 *
 * The 1,000,000-iteration test of §5.2 takes minutes; it runs only with X25519_MILLION=1.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { CryptoError } from '../../src/errors';
import {
  assertX25519PublicKey,
  decodeScalar25519,
  decodeUCoordinate,
  encodeUCoordinate,
  x25519,
  x25519PublicKey,
} from '../../src/x25519/x25519';
import { x25519Ladder } from '../../src/x25519/ladder';
import { expectCryptoError } from '../support/errors';
import { hex as wycheproofHex, loadWycheproof, type FlagPolicy } from '../support/wycheproof';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const p = 2n ** 255n - 19n;

/** The RFC's X25519(k, u) on bytes, without the all-zero refusal of §6.1 (for §5.2). */
const X25519 = (k: Uint8Array, u: Uint8Array) =>
  encodeUCoordinate(x25519Ladder(decodeScalar25519(k), decodeUCoordinate(u)));

describe('RFC 7748 §5.2 test vectors', () => {
  it('the two single-call examples (the second has bit 255 of u set: masked)', () => {
    // RFC 7748 §5.2, first X25519 example
    expect(
      toHex(
        x25519(
          hex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
          hex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c'),
        ),
      ),
    ).toBe('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
    // RFC 7748 §5.2, second X25519 example
    expect(
      toHex(
        x25519(
          hex('4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d'),
          hex('e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493'),
        ),
      ),
    ).toBe('95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957');
  });

  /** §5.2's iteration: k = u = 9; then repeatedly (k, u) = (X25519(k, u), k). */
  function iterate(times: number): string {
    let k = encodeUCoordinate(9n);
    let u = encodeUCoordinate(9n);
    for (let i = 0; i < times; i++) [k, u] = [X25519(k, u), k];
    return toHex(k);
  }

  it('the iterated test: after 1 and after 1,000 iterations', () => {
    // RFC 7748 §5.2, "After one iteration" and "After 1,000 iterations"
    expect(iterate(1)).toBe('422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079');
    expect(iterate(1000)).toBe('684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51');
  });

  const million = process.env.X25519_MILLION === '1' ? it : it.skip;
  million(
    'the iterated test: after 1,000,000 iterations (X25519_MILLION=1)',
    () => {
      // RFC 7748 §5.2, "After 1,000,000 iterations"
      expect(iterate(1_000_000)).toBe(
        '7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424',
      );
    },
    3_600_000,
  );
});

describe('RFC 7748 §6.1 Diffie-Hellman (Alice and Bob)', () => {
  // RFC 7748 §6.1
  const alicePrivate = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
  const alicePublic = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
  const bobPrivate = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
  const bobPublic = 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f';
  const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

  it('public keys, and the shared secret K from both sides', () => {
    expect(toHex(x25519PublicKey(alicePrivate))).toBe(alicePublic);
    expect(toHex(x25519PublicKey(bobPrivate))).toBe(bobPublic);
    expect(toHex(x25519(alicePrivate, hex(bobPublic)))).toBe(shared);
    expect(toHex(x25519(bobPrivate, hex(alicePublic)))).toBe(shared);
  });
});

describe('Wycheproof x25519_test.json', () => {
  // Flag policy: how every flag in the file is treated. Nothing is skipped.
  const POLICY: FlagPolicy = {
    Normal: 'valid: must produce the shared secret',
    Ktv: 'known test vectors (RFC 7748): must produce the shared secret',
    EdgeCaseMultiplication:
      'valid or acceptable: intermediate values hit edge cases; must produce the shared secret',
    EdgeCasePrivateKey: 'valid: special private keys; must produce the shared secret',
    EdgeCaseShared: 'valid or acceptable: special shared secrets; must produce the shared secret',
    SpecialPublicKey: 'valid or acceptable: special public keys; must produce the shared secret',
    Twist:
      'acceptable: ACCEPTED — the public key is on the twist; X25519 is defined there (RFC 7748 §5) and must be exact',
    NonCanonicalPublic:
      'acceptable: ACCEPTED — u ≥ p (after masking bit 255) is reduced mod p (RFC 7748 §5); must be exact',
    SmallPublicKey: 'acceptable: a public key of small order (see ZeroSharedSecret)',
    LowOrderPublic: 'acceptable: a public key of small order (see ZeroSharedSecret)',
    ZeroSharedSecret:
      'acceptable: REFUSED — the shared secret is all zeros; x25519 throws CryptoError INVALID_POINT (RFC 7748 §6.1 check)',
  };

  interface XdhTest {
    public: string;
    private: string;
    shared: string;
  }
  const { cases } = loadWycheproof<Record<string, unknown>, XdhTest>('x25519_test.json', POLICY);
  const ran = { valid: 0, acceptable: 0, refused: 0, skipped: 0 };

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.group.curve).toBe('curve25519');
    const run = () => x25519(wycheproofHex(c.test.private), wycheproofHex(c.test.public));
    if (c.flags.includes('ZeroSharedSecret')) {
      expect(c.result).toBe('acceptable');
      expect(c.test.shared).toBe('00'.repeat(32));
      expectCryptoError(run, 'INVALID_POINT');
      expectCryptoError(() => assertX25519PublicKey(wycheproofHex(c.test.public)), 'INVALID_POINT');
      ran.refused++;
      return;
    }
    expect(c.result).not.toBe('invalid'); // the file has no invalid case
    expect(toHex(run())).toBe(c.test.shared);
    expect(() => assertX25519PublicKey(wycheproofHex(c.test.public))).not.toThrow();
    ran[c.result as 'valid' | 'acceptable']++;
  });

  it('ran and decided every case (518: 264 valid, 223 acceptable accepted, 31 refused), none skipped', () => {
    expect(cases).toHaveLength(518);
    expect(ran).toEqual({ valid: 264, acceptable: 223, refused: 31, skipped: 0 });
  });
});

describe('against node:crypto diffieHellman with X25519 KeyObjects (1000 runs each)', () => {
  // RFC 8410 structures around the raw 32 bytes (what node:crypto and OpenSSL write).
  const PKCS8_PREFIX = hex('302e020100300506032b656e04220420');
  const SPKI_PREFIX = hex('302a300506032b656e032100');
  const nodePrivate = (k: Uint8Array) =>
    crypto.createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, k]),
      format: 'der',
      type: 'pkcs8',
    });
  const nodePublic = (u: Uint8Array) =>
    crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, u]), format: 'der', type: 'spki' });
  const rawPublic = (key: crypto.KeyObject) =>
    new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(12));
  const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
  const RUNS = { numRuns: 1000 };

  it('public key from private, and the shared secret of two random key pairs', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (a, b) => {
        const A = nodePrivate(a);
        const B = nodePrivate(b);
        expect(toHex(x25519PublicKey(a))).toBe(toHex(rawPublic(crypto.createPublicKey(A))));
        const expected = crypto.diffieHellman({
          privateKey: A,
          publicKey: crypto.createPublicKey(B),
        });
        expect(toHex(x25519(a, x25519PublicKey(b)))).toBe(expected.toString('hex'));
      }),
      RUNS,
    );
  });

  it('any 32-byte public key (twist, bit 255 set, non-canonical): the same secret or the same refusal', () => {
    const u = fc.oneof(
      bytes32,
      bytes32.map((b) => {
        const c = b.slice();
        c[31] |= 0x80; // bit 255 set: masked
        return c;
      }),
      fc.integer({ min: 0, max: 18 }).map((i) => encodeNonCanonical(p + BigInt(i))),
    );
    fc.assert(
      fc.property(bytes32, u, (a, peer) => {
        let expected: string;
        try {
          expected = crypto
            .diffieHellman({ privateKey: nodePrivate(a), publicKey: nodePublic(peer) })
            .toString('hex');
        } catch {
          expected = 'refused'; // OpenSSL refuses an all-zero result too
        }
        let actual: string;
        try {
          actual = toHex(x25519(a, peer));
        } catch (error) {
          expect(error).toBeInstanceOf(CryptoError);
          actual = 'refused';
        }
        expect(actual).toBe(expected);
      }),
      RUNS,
    );
  });
});

/** 32 little-endian bytes of a value in [p, 2^255) (a non-canonical u). */
function encodeNonCanonical(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0, v = value; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

describe('decoding, clamping and arguments', () => {
  it('decodeScalar25519 clamps: bits 0–2 and 255 cleared, bit 254 set; the input is not modified', () => {
    const all = new Uint8Array(32).fill(0xff);
    expect(decodeScalar25519(all)).toBe(2n ** 255n - 8n); // bits 254 … 3 set
    expect(Array.from(all)).toEqual(new Array(32).fill(0xff));
    expect(decodeScalar25519(new Uint8Array(32))).toBe(2n ** 254n);
  });

  it('decodeUCoordinate masks bit 255 and reduces p … 2^255 − 1 to 0 … 18', () => {
    expect(decodeUCoordinate(encodeNonCanonical(p))).toBe(0n);
    expect(decodeUCoordinate(encodeNonCanonical(p + 18n))).toBe(18n);
    const nine = encodeUCoordinate(9n);
    nine[31] |= 0x80;
    expect(decodeUCoordinate(nine)).toBe(9n);
    expect(nine[31]).toBe(0x80); // not modified
    expect(() => encodeUCoordinate(p)).toThrow(RangeError);
  });

  it('the all-zero shared secret is refused with INVALID_POINT, for each small-order u', () => {
    const k = crypto.randomBytes(32);
    for (const u of [0n, 1n, p - 1n]) {
      expectCryptoError(() => x25519(k, encodeUCoordinate(u)), 'INVALID_POINT', /all zeros/);
      expectCryptoError(() => assertX25519PublicKey(encodeUCoordinate(u)), 'INVALID_POINT');
    }
    expect(() => assertX25519PublicKey(encodeUCoordinate(9n))).not.toThrow();
  });

  it('junk arguments: TypeError for a non-Uint8Array, RangeError for a wrong length', () => {
    const good = new Uint8Array(32);
    for (const junk of [undefined, null, 'ab', [1, 2], 42, new ArrayBuffer(32)]) {
      expect(() => x25519(junk as unknown as Uint8Array, good)).toThrow(TypeError);
      expect(() => x25519(good, junk as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => x25519PublicKey(junk as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => decodeScalar25519(junk as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => decodeUCoordinate(junk as unknown as Uint8Array)).toThrow(TypeError);
    }
    for (const length of [0, 31, 33, 64]) {
      expect(() => x25519(new Uint8Array(length), good)).toThrow(/privateKey must be 32 bytes/);
      expect(() => x25519(good, new Uint8Array(length))).toThrow(/publicKey must be 32 bytes/);
      expect(() => x25519PublicKey(new Uint8Array(length))).toThrow(RangeError);
    }
  });

  it('inputs are not modified and outputs are fresh arrays; messages carry no key bytes', () => {
    const a = new Uint8Array(32).fill(0xff);
    const peer = encodeUCoordinate(1n);
    const before = [toHex(a), toHex(peer)];
    const error = expectCryptoError(() => x25519(a, peer), 'INVALID_POINT');
    expect([toHex(a), toHex(peer)]).toEqual(before);
    expect(error.message).not.toMatch(/ff{8}/);
    const pub1 = x25519PublicKey(a);
    const pub2 = x25519PublicKey(a);
    expect(pub1).not.toBe(pub2);
    expect(pub1).toEqual(pub2);
  });
});
