/**
 * Fixed-base X25519, u(k·B) for the base point B and secret k (public keys), on the twisted
 * Edwards curve that is birationally equivalent to Curve25519 (RFC 7748 §4.1, "edwards25519"):
 *
 *   −x² + y² = 1 + d·x²·y²,   d = −121665/121666 (mod p)
 *   (u, v) = ((1 + y)/(1 − y), √−486664·u/x)        (x, y) = (√−486664·u/v, (u − 1)/(u + 1))
 *
 * The map sends the Edwards base point (x, 4/5) to Curve25519's base point (9, v), and
 * k·(x, y) to k·(u, v): the same group, other coordinates. Only u is wanted, and u depends on
 * y alone, so the sign of x is immaterial.
 *
 * Why another form for the same job: a base point is fixed, so its multiples can be tabulated
 * once; but a table needs full additions, which the x-only ladder does not have. Edwards
 * additions are complete here (a = −1 is a square mod p and d is not: Bernstein, Birkner, Joye,
 * Lange, Peters, "Twisted Edwards curves", 2008): one formula adds any two points — equal,
 * opposite, or the neutral element (0, 1) — with no exception, so there is no special case to
 * mask either.
 *
 *   k = Σ_{i=0}^{63} k_i · 16^i,  k_i ∈ [0, 15]   so   k·B = Σ_i T[i][k_i],  T[i][j] = j·16^i·B
 *
 * 64 mixed additions in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z
 * (Hisil, Wong, Carter, Dawson 2008, EFD "madd-2008-hwcd-3" with a = −1: 7M each), from the
 * neutral element (0 : 1 : 1 : 0); T[i][0] is the neutral element too, so every window adds.
 * Table entries are affine, stored as (y + x, y − x, 2d·x·y) packed into one BigInt, and each
 * window's entry is read by a FULL SCAN of its 16 entries combined with computed masks, as in
 * P-256's fixed-base.ts. Then u = (1 + y)/(1 − y) = (Z + Y)/(Z − Y): one inversion by the fixed
 * chain of field.ts. (k·B = (0, 1) would give Z − Y = 0 and u = 0, X25519's value for O.)
 *
 * The ladder (x25519Ladder(k, 9)) is the reference this is tested against.
 *
 * What BigInt still leaks: the same caveats as ladder.ts (operand-size dependent timing,
 * allocation and garbage collection, the JIT). In addition, the first call builds the table
 * (variable time, from public data only: 64 rows of 16 points).
 */
import { mod, modInverseVartime } from '../math/modular.js';
import {
  fieldAddLazy as add,
  fieldCanonical,
  fieldInverseLazy,
  fieldMulLazy as mul,
  fieldSubLazy as sub,
  p,
} from './field.js';

const WINDOWS = 64;
const ENTRIES = 16;
const LOW_256 = 2n ** 256n - 1n;

/** d = −121665/121666 mod p (RFC 7748 §4.1, RFC 8032 §5.1; the tests recompute it). */
export const EDWARDS_D =
  37095705934669439343138083508754565189542113879843219016388785533085940283555n;
/** 2d, the constant of the addition formula. */
const D2 = (2n * EDWARDS_D) % p;

/** An affine point (x, y) of edwards25519. */
export interface EdwardsPoint {
  readonly x: bigint;
  readonly y: bigint;
}

/** A point in extended coordinates: x = X/Z, y = Y/Z, x·y = T/Z (lazy field elements). */
interface ExtendedPoint {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
  readonly T: bigint;
}

/**
 * The Edwards base point (RFC 8032 §5.1): y = (u − 1)/(u + 1) = 8/10 = 4/5 for u = 9, and x
 * the even root of x² = (y² − 1)/(d·y² + 1) (either sign gives the same u). The tests check
 * both equations and the map back to u = 9.
 */
export const EDWARDS_BASE: EdwardsPoint = Object.freeze({
  x: 15112221349535400772501151409588531511454012693041857206046113283949847762202n,
  y: 46316835694926478169428394003475163141307993866256225615783033603165251855960n,
});

/**
 * P + Q in extended coordinates, both general (add-2008-hwcd-3, a = −1, k = 2d: 8M + one
 * multiplication by 2d). Complete: any two points of the curve. For building the table.
 */
function extendedAdd(P: ExtendedPoint, Q: ExtendedPoint): ExtendedPoint {
  const A = mul(sub(P.Y, P.X), sub(Q.Y, Q.X)); //   A = (Y1 − X1)(Y2 − X2)
  const B = mul(add(P.Y, P.X), add(Q.Y, Q.X)); //   B = (Y1 + X1)(Y2 + X2)
  const C = mul(mul(P.T, D2), Q.T); //              C = T1·2d·T2
  const D = mul(add(P.Z, P.Z), Q.Z); //             D = 2·Z1·Z2
  const E = sub(B, A); //                           E = B − A
  const F = sub(D, C); //                           F = D − C
  const G = add(D, C); //                           G = D + C
  const H = add(B, A); //                           H = B + A
  return { X: mul(E, F), Y: mul(G, H), Z: mul(F, G), T: mul(E, H) }; // X3 = EF, Y3 = GH, Z3 = FG, T3 = EH
}

/**
 * P + Q with Q affine, given as (y + x, y − x, 2d·x·y) (madd-2008-hwcd-3, a = −1: 7M). Complete.
 */
function mixedAdd(P: ExtendedPoint, yPlusX: bigint, yMinusX: bigint, xy2d: bigint): ExtendedPoint {
  const A = mul(sub(P.Y, P.X), yMinusX); //         A = (Y1 − X1)(y2 − x2)
  const B = mul(add(P.Y, P.X), yPlusX); //          B = (Y1 + X1)(y2 + x2)
  const C = mul(P.T, xy2d); //                      C = T1·2d·x2·y2
  const D = add(P.Z, P.Z); //                       D = 2·Z1
  const E = sub(B, A); //                           E = B − A
  const F = sub(D, C); //                           F = D − C
  const G = add(D, C); //                           G = D + C
  const H = add(B, A); //                           H = B + A
  return { X: mul(E, F), Y: mul(G, H), Z: mul(F, G), T: mul(E, H) };
}

/** The neutral element (0, 1) in extended coordinates. */
const NEUTRAL: ExtendedPoint = { X: 0n, Y: 1n, Z: 1n, T: 0n };

let table: bigint[][] | undefined;

/**
 * T[i][j] = j·16^i·B for i < 64, j < 16, affine, packed as (y + x) | (y − x) << 256 |
 * (2d·x·y) << 512 with each part in [0, p − 1]. Public data, built once, variable time.
 */
function buildTable(): bigint[][] {
  const rows: bigint[][] = [];
  const { x, y } = EDWARDS_BASE;
  let base: ExtendedPoint = { X: x, Y: y, Z: 1n, T: mod(x * y, p) }; // 16^i·B
  for (let i = 0; i < WINDOWS; i++) {
    const row: bigint[] = [];
    let multiple = NEUTRAL;
    for (let j = 0; j < ENTRIES; j++) {
      const zInverse = modInverseVartime(mod(multiple.Z, p), p); // public value: the fast inverse
      const ax = mod(multiple.X * zInverse, p);
      const ay = mod(multiple.Y * zInverse, p);
      row.push(mod(ay + ax, p) | (mod(ay - ax, p) << 256n) | (mod(D2 * ax * ay, p) << 512n));
      multiple = extendedAdd(multiple, base);
    }
    rows.push(row);
    base = multiple; // 16·16^i·B = 16^(i+1)·B
  }
  return rows;
}

/** The 64 base-16 digits k_0 … k_63 of k (least significant first), by masks and shifts. */
function digitsOf(k: bigint): Uint8Array {
  const digits = new Uint8Array(WINDOWS);
  let rest = k;
  for (let w = 0; w < WINDOWS / 8; w++) {
    const word = Number(rest & 0xffffffffn); // 8 digits at a time
    rest >>= 32n;
    for (let q = 0; q < 8; q++) digits[8 * w + q] = (word >>> (4 * q)) & 15;
  }
  return digits;
}

/**
 * u(k·B) for the base point B, by the precomputed table (file header). The same 64 table
 * scans and 64 additions for every k, then one inversion.
 * @param k - the scalar, in [0, 2^256) (not checked: x25519.ts passes a clamped scalar)
 * @returns u(k·B) in [0, p − 1]; 0 when k·B is the neutral element
 * @example fixedBaseU(1n) // 9n
 */
export function fixedBaseU(k: bigint): bigint {
  table ??= buildTable();
  const digits = digitsOf(k);
  let R = NEUTRAL;
  for (let i = 0; i < WINDOWS; i++) {
    const row = table[i];
    const digit = digits[i];
    let entry = 0n;
    for (let j = 0; j < ENTRIES; j++) {
      // −1 (all ones) exactly when digit = j: (digit ⊕ j) − 1 is negative only for 0.
      entry |= row[j] & BigInt(((digit ^ j) - 1) >> 4);
    }
    R = mixedAdd(R, entry & LOW_256, (entry >> 256n) & LOW_256, entry >> 512n);
  }
  // u = (1 + y)/(1 − y) = (Z + Y)/(Z − Y)
  return fieldCanonical(mul(add(R.Z, R.Y), fieldInverseLazy(sub(R.Z, R.Y))));
}
