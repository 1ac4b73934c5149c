// Chapter 9: the same recovery at full size. Two P-256 signatures made with one k (the bug is
// simulated with the textbook signer, which takes k as an argument) give away the private key;
// the library's signer derives k from the key and the message (RFC 6979), so it never repeats.
import { PrivateKey, bytesToHex, sha256, utf8ToBytes } from 'ecdh-lab';
import {
  P256,
  bits2int,
  decodeSignature,
  demoScalar,
  ecdsaSignReference,
  formatNumber,
  mod,
  modInverseVartime,
  scalarToBytes,
} from 'ecdh-lab/math';

export function main(): void {
  const n = P256.n;
  const key = PrivateKey.fromRaw(scalarToBytes(demoScalar('ecdh-lab Alice'))); // a published demo key
  const d = bits2int(key.toRaw(), n);
  const k = demoScalar('a nonce used twice'); // the bug
  const e1 = bits2int(sha256(utf8ToBytes('pay Bob 10 coins')), n);
  const e2 = bits2int(sha256(utf8ToBytes('pay Bob 20 coins')), n);
  const sig1 = ecdsaSignReference(e1, d, k);
  const sig2 = ecdsaSignReference(e2, d, k);
  console.log(`r1 = ${formatNumber(sig1.r)}`);
  console.log(`r2 = ${formatNumber(sig2.r)}   (equal: ${sig1.r === sig2.r})`);
  const kFound = mod((e1 - e2) * modInverseVartime(sig1.s - sig2.s, n), n);
  const dFound = mod((sig1.s * kFound - e1) * modInverseVartime(sig1.r, n), n);
  console.log(`k = (e1 − e2)/(s1 − s2) mod n = ${formatNumber(kFound)}`);
  console.log(`d = (s1·k − e1)/r mod n       = ${formatNumber(dFound)}`);
  const stolen = PrivateKey.fromRaw(scalarToBytes(dFound));
  console.log(
    `the recovered key's public key is the signer's: ${stolen.publicKey.equals(key.publicKey)}`,
  );
  console.log(
    `and it signs as the signer: ${bytesToHex(stolen.sign(utf8ToBytes('pay Mallory 1000 coins'))) === bytesToHex(key.sign(utf8ToBytes('pay Mallory 1000 coins')))}`,
  );
  // The library: k = RFC 6979(d, H(m)), a different k for every message.
  const a = decodeSignature(key.sign(utf8ToBytes('pay Bob 10 coins')));
  const b = decodeSignature(key.sign(utf8ToBytes('pay Bob 20 coins')));
  console.log(`PrivateKey.sign on the two messages: r1 = r2? ${a.r === b.r}`);
}
