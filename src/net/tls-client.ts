/// <reference types="node" />
/**
 * The TLS 1.3 client side: dial, run the handshake (src/tls), and return the established
 * TlsChannel — or, synchronously, the same connection as a stream.Duplex for APIs that want a
 * socket at once (Node's http/https `createConnection`).
 *
 * The server is authenticated by its certificate chain: validated against the trust anchors
 * in `ca` (or by a custom `verifier`) for `servername` (default: `host`).
 *
 * Not here: session resumption, 0-RTT, client certificates, proxies.
 */
import * as net from 'node:net';
import type { TlsCertificateVerifier } from '../tls/authentication.js';
import { TlsClient } from '../tls/client.js';
import type { KeyShareGroup } from '../tls/groups.js';
import type { TlsTracer } from '../tls/observe.js';
import type { TlsCipherSuite } from '../tls/suites.js';
import {
  DEFAULT_FRAME_TIMEOUT,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
} from './options.js';
import type { ChannelTimeouts } from './connection-lifecycle.js';
import { TLS_MAX_MESSAGE, TlsChannel } from './tls-channel.js';
import { type CaInput, pemCertificateVerifier } from './tls-credentials.js';
import type { TlsDuplex } from './tls-duplex.js';

/** What both TLS sides of the transport take besides their credentials. */
export interface TlsTransportOptions {
  /** ALPN protocols, in preference order (e.g. ['http/1.1']). */
  alpn?: readonly string[];
  /** Cipher suites, in preference order (default: the engine's). */
  cipherSuites?: readonly TlsCipherSuite[];
  /** Key-share groups, in preference order (default: the engine's). */
  groups?: readonly KeyShareGroup[];
  /** Receives each NSS key log line (SSLKEYLOGFILE format). Exposes the secrets: debugging only. */
  keyLog?: (line: string) => void;
  /** Receives every handshake message and secret (for walkthroughs). */
  trace?: TlsTracer;
  /** Largest `send` input (default and maximum 1 MiB; sent in records of 2^14 bytes). */
  maxMessageLength?: number;
  /** Handshake deadline in ms from connect (default 10 000; 0 disables). */
  handshakeTimeout?: number;
  /** Close an open connection after this many ms without traffic (default 300 000; 0 disables). */
  idleTimeout?: number;
  /** Once open, from a record's first byte to its last (default 30 s; 0 = none). */
  frameTimeout?: number;
}

export interface TlsConnectOptions extends TlsTransportOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 443. */
  port?: number;
  /** Trust anchors: PEM (text or file bytes), or DER certificates or Certificates. Required unless `verifier` is given. */
  ca?: CaInput;
  /** The name to verify the certificate for and send as SNI (default: `host`). */
  servername?: string;
  /** Advanced: validates the chain instead of `ca`. */
  verifier?: TlsCertificateVerifier;
  /** Groups that get a key share in the first ClientHello (default: the first of `groups`). */
  keyShareGroups?: readonly KeyShareGroup[];
}

/** @internal Timeouts and the largest message, checked. */
export function transportLimits(options: TlsTransportOptions): {
  timeouts: ChannelTimeouts;
  maxMessageLength: number;
} {
  const integer = (value: number | undefined, fallback: number, name: string, max: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw new RangeError(`${name} must be an integer in [0, ${max}]`);
    return value;
  };
  const maxMessageLength = integer(
    options.maxMessageLength,
    TLS_MAX_MESSAGE,
    'maxMessageLength',
    TLS_MAX_MESSAGE,
  );
  if (maxMessageLength === 0) throw new RangeError('maxMessageLength must be at least 1');
  return {
    timeouts: {
      handshakeTimeout: integer(
        options.handshakeTimeout,
        DEFAULT_HANDSHAKE_TIMEOUT,
        'handshakeTimeout',
        2 ** 31 - 1,
      ),
      idleTimeout: integer(options.idleTimeout, DEFAULT_IDLE_TIMEOUT, 'idleTimeout', 2 ** 31 - 1),
      frameTimeout: integer(
        options.frameTimeout,
        DEFAULT_FRAME_TIMEOUT,
        'frameTimeout',
        2 ** 31 - 1,
      ),
    },
    maxMessageLength,
  };
}

function openClient(options: TlsConnectOptions): TlsChannel {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new RangeError('port must be an integer in [1, 65535]');
  if (options.ca === undefined && options.verifier === undefined)
    throw new TypeError('tlsConnect needs options.ca (the trust anchors) or options.verifier');
  const verifier = options.verifier ?? pemCertificateVerifier(options.ca!);
  const { timeouts, maxMessageLength } = transportLimits(options);
  // Checks every engine option now, before dialling.
  const engine = new TlsClient({
    serverName: options.servername ?? host,
    verifier,
    alpn: options.alpn,
    cipherSuites: options.cipherSuites,
    groups: options.groups,
    keyShareGroups: options.keyShareGroups,
    keyLog: options.keyLog,
    trace: options.trace,
  });
  // allowHalfOpen: the server's FIN ends only the incoming direction (./tls-channel.ts).
  const socket = net.connect({ host, port, allowHalfOpen: true });
  return new TlsChannel(socket, engine, timeouts, undefined, maxMessageLength);
}

/**
 * Connects and completes the TLS 1.3 handshake.
 * @returns the open channel (the SecureChannel interface, plus `negotiated` and `duplex()`)
 * @throws TlsError (a refused certificate, an alert from the server, …; the server got our
 *   alert), CryptoError 'TIMEOUT', or the socket's error (e.g. ECONNREFUSED); the socket is
 *   closed in every failure case
 * @example
 * const channel = await tlsConnect({ host: 'localhost', port, ca: readFileSync('ca.pem', 'utf8') })
 * await channel.send(utf8ToBytes('GET / HTTP/1.0\r\n\r\n'))
 */
export async function tlsConnect(options: TlsConnectOptions): Promise<TlsChannel> {
  const channel = openClient(options);
  await channel.ready;
  return channel;
}

/**
 * Connects at once and returns the connection as a stream.Duplex; writes wait for the
 * handshake, a failure is an 'error' event.
 * @throws TypeError/RangeError for invalid options (synchronously)
 * @example
 * const response = await new Promise<IncomingMessage>((resolve) =>
 *   https.get({ host: 'localhost', port, path: '/', createConnection: () => tlsStream({ host: 'localhost', port, ca }) }, resolve))
 * response.statusCode // 200
 */
export function tlsStream(options: TlsConnectOptions): TlsDuplex<TlsChannel> {
  return openClient(options).duplex();
}
