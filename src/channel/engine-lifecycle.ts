/**
 * The life cycle every ChannelEngine (./engine.ts) shares, written once for NoiseChannel and
 * TutorialChannel:
 *
 *   new ──start()──▶ started ──(handshake done)──▶ established
 *                       └──────────(receive() refuses the peer's bytes)──────────▶ dead
 *
 * - `start()` runs once; a second call is refused.
 * - `receive()` is refused before `start()` and once the engine is dead. A refusal of the
 *   peer's bytes (any error thrown while processing them) kills the engine: every later
 *   `receive()` and `seal()` is refused, so nothing is ever read or sealed past a failure.
 * - `seal()` checks its argument (bytes, at most `maxMessageLength`), then refuses an engine
 *   that is not established, or dead.
 * Misuse by the caller (start twice, receive before start, seal too early) throws without
 * killing the engine: it changed nothing. Every refusal is a CryptoError 'PROTOCOL_ERROR',
 * besides TypeError/RangeError for a bad message.
 *
 * Each engine owns one ChannelLifecycle (kept private) and passes it its protocol steps.
 */
import { assertBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';

export class ChannelLifecycle {
  /** The prefix of error messages: 'channel' (Noise) or 'tutorial'. */
  readonly #name: string;
  #started = false;
  #dead = false;

  constructor(name: string) {
    this.#name = name;
  }

  /** Runs `firstFrames` the first time only. @throws CryptoError PROTOCOL_ERROR on a second call */
  start(firstFrames: () => Uint8Array[]): Uint8Array[] {
    if (this.#started)
      throw new CryptoError('PROTOCOL_ERROR', `${this.#name}: start() called twice`);
    this.#started = true;
    return firstFrames();
  }

  /**
   * Runs `process` on a started, living engine; whatever it throws kills the engine.
   * @throws CryptoError PROTOCOL_ERROR when dead or not started; whatever `process` throws
   */
  receive<T>(process: () => T): T {
    if (this.#dead)
      throw new CryptoError('PROTOCOL_ERROR', `${this.#name}: this channel has failed`);
    if (!this.#started)
      throw new CryptoError('PROTOCOL_ERROR', `${this.#name}: receive() before start()`);
    try {
      return process();
    } catch (error) {
      this.#dead = true;
      throw error;
    }
  }

  /**
   * Checks `message`, then runs `sealFrame` on an established, living engine.
   * @throws TypeError (not bytes), RangeError (longer than maxMessageLength),
   *   CryptoError PROTOCOL_ERROR when not established or dead
   */
  seal(
    message: Uint8Array,
    maxMessageLength: number,
    established: boolean,
    sealFrame: () => Uint8Array,
  ): Uint8Array {
    assertBytes(message, 'message');
    if (message.length > maxMessageLength)
      throw new RangeError(
        `${this.#name}: message is ${message.length} bytes, more than the ${maxMessageLength} allowed`,
      );
    if (!established || this.#dead)
      throw new CryptoError('PROTOCOL_ERROR', `${this.#name}: not established`);
    return sealFrame();
  }
}
