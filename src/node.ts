/**
 * ecdh-lab/node: the TCP transports (Node only) of the secure channel and of TLS 1.3
 * (tlsConnect, tlsStream, createServer({ protocol: 'tls' })). The protocol logic they drive is
 * in `ecdh-lab/noise` (NoiseChannel, TutorialChannel, …) and `ecdh-lab/tls` (TlsClient,
 * TlsServer), which are browser-safe.
 *
 * @example
 * import { createServer, connect, tlsConnect } from 'ecdh-lab/node'
 */
export {
  createServer,
  SecureServer,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
} from './net/server.js';
export type { ServerOptions, ChannelHandler } from './net/server.js';
export { connect } from './net/client.js';
export type { ConnectOptions } from './net/client.js';
export { SecureChannel } from './net/secure-channel.js';
export type { BufferedBytes } from './net/secure-channel.js';
export type { ChannelTimeouts } from './net/connection-lifecycle.js';
export {
  PROTOCOLS,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_FRAME_TIMEOUT,
} from './net/options.js';
export type { ChannelOptions, ProtocolName } from './net/options.js';
export { tlsConnect, tlsStream } from './net/tls-client.js';
export type { TlsConnectOptions, TlsTransportOptions } from './net/tls-client.js';
export type { TlsListenOptions } from './net/tls-server.js';
export type { TlsChannelHandler } from './net/server.js';
export { TlsChannel } from './net/tls-channel.js';
export { TlsDuplex } from './net/tls-duplex.js';

export type { CaInput, PemInput } from './net/tls-credentials.js';
