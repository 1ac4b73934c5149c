// Chapter 4: the Montgomery ladder for 13·G on the toy curve, every iteration (= `ecdh-lab explain ladder --scalar 13`).
import { TOY, renderLadder, traceLadder } from 'ecdh-lab/math';

export function main(): void {
  for (const line of renderLadder(traceLadder(13n, TOY.G, TOY))) console.log(line);
}
