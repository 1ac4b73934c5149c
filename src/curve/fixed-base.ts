/**
 * Fixed-base scalar multiplication d·G for secret d (key generation, ECDSA's k·G), by fixed
 * windows of w = 8 bits with ODD SIGNED digits and one precomputed table per window (the
 * "fixed-base windowing" of Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.41, without its
 * doublings, with the regular odd recoding of Joye and Tunstall, "Exponent recoding and regular
 * exponentiation algorithms", AFRICACRYPT 2009, §3):
 *
 *   d' = d or n − d, whichever is odd  (n is odd; (n − d)·G = −(d·G), undone at the end)
 *   d' = Σ_{i=0}^{31} k_i · 2^(8i),  k_i odd, |k_i| ≤ 255 (k_31 > 0)
 *   d'·G = Σ_i sign(k_i) · T[i][(|k_i| − 1)/2],   T[i][t] = (2t + 1)·2^(8i)·G
 *
 * Row i holds the 128 odd multiples 1, 3, …, 255 of 2^(8i)·G (4096 affine points, built once,
 * on first use). −P = (x, p − y) costs one masked negation, so a row holds only half the
 * digits a plain window of 8 bits needs. 31 mixed additions, no doublings, one inversion.
 *
 * The recoding. For odd r, write r = q·2^w + u (u odd); the digit is k = u when q is odd and
 * k = u − 2^w when q is even, and the rest is (r − k)/2^w = q | 1, odd again. Unrolled from
 * r_0 = d': r_i = ⌊d' / 2^(8i)⌋ | 1, so k_i = (bits 8i … 8i+7 of d', the lowest forced to 1),
 * minus 256 when bit 8i + 8 of d' is 0; the last digit is k_31 = ⌊d' / 2^248⌋ | 1. The digits
 * are read from d' by shifts and masks on 32-bit words. No digit is ever 0, so the point at
 * infinity never occurs and needs no mask of its own.
 *
 * Why no special case of the incomplete addition can occur: after windows 0 … i−1 the
 * accumulator is A = s·G with s = Σ_{j<i} k_j·2^(8j), |s| ≤ 2^(8i) − 1, and the entry is E = e·G
 * with e = k_i·2^(8i), |e| ≥ 2^(8i). So s ± e is a non-zero integer of absolute value below
 * 2^(8(i+1)) ≤ 2^248 < n for i ≤ 30: A ≠ ±E and A ≠ O. At the last window s + e = d' ∈ [1, n−1],
 * and s − e ∈ (−2^256, 0) could only be −n if e = n + s, a multiple of 2^248 within 2^248 of n,
 * which is only 2^256 = 256·2^248: an even k_31, which the recoding never gives.
 *
 * Each window's entry is read by a FULL SCAN, in two steps, so that the memory access pattern
 * does not depend on d. Each entry is the BigInt x + 2^256·y, and each row is stored as 32
 * groups of 4 entries, one 2048-bit BigInt per group. (1) Every group is read and ANDed with a
 * mask that is all ones only for the wanted group, and ORed into the result. (2) Each of that
 * group's 4 entries is split off and ANDed with a mask that is all ones only for the wanted
 * entry. A mask for j, t < 2^31 is ((t ⊕ j) − 1) >> 31: −1 (all ones) exactly when t = j, else
 * 0, computed on numbers and then made a BigInt. Grouping makes a scan of 128 entries 32 + 4
 * masked steps instead of 128. The sign is applied by the masked negation
 * y ⊕ ((y ⊕ (p − y)) & mask), the choice between d and n − d likewise. The sequence of
 * operations is the same for every d (constant-time-style).
 *
 * The table is built from public data (G), so it may use variable-time tools: in affine
 * coordinates, all rows at once, with one simultaneous inversion per round (buildTableBatched);
 * the plain builder (affine.ts's textbook group law, a point at a time) stays beside it as
 * the reference.
 *
 * What BigInt still leaks: the same caveats as the ladder (ladder.ts header: operand-size
 * dependent BigInt timing, allocation and GC, the JIT; the mixed additions have no branch,
 * their reductions are `% p` on non-negative values). A masked step costs more for the wanted
 * entry (a full AND) than for the others (an AND with 0). BigInt arithmetic and the JIT are
 * not constant time: this is constant-time-style only, the same operations whatever d.
 */
import { assertScalarRange, n } from '../math/scalar.js';
import { pointAdd, pointDouble, type AffinePoint } from './affine.js';
import { G } from './p256.js';
import { fieldInverseVartime, p } from '../math/field.js';
import {
  jacobianDouble,
  toAffineBatchVartime,
  toAffine,
  toJacobian,
  JACOBIAN_INFINITY,
  type JacobianPoint,
} from './jacobian-formulas.js';

const WIDTH = 8; //                 w: bits per window
const WINDOWS = 32; //              256 / w
const ROW = 128; //                 2^(w−1): the odd multiples 1, 3, …, 255 in each row
const LOW_256 = (1n << 256n) - 1n;

/**
 * The 32 odd digits k_0 … k_31 of an odd d' < 2^256 (least significant first; file header):
 * k_i = (bits 8i … 8i+7 of d', the lowest set to 1) − 256·(1 − bit 8i+8), and
 * k_31 = (d' >> 248) | 1.
 * Shifts and masks on numbers; the same operations for every d'.
 */
function oddDigits(dOdd: bigint): Int32Array {
  const words = new Uint32Array(9); // d' as eight 32-bit words, least significant first, and 0
  let rest = dOdd;
  for (let w = 0; w < 8; w++) {
    words[w] = Number(rest & 0xffffffffn);
    rest >>= 32n;
  }
  const digits = new Int32Array(WINDOWS);
  for (let i = 0; i < WINDOWS; i++) {
    const offset = WIDTH * i;
    const s = offset & 31;
    const lo = words[offset >>> 5];
    const hi = words[(offset >>> 5) + 1];
    const bits = (lo >>> s) | ((hi << 1) << (31 - s)); //        bits offset … offset + 31
    const u = (bits & (2 * ROW - 1)) | 1; //                         bits offset … offset + 7, odd
    digits[i] = i === WINDOWS - 1 ? u : u - ((((bits >>> WIDTH) & 1) ^ 1) << WIDTH);
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
 * (X1 : Y1 : Z1) + (x2, y2): the incomplete mixed addition of jacobian-formulas.ts
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

/** Packs a point as the single BigInt x + 2^256·y (one AND and one OR per scan step). */
const pack = ({ x, y }: AffinePoint): bigint => x | (y << 256n);

/**
 * T[i][t] = (2t + 1)·2^(8i)·G packed as x + 2^256·y, the plain way: the textbook affine group
 * law of affine.ts, one point at a time (an inversion each). The reference that the batched
 * builder is tested against, entry for entry. Public data, variable time.
 */
function buildTable(): bigint[][] {
  const rows: bigint[][] = [];
  let B: AffinePoint = G; //                                   2^(8i)·G
  for (let i = 0; i < WINDOWS; i++) {
    const twoB = pointDouble(B);
    const row: AffinePoint[] = [B]; //                          1·B
    for (let t = 1; t < ROW; t++) row.push(pointAdd(row[t - 1], twoB)); // (2t + 1)·B
    rows.push(row.map(pack));
    for (let s = 0; s < WIDTH; s++) B = pointDouble(B); //      2^8·B, the next row's base
  }
  return rows;
}

/**
 * The same table as buildTable, built in affine coordinates with far fewer field operations:
 * the fast path that fixedBaseMultiply uses.
 *
 * 1. The row bases B_i = 2^(8i)·G: eight Jacobian doublings each, then all of them to affine
 *    with one inversion (toAffineBatchVartime).
 * 2. D_i = 2·B_i, for every row at once (affine doubling).
 * 3. Rounds m = 1, 2, 4, …, 64, every row at once: with D_i = 2m·B_i, the entries t ∈ [m, 2m)
 *    are (2(t − m) + 1)·B_i + D_i = (2t + 1)·B_i (an odd and an even multiple below n, so never
 *    ±each other), and D_i becomes 2·D_i for the next round.
 * Each affine addition or doubling needs one division; the denominators of a whole round are
 * inverted together (invertAllVartime: Montgomery's simultaneous inversion), so the table
 * costs nine inversions in all and about six multiplications per point.
 * Affine formulas (Guide to ECC §3.1.2, a = −3): λ = (y2 − y1)/(x2 − x1), or
 * (3x1² − 3)/(2y1) when doubling; x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1.
 * Public data (G only), so variable time is fine here.
 */
function buildTableBatched(): bigint[][] {
  const jacobianBases: JacobianPoint[] = [toJacobian(G)];
  for (let i = 1; i < WINDOWS; i++) {
    let B = jacobianBases[i - 1];
    for (let s = 0; s < WIDTH; s++) B = jacobianDouble(B); // 2^8·B_(i−1)
    jacobianBases.push(B);
  }
  const bases = toAffineBatchVartime(jacobianBases);
  // xs[i][t], ys[i][t]: the coordinates of (2t + 1)·B_i, reduced; dx[i], dy[i]: D_i.
  const xs: bigint[][] = bases.map(({ x }) => [x]);
  const ys: bigint[][] = bases.map(({ y }) => [y]);
  const dx: bigint[] = bases.map(({ x }) => x);
  const dy: bigint[] = bases.map(({ y }) => y);
  const rows = [...xs.keys()];
  doubleAll(dx, dy, rows); //                                       D_i = 2·B_i
  for (let m = 1; m < ROW; m <<= 1) {
    const last = 2 * m === ROW; //                                  no later round needs 2·D_i
    const denominators: bigint[] = [];
    for (const i of rows)
      for (let t = m; t < 2 * m; t++) denominators.push(dx[i] - xs[i][t - m] + p); // x2 − x1 ≠ 0
    if (!last) for (const i of rows) denominators.push(dy[i] << 1n); //             2y ≠ 0
    const inverses = invertAllVartime(denominators);
    let k = 0;
    for (const i of rows) {
      const x = xs[i];
      const y = ys[i];
      const x2 = dx[i];
      const y2 = dy[i];
      for (let t = m; t < 2 * m; t++) {
        const x1 = x[t - m];
        const y1 = y[t - m];
        const lambda = ((y2 - y1 + p) * inverses[k++]) % p; //   λ = (y2 − y1)/(x2 − x1)
        const x3 = (lambda * lambda + (p << 1n) - x1 - x2) % p;
        y.push((lambda * (x1 - x3 + p) + p - y1) % p);
        x.push(x3);
      }
    }
    if (!last) doubleAll(dx, dy, rows, inverses.slice(k)); //        the doublings' 1/(2y)
  }
  return xs.map((x, i) => x.map((xi, t) => pack({ x: xi, y: ys[i][t] })));
}

/**
 * (dx[i], dy[i]) ← 2·(dx[i], dy[i]) for every i of `which` (affine doubling, a = −3), given the
 * inverses of their 2y in that order, or computing them together when none are given.
 */
function doubleAll(
  dx: bigint[],
  dy: bigint[],
  which: readonly number[],
  inverses: readonly bigint[] = invertAllVartime(which.map((i) => dy[i] << 1n)),
): void {
  which.forEach((i, k) => {
    const x1 = dx[i];
    const y1 = dy[i];
    const lambda = ((3n * ((x1 * x1) % p) + P3 - 3n) * inverses[k]) % p; // (3x² − 3)/(2y)
    const x3 = (lambda * lambda + (p << 1n) - (x1 << 1n)) % p;
    dy[i] = (lambda * (x1 - x3 + p) + p - y1) % p;
    dx[i] = x3;
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
  const out: bigint[] = new Array(m);
  if (m === 0) return out;
  let inverse = fieldInverseVartime(product); // 1/c_m
  for (let k = m - 1; k >= 0; k--) {
    out[k] = (inverse * prefix[k]) % p; //         1/v_k
    inverse = (inverse * values[k]) % p; //        1/c_k
  }
  return out;
}

/**
 * Internals for the tests that compare them (not exported from the package): the two table
 * builders and the recoding.
 */
export const tableBuilders = { reference: buildTable, batched: buildTableBatched };
export { oddDigits };

/** Entries per packed group: the scan reads a row as ROW / GROUP BigInts (file header). */
const GROUP = 4;
const GROUP_SHIFT = 2; //           log2(GROUP)
const ENTRY_BITS = 512n;
const LOW_512 = (1n << ENTRY_BITS) - 1n;

/**
 * The table as the scan reads it: each row's entries (x + 2^256·y) packed GROUP at a time,
 * entry t of a group at bits 512t … 512t + 511.
 */
function toGroups(rows: readonly (readonly bigint[])[]): bigint[][] {
  return rows.map((row) => {
    const groups: bigint[] = [];
    for (let g = 0; g < row.length; g += GROUP) {
      let packed = 0n;
      for (let t = GROUP - 1; t >= 0; t--) packed = (packed << ENTRY_BITS) | row[g + t];
      groups.push(packed);
    }
    return groups;
  });
}

/**
 * Row i's entry for digit k, for t = (|k| − 1)/2: a full scan of the row's groups (each read
 * and ANDed with a mask, all ones only for the group t / GROUP), then a full masked choice
 * among that group's GROUP entries (each split off and ANDed with a mask, all ones only for
 * t mod GROUP); then −E by a masked negation when k < 0 (file header).
 */
function selectEntry(row: readonly bigint[], k: number): [bigint, bigint] {
  const sign = k >> 31; //                    −1 when k < 0, else 0
  const t = ((k ^ sign) - sign) >>> 1; //     (|k| − 1)/2, since |k| is odd
  const g = t >>> GROUP_SHIFT; //              the group of entry t
  let group = 0n;
  for (let j = 0; j < row.length; j++) group |= row[j] & BigInt(((g ^ j) - 1) >> 31);
  const r = t & (GROUP - 1); //                entry t's place in its group
  let entry = group & (LOW_512 & BigInt((r - 1) >> 31)); //         r = 0
  for (let j = 1; j < GROUP; j++) {
    group >>= ENTRY_BITS;
    entry |= group & (LOW_512 & BigInt(((r ^ j) - 1) >> 31)); //    r = j
  }
  const x = entry & LOW_256;
  const y = entry >> 256n;
  return [x, y ^ ((y ^ (p - y)) & BigInt(sign))]; // y, or p − y = −y when k < 0
}

/**
 * d·G by the odd-digit windows (see the file header).
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
  return windowedMultiply(d);
}

/** d·G by the odd-digit windows, for d already checked (fixedBaseMultiply past its comb calls). */
function windowedMultiply(d: bigint): AffinePoint {
  table ??= toGroups(buildTableBatched());
  const even = BigInt(Number(d & 1n) - 1); //        −1 (all ones) when d is even, else 0
  const dOdd = d ^ ((d ^ (n - d)) & even); //         d, or n − d when d is even: odd either way
  const digits = oddDigits(dOdd);
  const [x0, y0] = selectEntry(table[0], digits[0]);
  let X = x0;
  let Y = y0;
  let Z = 1n; //                                     A = k_0·G, affine
  for (let i = 1; i < WINDOWS; i++) {
    const [x, y] = selectEntry(table[i], digits[i]);
    const sum = mixedAddLazy(X, Y, Z, x, y); //       A + E, A ≠ ±E and A ≠ O (file header)
    X = sum.X;
    Y = sum.Y;
    Z = sum.Z;
  }
  const R = toAffine({ X, Y, Z }); //                d'·G; Z ≠ 0 since 1 ≤ d' ≤ n − 1
  return { x: R.x, y: R.y ^ ((R.y ^ (p - R.y)) & even) }; // −(d'·G) = d·G when d' = n − d
}

// ---------------------------------------------------------------------------------------------
// The small first table: a comb (Lim–Lee; Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.44)
// ---------------------------------------------------------------------------------------------

const TEETH = 4; //       t: the scalar is cut into 4 blocks of 64 bits
const SPACING = 64; //    d: bits per block
let combTable: bigint[] | undefined;

/**
 * The comb's 15 entries C[a] = a_0·G + a_1·2^64·G + a_2·2^128·G + a_3·2^192·G (affine) for
 * a = a_0 + 2a_1 + 4a_2 + 8a_3 = 1 … 15, written out so that the first call builds nothing (no
 * additions, no inversion); packed x + 2^256·y like the big table on first use, with C[0] = O
 * unused. Public data. test/curve/fixed-base.test.ts recomputes every entry from G with
 * affine.ts's textbook group law.
 */
export const COMB_ENTRIES: readonly AffinePoint[] = [
  {
    x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  {
    x: 0x0fa822bc2811aaa58492592e326e25de29493baaad651f7e90e75cb48e14db63n,
    y: 0xbff44ae8f5dba80d6f4ad4bcb3df188b34b1a65050fe82f5e41124545f462ee7n,
  },
  {
    x: 0x300a4bbc89d6726fb257c0de95e02789e96c98fd0d35f1fa93391ce2097992afn,
    y: 0x72aac7e0d09b46447f1ddb25ff1e3c6f5bb1eeada9d806a5aa54a291c08127a0n,
  },
  {
    x: 0x447d739beedb5e67fb982fd588c6766efc35ff7dc297eac357c84fc9d789bd85n,
    y: 0x2d4825ab834131eee12e9d953a4aaff73d349b95a7fae5000c7e33c972e25b32n,
  },
  {
    x: 0xef9519328a9c72ffddc6068bb91dfc60ef7fbd2b1a0a11b713949c932a1d367fn,
    y: 0x611e9fc37dbb2c9bc1ee9807022c219c23183b0895ca1740196035a77376d8a8n,
  },
  {
    x: 0x550663797b51f5d87dea6482e11238bf2936df5ec6c9bc36cae2b1920b57f4bcn,
    y: 0x157164848aecb8510afa40018d9d50e59fb3d576dbdefbe144ffe216348a964cn,
  },
  {
    x: 0xeb5d7745b21141eaa2e8f483f43e43917ccd84e70d715f26e48ecafffc5cde01n,
    y: 0xeafd72ebdbecc17b0990e6a158006cee85f22cfe2844b645cac917e2731a3479n,
  },
  {
    x: 0xa6d39677a78492762736ff8344315fc596439591a3c6b94a6cf20ffb313728ben,
    y: 0x674f84749b0b881666b8babd2d27ecdf824a920c2284059bf2bab833c357f5f4n,
  },
  {
    x: 0x4e769e7672c9ddad31855f7db8c7fedb74e02f080203a56b2df48c04677c8a3en,
    y: 0x42b99082de8306631ec0057206947281fb9ae16f3b9122a5a4c36165b824bbb0n,
  },
  {
    x: 0x78878ef61c6ce04d7fdc1ca008a1c478d1f89e799c0ce1316ef95150dda868b9n,
    y: 0xb6cb3f5d7b72c321de53142c12309def6ace570ebde08d4f9c62b9121fe0d976n,
  },
  {
    x: 0x0c88bc4d716b1287595c5220812ffcae5b82dd5bd54fb4967f991ed2c31a3573n,
    y: 0xdd5ddea3f3901dc618d1b5b39c04e6aa7c8181f4df2564f33a57bf635f48aca8n,
  },
  {
    x: 0x68f344af6b317466efe0a423083e49f343a0a28c42ba792fe96a79fb3e72ad0cn,
    y: 0x31b9c405f8540a20604ed93c24d67ff3668bfc2271f5c626cdfe17db3fb24d4an,
  },
  {
    x: 0x4052bf4b6f461db9663c62c3edbad7a00d1a10144ec39c28d36b4789a2582e7fn,
    y: 0xfecf4d5190b0fc61862be6bd71d70cc8e724f33999bfcc5b235a27c3188d25ebn,
  },
  {
    x: 0x1eddbae2c802e41a123202a8f62bff7aafdf5cc08526a7a474346c10a1d4cfacn,
    y: 0x43104d86560ebcfc0c45f45273db33a036e06b7e4c7019178fa0af2dd603f844n,
  },
  {
    x: 0xb48e26b484f7a21c0a4a46fb6aaf363a66b0de3225c4744b9615b5110d1d78e5n,
    y: 0xfac015404d4d3dab64131bcdfed6f668c004e4048b7b0f9806ebb0f621a01b2dn,
  },
];

/**
 * 2·(X : Y : Z): the doubling of jacobian-formulas.ts (jacobianDouble, EFD dbl-2001-b for
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
  combTable ??= [0n, ...COMB_ENTRIES.map(({ x, y }) => x | (y << 256n))];
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
  return toAffine(A); // Z ≠ 0: d·G ≠ O for 1 ≤ d ≤ n − 1
}

/** The odd-digit windows, for the tests that compare them with the references (not in the package). */
export function fixedBaseMultiplyWindowed(d: bigint): AffinePoint {
  assertScalarRange(d);
  return windowedMultiply(d);
}

/** The comb, for the tests that compare it with the windowed method (not in the package). */
export function fixedBaseMultiplyComb(d: bigint): AffinePoint {
  assertScalarRange(d);
  return combMultiply(d);
}
