/**
 * ecdh-lab/node: the TCP transport of the secure channel (Node only). The protocol logic it
 * drives is in `ecdh-lab/noise` (NoiseChannel, TutorialChannel, …), which is browser-safe.
 *
 * @example
 * import { createServer, connect } from 'ecdh-lab/node'
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
export type { BufferedBytes, ChannelTimeouts } from './net/secure-channel.js';
export {
  PROTOCOLS,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_FRAME_TIMEOUT,
} from './net/options.js';
export type { ChannelOptions, ProtocolName } from './net/options.js';
