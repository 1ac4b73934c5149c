/// <reference types="node" />
/**
 * A TCP server that hands every connection to the application as an established SecureChannel.
 *
 * Each accepted socket gets a fresh ChannelEngine (./options.ts), or with `protocol: 'tls'` a
 * TLS 1.3 server engine in a TlsChannel (./tls-server.ts), and its own timers. A peer
 * that misbehaves in any way — garbage, an invalid point, a forged or replayed record, an
 * oversized frame, silence, an abrupt disconnect — costs only its own connection: the server
 * logs one line (the peer's address and the error's message, which never holds key material)
 * and keeps serving everyone else. Above `maxConnections` new sockets are closed at once, and so
 * are those from an address that already holds `maxConnectionsPerAddress` sockets (counted
 * until each socket is gone, a failed one's linger included), so one host cannot take every
 * slot. Each connection holds at most its channel's `bufferBudget` in each direction
 * (./secure-channel.ts), so the server's buffers stay below `maxConnections` × 2 × that.
 * Log lines are rate-limited (at most 20 a second; the rest are counted and reported in one
 * summary line), so a flood of bad connections cannot flood the log.
 *
 * A channel handed to the handler lives until the handler's promise settles AND the peer has
 * sent FIN (a client may half-close and still wait for replies); then the server closes it.
 * Without a handler, the server closes a channel once its peer has sent FIN. A
 * handler that throws, or a 'channel' listener that throws, gets one log line and its channel
 * closed; the process never sees an unhandled rejection.
 *
 * Not here: the wire formats (src/channel); TLS-style session resumption; rate limiting of new
 * connections per address over time.
 */
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { formatAddress } from './address.js';
import { resolveOptions, type ChannelOptions } from './options.js';
import type { ChannelPolicy } from './connection-lifecycle.js';
import { type BufferedBytes, SecureChannel } from './secure-channel.js';
import type { TlsChannel } from './tls-channel.js';
import { tlsServerOpener, type TlsListenOptions } from './tls-server.js';

export interface ServerOptions extends ChannelOptions {
  /** Most simultaneous connections, handshaking or open (default 1024). */
  maxConnections?: number;
  /** Most simultaneous sockets from one IP address (default 32); more are refused at accept. */
  maxConnectionsPerAddress?: number;
  /** Receives one line per noteworthy event (refused or failed connection; at most 20 a second, then a summary); default: stderr. */
  log?: (line: string) => void;
}

/**
 * Called with each established channel; a rejected promise is logged, never unhandled. Once its
 * promise settles the server closes the channel as soon as the peer has ended (at once if it
 * already has), so a handler that replies asynchronously should settle after its last reply.
 */
export type ChannelHandler = (channel: SecureChannel) => void | Promise<void>;
/** The handler of a TLS server (`protocol: 'tls'`): the same, with a TlsChannel. */
export type TlsChannelHandler = (channel: TlsChannel) => void | Promise<void>;
type AnyChannel = SecureChannel | TlsChannel;

/** Most log lines per second; the rest are counted and summarised. */
const LOG_LINES_PER_SECOND = 20;

/** The default `maxConnections`. */
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** The default `maxConnectionsPerAddress`. */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;

/**
 * A listening secure-channel server. Events: 'channel' (channel: SecureChannel, or a TlsChannel
 * for `protocol: 'tls'`).
 * @example
 * const server = createServer({ protocol: 'xx', staticKey }, async (ch) => { for await (const m of ch) await ch.send(m) })
 * const { port } = await server.listen(0)
 */
export class SecureServer extends EventEmitter {
  readonly #server: net.Server;
  readonly #channels = new Set<AnyChannel>();
  readonly #sockets = new Set<net.Socket>();
  /** Open sockets per remote address. */
  readonly #perAddress = new Map<string, number>();
  #logWindowStart = 0;
  #logLinesInWindow = 0;
  #logSuppressed = 0;
  readonly #open: (socket: net.Socket, policy: ChannelPolicy) => AnyChannel;
  readonly #maxConnections: number;
  readonly #maxPerAddress: number;
  readonly #log: (line: string) => void;
  readonly #rawLog: (line: string) => void;
  readonly #handler: ((channel: AnyChannel) => void | Promise<void>) | undefined;
  #closing: Promise<void> | undefined;
  #listening = false;

  /** @internal use createServer() */
  constructor(
    options: ServerOptions | TlsListenOptions,
    handler?: ChannelHandler | TlsChannelHandler,
  ) {
    super();
    if (options?.protocol === 'tls') {
      this.#open = tlsServerOpener(options as TlsListenOptions);
    } else {
      const resolved = resolveOptions(options as ServerOptions, 'server');
      this.#open = (socket, policy) =>
        new SecureChannel(socket, resolved.engine(), resolved.timeouts, policy);
    }
    const max = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError('server: maxConnections must be a positive integer');
    this.#maxConnections = max;
    const perAddress = options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    if (!Number.isInteger(perAddress) || perAddress < 1)
      throw new RangeError('server: maxConnectionsPerAddress must be a positive integer');
    this.#maxPerAddress = perAddress;
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#rawLog = log;
    this.#log = (line) => this.#rateLimited(log, line);
    this.#handler = handler as ((channel: AnyChannel) => void | Promise<void>) | undefined;
    // allowHalfOpen: a client FIN ends only the incoming direction; replies still go out.
    this.#server = net.createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
    // An error while listen() is pending is reported by its rejection, not logged as well.
    this.#server.on('error', (error) => {
      if (!this.#listening) this.#log(`ecdh-lab server: ${error.message}`);
    });
  }

  /** Connections currently handshaking or open. */
  get connections(): number {
    return this.#channels.size;
  }

  /** The bytes all connections hold now, per direction (each ≤ its channel's bufferBudget). */
  get buffered(): BufferedBytes {
    const total = { incoming: 0, outgoing: 0 };
    for (const channel of this.#channels) {
      const { incoming, outgoing } = channel.buffered;
      total.incoming += incoming;
      total.outgoing += outgoing;
    }
    return total;
  }

  /**
   * The address the server listens on, or undefined before `listen()` resolves / after close.
   * @example const { port } = server.address()!
   */
  address(): { host: string; port: number } | undefined {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') return undefined;
    return { host: address.address, port: address.port };
  }

  /**
   * Starts listening. Port 0 picks a free port.
   * @returns the actual host and port
   */
  listen(port = 65432, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.#listening = false;
        reject(error);
      };
      this.#listening = true;
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
        this.#listening = false;
        this.#server.off('error', onError);
        resolve(this.address()!);
      });
    });
  }

  /** Stops accepting, closes every channel gracefully, and resolves when all sockets are gone. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      await Promise.all([...this.#channels].map((channel) => channel.close()));
      // What remains are failed connections still lingering after their FIN.
      for (const socket of this.#sockets) socket.destroy();
      await stopped;
      this.#flushSuppressed();
    })();
    return this.#closing;
  }

  #accept(socket: net.Socket): void {
    const remote = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? '?');
    const address = hostKey(socket.remoteAddress ?? '?');
    const fromAddress = this.#perAddress.get(address) ?? 0;
    const refusal =
      this.#closing !== undefined
        ? 'shutting down'
        : this.#channels.size >= this.#maxConnections
          ? `${this.#maxConnections} connections already open`
          : fromAddress >= this.#maxPerAddress
            ? `${this.#maxPerAddress} connections from ${address} already open`
            : undefined;
    if (refusal !== undefined) {
      this.#log(`ecdh-lab server: ${remote} refused: ${refusal}`);
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    this.#perAddress.set(address, fromAddress + 1);
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      const left = (this.#perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#perAddress.set(address, left);
      else this.#perAddress.delete(address);
    });
    let channel: AnyChannel;
    try {
      channel = this.#open(socket, {
        onFailure: 'linger',
        closeOnPeerEnd: this.#handler === undefined,
      });
    } catch (error) {
      this.#log(`ecdh-lab server: ${remote} failed: ${describeError(error)}`);
      socket.destroy();
      return;
    }
    this.#channels.add(channel);
    channel.closed.then((error) => {
      this.#channels.delete(channel);
      if (error !== undefined)
        this.#log(`ecdh-lab server: ${remote} closed: ${describeError(error)}`);
    });
    channel.ready.then(
      () => {
        try {
          this.emit('channel', channel);
        } catch (error) {
          this.#log(
            `ecdh-lab server: ${remote} 'channel' listener failed: ${describeError(error)}`,
          );
          void channel.close();
          return;
        }
        const closeWhenPeerEnds = () => {
          if (channel.peerEnded) void channel.close();
          else channel.once('end', () => void channel.close());
        };
        if (this.#handler === undefined) return; // closes itself on the peer's FIN
        Promise.resolve()
          .then(() => this.#handler!(channel))
          .then(closeWhenPeerEnds, (error) => {
            if (channel.isOpen)
              this.#log(`ecdh-lab server: ${remote} handler failed: ${describeError(error)}`);
            void channel.close();
          });
      },
      () => {},
    );
  }

  /** Passes at most LOG_LINES_PER_SECOND lines per one-second window to `log`; counts the rest. */
  #rateLimited(log: (line: string) => void, line: string): void {
    const now = Date.now();
    if (now - this.#logWindowStart >= 1000) {
      this.#flushSuppressed(log);
      this.#logWindowStart = now;
      this.#logLinesInWindow = 0;
    }
    if (this.#logLinesInWindow < LOG_LINES_PER_SECOND) {
      this.#logLinesInWindow++;
      log(line);
    } else {
      this.#logSuppressed++;
    }
  }

  #flushSuppressed(log: (line: string) => void = this.#rawLog): void {
    if (this.#logSuppressed === 0) return;
    const count = this.#logSuppressed;
    this.#logSuppressed = 0;
    log(
      `ecdh-lab server: ${count} more log line${count === 1 ? '' : 's'} suppressed (over ${LOG_LINES_PER_SECOND} a second)`,
    );
  }
}

/**
 * Creates a server; call `listen()` on it.
 * @throws TypeError/RangeError for inconsistent options (e.g. 'nk' without a staticKey)
 */
export function createServer(options: TlsListenOptions, handler?: TlsChannelHandler): SecureServer;
export function createServer(options: ServerOptions, handler?: ChannelHandler): SecureServer;
export function createServer(
  options: ServerOptions | TlsListenOptions,
  handler?: ChannelHandler | TlsChannelHandler,
): SecureServer {
  return new SecureServer(options, handler);
}

/** The address a socket is counted under: an IPv4-mapped IPv6 address counts as its IPv4 one. */
function hostKey(host: string): string {
  return host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host;
}

/** "message (CODE)" for a log line; error messages never contain key material. */
export function describeError(error: unknown): string {
  // Duck-typed rather than `instanceof Error`: errors from another realm (node:vm, Jest) count too.
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string') {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${message} (${code})` : message;
  }
  return String(error);
}
