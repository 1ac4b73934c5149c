/// <reference types="node" />
/**
 * A TlsChannel as a Node stream.Duplex, so that ecdh-lab's TLS plugs into Node's ecosystem:
 * `https.request({ createConnection: () => tlsStream(options) })` runs an HTTP request over it.
 *
 *   write(bytes)  → sent once the handshake has completed (earlier writes wait for it)
 *   'data'        ← application data, in order, every byte authenticated
 *   end()         → close_notify and FIN (the peer's data is still readable until it closes)
 *   'end'         ← the peer's close_notify
 *   'error'       ← a failed handshake, an alert, a truncation (closed without close_notify)
 *   destroy()     → close_notify if possible, then the socket is closed
 * Back-pressure: the stream reads from the channel's iterator only while its buffer has room,
 * and the channel pauses the socket when its own queue fills up.
 * The socket-like methods Node's http client calls (setTimeout, setNoDelay, setKeepAlive, ref,
 * unref) are passed to the TCP socket underneath.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/**
 * What the stream needs of the channel underneath: TlsChannel (./tls-channel.ts) is one. The
 * stream names these members, not the class, so that the channel can make its stream
 * (`duplex()`) without the two modules importing each other.
 */
export interface DuplexChannel extends AsyncIterable<Uint8Array> {
  readonly ready: Promise<void>;
  readonly closed: Promise<Error | undefined>;
  readonly maxMessageLength: number;
  send(data: Uint8Array): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TLS connection as a stream.Duplex; get one from `channel.duplex()` or `tlsStream()`, whose
 * `channel` is the TlsChannel.
 */
export class TlsDuplex<Channel extends DuplexChannel = DuplexChannel> extends Duplex {
  /** The channel underneath (its `negotiated`, `ready`, `closed`). */
  readonly channel: Channel;
  /** True, as on a node:tls TLSSocket. */
  readonly encrypted = true;
  readonly #socket: Socket;
  readonly #iterator: AsyncIterator<Uint8Array>;
  #reading = false;
  #connecting = true;
  #forwardsTimeout = false;

  /** @internal Use channel.duplex() or tlsStream(). */
  constructor(channel: Channel, socket: Socket) {
    super({ allowHalfOpen: true });
    this.channel = channel;
    this.#socket = socket;
    this.#iterator = channel[Symbol.asyncIterator]();
    channel.ready.then(
      () => {
        this.#connecting = false;
        this.emit('secureConnect');
      },
      () => (this.#connecting = false),
    );
    channel.closed.then((error) => {
      if (error !== undefined) this.destroy(error);
      else if (!this.destroyed && this.readableEnded && this.writableFinished) this.destroy();
    });
  }

  get remoteAddress(): string | undefined {
    return this.#socket.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.#socket.remotePort;
  }

  get localAddress(): string | undefined {
    return this.#socket.localAddress;
  }

  get localPort(): number | undefined {
    return this.#socket.localPort;
  }

  /** True until the handshake has completed or failed (writes are held back until then). */
  get connecting(): boolean {
    return this.#connecting;
  }

  /** Idle timeout of the TCP socket; 'timeout' is emitted here too (Node's http client uses it). */
  setTimeout(ms: number, callback?: () => void): this {
    if (!this.#forwardsTimeout) {
      this.#forwardsTimeout = true;
      this.#socket.on('timeout', () => this.emit('timeout'));
    }
    this.#socket.setTimeout(ms);
    if (callback) this.once('timeout', callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.#socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.#socket.setKeepAlive(enable, initialDelay);
    return this;
  }

  ref(): this {
    this.#socket.ref();
    return this;
  }

  unref(): this {
    this.#socket.unref();
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error) => void): void {
    this.channel.ready
      .then(() => {
        return this.#sendAll(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      })
      .then(() => callback(), callback);
  }

  async #sendAll(data: Uint8Array): Promise<void> {
    const max = this.channel.maxMessageLength;
    for (let offset = 0; offset < data.length; offset += max)
      await this.channel.send(data.subarray(offset, offset + max));
  }

  override _final(callback: (e?: Error) => void): void {
    this.channel.ready.then(
      () => {
        void this.channel.end();
        callback();
      },
      (error) => callback(error),
    );
  }

  override _read(): void {
    if (this.#reading) return;
    this.#reading = true;
    this.#pull();
  }

  #pull(): void {
    this.#iterator.next().then(
      ({ value, done }) => {
        if (done) {
          this.#reading = false;
          this.push(null);
          return;
        }
        if (this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) this.#pull();
        else this.#reading = false;
      },
      (error: Error) => {
        this.#reading = false;
        this.destroy(error);
      },
    );
  }

  override _destroy(error: Error | null, callback: (e: Error | null) => void): void {
    void this.channel.close();
    callback(error);
  }
}
