/**
 * Fixed-base scalar multiplication d·G for secret d (key generation, ECDSA's k·G), by fixed
 * windows of w = 6 bits with one precomputed table per window (the "fixed-base windowing" of
 * Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.41, without its doublings):
 *
 *   d = Σ_{i=0}^{42} d_i · 64^i,  d_i ∈ [0, 63]   so   d·G = Σ_i d_i·(64^i·G) = Σ_i T[i][d_i]
 *   T[i][j] = j·64^i·G for j = 1 … 63            (2709 affine points, built once, on first use)
 *
 * 43 mixed additions and no doublings. The width is a trade: each window costs one addition
 * and a scan of its 63 entries (below); the scan's AND and OR are much cheaper than an
 * addition's field multiplications, so w = 6 (43 additions) beats w = 4 (64 additions), while
 * w = 8 (32 additions, 255 entries a window) would spend more on scanning than it saves.
 *
 * Each window's entry is read by a FULL SCAN: every one of the 63 entries is touched and
 * combined with a mask that is all ones only for the wanted one, so the memory access pattern
 * does not depend on d. Each entry is stored as the single BigInt x + 2^256·y, so a scan step
 * is one AND and one OR. The digits are read from d by masks and shifts (30-bit words, then
 * number shifts; no string conversion of the secret), and each mask is computed, not looked
 * up: for j, d_i ∈ [0, 63], ((d_i ⊕ j) − 1) >> 6 is −1 (all ones) exactly when d_i = j, else 0,
 * computed on numbers and then made a BigInt.
 *
 * Why no special case can occur: after windows 0 … i−1 the accumulator is A = (d mod 64^i)·G,
 * with 0 ≤ d mod 64^i < 64^i, and the entry is E = d_i·64^i·G. For 0 < d < n both multipliers
 * are below n and differ, and their sum is d mod 64^(i+1) ≤ d < n, so A ≠ ±E unless one of them
 * is O. The O cases (d_i = 0: nothing to add; all lower digits 0: A = O) are handled by masked
 * selection, not branches: the addition is always computed, and its result kept or not.
 *
 * The table is built from public data (G), so it may use variable-time tools: each window's 63
 * multiples are summed in Jacobian coordinates and brought to affine together, with one
 * inversion for the whole row (Montgomery's trick, jacobian.ts toAffineBatchVartime).
 *
 * What BigInt still leaks: the same caveats as the ladder (ladder.ts header: operand-size
 * dependent BigInt timing, allocation and GC, the JIT; the mixed additions have no branch,
 * their reductions are `% p` on non-negative values). The first call also builds the table (the
 * README's benchmark table gives its cost).
 */
import { assertScalarRange } from '../math/scalar.js';
import type { AffinePoint } from './affine.js';
import { G } from './p256.js';
import { p } from '../math/field.js';
import {
  jacobianDoubleUnchecked,
  toAffineBatchVartime,
  toAffineUnchecked,
  toJacobianUnchecked,
  type JacobianPoint,
} from './jacobian.js';

const WIDTH = 6; // w: bits per window
const WINDOWS = 43; // ⌈256 / w⌉
const ENTRIES = 64; // 2^w; index 0 is unused (digit 0 adds nothing)
const LOW_256 = (1n << 256n) - 1n;

/** The 43 base-64 digits d_0 … d_42 of d (least significant first), by masks and shifts. */
function digitsOf(d: bigint): Uint8Array {
  const digits = new Uint8Array(WINDOWS);
  let rest = d;
  for (let i = 0; i < WINDOWS; i += 5) {
    const word = Number(rest & 0x3fffffffn); // 30 bits: 5 digits at a time
    rest >>= 30n;
    for (let q = 0; q < 5 && i + q < WINDOWS; q++)
      digits[i + q] = (word >>> (WIDTH * q)) & (ENTRIES - 1);
  }
  return digits;
}

let table: bigint[][] | undefined;

const P3 = 3n * p;
const P_SQUARED_2 = 2n * p * p;

/**
 * (X1 : Y1 : Z1) + (x2, y2): the incomplete mixed addition of jacobian.ts
 * (jacobianMixedAddIncomplete, EFD madd-2007-bl, 7M + 4S), with lazy reduction. Values that
 * only feed a multiplication are left unreduced but non-negative (a difference a − b of
 * reduced values is taken as a − b + p, in (0, 2p)); the multiplication's `% p` reduces them.
 * Each result is reduced once, after adding a multiple of p that keeps it non-negative. Half
 * the BigInt operations of the plain formula, and still no branch: correct exactly when the
 * plain one is (A ≠ O and x(A) ≠ x2; Z1 = 0 gives Z3 = 0); test/curve/ladder.test.ts checks
 * fixedBaseMultiply against the ladder and the affine reference.
 */
function mixedAddLazy(X1: bigint, Y1: bigint, Z1: bigint, x2: bigint, y2: bigint): JacobianPoint {
  const Z1Z1 = (Z1 * Z1) % p; //                              Z1²
  const U2 = (x2 * Z1Z1) % p; //                               U2 = x2·Z1²
  const S2 = (y2 * ((Z1 * Z1Z1) % p)) % p; //                  S2 = y2·Z1³
  const H = U2 - X1 + p; //                                    H = U2 − X1, in (0, 2p)
  const HH = (H * H) % p; //                                   H²
  const I = HH << 2n; //                                       I = 4·H², in [0, 4p)
  const J = (H * I) % p; //                                    J = H·I
  const r = (S2 - Y1 + p) << 1n; //                            r = 2(S2 − Y1), in (0, 4p)
  const V = (X1 * I) % p; //                                   V = X1·I
  const X3 = (r * r + P3 - J - (V << 1n)) % p; //              X3 = r² − J − 2V
  const Y3 = (r * (V - X3 + p) + P_SQUARED_2 - ((Y1 * J) << 1n)) % p; // Y3 = r(V − X3) − 2·Y1·J
  const Z3 = ((Z1 * H) << 1n) % p; //                          Z3 = 2·Z1·H = (Z1 + H)² − Z1² − H²
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * T[i][j] = j·64^i·G packed as x + 2^256·y (public data, built once, variable time). Row i
 * sums B = 64^i·G (affine) into its multiples with mixed additions (j·B = (j − 1)·B + B; 2B by a
 * doubling, the one case the incomplete addition cannot do), one past the row so that 64·B,
 * the next row's B, comes out too, and brings them to affine together with one inversion
 * (toAffineBatchVartime).
 */
function buildTable(): bigint[][] {
  const rows: bigint[][] = [];
  let B: AffinePoint = G; // 64^i·G
  for (let i = 0; i < WINDOWS; i++) {
    const first = toJacobianUnchecked(B);
    const multiples: JacobianPoint[] = [first, jacobianDoubleUnchecked(first)]; // B, 2B
    for (let j = 3; j <= ENTRIES; j++) {
      const { X, Y, Z } = multiples[j - 2]; //                  (j − 1)·B, never ±B
      multiples.push(mixedAddLazy(X, Y, Z, B.x, B.y)); //        j·B
    }
    const affine = toAffineBatchVartime(multiples); //          1·B … 64·B
    rows.push([0n, ...affine.slice(0, ENTRIES - 1).map(({ x, y }) => x | (y << 256n))]);
    B = affine[ENTRIES - 1]; //                                  64·B = 64^(i+1)·G
  }
  return rows;
}

/**
 * d·G by the fixed-window table (see the file header).
 * @param d - the scalar, 1 ≤ d ≤ n − 1
 * @returns d·G
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR when d is outside [1, n − 1]
 * @example fixedBaseMultiply(2n) // 2G
 */
export function fixedBaseMultiply(d: bigint): AffinePoint {
  assertScalarRange(d);
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
    for (let j = 1; j < ENTRIES; j++) entry |= row[j] & BigInt(((digit ^ j) - 1) >> WIDTH);
    const x = entry & LOW_256;
    const y = entry >> 256n;
    // A + E, always computed; correct whenever A ≠ O and d_i ≠ 0 (header).
    const sum = mixedAddLazy(X, Y, Z, x, y);
    const keepA = BigInt((digit - 1) >> WIDTH); // d_i = 0: A stays (−1 >> 6 = −1; 0 … 62 >> 6 = 0)
    const takeE = isInfinity & ~keepA; //  A = O and d_i ≠ 0: A becomes E = (x : y : 1)
    const takeSum = ~(keepA | takeE);
    X = (X & keepA) | (x & takeE) | (sum.X & takeSum);
    Y = (Y & keepA) | (y & takeE) | (sum.Y & takeSum);
    Z = (Z & keepA) | (1n & takeE) | (sum.Z & takeSum);
    isInfinity &= keepA;
  }
  return toAffineUnchecked({ X, Y, Z }); // Z ≠ 0: d·G ≠ O for 1 ≤ d ≤ n − 1
}
