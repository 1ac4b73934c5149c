/**
 * The Noise channel (src/channel): handshakes NN, NK and XX in memory, their transcripts
 * against an independent computation from the spec (./oracle.ts, Noise rev 34 §5 written with
 * node:crypto), and rejection of every tampered byte of every handshake and transport message.
 *
 * Each test runs with every suite in SUITES: the node:crypto suite (./node-suite.ts) checks
 * the state machine alone, and ecdh-lab's own suite checks it on ecdh-lab's primitives.
 */
import { CipherState, MAX_NONCE } from '../../src/channel/cipher-state.js';
import { HandshakeState } from '../../src/channel/handshake-state.js';
import { MAX_NOISE_PAYLOAD, NoiseChannel, PROLOGUE } from '../../src/channel/noise-channel.js';
import type { PatternName } from '../../src/channel/patterns.js';
import type { NoiseKeyPair } from '../../src/channel/suite.js';
import { CryptoError } from '../../src/errors.js';
import { deliver, handshake, noisePair, type PairKeys } from './helpers.js';
import { nodeKeyPair, nodeSuite } from './node-suite.js';
import { oracleHandshake, oracleOpen, oracleSeal } from './oracle.js';
import { SUITES } from './suites.js';

const PATTERNS: PatternName[] = ['NN', 'NK', 'XX'];
const hex = (s: string) => Buffer.from(s, 'hex');
// Fixed private scalars (arbitrary, < n) for reproducible transcripts.
const D = {
  ie: hex('1111111111111111111111111111111111111111111111111111111111111111'),
  re: hex('2222222222222222222222222222222222222222222222222222222222222222'),
  is: hex('3333333333333333333333333333333333333333333333333333333333333333'),
  rs: hex('4444444444444444444444444444444444444444444444444444444444444444'),
};

function keysFor(pattern: PatternName, keyPair: (d: Uint8Array) => NoiseKeyPair): PairKeys {
  return {
    initiatorEphemeral: keyPair(D.ie),
    responderEphemeral: keyPair(D.re),
    initiatorStatic: pattern === 'XX' ? keyPair(D.is) : undefined,
    responderStatic: pattern === 'NN' ? undefined : keyPair(D.rs),
  };
}

function expectCode(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe(code);
}

describe.each(SUITES)('Noise channel on the $name suite', ({ suite, keyPair }) => {
  describe.each(PATTERNS)('Noise_%s_P256_AESGCM_SHA256', (pattern) => {
    it('completes in memory and carries messages both ways', () => {
      const s = keysFor(pattern, keyPair);
      const { initiator, responder } = noisePair(suite, pattern, {
        initiatorStatic: s.initiatorStatic,
        responderStatic: s.responderStatic,
      });
      const { handshake: frames } = handshake(initiator, responder);
      expect(frames.length).toBe(pattern === 'XX' ? 3 : 2);
      expect(initiator.established && responder.established).toBe(true);
      expect(initiator.handshakeHash).toEqual(responder.handshakeHash);
      if (pattern !== 'NN') expect(initiator.remoteStaticKey).toEqual(s.responderStatic!.publicKey);
      if (pattern === 'XX') expect(responder.remoteStaticKey).toEqual(s.initiatorStatic!.publicKey);
      for (const size of [0, 1, 15, 16, 17, 1000, MAX_NOISE_PAYLOAD]) {
        const m = new Uint8Array(size).map((_, i) => i * 7);
        expect(deliver(initiator, responder, m)).toEqual([m]);
        expect(deliver(responder, initiator, m)).toEqual([m]);
      }
    });

    it('matches the independent spec computation byte for byte (handshake and transport)', () => {
      const keys = keysFor(pattern, keyPair);
      const expected = oracleHandshake(pattern, D);
      const { initiator, responder } = noisePair(suite, pattern, keys);
      const { handshake: frames } = handshake(initiator, responder);
      expect(frames.map((f) => Buffer.from(f.frame.subarray(2)).toString('hex'))).toEqual(
        expected.messages.map((m) => m.toString('hex')),
      );
      for (const f of frames) expect((f.frame[0] << 8) | f.frame[1]).toBe(f.frame.length - 2);
      expect(Buffer.from(initiator.handshakeHash)).toEqual(expected.h);
      // Expected sizes: e = 65; encrypted s = 65 + 16; each encrypted empty payload = 16.
      const sizes = { NN: [65, 81], NK: [81, 81], XX: [65, 162, 97] }[pattern];
      expect(frames.map((f) => f.frame.length - 2)).toEqual(sizes);
      // Transport: initiator → responder under k1 with n = 0, 1, …; the other way under k2.
      const a = initiator.seal(Buffer.from('ping'));
      const b = initiator.seal(Buffer.from('ping 2'));
      expect(Buffer.from(a.subarray(2))).toEqual(oracleSeal(expected.k1, 0n, Buffer.from('ping')));
      expect(Buffer.from(b.subarray(2))).toEqual(
        oracleSeal(expected.k1, 1n, Buffer.from('ping 2')),
      );
      const c = responder.seal(Buffer.from('pong'));
      expect(oracleOpen(expected.k2, 0n, c.subarray(2)).toString()).toBe('pong');
    });

    it('rejects every tampered byte of every handshake message', () => {
      const keys = keysFor(pattern, keyPair);
      const clean = handshake(
        ...(Object.values(noisePair(suite, pattern, keys)) as [NoiseChannel, NoiseChannel]),
      ).handshake;
      let cases = 0;
      clean.forEach((message, index) => {
        // Bytes 0-1 are the length: changing them desynchronises the frame, which must fail too
        // (a longer frame simply never completes: checked separately below).
        for (let position = 2; position < message.frame.length; position++) {
          const { initiator, responder } = noisePair(suite, pattern, keys);
          const flip = (i: number, frame: Uint8Array) => {
            if (i !== index) return frame;
            const copy = frame.slice();
            copy[position] ^= 1 << (position % 8);
            return copy;
          };
          expect(() => handshake(initiator, responder, flip)).toThrow(CryptoError);
          cases++;
        }
      });
      expect(cases).toBe(clean.reduce((sum, m) => sum + m.frame.length - 2, 0));
    });

    it('rejects a truncated or extended handshake message', () => {
      const keys = keysFor(pattern, keyPair);
      const clean = handshake(
        ...(Object.values(noisePair(suite, pattern, keys)) as [NoiseChannel, NoiseChannel]),
      ).handshake;
      clean.forEach((_, index) => {
        for (const delta of [-1, +1]) {
          const { initiator, responder } = noisePair(suite, pattern, keys);
          const resize = (i: number, frame: Uint8Array) => {
            if (i !== index) return frame;
            const body =
              delta < 0
                ? frame.subarray(2, frame.length - 1)
                : Buffer.concat([frame.subarray(2), Buffer.of(0)]);
            return Buffer.concat([Buffer.of(body.length >> 8, body.length & 0xff), body]);
          };
          expect(() => handshake(initiator, responder, resize)).toThrow(CryptoError);
        }
      });
    });

    it('rejects every tampered byte of a transport message, then still accepts the genuine one', () => {
      const keys = keysFor(pattern, keyPair);
      const { initiator, responder } = handshake(
        ...(Object.values(noisePair(suite, pattern, keys)) as [NoiseChannel, NoiseChannel]),
      );
      const sealed = initiator.seal(Buffer.from('attack at dawn'));
      for (let position = 2; position < sealed.length; position++) {
        // A channel that saw a forgery is dead, so each forgery goes to a fresh responder with
        // the same fixed keys (hence the same transport keys). The CipherState tests below
        // check that a failed decryption leaves n unchanged (Noise §5.1).
        const probe = new NoiseChannel({
          suite,
          pattern,
          initiator: false,
          staticKey: keys.responderStatic,
          ephemeralKey: keys.responderEphemeral,
        });
        const initiator2 = new NoiseChannel({
          suite,
          pattern,
          initiator: true,
          staticKey: keys.initiatorStatic,
          ephemeralKey: keys.initiatorEphemeral,
          remoteStaticKey: pattern === 'NK' ? keys.responderStatic!.publicKey : undefined,
        });
        handshake(initiator2, probe);
        const forged = sealed.slice();
        forged[position] ^= 0x80 >> (position % 8);
        expectCode(() => probe.receive(forged), 'AUTH_FAILED');
      }
      expect(responder.receive(sealed).messages.map((m) => Buffer.from(m).toString())).toEqual([
        'attack at dawn',
      ]);
    });
  });

  it('fails at once when the peer sends PEM text (a tutorial-protocol peer) instead of a Noise message', () => {
    for (const initiator of [true, false]) {
      const channel = new NoiseChannel({ suite, pattern: 'NN', initiator });
      channel.start();
      // The tutorial peer's first bytes, one at a time: the second '-' decides.
      expect(channel.receive(Buffer.from('-')).frames).toEqual([]);
      let error: unknown;
      try {
        channel.receive(Buffer.from('----BEGIN PUBLIC KEY-----\n'));
      } catch (e) {
        error = e;
      }
      expect((error as CryptoError).code).toBe('HANDSHAKE_FAILED');
      expect((error as Error).message).toMatch(/PEM text .* it speaks the tutorial protocol/);
    }
  });

  it('rejects a replayed and a reordered transport message', () => {
    const { initiator, responder } = handshake(
      ...(Object.values(noisePair(suite, 'NN')) as [NoiseChannel, NoiseChannel]),
    );
    const first = initiator.seal(Buffer.from('one'));
    const second = initiator.seal(Buffer.from('two'));
    expect(responder.receive(first).messages.length).toBe(1);
    expectCode(() => responder.receive(first), 'AUTH_FAILED');
    const pair2 = handshake(
      ...(Object.values(noisePair(suite, 'NN')) as [NoiseChannel, NoiseChannel]),
    );
    pair2.initiator.seal(Buffer.from('one'));
    expectCode(
      () => pair2.responder.receive(pair2.initiator.seal(Buffer.from('two'))),
      'AUTH_FAILED',
    );
    expect(second.length).toBe(2 + 3 + 16);
  });

  it('refuses a reflected message (each direction has its own key)', () => {
    const { initiator } = handshake(
      ...(Object.values(noisePair(suite, 'NN')) as [NoiseChannel, NoiseChannel]),
    );
    expectCode(() => initiator.receive(initiator.seal(Buffer.from('echo?'))), 'AUTH_FAILED');
  });

  it('aborts on an invalid ephemeral point with HANDSHAKE_FAILED caused by the point check', () => {
    const bad = [
      new Uint8Array(65),
      Uint8Array.of(4, ...new Uint8Array(64).fill(1)),
      Uint8Array.of(2, ...new Uint8Array(64)),
    ];
    for (const e of bad) {
      const responder = new NoiseChannel({ suite, pattern: 'NN', initiator: false });
      responder.start();
      let thrown: unknown;
      try {
        responder.receive(Uint8Array.of(0, 65, ...e));
      } catch (error) {
        thrown = error;
      }
      expect((thrown as CryptoError).code).toBe('HANDSHAKE_FAILED');
      expect(['INVALID_POINT', 'INVALID_ENCODING']).toContain(
        ((thrown as Error).cause as CryptoError).code,
      );
      // The dead channel refuses more input.
      expectCode(() => responder.receive(new Uint8Array(1)), 'PROTOCOL_ERROR');
    }
  });

  it('NK: a client expecting another server key fails; XX: a pinned or refused key fails', () => {
    const server = suite.generateKeyPair();
    const other = suite.generateKeyPair();
    const nk = noisePair(suite, 'NK', {
      responderStatic: server,
      expectedResponderKey: other.publicKey,
    });
    expectCode(() => handshake(nk.initiator, nk.responder), 'HANDSHAKE_FAILED');
    const client = suite.generateKeyPair();
    const xxPinned = noisePair(suite, 'XX', {
      responderStatic: server,
      initiatorStatic: client,
      expectedResponderKey: other.publicKey,
    });
    expectCode(() => handshake(xxPinned.initiator, xxPinned.responder), 'HANDSHAKE_FAILED');
    const refusing = new NoiseChannel({
      suite,
      pattern: 'XX',
      initiator: false,
      staticKey: server,
      verifyRemoteStaticKey: () => false,
    });
    const xxClient = new NoiseChannel({
      suite,
      pattern: 'XX',
      initiator: true,
      staticKey: client,
      remoteStaticKey: server.publicKey,
    });
    expectCode(() => handshake(xxClient, refusing), 'HANDSHAKE_FAILED');
    let seen: Uint8Array | undefined;
    const accepting = new NoiseChannel({
      suite,
      pattern: 'XX',
      initiator: false,
      staticKey: server,
      verifyRemoteStaticKey: (k) => {
        seen = k;
        return true;
      },
    });
    handshake(
      new NoiseChannel({
        suite,
        pattern: 'XX',
        initiator: true,
        staticKey: client,
        remoteStaticKey: server.publicKey,
      }),
      accepting,
    );
    expect(seen).toEqual(client.publicKey);
  });

  it('parses frames split at every byte and frames joined in one chunk', () => {
    const { initiator, responder } = noisePair(suite, 'NN');
    const [m1] = initiator.start();
    responder.start();
    let replies: Uint8Array[] = [];
    for (const byte of m1) replies = replies.concat(responder.receive(Uint8Array.of(byte)).frames);
    expect(replies.length).toBe(1);
    const joined = Buffer.concat([
      replies[0],
      responder.seal(Buffer.from('a')),
      responder.seal(Buffer.from('b')),
    ]);
    const out = initiator.receive(joined);
    expect(out.messages.map((m) => Buffer.from(m).toString())).toEqual(['a', 'b']);
  });

  it('limits message sizes: RangeError at seal, LIMIT_EXCEEDED for an oversized frame', () => {
    const { initiator, responder } = handshake(
      ...(Object.values(noisePair(suite, 'NN')) as [NoiseChannel, NoiseChannel]),
    );
    expect(() => initiator.seal(new Uint8Array(MAX_NOISE_PAYLOAD + 1))).toThrow(RangeError);
    expect(() => initiator.seal('text' as unknown as Uint8Array)).toThrow(TypeError);
    const small = new NoiseChannel({
      suite,
      pattern: 'NN',
      initiator: false,
      maxMessageLength: 100,
    });
    const client = new NoiseChannel({ suite, pattern: 'NN', initiator: true });
    handshake(client, small);
    expect(() => small.seal(new Uint8Array(101))).toThrow(RangeError);
    expectCode(() => small.receive(Uint8Array.of(0, 117)), 'LIMIT_EXCEEDED');
    expect(
      () => new NoiseChannel({ suite, pattern: 'NN', initiator: true, maxMessageLength: 65520 }),
    ).toThrow(RangeError);
    expect(responder.established).toBe(true);
  });

  it('refuses out-of-turn use and missing keys', () => {
    expect(() => new NoiseChannel({ suite, pattern: 'NK', initiator: true })).toThrow(TypeError);
    expect(() => new NoiseChannel({ suite, pattern: 'NK', initiator: false })).toThrow(TypeError);
    expect(() => new NoiseChannel({ suite, pattern: 'XX', initiator: true })).toThrow(TypeError);
    const someKey = suite.generateKeyPair().publicKey;
    expect(
      () => new NoiseChannel({ suite, pattern: 'NN', initiator: true, remoteStaticKey: someKey }),
    ).toThrow(TypeError);
    expect(
      () =>
        new NoiseChannel({
          suite,
          pattern: 'NN',
          initiator: false,
          verifyRemoteStaticKey: () => true,
        }),
    ).toThrow(TypeError);
    const hs = new HandshakeState({ suite, pattern: 'NN', initiator: false, prologue: PROLOGUE });
    expectCode(() => hs.writeMessage(), 'PROTOCOL_ERROR');
    const channel = new NoiseChannel({ suite, pattern: 'NN', initiator: true });
    expectCode(() => channel.seal(new Uint8Array(1)), 'PROTOCOL_ERROR');
    channel.start();
    expectCode(() => channel.start(), 'PROTOCOL_ERROR');
  });
});

describe('CipherState (Noise §5.1)', () => {
  it('reserves n = 2^64 − 1: the last usable nonce is 2^64 − 2', () => {
    const send = new CipherState(nodeSuite);
    const receive = new CipherState(nodeSuite);
    const k = new Uint8Array(32).fill(9);
    send.initializeKey(k);
    receive.initializeKey(k);
    send.setNonce(MAX_NONCE - 1n);
    receive.setNonce(MAX_NONCE - 1n);
    const c = send.encryptWithAd(new Uint8Array(0), Buffer.from('last'));
    expect(Buffer.from(receive.decryptWithAd(new Uint8Array(0), c)).toString()).toBe('last');
    expectCode(() => send.encryptWithAd(new Uint8Array(0), new Uint8Array(1)), 'LIMIT_EXCEEDED');
    expectCode(() => receive.decryptWithAd(new Uint8Array(0), c), 'LIMIT_EXCEEDED');
    expect(() => send.setNonce(MAX_NONCE + 1n)).toThrow(RangeError);
  });

  it('Rekey() = first 32 bytes of ENCRYPT(k, 2^64 − 1, empty, zeros), keeping n', () => {
    const cs = new CipherState(nodeSuite);
    const k = new Uint8Array(32).fill(5);
    cs.initializeKey(k);
    cs.setNonce(7n);
    cs.rekey();
    expect(cs.nonce).toBe(7n);
    const expectedK = oracleSeal(Buffer.from(k), MAX_NONCE, new Uint8Array(32)).subarray(0, 32);
    const check = new CipherState(nodeSuite);
    check.initializeKey(expectedK);
    check.setNonce(7n);
    expect(cs.encryptWithAd(new Uint8Array(0), Buffer.from('x'))).toEqual(
      check.encryptWithAd(new Uint8Array(0), Buffer.from('x')),
    );
  });

  it('passes plaintext through while k is empty, and a failed decrypt keeps n', () => {
    const cs = new CipherState(nodeSuite);
    cs.initializeKey(null);
    expect(cs.encryptWithAd(new Uint8Array(0), Uint8Array.of(1, 2))).toEqual(Uint8Array.of(1, 2));
    cs.initializeKey(new Uint8Array(32));
    expectCode(() => cs.decryptWithAd(new Uint8Array(0), new Uint8Array(16)), 'AUTH_FAILED');
    expect(cs.nonce).toBe(0n);
  });
});

it('the fixed test keys are valid (sanity check of the fixture)', () => {
  expect(nodeKeyPair(D.ie).publicKey.length).toBe(65);
});
