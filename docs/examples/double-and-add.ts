// Chapter 4: double-and-add writes the key's bits into its sequence of operations;
// the ladder's sequence is the same for every key.
import { TOY, pointAdd, pointDouble, INFINITY, type AffinePoint } from 'ecdh-lab/math';

function doubleAndAddOps(k: bigint, P: AffinePoint): { ops: string; R: AffinePoint } {
  let R: AffinePoint = INFINITY;
  let ops = '';
  for (const bit of k.toString(2)) {
    R = pointDouble(R, TOY);
    ops += 'D';
    if (bit === '1') {
      R = pointAdd(R, P, TOY); // only for 1 bits: an observer who sees the A's reads the key
      ops += 'A';
    }
  }
  return { ops, R };
}

function ladderOps(bitLength: number): string {
  return 'AD'.repeat(bitLength); // one addition and one doubling per bit, whatever the bit
}

export function main(): void {
  const G = TOY.G!;
  for (const k of [13n, 200n, 128n, 127n]) {
    const { ops, R } = doubleAndAddOps(k, G);
    console.log(
      `k = ${String(k).padStart(3)} = ${k.toString(2).padStart(8, '0')}  double-and-add: ${ops.padEnd(16)} → (${R.x}, ${R.y})   ladder: ${ladderOps(8)}`,
    );
  }
}
