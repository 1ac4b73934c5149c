/**
 * The life cycle both channel engines share (src/channel/engine-lifecycle.ts), run on each:
 * start once, no receive before start, no seal before the handshake, a refused peer kills the
 * engine for good, and caller misuse does not. No vectors: the handshakes are ecdh-lab's own
 * (Noise NN on P-256, the tutorial protocol) with fresh keys.
 */
import type { ChannelEngine } from '../../src/channel/engine.js';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import { p256Suite } from '../../src/channel/p256-suite.js';
import { TutorialChannel } from '../../src/channel/tutorial-channel.js';
import { CryptoError } from '../../src/errors.js';
import { deliver, handshake } from './helpers.js';
import { thrownBy } from '../support/errors.js';

interface Engines {
  name: string;
  /** The error messages' prefix. */
  prefix: string;
  pair: () => { initiator: ChannelEngine; responder: ChannelEngine };
}

const ENGINES: Engines[] = [
  {
    name: 'NoiseChannel (NN)',
    prefix: 'channel',
    pair: () => ({
      initiator: new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true }),
      responder: new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: false }),
    }),
  },
  {
    name: 'TutorialChannel',
    prefix: 'tutorial',
    pair: () => ({ initiator: new TutorialChannel(), responder: new TutorialChannel() }),
  },
];

function expectRefusal(fn: () => unknown, message: string): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe('PROTOCOL_ERROR');
  expect((error as CryptoError).message).toBe(message);
}

const hi = new Uint8Array([0x68, 0x69]);

describe.each(ENGINES)('$name life cycle', ({ prefix, pair }) => {
  it('start() runs once', () => {
    const { initiator } = pair();
    initiator.start();
    expectRefusal(() => initiator.start(), `${prefix}: start() called twice`);
  });

  it('receive() before start() is refused without killing the engine', () => {
    const { initiator, responder } = pair();
    expectRefusal(
      () => responder.receive(new Uint8Array(1)),
      `${prefix}: receive() before start()`,
    );
    handshake(initiator, responder);
    expect(initiator.established && responder.established).toBe(true);
    expect(deliver(initiator, responder, hi)).toEqual([hi]);
  });

  it('seal() checks its argument first, then refuses an engine that is not established', () => {
    const { initiator } = pair();
    initiator.start();
    const notBytes = thrownBy(() => initiator.seal('hi' as unknown as Uint8Array));
    expect(notBytes).toBeInstanceOf(TypeError);
    expect((notBytes as TypeError).message).toBe('message must be a Uint8Array, got string');
    const tooLong = new Uint8Array(initiator.maxMessageLength + 1);
    expect(() => initiator.seal(tooLong)).toThrow(
      `${prefix}: message is ${tooLong.length} bytes, more than the ${initiator.maxMessageLength} allowed`,
    );
    expectRefusal(() => initiator.seal(hi), `${prefix}: not established`);
  });

  it('a refused peer kills the engine: every later receive() and seal() is refused', () => {
    const { initiator, responder } = pair();
    handshake(initiator, responder);
    const frame = initiator.seal(hi);
    frame[frame.length - 1] ^= 1; // the tag
    expect((thrownBy(() => responder.receive(frame)) as CryptoError).code).toBe('AUTH_FAILED');
    expectRefusal(
      () => responder.receive(initiator.seal(hi)),
      `${prefix}: this channel has failed`,
    );
    expectRefusal(() => responder.seal(hi), `${prefix}: not established`);
    // The other side is untouched.
    expect(initiator.established).toBe(true);
  });
});
