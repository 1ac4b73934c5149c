/**
 * Noise over 25519 (src/channel/x25519-suite.ts) against the published Noise test vectors:
 * vectors/noise/cacophony-25519-aesgcm-sha256.json.gz, the Noise_*_25519_AESGCM_SHA256
 * vectors of the cacophony project (haskell-cryptography/cacophony, vectors/cacophony.txt;
 * see vectors/README.md). For every vector of a pattern HandshakeState runs (NN, NK, XX, IK
 * and the one-way N, K, X), both sides are driven with the vector's fixed keys and prologue,
 * and every handshake and transport ciphertext and the handshake hash must match byte for
 * byte; each side must also read back the other's payloads.
 *
 * Then the socket-free NoiseChannel over 25519 (NN, NK, XX): a handshake in memory, messages
 * both ways, and the refusal of a small-order ephemeral key and of every tampered byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { HandshakeState } from '../../src/channel/handshake-state';
import { NoiseChannel } from '../../src/channel/noise-channel';
import { PATTERNS, type HandshakePatternName, type PatternName } from '../../src/channel/patterns';
import type { NoiseKeyPair } from '../../src/channel/suite';
import { x25519KeyPair, x25519Suite } from '../../src/channel/x25519-suite';
import { CryptoError } from '../../src/errors';
import { x25519PublicKey } from '../../src/x25519/x25519';
import { expectCryptoError } from '../support/errors';
import { deliver, handshake } from './helpers';

interface Vector {
  protocol_name: string;
  init_prologue: string;
  init_static?: string;
  init_ephemeral: string;
  init_remote_static?: string;
  resp_prologue: string;
  resp_static?: string;
  resp_ephemeral?: string;
  resp_remote_static?: string;
  handshake_hash: string;
  messages: { payload: string; ciphertext: string }[];
}

const FILE = path.resolve(__dirname, '../../vectors/noise/cacophony-25519-aesgcm-sha256.json.gz');
const { vectors } = JSON.parse(zlib.gunzipSync(fs.readFileSync(FILE)).toString('utf8')) as {
  vectors: Vector[];
};
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const keyPair = (hex?: string): NoiseKeyPair | undefined =>
  hex === undefined ? undefined : x25519KeyPair(bytes(hex));

const RUN: readonly HandshakePatternName[] = ['NN', 'NK', 'XX', 'IK', 'N', 'K', 'X'];
const patternOf = (name: string) => name.split('_')[1] as HandshakePatternName;
const selected = vectors.filter((v) => RUN.includes(patternOf(v.protocol_name)));

describe('cacophony Noise_*_25519_AESGCM_SHA256 vectors, byte for byte', () => {
  it('the file has 59 vectors, and one for each pattern run here', () => {
    expect(vectors).toHaveLength(59);
    expect(selected.map((v) => patternOf(v.protocol_name)).sort()).toEqual([...RUN].sort());
  });

  it.each(selected.map((v) => [v.protocol_name, v] as const))('%s', (name, v) => {
    const pattern = patternOf(name);
    const initiator = new HandshakeState({
      suite: x25519Suite,
      pattern,
      initiator: true,
      prologue: bytes(v.init_prologue),
      s: keyPair(v.init_static),
      e: keyPair(v.init_ephemeral),
      rs: v.init_remote_static === undefined ? undefined : bytes(v.init_remote_static),
    });
    const responder = new HandshakeState({
      suite: x25519Suite,
      pattern,
      initiator: false,
      prologue: bytes(v.resp_prologue),
      s: keyPair(v.resp_static),
      e: keyPair(v.resp_ephemeral),
      rs: v.resp_remote_static === undefined ? undefined : bytes(v.resp_remote_static),
    });
    expect(initiator.protocolName).toBe(name);

    const handshakeLength = PATTERNS[pattern].messages.length;
    const oneWay = handshakeLength === 1 && ['N', 'K', 'X'].includes(pattern);
    let checked = 0;
    v.messages.forEach((m, i) => {
      // Handshake messages alternate; after it, one-way patterns only send initiator → responder.
      const fromInitiator = oneWay && i >= handshakeLength ? true : i % 2 === 0;
      const [sender, receiver] = fromInitiator ? [initiator, responder] : [responder, initiator];
      let ciphertext: Uint8Array;
      let payload: Uint8Array;
      if (i < handshakeLength) {
        ciphertext = sender.writeMessage(bytes(m.payload));
        payload = receiver.readMessage(ciphertext);
      } else {
        ciphertext = sender.transportKeys.send.encryptWithAd(new Uint8Array(0), bytes(m.payload));
        payload = receiver.transportKeys.receive.decryptWithAd(new Uint8Array(0), ciphertext);
      }
      expect({ message: i, ciphertext: toHex(ciphertext) }).toEqual({
        message: i,
        ciphertext: m.ciphertext,
      });
      expect(toHex(payload)).toBe(m.payload);
      checked++;
      if (i === handshakeLength - 1) {
        expect(initiator.isComplete && responder.isComplete).toBe(true);
        expect(toHex(initiator.transportKeys.handshakeHash)).toBe(v.handshake_hash);
        expect(toHex(responder.transportKeys.handshakeHash)).toBe(v.handshake_hash);
      }
    });
    expect(checked).toBe(v.messages.length);
    if (v.init_remote_static !== undefined && v.resp_static !== undefined)
      expect(toHex(x25519PublicKey(bytes(v.resp_static)))).toBe(v.init_remote_static);
  });
});

describe('NoiseChannel over 25519 (socket-free)', () => {
  const CHANNEL_PATTERNS: PatternName[] = ['NN', 'NK', 'XX'];
  const staticKeys = () => ({
    initiator: x25519Suite.generateKeyPair(),
    responder: x25519Suite.generateKeyPair(),
  });
  function pair(pattern: PatternName) {
    const keys = staticKeys();
    return {
      keys,
      initiator: new NoiseChannel({
        suite: x25519Suite,
        pattern,
        initiator: true,
        staticKey: pattern === 'XX' ? keys.initiator : undefined,
        remoteStaticKey: pattern === 'NK' ? keys.responder.publicKey : undefined,
      }),
      responder: new NoiseChannel({
        suite: x25519Suite,
        pattern,
        initiator: false,
        staticKey: pattern === 'NN' ? undefined : keys.responder,
      }),
    };
  }

  it.each(CHANNEL_PATTERNS)(
    'Noise_%s_25519_AESGCM_SHA256: completes and carries messages both ways',
    (pattern) => {
      const { keys, initiator, responder } = pair(pattern);
      const { handshake: frames } = handshake(initiator, responder);
      expect(frames[0].frame.length).toBe(2 + 32 + (pattern === 'NK' ? 16 : 0));
      expect(initiator.handshakeHash).toEqual(responder.handshakeHash);
      if (pattern !== 'NN') expect(initiator.remoteStaticKey).toEqual(keys.responder.publicKey);
      if (pattern === 'XX') expect(responder.remoteStaticKey).toEqual(keys.initiator.publicKey);
      for (const size of [0, 1, 16, 1000]) {
        const m = new Uint8Array(size).map((_, i) => i * 3);
        expect(deliver(initiator, responder, m)).toEqual([m]);
        expect(deliver(responder, initiator, m)).toEqual([m]);
      }
    },
  );

  // The P-256 channel tests (noise.test.ts) flip every byte; here a sample per frame: the
  // first, middle and last byte of the ephemeral key, and the last three bytes (the tag).
  it.each(CHANNEL_PATTERNS)('%s: a tampered handshake byte is refused', (pattern) => {
    const base = pair(pattern);
    const frames = handshake(base.initiator, base.responder).handshake;
    for (let index = 0; index < frames.length; index++) {
      const length = frames[index].frame.length;
      for (const at of new Set([2, 17, 33, length - 3, length - 2, length - 1])) {
        const { initiator, responder } = pair(pattern);
        let thrown: unknown;
        try {
          handshake(initiator, responder, (i, frame) => {
            if (i !== index) return frame;
            const bad = frame.slice();
            bad[at] ^= 0x01;
            return bad;
          });
        } catch (error) {
          thrown = error;
        }
        // A flipped bit of an ephemeral key still decodes (any 32 bytes are a public key), so the
        // refusal may come one message later, as an authentication failure; it always comes.
        if (thrown === undefined) {
          expect(() => deliver(initiator, responder, Uint8Array.of(1))).toThrow(CryptoError);
        } else {
          expect(thrown).toBeInstanceOf(CryptoError);
        }
      }
    }
  });

  it('a small-order ephemeral key is refused as it is read (HANDSHAKE_FAILED, cause INVALID_POINT)', () => {
    for (const u of [0n, 1n, 2n ** 255n - 20n]) {
      const low = new Uint8Array(32);
      for (let i = 0, x = u; i < 32; i++, x >>= 8n) low[i] = Number(x & 0xffn);
      const responder = new NoiseChannel({ suite: x25519Suite, pattern: 'NN', initiator: false });
      responder.start();
      const frame = new Uint8Array(34);
      frame[1] = 32;
      frame.set(low, 2);
      const error = expectCryptoError(() => responder.receive(frame), 'HANDSHAKE_FAILED');
      expect((error as { cause?: CryptoError }).cause?.code).toBe('INVALID_POINT');
    }
  });

  it('key pairs: 32-byte public keys, private keys not enumerable, foreign pairs refused', () => {
    const kp = x25519KeyPair(new Uint8Array(32).fill(7));
    expect(kp.publicKey).toHaveLength(32);
    expect(Object.getOwnPropertyNames(kp)).toEqual(['publicKey']); // the private key is not in it
    expect(Object.isFrozen(kp)).toBe(true);
    const own = x25519Suite.readPublicKey(kp.publicKey);
    expect(() => x25519Suite.dh({ publicKey: kp.publicKey }, own)).toThrow(TypeError);
    expect(() => x25519KeyPair(new Uint8Array(31))).toThrow(RangeError);
    expectCryptoError(() => x25519Suite.readPublicKey(new Uint8Array(33)), 'INVALID_ENCODING');
    expectCryptoError(() => x25519Suite.readPublicKey(new Uint8Array(32)), 'INVALID_POINT');
    const other = x25519Suite.generateKeyPair();
    expect(x25519Suite.dh(kp, x25519Suite.readPublicKey(other.publicKey))).toEqual(
      x25519Suite.dh(other, own),
    );
  });
});
