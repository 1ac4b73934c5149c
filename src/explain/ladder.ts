/**
 * The Montgomery ladder, traced: every iteration's bit, swap, R0 and R1, and a check of the
 * invariant R1 − R0 = P, on any short Weierstrass curve (the toy curve or P-256).
 *
 *   R0 = O, R1 = P                         (j = 0: R0 = j·P, R1 = (j+1)·P)
 *   for each bit b of k, most significant first, over a FIXED number of bits (those of n):
 *     swap (R0, R1) if b = 1               (in ladder.ts: a masked swap, never an `if`)
 *     R1 ← R0 + R1,  R0 ← 2·R0             (on the swapped pair)
 *     swap back if b = 1
 *   now j ← 2j + b, R0 = j·P, R1 = (j+1)·P and R1 − R0 = P still holds
 *
 * This is the plain ladder of ladder.ts (`referenceLadder`) written on affine points with the
 * textbook group law of affine.ts, so every intermediate point is a readable (x, y). The result
 * is compared with the library's own scalar multiplication for the curve: `coZLadder` (co-Z,
 * constant-time-style) on P-256, `scalarMultiply` (affine double-and-add) elsewhere.
 *
 * Deliberately not here: any protection of k. This traces a value in order to print it; the
 * branches below are on k's bits. Never trace a real key.
 */
import {
  INFINITY,
  pointAdd,
  pointDouble,
  pointNegate,
  readAffinePoint,
  scalarMultiply,
  type AffinePoint,
  type Curve,
} from '../curve/affine.js';
import { coZLadder } from '../curve/ladder.js';
import { P256 } from '../curve/p256.js';
import { firstThatFits, formatNumber, formatPoint, formatTable, labelled } from './format.js';

/** One iteration of the ladder, after its bit was processed. */
export interface LadderStep {
  /** 1-based iteration number. */
  readonly step: number;
  /** The key bit read in this iteration. */
  readonly bit: 0 | 1;
  /** Whether the pair was swapped (= bit). */
  readonly swapped: boolean;
  /** The prefix of k read so far: R0 = j·P, R1 = (j+1)·P. */
  readonly j: bigint;
  readonly R0: AffinePoint;
  readonly R1: AffinePoint;
  /** R1 − R0, computed; equals P at every step. */
  readonly difference: AffinePoint;
  readonly invariantHolds: boolean;
}

export interface LadderTrace {
  readonly curve: string;
  readonly k: bigint;
  readonly P: AffinePoint;
  /** The number of iterations: the bit length of n, whatever k is. */
  readonly bitLength: number;
  readonly steps: readonly LadderStep[];
  readonly result: AffinePoint;
  /** Which library function the result was compared with, and whether they agree. */
  readonly check: { readonly against: string; readonly equal: boolean };
}

function samePoint(A: AffinePoint, B: AffinePoint): boolean {
  if (A === INFINITY || B === INFINITY) return A === B;
  return A.x === B.x && A.y === B.y;
}

/**
 * Runs and records the Montgomery ladder for k·P on `curve`.
 * @param k - the scalar, 0 ≤ k < 2^bitLength(n)
 * @param P - a point of the curve (default: its generator G)
 * @param curve - the curve (needs n); P-256 by default
 * @returns every iteration and the result, checked against the library
 * @throws TypeError for a non-bigint k; RangeError for k out of range or a curve without n
 * @example traceLadder(13n, TOY.G, TOY).result // 13·G = (…)
 */
export function traceLadder(
  k: bigint,
  P: AffinePoint | undefined,
  curve: Curve = P256,
): LadderTrace {
  if (typeof k !== 'bigint') throw new TypeError(`explain: k must be a bigint, got ${typeof k}`);
  const { n } = curve;
  if (n === undefined || (P ?? curve.G) === undefined)
    throw new RangeError('explain: the curve needs n and G');
  // Read once: every step and the check below see the same point.
  const base = readAffinePoint(P ?? curve.G, 'P');
  const bitLength = n.toString(2).length;
  if (k < 0n || k >= 1n << BigInt(bitLength))
    throw new RangeError(`explain: k must be in [0, 2^${bitLength})`);

  let R0: AffinePoint = INFINITY;
  let R1: AffinePoint = base;
  let j = 0n;
  const steps: LadderStep[] = [];
  const bits = k.toString(2).padStart(bitLength, '0');
  for (let i = 0; i < bitLength; i++) {
    const bit = bits[i] === '1' ? 1 : 0;
    if (bit === 1) [R0, R1] = [R1, R0]; //      (A, B) = (R_b, R_(1−b))
    const sum = pointAdd(R0, R1, curve); //     R_(1−b) ← R0 + R1
    const doubled = pointDouble(R0, curve); //  R_b ← 2·R_b
    [R0, R1] = [doubled, sum];
    if (bit === 1) [R0, R1] = [R1, R0]; //      swap back
    j = 2n * j + BigInt(bit);
    const difference = pointAdd(R1, pointNegate(R0, curve), curve);
    steps.push({
      step: i + 1,
      bit,
      swapped: bit === 1,
      j,
      R0,
      R1,
      difference,
      invariantHolds: samePoint(difference, base),
    });
  }
  const isP256 = curve.p === P256.p && curve.a === P256.a && curve.b === P256.b;
  const expected = isP256 ? coZLadder(k, base) : scalarMultiply(k, base, curve);
  return {
    curve: curve.name ?? 'curve',
    k,
    P: base,
    bitLength,
    steps,
    result: R0,
    check: {
      against: isP256
        ? 'coZLadder (co-Z, src/curve/ladder.ts)'
        : 'scalarMultiply (affine double-and-add)',
      equal: samePoint(R0, expected),
    },
  };
}

/**
 * The trace as text lines: a table for a small curve; for P-256 the first `full` iterations
 * in full and a summary of the rest.
 * @example renderLadder(traceLadder(13n, TOY.G, TOY)).join('\n')
 */
export function renderLadder(trace: LadderTrace, full = 3): string[] {
  const { steps } = trace;
  const ok = (s: LadderStep): string => (s.invariantHolds ? '✓' : '✗ BROKEN');
  const lines = [
    `Montgomery ladder: k·P on ${trace.curve}`,
    trace.bitLength <= 32
      ? `k = ${trace.k} = 0b${trace.k.toString(2).padStart(trace.bitLength, '0')}`
      : `k = ${formatNumber(trace.k)}`,
    `    ${trace.bitLength} iterations, the bit length of n, whatever k is`,
    ...pointLines('P =', trace.P),
    `each iteration: swap if bit = 1; R1 ← R0 + R1; R0 ← 2·R0; swap back   (so j ← 2j + bit)`,
    '',
  ];
  const small = trace.P === INFINITY || trace.P.x < 2n ** 32n;
  if (
    small &&
    steps.every((s) => s.R0 === INFINITY || (s.R0.x < 2n ** 32n && s.R1.x < 2n ** 32n))
  ) {
    lines.push(
      ...formatTable(
        ['step', 'bit', 'swap', 'j', 'R0 = j·P', 'R1 = (j+1)·P', 'R1 − R0', 'invariant'],
        steps.map((s) => [
          String(s.step),
          String(s.bit),
          s.swapped ? 'yes' : 'no',
          s.j.toString(),
          formatPoint(s.R0),
          formatPoint(s.R1),
          formatPoint(s.difference),
          ok(s),
        ]),
      ),
    );
  } else {
    for (const s of steps.slice(0, full)) {
      lines.push(
        ...labelled(
          `step ${s.step}   bit ${s.bit}   swap ${s.swapped ? 'yes' : 'no'}   j = `,
          formatNumber(s.j),
        ),
      );
      lines.push(...pointLines('  R0 = j·P    ', s.R0), ...pointLines('  R1 = (j+1)·P', s.R1));
      lines.push(`  R1 − R0 = P  ${ok(s)}`);
    }
    const rest = steps.slice(full);
    if (rest.length > 0) {
      const ones = rest.filter((s) => s.bit === 1).length;
      const held = `${rest.filter((s) => s.invariantHolds).length} of ${rest.length}`;
      lines.push(
        `steps ${full + 1}–${steps.length}: ${rest.length} more iterations (${ones} with bit 1, ${rest.length - ones} with bit 0),`,
        ...firstThatFits(
          [`  each one addition and one doubling; invariant R1 − R0 = P held at ${held}`],
          ['  each one addition and one doubling; the invariant R1 − R0 = P held at', `  ${held}`],
        ),
      );
    }
  }
  lines.push('', ...pointLines(`result  k·P =`, trace.result));
  lines.push(`agrees with ${trace.check.against}: ${trace.check.equal ? 'yes' : 'NO'}`);
  return lines;
}

/** A point on one line if short, else x and y on two lines under `label`. */
export function pointLines(label: string, P: AffinePoint): string[] {
  if (P === INFINITY || (P.x < 2n ** 32n && P.y < 2n ** 32n)) return [`${label} ${formatPoint(P)}`];
  const pad = ' '.repeat([...label].length);
  return [`${label} x = ${formatNumber(P.x)}`, `${pad} y = ${formatNumber(P.y)}`];
}
