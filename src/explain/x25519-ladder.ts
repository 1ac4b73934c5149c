/**
 * The X25519 ladder (RFC 7748 §5), traced: every step's key bit, the conditional swap it makes,
 * the four projective registers, R0 = j·P and R1 = (j+1)·P as u-coordinates, and a check of the
 * invariant R1 − R0 = P.
 *
 *   clamp (optional): k = scalar with bits 0–2 and 255 cleared, bit 254 set
 *   x1 = u, (x2 : z2) = (1 : 0) = O, (x3 : z3) = (u : 1) = P, swap = 0
 *   for t = 254 down to 0:
 *     swap ^= k_t;  cswap(swap, x2, x3);  cswap(swap, z2, z3);  swap = k_t
 *     (x2 : z2) ← 2·(x2 : z2),  (x3 : z3) ← (x2 : z2) + (x3 : z3)   (difference P)
 *   cswap(swap, …) once more;  u(k·P) = x2 · z2^(p−2)
 *
 * RFC 7748 never swaps back inside a step: the pair stays swapped by the last bit, and the next
 * step's cswap uses (previous bit ⊕ this bit), which undoes the old swap and makes the new one
 * at once. The trace records that swap bit and the registers as the RFC holds them, and also
 * R0, R1 in their logical order.
 *
 * The registers are computed here with the plain formulas and canonical field arithmetic (the
 * checked functions of x25519/field.ts), not with the ladder's lazy ones. Every step is checked
 * against the textbook affine group law of x25519/curve.ts, carried along in (u, v): R0 = j·P,
 * R1 = (j+1)·P, R1 − R0 = P, and u = X/Z of each register pair equals the reference's u. So the
 * trace needs a point of the curve (a u that lifts to a v); X25519 itself also takes points of
 * the twist. The result is compared with the library's x25519Ladder.
 *
 * Deliberately not here: any protection of k. The trace branches on k's bits to record them.
 * Never trace a real key.
 */
import { assertBigInt } from '../bytes/assert.js';
import {
  BASE_POINT,
  CURVE25519,
  CURVE25519_INFINITY,
  curve25519Add,
  curve25519Double,
  curve25519Negate,
  curve25519PointFromU,
  type Curve25519Point,
} from '../x25519/curve.js';
import { bytesToHex } from '../bytes/hex.js';
import {
  fieldAdd,
  fieldInverse,
  fieldMul,
  fieldSquare,
  fieldSub,
  fieldToBytes,
  p,
} from '../x25519/field.js';
import { X25519_LADDER_BITS, x25519Ladder } from '../x25519/ladder.js';
import { formatNumber } from './format.js';

/** One step of the ladder, after its bit was processed. */
export interface X25519LadderStep {
  /** 1-based step number (1 … 255). */
  readonly step: number;
  /** The bit index t, 254 … 0. */
  readonly t: number;
  /** The key bit k_t. */
  readonly bit: 0 | 1;
  /** The cswap made at the start of the step: previous bit ⊕ k_t (1 = the registers exchanged). */
  readonly swap: 0 | 1;
  /** The prefix of k read so far: R0 = j·P, R1 = (j+1)·P. */
  readonly j: bigint;
  /** The registers after the step, as RFC 7748 holds them (swapped when k_t = 1). */
  readonly x2: bigint;
  readonly z2: bigint;
  readonly x3: bigint;
  readonly z3: bigint;
  /** u(R0) = u(j·P), or null for the point at infinity (Z = 0). */
  readonly R0: bigint | null;
  /** u(R1) = u((j+1)·P), or null for the point at infinity. */
  readonly R1: bigint | null;
  /** R1 − R0 = P on the affine reference, and R0, R1 equal its j·P, (j+1)·P. */
  readonly invariantHolds: boolean;
}

export interface X25519LadderTrace {
  /** The scalar as given. */
  readonly scalar: bigint;
  /** Whether it was clamped (RFC 7748 decodeScalar25519) before the ladder. */
  readonly clamped: boolean;
  /** The ladder's k (the clamped scalar, or the scalar itself). */
  readonly k: bigint;
  /** The point P: its u-coordinate, and the v the affine reference uses. */
  readonly u: bigint;
  readonly v: bigint;
  /** Always 255: bits 254 … 0, whatever k is. */
  readonly bitLength: number;
  readonly steps: readonly X25519LadderStep[];
  /** The last cswap, by k_0, that puts R0 back into (x2 : z2). */
  readonly finalSwap: 0 | 1;
  /** (x2 : z2) = k·P after that swap. */
  readonly x2: bigint;
  readonly z2: bigint;
  /** u(k·P) = x2 · z2^(p−2) (0 for the point at infinity). */
  readonly result: bigint;
  /** How many of the 256 cswaps exchanged the registers. */
  readonly swaps: number;
  readonly check: { readonly against: string; readonly equal: boolean };
}

/** RFC 7748 decodeScalar25519 on an integer: bits 0–2 and 255 cleared, bit 254 set. */
function clamp(scalar: bigint): bigint {
  return (scalar & (2n ** 254n - 8n)) | (2n ** 254n);
}

/** X/Z as a field element, or null when Z = 0 (the point at infinity). */
function affineU(X: bigint, Z: bigint): bigint | null {
  return Z === 0n ? null : fieldMul(X, fieldInverse(Z));
}

const uOf = (P: Curve25519Point): bigint | null => (P === CURVE25519_INFINITY ? null : P.u);
const samePoint = (A: Curve25519Point, B: Curve25519Point): boolean =>
  A === CURVE25519_INFINITY || B === CURVE25519_INFINITY ? A === B : A.u === B.u && A.v === B.v;

/**
 * Runs and records the X25519 ladder for u(k·P).
 * @param scalar - the scalar: in [0, 2^256) when clamped (the integer value of the 32
 *   little-endian key bytes), in [0, 2^255) when not
 * @param options - u: the point's u-coordinate (default 9, the base point; it must be a point of
 *   the curve, not of the twist); clamp: whether to clamp first (default true, as X25519 does)
 * @returns every step and the result, checked against the library
 * @throws TypeError for a non-bigint; RangeError for a scalar or u out of range, or a u of the twist
 * @example traceX25519Ladder(13n, { clamp: false }).result // u(13·B)
 */
export function traceX25519Ladder(
  scalar: bigint,
  options: { u?: bigint; clamp?: boolean } = {},
): X25519LadderTrace {
  const clamped = options.clamp !== false;
  assertBigInt(scalar, 'scalar', 0n, clamped ? 2n ** 256n - 1n : 2n ** 255n - 1n);
  const u = options.u ?? CURVE25519.u;
  assertBigInt(u, 'u', 0n, p - 1n);
  const P = u === BASE_POINT.u ? BASE_POINT : curve25519PointFromU(u);
  if (P === null)
    throw new RangeError(
      'explain: u is on the twist; the trace checks each step with the affine (u, v) group law, so it needs a point of the curve',
    );
  const k = clamped ? clamp(scalar) : scalar;
  const a24 = CURVE25519.a24;

  const x1 = u;
  let [x2, z2, x3, z3] = [1n, 0n, u, 1n]; // R0 = O = (1 : 0), R1 = P = (u : 1)
  let R0ref: Curve25519Point = CURVE25519_INFINITY; // the affine reference: j·P and (j+1)·P
  let R1ref: Curve25519Point = P;
  let previous: 0 | 1 = 0;
  let j = 0n;
  let swaps = 0;
  const steps: X25519LadderStep[] = [];
  for (let t = X25519_LADDER_BITS - 1; t >= 0; t--) {
    const bit = Number((k >> BigInt(t)) & 1n) as 0 | 1;
    const swap = (previous ^ bit) as 0 | 1; // swap ^= k_t
    if (swap === 1) {
      [x2, x3] = [x3, x2]; // cswap(swap, x2, x3), cswap(swap, z2, z3)
      [z2, z3] = [z3, z2];
      swaps++;
    }
    previous = bit;
    const A = fieldAdd(x2, z2);
    const AA = fieldSquare(A);
    const B = fieldSub(x2, z2);
    const BB = fieldSquare(B);
    const E = fieldSub(AA, BB);
    const C = fieldAdd(x3, z3);
    const D = fieldSub(x3, z3);
    const DA = fieldMul(D, A);
    const CB = fieldMul(C, B);
    x3 = fieldSquare(fieldAdd(DA, CB)); //                    x3 = (DA + CB)²
    z3 = fieldMul(x1, fieldSquare(fieldSub(DA, CB))); //      z3 = x1·(DA − CB)²
    x2 = fieldMul(AA, BB); //                                 x2 = AA·BB
    z2 = fieldMul(E, fieldAdd(AA, fieldMul(a24, E))); //      z2 = E·(AA + a24·E)

    // The reference, in logical order: j ← 2j + bit.
    [R0ref, R1ref] =
      bit === 1
        ? [curve25519Add(R0ref, R1ref), curve25519Double(R1ref)]
        : [curve25519Double(R0ref), curve25519Add(R0ref, R1ref)];
    j = 2n * j + BigInt(bit);
    // Logical R0, R1 from the registers: (x2 : z2) is R_b, (x3 : z3) is R_(1−b).
    const [X0, Z0, X1, Z1] = bit === 1 ? [x3, z3, x2, z2] : [x2, z2, x3, z3];
    const R0 = affineU(X0, Z0);
    const R1 = affineU(X1, Z1);
    const difference = curve25519Add(R1ref, curve25519Negate(R0ref));
    steps.push({
      step: steps.length + 1,
      t,
      bit,
      swap,
      j,
      x2,
      z2,
      x3,
      z3,
      R0,
      R1,
      invariantHolds: samePoint(difference, P) && R0 === uOf(R0ref) && R1 === uOf(R1ref),
    });
  }
  const finalSwap = previous;
  if (finalSwap === 1) {
    [x2, x3] = [x3, x2];
    [z2, z3] = [z3, z2];
    swaps++;
  }
  const result = fieldMul(x2, fieldInverse(z2)); // x2 · z2^(p−2); 0 when z2 = 0
  return {
    scalar,
    clamped,
    k,
    u,
    v: P.v,
    bitLength: X25519_LADDER_BITS,
    steps,
    finalSwap,
    x2,
    z2,
    result,
    swaps,
    check: {
      against: 'x25519Ladder (src/x25519/ladder.ts)',
      equal: result === x25519Ladder(k, u),
    },
  };
}

const showU = (value: bigint | null): string => (value === null ? 'O' : formatNumber(value));

/**
 * The trace as text lines: the clamping, the first `full` steps in full, a summary of the
 * rest, the last swap and the final division.
 * @example renderX25519Ladder(traceX25519Ladder(13n, { clamp: false }), 2).join('\n')
 */
export function renderX25519Ladder(trace: X25519LadderTrace, full = 3): string[] {
  const { steps } = trace;
  const ok = (s: X25519LadderStep): string => (s.invariantHolds ? '✓' : '✗ BROKEN');
  const lines = [`X25519 ladder (RFC 7748 §5): u(k·P) on Curve25519, x-only`];
  if (trace.clamped) {
    lines.push(
      `scalar    = ${formatNumber(trace.scalar)}`,
      `clamped k = ${formatNumber(trace.k)}`,
      `    bits 0–2 cleared (a multiple of the cofactor 8), bit 255 cleared, bit 254 set`,
    );
  } else {
    lines.push(`k = ${formatNumber(trace.k)}   (not clamped)`);
  }
  lines.push(
    `    ${trace.bitLength} steps, bits 254 … 0, whatever k is`,
    `u(P) = ${formatNumber(trace.u)}`,
    `start: (x2 : z2) = (1 : 0) = O,  (x3 : z3) = (u : 1) = P`,
    `each step: swap ^= k_t; cswap; (x2 : z2) ← 2·(x2 : z2); (x3 : z3) ← sum, difference P   (j ← 2j + k_t)`,
    '',
  );
  for (const s of steps.slice(0, full)) {
    lines.push(
      `step ${s.step}   t = ${s.t}   k_t = ${s.bit}   cswap ${s.swap} (${s.swap === 1 ? 'exchanged' : 'kept'})   j = ${formatNumber(s.j)}`,
      `  (x2 : z2) = (${formatNumber(s.x2)} :`,
      `              ${formatNumber(s.z2)})`,
      `  (x3 : z3) = (${formatNumber(s.x3)} :`,
      `              ${formatNumber(s.z3)})`,
      `  R0 = j·P      u = ${showU(s.R0)}`,
      `  R1 = (j+1)·P  u = ${showU(s.R1)}`,
      `  R1 − R0 = P  ${ok(s)}`,
    );
  }
  const rest = steps.slice(full);
  if (rest.length > 0) {
    const exchanged = rest.filter((s) => s.swap === 1).length;
    lines.push(
      `steps ${full + 1}–${steps.length}: ${rest.length} more (${exchanged} cswaps exchanged, ${rest.length - exchanged} kept),`,
      `  each one doubling and one differential addition; invariant R1 − R0 = P held at ${rest.filter((s) => s.invariantHolds).length} of ${rest.length}`,
    );
  }
  // Every cswap, in rows of 51 steps: the key bit and the swap bit (previous bit ⊕ k_t).
  lines.push('', 'every step (k_t, then its cswap bit = previous k ⊕ k_t; ✓ = R1 − R0 = P held):');
  for (let i = 0; i < steps.length; i += 51) {
    const row = steps.slice(i, i + 51);
    const span = `${row[0].step}–${row[row.length - 1].step}`.padEnd(8);
    lines.push(
      `  steps ${span} k_t   ${row.map((s) => s.bit).join('')}`,
      `                 cswap ${row.map((s) => s.swap).join('')}`,
      `                 R1−R0 ${row.map((s) => (s.invariantHolds ? '✓' : '✗')).join('')}`,
    );
  }
  const held = steps.filter((s) => s.invariantHolds).length;
  lines.push(
    `invariant R1 − R0 = P held at ${held} of ${steps.length} steps`,
    '',
    `last cswap ${trace.finalSwap} (by k_0): (x2 : z2) = k·P;  ${trace.swaps} of ${trace.bitLength + 1} cswaps exchanged`,
    `result  u(k·P) = x2 · z2^(p−2) = ${formatNumber(trace.result)}`,
    `        as 32 bytes (encodeUCoordinate, little-endian): ${bytesToHex(fieldToBytes(trace.result))}`,
    `agrees with ${trace.check.against}: ${trace.check.equal ? 'yes' : 'NO'}`,
  );
  return lines;
}
