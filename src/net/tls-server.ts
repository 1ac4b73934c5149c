/// <reference types="node" />
/**
 * The TLS 1.3 server side of `createServer({ protocol: 'tls', cert, key })`: the options
 * checked once, and for each accepted socket a fresh TlsServer engine (src/tls) driven by a
 * TlsChannel. Listening, the connection cap, timeouts, logging and shutdown are the shared
 * server's (./server.ts), as for the other protocols.
 */
import type { Socket } from 'node:net';
import type { PrivateKey } from '../keys/private-key.js';
import type { TlsServerCredential } from '../tls/authentication.js';
import { TlsServer } from '../tls/server.js';
import type { ChannelPolicy } from './connection-lifecycle.js';
import { TlsChannel } from './tls-channel.js';
import { type TlsTransportOptions, transportLimits } from './tls-client.js';
import { type PemInput, pemServerCredential } from './tls-credentials.js';

/** The options of `createServer({ protocol: 'tls', … })`. */
export interface TlsListenOptions extends TlsTransportOptions {
  protocol: 'tls';
  /** The certificate chain, PEM, leaf first (required unless `credential` is given). */
  cert?: PemInput;
  /** The leaf's private key: PEM (PKCS #8 or SEC 1) or a PrivateKey. */
  key?: PemInput | PrivateKey;
  /** Advanced: the chain and CertificateVerify signer, instead of `cert` and `key`. */
  credential?: TlsServerCredential;
  /** Send a cookie in a HelloRetryRequest and require it back (RFC 8446 §4.2.2); default false. */
  helloRetryCookie?: boolean;
  /** Most simultaneous connections, handshaking or open (default 1024). */
  maxConnections?: number;
  /** Most simultaneous connections from one IP address (default 32); more are refused at accept. */
  maxConnectionsPerAddress?: number;
  /** Receives one line per noteworthy event (default: stderr). */
  log?: (line: string) => void;
}

/** @internal Checks the options once; returns what opens a channel on each accepted socket. */
export function tlsServerOpener(
  options: TlsListenOptions,
): (socket: Socket, policy: ChannelPolicy) => TlsChannel {
  if (options.credential === undefined && (options.cert === undefined || options.key === undefined))
    throw new TypeError(
      "protocol 'tls' needs options.cert and options.key (or options.credential)",
    );
  if (options.credential !== undefined && (options.cert !== undefined || options.key !== undefined))
    throw new TypeError(
      'options.credential replaces options.cert and options.key: give one or the other',
    );
  const credential = options.credential ?? pemServerCredential(options.cert!, options.key!);
  const { timeouts, maxMessageLength } = transportLimits(options);
  const engineOptions = {
    credential,
    alpn: options.alpn,
    cipherSuites: options.cipherSuites,
    groups: options.groups,
    helloRetryCookie: options.helloRetryCookie,
    keyLog: options.keyLog,
    trace: options.trace,
  };
  new TlsServer(engineOptions); // checks the engine's options now, not on the first connection
  return (socket, policy) =>
    new TlsChannel(socket, new TlsServer(engineOptions), timeouts, policy, maxMessageLength);
}
