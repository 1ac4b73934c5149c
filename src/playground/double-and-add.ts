/**
 * Left-to-right double-and-add, traced bit by bit for the scalar view, beside the Montgomery
 * ladder's trace (`traceLadder` of ecdh-lab/math):
 *
 *   R = O; for each bit of k, most significant first: R ← 2·R; if the bit is 1, R ← R + P
 *
 * It reads only the significant bits of k (a short k finishes early) and adds only on a 1 bit,
 * so the work per bit IS the key: one operation for a 0, two for a 1. Someone who can time
 * each iteration, or watch the power drawn, reads k off the trace. The ladder does one addition
 * and one doubling for every bit of n, whatever k is. This is the library's `scalarMultiply`
 * (affine) written out step by step; the result is checked against it.
 *
 * Deliberately not here: any protection of k. This is the leak, shown.
 */
import {
  INFINITY,
  type AffinePoint,
  type Curve,
  pointAdd,
  pointDouble,
  scalarMultiply,
} from '../math.js';
import { samePoint } from './small-curve.js';

export interface DoubleAndAddStep {
  /** 1-based iteration number. */
  readonly step: number;
  readonly bit: 0 | 1;
  /** The operations done in this iteration: ['double'] or ['double', 'add']. */
  readonly operations: readonly ('double' | 'add')[];
  /** The prefix of k read so far: R = j·P. */
  readonly j: bigint;
  readonly R: AffinePoint;
}

export interface DoubleAndAddTrace {
  readonly k: bigint;
  readonly steps: readonly DoubleAndAddStep[];
  readonly result: AffinePoint;
  /** Doublings and additions in total. */
  readonly doublings: number;
  readonly additions: number;
  /** Whether the result equals the library's scalarMultiply(k, P, curve). */
  readonly agrees: boolean;
}

/**
 * Runs and records double-and-add for k·P.
 * @param k - the scalar, ≥ 0
 * @param P - a point of the curve
 * @param curve - the curve
 * @example traceDoubleAndAdd(13n, TOY.G, TOY).steps.map((s) => s.operations.length) // [2, 2, 1, 2]
 */
export function traceDoubleAndAdd(k: bigint, P: AffinePoint, curve: Curve): DoubleAndAddTrace {
  if (k < 0n) throw new RangeError('playground: k must be ≥ 0');
  let R: AffinePoint = INFINITY;
  let j = 0n;
  const steps: DoubleAndAddStep[] = [];
  const bits = k === 0n ? '' : k.toString(2);
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i] === '1' ? 1 : 0;
    R = pointDouble(R, curve);
    if (bit === 1) R = pointAdd(R, P, curve);
    j = 2n * j + BigInt(bit);
    steps.push({ step: i + 1, bit, operations: bit === 1 ? ['double', 'add'] : ['double'], j, R });
  }
  const additions = steps.filter((s) => s.bit === 1).length;
  return {
    k,
    steps,
    result: R,
    doublings: steps.length,
    additions,
    agrees: samePoint(R, scalarMultiply(k, P, curve)),
  };
}
