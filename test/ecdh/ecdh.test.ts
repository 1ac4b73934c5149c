/**
 * Tests for src/ecdh/ecdh.ts and src/ecdh/validate.ts: the SEC 1 §3.3.1 primitive against
 * node:crypto createECDH('prime256v1') (fast-check, 1000 runs each), validation per
 * SP 800-56A rev3 §5.6.2.3.3, edge scalars, and bad input.
 */
import { createECDH } from 'node:crypto';
import fc from 'fast-check';
import { CryptoError } from '../../src/errors';
import { publicPointFromScalar, randomScalar, sharedSecret } from '../../src/ecdh/ecdh';
import { assertValidPublicPoint, parsePublicPoint } from '../../src/ecdh/validate';
import { assertScalarRange } from '../../src/math/scalar';
import { decodePoint, encodePoint } from '../../src/curve/encoding';
import { INFINITY, pointNegate, scalarMultiply } from '../../src/curve/affine';
import { G, Gx, Gy, b, n, p } from '../../src/curve/p256';
import { fieldSqrt } from '../../src/math/field';

const RUNS = { numRuns: 1000 };
const scalar = fc.bigInt({ min: 1n, max: n - 1n });
const toBytes = (d: bigint) => Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
const code = (c: string) => expect.objectContaining({ name: 'CryptoError', code: c });

describe('publicPointFromScalar (SEC 1 §3.2.1) against node:crypto', () => {
  it('d·G matches getPublicKey for 1000 random d', () => {
    const ecdh = createECDH('prime256v1');
    fc.assert(
      fc.property(scalar, (d) => {
        ecdh.setPrivateKey(toBytes(d));
        return Buffer.from(encodePoint(publicPointFromScalar(d), false)).equals(
          ecdh.getPublicKey(),
        );
      }),
      RUNS,
    );
  });
  it('edge scalars 1, 2, n − 2, n − 1 (against the affine reference); 0 and n rejected', () => {
    for (const d of [1n, 2n, 3n, 15n, 16n, 17n, n - 3n, n - 2n, n - 1n]) {
      const expected = d > n / 2n ? pointNegate(scalarMultiply(n - d, G)) : scalarMultiply(d, G);
      expect(publicPointFromScalar(d)).toEqual(expected);
    }
    for (const d of [0n, n, n + 1n, -1n])
      expect(() => publicPointFromScalar(d)).toThrow(code('INVALID_SCALAR'));
    expect(() => publicPointFromScalar(1 as unknown as bigint)).toThrow(TypeError);
  });
});

describe('sharedSecret (SEC 1 §3.3.1, SP 800-56A §5.7.1.2) against node:crypto', () => {
  it('equals computeSecret for 1000 random key pairs, and is symmetric', () => {
    const alice = createECDH('prime256v1');
    const bob = createECDH('prime256v1');
    fc.assert(
      fc.property(scalar, scalar, (dA, dB) => {
        alice.setPrivateKey(toBytes(dA));
        bob.setPrivateKey(toBytes(dB));
        const QB = decodePoint(new Uint8Array(bob.getPublicKey()));
        const Z = sharedSecret(dA, QB);
        expect(Z.length).toBe(32);
        expect(Buffer.from(Z).equals(alice.computeSecret(bob.getPublicKey()))).toBe(true);
        return true;
      }),
      RUNS,
    );
  });
  it('is symmetric: x(dA·dB·G) from both sides (our public keys only)', () => {
    fc.assert(
      fc.property(scalar, scalar, (dA, dB) =>
        Buffer.from(sharedSecret(dA, publicPointFromScalar(dB))).equals(
          sharedSecret(dB, publicPointFromScalar(dA)),
        ),
      ),
      { numRuns: 200 },
    );
  });
  it('edge scalars 1, 2, n − 2, n − 1 against node:crypto', () => {
    const ecdh = createECDH('prime256v1');
    const peer = createECDH('prime256v1');
    peer.generateKeys();
    const Q = decodePoint(new Uint8Array(peer.getPublicKey()));
    for (const d of [1n, 2n, 3n, n - 3n, n - 2n, n - 1n]) {
      ecdh.setPrivateKey(toBytes(d));
      expect(Buffer.from(sharedSecret(d, Q)).equals(ecdh.computeSecret(peer.getPublicKey()))).toBe(
        true,
      );
    }
    expect(sharedSecret(1n, G)).toEqual(toBytes(Gx));
  });
  it('the peer points with x = 0, (0, ±√b), against node:crypto (the co-Z ladder takes another route for them)', () => {
    // y² = b has a root mod p, so P-256 has two points with x = 0; the co-Z ladder's Z recovery
    // divides by x, so it computes (d/2)·(2Q) for them (src/curve/ladder.ts).
    const root = fieldSqrt(b)!;
    const ecdh = createECDH('prime256v1');
    for (const y of [root, p - root]) {
      const Q = { x: 0n, y };
      const bytes = Buffer.from(encodePoint(Q, false));
      for (const d of [
        1n,
        2n,
        3n,
        4n,
        n - 3n,
        n - 2n,
        n - 1n,
        (n + 1n) / 2n,
        0xc0ffeen,
        n - 0xc0ffeen,
      ]) {
        ecdh.setPrivateKey(toBytes(d));
        expect(Buffer.from(sharedSecret(d, Q)).equals(ecdh.computeSecret(bytes))).toBe(true);
      }
      fc.assert(
        fc.property(scalar, (d) => {
          ecdh.setPrivateKey(toBytes(d));
          return Buffer.from(sharedSecret(d, Q)).equals(ecdh.computeSecret(bytes));
        }),
        { numRuns: 100 },
      );
    }
  });
  it('rejects bad scalars (INVALID_SCALAR) and junk types', () => {
    for (const d of [0n, n, n + 1n, -1n, 2n ** 256n])
      expect(() => sharedSecret(d, G)).toThrow(code('INVALID_SCALAR'));
    expect(() => sharedSecret(1 as unknown as bigint, G)).toThrow(TypeError);
    expect(() => sharedSecret(1n, null as unknown as typeof G)).toThrow(TypeError);
    expect(() => sharedSecret(1n, { x: 1, y: 2 } as unknown as typeof G)).toThrow(TypeError);
  });
  it('never runs the ladder on an unvalidated point: off-curve, out-of-range, infinity (INVALID_POINT)', () => {
    const bad = [
      INFINITY,
      { x: Gx, y: Gy + 1n },
      { x: Gx + p, y: Gy },
      { x: Gx, y: Gy + p },
      { x: -1n, y: Gy },
      { x: 0n, y: 0n },
    ];
    for (const Q of bad) expect(() => sharedSecret(5n, Q)).toThrow(code('INVALID_POINT'));
    // An invalid-curve point: on y² = x³ − 3x + b' (b' = 7), of some other order.
    expect(() => sharedSecret(5n, { x: 1n, y: 2n })).toThrow(CryptoError);
  });
  it('validates and multiplies the SAME point: a getter object that shows G first and (1, 2) afterwards', () => {
    // A bug this once had: the validator read Q.x/Q.y, and the ladder read them again.
    let reads = 0;
    const switching = {
      get x() {
        reads++;
        return reads <= 1 ? Gx : 1n;
      },
      get y() {
        reads++;
        return reads <= 2 ? Gy : 2n;
      },
    } as typeof G;
    expect(sharedSecret(5n, switching)).toEqual(sharedSecret(5n, G)); // computed on G, the point validated
    expect(reads).toBe(2); // x and y were each read exactly once
    // The reverse trick (invalid first, valid afterwards) is rejected, not "repaired".
    let reads2 = 0;
    const reverse = {
      get x() {
        reads2++;
        return reads2 <= 1 ? 1n : Gx;
      },
      get y() {
        reads2++;
        return reads2 <= 2 ? 2n : Gy;
      },
    } as typeof G;
    expect(() => sharedSecret(5n, reverse)).toThrow(code('INVALID_POINT'));
  });
});

describe('validate.ts', () => {
  it('assertValidPublicPoint: SP 800-56A §5.6.2.3.3 steps 1–3; step 4 (n·Q = O) holds because h = 1', () => {
    expect(() => assertValidPublicPoint(G)).not.toThrow();
    expect(scalarMultiply(n, publicPointFromScalar(123456789n))).toBe(INFINITY);
    expect(() => assertValidPublicPoint(INFINITY)).toThrow(code('INVALID_POINT'));
    expect(() => assertValidPublicPoint({ x: p, y: Gy })).toThrow(code('INVALID_POINT'));
    expect(() => assertValidPublicPoint({ x: Gx, y: 1n })).toThrow(code('INVALID_POINT'));
    expect(() => assertValidPublicPoint('G')).toThrow(TypeError);
  });
  it('parsePublicPoint returns a frozen, validated copy read once', () => {
    const copy = parsePublicPoint({ x: Gx, y: Gy });
    expect(copy).toEqual(G);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(() => parsePublicPoint({ x: Gx, y: 1n })).toThrow(code('INVALID_POINT'));
    expect(() => parsePublicPoint(INFINITY)).toThrow(code('INVALID_POINT'));
    expect(() => parsePublicPoint({ x: 1, y: 2 })).toThrow(TypeError);
    expect(() => parsePublicPoint(null)).toThrow(TypeError);
  });
  it('assertScalarRange: 1 ≤ d ≤ n − 1', () => {
    expect(() => assertScalarRange(1n)).not.toThrow();
    expect(() => assertScalarRange(n - 1n)).not.toThrow();
    expect(() => assertScalarRange(0n)).toThrow(code('INVALID_SCALAR'));
    expect(() => assertScalarRange(n)).toThrow(code('INVALID_SCALAR'));
    expect(() => assertScalarRange(1)).toThrow(TypeError);
  });
});

describe('randomScalar', () => {
  it('is in [1, n − 1] and not constant', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 200; i++) {
      const d = randomScalar();
      expect(d >= 1n && d < n).toBe(true);
      seen.add(d);
    }
    expect(seen.size).toBe(200);
  });
});

describe('the point at infinity (mutation survivor: step 1 of validate.ts dropped)', () => {
  // INFINITY is a frozen placeholder { x: 0, y: 0 }; (0, 0) is not on P-256 (b ≠ 0), so without
  // step 1 the refusal would still come, from step 3, for the wrong reason. The message shows
  // which step refused: step 1, by name.
  it('is refused by step 1 itself, not by the on-curve check', () => {
    for (const f of [
      () => parsePublicPoint(INFINITY),
      () => assertValidPublicPoint(INFINITY),
      () => sharedSecret(5n, INFINITY),
    ])
      expect(f).toThrow(
        expect.objectContaining({
          code: 'INVALID_POINT',
          message: expect.stringMatching(/infinity/),
        }),
      );
  });
  it('no encoding reaches it: SEC 1 0x00 (the encoding of O) is refused by name, and (0, 0) is not a point', () => {
    expect(() => decodePoint(Uint8Array.of(0x00))).toThrow(
      expect.objectContaining({
        code: 'INVALID_POINT',
        message: expect.stringMatching(/infinity/),
      }),
    );
    const zeros = new Uint8Array(65);
    zeros[0] = 0x04;
    expect(() => decodePoint(zeros)).toThrow(code('INVALID_POINT'));
    expect(() => encodePoint(INFINITY, false)).toThrow(code('INVALID_POINT'));
  });
});

// Mutation testing (stryker.module.config.mjs, group validate): which step of SP 800-56A rev3
// §5.6.2.3.3 refuses a point, by its message. Step 3's on-curve check (isOnCurve) also refuses
// every point that step 1 or step 2 refuses, so a test of the code alone cannot see a mutant that
// drops or shifts a step-2 bound; the message names the step. Vectors: hand-built at the bounds of
// step 2's interval [0, p − 1] (x or y = −1, 0, p), with P-256's p, b, G from SEC 2 v2 §2.4.2
// (src/curve/p256.ts) and the two points with x = 0, (0, ±√b).
describe('validate.ts: each refusal comes from its own step', () => {
  const refusal = (point: unknown) => {
    try {
      parsePublicPoint(point);
    } catch (e) {
      expect(e).toBeInstanceOf(CryptoError);
      expect((e as CryptoError).code).toBe('INVALID_POINT');
      return (e as CryptoError).message;
    }
    throw new Error('expected a refusal');
  };
  const outside = 'validate: coordinate outside [0, p-1]';
  const offCurve = 'validate: point is not on P-256';
  it.each([
    ['x = −1', { x: -1n, y: Gy }, outside],
    ['x = p', { x: p, y: Gy }, outside],
    ['x = Gx + p', { x: Gx + p, y: Gy }, outside],
    ['y = −1', { x: Gx, y: -1n }, outside],
    ['y = p', { x: Gx, y: p }, outside],
    ['y = Gy + p', { x: Gx, y: Gy + p }, outside],
    // in [0, p − 1] but not on the curve: step 3, not step 2
    ['y = 0 (no P-256 point has y = 0)', { x: Gx, y: 0n }, offCurve],
    ['(0, 0)', { x: 0n, y: 0n }, offCurve],
    ['x = p − 1, y = Gy', { x: p - 1n, y: Gy }, offCurve],
    ['x = Gx, y = p − 1', { x: Gx, y: p - 1n }, offCurve],
    ['y = Gy + 1', { x: Gx, y: Gy + 1n }, offCurve],
  ])('%s', (_name, point, message) => {
    expect(refusal(point)).toBe(message);
  });
  it('step 1 by its message: O is refused as the point at infinity', () => {
    expect(refusal(INFINITY)).toBe('validate: public key is the point at infinity');
  });
  it('a non-point is a TypeError naming point', () => {
    expect(() => parsePublicPoint(null)).toThrow(
      new TypeError('point must be an AffinePoint, got null'),
    );
    expect(() => parsePublicPoint({ x: 1, y: 2 })).toThrow(
      new TypeError('point.x must be a bigint, got number'),
    );
  });
  it('x = 0 is inside the interval: (0, ±√b) pass, and G, −G pass', () => {
    const root = fieldSqrt(b)!;
    for (const Q of [{ x: 0n, y: root }, { x: 0n, y: p - root }, G, { x: Gx, y: p - Gy }]) {
      expect(parsePublicPoint(Q)).toEqual(Q);
      expect(() => assertValidPublicPoint(Q)).not.toThrow();
    }
  });
});
