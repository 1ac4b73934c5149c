// Chapter 9: ECDSA on P-256 through the key objects. Deterministic signatures (RFC 6979), the two
// encodings, the other hashes, and the low-S twin of every signature.
import { PrivateKey, bytesToHex, sha384, utf8ToBytes } from 'ecdh-lab';
import {
  decodeSignature,
  demoScalar,
  encodeSignature,
  groupHex,
  P256,
  scalarToBytes,
} from 'ecdh-lab/math';

export function main(): void {
  const n = P256.n;
  const key = PrivateKey.fromRaw(scalarToBytes(demoScalar('ecdh-lab Alice'))); // a published demo key: never use it
  const message = utf8ToBytes('pay Bob 10 coins');
  const der = key.sign(message); //                          SHA-256, DER: what OpenSSL and X.509 use
  const p1363 = key.sign(message, { format: 'p1363' }); //  r ‖ s: what WebCrypto and JOSE use
  console.log(`DER   (${der.length} bytes): ${groupHex(der)}`);
  console.log(`P1363 (${p1363.length} bytes): ${groupHex(p1363)}`);
  console.log(
    `signing again gives the same bytes (RFC 6979): ${bytesToHex(key.sign(message)) === bytesToHex(der)}`,
  );
  console.log(
    `hedged (extraEntropy: true) gives new bytes: ${bytesToHex(key.sign(message, { extraEntropy: true })) !== bytesToHex(der)}`,
  );

  const Q = key.publicKey;
  console.log(
    `verify: ${Q.verify(message, der)}; as P1363: ${Q.verify(message, p1363, { format: 'p1363' })}`,
  );
  console.log(`another message: ${Q.verify(utf8ToBytes('pay Bob 1000 coins'), der)}`);
  console.log(
    `SHA-384 signature verified as SHA-384: ${Q.verify(message, key.sign(message, { hash: sha384 }), { hash: sha384 })}, as SHA-256: ${Q.verify(message, key.sign(message, { hash: sha384 }))}`,
  );

  // Malleability: (r, n − s) verifies too. { lowS: true } signs with s ≤ n/2 and refuses the other.
  const { r, s } = decodeSignature(der);
  const twin = encodeSignature({ r, s: n - s });
  console.log(
    `s ${s > n / 2n ? '>' : '≤'} n/2; the twin (r, n − s) verifies: ${Q.verify(message, twin)}`,
  );
  const low = s > n / 2n ? twin : der;
  const high = s > n / 2n ? der : twin;
  console.log(
    `with { lowS: true }: low-S ${Q.verify(message, low, { lowS: true })}, high-S ${Q.verify(message, high, { lowS: true })}`,
  );
}
