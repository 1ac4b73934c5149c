// Chapter 4: the same ladder on P-256 with a 256-bit scalar (= `ecdh-lab explain ladder --curve p256 --full 2`).
import { G, P256, demoScalar, renderLadder, traceLadder } from 'ecdh-lab/math';

export function main(): void {
  const k = demoScalar('ecdh-lab Alice'); // a fixed, published demo value: SHA-256("ecdh-lab Alice") reduced mod n
  for (const line of renderLadder(traceLadder(k, G, P256), 2)) console.log(line);
}
