/**
 * The playground's curves (src/playground/small-curve.ts) and its traced double-and-add
 * (src/playground/double-and-add.ts), against brute force and the library's affine law
 * (src/curve/affine.ts): the points of a curve are exactly those isOnCurve accepts, a point's
 * order divides #E, the line through P and Q meets the curve again at −(P + Q), and singular
 * curves are refused.
 */
import { INFINITY, isOnCurve, pointAdd, pointNegate, scalarMultiply } from '../../src/curve/affine';
import { TOY } from '../../src/curve/toy';
import { mod } from '../../src/math/modular';
import { traceDoubleAndAdd } from '../../src/playground/double-and-add';
import {
  checkCurve,
  curveEquation,
  curvePoints,
  lineThrough,
  linePoints,
  pointOrder,
  samePoint,
  type SmallCurve,
} from '../../src/playground/small-curve';

function curve(p: bigint, a: bigint, b: bigint): SmallCurve {
  const check = checkCurve(p, a, b);
  if (!check.ok) throw new Error(check.reason);
  return check.curve;
}
const toy = curve(TOY.p, TOY.a, TOY.b);

describe('checkCurve', () => {
  it('accepts the toy curve, written with a = −3', () => {
    expect(toy).toMatchObject({ p: 223n, a: 220n, b: 8n, name: 'y² = x³ − 3x + 8 over F_223' });
  });
  it('refuses a modulus that is not a prime above 3, or too large to draw', () => {
    for (const p of [0n, 1n, 2n, 3n, 4n, 221n, 1023n])
      expect(checkCurve(p, 1n, 1n)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not a prime/),
      });
    expect(checkCurve(1031n, 1n, 1n)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/too large/),
    });
  });
  it('refuses every singular curve (4a³ + 27b² ≡ 0), with the reason', () => {
    const p = 31n;
    for (let a = 0n; a < p; a++) {
      for (let b = 0n; b < p; b++) {
        const singular = mod(4n * a ** 3n + 27n * b * b, p) === 0n;
        const check = checkCurve(p, a, b);
        expect({ a, b, ok: check.ok }).toEqual({ a, b, ok: !singular });
        if (!check.ok) expect(check.reason).toMatch(a === 0n && b === 0n ? /cusp/ : /node/);
      }
    }
    expect(checkCurve(223n, -3n, 2n)).toMatchObject({ ok: false }); // the tour's skipped b' = 2
  });
  it('writes the equation with small signed coefficients', () => {
    expect(curveEquation(0n, 7n, 223n)).toBe('y² = x³ + 7');
    expect(curveEquation(1n, 222n, 223n)).toBe('y² = x³ + x − 1');
    expect(curveEquation(2n, 0n, 17n)).toBe('y² = x³ + 2x');
  });
});

describe('curvePoints and pointOrder', () => {
  for (const [p, a, b] of [
    [223n, -3n, 8n],
    [17n, 2n, 2n],
    [101n, 0n, 7n],
    [5n, 1n, 1n],
  ] as const) {
    it(`y² = x³ + ${a}x + ${b} over F_${p}: the points are exactly those isOnCurve accepts; orders divide #E`, () => {
      const c = curve(p, a, b);
      const points = curvePoints(c);
      const brute = [];
      for (let x = 0n; x < p; x++)
        for (let y = 0n; y < p; y++) if (isOnCurve({ x, y }, c)) brute.push({ x, y });
      expect(points).toEqual(brute);
      const order = BigInt(points.length + 1);
      for (const P of points) {
        const m = pointOrder(P, c);
        expect(order % m).toBe(0n);
        expect(scalarMultiply(m, P, c)).toBe(INFINITY);
      }
    });
  }
  it('the toy curve has 232 points plus O, and G has order n = 233', () => {
    expect(curvePoints(toy)).toHaveLength(232);
    expect(pointOrder(TOY.G!, toy)).toBe(233n);
  });
});

describe('lineThrough', () => {
  const points = curvePoints(toy);
  it('for every pair (P, Q) from a sample: the third point is on the line and the curve, and is −(P + Q)', () => {
    const sample = points.filter((_, i) => i % 9 === 0);
    for (const P of sample) {
      for (const Q of sample) {
        const line = lineThrough(P, Q, toy);
        expect(samePoint(line.sum, pointAdd(P, Q, toy))).toBe(true);
        if (line.kind === 'vertical') {
          expect(samePoint(Q, pointNegate(P, toy))).toBe(true);
          expect(line.third).toBe(INFINITY);
          continue;
        }
        expect(line.kind).toBe(samePoint(P, Q) ? 'tangent' : 'chord');
        const on = linePoints(line.lambda!, P, toy);
        expect(on).toHaveLength(223);
        for (const R of [P, Q, line.third]) expect(on.some((L) => samePoint(L, R))).toBe(true);
        expect(isOnCurve(line.third, toy)).toBe(true);
        expect(mod(line.rise! - line.lambda! * line.run!, toy.p)).toBe(0n);
      }
    }
  });
  it('has no line through O', () => {
    expect(() => lineThrough(INFINITY, TOY.G!, toy)).toThrow(RangeError);
  });
});

describe('traceDoubleAndAdd', () => {
  it('does one operation per 0 bit and two per 1 bit, and agrees with scalarMultiply', () => {
    expect(traceDoubleAndAdd(13n, TOY.G!, TOY).steps.map((s) => s.operations.length)).toEqual([
      2, 2, 1, 2,
    ]);
    for (let k = 0n; k < 300n; k++) {
      const trace = traceDoubleAndAdd(k, TOY.G!, TOY);
      expect(trace.agrees).toBe(true);
      expect(trace.additions).toBe([...k.toString(2)].filter((c) => c === '1').length);
      expect(trace.doublings).toBe(k === 0n ? 0 : k.toString(2).length);
      expect(trace.steps.at(-1)?.j ?? 0n).toBe(k);
    }
  });
});
