// Chapter 1, on P-256's field: p's special form, the inverse by the fixed addition chain
// (Fermat) against extended Euclid, and the square root that decompresses a point.
import {
  G,
  P256,
  fieldInverse,
  fieldInverseVartime,
  fieldMul,
  fieldSqrt,
  fieldSquare,
  fieldSub,
  fieldAdd,
  formatNumber,
} from 'ecdh-lab/math';

export function main(): void {
  const { p, b } = P256;
  console.log(
    `p = 2^256 − 2^224 + 2^192 + 2^96 − 1: ${p === 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n}`,
  );
  console.log(`p = ${formatNumber(p)}`);
  console.log(`p mod 4 = ${p % 4n}`);

  const a = G.x;
  const viaFermat = fieldInverse(a); //       a^(p−2): 255 squarings, 12 multiplications, for every a
  const viaEuclid = fieldInverseVartime(a); // extended Euclid: faster, but its steps depend on a
  console.log(`Gx⁻¹ (Fermat chain)  = ${formatNumber(viaFermat)}`);
  console.log(`Gx⁻¹ (ext. Euclid)   = ${formatNumber(viaEuclid)}`);
  console.log(`Gx · Gx⁻¹ mod p = ${fieldMul(a, viaFermat)}`);

  // Decompression: y = √(x³ − 3x + b) with x = Gx gives ±Gy.
  const rhs = fieldAdd(fieldSub(fieldMul(fieldSquare(a), a), fieldAdd(fieldAdd(a, a), a)), b);
  const r = fieldSqrt(rhs)!;
  console.log(`√(Gx³ − 3·Gx + b) = ${formatNumber(r)}`);
  console.log(
    `that is ${r === G.y ? 'Gy' : r === p - G.y ? 'p − Gy (the other root)' : 'neither root?!'}`,
  );
}
