/// <reference types="node" />
/**
 * SecureChannel: one TCP connection driven by a pure ChannelEngine (src/channel), for both the
 * server and the client side.
 *
 * The socket only moves bytes: every received chunk goes to `engine.receive()`, the frames it
 * returns are written back, and the application messages it returns are delivered. The life
 * cycle it shares with TlsChannel (states, `ready` and `closed`, timeouts and the frame
 * deadline, delivery to listeners or the iterator, pause and resume, failure and closing) is
 * ./connection-lifecycle.ts:
 *   handshaking ──(engine established)──▶ open ──(close())──▶ closing ──(socket closed)──▶ closed
 *        └──────────(error, timeout)────────────┴──────────────┴──(error, timeout)──▶ closed with error
 * What is SecureChannel's own:
 *   - Half-close (TCP FIN) is one direction only: a peer FIN ends the incoming messages (the
 *     'end' event; the iterator finishes). What happens next is the owner's choice
 *     (`closeOnPeerEnd`): either the channel closes itself at once (clients; server channels
 *     without a handler), or `send` keeps working until our own `close()` (server channels
 *     while their handler runs, so a client may half-close and still receive every reply).
 *     `close()` sends our FIN once the messages given to `send` are written, and waits for the
 *     socket to close (forcibly after 2 s). A FIN during the handshake is a failure.
 *   - Any refusal by the engine (a forged record, an invalid point, …), a timeout or a socket
 *     error closes only this socket: on the server side gracefully (FIN, then what still
 *     arrives is read and discarded for up to 2 s), on the client side at once.
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
 *
 * Not here: the wire formats (src/channel), listening and dialling (./server.ts, ./client.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ChannelEngine, ChannelOutput } from '../channel/engine.js';
import { CryptoError } from '../errors.js';
import {
  type ChannelPolicy,
  type ChannelTimeouts,
  ConnectionLifecycle,
} from './connection-lifecycle.js';

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
  /** Most bytes held per direction. */
  readonly bufferBudget: number;
  readonly #socket: Socket;
  readonly #engine: ChannelEngine;
  readonly #policy: ChannelPolicy;
  readonly #lifecycle: ConnectionLifecycle;
  /** Frames wait while this many bytes are unsent (and reading stops while as many wait). */
  readonly #pauseAt: number;
  /** send() calls waiting for the peer to read (not yet encrypted). */
  #outbox: { message: Uint8Array; resolve: () => void; reject: (e: Error) => void }[] = [];
  #ended = false;

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
    this.protocol = engine.protocol;
    const frame = engine.maxMessageLength + FRAME_OVERHEAD;
    this.#pauseAt = Math.max(frame, 64 * 1024);
    this.bufferBudget = this.#pauseAt + frame + READ_SLACK;
    this.#lifecycle = new ConnectionLifecycle(this, socket, {
      name: 'channel',
      frameName: 'frame',
      sendArgument: 'message',
      timeouts,
      policy,
      pauseAt: this.#pauseAt,
      resumeBelow: this.#pauseAt,
      messageCharge: MESSAGE_CHARGE,
      pendingBytes: () => engine.bufferedLength,
      onData: (chunk) => this.#onData(chunk),
      onEnd: () => this.#onEnd(),
      onClosed: (error) => {
        const unsent = new Error('channel: closed before the message was sent');
        for (const item of this.#outbox.splice(0)) item.reject(error ?? unsent);
      },
      close: () => this.close(),
    });
    this.ready = this.#lifecycle.ready;
    this.closed = this.#lifecycle.closed;
    try {
      for (const frame of engine.start()) socket.write(frame);
    } catch (error) {
      this.#lifecycle.fail(error as Error);
    }
  }

  /** The peer's address as "host:port" or "[v6 host]:port" (for logs; "?" until connected). */
  get remote(): string {
    return this.#lifecycle.remote;
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
    return this.#lifecycle.state === 'open';
  }

  /** True once the peer has sent FIN: no more messages will arrive. */
  get peerEnded(): boolean {
    return this.#lifecycle.peerEnded;
  }

  /** The largest message `send` accepts. */
  get maxMessageLength(): number {
    return this.#engine.maxMessageLength;
  }

  /** Bytes held now in each direction; each stays at most `bufferBudget` (file header). */
  get buffered(): BufferedBytes {
    return {
      incoming: this.#engine.bufferedLength + this.#lifecycle.queuedBytes,
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
    const { state } = this.#lifecycle;
    this.#lifecycle.assertSendable(message, this.#engine.maxMessageLength, this.isOpen, state);
    await new Promise<void>((resolve, reject) => {
      this.#outbox.push({ message, resolve, reject });
      this.#pump();
    });
  }

  /** Encrypts and writes waiting messages while fewer than #pauseAt bytes are unsent. */
  #pump(): void {
    const { state } = this.#lifecycle;
    while (
      this.#outbox.length > 0 &&
      (state === 'open' || state === 'closing') &&
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
    if (this.#outbox.length === 0 && state === 'closing' && !this.#ended) {
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
  close(): Promise<void> {
    return this.#lifecycle.close(() => {
      this.#lifecycle.beginClosing();
      this.#pump(); // FIN once the messages already given to send() are written
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#lifecycle.iterator();
  }

  #onData(chunk: Uint8Array): void {
    // After close() whatever still arrives is read and discarded.
    if (this.#lifecycle.state === 'closing') return;
    let output: ChannelOutput;
    try {
      output = this.#engine.receive(chunk);
    } catch (error) {
      this.#lifecycle.fail(error as Error);
      return;
    }
    // Transport messages may arrive in the same chunk as the last handshake message: they are
    // in output.messages and are delivered below, after the channel has become 'open'.
    for (const frame of output.frames) this.#socket.write(frame);
    if (this.#engine.established) this.#lifecycle.opened();
    // A message means a frame completed: the frame deadline starts anew.
    this.#lifecycle.deliver(output.messages, output.messages.length > 0);
  }

  #onEnd(): void {
    // The peer sent FIN. During the handshake that is a failure; afterwards it ends only the
    // incoming direction (the socket is allowHalfOpen): we may go on sending until close().
    const { state } = this.#lifecycle;
    if (state === 'handshaking') {
      this.#lifecycle.fail(
        new CryptoError(
          'HANDSHAKE_FAILED',
          'channel: peer closed the connection during the handshake',
        ),
      );
    } else if (state === 'open' || state === 'closing') {
      this.#lifecycle.peerEnd();
      if (this.#policy.closeOnPeerEnd) void this.close();
    }
  }
}
