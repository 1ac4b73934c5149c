/**
 * The TLS presentation language's encodings (RFC 8446 §3), read strictly and written exactly.
 *
 *   uint8, uint16, uint24            big-endian unsigned integers (§3.3)
 *   opaque x<floor..ceiling>         a variable-length vector: a length prefix of the fewest
 *                                    bytes that can hold `ceiling` (1, 2 or 3), then the bytes (§3.4)
 *
 * `TlsReader` walks one structure: every read is bounds-checked, every vector's length must lie
 * in its declared range, and `end()` insists that nothing is left over. Any violation throws
 * TlsError decode_error (§6.2: "a message could not be decoded because some field was out of
 * the specified range or the length of the message was incorrect"). Each read consumes bytes,
 * so a parse costs time linear in its input.
 *
 * The writers (`u8`, `u16`, `u24`, `vector8`, `vector16`, `vector24`) build fresh arrays; a
 * value out of range is a bug of ours, so they throw RangeError.
 */
import { concatBytes } from '../bytes/index.js';
import { refuse } from './alert.js';

/**
 * Reads one TLS structure; `what` names it in error messages ("ClientHello", "key_share").
 * @example
 * const reader = new TlsReader(Uint8Array.of(0, 2, 3, 4), 'example')
 * reader.vector(2, 0, 10, 'field') // Uint8Array [3, 4]
 * reader.end()
 */
export class TlsReader {
  readonly #bytes: Uint8Array;
  readonly #what: string;
  #offset = 0;

  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#what = what;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  #take(n: number): Uint8Array {
    if (n > this.remaining)
      throw refuse('decode_error', `tls: ${this.#what}: truncated (needs ${n} more bytes)`);
    const out = this.#bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  u8(): number {
    return this.#take(1)[0];
  }

  u16(): number {
    const b = this.#take(2);
    return (b[0] << 8) | b[1];
  }

  u24(): number {
    const b = this.#take(3);
    return (b[0] << 16) | (b[1] << 8) | b[2];
  }

  /** Exactly `n` bytes, copied (the caller may keep them). */
  bytes(n: number): Uint8Array {
    return this.#take(n).slice();
  }

  /** A vector with a `prefix`-byte length in [floor, ceiling], copied. */
  vector(prefix: 1 | 2 | 3, floor: number, ceiling: number, field: string): Uint8Array {
    const length = prefix === 1 ? this.u8() : prefix === 2 ? this.u16() : this.u24();
    if (length < floor || length > ceiling)
      throw refuse(
        'decode_error',
        `tls: ${this.#what}: ${field} is ${length} bytes, outside <${floor}..${ceiling}>`,
      );
    return this.bytes(length);
  }

  /** Like `vector`, returned as a reader over its content. */
  nested(prefix: 1 | 2 | 3, floor: number, ceiling: number, field: string): TlsReader {
    return new TlsReader(this.vector(prefix, floor, ceiling, field), `${this.#what}: ${field}`);
  }

  /** @throws TlsError decode_error when bytes are left over */
  end(): void {
    if (this.remaining !== 0)
      throw refuse(
        'decode_error',
        `tls: ${this.#what}: ${this.remaining} unexpected trailing bytes`,
      );
  }
}

function assertUint(value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits)
    throw new RangeError(`tls: ${value} does not fit in uint${bits}`);
}

/** uint8 */
export function u8(value: number): Uint8Array {
  assertUint(value, 8);
  return Uint8Array.of(value);
}

/** uint16, big-endian */
export function u16(value: number): Uint8Array {
  assertUint(value, 16);
  return Uint8Array.of(value >>> 8, value & 0xff);
}

/** uint24, big-endian */
export function u24(value: number): Uint8Array {
  assertUint(value, 24);
  return Uint8Array.of(value >>> 16, (value >>> 8) & 0xff, value & 0xff);
}

/** opaque x<0..2^8-1>: a 1-byte length, then the bytes. */
export function vector8(...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(u8(body.length), body);
}

/** opaque x<0..2^16-1>: a 2-byte length, then the bytes. */
export function vector16(...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(u16(body.length), body);
}

/** opaque x<0..2^24-1>: a 3-byte length, then the bytes. */
export function vector24(...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(u24(body.length), body);
}
