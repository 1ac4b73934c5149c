// docs/examples/x25519-keys.ts (run it: npm run example -- x25519-keys)
// Chapter 10: X25519 key objects and their files. RFC 7748 §6.1's Alice and Bob as PrivateKey
// and PublicKey (curve 'X25519'): PKCS#8 and SPKI with the RFC 8410 OID, the RFC 8037 JWK,
// exchange, and the refusal to mix curves.
import { type CryptoError, generatePrivateKey, hexToBytes, PrivateKey, PublicKey } from 'ecdh-lab';
import { groupHex } from 'ecdh-lab/math';

export function main(): void {
  // RFC 7748 §6.1: published test keys (real keys: generatePrivateKey({ curve: 'X25519' })).
  const X25519 = { curve: 'X25519' } as const;
  const alice = PrivateKey.fromRaw(
    hexToBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
    X25519,
  );
  const bob = PrivateKey.fromRaw(
    hexToBytes('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'),
    X25519,
  );
  console.log(`${alice}: curve ${alice.curve}`);
  const pkcs8 = alice.toDer();
  console.log(`PKCS#8, ${pkcs8.length} bytes: ${groupHex(pkcs8.subarray(0, 16))} ‖ k (32 bytes)`);
  console.log(alice.toPem().trimEnd());
  const spki = bob.publicKey.toDer();
  console.log(`Bob's SPKI, ${spki.length} bytes: ${groupHex(spki.subarray(0, 12))} ‖ u (32 bytes)`);
  console.log(bob.publicKey.toPem().trimEnd());
  console.log(`Bob's JWK: ${JSON.stringify(bob.publicKey.toJwk())}`);

  // The file says which curve: fromPem needs no option.
  const bobFromFile = PublicKey.fromPem(bob.publicKey.toPem());
  console.log(`read back: curve ${bobFromFile.curve}, equal ${bobFromFile.equals(bob.publicKey)}`);
  console.log(`K = ${groupHex(alice.exchange(bobFromFile))}`);

  try {
    alice.exchange(generatePrivateKey().publicKey); // a P-256 key
  } catch (e) {
    console.log(`with a P-256 key: ${(e as CryptoError).code}: ${(e as CryptoError).message}`);
  }
}
