/**
 * Fixed-base scalar multiplication d·G for secret d (key generation), by fixed windows of
 * w = 4 bits with one precomputed table per window (the "fixed-base windowing" of
 * Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.41, without its doublings):
 *
 *   d = Σ_{i=0}^{63} d_i · 16^i,  d_i ∈ [0, 15]   so   d·G = Σ_i d_i·(16^i·G) = Σ_i T[i][d_i]
 *   T[i][j] = j·16^i·G for j = 1 … 15            (960 affine points, built once, on first use)
 *
 * 64 mixed additions and no doublings. Each window's entry is read by a FULL SCAN: every one
 * of the 15 entries is touched and combined with a mask that is all ones only for the wanted
 * one, so the memory access pattern does not depend on d. Each entry is stored as the single
 * BigInt x + 2^256·y, so a scan step is one AND and one OR.
 *
 * Why no special case can occur: after windows 0 … i−1 the accumulator is A = (d mod 16^i)·G,
 * with 0 ≤ d mod 16^i < 16^i, and the entry is E = d_i·16^i·G. For 0 < d < n both multipliers
 * are below n and differ, and their sum is d mod 16^(i+1) ≤ d < n, so A ≠ ±E unless one of them
 * is O. The O cases (d_i = 0: nothing to add; all lower digits 0: A = O) are handled by masked
 * selection, not branches: the addition is always computed, and its result kept or not.
 *
 * What BigInt still leaks: the same caveats as the ladder (ladder.ts header). The table build
 * (≈ 20 ms once, from public data) is variable time, which is fine: G is public.
 */
import { fieldInverseVartime, fieldMul, fieldSquare } from '../math/field.js';
import { n } from '../math/scalar.js';
import { INFINITY, type AffinePoint } from './affine.js';
import { G } from './p256.js';
import { jacobianAdd, jacobianDouble, jacobianMixedAddUnchecked, toAffine, toJacobian, type JacobianPoint } from './jacobian.js';

const WINDOWS = 64;
const ENTRIES = 16; // index 0 is unused (digit 0 adds nothing)
const LOW_256 = (1n << 256n) - 1n;
const MASKS = [0n, -1n] as const;

let table: bigint[][] | undefined;

/** T[i][j] = j·16^i·G packed as x + 2^256·y (public data, built once, variable time). */
function buildTable(): bigint[][] {
  const rows: bigint[][] = [];
  let base: JacobianPoint = toJacobian(G); // 16^i·G
  for (let i = 0; i < WINDOWS; i++) {
    const row: bigint[] = [0n];
    let multiple = base;
    for (let j = 1; j < ENTRIES; j++) {
      // j·16^i·G to affine: the Z inversion is of a public value, so the fast one is fine.
      const zInv = fieldInverseVartime(multiple.Z);
      const zInv2 = fieldSquare(zInv);
      const x = fieldMul(multiple.X, zInv2);
      const y = fieldMul(multiple.Y, fieldMul(zInv2, zInv));
      row.push(x | (y << 256n));
      multiple = jacobianAdd(multiple, base);
    }
    rows.push(row);
    base = jacobianDouble(jacobianDouble(jacobianDouble(jacobianDouble(base)))); // 16^(i+1)·G
  }
  return rows;
}

/**
 * d·G by the fixed-window table (see the file header).
 * @param d - the scalar, 1 ≤ d ≤ n − 1 (not checked here: publicPointFromScalar checks it)
 * @returns d·G
 * @throws TypeError for a non-bigint; RangeError when d is outside [1, n − 1]
 * @example fixedBaseMultiply(2n) // 2G
 */
export function fixedBaseMultiply(d: bigint): AffinePoint {
  if (typeof d !== 'bigint') throw new TypeError(`fixed-base: d must be a bigint, got ${typeof d}`);
  if (d < 1n || d >= n) throw new RangeError('fixed-base: d must be in [1, n-1]');
  table ??= buildTable();
  const hex = d.toString(16).padStart(64, '0');
  let X = 1n;
  let Y = 1n;
  let Z = 0n; //           A = O
  let isInfinity = -1n; // mask: A is still O
  for (let i = 0; i < WINDOWS; i++) {
    const c = hex.charCodeAt(63 - i);
    const digit = (c & 15) + 9 * (c >> 6); // hex digit → 0 … 15 without a branch ('0'–'9', 'a'–'f')
    // Full scan: every entry is read, the wanted one kept by its mask.
    const row = table[i];
    let entry = 0n;
    for (let j = 1; j < ENTRIES; j++) entry |= row[j] & MASKS[+(j === digit)];
    const x = entry & LOW_256;
    const y = entry >> 256n;
    // A + E, always computed; correct whenever A ≠ O and d_i ≠ 0 (header).
    const sum = jacobianMixedAddUnchecked({ X, Y, Z }, x, y);
    const keepA = MASKS[+(digit === 0)]; // d_i = 0: A stays
    const takeE = isInfinity & ~keepA; //  A = O and d_i ≠ 0: A becomes E = (x : y : 1)
    const takeSum = ~(keepA | takeE);
    X = (X & keepA) | (x & takeE) | (sum.X & takeSum);
    Y = (Y & keepA) | (y & takeE) | (sum.Y & takeSum);
    Z = (Z & keepA) | (1n & takeE) | (sum.Z & takeSum);
    isInfinity &= keepA;
  }
  const result = toAffine({ X, Y, Z });
  return result === INFINITY ? INFINITY : result;
}
