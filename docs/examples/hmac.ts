// Chapter 6: HMAC(K, m) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ m)), written out and checked against hmac().
import { bytesToHex, concatBytes, hmac, sha256, utf8ToBytes } from 'ecdh-lab';

export function main(): void {
  const key = utf8ToBytes('Jefe'); //                          RFC 4231 test case 2
  const message = utf8ToBytes('what do ya want for nothing?');
  const K0 = new Uint8Array(64); //                             key padded with zeros to the block size B = 64
  K0.set(key);
  const inner = sha256(
    concatBytes(
      K0.map((x) => x ^ 0x36),
      message,
    ),
  ); //  H((K0 ⊕ ipad) ‖ m)
  const tag = sha256(
    concatBytes(
      K0.map((x) => x ^ 0x5c),
      inner,
    ),
  ); //      H((K0 ⊕ opad) ‖ inner)
  console.log(`inner hash   ${bytesToHex(inner)}`);
  console.log(`HMAC         ${bytesToHex(tag)}`);
  console.log(`hmac() agrees: ${bytesToHex(hmac(sha256, key, message)) === bytesToHex(tag)}`);
}
