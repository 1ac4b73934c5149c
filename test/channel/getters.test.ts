/**
 * Parse, then trust, through the channels: each key option is read once, so an options object
 * (or key pair) whose getters answer differently on a second read cannot show one key to the
 * checks or the transcript and another to the wire. Keys: fixed scalars and G (d = 1), made
 * here; the handshakes are checked by completing them (both sides derive the same keys).
 */
import { noiseKeyPair, p256Suite } from '../../src/channel/p256-suite.js';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import { TutorialChannel } from '../../src/channel/tutorial-channel.js';
import { G } from '../../src/curve/p256.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { deliver, handshake } from './helpers.js';

const key = (byte: number) => PrivateKey.fromRaw(new Uint8Array(32).fill(byte));
const text = (s: string) => new TextEncoder().encode(s);

/** `first` on the first read of `name`, `later` afterwards; counts the reads. */
function switchingOption<T extends object>(base: T, name: string, first: unknown, later: unknown) {
  const counter = { reads: 0 };
  Object.defineProperty(base, name, {
    enumerable: true,
    get() {
      counter.reads++;
      return counter.reads === 1 ? first : later;
    },
  });
  return counter;
}

describe('the Noise channel reads each key once', () => {
  it('XX: a static key pair whose publicKey changes after the first read is sent as first read', () => {
    const real = noiseKeyPair(key(3));
    const other = noiseKeyPair(key(4)).publicKey;
    const staticKey = { privateKey: real.privateKey } as unknown as typeof real;
    const counter = switchingOption(staticKey, 'publicKey', real.publicKey, other);
    const initiator = new NoiseChannel({
      suite: p256Suite,
      pattern: 'XX',
      initiator: true,
      staticKey,
    });
    const responder = new NoiseChannel({
      suite: p256Suite,
      pattern: 'XX',
      initiator: false,
      staticKey: noiseKeyPair(key(5)),
    });
    handshake(initiator, responder);
    expect(counter.reads).toBe(1);
    expect(responder.remoteStaticKey).toEqual(real.publicKey);
    expect(deliver(initiator, responder, text('hi'))[0]).toEqual(text('hi'));
  });
  it('NK: a remoteStaticKey option that changes after the first read: the key checked is the key used', () => {
    const server = noiseKeyPair(key(6));
    const options = { suite: p256Suite, pattern: 'NK' as const, initiator: true };
    const counter = switchingOption(
      options,
      'remoteStaticKey',
      server.publicKey,
      new Uint8Array(65),
    );
    const initiator = new NoiseChannel(options);
    const responder = new NoiseChannel({
      suite: p256Suite,
      pattern: 'NK',
      initiator: false,
      staticKey: server,
    });
    handshake(initiator, responder);
    expect(counter.reads).toBe(1);
    expect(initiator.remoteStaticKey).toEqual(server.publicKey);
  });
  it('XX pin: a remoteStaticKey option that changes after the first read pins the first', () => {
    const server = noiseKeyPair(key(7));
    const options = {
      suite: p256Suite,
      pattern: 'XX' as const,
      initiator: true,
      staticKey: noiseKeyPair(key(8)),
    };
    const counter = switchingOption(
      options,
      'remoteStaticKey',
      server.publicKey,
      noiseKeyPair(key(9)).publicKey,
    );
    const initiator = new NoiseChannel(options);
    const responder = new NoiseChannel({
      suite: p256Suite,
      pattern: 'XX',
      initiator: false,
      staticKey: server,
    });
    handshake(initiator, responder);
    expect(counter.reads).toBe(1);
    expect(initiator.established).toBe(true);
  });
  it('the suite on a PublicKey made from a switching getter: the DH of G (its validated copy)', () => {
    let reads = 0;
    const point = {
      get x() {
        return reads++ < 1 ? G.x : 5n;
      },
      get y() {
        return G.y;
      },
    } as typeof G;
    const raw = PublicKey.fromPoint(point).toRaw();
    const mine = noiseKeyPair(key(10));
    const read = (bytes: Uint8Array) => p256Suite.readPublicKey(bytes);
    expect(p256Suite.dh(mine, read(raw))).toEqual(
      p256Suite.dh(mine, read(PublicKey.fromPoint(G).toRaw())),
    );
  });
});

describe('the tutorial channel reads its key once', () => {
  it('privateKey: a getter that shows a PrivateKey, then something else, keeps the PrivateKey', () => {
    const mine = key(11);
    const options = {};
    const counter = switchingOption(options, 'privateKey', mine, 'not a key');
    const a = new TutorialChannel(options);
    const b = new TutorialChannel({ privateKey: key(12) });
    handshake(a, b);
    expect(counter.reads).toBe(1);
    expect(a.publicKey.equals(mine.publicKey)).toBe(true);
    expect(deliver(b, a, text('ok'))[0]).toEqual(text('ok'));
  });
});
