// Chapter 10: the X25519 ladder traced step by step on RFC 7748 §6.1's published test key
// (Alice's), clamped as X25519 clamps it: every cswap, the registers, and the invariant.
import { renderX25519Ladder, traceX25519Ladder } from 'ecdh-lab/math';

export function main(): void {
  // RFC 7748 §6.1: Alice's private key, read as a little-endian integer. A published test key.
  const alice = '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a';
  const scalar = BigInt('0x' + alice.match(/../g)!.reverse().join(''));
  for (const line of renderX25519Ladder(traceX25519Ladder(scalar), 2)) console.log(line);
}
