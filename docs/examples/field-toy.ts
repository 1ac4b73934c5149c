// Chapter 1: arithmetic in F_223 — an inverse two ways, and a square root because 223 ≡ 3 (mod 4).
import { mod, modPow, renderInverse, traceInverse } from 'ecdh-lab/math';

export function main(): void {
  const p = 223n;
  // 17⁻¹ by Fermat (17^221) and by extended Euclid: the same table `ecdh-lab explain field` prints.
  for (const line of renderInverse(traceInverse(17n, p))) console.log(line);

  // Square roots: p ≡ 3 (mod 4), so r = a^((p+1)/4) is a root whenever a is a square.
  console.log('');
  console.log(`p mod 4 = ${p % 4n}, (p+1)/4 = ${(p + 1n) / 4n}`);
  for (const a of [60n, 5n]) {
    const euler = modPow(a, (p - 1n) / 2n, p); // Euler's criterion: 1 for a square, p − 1 for a non-square
    const r = modPow(a, (p + 1n) / 4n, p);
    const ok = mod(r * r, p) === a;
    console.log(
      `a = ${a}: a^((p−1)/2) = ${euler}, r = a^56 = ${r}, r² = ${mod(r * r, p)} → ${ok ? `√${a} = ±${r} (${r} and ${p - r})` : 'not a square'}`,
    );
  }
}
