/// <reference types="node" />
/**
 * SecureChannel: one TCP connection driven by a pure ChannelEngine (src/channel), for both the
 * server and the client side.
 *
 * The socket only moves bytes: every received chunk goes to `engine.receive()`, the frames it
 * returns are written back, and the application messages it returns are delivered. Life cycle:
 *   handshaking ──(engine established)──▶ open ──(close() / peer FIN)──▶ closed
 *        └──────────(error, timeout)────────────┴──────────(error, timeout)──▶ closed with error
 * Any refusal by the engine (a forged record, an invalid point, …), a timeout or a socket error
 * destroys only this socket. Timers are cleared on every path to `closed`.
 *
 * Delivery: `for await (const message of channel)` or the 'message' event. While a 'message'
 * listener is attached messages go to the listeners; otherwise they wait, in order, for the
 * iterator (past 64 waiting messages the socket is paused, so a slow reader is not flooded).
 *
 * Not here: the wire formats (src/channel), listening and dialling (./server.ts, ./client.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ChannelEngine } from '../channel/noise-channel.js';
import { CryptoError } from '../errors.js';

/** Timeouts of one connection, in milliseconds (0 disables). */
export interface ChannelTimeouts {
  /** From TCP connect to an established channel. */
  handshakeTimeout: number;
  /** Longest time without traffic (either direction) on an open channel. */
  idleTimeout: number;
}

const HIGH_WATER_MARK = 64;
const CLOSE_GRACE_MS = 2000;

/**
 * An authenticated (or, for 'tutorial' and 'nn', merely encrypted) message channel.
 *
 * Events: 'message' (message: Uint8Array), 'close' (error?: Error). No 'error' event is ever
 * emitted, so an unobserved failure cannot crash the process; the error arrives with 'close'
 * and is thrown by a pending iterator.
 *
 * @example
 * for await (const message of channel) await channel.send(message) // an echo service
 */
export class SecureChannel extends EventEmitter implements AsyncIterable<Uint8Array> {
  /** 'tutorial', 'nn', 'nk' or 'xx'. */
  readonly protocol: string;
  /** Resolves when the handshake completes; rejects (and the socket is gone) when it fails. */
  readonly ready: Promise<void>;
  /** Resolves when the socket has closed; never rejects. */
  readonly closed: Promise<Error | undefined>;
  readonly #socket: Socket;
  readonly #engine: ChannelEngine;
  readonly #timeouts: ChannelTimeouts;
  #queue: Uint8Array[] = [];
  #waiters: { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: Error) => void }[] = [];
  #state: 'handshaking' | 'open' | 'closing' | 'closed' = 'handshaking';
  #error: Error | undefined;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #resolveReady!: () => void;
  #rejectReady!: (error: Error) => void;
  #resolveClosed!: (error: Error | undefined) => void;

  /** @internal Use createServer() or connect(). The socket must be connected (or connecting). */
  constructor(socket: Socket, engine: ChannelEngine, timeouts: ChannelTimeouts) {
    super();
    this.#socket = socket;
    this.#engine = engine;
    this.#timeouts = timeouts;
    this.protocol = engine.protocol;
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {}); // observed through 'close' / connect(); never unhandled
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('error', (error) => this.#fail(error));
    socket.on('timeout', () => this.#fail(new CryptoError('TIMEOUT', 'channel: idle timeout')));
    socket.on('close', () => this.#onClose());
    if (timeouts.handshakeTimeout > 0) {
      this.#handshakeTimer = setTimeout(() => this.#fail(new CryptoError('TIMEOUT', 'channel: handshake timeout')), timeouts.handshakeTimeout);
    }
    this.on('newListener', (event) => {
      if (event === 'message') queueMicrotask(() => this.#flush());
    });
    try {
      for (const frame of engine.start()) socket.write(frame);
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  /** The peer's address as "host:port" (for logs; "?" until the socket is connected). */
  get remote(): string {
    return `${this.#socket.remoteAddress ?? '?'}:${this.#socket.remotePort ?? '?'}`;
  }

  /** The peer's static public key (65-byte SEC 1) once known: NK (server) and XX (both sides). */
  get remoteStaticKey(): Uint8Array | undefined {
    return this.#engine.remoteStaticKey;
  }

  /** True while messages can be sent. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** The largest message `send` accepts. */
  get maxMessageLength(): number {
    return this.#engine.maxMessageLength;
  }

  /**
   * Encrypts and sends one message; resolves when it has been handed to the OS.
   * @throws TypeError (not bytes), RangeError (larger than maxMessageLength), Error when closed
   */
  async send(message: Uint8Array): Promise<void> {
    if (this.#state !== 'open') throw new Error(`channel: cannot send, the channel is ${this.#state}`);
    const frame = this.#engine.seal(message);
    await new Promise<void>((resolve, reject) => {
      this.#socket.write(frame, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Closes gracefully: pending writes are flushed, then a TCP FIN; resolves once the socket is
   * closed (forcibly after 2 s if the peer does not close its side).
   */
  async close(): Promise<void> {
    if (this.#state === 'handshaking') {
      this.#fail(new Error('channel: closed during the handshake'));
    } else if (this.#state === 'open') {
      this.#state = 'closing';
      this.#clearHandshakeTimer();
      this.#socket.end();
      this.#graceTimer = setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS);
    }
    await this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        const message = this.#queue.shift();
        if (message !== undefined) {
          this.#resumeIfDrained();
          return Promise.resolve({ value: message, done: false });
        }
        if (this.#state === 'closed' || this.#state === 'closing') {
          return this.#error ? Promise.reject(this.#error) : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
      },
      return: async () => {
        return { value: undefined, done: true };
      },
    };
  }

  #onData(chunk: Buffer): void {
    if (this.#state === 'closed') return;
    let output;
    try {
      output = this.#engine.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    for (const frame of output.frames) this.#socket.write(frame);
    if (this.#state === 'handshaking' && this.#engine.established) {
      this.#state = 'open';
      this.#clearHandshakeTimer();
      if (this.#timeouts.idleTimeout > 0) this.#socket.setTimeout(this.#timeouts.idleTimeout);
      this.#resolveReady();
    }
    if (output.messages.length > 0) {
      this.#queue.push(...output.messages);
      this.#flush();
    }
  }

  #flush(): void {
    while (this.#queue.length > 0) {
      if (this.listenerCount('message') > 0) this.emit('message', this.#queue.shift());
      else if (this.#waiters.length > 0) this.#waiters.shift()!.resolve({ value: this.#queue.shift()!, done: false });
      else break;
    }
    if (this.#queue.length > HIGH_WATER_MARK) this.#socket.pause();
    else this.#resumeIfDrained();
  }

  #resumeIfDrained(): void {
    if (this.#queue.length <= HIGH_WATER_MARK / 2 && this.#socket.isPaused() && this.#state !== 'closed') this.#socket.resume();
  }

  #onEnd(): void {
    // The peer sent FIN. During the handshake that is a failure; afterwards a normal close.
    if (this.#state === 'handshaking') this.#fail(new CryptoError('HANDSHAKE_FAILED', 'channel: peer closed the connection during the handshake'));
    else if (this.#state === 'open') this.#state = 'closing';
  }

  #fail(error: Error): void {
    if (this.#state === 'closed') return;
    if (this.#error === undefined) this.#error = error;
    this.#socket.destroy();
    this.#onClose();
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const wasHandshaking = this.#state === 'handshaking';
    this.#state = 'closed';
    this.#clearHandshakeTimer();
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.#socket.setTimeout(0);
    if (wasHandshaking) this.#rejectReady(this.#error ?? new CryptoError('HANDSHAKE_FAILED', 'channel: connection closed during the handshake'));
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#error) waiter.reject(this.#error);
      else waiter.resolve({ value: undefined, done: true });
    }
    this.#resolveClosed(this.#error);
    this.emit('close', this.#error);
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== undefined) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }
}
