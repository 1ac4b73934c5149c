/**
 * ECDSA P-256 (src/ecdsa/ecdsa.ts) through the key objects and the study-tier functions:
 * the fast path against the textbook reference (src/ecdsa/reference.ts) with the same RFC 6979
 * nonce; deterministic, hedged and low-S signing; the prehashed form; keys from every format;
 * misuse (typed errors) against malformed signatures (false). Interop with node:crypto and
 * OpenSSL is in node-interop.test.ts and openssl.test.ts; the vectors in nist, wycheproof and
 * rfc6979.test.ts.
 */
import fc from 'fast-check';
import { utf8ToBytes } from '../../src/bytes';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { n, scalarToBytes } from '../../src/math/scalar';
import { G } from '../../src/curve/p256';
import { TOY } from '../../src/curve/toy';
import { scalarMultiply } from '../../src/curve/affine';
import { ecdsaSign, ecdsaVerify } from '../../src/ecdsa/ecdsa';
import { ecdsaSignReference, ecdsaVerifyReference } from '../../src/ecdsa/reference';
import { bits2int, rfc6979Nonces } from '../../src/ecdsa/rfc6979';
import { decodeSignature } from '../../src/ecdsa/signature';
import { CryptoError } from '../../src/errors';

const message = utf8ToBytes('attack at dawn');
const key = PrivateKey.fromRaw(scalarToBytes(0x1f2e3d4c5b6a7988n));

describe('fast path against the reference', () => {
  it('same (r, s) as the textbook steps with the same RFC 6979 k, and both verify (100 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: n - 1n }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (d, digest) => {
          const k = rfc6979Nonces(sha256, n, d, digest)();
          const e = bits2int(digest, n);
          const fast = ecdsaSign(d, digest);
          const slow = ecdsaSignReference(e, d, k);
          const Q = scalarMultiply(d, G);
          return (
            fast.r === slow.r &&
            fast.s === slow.s &&
            ecdsaVerify(Q, digest, fast) &&
            ecdsaVerifyReference(e, Q, fast.r, fast.s)
          );
        },
      ),
      { numRuns: 100 },
    );
  });
  it('the reference works on the toy curve: sign, verify, and refuse a changed message', () => {
    const d = 101n;
    const Q = scalarMultiply(d, TOY.G!, TOY);
    for (let k = 1n; k < 233n; k += 7n) {
      let signature: { r: bigint; s: bigint };
      try {
        signature = ecdsaSignReference(72n, d, k, TOY);
      } catch {
        continue; // r = 0 or s = 0 for this k: the standard picks another
      }
      expect(ecdsaVerifyReference(72n, Q, signature.r, signature.s, TOY)).toBe(true);
      expect(ecdsaVerifyReference(73n, Q, signature.r, signature.s, TOY)).toBe(false);
    }
  });
});

describe('PrivateKey.sign and PublicKey.verify', () => {
  it('deterministic: the same message gives the same signature; another message, another', () => {
    expect(key.sign(message)).toEqual(key.sign(message));
    expect(key.sign(message)).not.toEqual(key.sign(utf8ToBytes('attack at dusk')));
    expect(key.publicKey.verify(message, key.sign(message))).toBe(true);
  });
  it('hedged (RFC 6979 §3.6): random extra entropy gives a new valid signature each time; fixed bytes a fixed one', () => {
    const a = key.sign(message, { extraEntropy: true });
    const b = key.sign(message, { extraEntropy: true });
    expect(a).not.toEqual(b);
    expect(key.publicKey.verify(message, a)).toBe(true);
    expect(key.publicKey.verify(message, b)).toBe(true);
    const extra = utf8ToBytes('some extra data');
    expect(key.sign(message, { extraEntropy: extra })).toEqual(
      key.sign(message, { extraEntropy: extra }),
    );
    expect(key.sign(message, { extraEntropy: extra })).not.toEqual(key.sign(message));
    expect(key.sign(message, { extraEntropy: false })).toEqual(key.sign(message));
  });
  it('lowS: signing gives s ≤ n/2; strict verification refuses the high twin (r, n − s)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64, size: 'max' }), (m) => {
        const low = decodeSignature(key.sign(m, { lowS: true }));
        const plain = decodeSignature(key.sign(m));
        const high = { r: low.r, s: n - low.s };
        const toBytes = (v: { r: bigint; s: bigint }) =>
          new Uint8Array([...scalarToBytes(v.r), ...scalarToBytes(v.s)]);
        return (
          low.s <= n >> 1n &&
          (plain.s === low.s || plain.s === n - low.s) &&
          key.publicKey.verify(m, toBytes(high), { format: 'p1363' }) && // both verify by default
          !key.publicKey.verify(m, toBytes(high), { format: 'p1363', lowS: true }) &&
          key.publicKey.verify(m, toBytes(low), { format: 'p1363', lowS: true })
        );
      }),
      { numRuns: 100 },
    );
  });
  it('the prehashed form gives and accepts the same signatures, for each hash', () => {
    for (const hash of [sha256, sha384, sha512]) {
      const signature = key.sign(message, { hash });
      expect(key.signDigest(hash(message), { hash })).toEqual(signature);
      expect(key.publicKey.verifyDigest(hash(message), signature, { hash })).toBe(true);
      expect(() => key.signDigest(sha256(message), { hash: sha512 })).toThrow(RangeError);
    }
    expect(() => key.publicKey.verifyDigest(new Uint8Array(31), key.sign(message))).toThrow(
      /digest must be 32 bytes long/,
    );
  });
  it('keys loaded from every format sign and verify alike', () => {
    const signature = key.sign(message);
    const privates = [
      PrivateKey.fromPem(key.toPem()),
      PrivateKey.fromPem(key.toPem('sec1')),
      PrivateKey.fromDer(key.toDer()),
      PrivateKey.fromJwk(key.toJwk()),
    ];
    for (const k of privates) expect(k.sign(message)).toEqual(signature);
    const publics = [
      PublicKey.fromPem(key.publicKey.toPem()),
      PublicKey.fromDer(key.publicKey.toDer()),
      PublicKey.fromJwk(key.publicKey.toJwk()),
      PublicKey.fromRaw(key.publicKey.toRaw({ compressed: true })),
    ];
    for (const k of publics) expect(k.verify(message, signature)).toBe(true);
  });
  it('never modifies its inputs', () => {
    const m = message.slice();
    const extra = Uint8Array.of(1, 2, 3);
    const signature = key.sign(m, { extraEntropy: extra });
    const copy = signature.slice();
    key.publicKey.verify(m, signature);
    expect(m).toEqual(message);
    expect(extra).toEqual(Uint8Array.of(1, 2, 3));
    expect(signature).toEqual(copy);
  });
});

describe('misuse throws a typed error; a bad signature is just false', () => {
  const signature = key.sign(message);
  const pub = key.publicKey;
  it.each([
    ['a string message', () => key.sign('hello' as never), TypeError],
    ['an array message', () => pub.verify([1, 2] as never, signature), TypeError],
    ['a string signature', () => pub.verify(message, 'abc' as never), TypeError],
    ['an unknown format', () => key.sign(message, { format: 'raw' as never }), TypeError],
    [
      'an unknown verify format',
      () => pub.verify(message, signature, { format: 'jws' as never }),
      TypeError,
    ],
    [
      'a hash that is not a hash function',
      () => key.sign(message, { hash: 'sha256' as never }),
      TypeError,
    ],
    ['a non-boolean lowS', () => pub.verify(message, signature, { lowS: 1 as never }), TypeError],
    ['a bad extraEntropy', () => key.sign(message, { extraEntropy: 'yes' as never }), TypeError],
    ['options that are not an object', () => key.sign(message, 'der' as never), TypeError],
    ['a digest of the wrong length', () => key.signDigest(new Uint8Array(20)), RangeError],
  ] as const)('%s', (_label, run, type) => {
    expect(run).toThrow(type);
  });
  it('wrong signatures of every shape are false', () => {
    expect(pub.verify(message, new Uint8Array(0))).toBe(false);
    expect(pub.verify(message, signature.subarray(1))).toBe(false);
    expect(pub.verify(message, signature, { format: 'p1363' })).toBe(false);
    expect(pub.verify(message, new Uint8Array(64), { format: 'p1363' })).toBe(false);
    const changed = signature.slice();
    changed[changed.length - 1] ^= 1;
    expect(pub.verify(message, changed)).toBe(false);
  });
  it('ecdsaSign and ecdsaVerify check their bigint arguments', () => {
    expect(() => ecdsaSign(0n, sha256(message))).toThrow(CryptoError);
    expect(() => ecdsaSign(n, sha256(message))).toThrow(CryptoError);
    expect(() => ecdsaVerify({ x: 1n, y: 1n }, sha256(message), { r: 1n, s: 1n })).toThrow(
      CryptoError,
    );
    expect(ecdsaVerify(G, sha256(message), { r: 0n, s: 1n })).toBe(false);
    expect(ecdsaVerify(G, sha256(message), { r: 1n, s: n })).toBe(false);
    expect(() => ecdsaVerify(G, sha256(message), { r: 1, s: 1 } as never)).toThrow(TypeError);
  });
});
