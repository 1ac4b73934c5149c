// Chapter 10: why X25519 clamps its scalar. A hostile peer can send a point with a small-order
// part; an unclamped key would then leak k mod 8. Clamping makes k a multiple of 8, which
// erases that part, and sets bit 254 so that every key has the same length.
import { type CryptoError, x25519 } from 'ecdh-lab';
import {
  CURVE25519,
  CURVE25519_BASE_POINT as B,
  CURVE25519_INFINITY as O,
  curve25519Add,
  curve25519Multiply,
  curve25519PointFromU,
  decodeScalar25519,
  encodeUCoordinate,
  x25519Ladder,
  formatNumber,
} from 'ecdh-lab/math';

export function main(): void {
  const { n } = CURVE25519;
  // A point of order 8: n·Q for a point Q of the curve whose n·Q still has order 8.
  let T8 = O;
  for (let u = 3n; T8 === O || curve25519Multiply(4n, T8) === O; u++) {
    const Q = curve25519PointFromU(u);
    if (Q !== null) T8 = curve25519Multiply(n, Q);
  }
  console.log(`T8 = n·Q has order 8: 8·T8 = O: ${curve25519Multiply(8n, T8) === O}`);

  // The peer sends P' = P + T8 instead of an honest P (both u-coordinates look like any other).
  const P = curve25519Multiply(1234567n, B);
  const hostile = curve25519Add(P, T8);
  const row = (k: bigint) =>
    x25519Ladder(k, hostile.u) === x25519Ladder(k, P.u) ? 'same' : 'differs';
  const secret = 2n ** 254n + 123456789n; // an unclamped key, k mod 8 = 5
  const answers = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((r) => `${r}: ${row(secret - 5n + r)}`);
  console.log(`u(k·P') against u(k·P), by k mod 8 — ${answers.join(', ')}`);
  console.log(`  (the T8 part survives unless 8 | k: what comes back reveals k mod 8)`);

  const scalar = new Uint8Array(32).fill(0xab);
  const k = decodeScalar25519(scalar);
  console.log(`clamped k = ${formatNumber(k)}`);
  console.log(`k mod 8 = ${k % 8n}, bit 254 = ${(k >> 254n) & 1n}, k < 2^255: ${k < 2n ** 255n}`);
  console.log(
    `u(k·P') = u(k·P) after clamping: ${x25519Ladder(k, hostile.u) === x25519Ladder(k, P.u)}`,
  );

  // The point T8 itself (or any point of order 1, 2, 4, 8) is sent to O: an all-zero secret.
  console.log(`u(k·T8) = ${x25519Ladder(k, T8.u)}`);
  try {
    x25519(scalar, encodeUCoordinate(T8.u));
  } catch (error) {
    console.log(
      `x25519(key, u(T8)) refused: ${(error as CryptoError).code} — ${(error as Error).message}`,
    );
  }
}
