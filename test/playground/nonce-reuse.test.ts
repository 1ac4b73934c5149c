/**
 * The reused-nonce recovery of the playground's ECDSA view (src/playground/nonce-reuse.ts):
 * two signatures by the textbook signer (src/ecdsa/reference.ts) with one k give back k and d,
 * for every k on the toy curve (the tour's chapter 9 example: d = 17, k = 100), for random d, k
 * and messages on the toy curve (fast-check, 1000 runs) and on P-256 (fast-check, 50 runs: each
 * run signs twice with the affine reference). Equal representatives (e1 ≡ e2) give undefined.
 */
import fc from 'fast-check';
import { utf8ToBytes } from '../../src/bytes';
import { P256 } from '../../src/curve/p256';
import { TOY } from '../../src/curve/toy';
import { ecdsaSignReference } from '../../src/ecdsa/reference';
import { bits2int } from '../../src/ecdsa/rfc6979';
import { sha256 } from '../../src/hash/sha256';
import { recoverFromReusedNonce } from '../../src/playground/nonce-reuse';

const e = (message: string, n: bigint) => bits2int(sha256(utf8ToBytes(message)), n);

/** Signs both messages with (d, k) and recovers; undefined when the reference refuses this k. */
function roundTrip(d: bigint, k: bigint, m1: string, m2: string, curve = TOY) {
  const n = curve.n!;
  const [e1, e2] = [e(m1, n), e(m2, n)];
  let one: { r: bigint; s: bigint };
  let two: { r: bigint; s: bigint };
  try {
    one = ecdsaSignReference(e1, d, k, curve);
    two = ecdsaSignReference(e2, d, k, curve);
  } catch (error) {
    if (error instanceof RangeError) return { refused: true as const };
    throw error;
  }
  expect(one.r).toBe(two.r); // r = x(k·G) mod n: the same k, the same r
  return {
    refused: false as const,
    same: (e1 - e2) % n === 0n,
    found: recoverFromReusedNonce({ n, e1, e2, r: one.r, s1: one.s, s2: two.s }),
  };
}

describe('recoverFromReusedNonce', () => {
  const [m1, m2] = ['pay Bob 10 coins', 'pay Bob 20 coins'];

  it("the tour's example: d = 17, k = 100 on the toy curve", () => {
    expect(roundTrip(17n, 100n, m1, m2).found).toEqual({ k: 100n, d: 17n });
  });

  it('every k in [1, n − 1] on the toy curve (d = 17): k and d, or a refusal the signer made', () => {
    let recovered = 0;
    for (let k = 1n; k < TOY.n!; k++) {
      const result = roundTrip(17n, k, m1, m2);
      if (result.refused) continue;
      expect(result.found).toEqual({ k, d: 17n });
      recovered++;
    }
    expect(recovered).toBeGreaterThan(220);
  });

  it('the same message twice: undefined (one equation)', () => {
    expect(roundTrip(17n, 100n, m1, m1)).toEqual({ refused: false, same: true, found: undefined });
  });

  it('random d, k and messages on the toy curve (1000 runs)', () => {
    const n = TOY.n!;
    fc.assert(
      fc.property(
        fc.bigInt(1n, n - 1n),
        fc.bigInt(1n, n - 1n),
        fc.string(),
        fc.string(),
        (d, k, a, b) => {
          const result = roundTrip(d, k, a, b);
          if (result.refused) return;
          if (result.same) expect(result.found).toBeUndefined();
          else expect(result.found).toEqual({ k, d });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random d, k and messages on P-256 (50 runs)', () => {
    const n = P256.n!;
    fc.assert(
      fc.property(
        fc.bigInt(1n, n - 1n),
        fc.bigInt(1n, n - 1n),
        fc.string(),
        fc.string(),
        (d, k, a, b) => {
          fc.pre(a !== b);
          const result = roundTrip(d, k, a, b, P256);
          expect(result).toEqual({ refused: false, same: false, found: { k, d } });
        },
      ),
      { numRuns: 50 },
    );
  });
});
