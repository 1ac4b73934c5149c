/**
 * NoiseChannel (src/channel/noise-channel.ts) at its edges: each refusal's error class, code and
 * exact message; the option bounds at their exact values; the copies it takes and gives; the
 * 2-byte length framing (the "--" PEM detection before the handshake only, the frame size limit
 * after it only); a non-empty handshake payload; the XX pin and verify callback; frame()'s
 * 65535-byte bound.
 *
 * No vectors: every case is hand-built from the @throws and limits of
 * src/channel/noise-channel.ts. The handshakes are ecdh-lab's own with fresh keys, on
 * node:crypto's suite (./node-suite.ts) and, where the suite matters, on each suite of
 * ./suites.ts. A non-empty payload is written with HandshakeState directly, as a peer that is
 * not NoiseChannel would.
 */
import { HandshakeState } from '../../src/channel/handshake-state.js';
import {
  MAX_NOISE_MESSAGE,
  MAX_NOISE_PAYLOAD,
  NoiseChannel,
  type NoiseChannelOptions,
  PROLOGUE,
} from '../../src/channel/noise-channel.js';
import type { PatternName } from '../../src/channel/patterns.js';
import type { NoiseSuite } from '../../src/channel/suite.js';
import { CryptoError } from '../../src/errors.js';
import { deliver, handshake } from './helpers.js';
import { nodeSuite } from './node-suite.js';
import { SUITES } from './suites.js';
import { thrownBy } from '../support/errors.js';

/** `fn` throws exactly `kind` (and, for a CryptoError, `code`) with exactly `message`. */
function expectThrow(
  fn: () => unknown,
  kind: typeof TypeError | typeof RangeError | typeof CryptoError,
  message: string,
  code?: string,
): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(kind);
  if (kind === CryptoError) expect((error as CryptoError).code).toBe(code);
  expect((error as Error).message).toBe(message);
}

const PEM_MESSAGE =
  'channel: the peer sent PEM text ("-----"), not a Noise message: it speaks the tutorial protocol';
const bytes = (...values: number[]) => new Uint8Array(values);
const filled = (length: number, byte = 0x61) => new Uint8Array(length).fill(byte);

/** A started NN pair on node:crypto's suite, handshake done. */
function establishedNN(maxMessageLength?: number) {
  const initiator = new NoiseChannel({
    suite: nodeSuite,
    pattern: 'NN',
    initiator: true,
    maxMessageLength,
  });
  const responder = new NoiseChannel({
    suite: nodeSuite,
    pattern: 'NN',
    initiator: false,
    maxMessageLength,
  });
  handshake(initiator, responder);
  return { initiator, responder };
}

/** A started NN responder that has read nothing yet. */
function startedResponder(): NoiseChannel {
  const responder = new NoiseChannel({ suite: nodeSuite, pattern: 'NN', initiator: false });
  expect(responder.start()).toEqual([]);
  return responder;
}

describe('NoiseChannel options', () => {
  const base = { suite: nodeSuite, pattern: 'NN' as const, initiator: true };

  it(`maxMessageLength: 1 and ${MAX_NOISE_PAYLOAD} accepted, the default is ${MAX_NOISE_PAYLOAD}`, () => {
    expect(new NoiseChannel({ ...base, maxMessageLength: 1 }).maxMessageLength).toBe(1);
    expect(new NoiseChannel({ ...base, maxMessageLength: 65519 }).maxMessageLength).toBe(65519);
    expect(new NoiseChannel(base).maxMessageLength).toBe(65519);
    expect(MAX_NOISE_PAYLOAD).toBe(MAX_NOISE_MESSAGE - 16);
  });

  it.each([0, -1, 65520, 1.5, 65518.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'maxMessageLength %p refused with a RangeError',
    (maxMessageLength) => {
      expectThrow(
        () => new NoiseChannel({ ...base, maxMessageLength }),
        RangeError,
        'NoiseChannel: maxMessageLength must be an integer in [1, 65519]',
      );
    },
  );

  it('protocol is the pattern in lower case', () => {
    const server = nodeSuite.generateKeyPair();
    expect(new NoiseChannel(base).protocol).toBe('nn');
    expect(
      new NoiseChannel({ ...base, pattern: 'NK', remoteStaticKey: server.publicKey }).protocol,
    ).toBe('nk');
    expect(new NoiseChannel({ ...base, pattern: 'XX', staticKey: server }).protocol).toBe('xx');
  });

  it.each([
    ['NN', 'initiator', true],
    ['NN', 'responder', false],
    ['NK', 'responder', false],
  ] as [PatternName, string, boolean][])(
    'remoteStaticKey refused by %s as %s (a key the pattern cannot use)',
    (pattern, role, initiator) => {
      const server = nodeSuite.generateKeyPair();
      expectThrow(
        () =>
          new NoiseChannel({
            suite: nodeSuite,
            pattern,
            initiator,
            staticKey: pattern === 'NK' ? server : undefined,
            remoteStaticKey: server.publicKey,
          }),
        TypeError,
        `NoiseChannel: remoteStaticKey is not used by ${pattern} as ${role}`,
      );
    },
  );

  it('remoteStaticKey accepted by NK as initiator and by XX on either side (a pin)', () => {
    const key = nodeSuite.generateKeyPair();
    const remoteStaticKey = nodeSuite.generateKeyPair().publicKey;
    expect(() => new NoiseChannel({ ...base, pattern: 'NK', remoteStaticKey })).not.toThrow();
    for (const initiator of [true, false])
      expect(
        () =>
          new NoiseChannel({
            suite: nodeSuite,
            pattern: 'XX',
            initiator,
            staticKey: key,
            remoteStaticKey,
          }),
      ).not.toThrow();
  });

  it.each([
    ['NN', 'initiator', true],
    ['NN', 'responder', false],
    ['NK', 'initiator', true],
    ['NK', 'responder', false],
  ] as [PatternName, string, boolean][])(
    'verifyRemoteStaticKey refused by %s as %s',
    (pattern, _role, initiator) => {
      const server = nodeSuite.generateKeyPair();
      expectThrow(
        () =>
          new NoiseChannel({
            suite: nodeSuite,
            pattern,
            initiator,
            staticKey: pattern === 'NK' && !initiator ? server : undefined,
            remoteStaticKey: pattern === 'NK' && initiator ? server.publicKey : undefined,
            verifyRemoteStaticKey: () => true,
          }),
        TypeError,
        'NoiseChannel: verifyRemoteStaticKey is only used by XX',
      );
    },
  );

  it('remoteStaticKey of the wrong length or type is refused at construction, naming it (NK and XX)', () => {
    const key = nodeSuite.generateKeyPair();
    const options = [
      { suite: nodeSuite, pattern: 'NK' as const, initiator: true },
      { suite: nodeSuite, pattern: 'XX' as const, initiator: true, staticKey: key },
      { suite: nodeSuite, pattern: 'XX' as const, initiator: false, staticKey: key },
    ];
    for (const o of options) {
      expectThrow(
        () => new NoiseChannel({ ...o, remoteStaticKey: key.publicKey.subarray(1) }),
        RangeError,
        'remoteStaticKey must be 65 bytes long, got 64',
      );
      expectThrow(
        () => new NoiseChannel({ ...o, remoteStaticKey: new Uint8Array(66) }),
        RangeError,
        'remoteStaticKey must be 65 bytes long, got 66',
      );
      const error = thrownBy(
        () =>
          new NoiseChannel({
            ...o,
            remoteStaticKey: Array.from(key.publicKey) as unknown as Uint8Array,
          }),
      );
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^remoteStaticKey must be a Uint8Array, got /);
    }
  });

  it('remoteStaticKey is copied: changing the caller’s array after construction changes nothing', () => {
    const server = nodeSuite.generateKeyPair();
    // NK: the key the initiator encrypts to.
    const nkKey = server.publicKey.slice();
    const nkClient = new NoiseChannel({ ...base, pattern: 'NK', remoteStaticKey: nkKey });
    nkKey.fill(0);
    const nkServer = new NoiseChannel({
      suite: nodeSuite,
      pattern: 'NK',
      initiator: false,
      staticKey: server,
    });
    handshake(nkClient, nkServer);
    expect(nkClient.remoteStaticKey).toEqual(server.publicKey);
    // XX: the pin.
    const pin = server.publicKey.slice();
    const xxClient = new NoiseChannel({
      ...base,
      pattern: 'XX',
      staticKey: nodeSuite.generateKeyPair(),
      remoteStaticKey: pin,
    });
    pin.fill(0);
    const xxServer = new NoiseChannel({
      suite: nodeSuite,
      pattern: 'XX',
      initiator: false,
      staticKey: server,
    });
    handshake(xxClient, xxServer);
    expect(xxClient.established && xxServer.established).toBe(true);
    expect(xxClient.remoteStaticKey).toEqual(server.publicKey);
  });
});

describe('NoiseChannel getters', () => {
  it('bufferedLength counts the bytes of an incomplete frame, before and after the handshake', () => {
    const initiator = new NoiseChannel({ suite: nodeSuite, pattern: 'NN', initiator: true });
    const responder = startedResponder();
    expect(responder.bufferedLength).toBe(0);
    const [first] = initiator.start();
    expect(first.length).toBe(2 + 65);
    expect(responder.receive(first.subarray(0, 1)).frames).toEqual([]);
    expect(responder.bufferedLength).toBe(1);
    expect(responder.receive(first.subarray(1, 30)).frames).toEqual([]);
    expect(responder.bufferedLength).toBe(30);
    const { frames } = responder.receive(first.subarray(30));
    expect(responder.bufferedLength).toBe(0);
    expect(initiator.receive(frames[0]).frames).toEqual([]);
    expect(initiator.established && responder.established).toBe(true);
    const sealed = initiator.seal(filled(10));
    expect(responder.receive(sealed.subarray(0, 20)).messages).toEqual([]);
    expect(responder.bufferedLength).toBe(20);
    // The rest of this frame and the first byte of the next.
    const next = initiator.seal(filled(3, 0x62));
    const out = responder.receive(Buffer.concat([sealed.subarray(20), next.subarray(0, 1)]));
    expect(out.messages).toEqual([filled(10)]);
    expect(responder.bufferedLength).toBe(1);
    expect(responder.receive(next.subarray(1)).messages).toEqual([filled(3, 0x62)]);
    expect(responder.bufferedLength).toBe(0);
  });

  it.each(SUITES)(
    'handshakeHash ($name): equal on both sides, a fresh copy on each read',
    ({ suite }) => {
      const initiator = new NoiseChannel({ suite, pattern: 'NN', initiator: true });
      const responder = new NoiseChannel({ suite, pattern: 'NN', initiator: false });
      handshake(initiator, responder);
      const h = initiator.handshakeHash;
      expect(h.length).toBe(32);
      expect(responder.handshakeHash).toEqual(h);
      const saved = h.slice();
      h.fill(0);
      expect(initiator.handshakeHash).toEqual(saved);
      expect(initiator.handshakeHash).not.toBe(initiator.handshakeHash);
      // Still the key both sides derived: messages flow.
      expect(deliver(initiator, responder, bytes(1, 2, 3))).toEqual([bytes(1, 2, 3)]);
    },
  );

  it('handshakeHash before the handshake is complete is refused', () => {
    expectThrow(
      () => startedResponder().handshakeHash,
      CryptoError,
      'HandshakeState: handshake not complete',
      'PROTOCOL_ERROR',
    );
  });
});

describe('NoiseChannel prologue', () => {
  it('is ASCII "ecdh-lab/1"; changing the exported PROLOGUE array changes no channel', () => {
    expect(Buffer.from(PROLOGUE).toString('latin1')).toBe('ecdh-lab/1');
    const saved = PROLOGUE.slice();
    const pair = () => ({
      initiator: new NoiseChannel({ suite: nodeSuite, pattern: 'NN', initiator: true }),
      responder: new NoiseChannel({ suite: nodeSuite, pattern: 'NN', initiator: false }),
    });
    const before = pair();
    try {
      PROLOGUE.fill(0x21);
      const after = pair();
      // A channel made after the change still agrees with one made before it.
      handshake(before.initiator, after.responder);
      expect(before.initiator.handshakeHash).toEqual(after.responder.handshakeHash);
    } finally {
      PROLOGUE.set(saved);
    }
  });
});

describe('NoiseChannel framing: the "--" PEM detection and the frame size limit', () => {
  it('before the handshake, "--" (0x2d 0x2d) is refused as PEM text at once', () => {
    const responder = startedResponder();
    expect(responder.receive(bytes(0x2d)).frames).toEqual([]);
    expectThrow(() => responder.receive(bytes(0x2d)), CryptoError, PEM_MESSAGE, 'HANDSHAKE_FAILED');
  });

  it('before the handshake, a length 0x002d is a length: the channel waits for 45 bytes', () => {
    const responder = startedResponder();
    expect(responder.receive(bytes(0x00, 0x2d))).toEqual({ frames: [], messages: [] });
    expect(responder.bufferedLength).toBe(2);
    expect(responder.receive(filled(44)).frames).toEqual([]);
    // 45 bytes are too few for NN's first message (a 65-byte point): the handshake's refusal.
    expectThrow(
      () => responder.receive(filled(1)),
      CryptoError,
      'handshake: message too short for e',
      'HANDSHAKE_FAILED',
    );
  });

  it.each([
    ['2d00', 0x2d, 0x00],
    ['2d2c', 0x2d, 0x2c],
    ['2c2d', 0x2c, 0x2d],
    ['012d', 0x01, 0x2d],
  ])(
    'before the handshake, a length 0x%s (one "-" only) is not PEM: the channel waits',
    (_label, hi, lo) => {
      const responder = startedResponder();
      expect(responder.receive(bytes(hi, lo, 0x2d, 0x2d))).toEqual({ frames: [], messages: [] });
      expect(responder.bufferedLength).toBe(4);
    },
  );

  it('after the handshake, a "--" length is just a length (11565 = 0x2d2d), as are 0x2dXX and 0xXX2d', () => {
    const { initiator, responder } = establishedNN();
    for (const length of [0x2d2d, 0x2d00, 0x002d, 0x012d, 0x2d2c]) {
      const message = filled(length - 16, length & 0xff);
      const sealed = initiator.seal(message);
      expect([sealed[0], sealed[1]]).toEqual([length >>> 8, length & 0xff]);
      // The header alone first: no refusal, the channel waits for the body.
      expect(responder.receive(sealed.subarray(0, 2)).messages).toEqual([]);
      expect(responder.receive(sealed.subarray(2)).messages).toEqual([message]);
    }
  });

  it('after the handshake, a "--" length beyond maxMessageLength is refused by the size limit, not as PEM', () => {
    const { responder } = establishedNN(1000);
    expectThrow(
      () => responder.receive(bytes(0x2d, 0x2d)),
      CryptoError,
      'channel: frame of 11565 bytes exceeds the limit',
      'LIMIT_EXCEEDED',
    );
  });

  it('the frame size limit is maxMessageLength + 16, judged on the header alone', () => {
    const { initiator, responder } = establishedNN(1000);
    // 1016 bytes: accepted (the channel waits for the body).
    const sealed = initiator.seal(filled(1000));
    expect([sealed[0], sealed[1]]).toEqual([1016 >>> 8, 1016 & 0xff]);
    expect(responder.receive(sealed.subarray(0, 2)).messages).toEqual([]);
    expect(responder.receive(sealed.subarray(2)).messages).toEqual([filled(1000)]);
    // 1017 bytes: refused on the header, before any body arrives; the channel is then dead.
    expectThrow(
      () => responder.receive(bytes(1017 >>> 8, 1017 & 0xff)),
      CryptoError,
      'channel: frame of 1017 bytes exceeds the limit',
      'LIMIT_EXCEEDED',
    );
    expectThrow(
      () => responder.receive(initiator.seal(bytes(1))),
      CryptoError,
      'channel: this channel has failed',
      'PROTOCOL_ERROR',
    );
  });

  it('the default limit admits every 2-byte length: 0xffff after the handshake waits for its body', () => {
    const { responder } = establishedNN();
    expect(responder.receive(bytes(0xff, 0xff)).messages).toEqual([]);
    expect(responder.bufferedLength).toBe(2);
  });

  it.each(['NN', 'XX'] as PatternName[])(
    'maxMessageLength 1: the %s handshake (messages longer than 17 bytes) still completes; the limit applies after it',
    (pattern) => {
      const make = (initiator: boolean) =>
        new NoiseChannel({
          suite: nodeSuite,
          pattern,
          initiator,
          maxMessageLength: 1,
          staticKey: pattern === 'XX' ? nodeSuite.generateKeyPair() : undefined,
        });
      const initiator = make(true);
      const responder = make(false);
      const { handshake: frames } = handshake(initiator, responder);
      expect(frames.every(({ frame }) => frame.length > 2 + 17)).toBe(true);
      expect(deliver(initiator, responder, bytes(7))).toEqual([bytes(7)]);
      expect(deliver(responder, initiator, bytes(8))).toEqual([bytes(8)]);
      expectThrow(
        () => initiator.seal(bytes(1, 2)),
        RangeError,
        'channel: message is 2 bytes, more than the 1 allowed',
      );
      expectThrow(
        () => responder.receive(bytes(0, 18)),
        CryptoError,
        'channel: frame of 18 bytes exceeds the limit',
        'LIMIT_EXCEEDED',
      );
    },
  );
});

describe('NoiseChannel handshake payloads', () => {
  /** An NN initiator written with HandshakeState directly, framed by hand. */
  function rawInitiator() {
    return new HandshakeState({
      suite: nodeSuite,
      pattern: 'NN',
      initiator: true,
      prologue: PROLOGUE,
    });
  }
  const framed = (message: Uint8Array) =>
    Buffer.concat([bytes(message.length >>> 8, message.length & 0xff), message]);

  it('an empty payload written by HandshakeState is what NoiseChannel reads', () => {
    const peer = rawInitiator();
    const responder = startedResponder();
    const { frames } = responder.receive(framed(peer.writeMessage()));
    expect(frames.length).toBe(1);
    expect(peer.readMessage(frames[0].subarray(2))).toEqual(new Uint8Array(0));
    expect(peer.isComplete && responder.established).toBe(true);
    expect(responder.handshakeHash).toEqual(peer.transportKeys.handshakeHash);
  });

  it('a non-empty payload in a handshake message is refused', () => {
    const peer = rawInitiator();
    const responder = startedResponder();
    expectThrow(
      () => responder.receive(framed(peer.writeMessage(bytes(0x01)))),
      CryptoError,
      'handshake: payloads must be empty in ecdh-lab/1',
      'HANDSHAKE_FAILED',
    );
    expect(responder.established).toBe(false);
  });

  it('a non-empty payload in the last XX message is refused by the responder', () => {
    const clientKey = nodeSuite.generateKeyPair();
    const peer = new HandshakeState({
      suite: nodeSuite,
      pattern: 'XX',
      initiator: true,
      prologue: PROLOGUE,
      s: clientKey,
    });
    const responder = new NoiseChannel({
      suite: nodeSuite,
      pattern: 'XX',
      initiator: false,
      staticKey: nodeSuite.generateKeyPair(),
    });
    responder.start();
    const { frames } = responder.receive(framed(peer.writeMessage()));
    peer.readMessage(frames[0].subarray(2));
    expectThrow(
      () => responder.receive(framed(peer.writeMessage(filled(5)))),
      CryptoError,
      'handshake: payloads must be empty in ecdh-lab/1',
      'HANDSHAKE_FAILED',
    );
    expect(responder.established).toBe(false);
  });
});

describe.each(SUITES)('NoiseChannel XX: the pin and verifyRemoteStaticKey ($name)', ({ suite }) => {
  const make = (initiator: boolean, extra: Partial<NoiseChannelOptions>) =>
    new NoiseChannel({
      suite,
      pattern: 'XX',
      initiator,
      staticKey: suite.generateKeyPair(),
      ...extra,
    });

  it('a pinned key that differs is refused (initiator reading message 2, responder reading message 3)', () => {
    const other = suite.generateKeyPair().publicKey;
    for (const pinnedBy of ['initiator', 'responder']) {
      const initiator = make(true, pinnedBy === 'initiator' ? { remoteStaticKey: other } : {});
      const responder = make(false, pinnedBy === 'responder' ? { remoteStaticKey: other } : {});
      const error = thrownBy(() => handshake(initiator, responder));
      expect(error).toBeInstanceOf(CryptoError);
      expect((error as CryptoError).code).toBe('HANDSHAKE_FAILED');
      expect((error as Error).message).toBe(
        "handshake: the peer's static key does not match the expected key",
      );
      expect(initiator.established).toBe(pinnedBy === 'responder');
      expect(responder.established).toBe(false);
    }
  });

  it('a refused key aborts with HANDSHAKE_FAILED; the callback sees the peer key, as a copy', () => {
    const serverKey = suite.generateKeyPair();
    const seen: Uint8Array[] = [];
    const initiator = make(true, {
      verifyRemoteStaticKey: (publicKey) => {
        seen.push(publicKey.slice());
        publicKey.fill(0);
        return false;
      },
    });
    const responder = make(false, { staticKey: serverKey });
    expectThrow(
      () => handshake(initiator, responder),
      CryptoError,
      "handshake: the peer's static key is not allowed",
      'HANDSHAKE_FAILED',
    );
    expect(seen).toEqual([serverKey.publicKey]);
    expect(initiator.established).toBe(false);
  });

  it('an accepted key: the callback runs once per side, and scribbling on its argument changes nothing', () => {
    const keys = [suite.generateKeyPair(), suite.generateKeyPair()];
    const seen: Uint8Array[][] = [[], []];
    const verify = (side: number) => (publicKey: Uint8Array) => {
      seen[side].push(publicKey.slice());
      publicKey.fill(0xee);
      return true;
    };
    const initiator = make(true, { staticKey: keys[0], verifyRemoteStaticKey: verify(0) });
    const responder = make(false, { staticKey: keys[1], verifyRemoteStaticKey: verify(1) });
    handshake(initiator, responder);
    expect(seen).toEqual([[keys[1].publicKey], [keys[0].publicKey]]);
    expect(initiator.remoteStaticKey).toEqual(keys[1].publicKey);
    expect(responder.remoteStaticKey).toEqual(keys[0].publicKey);
    expect(deliver(responder, initiator, bytes(9))).toEqual([bytes(9)]);
  });

  it('the pin is checked before the callback: a mismatch never reaches it', () => {
    let calls = 0;
    const initiator = make(true, {
      remoteStaticKey: suite.generateKeyPair().publicKey,
      verifyRemoteStaticKey: () => {
        calls++;
        return true;
      },
    });
    expectThrow(
      () => handshake(initiator, make(false, {})),
      CryptoError,
      "handshake: the peer's static key does not match the expected key",
      'HANDSHAKE_FAILED',
    );
    expect(calls).toBe(0);
  });
});

describe('frame(): a Noise message is at most 65535 bytes', () => {
  /**
   * A suite that breaks NoiseSuite's contract (a 16-byte tag): its cipher appends 16 more
   * bytes. It is the only way past seal()'s maxMessageLength check to a message longer than
   * 65535 bytes, and frame() must refuse it rather than write a length that wraps.
   */
  const longTagSuite: NoiseSuite = {
    ...nodeSuite,
    cipher(k) {
      const inner = nodeSuite.cipher(k);
      return {
        encrypt: (n, ad, plaintext) =>
          Buffer.concat([inner.encrypt(n, ad, plaintext), filled(16, 0)]),
        decrypt: (n, ad, ciphertext) => inner.decrypt(n, ad, ciphertext.subarray(0, -16)),
      };
    },
  };

  it('a message that would make a 65536..65551-byte frame is refused with a RangeError', () => {
    const initiator = new NoiseChannel({ suite: longTagSuite, pattern: 'NN', initiator: true });
    const responder = new NoiseChannel({ suite: longTagSuite, pattern: 'NN', initiator: false });
    handshake(initiator, responder);
    // 65503 + 32 = 65535 bytes: the largest frame, still carried.
    const largest = filled(65503);
    const sealed = initiator.seal(largest);
    expect([sealed[0], sealed[1]]).toEqual([0xff, 0xff]);
    expect(responder.receive(sealed).messages).toEqual([largest]);
    expectThrow(
      () => initiator.seal(filled(65504)),
      RangeError,
      'channel: Noise message longer than 65535 bytes',
    );
    expectThrow(
      () => initiator.seal(filled(MAX_NOISE_PAYLOAD)),
      RangeError,
      'channel: Noise message longer than 65535 bytes',
    );
  });
});

// Mutation testing (group channel-noise): the survivors left are equivalent.
// - `rs === undefined || this.#handshake.pattern.name !== 'XX'` → `rs === undefined || false`:
//   past that return, #checkRemoteStatic acts only through #pin and #verify, and the constructor
//   lets either be set for XX alone: verifyRemoteStaticKey is refused for any other pattern, a
//   remoteStaticKey is refused unless the pattern is XX or NK as initiator, and NK as initiator
//   stores it as rs, not as #pin. So for NN and NK both checks are skipped anyway, and nothing
//   else (rs is a fresh copy) is observable.
// - `this.#verify(rs.slice())` → `this.#verify(rs)`: rs is already a fresh copy, from
//   HandshakeState's remoteStaticKey getter (`#rs?.publicKey.slice()` on each read), and it is not
//   read again after the callback; remoteStaticKey reads #rs anew. A callback that writes to its
//   argument changes nothing either way ("an accepted key: … scribbling on its argument changes
//   nothing" passes on both).
// - `this.#handshake.isComplete && this.#send === undefined` → `… && true`: a second call
//   after completion (from #process, right after #writeHandshake has already finished) assigns
//   #send and #receive again from transportKeys, which returns the one object HandshakeState's
//   #advance built at Split(): the same two CipherState objects, with their nonces. Nothing
//   changes.
