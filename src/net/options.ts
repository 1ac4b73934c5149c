/// <reference types="node" />
/**
 * The options server and client share, checked once and turned into a per-connection
 * ChannelEngine factory. Keys a protocol does not use are an error, never silently ignored.
 *
 *   protocol   server needs            client needs              optional
 *   tutorial   —                       —                         —  (a fresh key per connection, always)
 *   nn         —                       —                         —
 *   nk         staticKey               remoteStaticKey           —
 *   xx         staticKey               staticKey                 remoteStaticKey (pin), allow
 *
 * `curve` picks the Noise DH function: 'P-256' (Noise_*_P256_AESGCM_SHA256, the default, so
 * the wire format does not change) or 'X25519' (Noise_*_25519_AESGCM_SHA256). Without it the
 * curve of the keys given is used. Every key must be on that curve; the tutorial is P-256 only.
 */
import type { ChannelEngine } from '../channel/engine.js';
import { NoiseChannel } from '../channel/noise-channel.js';
import { noiseKeyPair, p256Suite } from '../channel/p256-suite.js';
import { TutorialChannel } from '../channel/tutorial-channel.js';
import { x25519KeyPair, x25519Suite } from '../channel/x25519-suite.js';
import { KEY_CURVES, type KeyCurve } from '../keys/key-curve.js';
import { PrivateKey } from '../keys/private-key.js';
import { PublicKey } from '../keys/public-key.js';
import type { ChannelTimeouts } from './connection-lifecycle.js';

/** The four protocols: the tutorial's exchange, and Noise NN, NK, XX. */
export type ProtocolName = 'tutorial' | 'nn' | 'nk' | 'xx';
export const PROTOCOLS: readonly ProtocolName[] = ['tutorial', 'nn', 'nk', 'xx'];

export interface ChannelOptions {
  /** Which protocol (docs/PROTOCOL.md). Required unless `engine` is given. */
  protocol?: ProtocolName;
  /** Noise: 'P-256' (default) or 'X25519'; default: the curve of the keys given. */
  curve?: KeyCurve;
  /**
   * Our static key: NK server, XX both sides. Refused for 'tutorial': its one key for both
   * directions is derived from the two key pairs alone, so two static keys would give every
   * connection the same AES key and a record recorded on one would be accepted on another
   * (docs/PROTOCOL.md §1.2). A fresh key on our side makes every connection's key new.
   */
  staticKey?: PrivateKey;
  /** The server's static key known in advance: required for an NK client, a pin for XX. */
  remoteStaticKey?: PublicKey;
  /** XX: the peer static keys to accept (a list, or a predicate). Default: any. */
  allow?: readonly PublicKey[] | ((peer: PublicKey) => boolean);
  /** Largest message sent or accepted (default and maximum: 65 519 for Noise, 1 MiB for tutorial). */
  maxMessageLength?: number;
  /** Handshake deadline in ms from connect (default 10 000; 0 disables). */
  handshakeTimeout?: number;
  /** Close an open channel after this many ms without traffic in either direction (default 300 000; 0 disables). */
  idleTimeout?: number;
  /**
   * Close an open channel when a frame (tutorial: a record) whose first byte has arrived is not
   * complete this many ms later; bytes trickled in do not restart the clock (default 30 000; 0 disables).
   */
  frameTimeout?: number;
  /** Advanced: builds the engine for each connection instead of `protocol` (custom suites, tests). */
  engine?: () => ChannelEngine;
}

export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
export const DEFAULT_IDLE_TIMEOUT = 300_000;
export const DEFAULT_FRAME_TIMEOUT = 30_000;

function timeout(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1)
    throw new RangeError(`${name} must be an integer number of milliseconds in [0, 2^31 - 1]`);
  return value;
}

/** @internal Validates options once and returns the per-connection factory. */
export function resolveOptions(
  options: ChannelOptions,
  side: 'server' | 'client',
): { engine: () => ChannelEngine; timeouts: ChannelTimeouts } {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const timeouts = {
    handshakeTimeout: timeout(
      options.handshakeTimeout,
      DEFAULT_HANDSHAKE_TIMEOUT,
      'handshakeTimeout',
    ),
    idleTimeout: timeout(options.idleTimeout, DEFAULT_IDLE_TIMEOUT, 'idleTimeout'),
    frameTimeout: timeout(options.frameTimeout, DEFAULT_FRAME_TIMEOUT, 'frameTimeout'),
  };
  if (options.engine !== undefined) {
    if (typeof options.engine !== 'function')
      throw new TypeError('options.engine must be a function');
    return { engine: options.engine, timeouts };
  }
  const { protocol, staticKey, remoteStaticKey, allow, maxMessageLength } = options;
  if (options.curve !== undefined && !KEY_CURVES.includes(options.curve))
    throw new TypeError(`options.curve must be 'P-256' or 'X25519', got ${String(options.curve)}`);
  if (!PROTOCOLS.includes(protocol as ProtocolName))
    throw new TypeError(
      `options.protocol must be one of ${PROTOCOLS.join(', ')}, got ${String(protocol)}`,
    );
  if (staticKey !== undefined && !(staticKey instanceof PrivateKey))
    throw new TypeError('options.staticKey must be a PrivateKey');
  if (remoteStaticKey !== undefined && !(remoteStaticKey instanceof PublicKey))
    throw new TypeError('options.remoteStaticKey must be a PublicKey');
  if (
    allow !== undefined &&
    typeof allow !== 'function' &&
    !(Array.isArray(allow) && allow.every((key) => key instanceof PublicKey))
  ) {
    throw new TypeError('options.allow must be an array of PublicKey or a function');
  }
  const curve = options.curve ?? staticKey?.curve ?? remoteStaticKey?.curve ?? 'P-256';
  for (const [name, key] of [
    ['staticKey', staticKey],
    ['remoteStaticKey', remoteStaticKey],
    ...(Array.isArray(allow) ? allow.map((key, index) => [`allow[${index}]`, key] as const) : []),
  ] as const) {
    if (key !== undefined && key.curve !== curve)
      throw new TypeError(`options.${name} is a ${key.curve} key, but the curve is ${curve}`);
  }
  const refuse = (name: string) => {
    throw new TypeError(
      `options.${name} is not used by protocol '${protocol}' on the ${side} side`,
    );
  };
  if (protocol === 'tutorial') {
    if (curve !== 'P-256') throw new TypeError("protocol 'tutorial' is P-256 only");
    if (staticKey !== undefined)
      throw new TypeError(
        "options.staticKey is refused for protocol 'tutorial': with static keys on both ends every connection would share one AES key and accept another connection's records; each connection uses a fresh key",
      );
    if (remoteStaticKey !== undefined) refuse('remoteStaticKey');
    if (allow !== undefined) refuse('allow');
    return { engine: () => new TutorialChannel({ maxMessageLength }), timeouts };
  }
  const initiator = side === 'client';
  if (protocol === 'nn') {
    if (staticKey !== undefined) refuse('staticKey');
    if (remoteStaticKey !== undefined) refuse('remoteStaticKey');
    if (allow !== undefined) refuse('allow');
  } else if (protocol === 'nk') {
    if (initiator && staticKey !== undefined) refuse('staticKey');
    if (!initiator && remoteStaticKey !== undefined) refuse('remoteStaticKey');
    if (allow !== undefined) refuse('allow');
    if (initiator && remoteStaticKey === undefined)
      throw new TypeError(
        "protocol 'nk' needs options.remoteStaticKey (the server's public key) on the client",
      );
    if (!initiator && staticKey === undefined)
      throw new TypeError("protocol 'nk' needs options.staticKey on the server");
  } else if (staticKey === undefined) {
    throw new TypeError(`protocol 'xx' needs options.staticKey on the ${side}`);
  }
  const x25519 = curve === 'X25519';
  const suite = x25519 ? x25519Suite : p256Suite;
  const staticPair =
    staticKey === undefined
      ? undefined
      : x25519
        ? x25519KeyPair(staticKey.toRaw())
        : noiseKeyPair(staticKey);
  const rs = remoteStaticKey?.toRaw({ compressed: false });
  const verify =
    allow === undefined
      ? undefined
      : typeof allow === 'function'
        ? (raw: Uint8Array) => allow(PublicKey.fromRaw(raw, { curve })) === true
        : (raw: Uint8Array) => {
            const peer = PublicKey.fromRaw(raw, { curve });
            return allow.some((key) => key.equals(peer));
          };
  const pattern = protocol === 'nn' ? 'NN' : protocol === 'nk' ? 'NK' : 'XX';
  // Checks the options once, now, rather than on the first connection.
  new NoiseChannel({
    suite,
    pattern,
    initiator,
    staticKey: staticPair,
    remoteStaticKey: rs,
    maxMessageLength,
  });
  return {
    engine: () =>
      new NoiseChannel({
        suite,
        pattern,
        initiator,
        staticKey: staticPair,
        remoteStaticKey: rs,
        verifyRemoteStaticKey: verify,
        maxMessageLength,
      }),
    timeouts,
  };
}
