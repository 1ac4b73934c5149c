/**
 * The invalid-curve attack as the playground plays it (src/playground/attack.ts): the queries
 * are the ones chapter 5 of the tour prints (docs/tour/05-ecdh.md), the attack recovers every
 * possible toy key from a server that skips validation, ecdh-lab's rule refuses every query,
 * and on P-256 the order-3 point leaks d mod 3 to the textbook law and is refused by PublicKey.
 */
import { INFINITY, isOnCurve, pointAdd, pointDouble, scalarMultiply } from '../../src/curve/affine';
import { P256 } from '../../src/curve/p256';
import { TOY } from '../../src/curve/toy';
import {
  attackQueries,
  ecdhLabP256,
  naiveP256,
  naiveServer,
  p256OrderThreePoint,
  recoverKey,
  residueOf,
  validatingServer,
} from '../../src/playground/attack';

const queries = attackQueries();

describe('the toy attack', () => {
  it("plans the tour's four queries: b' = 0, 1, 3, 5 with r = 2, 3, 13, 5", () => {
    expect(queries.map((q) => [q.b, q.groupOrder, q.r, q.Q])).toEqual([
      [0n, 224n, 2n, { x: 0n, y: 0n }],
      [1n, 213n, 3n, { x: 27n, y: 47n }],
      [3n, 234n, 13n, { x: 151n, y: 148n }],
      [5n, 210n, 5n, { x: 156n, y: 173n }],
    ]);
    for (const q of queries) {
      expect(scalarMultiply(q.r, q.Q, q.curve)).toBe(INFINITY);
      expect(isOnCurve(q.Q, q.curve)).toBe(true);
      expect(isOnCurve(q.Q, TOY)).toBe(false);
    }
  });
  it('recovers every key d in [1, n − 1] from the naive server, and ecdh-lab refuses every query', () => {
    for (let d = 1n; d < TOY.n!; d++) {
      const residues = queries.map((q) => ({ r: q.r, e: residueOf(naiveServer(d, q.Q), q) }));
      for (const [i, { r, e }] of residues.entries()) {
        expect([d % r, (r - (d % r)) % r]).toContain(e % r);
        expect(r).toBe(queries[i].r);
      }
      const found = recoverKey(residues, scalarMultiply(d, TOY.G!, TOY));
      expect({ d, candidates: found.candidates }).toEqual({ d, candidates: [d] });
      expect(found).toMatchObject({ tried: 16, modulus: 390n });
    }
    for (const q of queries) expect(validatingServer(q.Q).accepted).toBe(false);
    expect(validatingServer(TOY.G!).accepted).toBe(true);
  });
});

describe('the P-256 point of order 3', () => {
  const { Q, curve } = p256OrderThreePoint();
  it('has order 3 on its own curve and is not on P-256', () => {
    expect(pointAdd(pointDouble(Q, curve), Q, curve)).toBe(INFINITY);
    expect(isOnCurve(Q, P256)).toBe(false);
    expect(curve.a).toBe(P256.a);
  });
  it('the textbook law leaks d mod 3; PublicKey refuses the point with INVALID_POINT', () => {
    for (const d of [1000n, 1001n, 1002n]) {
      const R = naiveP256(d, Q);
      const e = R === INFINITY ? 0n : R.y === Q.y ? 1n : 2n;
      expect(e).toBe(d % 3n);
    }
    expect(ecdhLabP256(Q).code).toBe('INVALID_POINT');
    expect(ecdhLabP256(P256.G!).code).toBeNull();
  });
});
