/**
 * HandshakeState (src/channel/handshake-state.ts) on its own: what Initialize requires of each
 * pattern and role (Noise revision 34 §5.3, §7), the keys it keeps as its own copies, each
 * refusal of peer input with its message and cause, and the state's refusal to go on after a
 * failure or past the end. Primitives from node:crypto (./node-suite.ts); the keys are fixed
 * arbitrary scalars. The transcripts themselves are checked against the cacophony vectors
 * (cacophony.test.ts) and the spec computed again (noise.test.ts).
 */
import { HandshakeState, type HandshakeOptions } from '../../src/channel/handshake-state.js';
import { PATTERNS, type HandshakePatternName, type Token } from '../../src/channel/patterns.js';
import type { NoiseKeyPair, NoisePublicKey, NoiseSuite } from '../../src/channel/suite.js';
import { CryptoError } from '../../src/errors.js';
import { nodeKeyPair, nodeSuite } from './node-suite.js';
import { thrownBy } from '../support/errors.js';

const scalar = (byte: number) => new Uint8Array(32).fill(byte);
const PROLOGUE = new Uint8Array([0x70]);

/** Fresh key pairs from fixed scalars: initiator and responder, ephemeral and static. */
function keys() {
  return {
    ie: nodeKeyPair(scalar(0x11)),
    re: nodeKeyPair(scalar(0x22)),
    is: nodeKeyPair(scalar(0x33)),
    rs: nodeKeyPair(scalar(0x44)),
  };
}

type Options = Omit<HandshakeOptions, 'suite' | 'pattern' | 'initiator' | 'prologue'>;

function state(
  pattern: HandshakePatternName,
  initiator: boolean,
  options: Options = {},
  suite: NoiseSuite = nodeSuite,
): HandshakeState {
  return new HandshakeState({ suite, pattern, initiator, prologue: PROLOGUE, ...options });
}

/** Runs the handshake to its end; returns every message written. */
function run(initiator: HandshakeState, responder: HandshakeState): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let [writer, reader] = [initiator, responder];
  while (!writer.isComplete) {
    const message = writer.writeMessage();
    messages.push(message.slice());
    reader.readMessage(message);
    [writer, reader] = [reader, writer];
  }
  return messages;
}

const thrown = (fn: () => unknown) => thrownBy(fn) as Error & { code?: string; cause?: unknown };

function expectRefusal(fn: () => unknown, code: string, message: string): CryptoError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(CryptoError);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
  return error as CryptoError;
}

/** node:crypto's suite, but its readPublicKey keeps the caller's array (as a suite may). */
const keepingSuite: NoiseSuite = {
  ...nodeSuite,
  readPublicKey(publicKey: Uint8Array): NoisePublicKey {
    nodeSuite.readPublicKey(publicKey);
    return { publicKey };
  },
};

/** node:crypto's suite with a DH that throws `error` (after `after` calls). */
function failingDh(error: Error, after = 0): NoiseSuite {
  let calls = 0;
  return {
    ...nodeSuite,
    dh(keyPair: NoiseKeyPair, publicKey: NoisePublicKey) {
      if (calls++ >= after) throw error;
      return nodeSuite.dh(keyPair, publicKey);
    },
  };
}

describe('HandshakeState: Initialize checks the keys each pattern and role needs', () => {
  it('refuses an unknown pattern', () => {
    const error = thrown(() => state('ZZ' as HandshakePatternName, true));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('HandshakeState: unknown pattern ZZ');
  });

  it.each([
    ['XX', true, 'HandshakeState: XX initiator needs a static key pair s'],
    ['XX', false, 'HandshakeState: XX responder needs a static key pair s'],
    ['IK', true, 'HandshakeState: IK initiator needs a static key pair s'], // sent in message 1
    ['X', true, 'HandshakeState: X initiator needs a static key pair s'],
    ['NK', false, 'HandshakeState: NK responder needs a static key pair s'], // a pre-message only
    ['K', true, 'HandshakeState: K initiator needs a static key pair s'],
  ] as const)('%s as initiator = %s without s', (pattern, initiator, message) => {
    const { rs } = keys();
    // rs is given wherever the role needs it, so that only s is missing.
    const needsRs = pattern !== 'XX' && initiator;
    const error = thrown(() => state(pattern, initiator, needsRs ? { rs: rs.publicKey } : {}));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });

  it.each([
    ['NK', true, 'HandshakeState: NK initiator needs the remote static key rs'],
    ['IK', true, 'HandshakeState: IK initiator needs the remote static key rs'],
    ['K', true, 'HandshakeState: K initiator needs the remote static key rs'],
    ['K', false, 'HandshakeState: K responder needs the remote static key rs'],
  ] as const)('%s as initiator = %s without rs', (pattern, initiator, message) => {
    const { is } = keys();
    const error = thrown(() => state(pattern, initiator, { s: is }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });

  it('takes a null key from JavaScript as a missing one', () => {
    for (const [options, message] of [
      [{ s: null }, 'HandshakeState: NK responder needs a static key pair s'],
      [{ s: keys().rs, e: null }, undefined],
    ] as const) {
      if (message === undefined) expect(() => state('NK', false, options as never)).not.toThrow();
      else {
        const error = thrown(() => state('NK', false, options as never));
        expect(error).toBeInstanceOf(TypeError);
        expect(error.message).toBe(message);
      }
    }
    const error = thrown(() => state('NK', true, { rs: null as never }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('HandshakeState: NK initiator needs the remote static key rs');
  });

  it('the pattern table is frozen, every array in it too: no caller can change a handshake', () => {
    for (const pattern of Object.values(PATTERNS)) {
      expect(Object.isFrozen(pattern)).toBe(true);
      expect(Object.isFrozen(pattern.messages)).toBe(true);
      for (const message of pattern.messages) expect(Object.isFrozen(message)).toBe(true);
      expect(Object.isFrozen(pattern.initiatorPreMessage)).toBe(true);
      expect(Object.isFrozen(pattern.responderPreMessage)).toBe(true);
    }
    expect(Object.isFrozen(PATTERNS)).toBe(true);
    expect(() => (PATTERNS.NK.messages[0] as Token[]).pop()).toThrow(TypeError);
    expect(PATTERNS.NK.messages[0]).toEqual(['e', 'es']);
  });

  it('needs nothing more than each role uses: NN, the NK initiator, the IK and X responders', () => {
    const { rs, is } = keys();
    expect(() => state('NN', true)).not.toThrow();
    expect(() => state('NN', false)).not.toThrow();
    expect(() => state('NK', true, { rs: rs.publicKey })).not.toThrow();
    expect(() => state('IK', false, { s: rs })).not.toThrow(); // learns the initiator's s
    expect(() => state('X', false, { s: rs })).not.toThrow();
    expect(() => state('K', false, { s: rs, rs: is.publicKey })).not.toThrow();
  });
});

describe('HandshakeState: its own copies of every key', () => {
  it('s and e given as options: overwriting the caller’s arrays after Initialize changes nothing', () => {
    const clean = keys();
    const reference = run(
      state('XX', true, { s: clean.is, e: clean.ie }),
      state('XX', false, { s: clean.rs, e: clean.re }),
    );
    const k = keys();
    const initiator = state('XX', true, { s: k.is, e: k.ie });
    const responder = state('XX', false, { s: k.rs, e: k.re });
    for (const pair of [k.is, k.ie, k.rs, k.re]) pair.publicKey.fill(0);
    expect(run(initiator, responder)).toEqual(reference);
  });

  it('rs given as an option, and e read from a message, with a suite that keeps the arrays it reads', () => {
    const clean = keys();
    const referenceInitiator = state('NK', true, { rs: clean.rs.publicKey, e: clean.ie });
    const reference = run(referenceInitiator, state('NK', false, { s: clean.rs, e: clean.re }));
    const k = keys();
    const rs = k.rs.publicKey.slice();
    const initiator = state('NK', true, { rs, e: k.ie }, keepingSuite);
    const responder = state('NK', false, { s: k.rs, e: k.re }, keepingSuite);
    rs.fill(0);
    expect(initiator.remoteStaticKey).toEqual(clean.rs.publicKey);
    const first = initiator.writeMessage();
    expect(first).toEqual(reference[0]);
    responder.readMessage(first);
    first.fill(0); // the reader's e must not be this array
    const second = responder.writeMessage();
    expect(second).toEqual(reference[1]);
    initiator.readMessage(second);
    expect(initiator.handshakeHash).toEqual(referenceInitiator.handshakeHash);
  });

  it('gives out remoteStaticKey as a copy', () => {
    const k = keys();
    const initiator = state('NK', true, { rs: k.rs.publicKey });
    initiator.remoteStaticKey!.fill(0);
    expect(initiator.remoteStaticKey).toEqual(k.rs.publicKey);
  });
});

describe('HandshakeState: h, the transport keys and whose turn it is', () => {
  it('both sides agree on h after every message, and the transport keys carry the last h', () => {
    const k = keys();
    const initiator = state('XX', true, { s: k.is });
    const responder = state('XX', false, { s: k.rs });
    expect(initiator.handshakeHash).toEqual(responder.handshakeHash);
    expectRefusal(
      () => initiator.transportKeys,
      'PROTOCOL_ERROR',
      'HandshakeState: handshake not complete',
    );
    let [writer, reader] = [initiator, responder];
    while (!writer.isComplete) {
      const before = writer.handshakeHash;
      reader.readMessage(writer.writeMessage());
      expect(writer.handshakeHash).not.toEqual(before);
      expect(reader.handshakeHash).toEqual(writer.handshakeHash);
      [writer, reader] = [reader, writer];
    }
    expect(initiator.transportKeys.handshakeHash).toEqual(initiator.handshakeHash);
    expect(responder.transportKeys.handshakeHash).toEqual(initiator.handshakeHash);
  });

  it('refuses the wrong turn, and any use after the end', () => {
    const initiator = state('NN', true);
    const responder = state('NN', false);
    expectRefusal(
      () => initiator.readMessage(new Uint8Array(65)),
      'PROTOCOL_ERROR',
      "handshake: not this side's turn to read",
    );
    expectRefusal(
      () => responder.writeMessage(),
      'PROTOCOL_ERROR',
      "handshake: not this side's turn to write",
    );
    run(initiator, responder);
    for (const side of [initiator, responder]) {
      expectRefusal(() => side.writeMessage(), 'PROTOCOL_ERROR', 'handshake: already complete');
      expectRefusal(
        () => side.readMessage(new Uint8Array(65)),
        'PROTOCOL_ERROR',
        'handshake: already complete',
      );
    }
  });
});

describe('HandshakeState: refusals of peer input (HANDSHAKE_FAILED, with the cause)', () => {
  const failed = 'handshake: this handshake has failed and cannot continue';

  it('a message too short for e, or for s after e; no cause', () => {
    const responder = state('NN', false);
    const short = expectRefusal(
      () => responder.readMessage(new Uint8Array(64)),
      'HANDSHAKE_FAILED',
      'handshake: message too short for e',
    );
    expect('cause' in short).toBe(false);
    const k = keys();
    const initiator = state('XX', true, { s: k.is });
    const xxResponder = state('XX', false, { s: k.rs });
    xxResponder.readMessage(initiator.writeMessage());
    const second = xxResponder.writeMessage();
    // e (65 bytes) is there, s (65 + 16) is not
    expectRefusal(
      () => initiator.readMessage(second.subarray(0, 65 + 80)),
      'HANDSHAKE_FAILED',
      'handshake: message too short for s',
    );
  });

  it('an ephemeral key that is not a point, then the genuine message is refused too', () => {
    const initiator = state('NN', true);
    const responder = state('NN', false);
    const genuine = initiator.writeMessage();
    const forged = genuine.slice();
    forged[64] ^= 1; // y changed: off the curve
    const error = expectRefusal(
      () => responder.readMessage(forged),
      'HANDSHAKE_FAILED',
      "handshake: peer's ephemeral public key is invalid",
    );
    expect((error.cause as CryptoError).code).toBe('INVALID_POINT');
    expectRefusal(() => responder.readMessage(genuine), 'PROTOCOL_ERROR', failed);
  });

  it('a static key that fails authentication, and one that decrypts to a non-point', () => {
    const k = keys();
    const initiator = state('XX', true, { s: k.is });
    const responder = state('XX', false, { s: k.rs });
    responder.readMessage(initiator.writeMessage());
    const second = responder.writeMessage();
    second[65 + 3] ^= 1; // inside the encrypted s
    const error = expectRefusal(
      () => initiator.readMessage(second),
      'HANDSHAKE_FAILED',
      'handshake: static key failed authentication',
    );
    expect((error.cause as CryptoError).code).toBe('AUTH_FAILED');

    // An initiator whose own s is not a point (the writer does not check its own key): the
    // responder decrypts it in message 3 and refuses it.
    const bad = { ...nodeKeyPair(scalar(0x55)), publicKey: new Uint8Array(65).fill(1) };
    bad.publicKey[0] = 4;
    const liar = state('XX', true, { s: bad });
    const victim = state('XX', false, { s: k.rs });
    victim.readMessage(liar.writeMessage());
    liar.readMessage(victim.writeMessage());
    const invalid = expectRefusal(
      () => victim.readMessage(liar.writeMessage()),
      'HANDSHAKE_FAILED',
      "handshake: peer's static public key is invalid",
    );
    expect((invalid.cause as CryptoError).code).toBe('INVALID_POINT');
  });

  it('a payload that fails authentication', () => {
    const initiator = state('NN', true);
    const responder = state('NN', false);
    responder.readMessage(initiator.writeMessage());
    const second = responder.writeMessage(new Uint8Array([1, 2, 3]));
    second[second.length - 1] ^= 1;
    const error = expectRefusal(
      () => initiator.readMessage(second),
      'HANDSHAKE_FAILED',
      'handshake: payload failed authentication',
    );
    expect((error.cause as CryptoError).code).toBe('AUTH_FAILED');
  });

  it('any other error while reading is wrapped ("handshake aborted", the error as cause); a HANDSHAKE_FAILED one passes as it is', () => {
    const k = keys();
    for (const [cause, wrapped] of [
      [new CryptoError('INVALID_POINT', 'suite: refused'), true],
      [new Error('suite: broken'), true],
      [new CryptoError('HANDSHAKE_FAILED', 'suite: refused the handshake'), false],
    ] as const) {
      const initiator = state('NN', true, { e: k.ie });
      const responder = state('NN', false, { e: k.re });
      responder.readMessage(initiator.writeMessage());
      const second = responder.writeMessage();
      const reader = state('NN', true, { e: k.ie }, failingDh(cause));
      reader.writeMessage();
      const error = thrown(() => reader.readMessage(second));
      if (wrapped) {
        expect(error).toBeInstanceOf(CryptoError);
        expect([error.code, error.message]).toEqual([
          'HANDSHAKE_FAILED',
          'handshake: handshake aborted',
        ]);
        expect(error.cause).toBe(cause);
      } else {
        expect(error).toBe(cause);
      }
      // Failed for good, whichever error it was.
      expectRefusal(() => reader.readMessage(second), 'PROTOCOL_ERROR', failed);
    }
  });

  it('an error while writing passes as it is, and the state is failed for good', () => {
    const k = keys();
    const cause = new CryptoError('INVALID_POINT', 'suite: refused');
    const writer = state('NK', true, { rs: k.rs.publicKey }, failingDh(cause)); // es in message 1
    expect(thrown(() => writer.writeMessage())).toBe(cause);
    expectRefusal(() => writer.writeMessage(), 'PROTOCOL_ERROR', failed);
  });
});

// Mutation testing (group channel-handshake): the survivors left are equivalent or unreachable.
// - The copy pushed into the message (`parts.push(ePublic.slice())`): concatBytes copies every
//   part into the message it returns.
// - A generated e's public key copied (`this.#ePublic = this.#e.publicKey.slice()`): only the
//   suite that generated the pair still holds it, and only a suite that wrote to its own output
//   afterwards (between generation and MixHash, from an observer's call) could tell; the copy is
//   kept so that the key hashed is the key sent whatever the suite does.
// - #assertKeys' `(i % 2 === 0) === this.initiator` made true: every pattern here in which the
//   other side sends s in a message (XX, IK, X) also needs this side's s (XX sends its own; IK
//   and X responders have it as a pre-message), so "needs s" comes out the same.
// - #mixDh's `local === undefined || remote === undefined` (each half, `&&`, false): every
//   pattern in PATTERNS is valid (§7.3): each DH token comes after the keys it uses, which
//   #assertKeys or an earlier token provided, so neither is ever undefined (and the two mutants
//   of that refusal's code and message are never executed).
