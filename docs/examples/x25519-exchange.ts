// Chapter 10: X25519 in the library. RFC 7748 §6.1's Alice and Bob on raw 32-byte keys, the
// shared secret through HKDF, and the same DH inside a Noise handshake over 25519.
import { bytesToHex, hexToBytes, hkdf, sha256, x25519, x25519PublicKey } from 'ecdh-lab';
import { HandshakeState, x25519KeyPair, x25519Suite } from 'ecdh-lab/noise';
import { groupHex } from 'ecdh-lab/math';

export function main(): void {
  // RFC 7748 §6.1: published test keys (real keys come from randomBytes(32)).
  const alice = hexToBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
  const bob = hexToBytes('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
  const alicePublic = x25519PublicKey(alice); // X25519(a, 9)
  const bobPublic = x25519PublicKey(bob);
  console.log(`Alice's public key: ${groupHex(alicePublic)}`);
  console.log(`Bob's public key:   ${groupHex(bobPublic)}`);
  const K = x25519(alice, bobPublic);
  console.log(`K (Alice) = ${groupHex(K)}`);
  console.log(`K (Bob)   = ${groupHex(x25519(bob, alicePublic))}`);
  console.log(`key = HKDF-SHA256(K) = ${groupHex(hkdf(sha256, K, undefined, undefined, 32))}`);

  // Noise_NN_25519_AESGCM_SHA256 with the same keys as the ephemeral keys: two messages.
  const prologue = new TextEncoder().encode('ecdh-lab/1');
  const initiator = new HandshakeState({
    suite: x25519Suite,
    pattern: 'NN',
    initiator: true,
    prologue,
    e: x25519KeyPair(alice), // fixed ephemeral keys: for a reproducible printout only
  });
  const responder = new HandshakeState({
    suite: x25519Suite,
    pattern: 'NN',
    initiator: false,
    prologue,
    e: x25519KeyPair(bob),
  });
  const first = initiator.writeMessage(); //  -> e
  responder.readMessage(first);
  const second = responder.writeMessage(); // <- e, ee  (ee = X25519(e_i, e_r) = K above)
  initiator.readMessage(second);
  console.log(`${initiator.protocolName}: -> ${first.length} bytes, <- ${second.length} bytes`);
  console.log(`-> e = Alice's public key: ${bytesToHex(first) === bytesToHex(alicePublic)}`);
  console.log(`handshake hash h = ${groupHex(initiator.handshakeHash)}`);
  console.log(
    `both sides agree on h: ${bytesToHex(initiator.handshakeHash) === bytesToHex(responder.handshakeHash)}`,
  );
}
