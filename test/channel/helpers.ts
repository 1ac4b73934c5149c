/** Shared helpers for the channel tests: pairs of engines wired back to back in memory. */
import type { ChannelEngine } from '../../src/channel/engine.js';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import type { PatternName } from '../../src/channel/patterns.js';
import type { NoiseKeyPair, NoiseSuite } from '../../src/channel/suite.js';

export interface Pair {
  initiator: ChannelEngine;
  responder: ChannelEngine;
  /** Every frame written during the handshake, in order, with who wrote it. */
  handshake: { from: 'initiator' | 'responder'; frame: Uint8Array }[];
}

export interface PairKeys {
  initiatorStatic?: NoiseKeyPair;
  responderStatic?: NoiseKeyPair;
  initiatorEphemeral?: NoiseKeyPair;
  responderEphemeral?: NoiseKeyPair;
  /** What the initiator believes the responder's static key is (NK; XX pin). */
  expectedResponderKey?: Uint8Array;
}

export function noisePair(
  suite: NoiseSuite,
  pattern: PatternName,
  keys: PairKeys = {},
): { initiator: NoiseChannel; responder: NoiseChannel } {
  return {
    initiator: new NoiseChannel({
      suite,
      pattern,
      initiator: true,
      staticKey: keys.initiatorStatic,
      ephemeralKey: keys.initiatorEphemeral,
      remoteStaticKey:
        keys.expectedResponderKey ??
        (pattern === 'NK' ? keys.responderStatic?.publicKey : undefined),
    }),
    responder: new NoiseChannel({
      suite,
      pattern,
      initiator: false,
      staticKey: keys.responderStatic,
      ephemeralKey: keys.responderEphemeral,
    }),
  };
}

/**
 * Runs a handshake to completion by passing frames back and forth. `tamper` may rewrite the
 * i-th handshake frame (counting from 0) before delivery. Throws whatever an engine throws.
 */
export function handshake(
  initiator: ChannelEngine,
  responder: ChannelEngine,
  tamper?: (index: number, frame: Uint8Array) => Uint8Array,
): Pair {
  const log: Pair['handshake'] = [];
  let queue: { to: ChannelEngine; frame: Uint8Array }[] = [];
  for (const frame of initiator.start()) queue.push({ to: responder, frame });
  for (const frame of responder.start()) queue.push({ to: initiator, frame });
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { to, frame } of queue) {
      const index = log.length;
      log.push({ from: to === responder ? 'initiator' : 'responder', frame });
      const delivered = tamper ? tamper(index, frame) : frame;
      const out = to.receive(delivered);
      if (out.messages.length > 0)
        throw new Error('unexpected application message during handshake');
      for (const f of out.frames)
        next.push({ to: to === responder ? initiator : responder, frame: f });
    }
    queue = next;
  }
  return { initiator, responder, handshake: log };
}

/** Sends `message` from a to b and returns what b received. */
export function deliver(a: ChannelEngine, b: ChannelEngine, message: Uint8Array): Uint8Array[] {
  return b.receive(a.seal(message)).messages;
}
