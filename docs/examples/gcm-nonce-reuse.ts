// Chapter 7: why a nonce must never repeat under one key. Two messages sealed with the same
// key and nonce: the keystream cancels, and so does the tag's mask.
import { aesGcm, bytesToHex, bytesToUtf8, concatBytes, hexToBytes, utf8ToBytes } from 'ecdh-lab';
import { aesEncryptBlockReference, ghashReference } from 'ecdh-lab/math';

const xor = (a: Uint8Array, b: Uint8Array) => a.map((v, i) => v ^ b[i]);

/** The GHASH input for no AAD and one ciphertext C of at most 16 bytes: C padded, then [0]64 ‖ [len(C)]64. */
function ghashInput(C: Uint8Array): Uint8Array {
  const lengths = new Uint8Array(16);
  new DataView(lengths.buffer).setBigUint64(8, BigInt(C.length * 8));
  const padded = new Uint8Array(16);
  padded.set(C);
  return concatBytes(padded, lengths);
}

export function main(): void {
  const key = hexToBytes('feffe9928665731c6d6a8f9467308308'); // a fixed demo key
  const nonce = hexToBytes('cafebabefacedbaddecaf888'); //         the SAME 96-bit nonce twice: the bug
  const P1 = utf8ToBytes('attack at dawn!!');
  const P2 = utf8ToBytes('retreat at nine!');
  const sealed1 = aesGcm(key, nonce).encrypt(P1);
  const sealed2 = aesGcm(key, nonce).encrypt(P2);
  const [C1, T1] = [sealed1.subarray(0, 16), sealed1.subarray(16)];
  const [C2, T2] = [sealed2.subarray(0, 16), sealed2.subarray(16)];
  console.log(`C1 ⊕ C2 = ${bytesToHex(xor(C1, C2))}`);
  console.log(`P1 ⊕ P2 = ${bytesToHex(xor(P1, P2))}`);
  // Whoever knows (or guesses) P1 reads P2 without the key:
  console.log(`C1 ⊕ C2 ⊕ P1 = "${bytesToUtf8(xor(xor(C1, C2), P1))}"`);

  // The tag: T = E_K(J0) ⊕ GHASH_H(C …). With one nonce, E_K(J0) is the same for both, so
  // T1 ⊕ T2 = GHASH_H(C1 …) ⊕ GHASH_H(C2 …), a polynomial in the unknown H with known coefficients.
  const H = aesEncryptBlockReference(new Uint8Array(16), key); // H = E_K(0^128), known here only to check
  const lhs = bytesToHex(xor(T1, T2));
  const rhs = bytesToHex(xor(ghashReference(H, ghashInput(C1)), ghashReference(H, ghashInput(C2))));
  console.log(`T1 ⊕ T2                         = ${lhs}`);
  console.log(`GHASH_H(C1 …) ⊕ GHASH_H(C2 …)   = ${rhs}`);
  console.log(`equal: ${lhs === rhs}`);
}
