/**
 * Argument checks on every exported function of src/curve (junk-typed inputs go to
 * every public function): a wrong type is a TypeError naming the argument, a coordinate outside
 * [0, p − 1] a RangeError (where the function feeds the unchecked field operations). Also: each
 * point argument is read exactly once (a getter cannot show a check one point and the
 * arithmetic another), and the unchecked / variable-time helpers agree with the checked forms.
 */
import {
  INFINITY,
  isOnCurve,
  pointAdd,
  pointDouble,
  pointNegate,
  readAffinePoint,
  scalarMultiply,
  type AffinePoint,
} from '../../src/curve/affine';
import { coZAdd, coZAddConjugate } from '../../src/curve/coz';
import { fixedBaseMultiply } from '../../src/curve/fixed-base';
import {
  JACOBIAN_INFINITY,
  jacobianAdd,
  jacobianDouble,
  jacobianEquals,
  jacobianMixedAdd,
  jacobianNegate,
  toAffine,
  toJacobian,
} from '../../src/curve/jacobian';
import { toAffineVartime } from '../../src/curve/jacobian-formulas';
import { doubleAndAdd, coZLadder, referenceLadder } from '../../src/curve/ladder';
import { G, Gx, Gy, P256, p } from '../../src/curve/p256';
import { expectCryptoError } from '../support/errors';

const junkPoints: unknown[] = [
  null,
  undefined,
  1,
  'G',
  1n,
  { x: 1, y: 2 },
  { x: Gx },
  { X: Gx, Y: Gy },
];
const junkJacobian: unknown[] = [
  null,
  undefined,
  1,
  'G',
  { X: 1, Y: 1, Z: 1 },
  { X: 1n, Y: 1n },
  { x: Gx, y: Gy },
];
const as = <T>(v: unknown) => v as T;
const GJ = toJacobian(G);

describe('curve functions reject junk points with TypeError', () => {
  const affineCalls: [string, (v: unknown) => unknown][] = [
    ['isOnCurve', (v) => isOnCurve(as(v))],
    ['pointNegate', (v) => pointNegate(as(v))],
    ['pointDouble', (v) => pointDouble(as(v))],
    ['pointAdd P', (v) => pointAdd(as(v), G)],
    ['pointAdd Q', (v) => pointAdd(G, as(v))],
    ['scalarMultiply', (v) => scalarMultiply(2n, as(v))],
    ['toJacobian', (v) => toJacobian(as(v))],
    ['jacobianMixedAdd Q', (v) => jacobianMixedAdd(GJ, as(v))],
    ['coZLadder', (v) => coZLadder(2n, as(v))],
    ['referenceLadder', (v) => referenceLadder(2n, as(v))],
    ['doubleAndAdd', (v) => doubleAndAdd(2n, as(v))],
  ];
  it.each(affineCalls)('%s', (_name, call) => {
    for (const junk of junkPoints) expect(() => call(junk)).toThrow(TypeError);
  });
  const jacobianCalls: [string, (v: unknown) => unknown][] = [
    ['toAffine', (v) => toAffine(as(v))],
    ['jacobianNegate', (v) => jacobianNegate(as(v))],
    ['jacobianDouble', (v) => jacobianDouble(as(v))],
    ['jacobianAdd P', (v) => jacobianAdd(as(v), GJ)],
    ['jacobianAdd Q', (v) => jacobianAdd(GJ, as(v))],
    ['jacobianMixedAdd P', (v) => jacobianMixedAdd(as(v), G)],
    ['jacobianEquals P', (v) => jacobianEquals(as(v), GJ)],
    ['jacobianEquals Q', (v) => jacobianEquals(GJ, as(v))],
  ];
  it.each(jacobianCalls)('%s', (_name, call) => {
    for (const junk of junkJacobian) expect(() => call(junk)).toThrow(TypeError);
    expect(() => call({ X: p, Y: 1n, Z: 1n })).toThrow(RangeError);
    expect(() => call({ X: 1n, Y: -1n, Z: 1n })).toThrow(RangeError);
  });
  it('coZAdd / coZAddConjugate', () => {
    for (const f of [coZAdd, coZAddConjugate]) {
      for (const junk of [null, 1, { X1: 1n }, { X1: 1, Y1: 1, X2: 1, Y2: 1, Z: 1 }])
        expect(() => f(as(junk))).toThrow(TypeError);
      expect(() => f({ X1: p, Y1: 1n, X2: 2n, Y2: 3n, Z: 1n })).toThrow(RangeError);
    }
  });
  it('scalars: TypeError for a non-bigint, RangeError out of range; the curve argument is checked', () => {
    for (const f of [coZLadder, referenceLadder, doubleAndAdd]) {
      expect(() => f(as(2), G)).toThrow(new TypeError('k must be a bigint, got number'));
      expect(() => f(-1n, G)).toThrow(RangeError);
    }
    expect(() => fixedBaseMultiply(as('1'))).toThrow(TypeError);
    expectCryptoError(() => fixedBaseMultiply(0n), 'INVALID_SCALAR'); // a private key: as everywhere
    expect(() => pointAdd(G, G, as({ p: 1 }))).toThrow(TypeError);
    expect(() => isOnCurve(G, as(null))).toThrow(TypeError);
  });
  it('coordinates outside [0, p − 1] are a RangeError where they would feed the unchecked field code', () => {
    expect(() => coZLadder(2n, { x: p, y: Gy })).toThrow(RangeError);
    expect(() => toJacobian({ x: Gx, y: -1n })).toThrow(RangeError);
    expect(isOnCurve({ x: Gx + p, y: Gy })).toBe(false); // a predicate: out of range is simply "not on the curve"
  });
});

describe('each point argument is read once', () => {
  /** An object whose x and y return G the first time they are read and (1, 2) afterwards. */
  function switching(): AffinePoint & { reads: number } {
    let reads = 0;
    return {
      get reads() {
        return reads;
      },
      get x() {
        reads++;
        return reads <= 1 ? Gx : 1n;
      },
      get y() {
        reads++;
        return reads <= 2 ? Gy : 2n;
      },
    } as AffinePoint & { reads: number };
  }
  it('readAffinePoint returns a frozen copy, INFINITY as itself', () => {
    const P = switching();
    const copy = readAffinePoint(P, 'P');
    expect(P.reads).toBe(2);
    expect(copy).toEqual(G);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(readAffinePoint(INFINITY, 'P')).toBe(INFINITY);
  });
  it('coZLadder, referenceLadder, doubleAndAdd, pointAdd and isOnCurve compute on what they read first', () => {
    expect(coZLadder(3n, switching())).toEqual(coZLadder(3n, G));
    expect(referenceLadder(3n, switching())).toEqual(coZLadder(3n, G));
    expect(doubleAndAdd(3n, switching())).toEqual(coZLadder(3n, G));
    expect(pointAdd(switching(), G)).toEqual(pointDouble(G));
    expect(isOnCurve(switching())).toBe(true);
  });
});

describe('toAffineVartime (public points only) agrees with toAffine', () => {
  it('on multiples of G and on infinity', () => {
    let P = GJ;
    for (let i = 0; i < 20; i++) {
      expect(toAffineVartime(P)).toEqual(toAffine(P));
      P = jacobianAdd(jacobianDouble(P), GJ);
    }
    expect(toAffineVartime(JACOBIAN_INFINITY)).toBe(INFINITY);
    expect(P256.G).toBe(G);
  });
});
