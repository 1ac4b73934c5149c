/**
 * The toy-curve numbers printed in the tour, checked against test/explain/toy-oracle.ts
 * (brute-force enumeration, inverses by search, naive double-and-add), which shares no code
 * with src/.
 */
import { runExample } from '../../docs/tools/build-docs';
import { enumerate, inverse, multiply, show, A, P, type ToyPoint } from '../explain/toy-oracle';

const G: ToyPoint = [4, 27];

describe('tour numbers on the toy curve', () => {
  it('chapter 1: 17⁻¹ = 105 and the square roots of 60', () => {
    const out = runExample('field-toy');
    expect(out).toContain(`a^(p−2) = ${inverse(17)}`);
    const roots = [...Array(P).keys()].filter((r) => (r * r) % P === 60);
    expect(out).toContain(`(${roots[1]} and ${roots[0]})`);
    expect([...Array(P).keys()].some((r) => (r * r) % P === 5)).toBe(false);
    expect(out).toContain('a = 5: ');
    expect(out).toMatch(/a = 5: .*not a square/);
  });

  it('chapter 2: #E = 233, 2G, 3G, −G', () => {
    const out = runExample('curve-toy');
    expect(out).toContain(`#E(F_223) = ${enumerate().length + 1} points`);
    const lambda = ((3 * 16 + A) * inverse(54)) % P;
    expect(out).toContain(
      `= ${lambda}; x = ${multiply(2, G)![0]}, y = ${multiply(2, G)![1]}; pointDouble gives ${show(multiply(2, G))}`,
    );
    expect(out).toContain(`pointAdd gives ${show(multiply(3, G))}`);
    expect(out).toContain(`−G = ${show(multiply(232, G))}`);
  });

  it('chapter 3: Jacobian 2G maps back to the oracle 2G', () => {
    const out = runExample('jacobian');
    expect(out).toContain(`affine   2G = ${show(multiply(2, G))}`);
    expect(out).toContain(`back to affine: (X/Z², Y/Z³) = ${show(multiply(2, G))}`);
    expect(out).toContain('1024·G by 10 doublings');
    expect(out).toMatch(/same point: true/);
  });

  it('chapter 4: double-and-add results for 13, 200, 128, 127', () => {
    const out = runExample('double-and-add');
    for (const k of [13, 200, 128, 127]) {
      const ops = [...k.toString(2)].map((b) => (b === '1' ? 'DA' : 'D')).join('');
      expect(out).toContain(`double-and-add: ${ops.padEnd(16)} → ${show(multiply(k, G))}`);
    }
  });

  it('chapter 5: the toy exchange, and the invalid-curve attack rows', () => {
    const ecdh = runExample('ecdh-toy');
    expect(ecdh).toContain(`QA = dA·G = ${show(multiply(17, G))}`);
    expect(ecdh).toContain(`Alice: dA·QB = ${show(multiply(17, multiply(42, G)))}`);

    const out = runExample('invalid-curve-toy');
    const d = 157;
    expect(out).toContain(`d·G = ${show(multiply(d, G))}`);
    const rows = out.split('\n').filter((l) => /^\d+\s+\d+\s+\d+\s+\(/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    let product = 1;
    for (const row of rows) {
      const [b, order, r] = row.split(/\s+/).map(Number);
      const Q = row
        .match(/\((\d+), (\d+)\)/)!
        .slice(1)
        .map(Number) as [number, number];
      expect(enumerate(b).length + 1).toBe(order); // #E' by brute force
      expect(order % r).toBe(0);
      expect(multiply(r, Q, P)).toBeNull(); //         Q has order r …
      expect(Q[1] !== 0 || r === 2).toBe(true);
      // … on y² = x³ − 3x + b' (the oracle's add never uses b, exactly like the victim's ladder)
      expect((((Q[1] * Q[1] - (Q[0] ** 3 + A * Q[0] + b)) % P) + P) % P).toBe(0);
      const R = multiply(d % r, Q);
      expect(row).toContain(show(R) === 'O' ? ' O ' : show(R));
      const e = Number(row.match(/e = (\d+)/)![1]);
      expect([d % r, (r - (d % r)) % r]).toContain(e);
      product *= r;
    }
    expect(product).toBeGreaterThan(233);
    expect(out).toContain(`recovered d = ${d}`);
    expect(out).toMatch(/0 accepted/);
  });
});
