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
 * iterator.
 *
 * Memory is bounded in bytes, per direction (M = the largest message, `maxMessageLength`):
 *   incoming  the frame being received plus the messages waiting for the application (each
 *             counted as its length + 16). Reading from the socket stops while the waiting
 *             messages reach max(M + 64, 64 KiB), and resumes once the application takes them.
 *             One read (Node reads at most 64 KiB at a time) then adds at most one partial
 *             frame, so the total stays below `bufferBudget`.
 *   outgoing  frames written but not yet handed to the OS (`socket.writableLength`). A frame is
 *             written only while fewer than max(M + 64, 64 KiB) bytes are unsent; further
 *             `send()` calls wait, in order and not yet encrypted, until the peer reads.
 *   bufferBudget = max(M + 64, 64 KiB) + (M + 64) + 128 KiB each way: 256 KiB for Noise,
 *   2.1 MiB for tutorial at the default M. A peer that sends and never reads costs at most
 *   that, plus the socket's own buffers.
 * A frame whose first byte has arrived must be complete within `frameTimeout` once the channel
 * is open (bytes trickled in do not restart the clock; the clock does not run while reading is
 * paused for the application).
 * Leaving a `for await` loop early (break, return, throw) closes the channel, as with Node's
 * streams. A listener that throws closes the channel with that error; it never reaches the
 * socket's event handlers (which would crash the process).
 *
 * Not here: the wire formats (src/channel), listening and dialling (./server.ts, ./client.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { assertBytes } from '../bytes/index.js';
import type { ChannelEngine, ChannelOutput } from '../channel/engine.js';
import { CryptoError } from '../errors.js';

/** Timeouts of one connection, in milliseconds (0 disables). */
export interface ChannelTimeouts {
  /** From TCP connect to an established channel. */
  handshakeTimeout: number;
  /** Longest time without traffic (either direction) on an open channel. */
  idleTimeout: number;
  /** From the first byte of a frame (open channel) to its last. */
  frameTimeout: number;
}

const CLOSE_GRACE_MS = 2000;
/** Bytes counted for a waiting message besides its length (an upper bound of its framing). */
const MESSAGE_CHARGE = 16;
/** Upper bound of a frame's bytes beyond its message (Noise 18, tutorial 32). */
const FRAME_OVERHEAD = 64;
/** Room for what one read may add: a partial frame (a Noise handshake frame: ≤ 65 537) and a read. */
const READ_SLACK = 128 * 1024;

/** Bytes a connection holds in one direction (see the file header). */
export interface BufferedBytes {
  /** The frame being received plus the messages waiting for the application. */
  incoming: number;
  /** Frames written to the socket and not yet handed to the OS. */
  outgoing: number;
}

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
  #queuedBytes = 0;
  /** send() calls waiting for the peer to read (not yet encrypted). */
  #outbox: { message: Uint8Array; resolve: () => void; reject: (e: Error) => void }[] = [];
  #ended = false;
  /** Reading stops while this many bytes of messages wait; frames wait while this many are unsent. */
  readonly #pauseAt: number;
  /** Most bytes held per direction. */
  readonly bufferBudget: number;
  #frameTimer: ReturnType<typeof setTimeout> | undefined;
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
    const frame = engine.maxMessageLength + FRAME_OVERHEAD;
    this.#pauseAt = Math.max(frame, 64 * 1024);
    this.bufferBudget = this.#pauseAt + frame + READ_SLACK;
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

  /** Bytes held now in each direction; each stays at most `bufferBudget` (file header). */
  get buffered(): BufferedBytes {
    return {
      incoming: this.#engine.bufferedLength + this.#queuedBytes,
      outgoing: this.#socket.writableLength,
    };
  }

  /**
   * Encrypts and sends one message; resolves when it has been handed to the OS. While the
   * peer is not reading (a budget's worth unsent) the message waits, in order, before it is
   * encrypted: do not modify it until the promise settles.
   * @throws TypeError (not bytes), RangeError (larger than maxMessageLength),
   *   CryptoError CHANNEL_CLOSED when not open
   */
  async send(message: Uint8Array): Promise<void> {
    assertBytes(message, 'message');
    if (message.length > this.#engine.maxMessageLength)
      throw new RangeError(
        `channel: message is ${message.length} bytes, more than the ${this.#engine.maxMessageLength} allowed`,
      );
    if (this.#state !== 'open')
      throw new CryptoError(
        'CHANNEL_CLOSED',
        `channel: cannot send, the channel is ${this.#state}`,
      );
    await new Promise<void>((resolve, reject) => {
      this.#outbox.push({ message, resolve, reject });
      this.#pump();
    });
  }

  /** Encrypts and writes waiting messages while fewer than #pauseAt bytes are unsent. */
  #pump(): void {
    while (
      this.#outbox.length > 0 &&
      (this.#state === 'open' || this.#state === 'closing') &&
      this.#socket.writableLength < this.#pauseAt
    ) {
      const item = this.#outbox.shift()!;
      let frame: Uint8Array;
      try {
        frame = this.#engine.seal(item.message);
      } catch (error) {
        item.reject(error as Error);
        continue;
      }
      this.#socket.write(frame, (error) => {
        if (error) item.reject(error);
        else item.resolve();
        this.#pump();
      });
    }
    if (this.#outbox.length === 0 && this.#state === 'closing' && !this.#ended) {
      this.#ended = true;
      this.#socket.end();
    }
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
      this.#clearFrameTimer();
      this.#pump(); // FIN once the messages already given to send() are written
      this.#socket.resume(); // read on (discarding) so the peer's FIN gets through
      this.#graceTimer = setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS);
      this.#resolveWaiters(); // the iterator ends once the queue is drained
    }
    await this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        const message = this.#take();
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
    if (output.messages.length > 0) this.#clearFrameTimer(); // a frame completed: the clock starts anew
    for (const message of output.messages) {
      this.#queue.push(message);
      this.#queuedBytes += message.length + MESSAGE_CHARGE;
    }
    this.#flush();
  }

  /** The next waiting message, uncounted. */
  #take(): Uint8Array | undefined {
    const message = this.#queue.shift();
    if (message !== undefined) this.#queuedBytes -= message.length + MESSAGE_CHARGE;
    return message;
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.#state !== 'closed') {
      if (this.listenerCount('message') > 0) this.#emitSafely('message', this.#take());
      else if (this.#waiters.length > 0)
        this.#waiters.shift()!.resolve({ value: this.#take()!, done: false });
      else break;
    }
    if (this.#queuedBytes >= this.#pauseAt && this.#state === 'open') {
      this.#socket.pause();
      this.#clearFrameTimer(); // we stopped reading: the peer is not to blame for a slow frame
    } else {
      this.#resumeIfDrained();
      this.#armFrameTimer();
    }
  }

  #resumeIfDrained(): void {
    if (this.#queuedBytes < this.#pauseAt && this.#socket.isPaused() && this.#state === 'open') {
      this.#socket.resume();
      this.#armFrameTimer();
    }
  }

  /** Starts the frame deadline when a frame is incomplete; stops it when none is. */
  #armFrameTimer(): void {
    if (this.#state !== 'open' || this.#engine.bufferedLength === 0) {
      this.#clearFrameTimer();
    } else if (this.#frameTimer === undefined && this.#timeouts.frameTimeout > 0) {
      const timer = setTimeout(() => {
        // An event loop kept busy past the deadline runs its timers before it reads: decide
        // after the next poll phase has delivered what has already arrived.
        setImmediate(() => {
          if (this.#frameTimer === timer)
            this.#fail(
              new CryptoError(
                'TIMEOUT',
                `channel: frame not complete within ${this.#timeouts.frameTimeout} ms`,
              ),
            );
        });
      }, this.#timeouts.frameTimeout);
      this.#frameTimer = timer;
    }
  }

  #clearFrameTimer(): void {
    if (this.#frameTimer !== undefined) clearTimeout(this.#frameTimer);
    this.#frameTimer = undefined;
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
    this.#clearFrameTimer();
    const unsent = new Error('channel: closed before the message was sent');
    for (const item of this.#outbox.splice(0)) item.reject(this.#error ?? unsent);
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
