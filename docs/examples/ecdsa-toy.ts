// Chapter 9: ECDSA on the toy curve (n = 233), every number small enough to check by hand
// (the trace that traceEcdsa records). Then the modular arithmetic spelled out.
import { renderEcdsa, traceEcdsa } from 'ecdh-lab/math';

export function main(): void {
  const t = traceEcdsa('toy', { d: 17n, message: 'hello, ecdsa' });
  for (const line of renderEcdsa(t)) console.log(line);
  const n = t.n;
  console.log('');
  console.log('by hand (mod n = 233):');
  console.log(
    `  k·k⁻¹ = ${t.k}·${t.kInverse} = ${t.k * t.kInverse} = ${(t.k * t.kInverse) / n}·233 + ${(t.k * t.kInverse) % n}`,
  );
  console.log(`  e + r·d = ${t.e} + ${t.r}·${t.d} = ${t.e + t.r * t.d} ≡ ${t.numerator}`);
  console.log(`  s = ${t.kInverse}·${t.numerator} = ${t.kInverse * t.numerator} ≡ ${t.s}`);
  console.log(`  s·w = ${t.s}·${t.w} = ${t.s * t.w} ≡ ${(t.s * t.w) % n}`);
  console.log(`  u1 + u2·d = ${t.u1} + ${t.u2}·${t.d} = ${t.u1 + t.u2 * t.d} ≡ ${t.combined} = k`);
}
