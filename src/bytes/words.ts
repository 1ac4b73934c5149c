/**
 * Big-endian 32- and 64-bit words, the byte order FIPS 180-4 (§3.1), SP 800-38D (§6.1, the
 * length block and the counter) and the Noise nonce (§12.3: AESGCM) all use.
 *
 * These are the checked, general-purpose forms. Hot loops (the SHA-256 compression, the AES
 * rounds) read and write words inline instead, on offsets they have already bounded.
 */
import { assertBytes, assertInteger, describeType } from './assert.js';

function assertRoom(bytes: Uint8Array, offset: number, size: number): void {
  assertBytes(bytes, 'bytes');
  assertInteger(offset, 'offset', 0, Math.max(0, bytes.length - size));
  if (bytes.length < size)
    throw new RangeError(`bytes must be at least ${size} bytes long, got ${bytes.length}`);
}

/**
 * Reads the big-endian 32-bit word at `offset` as an unsigned number.
 * @throws TypeError for a non-Uint8Array; RangeError when the word does not fit
 * @example readUint32BE(Uint8Array.of(0, 0, 1, 2), 0) // 258
 */
export function readUint32BE(bytes: Uint8Array, offset: number): number {
  assertRoom(bytes, offset, 4);
  return (
    ((bytes[offset] << 24) |
      (bytes[offset + 1] << 16) |
      (bytes[offset + 2] << 8) |
      bytes[offset + 3]) >>>
    0
  );
}

/**
 * Writes `value` (an integer in [0, 2^32)) as a big-endian 32-bit word at `offset`.
 * @throws TypeError for a non-integer value; RangeError when out of range or past the end
 * @example writeUint32BE(out, 0, 258) // out starts 00 00 01 02
 */
export function writeUint32BE(bytes: Uint8Array, offset: number, value: number): void {
  assertRoom(bytes, offset, 4);
  assertInteger(value, 'value', 0, 0xffffffff);
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

/**
 * Writes `value` (an integer in [0, 2^64): a safe-integer number or a bigint) as a
 * big-endian 64-bit word at `offset`.
 * @throws TypeError for another type (strings are not parsed); RangeError when out of range or past the end
 * @example writeUint64BE(nonce, 4, 1n) // the Noise AESGCM nonce for n = 1
 */
export function writeUint64BE(bytes: Uint8Array, offset: number, value: number | bigint): void {
  assertRoom(bytes, offset, 8);
  if (typeof value === 'number') assertInteger(value, 'value', 0, Number.MAX_SAFE_INTEGER);
  else if (typeof value !== 'bigint')
    throw new TypeError(`value must be a number or bigint, got ${describeType(value)}`);
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 64n) throw new RangeError('value must be in [0, 2^64)');
  const high = Number(v >> 32n);
  const low = Number(v & 0xffffffffn);
  writeUint32BE(bytes, offset, high);
  writeUint32BE(bytes, offset + 4, low);
}
