/**
 * Unsigned big-endian integers ↔ fixed-width byte strings (SEC 1 §2.3.7 and §2.3.8,
 * Integer-to-Octet-String and Octet-String-to-Integer).
 */
import { assertBytes, assertInteger } from './assert.js';

/**
 * Octet-String-to-Integer: reads `bytes` as an unsigned big-endian integer.
 * @example bytesToBigInt(new Uint8Array([1, 0])) // 256n
 */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  assertBytes(bytes, 'bytes');
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/**
 * Integer-to-Octet-String: writes `value` as exactly `length` big-endian bytes.
 * @throws TypeError for a non-bigint; RangeError when negative or too large for `length`
 * @example bigIntToBytes(256n, 2) // Uint8Array [1, 0]
 */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (typeof value !== 'bigint') throw new TypeError(`value must be a bigint, got ${typeof value}`);
  assertInteger(length, 'length', 0, 1 << 20);
  if (value < 0n) throw new RangeError('value must not be negative');
  const hex = value.toString(16);
  if (hex.length > 2 * length && value !== 0n)
    throw new RangeError(`value does not fit in ${length} bytes`);
  const padded = hex.padStart(2 * length, '0');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}
