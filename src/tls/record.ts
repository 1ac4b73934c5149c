/**
 * The TLS 1.3 record layer (RFC 8446 §5): framing, protection and the limits.
 *
 *   TLSPlaintext  (§5.1):  type(1) ‖ legacy_record_version(2) ‖ length(2) ‖ fragment
 *                          length ≤ 2^14; legacy_record_version is ignored when received
 *   TLSCiphertext (§5.2):  23 ‖ 0x0303 ‖ length(2) ‖ encrypted_record, length ≤ 2^14 + 256
 *   TLSInnerPlaintext:     content ‖ ContentType type ‖ zeros (padding), at most 2^14 + 1 bytes
 *   per-record nonce (§5.3):  the 64-bit sequence number, big-endian, left-padded with zeros
 *                          to iv_length, XOR the write IV; the sequence number starts at 0 for
 *                          each key and increases by one per record
 *   additional_data (§5.2):   the TLSCiphertext header (opaque_type ‖ legacy_record_version ‖ length)
 *
 * `RecordReader` splits a byte stream into records (refusing an oversized length as soon as the
 * header arrives), `RecordProtection` seals and opens records under one traffic key, and
 * `fragment` cuts content into records of at most 2^14 bytes. Alerts for violations:
 * record_overflow for the limits, bad_record_mac for a record that does not authenticate,
 * unexpected_message for an inner plaintext with no content type (all zeros).
 *
 * Not here: which records are allowed when (that is the connection's business), record padding
 * on send (the API takes a padding length, the engine sends none), and compression (none in 1.3).
 */
import { concatBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { ByteQueue } from '../channel/byte-queue.js';
import { refuse } from './alert.js';
import { CONTENT_TYPE, TLS12 } from './registry.js';
import type { TlsAead, TlsCipherSuite } from './suites.js';

/** The largest TLSPlaintext.fragment and TLSInnerPlaintext content: 2^14 bytes (§5.1). */
export const MAX_PLAINTEXT = 2 ** 14;
/** The largest TLSCiphertext.encrypted_record: 2^14 + 256 bytes (§5.2). */
export const MAX_CIPHERTEXT = 2 ** 14 + 256;
/** Bytes of a record header. */
export const RECORD_HEADER_LENGTH = 5;

/** One record as it came off the wire. */
export interface TlsRecord {
  readonly type: number;
  readonly legacyVersion: number;
  /** The fragment (TLSPlaintext) or encrypted_record (TLSCiphertext). */
  readonly fragment: Uint8Array;
}

/**
 * Cuts a byte stream into records.
 * @example
 * const reader = new RecordReader()
 * reader.push(plaintextRecord(CONTENT_TYPE.alert, encodeAlert('close_notify')))
 * reader.next()?.type // 21
 */
export class RecordReader {
  readonly #queue = new ByteQueue();

  /** Bytes received but not yet returned as records. */
  get buffered(): number {
    return this.#queue.length;
  }

  push(chunk: Uint8Array): void {
    this.#queue.push(chunk);
  }

  /**
   * The next whole record, or undefined until it has arrived.
   * @throws TlsError record_overflow for a length above 2^14 + 256 (any type) or above 2^14 for
   *   a type other than application_data (the outer type of every protected record)
   */
  next(): TlsRecord | undefined {
    const header = this.#queue.peek(RECORD_HEADER_LENGTH);
    if (header === undefined) return undefined;
    const type = header[0];
    const length = (header[3] << 8) | header[4];
    const limit = type === CONTENT_TYPE.application_data ? MAX_CIPHERTEXT : MAX_PLAINTEXT;
    if (length > limit)
      throw refuse('record_overflow', `tls: record of ${length} bytes exceeds ${limit}`);
    if (this.#queue.length < RECORD_HEADER_LENGTH + length) return undefined;
    this.#queue.skip(RECORD_HEADER_LENGTH);
    return Object.freeze({
      type,
      legacyVersion: (header[1] << 8) | header[2],
      fragment: this.#queue.read(length)!,
    });
  }
}

/** A record header: type ‖ version ‖ length. */
function header(type: number, version: number, length: number): Uint8Array {
  return Uint8Array.of(type, version >>> 8, version & 0xff, length >>> 8, length & 0xff);
}

/**
 * An unprotected record (TLSPlaintext).
 * @param version - legacy_record_version: 0x0303, or 0x0301 for an initial ClientHello
 * @example plaintextRecord(CONTENT_TYPE.change_cipher_spec, Uint8Array.of(1)) // 14 03 03 00 01 01
 */
export function plaintextRecord(type: number, fragment: Uint8Array, version = TLS12): Uint8Array {
  if (fragment.length > MAX_PLAINTEXT) throw new RangeError('tls: record fragment above 2^14');
  return concatBytes(header(type, version, fragment.length), fragment);
}

/**
 * Splits `content` into pieces of at most `size` bytes (one piece for empty content).
 * @example fragment(new Uint8Array(40000)).map((f) => f.length) // [16384, 16384, 7232]
 */
export function fragment(content: Uint8Array, size = MAX_PLAINTEXT): Uint8Array[] {
  if (content.length === 0) return [content];
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < content.length; offset += size)
    pieces.push(content.subarray(offset, Math.min(content.length, offset + size)));
  return pieces;
}

/** What `open` returns: the real content type and the content, padding removed. */
export interface OpenedRecord {
  readonly type: number;
  readonly content: Uint8Array;
}

/**
 * Record protection under one traffic key (§5.2–§5.3), with its own sequence number.
 * @example
 * const protect = new RecordProtection(suite, keys.key, keys.iv)
 * socket.write(protect.seal(CONTENT_TYPE.application_data, data))
 */
export class RecordProtection {
  readonly #aead: TlsAead;
  readonly #iv: Uint8Array;
  readonly #tagLength: number;
  /** The next record's sequence number. */
  #sequence = 0;

  constructor(suite: TlsCipherSuite, key: Uint8Array, iv: Uint8Array) {
    if (iv.length !== suite.ivLength || iv.length < 8)
      throw new RangeError(`tls: the IV must be ${suite.ivLength} bytes`);
    this.#aead = suite.aead(key);
    this.#iv = iv.slice();
    this.#tagLength = suite.tagLength;
  }

  /** Records sealed or opened so far under this key. */
  get sequence(): number {
    return this.#sequence;
  }

  /** The nonce of the next record (§5.3): iv XOR the sequence number, left-padded to iv_length. */
  #nonce(): Uint8Array {
    const nonce = this.#iv.slice();
    // 2^53 records is far beyond any limit the connection allows, so `number` is exact here.
    if (!Number.isSafeInteger(this.#sequence + 1))
      throw new CryptoError('LIMIT_EXCEEDED', 'tls: sequence number exhausted');
    let sequence = this.#sequence;
    for (let i = nonce.length - 1; i >= nonce.length - 8 && sequence > 0; i--) {
      nonce[i] ^= sequence % 256;
      sequence = Math.floor(sequence / 256);
    }
    return nonce;
  }

  /**
   * One TLSCiphertext record carrying `content` of the real type `type`, followed by
   * `padding` zero bytes inside the encryption.
   */
  seal(type: number, content: Uint8Array, padding = 0): Uint8Array {
    if (!Number.isSafeInteger(padding) || padding < 0)
      throw new RangeError('tls: padding must be a non-negative integer');
    const innerLength = content.length + 1 + padding;
    // padding ≥ 0, so this also bounds the content alone to 2^14 bytes (§5.2)
    if (innerLength > MAX_PLAINTEXT + 1)
      throw new RangeError('tls: record content above 2^14 bytes');
    const inner = new Uint8Array(innerLength); // TLSInnerPlaintext: content ‖ type ‖ zeros
    inner.set(content);
    inner[content.length] = type;
    const head = header(CONTENT_TYPE.application_data, TLS12, innerLength + this.#tagLength);
    const record = concatBytes(head, this.#aead.seal(this.#nonce(), inner, head));
    this.#sequence++;
    return record;
  }

  /**
   * Opens one TLSCiphertext record: authenticates it, then strips the padding.
   * @throws TlsError bad_record_mac when it does not authenticate (no plaintext is released);
   *   record_overflow when the inner plaintext exceeds 2^14 + 1 bytes; unexpected_message when
   *   it is all zeros
   */
  open(record: TlsRecord): OpenedRecord {
    const encrypted = record.fragment;
    const head = header(record.type, record.legacyVersion, encrypted.length);
    let inner: Uint8Array;
    try {
      inner = this.#aead.open(this.#nonce(), encrypted, head);
    } catch (error) {
      // The sequence number does not advance: a server skipping rejected 0-RTT records
      // (§4.2.10) tries the next record under the same number.
      if (error instanceof CryptoError && error.code === 'AUTH_FAILED')
        throw refuse('bad_record_mac', 'tls: a record did not authenticate');
      throw error;
    }
    this.#sequence++;
    if (inner.length > MAX_PLAINTEXT + 1)
      throw refuse('record_overflow', 'tls: inner plaintext above 2^14 + 1 bytes');
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--; // strip the zero padding (§5.4)
    if (end < 0) throw refuse('unexpected_message', 'tls: protected record has no content type');
    return Object.freeze({ type: inner[end], content: inner.subarray(0, end) });
  }
}
