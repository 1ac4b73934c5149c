// Chapter 6: the tutorial's derive_key() on chapter 5's P-256 shared secret, and why a KDF at all.
import { bytesToHex, hkdf, sha256, utf8ToBytes } from 'ecdh-lab';
import { publicPointFromScalar, sharedSecret, demoScalar } from 'ecdh-lab/math';

export function main(): void {
  const Z = sharedSecret(
    demoScalar('ecdh-lab Alice'),
    publicPointFromScalar(demoScalar('ecdh-lab Bob')),
  );
  // Python: HKDF(algorithm=SHA256(), length=32, salt=None, info=None).derive(Z)
  const key = hkdf(sha256, Z, undefined, undefined, 32);
  console.log(`Z   ${bytesToHex(Z)}`);
  console.log(`key ${bytesToHex(key)}`);
  // With info, one secret gives independent keys for each direction.
  const c2s = hkdf(sha256, Z, undefined, utf8ToBytes('client to server'), 32);
  const s2c = hkdf(sha256, Z, undefined, utf8ToBytes('server to client'), 32);
  console.log(`c→s ${bytesToHex(c2s)}`);
  console.log(`s→c ${bytesToHex(s2c)}`);
}
