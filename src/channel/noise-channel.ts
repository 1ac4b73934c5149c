/**
 * The Noise channel as a pure state machine: a HandshakeState, then two CipherStates, behind
 * ecdh-lab's wire framing (docs/PROTOCOL.md §2). Bytes in, bytes out — no sockets.
 *
 * Framing: every Noise message travels as a 2-byte big-endian length, then that many bytes
 * (≤ 65535, Noise §3). Handshake messages carry empty payloads. After the handshake each
 * application message is exactly one transport message: ENCRYPT(k, n, empty ad, message), so
 * the largest message is 65535 − 16 = 65519 bytes. The prologue is the ASCII "ecdh-lab/1".
 *
 * Use: `start()` gives the frames to write first (the initiator's first message); feed every
 * received chunk to `receive()`, write the frames it returns and hand its messages to the
 * application; once `established`, `seal(message)` gives the frame for one message.
 * Any refusal throws (HANDSHAKE_FAILED, AUTH_FAILED, PROTOCOL_ERROR, LIMIT_EXCEEDED) and the
 * channel is then dead: the caller must drop the connection.
 *
 * Not here: close messages (a TCP FIN ends the channel; an attacker can truncate the stream,
 * so applications that care must frame their own "end"), rekeying, retries.
 */
import { assertBytes, equalBytes, utf8ToBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { ByteQueue } from './byte-queue.js';
import type { CipherState } from './cipher-state.js';
import type { ChannelEngine, ChannelOutput } from './engine.js';
import { ChannelLifecycle } from './engine-lifecycle.js';
import { HandshakeState, type HandshakeEvent } from './handshake-state.js';
import type { PatternName } from './patterns.js';
import type { NoiseKeyPair, NoiseSuite } from './suite.js';

const PROLOGUE_TEXT = 'ecdh-lab/1';
/**
 * The prologue both sides mix into h: ASCII "ecdh-lab/1". Each channel makes its own from the
 * text, so changing the bytes of this exported array changes no channel.
 */
export const PROLOGUE: Uint8Array = utf8ToBytes(PROLOGUE_TEXT);
/** Largest Noise message (§3). */
export const MAX_NOISE_MESSAGE = 65535;
/** Largest application message per transport message: 65535 − 16-byte tag. */
export const MAX_NOISE_PAYLOAD = MAX_NOISE_MESSAGE - 16;

export interface NoiseChannelOptions {
  suite: NoiseSuite;
  pattern: PatternName;
  initiator: boolean;
  /** Local static key pair (NK responder; XX both sides). */
  staticKey?: NoiseKeyPair;
  /** The responder's static public key, known in advance (NK initiator; optional pin for XX). */
  remoteStaticKey?: Uint8Array;
  /**
   * Decides whether a peer's static key (XX) is acceptable; called as soon as it is read.
   * Returning false aborts the handshake with HANDSHAKE_FAILED.
   */
  verifyRemoteStaticKey?: (publicKey: Uint8Array) => boolean;
  /** Largest application message to accept or send (≤ 65519, the default). */
  maxMessageLength?: number;
  /** Fixed ephemeral key (tests, and the seeded demo; never for real use). */
  ephemeralKey?: NoiseKeyPair;
  /** For study only: sees each step of the handshake (HandshakeState's `observe`). */
  observe?: (event: HandshakeEvent) => void;
}

/**
 * One side of a Noise channel.
 * @example
 * const client = new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true })
 * socket.write(client.start()[0])
 */
export class NoiseChannel implements ChannelEngine {
  readonly protocol: string;
  readonly maxMessageLength: number;
  readonly #handshake: HandshakeState;
  readonly #verify: ((publicKey: Uint8Array) => boolean) | undefined;
  readonly #pin: Uint8Array | undefined;
  readonly #queue = new ByteQueue();
  readonly #lifecycle = new ChannelLifecycle('channel');
  #send: CipherState | undefined;
  #receive: CipherState | undefined;

  /** @throws TypeError/RangeError for missing keys or a bad maxMessageLength */
  constructor(options: NoiseChannelOptions) {
    // Each option is read once: a getter cannot show one key to the checks and another later.
    const { suite, pattern, initiator, remoteStaticKey, verifyRemoteStaticKey } = options;
    const max = options.maxMessageLength ?? MAX_NOISE_PAYLOAD;
    if (!Number.isInteger(max) || max < 1 || max > MAX_NOISE_PAYLOAD)
      throw new RangeError(
        `NoiseChannel: maxMessageLength must be an integer in [1, ${MAX_NOISE_PAYLOAD}]`,
      );
    this.maxMessageLength = max;
    this.protocol = pattern.toLowerCase();
    const knowsRemoteInAdvance = pattern === 'NK' && initiator;
    // A remote key the pattern cannot use is an error, not something to ignore silently.
    if (remoteStaticKey !== undefined && !knowsRemoteInAdvance && pattern !== 'XX')
      throw new TypeError(
        `NoiseChannel: remoteStaticKey is not used by ${pattern} as ${initiator ? 'initiator' : 'responder'}`,
      );
    if (verifyRemoteStaticKey !== undefined && pattern !== 'XX')
      throw new TypeError(`NoiseChannel: verifyRemoteStaticKey is only used by XX`);
    if (remoteStaticKey !== undefined)
      assertBytes(remoteStaticKey, 'remoteStaticKey', suite.publicKeyLength);
    const remote = remoteStaticKey?.slice();
    this.#pin = knowsRemoteInAdvance ? undefined : remote;
    this.#verify = verifyRemoteStaticKey;
    this.#handshake = new HandshakeState({
      suite,
      pattern,
      initiator,
      prologue: utf8ToBytes(PROLOGUE_TEXT),
      s: options.staticKey,
      e: options.ephemeralKey,
      rs: knowsRemoteInAdvance ? remote : undefined,
      observe: options.observe,
    });
  }

  get established(): boolean {
    return this.#send !== undefined;
  }

  get remoteStaticKey(): Uint8Array | undefined {
    return this.#handshake.remoteStaticKey;
  }

  get bufferedLength(): number {
    return this.#queue.length;
  }

  /** The handshake hash h once established (channel binding). */
  get handshakeHash(): Uint8Array {
    return this.#handshake.transportKeys.handshakeHash.slice();
  }

  start(): Uint8Array[] {
    return this.#lifecycle.start(() => (this.#handshake.isMyTurn ? [this.#writeHandshake()] : []));
  }

  receive(chunk: Uint8Array): ChannelOutput {
    return this.#lifecycle.receive(() => this.#process(chunk));
  }

  seal(message: Uint8Array): Uint8Array {
    return this.#lifecycle.seal(message, this.maxMessageLength, this.established, () =>
      frame(this.#send!.encryptWithAd(new Uint8Array(0), message)),
    );
  }

  #process(chunk: Uint8Array): ChannelOutput {
    this.#queue.push(chunk);
    const out: ChannelOutput = { frames: [], messages: [] };
    for (;;) {
      const header = this.#queue.peek(2);
      if (header === undefined) return out;
      const length = (header[0] << 8) | header[1];
      // "--" is the start of "-----BEGIN PUBLIC KEY-----": a tutorial-protocol peer. As a
      // length (11 565 bytes) it is far beyond any handshake message, so fail now, not at the
      // handshake timeout.
      if (this.#receive === undefined && header[0] === 0x2d && header[1] === 0x2d)
        throw new CryptoError(
          'HANDSHAKE_FAILED',
          'channel: the peer sent PEM text ("-----"), not a Noise message: it speaks the tutorial protocol',
        );
      if (this.#receive !== undefined && length > this.maxMessageLength + 16)
        throw new CryptoError(
          'LIMIT_EXCEEDED',
          `channel: frame of ${length} bytes exceeds the limit`,
        );
      if (this.#queue.length < 2 + length) return out;
      this.#queue.skip(2);
      const message = this.#queue.read(length)!;
      if (this.#receive === undefined) {
        const payload = this.#handshake.readMessage(message);
        if (payload.length !== 0)
          throw new CryptoError(
            'HANDSHAKE_FAILED',
            'handshake: payloads must be empty in ecdh-lab/1',
          );
        this.#checkRemoteStatic();
        if (this.#handshake.isMyTurn) out.frames.push(this.#writeHandshake());
        this.#finishIfComplete();
      } else {
        out.messages.push(this.#receive.decryptWithAd(new Uint8Array(0), message));
      }
    }
  }

  #writeHandshake(): Uint8Array {
    const message = frame(this.#handshake.writeMessage());
    this.#finishIfComplete();
    return message;
  }

  #checkRemoteStatic(): void {
    const rs = this.#handshake.remoteStaticKey;
    if (rs === undefined || this.#handshake.pattern.name !== 'XX') return;
    if (this.#pin !== undefined && !equalBytes(rs, this.#pin))
      throw new CryptoError(
        'HANDSHAKE_FAILED',
        "handshake: the peer's static key does not match the expected key",
      );
    if (this.#verify !== undefined && !this.#verify(rs.slice()))
      throw new CryptoError('HANDSHAKE_FAILED', "handshake: the peer's static key is not allowed");
  }

  #finishIfComplete(): void {
    if (this.#handshake.isComplete && this.#send === undefined) {
      const keys = this.#handshake.transportKeys;
      this.#send = keys.send;
      this.#receive = keys.receive;
    }
  }
}

/** 2-byte big-endian length ‖ message. */
function frame(message: Uint8Array): Uint8Array {
  if (message.length > MAX_NOISE_MESSAGE)
    throw new RangeError('channel: Noise message longer than 65535 bytes');
  const out = new Uint8Array(2 + message.length);
  out[0] = message.length >>> 8;
  out[1] = message.length & 0xff;
  out.set(message, 2);
  return out;
}
