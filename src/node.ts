/**
 * ecdh-lab/node: the TCP transports (Node only): the secure channel, and TLS 1.3 (tlsConnect,
 * tlsStream, createServer({ protocol: 'tls' })). The protocol logic it
 * drives is in `ecdh-lab/noise` (NoiseChannel, TutorialChannel, …), which is browser-safe.
 *
 * @example
 * import { createServer, connect } from 'ecdh-lab/node'
 */
export { createServer, SecureServer } from './net/server.js';
export type { ServerOptions, ChannelHandler } from './net/server.js';
export { connect } from './net/client.js';
export type { ConnectOptions } from './net/client.js';
export { SecureChannel } from './net/secure-channel.js';
export type { ChannelTimeouts } from './net/secure-channel.js';
export { PROTOCOLS, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT } from './net/options.js';
export type { ChannelOptions, ProtocolName } from './net/options.js';
export { tlsConnect, tlsStream } from './net/tls-client.js';
export type { TlsConnectOptions, TlsTransportOptions } from './net/tls-client.js';
export type { TlsServerOptions } from './net/tls-server.js';
export type { TlsChannelHandler } from './net/server.js';
export { TlsChannel } from './net/tls-channel.js';
export { TlsDuplex } from './net/tls-duplex.js';

export type { CaInput, PemInput } from './net/tls-credentials.js';
