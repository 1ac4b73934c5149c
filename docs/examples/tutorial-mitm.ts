// Chapter 8: the tutorial's protocol (exchange raw public keys, ECDH, HKDF, AES-GCM) with this
// library — and Mallory in the middle, who swaps the public keys and reads everything.
import { aesGcm, bytesToUtf8, equalBytes, hkdf, sha256, utf8ToBytes } from 'ecdh-lab';
import { publicPointFromScalar, sharedSecret, demoScalar } from 'ecdh-lab/math';

const deriveKey = (Z: Uint8Array) => hkdf(sha256, Z, undefined, undefined, 32); // the tutorial's derive_key

export function main(): void {
  const client = demoScalar('ecdh-lab Alice'); // fixed demo scalars; real code uses randomScalar()
  const server = demoScalar('ecdh-lab Bob');
  const mallory = demoScalar('ecdh-lab Mallory');

  // Honest run: both sides derive the same key.
  const kClient = deriveKey(sharedSecret(client, publicPointFromScalar(server)));
  const kServer = deriveKey(sharedSecret(server, publicPointFromScalar(client)));
  console.log(`honest run: client and server keys equal: ${equalBytes(kClient, kServer)}`);

  // Mallory replaces each public key in transit with her own. Every key is valid; nothing fails.
  const M = publicPointFromScalar(mallory);
  const clientKey = deriveKey(sharedSecret(client, M)); //  client believes M is the server
  const serverKey = deriveKey(sharedSecret(server, M)); //  server believes M is the client
  const malloryToClient = deriveKey(sharedSecret(mallory, publicPointFromScalar(client)));
  const malloryToServer = deriveKey(sharedSecret(mallory, publicPointFromScalar(server)));
  console.log(
    `with Mallory: client key = Mallory's client-side key: ${equalBytes(clientKey, malloryToClient)}`,
  );
  console.log(
    `              server key = Mallory's server-side key: ${equalBytes(serverKey, malloryToServer)}`,
  );

  // The client encrypts; Mallory decrypts, reads, re-encrypts for the server.
  const nonce = new Uint8Array(12); // counter 0 (a fresh key per connection makes this safe)
  const record = aesGcm(clientKey, nonce).encrypt(utf8ToBytes('my password is hunter2'));
  const stolen = aesGcm(malloryToClient, nonce).decrypt(record);
  console.log(`Mallory reads: "${bytesToUtf8(stolen)}"`);
  const forwarded = aesGcm(malloryToServer, nonce).encrypt(stolen);
  console.log(
    `server decrypts without error: "${bytesToUtf8(aesGcm(serverKey, nonce).decrypt(forwarded))}"`,
  );
}
