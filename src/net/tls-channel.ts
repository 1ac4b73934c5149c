/// <reference types="node" />
/**
 * TlsChannel: one TCP connection driven by a socket-free TLS 1.3 engine (src/tls), client or
 * server, with the interface of SecureChannel (./secure-channel.ts): `ready`, `closed`,
 * `send`, `close`, the 'message' / 'end' / 'close' events and `for await`.
 *
 * The socket only moves bytes: every received chunk goes to `engine.receive()`, the records it
 * returns are written back, and the application data it returns is delivered (one 'message'
 * per record's data: TLS carries a byte stream, so message boundaries are not preserved).
 *   handshaking ──(established)──▶ open ──(close())──▶ closing ──(socket closed)──▶ closed
 *        └──────────(refusal, alert, truncation, timeout)──┴──────────────────▶ closed with error
 * Closure follows RFC 8446 §6.1:
 *   - `close()` sends close_notify, then FIN, and discards what still arrives; `end()` sends
 *     close_notify and FIN but goes on delivering data until the peer closes (a half-close,
 *     as TLS 1.3 allows: each side closes its own write direction).
 *   - the peer's close_notify ends the incoming data ('end'; the iterator finishes). A client
 *     channel (and a server channel without a handler) answers at once with its own
 *     close_notify; a server channel given to a handler stays writable until `close()`.
 *   - a FIN (or reset) without close_notify first is a truncation: the channel closes with a
 *     TlsError (origin 'transport'), since an attacker can cut a TCP stream but cannot forge
 *     close_notify.
 * Any refusal by the engine (a forged record, a bad certificate, …) writes the alert record
 * the engine made (§6.2) and closes the connection: on the server side gracefully (FIN, then
 * what still arrives is read and discarded for up to 2 s), on the client side at once after
 * the alert. A fatal alert from the peer closes the channel with that alert as its error.
 * Timers are cleared on every path to `closed`.
 *
 * Delivery and back-pressure are those of SecureChannel: 'message' listeners, or an iterator;
 * the socket is paused while more than 64 KiB of received data waits to be read. A record whose
 * first byte has arrived must be complete within `frameTimeout` once the channel is open;
 * trickled bytes do not restart that clock, a completed record does. `duplex()` gives the same
 * connection as a Node stream.Duplex (./tls-duplex.ts).
 *
 * Not here: PEM files (./tls-credentials.ts), dialling and listening (./tls-client.ts,
 * ./tls-server.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { CryptoError } from '../errors.js';
import { TlsError } from '../tls/alert.js';
import type { TlsClient } from '../tls/client.js';
import type { TlsOutput } from '../tls/connection.js';
import type { Negotiated } from '../tls/options.js';
import type { TlsServer } from '../tls/server.js';
import type { ChannelPolicy, ChannelTimeouts, FailurePolicy } from './secure-channel.js';
import { TlsDuplex } from './tls-duplex.js';

/** Received application bytes waiting to be read above which the socket is paused. */
const HIGH_WATER_BYTES = 64 * 1024;
const CLOSE_GRACE_MS = 2000;
/** The default and largest `send` input (sent as records of at most 2^14 bytes, §5.1). */
export const TLS_MAX_MESSAGE = 1 << 20;

/**
 * A TLS 1.3 connection with the channel interface of SecureChannel.
 *
 * Events: 'message' (data: Uint8Array), 'end' (the peer sent close_notify), 'close'
 * (error?: Error). No 'error' event is ever emitted: the error arrives with 'close' and is
 * thrown by a pending iterator.
 * @example
 * for await (const data of channel) await channel.send(data) // an echo service
 */
export class TlsChannel extends EventEmitter implements AsyncIterable<Uint8Array> {
  /** 'tls' */
  readonly protocol = 'tls';
  /** Resolves when the handshake completes; rejects (and the socket is gone) when it fails. */
  readonly ready: Promise<void>;
  /** Resolves when the socket has closed; never rejects. */
  readonly closed: Promise<Error | undefined>;
  readonly #socket: Socket;
  readonly #engine: TlsClient | TlsServer;
  readonly #timeouts: ChannelTimeouts;
  readonly #policy: ChannelPolicy;
  readonly #maxMessageLength: number;
  #queue: Uint8Array[] = [];
  #waiters: { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: Error) => void }[] = [];
  #state: 'handshaking' | 'open' | 'closing' | 'closed' = 'handshaking';
  #peerEnded = false;
  #writeEnded = false;
  #discarding = false;
  #error: Error | undefined;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  #recordTimer: ReturnType<typeof setTimeout> | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #duplex: TlsDuplex | undefined;
  #resolveReady!: () => void;
  #rejectReady!: (error: Error) => void;
  #resolveClosed!: (error: Error | undefined) => void;

  /** @internal Use tlsConnect() or createServer({ protocol: 'tls' }). */
  constructor(
    socket: Socket,
    engine: TlsClient | TlsServer,
    timeouts: ChannelTimeouts,
    policy: ChannelPolicy = { onFailure: 'destroy', closeOnPeerEnd: true },
    maxMessageLength = TLS_MAX_MESSAGE,
  ) {
    super();
    this.#socket = socket;
    this.#engine = engine;
    this.#timeouts = timeouts;
    this.#policy = policy;
    this.#maxMessageLength = maxMessageLength;
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {}); // observed through 'close' / tlsConnect(); never unhandled
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('error', (error) => this.#onSocketError(error));
    socket.on('timeout', () => this.#fail(new CryptoError('TIMEOUT', 'tls: idle timeout')));
    socket.on('close', () => this.#onClose());
    if (timeouts.handshakeTimeout > 0) {
      this.#handshakeTimer = setTimeout(
        () => this.#fail(new CryptoError('TIMEOUT', 'tls: handshake timeout')),
        timeouts.handshakeTimeout,
      );
    }
    this.on('newListener', (event) => {
      if (event === 'message') queueMicrotask(() => this.#flush());
    });
    this.#step(() => ({ frames: engine.start(), messages: [] }));
  }

  /** The peer's address as "host:port" or "[v6 host]:port" (for logs; "?" until connected). */
  get remote(): string {
    const host = this.#socket.remoteAddress ?? '?';
    const port = this.#socket.remotePort ?? '?';
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  }

  /** Always undefined: a TLS peer is identified by its certificate (`negotiated`). */
  get remoteStaticKey(): undefined {
    return undefined;
  }

  /** What the handshake negotiated: version, suite, group, signature scheme, ALPN, SNI, chain. */
  get negotiated(): Readonly<Negotiated> {
    return this.#engine.negotiated;
  }

  /** True while data can be sent (also after the peer's close_notify, until `close()`). */
  get isOpen(): boolean {
    return this.#state === 'open' && !this.#writeEnded;
  }

  /** True once the peer has sent close_notify: no more data will arrive. */
  get peerEnded(): boolean {
    return this.#peerEnded;
  }

  /** Bytes held for this connection now: received data not yet read, and records not yet written to the OS. */
  get buffered(): { incoming: number; outgoing: number } {
    return {
      incoming: this.#queuedBytes() + this.#engine.bufferedRecordBytes,
      outgoing: this.#socket.writableLength,
    };
  }

  /** Application data received and waiting to be read. */
  #queuedBytes(): number {
    let bytes = 0;
    for (const data of this.#queue) bytes += data.length;
    return bytes;
  }

  /** The largest `send` input. */
  get maxMessageLength(): number {
    return this.#maxMessageLength;
  }

  /**
   * TLS-Exporter (RFC 8446 §7.5), once established.
   * @example channel.exportKeyingMaterial('EXPERIMENTAL my-app', new Uint8Array(0), 32)
   */
  exportKeyingMaterial(label: string, context: Uint8Array, length: number): Uint8Array {
    return this.#engine.exportKeyingMaterial(label, context, length);
  }

  /**
   * Encrypts and sends `data` (in records of at most 2^14 bytes); resolves when handed to the OS.
   * @throws TypeError (not bytes), RangeError (larger than maxMessageLength), Error when closed
   */
  async send(data: Uint8Array): Promise<void> {
    if (!(data instanceof Uint8Array)) throw new TypeError('tls: data must be a Uint8Array');
    if (data.length > this.#maxMessageLength)
      throw new RangeError(`tls: data longer than maxMessageLength (${this.#maxMessageLength})`);
    if (!this.isOpen)
      throw new Error(
        `tls: cannot send, the channel is ${this.#writeEnded && this.#state === 'open' ? 'ended' : this.#state}`,
      );
    const records = this.#engine.seal(data);
    await new Promise<void>((resolve, reject) => {
      this.#socket.write(records, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Asks the peer to update its keys and updates ours (KeyUpdate, RFC 8446 §4.6.3).
   * @throws Error when the channel is not open
   */
  updateKeys(requestPeerUpdate = true): void {
    if (!this.isOpen) throw new Error(`tls: cannot update keys, the channel is ${this.#state}`);
    this.#socket.write(this.#engine.updateKeys(requestPeerUpdate));
  }

  /**
   * Half-close: sends close_notify and FIN; data from the peer is still delivered until it
   * closes too. Resolves once the socket has closed.
   */
  async end(): Promise<void> {
    if (this.#state === 'handshaking') {
      this.#fail(new Error('tls: closed during the handshake'), 'destroy');
    } else if (this.#state === 'open' && !this.#writeEnded) {
      this.#writeEnded = true;
      this.#sendCloseNotify();
      this.#socket.end();
      if (this.#peerEnded) this.#beginClosing();
    }
    await this.closed;
  }

  /**
   * Closes gracefully: close_notify, then FIN. Data that arrives after this call is discarded
   * (what was already received can still be iterated). Resolves once the socket is closed
   * (forcibly after 2 s if the peer does not close its side).
   * @example await channel.close()
   */
  async close(): Promise<void> {
    if (this.#state === 'handshaking') {
      this.#fail(new Error('tls: closed during the handshake'), 'destroy');
    } else if (this.#state === 'open') {
      if (!this.#writeEnded) {
        this.#writeEnded = true;
        this.#sendCloseNotify();
        this.#socket.end();
      }
      this.#discarding = true;
      this.#beginClosing();
    }
    await this.closed;
  }

  /**
   * This connection as a Node stream.Duplex (one per channel): what is written is sent,
   * what arrives is readable, `end()` sends close_notify.
   * @example
   * const response = await new Promise((resolve) => https.get({ path: '/', createConnection: () => channel.duplex() }, resolve))
   * response.statusCode // 200
   */
  duplex(): TlsDuplex {
    this.#duplex ??= new TlsDuplex(this, this.#socket);
    return this.#duplex;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        const message = this.#queue.shift();
        if (message !== undefined) {
          this.#resumeIfDrained();
          return Promise.resolve({ value: message, done: false });
        }
        if (this.#state === 'closed' || this.#discarding || this.#peerEnded) {
          return this.#error
            ? Promise.reject(this.#error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
      },
      return: async () => {
        void this.close();
        return { value: undefined, done: true };
      },
    };
  }

  #sendCloseNotify(): void {
    try {
      this.#socket.write(this.#engine.close());
    } catch {
      // the engine has already failed or closed: nothing to send
    }
  }

  /** Both directions are closed (or we gave up reading): wait for the socket, at most 2 s. */
  #beginClosing(): void {
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    this.#clearHandshakeTimer();
    this.#socket.resume(); // read on so that the peer's FIN gets through
    this.#graceTimer = setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS);
    this.#resolveWaiters();
  }

  #onData(chunk: Buffer): void {
    if (this.#state === 'closed' || this.#discarding) return;
    const before = this.#engine.bufferedRecordBytes;
    this.#step(() =>
      this.#engine.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    );
    // Fewer bytes held than were added: at least one record completed.
    this.#armRecordTimer(this.#engine.bufferedRecordBytes < before + chunk.byteLength);
  }

  /**
   * The record deadline: started by the first byte of a record, restarted when a record
   * completes while another has begun, stopped when no partial record is held.
   */
  #armRecordTimer(progressed: boolean): void {
    if (
      this.#state !== 'open' ||
      this.#engine.bufferedRecordBytes === 0 ||
      this.#timeouts.frameTimeout === 0
    ) {
      this.#clearRecordTimer();
      return;
    }
    if (this.#recordTimer !== undefined && !progressed) return;
    this.#clearRecordTimer();
    const timer = setTimeout(() => {
      // A busy event loop runs timers before it reads: decide after the next poll phase.
      setImmediate(() => {
        if (this.#recordTimer === timer)
          this.#fail(
            new CryptoError(
              'TIMEOUT',
              `tls: record not complete within ${this.#timeouts.frameTimeout} ms`,
            ),
          );
      });
    }, this.#timeouts.frameTimeout);
    this.#recordTimer = timer;
  }

  #clearRecordTimer(): void {
    if (this.#recordTimer !== undefined) clearTimeout(this.#recordTimer);
    this.#recordTimer = undefined;
  }

  /** Runs one engine step: writes its records, delivers its data, follows its state. */
  #step(run: () => TlsOutput): void {
    let output: TlsOutput;
    try {
      output = run();
    } catch (error) {
      this.#failWithAlert(error as Error);
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
    if (this.#engine.peerClosed && !this.#peerEnded) this.#onPeerClosed();
  }

  /** The peer sent close_notify (§6.1): no more data will arrive. */
  #onPeerClosed(): void {
    this.#peerEnded = true;
    this.#resolveWaiters();
    this.#emitSafely('end');
    if (this.#writeEnded) this.#beginClosing();
    else if (this.#policy.closeOnPeerEnd) void this.close();
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.#state !== 'closed') {
      if (this.listenerCount('message') > 0) this.#emitSafely('message', this.#queue.shift());
      else if (this.#waiters.length > 0)
        this.#waiters.shift()!.resolve({ value: this.#queue.shift()!, done: false });
      else break;
    }
    if (this.#queuedBytes() > HIGH_WATER_BYTES && this.#state === 'open') this.#socket.pause();
    else this.#resumeIfDrained();
  }

  #resumeIfDrained(): void {
    if (
      this.#queuedBytes() <= HIGH_WATER_BYTES / 2 &&
      this.#socket.isPaused() &&
      this.#state !== 'closed'
    )
      this.#socket.resume();
  }

  #onEnd(): void {
    // FIN. Without the peer's close_notify first this is a truncation (or a failed handshake).
    if (this.#state === 'closed') return;
    try {
      this.#engine.receiveEnd();
    } catch (error) {
      if (!this.#discarding) {
        this.#fail(error as Error, 'destroy');
        return;
      }
    }
    if (this.#state === 'open' && !this.#peerEnded) this.#onPeerClosed();
    if (this.#writeEnded || this.#discarding) this.#socket.end();
  }

  #onSocketError(error: Error): void {
    // A reset after we have closed both directions is the peer's way of saying goodbye.
    if (this.#state === 'closing') this.#socket.destroy();
    else this.#fail(error, 'destroy');
  }

  /** Our refusal: the peer gets the alert record, then the connection is closed. */
  #failWithAlert(error: Error): void {
    const record = error instanceof TlsError ? error.alertRecord : undefined;
    if (record !== undefined && this.#socket.writable && !this.#socket.destroyed) {
      this.#fail(error, 'linger', record);
    } else {
      this.#fail(error);
    }
  }

  /** Ends pending iterator calls (only waiting while the queue is empty). */
  #resolveWaiters(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  #emitSafely(event: 'message' | 'end', ...args: unknown[]): void {
    try {
      this.emit(event, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#fail(new Error(`tls: a '${event}' listener threw: ${message}`, { cause: error }));
    }
  }

  #fail(
    error: Error,
    policy: FailurePolicy = this.#policy.onFailure,
    alertRecord?: Uint8Array,
  ): void {
    if (this.#state === 'closed') return;
    if (this.#error === undefined) this.#error = error;
    const socket = this.#socket;
    if ((policy === 'linger' || alertRecord) && socket.writable && !socket.destroyed) {
      // The alert (if any) and FIN now; read and discard whatever still arrives, so the kernel
      // does not answer unread data with a reset; destroy after the grace period.
      if (alertRecord) socket.end(alertRecord);
      else socket.end();
      socket.resume();
      const linger = setTimeout(
        () => socket.destroy(),
        this.#policy.onFailure === 'linger' ? CLOSE_GRACE_MS : 200,
      );
      socket.once('close', () => clearTimeout(linger));
    } else {
      socket.destroy();
    }
    this.#onClose();
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const wasHandshaking = this.#state === 'handshaking';
    if (
      this.#error === undefined &&
      !this.#peerEnded &&
      !this.#discarding &&
      this.#state === 'open'
    )
      this.#error = new TlsError(
        undefined,
        'tls: the connection closed without close_notify (truncated)',
        {
          origin: 'transport',
        },
      );
    this.#state = 'closed';
    this.#clearHandshakeTimer();
    this.#clearRecordTimer();
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.#socket.setTimeout(0);
    if (wasHandshaking)
      this.#rejectReady(
        this.#error ??
          new CryptoError('HANDSHAKE_FAILED', 'tls: connection closed during the handshake'),
      );
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#error) waiter.reject(this.#error);
      else waiter.resolve({ value: undefined, done: true });
    }
    this.#resolveClosed(this.#error);
    try {
      this.emit('close', this.#error);
    } catch (error) {
      process.emitWarning(
        `ecdh-lab tls: a 'close' listener threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== undefined) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }
}
