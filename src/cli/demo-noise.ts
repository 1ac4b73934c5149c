/// <reference types="node" />
/**
 * The demo's last part: the channel ecdh-lab recommends instead of the tutorial's exchange,
 * Noise_NN_P256_AESGCM_SHA256, between a server and a client on 127.0.0.1. Every value of the
 * handshake is printed where it changes, token by token in the order of Noise rev 34 §5.3 (the
 * handshake's `observe` hook reports them), and every frame is printed in full.
 */
import { bytesToUtf8, utf8ToBytes } from '../bytes/index.js';
import type { ChannelEngine } from '../channel/engine.js';
import type { HandshakeEvent } from '../channel/handshake-state.js';
import { NoiseChannel } from '../channel/noise-channel.js';
import { noiseKeyPair, p256Suite, type P256KeyPair } from '../channel/p256-suite.js';
import { groupHex, labelled } from '../explain/format.js';
import { connect } from '../net/client.js';
import { createServer } from '../net/server.js';
import type { Print } from './demo-hashes.js';
import type { DemoRandom } from './demo-random.js';

type Side = 'client' | 'server';

const PROTOCOL_NAME = 'Noise_NN_P256_AESGCM_SHA256';
/** NN's two handshake messages (Noise §7.4). */
const MESSAGES = ['→ e', '← e, ee'];
/** Where values are printed, under the step that changed them. */
const INDENT = '          ';

/** Prints one side's handshake, step by step, as its observer reports it. */
function handshakePrinter(side: Side, ephemeral: P256KeyPair, print: Print) {
  const step = (text: string) => print(`${side}  ${text}`);
  const value = (name: string, bytes: Uint8Array, note = '') =>
    print(...labelled(`${INDENT}${name} = `, groupHex(bytes), note));
  const point = (name: string, publicKey: Uint8Array) => {
    value(`${name}.x`, publicKey.subarray(1, 33));
    value(`${name}.y`, publicKey.subarray(33));
  };
  let mixed = 'prologue'; // what the next MixHash mixes into h
  return (event: HandshakeEvent): void => {
    switch (event.op) {
      case 'InitializeSymmetric':
        step(`InitializeSymmetric("${PROTOCOL_NAME}"): h = the name, zero-padded; ck = h`);
        value('h ', event.h);
        value('ck', event.ck);
        return;
      case 'MixHash':
        step(
          mixed === 'prologue'
            ? 'MixHash(prologue): h = SHA-256(h ‖ "ecdh-lab/1")'
            : `MixHash(${mixed}): h = SHA-256(h ‖ ${mixed})`,
        );
        value('h ', event.h);
        return;
      case 'WriteMessage':
      case 'ReadMessage':
        step(
          `${event.op === 'WriteMessage' ? 'writes' : 'reads'} handshake message ${event.index + 1}:  ${MESSAGES[event.index]}`,
        );
        return;
      case 'token':
        if ('dh' in event) {
          step(`${event.token}: DH(e, re) = the x-coordinate of e.d·re (SEC 1 §3.3.1)`);
          value('DH', event.dh);
        } else if (event.direction === 'write') {
          step(`${event.token}: GENERATE_KEYPAIR(), then send e.pub = 04 ‖ x ‖ y (65 bytes)`);
          value('e.d', ephemeral.privateKey.toRaw(), '(private)');
          point('e.pub', event.publicKey);
          mixed = 'e.pub';
        } else {
          step(`${event.token}: read the peer's key, re, and check that it is on the curve`);
          point('re', event.publicKey);
          mixed = 're';
        }
        return;
      case 'MixKey':
        step('MixKey(DH): ck, k = HKDF(ck, DH); k now encrypts the handshake, from n = 0');
        value('ck', event.ck);
        value('k ', event.k);
        return;
      case 'EncryptAndHash':
        if (event.ciphertext.length === 0) {
          step('EncryptAndHash(payload, empty): no key yet, so c = the payload, empty');
          mixed = 'c';
        } else {
          step('EncryptAndHash(payload, empty): c = AES-256-GCM(k, n = 0, ad = h): a tag alone');
          value('c ', event.ciphertext);
          mixed = 'c';
        }
        return;
      case 'DecryptAndHash':
        if (event.ciphertext.length === 0) {
          step('DecryptAndHash(c, empty): no key yet, so the payload = c, empty');
          mixed = 'c';
        } else {
          step('DecryptAndHash(c): the tag verifies under k with ad = h; the payload is empty');
          mixed = 'c';
        }
        return;
      case 'Split':
        step('Split(): k1 (client → server), k2 (server → client) = HKDF(ck, empty); done');
        value('k1', event.k1);
        value('k2', event.k2);
        return;
    }
  };
}

/**
 * Wraps an engine so that every frame and message is printed as it passes, with the
 * transport nonce n of each direction (Noise §5.1: a counter from 0).
 */
function tap(engine: ChannelEngine, side: Side, print: Print): ChannelEngine {
  const [sendKey, receiveKey] = side === 'client' ? ['k1', 'k2'] : ['k2', 'k1'];
  let sent = 0;
  let received = 0;
  const wire = (frame: Uint8Array) => {
    const length = frame.length - 2;
    print(
      `  ${side} ⇒ wire  ${groupHex(frame.subarray(0, 2))} ‖ ${length} bytes  (u16 length ‖ message)`,
    );
    print(...labelled(INDENT, groupHex(frame.subarray(2))));
  };
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
    get bufferedLength() {
      return engine.bufferedLength;
    },
    start() {
      const frames = engine.start();
      for (const frame of frames) wire(frame);
      return frames;
    },
    receive(chunk) {
      const out = engine.receive(chunk);
      for (const frame of out.frames) wire(frame);
      for (const message of out.messages)
        print(
          `${side}  DecryptWithAd(${receiveKey}, n = ${received++}, ad = empty) = "${bytesToUtf8(message)}"`,
        );
      return out;
    },
    seal(message) {
      print(
        `${side}  sends "${bytesToUtf8(message)}": EncryptWithAd(${sendKey}, n = ${sent++}, ad = empty)`,
      );
      const frame = engine.seal(message);
      wire(frame);
      return frame;
    },
  };
}

/** One side's engine, with its ephemeral key from `random` and every step printed. */
function engine(side: Side, random: DemoRandom, print: Print): ChannelEngine {
  const ephemeral = noiseKeyPair(random.privateKey(`${side} e`));
  const channel = new NoiseChannel({
    suite: p256Suite,
    pattern: 'NN',
    initiator: side === 'client',
    ephemeralKey: ephemeral,
    observe: handshakePrinter(side, ephemeral, print),
  });
  return tap(channel, side, print);
}

/** A Noise NN echo server and a client on 127.0.0.1 (port 0), a few messages, then shutdown. */
export async function demoNoise(print: Print, random: DemoRandom): Promise<void> {
  print(
    '',
    `── The secure channel: ${PROTOCOL_NAME} over TCP on 127.0.0.1 ──`,
    'Noise rev 34 §5: both sides keep h (the hash of everything so far) and ck (the chaining',
    'key). NN has two handshake messages, "→ e" (client to server) and "← e, ee"; then',
    'AES-256-GCM with a counter n as nonce. Each value is printed where it changes.',
  );
  const server = createServer(
    { engine: () => engine('server', random, print), log: (line) => print(line) },
    async (channel) => {
      for await (const message of channel) await channel.send(message);
    },
  );
  const { host, port } = await server.listen(0, '127.0.0.1');
  print(
    random.seed === undefined
      ? `server listening on ${host}:${port}`
      : `server listening on ${host} (port not shown: seeded runs print the same)`,
    '',
  );
  const channel = await connect({ port, engine: () => engine('client', random, print) });
  print('', 'both sides now hold k1 and k2: the application messages follow', '');
  const replies = channel[Symbol.asyncIterator]();
  for (const text of ['hello, server', 'hello, server', 'bye']) {
    await channel.send(utf8ToBytes(text));
    await replies.next();
  }
  print('', '(the same plaintext twice gives different wire bytes: the nonce counter n moved on)');
  await channel.close();
  await server.close();
  print('closed.');
}
