// Chapter 7: GF(2^128) arithmetic as GHASH uses it. Adding is XOR; multiplying by x is a right
// shift (GCM's reflected bit order) with x^128 = x^7 + x^2 + x + 1 folded back in.
import { bytesToHex, hexToBytes } from 'ecdh-lab';
import { gcmMultiply } from 'ecdh-lab/math';

export function main(): void {
  const one = hexToBytes('80' + '00'.repeat(15)); //   the polynomial 1 (bit 0 = coefficient of x^0)
  const x = hexToBytes('40' + '00'.repeat(15)); //     the polynomial x
  const x127 = hexToBytes('00'.repeat(15) + '01'); //  x^127, the last bit
  const H = hexToBytes('66e94bd4ef8a2c3b884cfa59ca342b2e'); // AES-128_0(0^128), SP 800-38D's first test key
  console.log(`1 • H     = ${bytesToHex(gcmMultiply(one, H))}   (= H)`);
  console.log(`x • x     = ${bytesToHex(gcmMultiply(x, x))}   (x², one shift)`);
  console.log(
    `x • x^127 = ${bytesToHex(gcmMultiply(x, x127))}   (x^128 = 1 + x + x² + x^7: e1 00 …)`,
  );
  const a = gcmMultiply(H, hexToBytes('0388dace60b6a392f328c2b971b2fe78'));
  const b = gcmMultiply(hexToBytes('0388dace60b6a392f328c2b971b2fe78'), H);
  console.log(`commutative: ${bytesToHex(a) === bytesToHex(b)}`);
}
