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
 * The life cycle is SecureChannel's, written once in ./connection-lifecycle.ts: the states,
 * `ready` and `closed`, the timeouts, delivery to 'message' listeners or an iterator, failure
 * and closing. The socket is paused while 64 KiB of received data waits to be read, and
 * resumed below 32 KiB. A record whose first byte has arrived must be complete within
 * `frameTimeout` once the channel is open; trickled bytes do not restart that clock, a
 * completed record does, and it does not run while reading is paused. `duplex()` gives the
 * same connection as a Node stream.Duplex (./tls-duplex.ts).
 *
 * Not here: PEM files (./tls-credentials.ts), dialling and listening (./tls-client.ts,
 * ./tls-server.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { TlsError } from '../tls/alert.js';
import type { TlsClient } from '../tls/client.js';
import type { TlsOutput } from '../tls/connection.js';
import type { Negotiated } from '../tls/options.js';
import type { TlsServer } from '../tls/server.js';
import {
  type ChannelPolicy,
  type ChannelState,
  type ChannelTimeouts,
  ConnectionLifecycle,
} from './connection-lifecycle.js';
import { TlsDuplex } from './tls-duplex.js';

/** Received application bytes waiting to be read at which the socket is paused. */
const HIGH_WATER_BYTES = 64 * 1024;
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
  readonly #policy: ChannelPolicy;
  readonly #maxMessageLength: number;
  readonly #lifecycle: ConnectionLifecycle;
  #writeEnded = false;
  #discarding = false;
  #duplex: TlsDuplex<TlsChannel> | undefined;

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
    this.#policy = policy;
    this.#maxMessageLength = maxMessageLength;
    this.#lifecycle = new ConnectionLifecycle(this, socket, {
      name: 'tls',
      frameName: 'record',
      sendArgument: 'data',
      timeouts,
      policy,
      pauseAt: HIGH_WATER_BYTES,
      resumeBelow: HIGH_WATER_BYTES / 2,
      messageCharge: 0,
      pendingBytes: () => engine.bufferedRecordBytes,
      onData: (chunk) => this.#onData(chunk),
      onEnd: () => this.#onEnd(),
      onSocketError: (error) => {
        // A reset after we have closed both directions is the peer's way of saying goodbye.
        if (this.#lifecycle.state === 'closing') socket.destroy();
        else this.#lifecycle.fail(error, 'destroy');
      },
      errorAtClose: (state) => this.#truncation(state),
      close: () => this.close(),
    });
    this.ready = this.#lifecycle.ready;
    this.closed = this.#lifecycle.closed;
    this.#step(() => ({ frames: engine.start(), messages: [] }), false);
  }

  /** The peer's address as "host:port" or "[v6 host]:port" (for logs; "?" until connected). */
  get remote(): string {
    return this.#lifecycle.remote;
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
    return this.#lifecycle.state === 'open' && !this.#writeEnded;
  }

  /** True once the peer has sent close_notify: no more data will arrive. */
  get peerEnded(): boolean {
    return this.#lifecycle.peerEnded;
  }

  /** Bytes held for this connection now: received data not yet read, and records not yet written to the OS. */
  get buffered(): { incoming: number; outgoing: number } {
    return {
      incoming: this.#lifecycle.queuedBytes + this.#engine.bufferedRecordBytes,
      outgoing: this.#socket.writableLength,
    };
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
   * @throws TypeError (not bytes), RangeError (larger than maxMessageLength),
   *   CryptoError CHANNEL_CLOSED when not open (also after `end()`)
   */
  async send(data: Uint8Array): Promise<void> {
    const { state } = this.#lifecycle;
    const shown = this.#writeEnded && state === 'open' ? 'ended' : state;
    this.#lifecycle.assertSendable(data, this.#maxMessageLength, this.isOpen, shown);
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
    if (!this.isOpen)
      throw new Error(`tls: cannot update keys, the channel is ${this.#lifecycle.state}`);
    this.#socket.write(this.#engine.updateKeys(requestPeerUpdate));
  }

  /**
   * Half-close: sends close_notify and FIN; data from the peer is still delivered until it
   * closes too. Resolves once the socket has closed.
   */
  end(): Promise<void> {
    return this.#lifecycle.close(() => {
      if (this.#writeEnded) return;
      this.#endWriting();
      if (this.#lifecycle.peerEnded) this.#lifecycle.beginClosing();
    });
  }

  /**
   * Closes gracefully: close_notify, then FIN. Data that arrives after this call is discarded
   * (what was already received can still be iterated). Resolves once the socket is closed
   * (forcibly after 2 s if the peer does not close its side).
   * @example await channel.close()
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => {
      if (!this.#writeEnded) this.#endWriting();
      this.#discarding = true;
      this.#lifecycle.beginClosing();
    });
  }

  /**
   * This connection as a Node stream.Duplex (one per channel): what is written is sent,
   * what arrives is readable, `end()` sends close_notify.
   * @example
   * const response = await new Promise<IncomingMessage>((resolve) => https.get({ path: '/', createConnection: () => channel.duplex() }, resolve))
   * response.statusCode // 200
   */
  duplex(): TlsDuplex<TlsChannel> {
    this.#duplex ??= new TlsDuplex(this, this.#socket);
    return this.#duplex;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#lifecycle.iterator();
  }

  /** close_notify (§6.1), then FIN: our direction is closed. */
  #endWriting(): void {
    this.#writeEnded = true;
    try {
      this.#socket.write(this.#engine.close());
    } catch {
      // the engine has already failed or closed: nothing to send
    }
    this.#socket.end();
  }

  #onData(chunk: Uint8Array): void {
    if (this.#discarding) return;
    const before = this.#engine.bufferedRecordBytes;
    // Fewer bytes held than were added: at least one record completed.
    this.#step(
      () => this.#engine.receive(chunk),
      () => this.#engine.bufferedRecordBytes < before + chunk.byteLength,
    );
  }

  /**
   * Runs one engine step: writes its records, follows its state, delivers its data.
   * `completed` tells whether a record completed (the record deadline then starts anew).
   */
  #step(run: () => TlsOutput, completed: boolean | (() => boolean)): void {
    let output: TlsOutput;
    try {
      output = run();
    } catch (error) {
      this.#failWithAlert(error as Error);
      return;
    }
    for (const frame of output.frames) this.#socket.write(frame);
    if (this.#engine.established) this.#lifecycle.opened();
    this.#lifecycle.deliver(
      output.messages,
      typeof completed === 'boolean' ? completed : completed(),
    );
    if (this.#engine.peerClosed && !this.#lifecycle.peerEnded) this.#onPeerClosed();
  }

  /** The peer sent close_notify (§6.1): no more data will arrive. */
  #onPeerClosed(): void {
    this.#lifecycle.peerEnd();
    if (this.#writeEnded) this.#lifecycle.beginClosing();
    else if (this.#policy.closeOnPeerEnd) void this.close();
  }

  #onEnd(): void {
    // FIN. Without the peer's close_notify first this is a truncation (or a failed handshake).
    const { state } = this.#lifecycle;
    if (state === 'closed') return;
    try {
      this.#engine.receiveEnd();
    } catch (error) {
      if (!this.#discarding) {
        this.#lifecycle.fail(error as Error, 'destroy');
        return;
      }
    }
    if (state === 'open' && !this.#lifecycle.peerEnded) this.#onPeerClosed();
    if (this.#writeEnded || this.#discarding) this.#socket.end();
  }

  /** Our refusal: the peer gets the alert record, then the connection is closed. */
  #failWithAlert(error: Error): void {
    const record = error instanceof TlsError ? error.alertRecord : undefined;
    if (record !== undefined && this.#socket.writable && !this.#socket.destroyed) {
      this.#lifecycle.fail(error, 'linger', record);
    } else {
      this.#lifecycle.fail(error);
    }
  }

  /** An open channel closing without the peer's close_notify (nor our close()) was cut short. */
  #truncation(state: ChannelState): Error | undefined {
    if (state !== 'open' || this.#lifecycle.peerEnded || this.#discarding) return undefined;
    return new TlsError(undefined, 'tls: the connection closed without close_notify (truncated)', {
      origin: 'transport',
    });
  }
}
