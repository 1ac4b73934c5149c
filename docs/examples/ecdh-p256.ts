// Chapter 5: the same exchange on P-256 with the library's protocol-tier functions.
import { bytesToHex, equalBytes } from 'ecdh-lab';
import { publicPointFromScalar, sharedSecret, demoScalar, groupHex } from 'ecdh-lab/math';

export function main(): void {
  const dA = demoScalar('ecdh-lab Alice'); // fixed demo scalars, never keys; use randomScalar()
  const dB = demoScalar('ecdh-lab Bob');
  const QA = publicPointFromScalar(dA); //    dA·G, fixed-base table
  const QB = publicPointFromScalar(dB);
  const ZA = sharedSecret(dA, QB); //         validates QB, then x(dA·QB) by the co-Z ladder
  const ZB = sharedSecret(dB, QA);
  console.log(`QA.x = ${groupHex(QA.x.toString(16).padStart(64, '0'))}`);
  console.log(`QB.x = ${groupHex(QB.x.toString(16).padStart(64, '0'))}`);
  console.log(`Z (Alice) = ${groupHex(ZA)}`);
  console.log(`Z (Bob)   = ${groupHex(ZB)}`);
  console.log(`equal: ${equalBytes(ZA, ZB)} (${bytesToHex(ZA).length / 2} bytes)`);
}
