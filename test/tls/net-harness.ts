/**
 * A small node:net harness for the TLS interop tests: it drives a socket-free TlsConnection
 * over a TCP socket (the library's own TLS transport comes later). Every chunk read goes to
 * `receive()`, the frames it returns are written, the application data is collected. A refusal
 * writes the alert record and ends the socket; the end of the stream is reported through
 * `receiveEnd()` (so a missing close_notify is a truncation error).
 */
import * as net from 'node:net';
import { TlsError } from '../../src/tls/alert';
import type { TlsConnection } from '../../src/tls/connection';

export class SocketTls {
  readonly engine: TlsConnection;
  readonly socket: net.Socket;
  /** Resolves once the handshake completed; rejects with the failure otherwise. */
  readonly ready: Promise<void>;
  /** Resolves when the socket has closed, with the error that ended it (if any). */
  readonly closed: Promise<Error | undefined>;
  #received: Buffer[] = [];
  #closed = false;
  #error: Error | undefined;
  #waiters: (() => void)[] = [];
  #ready!: () => void;
  #notReady!: (error: Error) => void;

  constructor(engine: TlsConnection, socket: net.Socket, start = true) {
    this.engine = engine;
    this.socket = socket;
    this.ready = new Promise((resolve, reject) => {
      this.#ready = resolve;
      this.#notReady = reject;
    });
    this.ready.catch(() => {});
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.#notReady(this.#error ?? new Error('closed before the handshake completed'));
        this.#wake();
        resolve(this.#error);
      }),
    );
    socket.on('error', (error) => this.#fail(error));
    socket.on('data', (chunk: Buffer) => this.#step(() => engine.receive(new Uint8Array(chunk))));
    socket.on('end', () => {
      try {
        engine.receiveEnd();
      } catch (error) {
        this.#error ??= error as Error;
      }
      this.#wake();
      socket.end();
    });
    if (start) this.#step(() => ({ frames: engine.start(), messages: [] }));
  }

  /** Everything received so far, as text. */
  get text(): string {
    return Buffer.concat(this.#received).toString('utf8');
  }

  get error(): Error | undefined {
    return this.#error;
  }

  send(data: string | Uint8Array): void {
    this.socket.write(this.engine.seal(typeof data === 'string' ? Buffer.from(data) : data));
  }

  /** close_notify, then FIN. */
  close(): void {
    if (!this.socket.writable || this.#closed) return;
    this.#closed = true;
    this.socket.end(this.engine.close());
  }

  /** Waits until `predicate` holds for the received text (or the socket closes). */
  async until(predicate: (text: string) => boolean): Promise<string> {
    while (!predicate(this.text) && !this.socket.destroyed && !this.#error)
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.text;
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #step(run: () => { frames: Uint8Array[]; messages: Uint8Array[] }): void {
    if (this.#error) return;
    try {
      const { frames, messages } = run();
      for (const frame of frames) this.socket.write(frame);
      for (const message of messages) this.#received.push(Buffer.from(message));
      if (this.engine.established) this.#ready();
      // The peer will send nothing more: answer with our close_notify (as HTTP/1.0 clients and
      // echo servers do) rather than leave the connection half-open.
      if (this.engine.peerClosed) this.close();
    } catch (error) {
      if (error instanceof TlsError && error.alertRecord !== undefined)
        this.socket.end(error.alertRecord);
      else this.socket.destroy();
      this.#fail(error as Error);
    }
    this.#wake();
  }

  #fail(error: Error): void {
    this.#error ??= error;
    this.#notReady(error);
    this.#wake();
  }
}

/** Connects to 127.0.0.1:port and drives `engine` over the socket. */
export function connectTls(engine: TlsConnection, port: number): Promise<SocketTls> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () =>
      resolve(new SocketTls(engine, socket)),
    );
    socket.once('error', reject);
  });
}

/** A TCP server on 127.0.0.1 (port 0) that drives one engine per connection. */
export async function listenTls(
  makeEngine: () => TlsConnection,
  onConnection: (connection: SocketTls) => void,
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(new SocketTls(makeEngine(), socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
