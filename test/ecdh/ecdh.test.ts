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
import { G, Gx, Gy, n, p } from '../../src/curve/p256';

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
