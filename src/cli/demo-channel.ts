/// <reference types="node" />
/**
 * The demo's main part: the tutorial retold with every value shown (keys, PEM exchange,
 * shared secret, HKDF, AES-GCM), then the channel we recommend instead — Noise NN over a real
 * socket on 127.0.0.1 — with what crosses the wire printed next to what the application sees.
 */
import { bytesToHex, utf8ToBytes, bytesToUtf8 } from '../bytes/index.js';
import type { ChannelEngine } from '../channel/noise-channel.js';
import { NoiseChannel } from '../channel/noise-channel.js';
import { p256Suite } from '../channel/p256-suite.js';
import { aesGcm } from '../cipher/gcm.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { PrivateKey } from '../keys/private-key.js';
import { connect } from '../net/client.js';
import { createServer } from '../net/server.js';
import { randomBytes } from '../random.js';
import { groupedHex, type Print } from './demo-hashes.js';

/** Alice and Bob, as in the tutorial: keys, PEM exchange, ECDH, HKDF, AES-GCM. */
export function demoKeyExchange(print: Print): void {
  print('── Key exchange, as in the tutorial (SEC 1 §3.3.1, RFC 5869, SP 800-38D) ──');
  const alice = PrivateKey.generate();
  const bob = PrivateKey.generate();
  for (const [name, key] of [
    ['Alice', alice],
    ['Bob', bob],
  ] as const) {
    const Q = key.publicKey.toRaw({ compressed: false });
    print(`${name.padEnd(5)} private d   ${groupedHex(key.toRaw())}`);
    print(`${name.padEnd(5)} public  Q.x ${groupedHex(Q.subarray(1, 33))}`);
    print(`${''.padEnd(5)}         Q.y ${groupedHex(Q.subarray(33))}   (Q = d·G)`);
  }
  print('Alice sends her public key as PEM (SubjectPublicKeyInfo):');
  for (const line of alice.publicKey.toPem().trimEnd().split('\n')) print(`  ${line}`);
  print('Bob sends his:');
  for (const line of bob.publicKey.toPem().trimEnd().split('\n')) print(`  ${line}`);
  const zAlice = alice.exchange(bob.publicKey);
  const zBob = bob.exchange(alice.publicKey);
  print(`shared secret (Alice: x of dA·QB)  ${groupedHex(zAlice)}`);
  print(`shared secret (Bob:   x of dB·QA)  ${groupedHex(zBob)}`);
  print(`both sides agree: ${bytesToHex(zAlice) === bytesToHex(zBob)}`);
  const key = hkdf(sha256, zAlice, undefined, undefined, 32);
  print(`HKDF-SHA256(Z, salt none, info none, 32) = key  ${groupedHex(key)}`);
  const message = utf8ToBytes('Meet me at the usual place at noon.');
  const nonce = randomBytes(12);
  const sealed = aesGcm(key, nonce).encrypt(message);
  print(`Alice encrypts "${bytesToUtf8(message)}"`);
  print(`  nonce       ${groupedHex(nonce)}   (12 random bytes)`);
  print(`  ciphertext  ${groupedHex(sealed.subarray(0, sealed.length - 16))}`);
  print(`  tag         ${groupedHex(sealed.subarray(sealed.length - 16))}`);
  const opened = aesGcm(key, nonce).decrypt(sealed);
  print(`Bob decrypts: "${bytesToUtf8(opened)}"`);
  print('What the tutorial leaves out: nothing authenticates the PEM keys, so a man in the middle');
  print('can run one exchange with each side. The channel below is the fix (docs/PROTOCOL.md).');
}

function short(bytes: Uint8Array): string {
  const hex = bytesToHex(bytes);
  return hex.length <= 72 ? hex : `${hex.slice(0, 64)}… (${bytes.length} bytes)`;
}

/** Wraps an engine so that every frame and message is printed as it passes. */
function tap(engine: ChannelEngine, side: string, print: Print): ChannelEngine {
  return {
    get protocol() {
      return engine.protocol;
    },
    get established() {
      return engine.established;
    },
    get remoteStaticKey() {
      return engine.remoteStaticKey;
    },
    get maxMessageLength() {
      return engine.maxMessageLength;
    },
    start() {
      const frames = engine.start();
      for (const frame of frames) print(`  ${side} ⇒ wire  ${short(frame)}`);
      return frames;
    },
    receive(chunk) {
      const out = engine.receive(chunk);
      for (const frame of out.frames) print(`  ${side} ⇒ wire  ${short(frame)}`);
      for (const message of out.messages)
        print(`  ${side} application received "${bytesToUtf8(message)}"`);
      return out;
    },
    seal(message) {
      const frame = engine.seal(message);
      print(`  ${side} application sends "${bytesToUtf8(message)}" ⇒ wire  ${short(frame)}`);
      return frame;
    },
  };
}

/** A Noise NN echo server and a client on 127.0.0.1 (port 0), a few messages, then shutdown. */
export async function demoNoise(print: Print): Promise<void> {
  print('');
  print('── The secure channel: Noise_NN_P256_AESGCM_SHA256 over TCP on 127.0.0.1 ──');
  print(
    '  (frames are u16 length ‖ Noise message; handshake: → e, ← e ee; then AES-256-GCM with counter nonces)',
  );
  const server = createServer(
    {
      engine: () =>
        tap(
          new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: false }),
          'server',
          print,
        ),
      log: print,
    },
    async (channel) => {
      for await (const message of channel) await channel.send(message);
    },
  );
  const { host, port } = await server.listen(0, '127.0.0.1');
  print(`  server listening on ${host}:${port}`);
  const channel = await connect({
    port,
    engine: () =>
      tap(new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true }), 'client', print),
  });
  print('  handshake complete: each side now has a sending and a receiving key');
  const replies = channel[Symbol.asyncIterator]();
  for (const text of ['hello, server', 'hello, server', 'bye']) {
    await channel.send(utf8ToBytes(text));
    await replies.next();
  }
  print('  (the same plaintext twice gives different wire bytes: the nonce counter moved on)');
  await channel.close();
  await server.close();
  print('  closed.');
}
