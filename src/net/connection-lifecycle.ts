/// <reference types="node" />
/**
 * The life cycle of one channel over one TCP socket, written once for SecureChannel (Noise and
 * tutorial, ./secure-channel.ts) and TlsChannel (./tls-channel.ts). Each channel owns one
 * ConnectionLifecycle (kept private) and keeps only what its protocol adds: how received bytes
 * become messages, how the peer says it is done (a FIN, or TLS close_notify), what `close()`
 * sends first.
 *
 *   handshaking ──opened()──▶ open ──beginClosing()──▶ closing ──(socket closed)──▶ closed
 *        └──────────(fail(): refusal, timeout, socket error)──┴─────────────▶ closed with error
 *
 * Here:
 *   - `ready` (resolves when open; rejects if the socket closes first) and `closed` (resolves
 *     with the error, if any, once the socket has closed; never rejects);
 *   - the handshake timeout, the idle timeout once open, and the frame (record) deadline: a
 *     frame whose first byte has arrived must be complete within `frameTimeout` once open.
 *     Trickled bytes do not restart that clock, a completed frame does; it does not run while
 *     reading is paused for the application;
 *   - delivery: received messages wait in order; they go to 'message' listeners while there
 *     are any, else to the iterator. Reading from the socket pauses while `pauseAt` bytes (each
 *     message counted as its length + `messageCharge`) wait, and resumes below `resumeBelow`;
 *   - `send` checks: bytes, at most `maxMessageLength`, and CryptoError CHANNEL_CLOSED unless
 *     open;
 *   - close and destroy are idempotent: `close()` during the handshake destroys the socket,
 *     on an open channel it runs the protocol's goodbye and waits for the socket (destroyed
 *     after 2 s at most); on a closing or closed channel it only waits;
 *   - errors: the first error is the channel's; it rejects `ready` (during the handshake) and
 *     pending iterator calls, and arrives with 'close'. A failure with the 'linger' policy
 *     (server side) sends FIN, then reads and discards for up to 2 s so the peer sees an
 *     orderly close rather than a reset; 'destroy' (client side) drops the socket at once. No
 *     'error' event is ever emitted, and a throwing listener closes its channel with its error
 *     without reaching the socket's event handlers. Every timer is cleared on the way to
 *     `closed`.
 */
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { assertBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { formatAddress } from './address.js';

/** Timeouts of one connection, in milliseconds (0 disables). */
export interface ChannelTimeouts {
  /** From TCP connect to an established channel. */
  handshakeTimeout: number;
  /** Longest time without traffic (either direction) on an open channel. */
  idleTimeout: number;
  /** From the first byte of a frame (open channel) to its last. */
  frameTimeout: number;
}

/** @internal How a failed connection's socket is let go (see the file header). */
export type FailurePolicy = 'linger' | 'destroy';

/** @internal What the owner (server or client) decides for each connection. */
export interface ChannelPolicy {
  /** 'linger': FIN, read and discard for up to 2 s, then destroy; 'destroy': at once. */
  onFailure: FailurePolicy;
  /** Close as soon as the peer has ended its direction (else stay writable until close()). */
  closeOnPeerEnd: boolean;
}

export type ChannelState = 'handshaking' | 'open' | 'closing' | 'closed';

/** How long a closing socket may take, and a failed server socket lingers, before it is destroyed. */
const CLOSE_GRACE_MS = 2000;
/** How long a client socket lingers after an alert record, so that the record gets out. */
const ALERT_LINGER_MS = 200;

/** @internal What a channel tells its life cycle. */
export interface LifecycleOptions {
  /** The error messages' prefix: 'channel' or 'tls'. */
  name: string;
  /** What the frame deadline's message calls a frame: 'frame' or 'record'. */
  frameName: string;
  /** What errors call `send`'s argument: 'message' or 'data'. */
  sendArgument: string;
  timeouts: ChannelTimeouts;
  policy: ChannelPolicy;
  /** Reading pauses while this many bytes of messages wait... */
  pauseAt: number;
  /** ...and resumes once fewer than this many do. */
  resumeBelow: number;
  /** Bytes counted for each waiting message besides its length. */
  messageCharge: number;
  /** Received bytes of an incomplete frame (the frame deadline runs while there are some). */
  pendingBytes: () => number;
  /** A chunk from the socket, unless the channel is closed. */
  onData: (chunk: Uint8Array) => void;
  /** The socket's 'end' (the peer's FIN). */
  onEnd: () => void;
  /** The socket's 'error'; by default the channel fails at once. */
  onSocketError?: (error: Error) => void;
  /** Called as the channel closes without an error: may name one (a TLS truncation). */
  errorAtClose?: (state: ChannelState) => Error | undefined;
  /** Called once closed, with the channel's error if any. */
  onClosed?: (error: Error | undefined) => void;
  /** The channel's close(), for an iterator left early. */
  close: () => Promise<void>;
}

/** @internal One channel's state, timers, delivery and closing (see the file header). */
export class ConnectionLifecycle {
  /** Resolves when the handshake completes; rejects (and the socket is gone) when it fails. */
  readonly ready: Promise<void>;
  /** Resolves when the socket has closed; never rejects. */
  readonly closed: Promise<Error | undefined>;
  readonly socket: Socket;
  readonly #owner: EventEmitter;
  readonly #options: LifecycleOptions;
  #state: ChannelState = 'handshaking';
  #error: Error | undefined;
  #peerEnded = false;
  readonly #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #waiters: { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: Error) => void }[] = [];
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  #frameTimer: ReturnType<typeof setTimeout> | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #resolveReady!: () => void;
  #rejectReady!: (error: Error) => void;
  #resolveClosed!: (error: Error | undefined) => void;

  /** Wires the socket's events and starts the handshake timer. */
  constructor(owner: EventEmitter, socket: Socket, options: LifecycleOptions) {
    this.#owner = owner;
    this.socket = socket;
    this.#options = options;
    const { name, timeouts } = options;
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {}); // observed through 'close' / connect(); never unhandled
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (this.#state !== 'closed')
        options.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('end', () => options.onEnd());
    socket.on('error', (error) =>
      options.onSocketError ? options.onSocketError(error) : this.fail(error, 'destroy'),
    );
    socket.on('timeout', () => this.fail(new CryptoError('TIMEOUT', `${name}: idle timeout`)));
    socket.on('close', () => this.#onClose());
    if (timeouts.handshakeTimeout > 0) {
      this.#handshakeTimer = setTimeout(
        () => this.fail(new CryptoError('TIMEOUT', `${name}: handshake timeout`)),
        timeouts.handshakeTimeout,
      );
    }
    owner.on('newListener', (event) => {
      if (event === 'message') queueMicrotask(() => this.flush());
    });
  }

  get state(): ChannelState {
    return this.#state;
  }

  /** True once the peer has ended its direction: no more messages will arrive. */
  get peerEnded(): boolean {
    return this.#peerEnded;
  }

  /** Bytes of the messages waiting for the application, each counted with `messageCharge`. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** The peer's address as "host:port" or "[v6 host]:port" (for logs; "?" until connected). */
  get remote(): string {
    return formatAddress(this.socket.remoteAddress ?? '?', this.socket.remotePort ?? '?');
  }

  /** The handshake is done: handshaking → open, the idle timeout starts, `ready` resolves. */
  opened(): void {
    if (this.#state !== 'handshaking') return;
    this.#state = 'open';
    this.#clearHandshakeTimer();
    const { idleTimeout } = this.#options.timeouts;
    if (idleTimeout > 0) this.socket.setTimeout(idleTimeout);
    this.#resolveReady();
  }

  /**
   * Queues received messages and delivers what it can. `completed`: a frame was completed,
   * so the frame deadline starts anew for the next one.
   */
  deliver(messages: Uint8Array[], completed: boolean): void {
    if (completed) this.#clearFrameTimer();
    for (const message of messages) {
      this.#queue.push(message);
      this.#queuedBytes += message.length + this.#options.messageCharge;
    }
    this.flush();
  }

  /** Hands waiting messages to listeners or the iterator; pauses or resumes reading. */
  flush(): void {
    while (this.#queue.length > 0 && this.#state !== 'closed') {
      if (this.#owner.listenerCount('message') > 0) this.emitSafely('message', this.#take());
      else if (this.#waiters.length > 0)
        this.#waiters.shift()!.resolve({ value: this.#take()!, done: false });
      else break;
    }
    if (this.#queuedBytes >= this.#options.pauseAt && this.#state === 'open') {
      this.socket.pause();
      this.#clearFrameTimer(); // we stopped reading: the peer is not to blame for a slow frame
    } else {
      this.#resumeIfDrained();
      this.armFrameTimer();
    }
  }

  /** The peer has ended its direction (FIN, or close_notify): the iterator finishes, 'end'. */
  peerEnd(): void {
    this.#peerEnded = true;
    this.#resolveWaiters();
    this.emitSafely('end');
  }

  /**
   * open → closing: messages arriving from now on are the channel's to discard; the socket is
   * read on (so the peer's FIN gets through) and destroyed after 2 s at the latest.
   * @returns false (and does nothing) unless the channel was open
   */
  beginClosing(): boolean {
    if (this.#state !== 'open') return false;
    this.#state = 'closing';
    this.#clearHandshakeTimer();
    this.#clearFrameTimer();
    this.socket.resume();
    this.#graceTimer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    this.#resolveWaiters(); // the iterator ends once the queue is drained
    return true;
  }

  /**
   * The channel's `close()` (and TLS's `end()`): during the handshake the socket is destroyed;
   * on an open channel `whenOpen` says goodbye; in any state this waits for the socket.
   */
  async close(whenOpen: () => void): Promise<void> {
    if (this.#state === 'handshaking') {
      this.fail(new Error(`${this.#options.name}: closed during the handshake`), 'destroy');
    } else if (this.#state === 'open') {
      whenOpen();
    }
    await this.closed;
  }

  /**
   * The checks of `send`.
   * @throws TypeError (not bytes), RangeError (longer than maxMessageLength),
   *   CryptoError CHANNEL_CLOSED when `open` is false
   */
  assertSendable(
    message: Uint8Array,
    maxMessageLength: number,
    open: boolean,
    state: string,
  ): void {
    const { name, sendArgument } = this.#options;
    assertBytes(message, sendArgument);
    if (message.length > maxMessageLength)
      throw new RangeError(
        `${name}: ${sendArgument} is ${message.length} bytes, more than the ${maxMessageLength} allowed`,
      );
    if (!open)
      throw new CryptoError('CHANNEL_CLOSED', `${name}: cannot send, the channel is ${state}`);
  }

  /** `for await` over the received messages; leaving the loop early closes the channel. */
  iterator(): AsyncIterator<Uint8Array> {
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
        void this.#options.close();
        return { value: undefined, done: true };
      },
    };
  }

  /** Emits to application listeners; a throwing listener closes this channel with its error. */
  emitSafely(event: 'message' | 'end', ...args: unknown[]): void {
    try {
      this.#owner.emit(event, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.fail(
        new Error(`${this.#options.name}: a '${event}' listener threw: ${message}`, {
          cause: error,
        }),
      );
    }
  }

  /**
   * Closes the channel with `error` (the first error is kept). 'linger', or an alert record to
   * send, ends the socket gracefully (FIN, read and discard, destroy after the grace period);
   * 'destroy' drops it at once. Does nothing once closed.
   */
  fail(
    error: Error,
    policy: FailurePolicy = this.#options.policy.onFailure,
    alertRecord?: Uint8Array,
  ): void {
    if (this.#state === 'closed') return;
    if (this.#error === undefined) this.#error = error;
    const socket = this.socket;
    if ((policy === 'linger' || alertRecord) && socket.writable && !socket.destroyed) {
      // The alert (if any) and FIN now; read and discard whatever still arrives (nothing is
      // processed once closed), so the kernel does not answer unread data with a reset.
      if (alertRecord) socket.end(alertRecord);
      else socket.end();
      socket.resume();
      const linger = setTimeout(
        () => socket.destroy(),
        this.#options.policy.onFailure === 'linger' ? CLOSE_GRACE_MS : ALERT_LINGER_MS,
      );
      socket.once('close', () => clearTimeout(linger));
    } else {
      socket.destroy();
    }
    this.#onClose();
  }

  /**
   * Starts the frame deadline when a frame is incomplete and none runs (or anew after a
   * completed frame); stops it when no frame is incomplete.
   */
  armFrameTimer(): void {
    const { frameTimeout } = this.#options.timeouts;
    if (this.#state !== 'open' || this.#options.pendingBytes() === 0 || frameTimeout === 0) {
      this.#clearFrameTimer();
    } else if (this.#frameTimer === undefined) {
      const timer = setTimeout(() => {
        // An event loop kept busy past the deadline runs its timers before it reads: decide
        // after the next poll phase has delivered what has already arrived.
        setImmediate(() => {
          if (this.#frameTimer === timer)
            this.fail(
              new CryptoError(
                'TIMEOUT',
                `${this.#options.name}: ${this.#options.frameName} not complete within ${frameTimeout} ms`,
              ),
            );
        });
      }, frameTimeout);
      this.#frameTimer = timer;
    }
  }

  /** The next waiting message, uncounted. */
  #take(): Uint8Array | undefined {
    const message = this.#queue.shift();
    if (message !== undefined) this.#queuedBytes -= message.length + this.#options.messageCharge;
    return message;
  }

  #resumeIfDrained(): void {
    if (
      this.#queuedBytes < this.#options.resumeBelow &&
      this.socket.isPaused() &&
      this.#state === 'open'
    ) {
      this.socket.resume();
      this.armFrameTimer();
    }
  }

  /** Ends pending iterator calls (only waiting while the queue is empty). */
  #resolveWaiters(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const { name } = this.#options;
    const wasHandshaking = this.#state === 'handshaking';
    this.#error ??= this.#options.errorAtClose?.(this.#state);
    this.#state = 'closed';
    this.#clearHandshakeTimer();
    this.#clearFrameTimer();
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.socket.setTimeout(0);
    this.#options.onClosed?.(this.#error);
    if (wasHandshaking)
      this.#rejectReady(
        this.#error ??
          new CryptoError('HANDSHAKE_FAILED', `${name}: connection closed during the handshake`),
      );
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#error) waiter.reject(this.#error);
      else waiter.resolve({ value: undefined, done: true });
    }
    this.#resolveClosed(this.#error);
    try {
      this.#owner.emit('close', this.#error);
    } catch (error) {
      // Too late to close anything; report it without crashing the process.
      process.emitWarning(
        `ecdh-lab ${name}: a 'close' listener threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== undefined) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }

  #clearFrameTimer(): void {
    if (this.#frameTimer !== undefined) clearTimeout(this.#frameTimer);
    this.#frameTimer = undefined;
  }
}
