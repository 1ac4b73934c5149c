// Chapter 6: HKDF-SHA256 on RFC 5869 Appendix A.1's inputs (= `ecdh-lab explain hkdf --ikm 0b0b… --salt 0001… --info-hex f0f1… --length 42`).
import { hexToBytes } from 'ecdh-lab';
import { renderHkdf, traceHkdf } from 'ecdh-lab/math';

export function main(): void {
  const ikm = hexToBytes('0b'.repeat(22));
  const salt = hexToBytes('000102030405060708090a0b0c');
  const info = hexToBytes('f0f1f2f3f4f5f6f7f8f9');
  for (const line of renderHkdf(traceHkdf(ikm, salt, info, 42))) console.log(line);
}
