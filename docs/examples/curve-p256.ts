// Chapter 2, on P-256: the constants and what can be checked about them with the library.
import {
  G,
  INFINITY,
  P256,
  isOnCurve,
  pointDouble,
  scalarMultiply,
  formatNumber,
} from 'ecdh-lab/math';

export function main(): void {
  const { p, a, b, h } = P256;
  const n = P256.n!; // optional in the Curve type, always set for P-256
  console.log(`a = p − 3: ${a === p - 3n}`);
  console.log(`b = ${formatNumber(b)}`);
  console.log(`n = ${formatNumber(n)}`);
  console.log(`h = ${h}`);
  console.log(`G on the curve: ${isOnCurve(G)}`);
  // Hasse: #E = p + 1 − t with |t| ≤ 2√p; with h = 1, #E = n.
  const t = p + 1n - n;
  console.log(`t = p + 1 − n = ${formatNumber(t)} (${t.toString(2).length} bits; 2√p has 129)`);
  console.log(`n·G is O: ${scalarMultiply(n, G) === INFINITY}`);
  const D = pointDouble(G);
  console.log(`2G = (${formatNumber(D.x)},`);
  console.log(`      ${formatNumber(D.y)})`);
}
