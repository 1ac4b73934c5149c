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
 * BigInt x + 2^256·y, so a scan step is one AND and one OR. The digits are read from d by
 * masks and shifts (32-bit words, then number shifts; no string conversion of the secret), and
 * each mask is computed, not looked up: for j, d_i ∈ [0, 15], ((d_i ⊕ j) − 1) >> 4 is −1 (all
 * ones) exactly when d_i = j, else 0, computed on numbers and then made a BigInt.
 *
 * Why no special case can occur: after windows 0 … i−1 the accumulator is A = (d mod 16^i)·G,
 * with 0 ≤ d mod 16^i < 16^i, and the entry is E = d_i·16^i·G. For 0 < d < n both multipliers
 * are below n and differ, and their sum is d mod 16^(i+1) ≤ d < n, so A ≠ ±E unless one of them
 * is O. The O cases (d_i = 0: nothing to add; all lower digits 0: A = O) are handled by masked
 * selection, not branches: the addition is always computed, and its result kept or not.
 *
 * What BigInt still leaks: the same caveats as the ladder (ladder.ts header: operand-size
 * dependent BigInt timing, allocation and GC, the JIT; the mixed additions use the branch-free
 * field additions). In addition, the first call builds the table (variable time, from public
 * data: fine, G is public). Measured cold, the first call (table build included) took 34–95 ms,
 * median 56 ms, over 11 fresh Node 20.20.2 processes on this project's shared 2-vCPU machine;
 * the second call took about 0.27 ms.
 */
import { assertBigInt } from '../bytes/assert.js';
import { n } from '../math/scalar.js';
import type { AffinePoint } from './affine.js';
import { G } from './p256.js';
import {
  jacobianAddUnchecked,
  jacobianDoubleUnchecked,
  jacobianMixedAddIncomplete,
  toAffineUnchecked,
  toAffineVartime,
  toJacobianUnchecked,
  type JacobianPoint,
} from './jacobian.js';

const WINDOWS = 64;
const ENTRIES = 16; // index 0 is unused (digit 0 adds nothing)
const LOW_256 = (1n << 256n) - 1n;

/** The 64 base-16 digits d_0 … d_63 of d (least significant first), by masks and shifts. */
function digitsOf(d: bigint): Uint8Array {
  const digits = new Uint8Array(WINDOWS);
  let rest = d;
  for (let w = 0; w < WINDOWS / 8; w++) {
    const word = Number(rest & 0xffffffffn); // 8 digits at a time
    rest >>= 32n;
    for (let q = 0; q < 8; q++) digits[8 * w + q] = (word >>> (4 * q)) & 15;
  }
  return digits;
}

let table: bigint[][] | undefined;

/** T[i][j] = j·16^i·G packed as x + 2^256·y (public data, built once, variable time). */
function buildTable(): bigint[][] {
  const rows: bigint[][] = [];
  let base: JacobianPoint = toJacobianUnchecked(G); // 16^i·G
  for (let i = 0; i < WINDOWS; i++) {
    const row: bigint[] = [0n];
    let multiple = base;
    for (let j = 1; j < ENTRIES; j++) {
      // j·16^i·G to affine: the Z inversion is of a public value, so the fast one is fine.
      const { x, y } = toAffineVartime(multiple);
      row.push(x | (y << 256n));
      multiple = jacobianAddUnchecked(multiple, base);
    }
    rows.push(row);
    base = jacobianDoubleUnchecked(
      jacobianDoubleUnchecked(jacobianDoubleUnchecked(jacobianDoubleUnchecked(base))),
    ); // 16^(i+1)·G
  }
  return rows;
}

/**
 * d·G by the fixed-window table (see the file header).
 * @param d - the scalar, 1 ≤ d ≤ n − 1 (checked here with a RangeError; publicPointFromScalar
 *   checks first and throws CryptoError INVALID_SCALAR instead)
 * @returns d·G
 * @throws TypeError for a non-bigint; RangeError when d is outside [1, n − 1]
 * @example fixedBaseMultiply(2n) // 2G
 */
export function fixedBaseMultiply(d: bigint): AffinePoint {
  assertBigInt(d, 'd', 1n, n - 1n);
  table ??= buildTable();
  const digits = digitsOf(d);
  let X = 1n;
  let Y = 1n;
  let Z = 0n; //           A = O
  let isInfinity = -1n; // mask: A is still O
  for (let i = 0; i < WINDOWS; i++) {
    const digit = digits[i]; // d_i
    // Full scan: every entry is read, the wanted one kept by its mask (header).
    const row = table[i];
    let entry = 0n;
    for (let j = 1; j < ENTRIES; j++) entry |= row[j] & BigInt(((digit ^ j) - 1) >> 4);
    const x = entry & LOW_256;
    const y = entry >> 256n;
    // A + E, always computed; correct whenever A ≠ O and d_i ≠ 0 (header).
    const sum = jacobianMixedAddIncomplete({ X, Y, Z }, x, y);
    const keepA = BigInt((digit - 1) >> 4); // d_i = 0: A stays (−1 >> 4 = −1; 0 … 14 >> 4 = 0)
    const takeE = isInfinity & ~keepA; //  A = O and d_i ≠ 0: A becomes E = (x : y : 1)
    const takeSum = ~(keepA | takeE);
    X = (X & keepA) | (x & takeE) | (sum.X & takeSum);
    Y = (Y & keepA) | (y & takeE) | (sum.Y & takeSum);
    Z = (Z & keepA) | (1n & takeE) | (sum.Z & takeSum);
    isInfinity &= keepA;
  }
  return toAffineUnchecked({ X, Y, Z }); // Z ≠ 0: d·G ≠ O for 1 ≤ d ≤ n − 1
}
