/**
 * Handshake message framing (RFC 8446 §4) and reassembly across records (§5.1).
 *
 *   struct { HandshakeType msg_type; uint24 length; <body of length bytes> } Handshake;
 *
 * Records and handshake messages are independent: one record may carry several messages and
 * one message may span several records. `HandshakeBuffer` collects handshake-record content and
 * yields whole messages. A message's declared length is checked as soon as its 4-byte header
 * has arrived, so a peer cannot make us wait for (and buffer) more than MAX_HANDSHAKE_MESSAGE
 * bytes (MAX_CERTIFICATE_MESSAGE for a certificate chain): a larger message is refused with
 * illegal_parameter, without reading its body.
 */
import { concatBytes } from '../bytes/index.js';
import { ByteQueue } from '../channel/byte-queue.js';
import { refuse } from './alert.js';
import { HANDSHAKE_TYPE, handshakeTypeName } from './registry.js';
import { u8, u24 } from './wire.js';

/** The largest handshake message accepted, other than Certificate: 64 KiB. */
export const MAX_HANDSHAKE_MESSAGE = 65536;
/** The largest Certificate message accepted: 256 KiB. */
export const MAX_CERTIFICATE_MESSAGE = 262144;

/** One whole handshake message. */
export interface HandshakeMessage {
  readonly type: number;
  /** The body, without the 4-byte header. */
  readonly body: Uint8Array;
  /** The whole message, header included: what the transcript hashes. */
  readonly raw: Uint8Array;
}

/**
 * Frames a handshake message: msg_type ‖ uint24 length ‖ body.
 * @example handshakeMessage(HANDSHAKE_TYPE.finished, verifyData)
 */
export function handshakeMessage(type: number, body: Uint8Array): Uint8Array {
  return concatBytes(u8(type), u24(body.length), body);
}

/**
 * Reassembles handshake messages from record fragments.
 * @example
 * const buffer = new HandshakeBuffer()
 * buffer.push(handshakeMessage(HANDSHAKE_TYPE.key_update, Uint8Array.of(0)))
 * buffer.next()?.type // 24
 */
export class HandshakeBuffer {
  readonly #queue = new ByteQueue();

  /** True when part of a message has arrived (a key change must not happen then, §5.1). */
  get hasPartialMessage(): boolean {
    return this.#queue.length > 0;
  }

  push(fragment: Uint8Array): void {
    this.#queue.push(fragment);
  }

  /**
   * The next whole message, or undefined until it has arrived.
   * @throws TlsError illegal_parameter for a message above the size limit
   */
  next(): HandshakeMessage | undefined {
    const header = this.#queue.peek(4);
    if (header === undefined) return undefined;
    const type = header[0];
    const length = (header[1] << 16) | (header[2] << 8) | header[3];
    const limit =
      type === HANDSHAKE_TYPE.certificate ? MAX_CERTIFICATE_MESSAGE : MAX_HANDSHAKE_MESSAGE;
    if (length > limit)
      throw refuse(
        'illegal_parameter',
        `tls: ${handshakeTypeName(type)} of ${length} bytes exceeds the ${limit}-byte limit`,
      );
    if (this.#queue.length < 4 + length) return undefined;
    const raw = this.#queue.read(4 + length)!;
    return Object.freeze({ type, body: raw.subarray(4), raw });
  }
}
