/// <reference types="node" />
/**
 * What `serve` and `connect` share: the protocol, curve and limit flags, strict number
 * parsing, and a fresh static key when none is given. Key files are read by ./key-files.ts.
 */
import type { KeyCurve } from '../keys/key-curve.js';
import { PrivateKey } from '../keys/private-key.js';
import type { PublicKey } from '../keys/public-key.js';
import {
  DEFAULT_FRAME_TIMEOUT,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  PROTOCOLS,
  type ProtocolName,
} from '../net/options.js';
import { choiceOption, integerOption, UsageError, type ParsedArgs } from './args.js';
import { CLI_CURVES, keyCurve } from './curve-flag.js';
import { CommandError } from './key-files.js';

/** The protocols of serve and connect: the secure channel's four, and TLS 1.3 (./tls-modes.ts). */
const CLI_PROTOCOLS = [...PROTOCOLS, 'tls'] as const;

export const CONNECTION_FLAGS = {
  protocol: {
    type: 'string',
    placeholder: 'tutorial|nn|nk|xx|tls',
    help: 'the protocol (required; see docs/PROTOCOL.md, and docs/tls.md for tls)',
  },
  curve: {
    type: 'string',
    placeholder: 'p256|x25519',
    help: 'nn, nk, xx: the Noise DH, P256 or 25519 (both sides must agree)',
    default: 'p256',
  },
  host: { type: 'string', placeholder: 'HOST', help: 'address', default: '127.0.0.1' },
  port: {
    type: 'string',
    placeholder: 'PORT',
    help: 'TCP port (serve: 0 picks a free one)',
    default: '65432',
  },
  'handshake-timeout': {
    type: 'string',
    placeholder: 'MS',
    help: 'handshake deadline in milliseconds, 0 = none',
    default: String(DEFAULT_HANDSHAKE_TIMEOUT),
  },
  'idle-timeout': {
    type: 'string',
    placeholder: 'MS',
    help: 'close a channel silent for this long, 0 = never',
    default: String(DEFAULT_IDLE_TIMEOUT),
  },
  'frame-timeout': {
    type: 'string',
    placeholder: 'MS',
    help: 'close when a started frame is not complete this long after its first byte, 0 = never',
    default: String(DEFAULT_FRAME_TIMEOUT),
  },
  'max-message': {
    type: 'string',
    placeholder: 'BYTES',
    help: 'largest message (default: 65519 for Noise, 1048576 for tutorial and tls)',
  },
} as const;

/** The shared flags, checked. @throws UsageError */
export function connectionFlags(args: ParsedArgs<typeof CONNECTION_FLAGS>) {
  const protocol = choiceOption(args, 'protocol', CLI_PROTOCOLS);
  if (protocol === undefined)
    throw new UsageError(`--protocol is required (${CLI_PROTOCOLS.join(', ')})`);
  const curve = keyCurve(choiceOption(args, 'curve', CLI_CURVES)!);
  if (protocol === 'tutorial' && curve !== 'P-256')
    throw new UsageError('--protocol tutorial is P-256 only; --curve x25519 is for nn, nk and xx');
  if (protocol === 'tls' && curve !== 'P-256')
    throw new UsageError('--curve is for nn, nk and xx; with --protocol tls use --groups');
  return {
    protocol: protocol as ProtocolName | 'tls',
    curve,
    host: String(args.options.host),
    port: integerOption(args, 'port', 0, 65535)!,
    handshakeTimeout: integerOption(args, 'handshake-timeout', 0, 2 ** 31 - 1),
    idleTimeout: integerOption(args, 'idle-timeout', 0, 2 ** 31 - 1),
    frameTimeout: integerOption(args, 'frame-timeout', 0, 2 ** 31 - 1),
    maxMessageLength: integerOption(
      args,
      'max-message',
      1,
      protocol === 'tutorial' || protocol === 'tls' ? 1 << 20 : 65519,
    ),
  };
}

/** The `--curve` value that names a KeyCurve, for messages. */
export function curveFlag(curve: KeyCurve): string {
  return curve === 'X25519' ? 'x25519' : 'p256';
}

/**
 * Refuses a key file whose curve is not the one --curve names (p256 by default).
 * @throws CommandError
 */
export function checkKeyCurve<K extends PrivateKey | PublicKey>(
  key: K,
  curve: KeyCurve,
  source: string,
): K {
  if (key.curve !== curve)
    throw new CommandError(
      `${source} is a${key.curve === 'X25519' ? 'n' : ''} ${key.curve} key, but --curve is ${curveFlag(curve)}${curve === 'P-256' ? ' (the default)' : ''}: use --curve ${curveFlag(key.curve)}`,
    );
  return key;
}

/** A fresh static key, its public half announced on stderr (for nk/xx without --key). */
export function ephemeralStaticKey(command: string, curve: KeyCurve = 'P-256'): PrivateKey {
  const key = PrivateKey.generate({ curve });
  process.stderr.write(
    `ecdh-lab ${command}: no --key given; using a fresh static key for this run. Its public key:\n${key.publicKey.toPem()}`,
  );
  return key;
}
