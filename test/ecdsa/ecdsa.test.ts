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
import { pointAdd, pointNegate, scalarMultiply, type AffinePoint } from '../../src/curve/affine';
import { b, p } from '../../src/curve/p256';
import { bigIntToBytes } from '../../src/bytes/bigint';
import { fieldSqrt } from '../../src/math/field';
import { modInverseVartime } from '../../src/math/modular';
import { ecdsaSign, ecdsaVerify, signWithNonce } from '../../src/ecdsa/ecdsa';
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
  // Signed inside each test, not while the describe block is collected: code run at collection
  // is "static" for StrykerJS, and its mutants would each run every test of the group.
  const signature = () => key.sign(message);
  const pub = key.publicKey;
  it.each([
    ['a string message', () => key.sign('hello' as never), TypeError],
    ['an array message', () => pub.verify([1, 2] as never, signature()), TypeError],
    ['a string signature', () => pub.verify(message, 'abc' as never), TypeError],
    ['an unknown format', () => key.sign(message, { format: 'raw' as never }), TypeError],
    [
      'an unknown verify format',
      () => pub.verify(message, signature(), { format: 'jws' as never }),
      TypeError,
    ],
    [
      'a hash that is not a hash function',
      () => key.sign(message, { hash: 'sha256' as never }),
      TypeError,
    ],
    ['a non-boolean lowS', () => pub.verify(message, signature(), { lowS: 1 as never }), TypeError],
    ['a bad extraEntropy', () => key.sign(message, { extraEntropy: 'yes' as never }), TypeError],
    ['options that are not an object', () => key.sign(message, 'der' as never), TypeError],
    ['a digest of the wrong length', () => key.signDigest(new Uint8Array(20)), RangeError],
  ] as const)('%s', (_label, run, type) => {
    expect(run).toThrow(type);
  });
  it('wrong signatures of every shape are false', () => {
    expect(pub.verify(message, new Uint8Array(0))).toBe(false);
    expect(pub.verify(message, signature().subarray(1))).toBe(false);
    expect(pub.verify(message, signature(), { format: 'p1363' })).toBe(false);
    expect(pub.verify(message, new Uint8Array(64), { format: 'p1363' })).toBe(false);
    const changed = signature().slice();
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

// Mutation testing (group ecdsa-sign): each misuse names the argument and what was wrong, and
// options that only signing reads are ignored by verify. Vectors: hand-built from
// src/ecdsa/ecdsa.ts's documented errors.
describe('misuse messages and the options each side reads', () => {
  const pub = key.publicKey;
  it.each([
    [
      'a string message',
      () => key.sign('hello' as never),
      /^message must be a Uint8Array, got string$/,
    ],
    [
      'a string digest',
      () => key.signDigest('hello' as never),
      /^digest must be a Uint8Array, got string$/,
    ],
    [
      'a verify message that is an Array',
      () => pub.verify([1] as never, new Uint8Array(8)),
      /^message must be a Uint8Array, got Array$/,
    ],
    [
      'a verifyDigest digest that is a number',
      () => pub.verifyDigest(1 as never, new Uint8Array(8)),
      /^digest must be a Uint8Array, got number$/,
    ],
    [
      'a signature that is a string',
      () => pub.verify(message, 'abc' as never),
      /^signature must be a Uint8Array, got string$/,
    ],
    [
      'options that are a string',
      () => key.sign(message, 'der' as never),
      /^options must be an object, got string$/,
    ],
    [
      'options that are null',
      () => key.sign(message, null as never),
      /^options must be an object, got null$/,
    ],
    [
      'options that are an Array',
      () => key.sign(message, [] as never),
      /^options must be an object, got Array$/,
    ],
    [
      'verify options that are an Array',
      () => pub.verify(message, new Uint8Array(8), [] as never),
      /^options must be an object, got Array$/,
    ],
    [
      'a non-boolean lowS',
      () => key.sign(message, { lowS: 'yes' as never }),
      /^options\.lowS must be a boolean, got string$/,
    ],
    [
      'an extraEntropy string',
      () => key.sign(message, { extraEntropy: 'yes' as never }),
      /^options\.extraEntropy must be a boolean or a Uint8Array, got string$/,
    ],
    [
      'an unknown format',
      () => key.sign(message, { format: 'raw' as never }),
      /^options\.format must be 'der' or 'p1363', got 'raw'$/,
    ],
    [
      'a SHA-256 digest for SHA-384',
      () => key.signDigest(sha256(message), { hash: sha384 }),
      /^digest must be 48 bytes long \(the output of SHA-384\), got 32$/,
    ],
    [
      'ecdsaVerify: a null signature',
      () => ecdsaVerify(G, sha256(message), null as never),
      /^signature must be an object \{ r, s \}, got null$/,
    ],
    [
      'ecdsaVerify: a string signature',
      () => ecdsaVerify(G, sha256(message), 'rs' as never),
      /^signature must be an object \{ r, s \}, got string$/,
    ],
    [
      'ecdsaVerify: a number r',
      () => ecdsaVerify(G, sha256(message), { r: 1, s: 1n } as never),
      /^signature\.r and signature\.s must be bigints$/,
    ],
    [
      'ecdsaVerify: a number s',
      () => ecdsaVerify(G, sha256(message), { r: 1n, s: 1 } as never),
      /^signature\.r and signature\.s must be bigints$/,
    ],
    [
      'ecdsaVerify: a string digest',
      () => ecdsaVerify(G, 'abc' as never, { r: 1n, s: 1n }),
      /^digest must be a Uint8Array, got string$/,
    ],
    [
      'ecdsaSign: a string digest',
      () => ecdsaSign(1n, 'abc' as never),
      /^digest must be a Uint8Array, got string$/,
    ],
  ] as const)('%s', (_label, run, message) => {
    expect(run).toThrow(message);
  });
  it('verify ignores extraEntropy, which only signing reads (any value, even one sign refuses)', () => {
    const signature = key.sign(message);
    expect(pub.verify(message, signature, { extraEntropy: 'yes' } as never)).toBe(true);
    expect(
      ecdsaVerify(key.publicKey.point, sha256(message), decodeSignature(signature), {
        extraEntropy: 7,
      } as never),
    ).toBe(true);
  });
  it('ecdsaSign ignores format and returns a frozen { r, s }; options may be omitted', () => {
    const digest = sha256(message);
    const plain = ecdsaSign(0x1f2e3d4c5b6a7988n, digest);
    expect(Object.isFrozen(plain)).toBe(true);
    expect(ecdsaSign(0x1f2e3d4c5b6a7988n, digest, { format: 'p1363' })).toEqual(plain);
    expect(decodeSignature(key.sign(message))).toEqual(plain);
  });
});

// Mutation testing (group ecdsa-sign): verification at its boundaries, on signatures made to order.
// For any point R and any u1, u2 ∈ [1, n − 1], the public key Q = u2⁻¹·(R − u1·G), the claimed
// r, s = r·u2⁻¹ and e = u1·s make verify compute w = s⁻¹, e·w = u1, r·w = u2 and so exactly
// R = u1·G + u2·Q (SEC 1 §4.1.4 steps 4–5): verify must then answer whether x(R) mod n = r,
// whatever r is claimed. Vectors: derived here from FIPS 186-5 §6.4.2 and the curve equation of
// SEC 2 §2.4.2 (the points with x = 0, 5, p − n and n + 3 lie on P-256; x = 1, n and n + 1 do
// not, so no valid signature has r = 1, and x(R) = n never happens).
describe('verification at its boundaries (signatures made to order)', () => {
  const pointWithX = (x: bigint): AffinePoint => {
    const y = fieldSqrt((((x * x * x - 3n * x + b) % p) + p) % p);
    if (y === null) throw new Error(`no point with x = ${x}`);
    return { x, y };
  };
  function madeToOrder(R: AffinePoint, r: bigint, u1: bigint, u2: bigint) {
    const inverse = modInverseVartime(u2, n);
    const Q = scalarMultiply(inverse, pointAdd(R, pointNegate(scalarMultiply(u1, G))));
    const s = (r * inverse) % n;
    const digest = bigIntToBytes((u1 * s) % n, 32); // e, as the SHA-256 digest bits2int reads
    const p1363 = new Uint8Array([...bigIntToBytes(r, 32), ...bigIntToBytes(s, 32)]);
    return { Q, digest, signature: { r, s }, p1363 };
  }
  const verifyBoth = (made: ReturnType<typeof madeToOrder>, lowS = false): boolean => {
    const study = ecdsaVerify(made.Q, made.digest, made.signature, { lowS });
    const protocol = PublicKey.fromPoint(made.Q).verifyDigest(made.digest, made.p1363, {
      format: 'p1363',
      lowS,
    });
    expect(protocol).toBe(study);
    return study;
  };
  it('x(R) mod n = r is valid; r = x(R) + p − n (so that r + n ≡ x(R) mod p) is not', () => {
    const R = pointWithX(5n);
    expect(verifyBoth(madeToOrder(R, 5n, 0x1234n, 0x5678n))).toBe(true);
    expect(verifyBoth(madeToOrder(R, 5n + p - n, 0x1234n, 0x5678n))).toBe(false);
    // R = (0, √b) and r = p − n: r + n = p ≡ 0 = x(R), but x(R) mod n = 0 ≠ r
    expect(verifyBoth(madeToOrder(pointWithX(0n), p - n, 0x1234n, 0x5678n))).toBe(false);
  });
  it('x(R) ≥ n: r = x(R) − n is valid (the second comparison, r + n < p); x(R) = p − n, r + n = p, only the first', () => {
    const R = pointWithX(n + 3n); // on the curve; x(R) mod n = 3
    expect(verifyBoth(madeToOrder(R, 3n, 0x1234n, 0x5678n))).toBe(true);
    expect(verifyBoth(madeToOrder(R, 3n, 3n, 7n))).toBe(true);
    const S = pointWithX(p - n); // x(S) = p − n < n: r = x(S) itself
    expect(verifyBoth(madeToOrder(S, p - n, 3n, 7n))).toBe(true);
  });
  it('s = 1 is in range and can be valid (u2 = r)', () => {
    const R = pointWithX(5n);
    const made = madeToOrder(R, 5n, 0xabcn, 5n);
    expect(made.signature.s).toBe(1n);
    expect(verifyBoth(made)).toBe(true);
  });
  it('lowS: s = ⌊n/2⌋ is low and accepted, s = ⌊n/2⌋ + 1 is high and refused', () => {
    const R = pointWithX(5n);
    for (const [s, low] of [
      [n >> 1n, true],
      [(n >> 1n) + 1n, false],
    ] as const) {
      const u2 = (5n * modInverseVartime(s, n)) % n; // so that s = r·u2⁻¹
      const made = madeToOrder(R, 5n, 0x777n, u2);
      expect(made.signature.s).toBe(s);
      expect(verifyBoth(made)).toBe(true);
      expect(verifyBoth(made, true)).toBe(low);
    }
  });
  it('a small r with x(R) mod n ≠ r is invalid (r + n < p holds, the second comparison decides)', () => {
    expect(verifyBoth(madeToOrder(pointWithX(5n), 7n, 0x1234n, 0x5678n))).toBe(false);
  });
  it('ecdsaVerify refuses r and s outside [1, n − 1] even where the equation would hold', () => {
    // Out of range (SEC 1 §4.1.4 step 1): r + p (made to order: without the range check it
    // verifies), r − n (negative), s + n, s − n and 0: all must be plainly false, never throw.
    const made = madeToOrder(pointWithX(5n), 5n, 0x1234n, 0x5678n);
    const { r, s } = made.signature;
    expect(ecdsaVerify(made.Q, made.digest, { r, s })).toBe(true);
    // r + p with its own s and e (the same R, u1, u2): r + p ≡ r (mod p), so r·Z² ≡ X holds.
    const wide = madeToOrder(pointWithX(5n), 5n + p, 0x1234n, 0x5678n);
    expect(ecdsaVerify(wide.Q, wide.digest, wide.signature)).toBe(false);
    for (const bad of [
      { r: r - n, s },
      { r, s: s + n },
      { r, s: s - n },
      { r, s: 0n },
    ]) {
      expect(ecdsaVerify(made.Q, made.digest, bad)).toBe(false);
    }
  });
  it('R = O (u1·G + u2·Q at infinity, e = −r·d) is invalid', () => {
    const d = 0x1f2e3d4c5b6a7988n;
    const Q = scalarMultiply(d, G);
    const r = 0x1234n;
    const digest = bigIntToBytes((n - ((r * d) % n)) % n, 32);
    expect(ecdsaVerify(Q, digest, { r, s: 0x99n })).toBe(false);
  });
});

// Mutation testing (group ecdsa-sign): one signing attempt with a chosen nonce (FIPS 186-5
// §6.4.1 steps 5–8). s = k⁻¹(e + r·d) is 0 exactly when e ≡ −r·d (mod n): that attempt must
// give no signature, so that the caller takes the next k. Vectors: derived here.
describe('signWithNonce: the s = 0 case', () => {
  it('e = −r·d mod n gives undefined; e + 1 gives (r, k⁻¹)', () => {
    const d = 0x1f2e3d4c5b6a7988n;
    const k = 0xc0ffeen;
    const { r } = signWithNonce(d, 1n, k)!;
    const e = (n - ((r * d) % n)) % n;
    expect(signWithNonce(d, e, k)).toBeUndefined();
    expect(signWithNonce(d, (e + 1n) % n, k)).toEqual({ r, s: modInverseVartime(k, n) });
  });
});

describe('ecdsaSign reads extraEntropy (RFC 6979 §3.6)', () => {
  it('fixed extra bytes give the hedged signature, and a bad value is refused', () => {
    const d = 0x1f2e3d4c5b6a7988n;
    const digest = sha256(message);
    const extra = utf8ToBytes('some extra data');
    const hedged = ecdsaSign(d, digest, { extraEntropy: extra });
    expect(hedged).not.toEqual(ecdsaSign(d, digest));
    expect(hedged).toEqual(decodeSignature(key.sign(message, { extraEntropy: extra })));
    expect(() => ecdsaSign(d, digest, { extraEntropy: 'yes' as never })).toThrow(TypeError);
  });
});

// Mutants of src/ecdsa/ecdsa.ts no test can kill (group ecdsa-sign; the reasoning, not a run):
//   - signWithNonce's `R.x >= n ? R.x - n : R.x` as `R.x > n`: x = n is not the x of any P-256
//     point (n³ − 3n + b is not a square mod p), so R.x = n never happens.
//   - the same with the condition `false` (or `R.x + n`, never reached by a test): it matters only
//     when x(k·G) ≥ n, and only about one k in 2^128 gives that; no k with a known x(k·G) ≥ n is
//     known (finding one is a discrete logarithm), so no test can choose it.
//   - `if (r === 0n) return undefined` as `if (false)`: r = 0 needs x(k·G) = 0 (x = n is not on the
//     curve), i.e. k·G = (0, ±√b), whose discrete logarithm nobody knows.
//   - signWithScalar's `if (signature === undefined) continue` as `if (false)`: it would need an
//     RFC 6979 k giving r = 0 (above) or s = 0, i.e. a digest whose own nonce satisfies
//     e ≡ −r·d (mod n), which takes about n tries of the hash; signWithNonce's s = 0 case itself
//     is tested above.
//   - the low-S flip `s > HALF_N` as `s >= HALF_N` when signing: it differs only when s = ⌊n/2⌋
//     exactly, as likely as the above (verify's own `>`/`>=` is killed by the made-to-order test).
//   - verifyWithPoint's `if (R.Z === 0n) return false` as `if (false)`: a Jacobian point with
//     Z = 0 has X ≠ 0 (O is (t², t³, 0), t ≠ 0), so with Z² = 0 both comparisons compare 0 with a
//     non-zero X and return false anyway (the R = O test above runs it).
//   - ecdsaVerify's `r >= 1n` as `r > 1n` and `r < n` as `r <= n`: no valid signature has r = 1
//     (neither x = 1 nor x = n + 1 is on the curve), and with r = n the comparisons need x(R) = n
//     (not on the curve) or 2n < p (false).
//   - ecdsaVerify's `r >= 1n` as `true` (r ≤ 0 let through): not proved equivalent, but no test
//     found. r = 0 cannot verify (x(R) = n is not on the curve); a negative r makes u2 = r·w % n
//     negative (BigInt's % keeps the sign), and Straus's method (curve/straus.ts) reads a negative
//     scalar's binary string as garbage digits, so R is not u2·Q and the comparison fails (the
//     r − n case above runs it).
//   - readOptions' `extraEntropy.slice()` as `extraEntropy`: the copy protects the caller's bytes
//     from a signer that would write into them, and signing never writes into them, synchronously.
