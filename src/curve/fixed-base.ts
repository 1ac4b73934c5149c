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
import { fieldInverseVartime, p } from '../math/field.js';
import {
  jacobianDoubleUnchecked,
  toAffineBatchVartime,
  toAffineUnchecked,
  toJacobianUnchecked,
  JACOBIAN_INFINITY,
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

/**
 * How many calls the comb serves before the big table is built. The comb costs about twice
 * as much per call but its table next to nothing; switching once the comb's extra cost has
 * roughly paid for the big table keeps any sequence of calls within about twice its best cost.
 */
const COMB_CALLS = 64;
let combCalls = 0;

const P3 = 3n * p;
const P8 = 8n * p;
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
 * The same table as buildTable, built in affine coordinates with far fewer field operations:
 * the fast path that fixedBaseMultiply uses (buildTable stays beside it as the plain
 * reference; test/curve/fixed-base.test.ts checks that both give the same table).
 *
 * 1. The row bases B_i = 64^i·G: six Jacobian doublings each, then all of them to affine
 *    with one inversion (toAffineBatchVartime).
 * 2. The multiples j·B_i, for every row at once, in six rounds k = 1, 2, 4, 8, 16, 32: round k
 *    makes j·B_i for k < j ≤ 2k as (j − k)·B_i + k·B_i (affine addition; j − k ≠ ±k, since
 *    0 < j − k < k) and 2k·B_i as 2·(k·B_i) (affine doubling). Each affine addition or
 *    doubling needs one division; the denominators of a whole round are inverted together
 *    (invertAllVartime: Montgomery's simultaneous inversion), so the table costs seven
 *    inversions in all and about six multiplications per point.
 * Affine formulas (Guide to ECC §3.1.2, a = −3): λ = (y2 − y1)/(x2 − x1), or
 * (3x1² − 3)/(2y1) when doubling; x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1.
 * Public data (G only), so variable time is fine here.
 */
function buildTableBatched(): bigint[][] {
  const jacobianBases: JacobianPoint[] = [toJacobianUnchecked(G)];
  for (let i = 1; i < WINDOWS; i++) {
    let B = jacobianBases[i - 1];
    for (let s = 0; s < WIDTH; s++) B = jacobianDoubleUnchecked(B); // 64·B_(i−1)
    jacobianBases.push(B);
  }
  const bases = toAffineBatchVartime(jacobianBases);
  // xs[i][j], ys[i][j]: the coordinates of j·B_i, reduced.
  const xs: bigint[][] = bases.map(({ x }) => [0n, x]);
  const ys: bigint[][] = bases.map(({ y }) => [0n, y]);
  for (let k = 1; k <= ENTRIES / 2; k <<= 1) {
    const last = Math.min(2 * k, ENTRIES - 1); // round k makes k + 1 … last
    const denominators: bigint[] = [];
    for (let i = 0; i < WINDOWS; i++) {
      const x = xs[i];
      const y = ys[i];
      for (let j = k + 1; j <= last; j++)
        denominators.push(j === 2 * k ? y[k] << 1n : x[j - k] - x[k] + p); // 2y, or x2 − x1 ≠ 0
    }
    const inverses = invertAllVartime(denominators);
    let t = 0;
    for (let i = 0; i < WINDOWS; i++) {
      const x = xs[i];
      const y = ys[i];
      const x2 = x[k];
      const y2 = y[k];
      for (let j = k + 1; j <= last; j++) {
        const x1 = x[j - k];
        const y1 = y[j - k];
        // λ = (y1 − y2)/(x1 − x2) for the sum, (3x² − 3)/(2y) for the doubling (x1 = x2)
        const numerator = j === 2 * k ? 3n * ((x2 * x2) % p) + P3 - 3n : y1 - y2 + p;
        const lambda = (numerator * inverses[t]) % p;
        const x3 = (lambda * lambda + (p << 1n) - x1 - x2) % p;
        y[j] = (lambda * (x1 - x3 + p) + p - y1) % p;
        x[j] = x3;
        t++;
      }
    }
  }
  return xs.map((x, i) => {
    const y = ys[i];
    const row: bigint[] = [0n];
    for (let j = 1; j < ENTRIES; j++) row.push(x[j] | (y[j] << 256n));
    return row;
  });
}

/**
 * 1/v mod p for every v of `values` (public, none ≡ 0 mod p; each in [0, 2^257)) with ONE
 * variable-time inversion (Montgomery's trick): with c_k = v_0·…·v_(k−1), invert c_m, then
 * walk back: 1/v_k = (1/c_(k+1))·c_k and 1/c_k = (1/c_(k+1))·v_k. 3m multiplications.
 */
function invertAllVartime(values: readonly bigint[]): bigint[] {
  const m = values.length;
  const prefix: bigint[] = new Array(m); // prefix[k] = c_k
  let product = 1n;
  for (let k = 0; k < m; k++) {
    prefix[k] = product;
    product = (product * values[k]) % p;
  }
  let inverse = fieldInverseVartime(product); // 1/c_m
  const out: bigint[] = new Array(m);
  for (let k = m - 1; k >= 0; k--) {
    out[k] = (inverse * prefix[k]) % p; //         1/v_k
    inverse = (inverse * values[k]) % p; //        1/c_k
  }
  return out;
}

/** The two builders, for the test that compares them (not exported from the package). */
export const tableBuilders = { reference: buildTable, batched: buildTableBatched };

/**
 * d·G by the fixed-window table (see the file header).
 * @param d - the scalar, 1 ≤ d ≤ n − 1
 * @returns d·G
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR when d is outside [1, n − 1]
 * @example fixedBaseMultiply(2n) // 2G
 */
export function fixedBaseMultiply(d: bigint): AffinePoint {
  assertScalarRange(d);
  return baseMultiply(d);
}

/**
 * fixedBaseMultiply for a d already known to be in [1, n − 1] (a PrivateScalar, checked once
 * when its key was made): no check.
 * @example baseMultiply(parsePrivateScalar(2n)) // 2G
 */
export function baseMultiply(d: bigint): AffinePoint {
  // A process that makes a few keys never pays for the big table: the first COMB_CALLS calls
  // use the comb and its 15-point table (below); after that the big table is built once.
  if (table === undefined && combCalls < COMB_CALLS) {
    combCalls++;
    return combMultiply(d);
  }
  table ??= buildTableBatched();
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

// ---------------------------------------------------------------------------------------------
// The small first table: a comb (Lim–Lee; Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.44)
// ---------------------------------------------------------------------------------------------

const TEETH = 4; //       t: the scalar is cut into 4 blocks of 64 bits
const SPACING = 64; //    d: bits per block
let combTable: bigint[] | undefined;

/**
 * The comb's bases 2^64·G, 2^128·G, 2^192·G (affine), written out so that the first call does
 * not spend 192 doublings on them; test/curve/fixed-base.test.ts recomputes them from G.
 */
export const COMB_BASES: readonly AffinePoint[] = [
  {
    x: 0x0fa822bc2811aaa58492592e326e25de29493baaad651f7e90e75cb48e14db63n,
    y: 0xbff44ae8f5dba80d6f4ad4bcb3df188b34b1a65050fe82f5e41124545f462ee7n,
  },
  {
    x: 0x447d739beedb5e67fb982fd588c6766efc35ff7dc297eac357c84fc9d789bd85n,
    y: 0x2d4825ab834131eee12e9d953a4aaff73d349b95a7fae5000c7e33c972e25b32n,
  },
  {
    x: 0xa6d39677a78492762736ff8344315fc596439591a3c6b94a6cf20ffb313728ben,
    y: 0x674f84749b0b881666b8babd2d27ecdf824a920c2284059bf2bab833c357f5f4n,
  },
];

/**
 * The comb's 16 entries C[a] = a_0·G + a_1·2^64·G + a_2·2^128·G + a_3·2^192·G for
 * a = a_0 + 2a_1 + 4a_2 + 8a_3 (C[0] = O unused), packed x + 2^256·y like the big table.
 * C[a] = C[a without its lowest bit] + that bit's base (the two multipliers differ and sum to
 * less than n, so the incomplete addition is valid); all to affine with one inversion.
 * Public data, variable time.
 */
function buildCombTable(): bigint[] {
  const bases = [G, ...COMB_BASES];
  const sums: JacobianPoint[] = [JACOBIAN_INFINITY];
  for (let a = 1; a < 1 << TEETH; a++) {
    const rest = a & (a - 1); //                    a without its lowest set bit
    const B = bases[31 - Math.clz32(a & -a)]; //     the base of that bit
    const { X, Y, Z } = sums[rest];
    sums.push(rest === 0 ? toJacobianUnchecked(B) : mixedAddLazy(X, Y, Z, B.x, B.y));
  }
  const affine = toAffineBatchVartime(sums.slice(1));
  return [0n, ...affine.map(({ x, y }) => x | (y << 256n))];
}

/**
 * 2·(X : Y : Z): the doubling of jacobian.ts (jacobianDoubleUnchecked, EFD dbl-2001-b for
 * a = −3) with lazy reduction, as mixedAddLazy: operands of a multiplication may be unreduced
 * but non-negative, each result is reduced once after adding a multiple of p that keeps it
 * non-negative, and Z3 = 2·Y·Z directly. Z = 0 gives Z3 = 0 (O stays O).
 */
function doubleLazy(X: bigint, Y: bigint, Z: bigint): JacobianPoint {
  const delta = (Z * Z) % p; //                                δ = Z²
  const gamma = (Y * Y) % p; //                                γ = Y²
  const beta = (X * gamma) % p; //                             β = X·γ
  const alpha = (3n * (X - delta + p) * (X + delta)) % p; //   α = 3(X − δ)(X + δ)
  const X3 = (alpha * alpha + P8 - (beta << 3n)) % p; //       X3 = α² − 8β
  const Z3 = ((Y * Z) << 1n) % p; //                           Z3 = 2·Y·Z
  const gamma2 = (gamma * gamma) % p; //                       γ²
  const Y3 = (alpha * ((beta << 2n) - X3 + p) + P8 - (gamma2 << 3n)) % p; // Y3 = α(4β − X3) − 8γ²
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * d·G by the comb: Q = O; for i = 63 … 0: Q = 2Q + C[d_(192+i) d_(128+i) d_(64+i) d_i] (bits of
 * d, HMV Alg. 3.44). 63 doublings, 64 mixed additions, and a full scan of the 15 entries per
 * step, with the same masked selection as fixedBaseMultiply. No special case can occur: before
 * step i's addition Q = m·G and the entry is e·G with m = Σ_t 2·⌊K_t / 2^(i+1)⌋·2^(64t) and
 * e = Σ_t bit_i(K_t)·2^(64t) (K_t the blocks of d); m + e ≤ d < n, and the base-2^64 digits of
 * m are even while those of e are 0 or 1, so m ≢ ±e (mod n) unless m or e is 0, the O cases
 * handled by masks.
 */
function combMultiply(d: bigint): AffinePoint {
  combTable ??= buildCombTable();
  const words = new Uint32Array(8); // d as eight 32-bit words, least significant first
  let rest = d;
  for (let w = 0; w < 8; w++) {
    words[w] = Number(rest & 0xffffffffn);
    rest >>= 32n;
  }
  let A: JacobianPoint = JACOBIAN_INFINITY;
  let isInfinity = -1n; // mask: A is still O
  for (let i = SPACING - 1; i >= 0; i--) {
    const word = i >>> 5;
    const shift = i & 31;
    let digit = 0; //                                 bit i of each block
    for (let t = 0; t < TEETH; t++) digit |= ((words[2 * t + word] >>> shift) & 1) << t;
    const { X: X2, Y: Y2, Z: Z2 } = doubleLazy(A.X, A.Y, A.Z); // 2A (O stays O: Z = 0)
    let entry = 0n;
    for (let j = 1; j < 1 << TEETH; j++) entry |= combTable[j] & BigInt(((digit ^ j) - 1) >> TEETH);
    const x = entry & LOW_256;
    const y = entry >> 256n;
    const sum = mixedAddLazy(X2, Y2, Z2, x, y);
    const keepA = BigInt((digit - 1) >> TEETH); //   digit 0: 2A stays
    const takeE = isInfinity & ~keepA; //            2A = O and digit ≠ 0: the entry
    const takeSum = ~(keepA | takeE);
    A = {
      X: (X2 & keepA) | (x & takeE) | (sum.X & takeSum),
      Y: (Y2 & keepA) | (y & takeE) | (sum.Y & takeSum),
      Z: (Z2 & keepA) | (1n & takeE) | (sum.Z & takeSum),
    };
    isInfinity &= keepA;
  }
  return toAffineUnchecked(A); // Z ≠ 0: d·G ≠ O for 1 ≤ d ≤ n − 1
}

/** The comb, for the tests that compare it with the windowed method (not in the package). */
export function fixedBaseMultiplyComb(d: bigint): AffinePoint {
  assertScalarRange(d);
  return combMultiply(d);
}
