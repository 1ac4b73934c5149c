// Chapter 7: AES-128 on FIPS 197 Appendix C.1's block, the state after each round function
// (= `ecdh-lab explain aes --key 000102…0f --block 00112233…ff`), traced by src/explain/aes.ts
// with the reference round functions of src/cipher/aes-reference.ts.
import { hexToBytes } from 'ecdh-lab';
import { renderAes, traceAes } from 'ecdh-lab/math';

export function main(): void {
  const key = hexToBytes('000102030405060708090a0b0c0d0e0f');
  const block = hexToBytes('00112233445566778899aabbccddeeff');
  for (const line of renderAes(traceAes(key, block))) console.log(line);
}
