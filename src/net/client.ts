/// <reference types="node" />
/**
 * The client side: dial, run the handshake, and return the established SecureChannel.
 *
 * Not here: reconnection, DNS policies, proxies.
 */
import * as net from 'node:net';
import { resolveOptions, type ChannelOptions } from './options.js';
import { SecureChannel } from './secure-channel.js';

export interface ConnectOptions extends ChannelOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 65432 (the tutorial's port). */
  port?: number;
  /** The local address to connect from (default: the system's choice). */
  localAddress?: string;
}

/**
 * Connects and completes the handshake.
 * @returns the open channel
 * @throws CryptoError 'HANDSHAKE_FAILED' (refused or unauthenticated peer), 'TIMEOUT', or the
 *   socket's error (e.g. ECONNREFUSED); the socket is closed in every failure case
 * @example
 * const channel = await connect({ protocol: 'nk', port, remoteStaticKey: serverKey })
 * await channel.send(utf8ToBytes('hello'))
 */
export async function connect(options: ConnectOptions): Promise<SecureChannel> {
  const resolved = resolveOptions(options, 'client');
  // allowHalfOpen: a server FIN ends only the incoming direction (./secure-channel.ts).
  const socket = net.connect({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 65432,
    localAddress: options.localAddress,
    allowHalfOpen: true,
  });
  const channel = new SecureChannel(socket, resolved.engine(), resolved.timeouts);
  await channel.ready;
  return channel;
}
