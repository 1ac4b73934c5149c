// Chapter 10: Curve25519 in Montgomery form, v² = u³ + A·u² + u over F_p with p = 2^255 − 19:
// the field's reduction by folding 2^255 ≡ 19, the constants, the base point and its order,
// the group law at work, and the twist.
import {
  CURVE25519,
  CURVE25519_BASE_POINT as B,
  CURVE25519_INFINITY as O,
  curve25519Add,
  curve25519Multiply,
  curve25519PointFromU,
  field25519Reduce,
  isOnCurve25519,
  mod,
  formatNumber,
} from 'ecdh-lab/math';

const bits = (x: bigint) => x.toString(2).length;

export function main(): void {
  const { p, A, a24, n, h } = CURVE25519;
  console.log(`p = 2^255 − 19 = ${formatNumber(p)}`);

  // 2^255 ≡ 19 (mod p): x = hi·2^255 + lo ≡ lo + 19·hi. A product of two elements, folded twice.
  const x = (p - 1n) * (p - 2n); // ≡ (−1)·(−2) = 2
  const once = (x & (2n ** 255n - 1n)) + 19n * (x >> 255n);
  const twice = field25519Reduce(x);
  console.log(`x = (p − 1)·(p − 2): ${bits(x)} bits`);
  console.log(`fold once  (lo + 19·hi): ${bits(once)} bits`);
  const shown = twice >= p ? `p + ${twice - p}` : String(twice); // below 2^256, not always below p
  console.log(`fold twice: ${shown}   (x mod p = ${mod(x, p)}; no division anywhere)`);

  console.log(`A = ${A},  a24 = (A − 2)/4 = ${a24}`);
  console.log(`B = (${B.u}, ${formatNumber(B.v)})`);
  console.log(`B on v² = u³ + A·u² + u: ${isOnCurve25519(B)}`);
  console.log(`n = 2^252 + ${n - 2n ** 252n}`);
  console.log(`n·B = O: ${curve25519Multiply(n, B) === O};  the curve has h·n points, h = ${h}`);

  const B2 = curve25519Add(B, B); //       tangent: λ = (3u² + 2A·u + 1)/(2v)
  const B3 = curve25519Add(B2, B); //      chord:   λ = (v2 − v1)/(u2 − u1)
  console.log(`u(2B) = ${formatNumber(B2.u)}`);
  console.log(`u(3B) = ${formatNumber(B3.u)}`);

  // A u lifts to a point when u³ + A·u² + u is a square; otherwise it is a point of the twist.
  let lifted = 0;
  for (let u = 1n; u <= 200n; u++) if (curve25519PointFromU(u) !== null) lifted++;
  console.log(`u = 1 … 200: ${lifted} on the curve, ${200 - lifted} on the twist`);
}
