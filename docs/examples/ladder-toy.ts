// Chapter 4: the Montgomery ladder for 13·G on the toy curve, every iteration (= `ecdh-lab explain ladder --scalar 13`).
import { TOY } from '../../src/math';
import { renderLadder, traceLadder } from '../../src/explain/ladder';

export function main(): void {
  for (const line of renderLadder(traceLadder(13n, TOY.G, TOY))) console.log(line);
}
