// Chapter 5, at full size: a point of order 3 on y² = x³ − 3x + b' over P-256's field.
// A point of order 3 is a flex: its x is a root of the 3-division polynomial
// ψ3(x) = 3x⁴ + 6a·x² + 12b'·x − a², so for a chosen x, b' = (a² − 3x⁴ − 6a·x²) / (12x).
import type { CryptoError } from 'ecdh-lab';
import {
  G,
  INFINITY,
  P256,
  fieldSqrt,
  mod,
  modInverseVartime,
  referenceLadder,
  pointAdd,
  pointDouble,
  publicPointFromScalar,
  sharedSecret,
  type AffinePoint,
  formatNumber,
} from 'ecdh-lab/math';

export function main(): void {
  const { p, a } = P256;
  let Q: AffinePoint | undefined;
  let bPrime = 0n;
  for (let x = 1n; Q === undefined; x++) {
    bPrime = mod((a * a - 3n * x ** 4n - 6n * a * x * x) * modInverseVartime(12n * x, p), p);
    if (mod(4n * a ** 3n + 27n * bPrime * bPrime, p) === 0n) continue; // singular curve: skip
    const y = fieldSqrt(mod(x ** 3n + a * x + bPrime, p)); // null: the point is on the twist, try the next x
    if (y !== null && y !== 0n) Q = { x, y };
  }
  const curve = { p, a, b: bPrime };
  console.log(`Q = (${Q.x}, ${formatNumber(Q.y)})`);
  console.log(`b' = ${formatNumber(bPrime)}`);
  console.log(
    `2Q = −Q: ${pointDouble(Q, curve).y === p - Q.y}, so 3Q = O: ${pointAdd(pointDouble(Q, curve), Q, curve) === INFINITY}`,
  );

  // An unvalidated multiplication (the library's plain ladder, called directly) leaks d mod 3.
  for (const d of [1000n, 1001n, 1002n]) {
    const R = referenceLadder(d, Q); // no validation on this path: the bug being demonstrated
    const e = R === INFINITY ? 0 : R.y === Q.y ? 1 : 2;
    console.log(
      `d = ${d}: d·Q = ${R === INFINITY ? 'O' : e === 1 ? 'Q' : '−Q'} → d mod 3 = ${e} (really ${d % 3n})`,
    );
  }

  // sharedSecret validates first (SP 800-56A §5.6.2.3.3): Q never reaches the ladder.
  try {
    sharedSecret(1000n, Q);
    console.log('sharedSecret accepted Q?!');
  } catch (error) {
    console.log(
      `sharedSecret(d, Q) throws ${(error as CryptoError).code}: ${(error as Error).message}`,
    );
  }
  console.log(
    `a valid key still works: ${sharedSecret(1000n, publicPointFromScalar(3n)).length} bytes; G valid: ${sharedSecret(2n, G).length === 32}`,
  );
}
