/// <reference types="node" />
/**
 * SecureChannel: one TCP connection driven by a pure ChannelEngine (src/channel), for both the
 * server and the client side.
 *
 * The socket only moves bytes: every received chunk goes to `engine.receive()`, the frames it
 * returns are written back, and the application messages it returns are delivered. Life cycle:
 *   handshaking ──(engine established)──▶ open ──(close())──▶ closing ──(socket closed)──▶ closed
 *        └──────────(error, timeout)────────────┴──────────────┴──(error, timeout)──▶ closed with error
 * Half-close (TCP FIN) is one direction only: a peer FIN ends the incoming messages (the 'end'
 * event; the iterator finishes). What happens next is the owner's choice (`closeOnPeerEnd`):
 * either the channel closes itself at once (clients; server channels without a handler), or
 * `send` keeps working until our own `close()` (server channels while their handler runs, so a
 * client may half-close and still receive every reply). `close()` sends our FIN and waits for
 * the socket to close (forcibly after 2 s). A FIN during the handshake is a failure.
 * Any refusal by the engine (a forged record, an invalid point, …), a timeout or a socket error
 * closes only this socket: on the server side gracefully (FIN, then what still arrives is read
 * and discarded for up to 2 s, so the peer sees an orderly close rather than a reset), on the
 * client side at once. Timers are cleared on every path to `closed`.
 *
 * Delivery: `for await (const message of channel)` or the 'message' event. While a 'message'
 * listener is attached messages go to the listeners; otherwise they wait, in order, for the
 * iterator (past 64 waiting messages the socket is paused, so a slow reader is not flooded).
 * Leaving a `for await` loop early (break, return, throw) closes the channel, as with Node's
 * streams. A listener that throws closes the channel with that error; it never reaches the
 * socket's event handlers (which would crash the process).
 *
 * Not here: the wire formats (src/channel), listening and dialling (./server.ts, ./client.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ChannelEngine, ChannelOutput } from '../channel/noise-channel.js';
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

/** @internal How a failed connection's socket is let go (see the file header). */
export type FailurePolicy = 'linger' | 'destroy';

/** @internal What the owner (server or client) decides for each connection. */
export interface ChannelPolicy {
  /** 'linger': FIN, read and discard for up to 2 s, then destroy; 'destroy': at once. */
  onFailure: FailurePolicy;
  /** Close as soon as the peer sends FIN (else stay writable until close()). */
  closeOnPeerEnd: boolean;
}

/**
 * An authenticated (or, for 'tutorial' and 'nn', merely encrypted) message channel.
 *
 * Events: 'message' (message: Uint8Array), 'end' (the peer sent FIN: no more messages will
 * arrive, but `send` still works until `close()`), 'close' (error?: Error). No 'error' event is
 * ever emitted, so an unobserved failure cannot crash the process; the error arrives with
 * 'close' and is thrown by a pending iterator. After 'end' a client channel closes itself; a
 * server channel given to a handler stays writable until the handler settles (./server.ts).
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
  #peerEnded = false;
  readonly #policy: ChannelPolicy;
  #error: Error | undefined;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #resolveReady!: () => void;
  #rejectReady!: (error: Error) => void;
  #resolveClosed!: (error: Error | undefined) => void;

  /** @internal Use createServer() or connect(). The socket must be connected (or connecting). */
  constructor(
    socket: Socket,
    engine: ChannelEngine,
    timeouts: ChannelTimeouts,
    policy: ChannelPolicy = { onFailure: 'destroy', closeOnPeerEnd: true },
  ) {
    super();
    this.#socket = socket;
    this.#policy = policy;
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
    socket.on('error', (error) => this.#fail(error, 'destroy'));
    socket.on('timeout', () => this.#fail(new CryptoError('TIMEOUT', 'channel: idle timeout')));
    socket.on('close', () => this.#onClose());
    if (timeouts.handshakeTimeout > 0) {
      this.#handshakeTimer = setTimeout(
        () => this.#fail(new CryptoError('TIMEOUT', 'channel: handshake timeout')),
        timeouts.handshakeTimeout,
      );
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

  /** The peer's address as "host:port" or "[v6 host]:port" (for logs; "?" until connected). */
  get remote(): string {
    const host = this.#socket.remoteAddress ?? '?';
    const port = this.#socket.remotePort ?? '?';
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`; // [::1]:port for IPv6
  }

  /**
   * The peer's static public key (65-byte SEC 1): on an NK client the server key it was given;
   * with XX, on both sides, once the handshake has delivered it. Undefined otherwise (NN,
   * tutorial, and an NK server, which never learns a client key).
   */
  get remoteStaticKey(): Uint8Array | undefined {
    return this.#engine.remoteStaticKey;
  }

  /** True while messages can be sent (also after the peer's FIN, until `close()`). */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** True once the peer has sent FIN: no more messages will arrive. */
  get peerEnded(): boolean {
    return this.#peerEnded;
  }

  /** The largest message `send` accepts. */
  get maxMessageLength(): number {
    return this.#engine.maxMessageLength;
  }

  /**
   * Encrypts and sends one message; resolves when it has been handed to the OS.
   * @throws TypeError (not bytes), RangeError (larger than maxMessageLength),
   *   CryptoError CHANNEL_CLOSED when not open
   */
  async send(message: Uint8Array): Promise<void> {
    if (this.#state !== 'open')
      throw new CryptoError(
        'CHANNEL_CLOSED',
        `channel: cannot send, the channel is ${this.#state}`,
      );
    const frame = this.#engine.seal(message);
    await new Promise<void>((resolve, reject) => {
      this.#socket.write(frame, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Closes gracefully: pending writes are flushed, then a TCP FIN. Messages that arrive after
   * this call are discarded (those already received can still be iterated). Resolves once the
   * socket is closed (forcibly after 2 s if the peer neither closes its side nor reads what we
   * still send, whether or not it has already sent its own FIN).
   * @example await channel.close()
   */
  async close(): Promise<void> {
    if (this.#state === 'handshaking') {
      this.#fail(new Error('channel: closed during the handshake'), 'destroy');
    } else if (this.#state === 'open') {
      this.#state = 'closing';
      this.#clearHandshakeTimer();
      this.#socket.end();
      this.#socket.resume(); // read on (discarding) so the peer's FIN gets through
      this.#graceTimer = setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS);
      this.#resolveWaiters(); // the iterator ends once the queue is drained
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
        if (this.#state === 'closed' || this.#state === 'closing' || this.#peerEnded) {
          return this.#error
            ? Promise.reject(this.#error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
      },
      // Leaving the loop early: close the channel (without waiting for the peer), so that a
      // socket paused for unread messages is not left hanging until the idle timeout.
      return: async () => {
        void this.close();
        return { value: undefined, done: true };
      },
    };
  }

  #onData(chunk: Buffer): void {
    // After close() (or a failure) whatever still arrives is read and discarded.
    if (this.#state === 'closed' || this.#state === 'closing') return;
    let output: ChannelOutput;
    try {
      output = this.#engine.receive(
        new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      );
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    // Transport messages may arrive in the same chunk as the last handshake message: they are
    // in output.messages and are delivered below, after the channel has become 'open'.
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
    while (this.#queue.length > 0 && this.#state !== 'closed') {
      if (this.listenerCount('message') > 0) this.#emitSafely('message', this.#queue.shift());
      else if (this.#waiters.length > 0)
        this.#waiters.shift()!.resolve({ value: this.#queue.shift()!, done: false });
      else break;
    }
    if (this.#queue.length > HIGH_WATER_MARK && this.#state === 'open') this.#socket.pause();
    else this.#resumeIfDrained();
  }

  #resumeIfDrained(): void {
    if (
      this.#queue.length <= HIGH_WATER_MARK / 2 &&
      this.#socket.isPaused() &&
      this.#state !== 'closed'
    )
      this.#socket.resume();
  }

  #onEnd(): void {
    // The peer sent FIN. During the handshake that is a failure; afterwards it ends only the
    // incoming direction (the socket is allowHalfOpen): we may go on sending until close().
    if (this.#state === 'handshaking') {
      this.#fail(
        new CryptoError(
          'HANDSHAKE_FAILED',
          'channel: peer closed the connection during the handshake',
        ),
      );
    } else if (this.#state === 'open' || this.#state === 'closing') {
      this.#peerEnded = true;
      this.#resolveWaiters();
      this.#emitSafely('end');
      if (this.#policy.closeOnPeerEnd) void this.close();
    }
  }

  /** Ends pending iterator calls (only waiting while the queue is empty). */
  #resolveWaiters(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  /** Emits to application listeners; a throwing listener closes this channel with its error. */
  #emitSafely(event: 'message' | 'end', ...args: unknown[]): void {
    try {
      this.emit(event, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#fail(new Error(`channel: a '${event}' listener threw: ${message}`, { cause: error }));
    }
  }

  #fail(error: Error, policy: FailurePolicy = this.#policy.onFailure): void {
    if (this.#state === 'closed') return;
    if (this.#error === undefined) this.#error = error;
    const socket = this.#socket;
    if (policy === 'linger' && socket.writable && !socket.destroyed) {
      // FIN now; read and discard whatever still arrives (#onData ignores it once closed), so
      // the kernel does not answer unread data with a reset; destroy after the grace period.
      socket.end();
      socket.resume();
      const linger = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      socket.once('close', () => clearTimeout(linger));
    } else {
      socket.destroy();
    }
    this.#onClose();
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const wasHandshaking = this.#state === 'handshaking';
    this.#state = 'closed';
    this.#clearHandshakeTimer();
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.#socket.setTimeout(0);
    if (wasHandshaking)
      this.#rejectReady(
        this.#error ??
          new CryptoError('HANDSHAKE_FAILED', 'channel: connection closed during the handshake'),
      );
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#error) waiter.reject(this.#error);
      else waiter.resolve({ value: undefined, done: true });
    }
    this.#resolveClosed(this.#error);
    try {
      this.emit('close', this.#error);
    } catch (error) {
      // Too late to close anything; report it without crashing the process.
      process.emitWarning(
        `ecdh-lab channel: a 'close' listener threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== undefined) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }
}
