// Chapter 2: the group law on the toy curve y² = x³ − 3x + 8 over F_223, by hand and by the library.
import {
  INFINITY,
  TOY,
  isOnCurve,
  mod,
  modInverseVartime,
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
} from 'ecdh-lab/math';

export function main(): void {
  const { p, a, b, G } = TOY;
  const P = G!;

  // Count the points by brute force: every (x, y) in F_223 × F_223, plus O.
  let count = 1;
  for (let x = 0n; x < p; x++) for (let y = 0n; y < p; y++) if (isOnCurve({ x, y }, TOY)) count++;
  console.log(
    `#E(F_223) = ${count} points (with O); n = ${TOY.n}, cofactor h = ${count / Number(TOY.n)}`,
  );
  console.log(
    `Hasse: |#E − (p + 1)| = ${Math.abs(count - Number(p + 1n))} ≤ 2√p ≈ ${(2 * Math.sqrt(Number(p))).toFixed(1)}`,
  );

  // Check G by hand: 27² mod 223 and 4³ − 3·4 + 8.
  console.log(
    `G = (${P.x}, ${P.y}): y² mod p = ${mod(P.y * P.y, p)}, x³ + a·x + b mod p = ${mod(P.x ** 3n + a * P.x + b, p)}`,
  );

  // Tangent: 2G. λ = (3x² + a) / (2y), x3 = λ² − 2x, y3 = λ(x − x3) − y.
  const lt = mod((3n * P.x * P.x + a) * modInverseVartime(2n * P.y, p), p);
  const x2 = mod(lt * lt - 2n * P.x, p);
  const y2 = mod(lt * (P.x - x2) - P.y, p);
  const D = pointDouble(P, TOY);
  console.log(
    `2G: λ = (3·${P.x}² − 3)/(2·${P.y}) = ${mod(3n * P.x * P.x + a, p)}/${2n * P.y} = ${lt}; x = ${x2}, y = ${y2}; pointDouble gives (${D.x}, ${D.y})`,
  );

  // Chord: 3G = G + 2G. λ = (y2 − y1)/(x2 − x1).
  const lc = mod((D.y - P.y) * modInverseVartime(D.x - P.x, p), p);
  const x3 = mod(lc * lc - P.x - D.x, p);
  const y3 = mod(lc * (P.x - x3) - P.y, p);
  const T = pointAdd(P, D, TOY);
  console.log(
    `3G = G + 2G: λ = (${D.y} − ${P.y})/(${D.x} − ${P.x}) = ${lc}; x = ${x3}, y = ${y3}; pointAdd gives (${T.x}, ${T.y})`,
  );

  // The point at infinity: G + (−G) = O, and n·G = O.
  const minus = pointNegate(P, TOY);
  console.log(
    `−G = (${minus.x}, ${minus.y}); G + (−G) is O: ${pointAdd(P, minus, TOY) === INFINITY}`,
  );
  console.log(
    `${TOY.n}·G is O: ${scalarMultiply(TOY.n!, P, TOY) === INFINITY}; ${TOY.n! - 1n}·G = −G: ${scalarMultiply(TOY.n! - 1n, P, TOY).y === minus.y}`,
  );
}
