/**
 * ChannelEngine: what every channel protocol offers its transport, as a pure state machine —
 * bytes in, frames and messages out, no sockets. NoiseChannel (./noise-channel.ts) and
 * TutorialChannel (./tutorial-channel.ts) implement it; SecureChannel (src/net) drives one over
 * TCP.
 *
 * Use: `start()` gives the frames to write first; feed every received chunk to `receive()`,
 * write the frames it returns and hand its messages to the application; once `established`,
 * `seal(message)` gives the frame for one message. Any refusal throws a CryptoError and the
 * engine is then dead: the caller must drop the connection.
 */

/** What one `receive()` produced. */
export interface ChannelOutput {
  /** Frames to write to the peer, in order. */
  frames: Uint8Array[];
  /** Application messages received, in order. */
  messages: Uint8Array[];
}

/** The pure-protocol side of a connection; implemented by NoiseChannel and TutorialChannel. */
export interface ChannelEngine {
  /** 'tutorial', 'nn', 'nk' or 'xx'. */
  readonly protocol: string;
  /** True once application messages may be sealed. */
  readonly established: boolean;
  /** The peer's static public key once known (NK, XX), else undefined. */
  readonly remoteStaticKey: Uint8Array | undefined;
  /** Largest application message `seal` accepts. */
  readonly maxMessageLength: number;
  /**
   * Received bytes not yet turned into a message: after `receive()` returns, the start of a
   * frame whose remaining bytes have not arrived (0 when every frame is complete).
   */
  readonly bufferedLength: number;
  /** Frames to write as soon as the connection is open. */
  start(): Uint8Array[];
  /** Feeds received bytes. @throws CryptoError on any protocol violation (the channel is then dead) */
  receive(chunk: Uint8Array): ChannelOutput;
  /** One application message → one frame. @throws RangeError when too large */
  seal(message: Uint8Array): Uint8Array;
}
