/**
 * Parse, then trust, for point arguments: every function of the package's entry points that
 * takes a point reads its coordinates once, into bigints, and validates and computes on that
 * one copy. The probes are objects (and Proxies) whose getters answer differently on a second
 * read: G first, then an off-curve point such as (5, Gy). A function that read twice would
 * validate G and then keep or compute on the other point.
 *
 * The case that motivated this file: `PublicKey.fromPoint` validated one read of the point and
 * stored a second read, so a getter object left a key with x = 5 (off the curve) that `toJwk()`
 * exported. Vectors: G and its multiples (SEC 2 §2.4.2 / FIPS 186-5 D.1.2.3), computed here.
 */
import * as root from '../../src/index';
import * as math from '../../src/math';
import { expectCryptoError } from '../support/errors';
import type { EcJwk } from '../../src/keys/jwk';

const { G, P256, INFINITY, encodePoint, coZLadder } = math;
const { PublicKey, PrivateKey, bytesToHex } = root;
const Gx = G.x;
const Gy = G.y;

/** G on the first read of each coordinate, (5, Gy) afterwards; counts the reads. */
function switching(first = G, later: math.AffinePoint = { x: 5n, y: Gy }) {
  const counter = { reads: 0 };
  let xReads = 0;
  let yReads = 0;
  const point = {
    get x() {
      counter.reads++;
      return xReads++ === 0 ? first.x : later.x;
    },
    get y() {
      counter.reads++;
      return yReads++ === 0 ? first.y : later.y;
    },
  } as math.AffinePoint;
  return { point, counter };
}

/** The same through a Proxy (no own getters to inspect). */
function switchingProxy() {
  const counter = { reads: 0 };
  const seen = new Set<PropertyKey>();
  const point = new Proxy({} as math.AffinePoint, {
    get(_target, key) {
      if (key !== 'x' && key !== 'y') return undefined;
      counter.reads++;
      const firstRead = !seen.has(key);
      seen.add(key);
      if (key === 'x') return firstRead ? Gx : 5n;
      return Gy;
    },
  });
  return { point, counter };
}

describe('PublicKey keeps the point it validated (keys/)', () => {
  it('fromPoint: a getter showing G, then x = 5, gives the key of G, read once', () => {
    const { point, counter } = switching();
    const key = PublicKey.fromPoint(point);
    expect(counter.reads).toBe(2);
    expect(key.point).toEqual(G);
    expect(Object.isFrozen(key.point)).toBe(true);
    const ofG = PublicKey.fromPoint(G);
    expect(key.equals(ofG)).toBe(true);
    expect(key.toJwk()).toEqual(ofG.toJwk()); // the review's case: toJwk exported x = 5
    expect(bytesToHex(key.toRaw())).toBe(bytesToHex(ofG.toRaw()));
    expect(key.toPem()).toBe(ofG.toPem());
    expect(math.isOnCurve(key.point)).toBe(true);
  });
  it('fromPoint: the same through a Proxy', () => {
    const { point, counter } = switchingProxy();
    const key = PublicKey.fromPoint(point);
    expect(counter.reads).toBe(2);
    expect(key.point).toEqual(G);
  });
  it('fromPoint: off-curve on the first read is refused even when later reads show G', () => {
    const { point } = switching({ x: 5n, y: Gy }, G);
    expectCryptoError(() => PublicKey.fromPoint(point), 'INVALID_POINT');
  });
  it('exchange and verify run on the stored copy: the same results as with G', () => {
    const me = PrivateKey.fromRaw(new Uint8Array(32).fill(7));
    const key = PublicKey.fromPoint(switching().point);
    expect(bytesToHex(me.exchange(key))).toBe(bytesToHex(me.exchange(PublicKey.fromPoint(G))));
    // G's private key is 1: a signature by d = 1 verifies under the key kept.
    const one = new Uint8Array(32);
    one[31] = 1;
    const message = root.utf8ToBytes('read once');
    expect(key.verify(message, PrivateKey.fromRaw(one).sign(message))).toBe(true);
  });
  it('fromJwk reads each member once (a JWK whose x changes after the first read)', () => {
    const ofG = PublicKey.fromPoint(G).toJwk() as EcJwk;
    let reads = 0;
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      get x() {
        reads++;
        return reads === 1 ? ofG.x : 'AAAA';
      },
      y: ofG.y,
    };
    expect(PublicKey.fromJwk(jwk).equals(PublicKey.fromPoint(G))).toBe(true);
    expect(reads).toBe(1);
  });
});

/**
 * Every function of the entry points that takes a point, with how to call it on a point and
 * whether it validates (then the reverse probe, off-curve first, must be refused).
 */
type Probe = { call: (P: math.AffinePoint) => unknown; validates?: boolean };
const d = 0x1234567890abcdefn;
const digest = root.sha256(root.utf8ToBytes('abc'));
const signature = math.ecdsaSign(1n, digest); // by d = 1, whose public key is G
const AFFINE: Record<string, Probe> = {
  'ecdh-lab PublicKey.fromPoint': { call: (P) => PublicKey.fromPoint(P).toRaw(), validates: true },
  'ecdh-lab/math isOnCurve': { call: (P) => math.isOnCurve(P) },
  'ecdh-lab/math pointAdd (P)': { call: (P) => math.pointAdd(P, G) },
  'ecdh-lab/math pointAdd (Q)': { call: (P) => math.pointAdd(G, P) },
  'ecdh-lab/math pointDouble': { call: (P) => math.pointDouble(P) },
  'ecdh-lab/math pointNegate': { call: (P) => math.pointNegate(P) },
  'ecdh-lab/math scalarMultiply': { call: (P) => math.scalarMultiply(5n, P) },
  'ecdh-lab/math toJacobian': { call: (P) => math.toAffine(math.toJacobian(P)) },
  'ecdh-lab/math jacobianMixedAdd': {
    call: (P) => math.toAffine(math.jacobianMixedAdd(math.toJacobian(G), P)),
  },
  'ecdh-lab/math coZLadder': { call: (P) => coZLadder(d, P) },
  'ecdh-lab/math referenceLadder': { call: (P) => math.referenceLadder(d, P) },
  'ecdh-lab/math doubleAndAdd': { call: (P) => math.doubleAndAdd(d, P) },
  'ecdh-lab/math encodePoint': { call: (P) => encodePoint(P, false), validates: true },
  'ecdh-lab/math assertValidPublicPoint': {
    call: (P) => math.assertValidPublicPoint(P),
    validates: true,
  },
  'ecdh-lab/math sharedSecret': { call: (P) => math.sharedSecret(d, P), validates: true },
  'ecdh-lab/math ecdsaVerify': {
    call: (P) => math.ecdsaVerify(P, digest, signature),
    validates: true,
  },
  'ecdh-lab/math ecdsaVerifyReference': {
    call: (P) =>
      math.ecdsaVerifyReference(math.bits2int(digest, P256.n), P, signature.r, signature.s),
  },
  'ecdh-lab/math doubleScalarMultiplyVartime': {
    call: (P) => math.doubleScalarMultiplyVartime(3n, 5n, P),
  },
  'ecdh-lab/math traceLadder': {
    call: (P) => {
      const t = math.traceLadder(13n, P);
      return [t.P, t.result, t.check.equal, t.steps.every((s) => s.invariantHolds)];
    },
  },
  'ecdh-lab/math formatPoint': { call: (P) => math.formatPoint(P) },
};

describe('every entry point that takes a P-256 point reads it once', () => {
  it.each(Object.keys(AFFINE))('%s: computes on the first read (G), 2 reads', (name) => {
    const { call } = AFFINE[name];
    const expected = call(G);
    const { point, counter } = switching();
    expect(call(point)).toEqual(expected);
    expect(counter.reads).toBe(2);
  });
  it.each(Object.keys(AFFINE).filter((name) => AFFINE[name].validates))(
    '%s: refuses a point that is off the curve on its first read',
    (name) => {
      const { point } = switching({ x: 5n, y: Gy }, G);
      expectCryptoError(() => AFFINE[name].call(point), 'INVALID_POINT');
    },
  );
  it('ecdsaVerifyReference: off-curve on the first read is not valid (false), G afterwards or not', () => {
    const { point } = switching({ x: 5n, y: Gy }, G);
    expect(AFFINE['ecdh-lab/math ecdsaVerifyReference'].call(point)).toBe(false);
    expect(AFFINE['ecdh-lab/math isOnCurve'].call(switching({ x: 5n, y: Gy }, G).point)).toBe(
      false,
    );
  });
  it('INFINITY is recognised by identity, never by reading its coordinates', () => {
    expect(math.isInfinity(INFINITY)).toBe(true);
    expect(math.pointAdd(INFINITY, G)).toEqual(G);
  });

  it('Jacobian points (X, Y, Z) are read once too', () => {
    const J = math.toJacobian(math.pointDouble(G));
    const probe = () => {
      const counter = { reads: 0 };
      const seen = new Set<string>();
      const point = new Proxy({} as math.JacobianPoint, {
        get(_t, key) {
          if (key !== 'X' && key !== 'Y' && key !== 'Z') return undefined;
          counter.reads++;
          const first = !seen.has(key);
          seen.add(key);
          return first ? J[key] : 5n;
        },
      });
      return { point, counter };
    };
    const calls: ((P: math.JacobianPoint) => unknown)[] = [
      (P) => math.toAffine(P),
      (P) => math.toAffine(math.jacobianNegate(P)),
      (P) => math.toAffine(math.jacobianDouble(P)),
      (P) => math.toAffine(math.jacobianAdd(P, math.toJacobian(G))),
      (P) => math.toAffine(math.jacobianAdd(math.toJacobian(G), P)),
      (P) => math.toAffine(math.jacobianMixedAdd(P, G)),
      (P) => math.jacobianEquals(P, J),
    ];
    for (const call of calls) {
      const { point, counter } = probe();
      expect(call(point)).toEqual(call(J));
      expect(counter.reads).toBe(3);
    }
  });

  it('Curve25519 points (u, v) are read once too', () => {
    const B = math.CURVE25519_BASE_POINT;
    const probe = () => {
      const counter = { reads: 0 };
      const seen = new Set<string>();
      const point = new Proxy({} as math.Curve25519Point, {
        get(_t, key) {
          if (key !== 'u' && key !== 'v') return undefined;
          counter.reads++;
          const first = !seen.has(key);
          seen.add(key);
          return first ? B[key] : 5n;
        },
      });
      return { point, counter };
    };
    const calls: ((P: math.Curve25519Point) => unknown)[] = [
      (P) => math.isOnCurve25519(P),
      (P) => math.curve25519Negate(P),
      (P) => math.curve25519Double(P),
      (P) => math.curve25519Add(P, B),
      (P) => math.curve25519Add(B, P),
      (P) => math.curve25519Multiply(7n, P),
    ];
    for (const call of calls) {
      const { point, counter } = probe();
      expect(call(point)).toEqual(call(B));
      expect(counter.reads).toBe(2);
    }
  });

  it('the table above is complete: every exported function with a point parameter is in it', () => {
    // Parameter names as compiled (P, Q, point): a new point-taking export must join a table.
    const covered = new Set([
      ...Object.keys(AFFINE).map((name) => name.split(' ')[1].replace(/^PublicKey\./, '')),
      'isInfinity', // identity only
      'toAffine',
      'jacobianNegate',
      'jacobianDouble',
      'jacobianAdd',
      'jacobianEquals',
      'isOnCurve25519',
      'curve25519Negate',
      'curve25519Add',
      'curve25519Double',
      'curve25519Multiply',
    ]);
    const missing: string[] = [];
    const check = (name: string, fn: unknown) => {
      if (typeof fn !== 'function') return;
      const head = Function.prototype.toString.call(fn).split('{')[0];
      const params = head.slice(head.indexOf('(') + 1, head.lastIndexOf(')'));
      const names = params.split(',').map((p) => p.split('=')[0].trim());
      if (names.some((p) => p === 'P' || p === 'Q' || p === 'point') && !covered.has(name))
        missing.push(name);
    };
    for (const ns of [root, math] as Record<string, unknown>[])
      for (const [name, value] of Object.entries(ns)) {
        check(name, value);
        if (typeof value === 'function')
          for (const key of Object.getOwnPropertyNames(value))
            if (key !== 'prototype' && key !== 'length' && key !== 'name')
              check(key, (value as unknown as Record<string, unknown>)[key]);
      }
    expect(missing).toEqual([]);
  });
});
