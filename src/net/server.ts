/// <reference types="node" />
/**
 * A TCP server that hands every connection to the application as an established SecureChannel.
 *
 * Each accepted socket gets a fresh ChannelEngine (./options.ts) and its own timers. A peer
 * that misbehaves in any way — garbage, an invalid point, a forged or replayed record, an
 * oversized frame, silence, an abrupt disconnect — costs only its own connection: the server
 * logs one line (the peer's address and the error's message, which never holds key material)
 * and keeps serving everyone else. Above `maxConnections` new sockets are closed at once.
 *
 * Not here: the wire formats (src/channel); TLS-style session resumption; rate limiting per
 * address.
 */
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { resolveOptions, type ChannelOptions } from './options.js';
import { SecureChannel } from './secure-channel.js';

export interface ServerOptions extends ChannelOptions {
  /** Most simultaneous connections, handshaking or open (default 1024). */
  maxConnections?: number;
  /** Receives one line per noteworthy event (refused or failed connection); default: stderr. */
  log?: (line: string) => void;
}

/** Called with each established channel; a rejected promise is logged, never unhandled. */
export type ChannelHandler = (channel: SecureChannel) => void | Promise<void>;

/**
 * A listening secure-channel server. Events: 'channel' (channel: SecureChannel).
 * @example
 * const server = createServer({ protocol: 'xx', staticKey }, async (ch) => { for await (const m of ch) await ch.send(m) })
 * const { port } = await server.listen(0)
 */
export class SecureServer extends EventEmitter {
  readonly #server: net.Server;
  readonly #channels = new Set<SecureChannel>();
  readonly #options: ReturnType<typeof resolveOptions>;
  readonly #maxConnections: number;
  readonly #log: (line: string) => void;
  readonly #handler: ChannelHandler | undefined;
  #closing: Promise<void> | undefined;

  /** @internal use createServer() */
  constructor(options: ServerOptions, handler?: ChannelHandler) {
    super();
    this.#options = resolveOptions(options, 'server');
    const max = options.maxConnections ?? 1024;
    if (!Number.isInteger(max) || max < 1) throw new RangeError('server: maxConnections must be a positive integer');
    this.#maxConnections = max;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#handler = handler;
    this.#server = net.createServer((socket) => this.#accept(socket));
    this.#server.on('error', (error) => this.#log(`ecdh-lab server: ${error.message}`));
  }

  /** Connections currently handshaking or open. */
  get connections(): number {
    return this.#channels.size;
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
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
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
      await stopped;
    })();
    return this.#closing;
  }

  #accept(socket: net.Socket): void {
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    if (this.#closing !== undefined || this.#channels.size >= this.#maxConnections) {
      this.#log(`ecdh-lab server: ${remote} refused: ${this.#closing ? 'shutting down' : `${this.#maxConnections} connections already open`}`);
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    let channel: SecureChannel;
    try {
      channel = new SecureChannel(socket, this.#options.engine(), this.#options.timeouts);
    } catch (error) {
      this.#log(`ecdh-lab server: ${remote} failed: ${describeError(error)}`);
      socket.destroy();
      return;
    }
    this.#channels.add(channel);
    channel.closed.then((error) => {
      this.#channels.delete(channel);
      if (error !== undefined) this.#log(`ecdh-lab server: ${remote} closed: ${describeError(error)}`);
    });
    channel.ready.then(() => {
      this.emit('channel', channel);
      if (this.#handler === undefined) return;
      Promise.resolve()
        .then(() => this.#handler!(channel))
        .catch((error) => {
          if (channel.isOpen) this.#log(`ecdh-lab server: ${remote} handler failed: ${describeError(error)}`);
          void channel.close();
        });
    }, () => {});
  }
}

/**
 * Creates a server; call `listen()` on it.
 * @throws TypeError/RangeError for inconsistent options (e.g. 'nk' without a staticKey)
 */
export function createServer(options: ServerOptions, handler?: ChannelHandler): SecureServer {
  return new SecureServer(options, handler);
}

/** "message (CODE)" for a log line; error messages never contain key material. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
