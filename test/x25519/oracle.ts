/**
 * An independent X25519 ladder for the tests: the y-coordinate-free formulas of Montgomery
 * (1987) done naively, on affine u with a division per step (extended Euclid) and an `if` for
 * every special case. It shares no code with src/x25519 (plain BigInt and src/math/modular.ts
 * only), and works on the twist as well as on the curve (the formulas never look at v).
 *
 *   u(2P)     = (u² − 1)² / (4u·(u² + A·u + 1))                 (2P ≠ O)
 *   u(P + Q)  = (u_P·u_Q − 1)² / (u_(P−Q)·(u_P − u_Q)²)          (P ≠ ±Q, P − Q ≠ O)
 * with O written as null. The ladder keeps R0 = j·P, R1 = (j+1)·P, so P − Q is always the
 * input point.
 */
import { mod, modInverseVartime } from '../../src/math/modular';

const p = 2n ** 255n - 19n;
const A = 486662n;
const div = (a: bigint, b: bigint) => mod(a * modInverseVartime(b, p), p);

/** u(2P) from u(P) (null for O). */
function xDouble(u: bigint | null): bigint | null {
  if (u === null) return null; //                       2·O = O
  const d = mod(4n * u * (u * u + A * u + 1n), p);
  if (d === 0n) return null; //                         u = 0: (0, 0) has order 2 (u² + Au + 1 has no root)
  return div((u * u - 1n) ** 2n, d);
}

/** u(P + Q) from u(P), u(Q) and u(P − Q) (null for O). */
function xAdd(uP: bigint | null, uQ: bigint | null, uDiff: bigint): bigint | null {
  if (uP === null) return uQ; //                        O + Q = Q
  if (uQ === null) return uP; //                        P + O = P
  if (uP === uQ) return null; //                        P = −Q (P = Q would need P − Q = O ≠ the input)
  if (uDiff === 0n) throw new Error('oracle: unreachable (one of R0, R1 is O when P = (0, 0))');
  return div((uP * uQ - 1n) ** 2n, uDiff * (uP - uQ) ** 2n);
}

/** u(k·P) by the textbook ladder on affine u, branching on every bit; 0 for O (RFC 7748). */
export function oracleLadder(k: bigint, u: bigint): bigint {
  const P = mod(u, p);
  let R0: bigint | null = null; // O
  let R1: bigint | null = P;
  for (const bit of k.toString(2)) {
    if (bit === '1') [R0, R1] = [xAdd(R0, R1, P), xDouble(R1)];
    else [R0, R1] = [xDouble(R0), xAdd(R0, R1, P)];
  }
  return R0 ?? 0n;
}
