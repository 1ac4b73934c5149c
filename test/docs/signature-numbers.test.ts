/**
 * The toy-curve numbers printed in chapter 9 (docs/tour/09-signatures.md), checked against
 * test/explain/toy-oracle.ts (brute-force point arithmetic, inverses by search), which shares
 * no code with src/, and node:crypto's SHA-256.
 */
import * as crypto from 'node:crypto';
import { runExample } from '../../docs/tools/build-docs';
import { multiply, show, type ToyPoint } from '../explain/toy-oracle';

const G: ToyPoint = [4, 27];
const N = 233;
const inverse = (x: number): number => {
  for (let y = 1; y < N; y++) if ((((x * y) % N) + N) % N === 1) return y;
  throw new Error('no inverse');
};
const e = (message: string): number => crypto.createHash('sha256').update(message).digest()[0];

describe('chapter 9 on the toy curve', () => {
  it('the signature by hand: Q, R, r, s and the verification point', () => {
    const out = runExample('ecdsa-toy');
    expect(out).toContain(`public key Q = d·G = ${show(multiply(17, G))}`);
    const k = Number(/k = RFC 6979 nonce for \(d, SHA-256\(M\)\) = (\d+)/.exec(out)![1]);
    const R = multiply(k, G)!;
    const r = R[0] % N;
    const s = (inverse(k) * (e('hello, ecdsa') + r * 17)) % N;
    expect(out).toContain(`R = k·G = ${show(R)}`);
    expect(out).toContain(`signature (r, s) = (${r}, ${s})`);
    expect(out).toContain(`R' = u1·G + u2·Q = ${show(R)}`);
    expect(out).toContain(`k·k⁻¹ = ${k}·${inverse(k)} = ${k * inverse(k)}`);
  });

  it('the nonce-reuse recovery: both signatures, k = 100 and d = 17', () => {
    const out = runExample('nonce-reuse-toy');
    const k = 100;
    const r = multiply(k, G)![0] % N;
    for (const message of ['pay Bob 10 coins', 'pay Bob 20 coins']) {
      const s = (inverse(k) * (e(message) + r * 17)) % N;
      expect(out).toContain(
        `"${message}": e${message.includes('10') ? 1 : 2} = ${e(message)}, signature (r, s`,
      );
      expect(out).toContain(`= (${r}, ${s})`);
    }
    expect(out).toMatch(/mod 233 = 100\n/);
    expect(out).toMatch(/mod 233 = 17\n/);
    expect(out).toContain(`17·G = ${show(multiply(17, G))} = Q: true`);
  });
});
