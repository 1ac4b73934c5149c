/**
 * u1·G + u2·Q on P-256 for PUBLIC scalars and a public point: what ECDSA verification
 * computes (FIPS 186-5 §6.4.2 step 5). VARIABLE TIME: the sequence of operations depends on
 * u1, u2 and Q. Never call it with a secret scalar (signing and ECDH use fixed-base.ts and
 * ladder.ts, which do not branch on their scalar).
 *
 * The method is Straus's (1964; often called "Shamir's trick"): one chain of doublings shared
 * by both scalars, into which the additions for u1 and for u2 are interleaved, so the
 * 256 doublings are paid once instead of twice. Each scalar is first recoded in width-w
 * non-adjacent form (wNAF; Hankerson–Menezes–Vanstone, Guide to ECC, Alg. 3.35):
 *
 *   k = Σ d_i·2^i,  each d_i odd and |d_i| < 2^(w−1), or 0; between two non-zero digits at
 *   least w − 1 zeros, so about 256/(w + 1) of the digits are non-zero
 *
 * and the loop (Alg. 3.51, interleaving) runs from the top digit down:
 *
 *   R = O
 *   for i from the top down to 0:
 *     R = 2R
 *     if d1_i ≠ 0:  R = R ± |d1_i|·G   (a table of odd multiples of G, affine, built once)
 *     if d2_i ≠ 0:  R = R ± |d2_i|·Q   (a table of odd multiples of Q, built per call)
 *
 * Widths: w = 8 for G (64 affine points, built on first use: about 28 additions per scalar)
 * and w = 5 for Q (8 points, 1 doubling and 7 additions to build, then brought to affine with
 * one inversion: about 43 additions).
 *
 * The loop's formulas are those of jacobian-formulas.ts (dbl-2001-b for a = −3, madd-2007-bl)
 * with lazy reduction: a value that only feeds a multiplication stays unreduced but non-negative (a − b
 * is taken as a − b + p), and each result is reduced once, after adding a multiple of p that
 * keeps it non-negative — about half the BigInt operations. The addition handles every
 * special case (R = O, R = ±T) with branches: with public inputs anything may happen, and a
 * branch costs nothing secret. The tests check the result against the affine reference.
 * doubleScalarMultiplyVartime returns the affine point; the Jacobian form is for ECDSA, which
 * compares x(R) mod n with r without an inversion.
 */
import { assertBigInt } from '../bytes/assert.js';
import { neg } from '../math/fp.js';
import { n } from '../math/scalar.js';
import { INFINITY, readAffinePoint, type AffinePoint } from './affine.js';
import {
  JACOBIAN_INFINITY,
  jacobianAdd,
  jacobianDouble,
  toAffineBatchVartime,
  toAffineVartime,
  toJacobian,
  type JacobianPoint,
} from './jacobian-formulas.js';
import { G, p } from './p256.js';

const W_G = 8;
const W_Q = 5;

/**
 * The width-w NAF of k ≥ 0 (Guide to ECC, Alg. 3.35): digits d_0, d_1, … (least significant
 * first), each 0 or odd with |d_i| < 2^(w−1), and k = Σ d_i·2^i.
 *
 * Worked on a bit array: at the lowest 1 bit i, the w bits from i are the digit v (taken as
 * negative, v − 2^w, when v ≥ 2^(w−1)); subtracting it clears those w bits (and, for a
 * negative digit, adds 1 at bit i + w, which the carry loop propagates).
 * @example wnaf(7n, 3) // digits [−1, 0, 0, 1]: 7 = 8 − 1
 */
export function wnaf(k: bigint, w: number): Int8Array {
  const binary = k.toString(2);
  const bits = new Uint8Array(binary.length + w + 1);
  for (let i = 0; i < binary.length; i++) bits[i] = binary.charCodeAt(binary.length - 1 - i) - 48;
  const digits = new Int8Array(bits.length);
  const half = 1 << (w - 1);
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] === 0) continue;
    let v = 0;
    for (let j = 0; j < w && i + j < bits.length; j++) {
      v |= bits[i + j] << j;
      bits[i + j] = 0;
    }
    if (v >= half) {
      v -= 2 * half; // negative digit: k − v = k + |v| carries into bit i + w
      let j = i + w;
      while (bits[j] === 1) bits[j++] = 0;
      bits[j] = 1;
    }
    digits[i] = v;
  }
  return digits;
}

/** 1·P, 3·P, 5·P, …, (2^(w−1) − 1)·P in Jacobian coordinates: 1 doubling and 2^(w−2) − 1 additions. */
function oddMultiples(P: JacobianPoint, w: number): JacobianPoint[] {
  const out = [P];
  const twoP = jacobianDouble(P);
  for (let i = 1; i < 1 << (w - 2); i++) out.push(jacobianAdd(out[i - 1], twoP));
  return out;
}

let gTable: AffinePoint[] | undefined;

/** The odd multiples of G up to (2^(W_G−1) − 1)·G, affine (public data: the fast inversion is fine). */
function buildGTable(): AffinePoint[] {
  return toAffineBatchVartime(oddMultiples(toJacobian(G), W_G));
}

const P3 = 3n * p;
const P8 = 8n * p;
const P_SQUARED_2 = 2n * p * p;
const P_SQUARED_8 = 8n * p * p;

/**
 * 2R, dbl-2001-b for a = −3 (jacobian-formulas.ts jacobianDouble) with lazy reduction (file
 * header). O in, O out.
 */
function doubleLazy({ X: X1, Y: Y1, Z: Z1 }: JacobianPoint): JacobianPoint {
  const delta = (Z1 * Z1) % p; //                                      δ = Z1²
  const gamma = (Y1 * Y1) % p; //                                      γ = Y1²
  const beta4 = ((X1 * gamma) % p) << 2n; //                           4β = 4·X1·γ, in [0, 4p)
  const alpha = (3n * (X1 - delta + p) * (X1 + delta)) % p; //         α = 3(X1 − δ)(X1 + δ)
  const X3 = (alpha * alpha + P8 - (beta4 << 1n)) % p; //              X3 = α² − 8β
  const Z3 = ((Y1 * Z1) << 1n) % p; //                                 Z3 = 2·Y1·Z1
  const Y3 = (alpha * (beta4 - X3 + p) + P_SQUARED_8 - ((gamma * gamma) << 3n)) % p; // α(4β − X3) − 8γ²
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * R + (x, y) for an affine (x, y), with every special case: R = O gives (x, y); x(R) = x gives
 * 2R or O. Otherwise madd-2007-bl (jacobian-formulas.ts jacobianMixedAddIncomplete) with lazy
 * reduction.
 */
function mixedAddVartime(R: JacobianPoint, x: bigint, y: bigint): JacobianPoint {
  if (R.Z === 0n) return { X: x, Y: y, Z: 1n };
  const { X: X1, Y: Y1, Z: Z1 } = R;
  const Z1Z1 = (Z1 * Z1) % p; //                                 Z1²
  const U2 = (x * Z1Z1) % p; //                                   U2 = x·Z1²
  const S2 = (y * ((Z1 * Z1Z1) % p)) % p; //                     S2 = y·Z1³
  if (U2 === X1) return S2 === Y1 ? doubleLazy(R) : JACOBIAN_INFINITY; // R = (x, y): 2R; R = −(x, y): O
  const H = U2 - X1 + p; //                                       H = U2 − X1, in (0, 2p)
  const HH = (H * H) % p;
  const I = HH << 2n; //                                          I = 4·H²
  const J = (H * I) % p; //                                       J = H·I
  const r = (S2 - Y1 + p) << 1n; //                               r = 2(S2 − Y1)
  const V = (X1 * I) % p; //                                      V = X1·I
  const X3 = (r * r + P3 - J - (V << 1n)) % p; //                 X3 = r² − J − 2V
  const Y3 = (r * (V - X3 + p) + P_SQUARED_2 - ((Y1 * J) << 1n)) % p; // r(V − X3) − 2·Y1·J
  const Z3 = ((Z1 * H) << 1n) % p; //                             Z3 = 2·Z1·H
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * u1·G + u2·Q in Jacobian coordinates, for ECDSA verification (see the file header). The
 * caller guarantees u1, u2 ∈ [0, n − 1] and that Q is a valid P-256 point.
 */
export function doubleScalarMultiplyJacobianVartime(
  u1: bigint,
  u2: bigint,
  Q: AffinePoint,
): JacobianPoint {
  gTable ??= buildGTable();
  const d1 = wnaf(u1, W_G);
  const d2 = wnaf(u2, W_Q);
  const qTable = toAffineBatchVartime(oddMultiples(toJacobian(Q), W_Q));
  let R = JACOBIAN_INFINITY;
  for (let i = Math.max(d1.length, d2.length) - 1; i >= 0; i--) {
    if (R.Z !== 0n) R = doubleLazy(R); // doubling O is O: skip the leading ones
    const a = d1[i] ?? 0;
    if (a !== 0) {
      const T = gTable[Math.abs(a) >> 1]; //                                 |a|·G
      R = mixedAddVartime(R, T.x, a > 0 ? T.y : neg(T.y)); // R ± |a|·G
    }
    const b = d2[i] ?? 0;
    if (b !== 0) {
      const T = qTable[Math.abs(b) >> 1]; //                                 |b|·Q
      R = mixedAddVartime(R, T.x, b > 0 ? T.y : neg(T.y)); // R ± |b|·Q
    }
  }
  return R;
}

/**
 * u1·G + u2·Q by Straus's method with wNAF (see the file header). VARIABLE TIME: public
 * scalars and points only (it is what ECDSA verification needs).
 * @param u1 - the multiplier of G, in [0, n − 1]
 * @param u2 - the multiplier of Q, in [0, n − 1]
 * @param Q - a point of P-256 (it must be on the curve; not checked here beyond its type)
 * @returns u1·G + u2·Q (INFINITY when it is the point at infinity)
 * @throws TypeError for a non-bigint scalar or a Q that is not an AffinePoint; RangeError for a
 *   scalar outside [0, n − 1] or a coordinate outside [0, p − 1]
 * @example doubleScalarMultiplyVartime(2n, 3n, G) // 5G
 */
export function doubleScalarMultiplyVartime(u1: bigint, u2: bigint, Q: AffinePoint): AffinePoint {
  assertBigInt(u1, 'u1', 0n, n - 1n);
  assertBigInt(u2, 'u2', 0n, n - 1n);
  const point = readAffinePoint(Q, 'Q', p);
  const R =
    point === INFINITY
      ? doubleScalarMultiplyJacobianVartime(u1, 0n, G)
      : doubleScalarMultiplyJacobianVartime(u1, u2, point);
  return toAffineVartime(R);
}
