/**
 * Hexadecimal ↔ bytes (base 16 as RFC 4648 §8 defines it, lowercase on output, either case
 * on input). Hex belongs at the edges (CLI, docs, test vectors); the library itself works on
 * Uint8Array. Deliberately strict: no "0x" prefix, no separators, no odd lengths.
 */
import { assertBytes, describeType } from './assert.js';

const HEX_DIGITS = '0123456789abcdef';

/**
 * Encodes bytes as lowercase hex.
 * @example bytesToHex(new Uint8Array([0xca, 0xfe])) // 'cafe'
 */
export function bytesToHex(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  let out = '';
  for (let i = 0; i < bytes.length; i++)
    out += HEX_DIGITS[bytes[i] >> 4] + HEX_DIGITS[bytes[i] & 15];
  return out;
}

function hexDigitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/**
 * Decodes hex (either case, even length, no prefix or separators).
 * @throws TypeError for a non-string; RangeError for odd length or a non-hex character
 * @example hexToBytes('cafe') // Uint8Array [0xca, 0xfe]
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string')
    throw new TypeError(`hex must be a string, got ${describeType(hex)}`);
  if (hex.length % 2 !== 0)
    throw new RangeError(`hex must have an even number of digits, got ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigitValue(hex.charCodeAt(2 * i));
    const lo = hexDigitValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0)
      throw new RangeError(`hex has a non-hex character at position ${hi < 0 ? 2 * i : 2 * i + 1}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}
