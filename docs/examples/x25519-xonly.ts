// Chapter 10: why u alone is enough. P and −P share their u, so do k·P and k·(−P). Doubling
// needs u(P) only; adding needs u(P), u(Q) and u(P − Q) — which the ladder always knows.
import {
  CURVE25519,
  CURVE25519_BASE_POINT as B,
  curve25519Multiply,
  curve25519Negate,
  mod,
  modInverseVartime,
  x25519Ladder,
  formatNumber,
} from 'ecdh-lab/math';

const { p, A } = CURVE25519;
const div = (a: bigint, b: bigint) => mod(a * modInverseVartime(b, p), p);
// u(2P) = (u² − 1)² / (4u·(u² + A·u + 1))
const xDouble = (u: bigint) => div((u * u - 1n) ** 2n, 4n * u * (u * u + A * u + 1n));
// u(P + Q) = (u_P·u_Q − 1)² / (u_(P−Q)·(u_P − u_Q)²)
const xAdd = (uP: bigint, uQ: bigint, uDiff: bigint) =>
  div((uP * uQ - 1n) ** 2n, uDiff * (uP - uQ) ** 2n);

export function main(): void {
  const minusB = curve25519Negate(B);
  console.log(`B  = (9, ${formatNumber(B.v)})`);
  console.log(`−B = (9, ${formatNumber(minusB.v)})`);
  const k = 1000003n;
  const kB = curve25519Multiply(k, B);
  const kMinusB = curve25519Multiply(k, minusB);
  console.log(
    `u(k·B) = u(k·(−B)) for k = ${k}: ${kB.u === kMinusB.u}  (v differs: ${kB.v !== kMinusB.v})`,
  );

  const u2 = xDouble(9n);
  console.log(`u(2B) from u(B) alone:            ${formatNumber(u2)}`);
  console.log(`  = the affine tangent rule:       ${u2 === curve25519Multiply(2n, B).u}`);
  const u3 = xAdd(u2, 9n, 9n); //        2B + B, difference 2B − B = B
  console.log(`u(3B) from u(2B), u(B), u(B):     ${formatNumber(u3)}`);
  console.log(`  = the affine chord rule:         ${u3 === curve25519Multiply(3n, B).u}`);
  const u5 = xAdd(u3, u2, 9n); //        3B + 2B, difference B
  console.log(`u(5B) from u(3B), u(2B), u(B):    ${formatNumber(u5)}`);
  console.log(`  = the ladder, x25519Ladder(5, 9): ${u5 === x25519Ladder(5n, 9n)}`);
}
