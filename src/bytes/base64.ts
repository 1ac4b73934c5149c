/**
 * Base64 and base64url, RFC 4648 §4 and §5, encode and strict decode.
 *
 * The encoding reads the input 3 bytes (24 bits) at a time and writes 4 characters of
 * 6 bits each from a 64-letter alphabet. A final group of 1 or 2 bytes is written as 2 or 3
 * characters; base64 then pads with "=" to a multiple of 4 (RFC 4648 §3.2), base64url as
 * used by JOSE/JWK (RFC 7515 §2, Appendix C) does not pad.
 *
 * Decoding is strict, so each byte string has exactly one accepted text (RFC 4648 §3.3,
 * §3.5): characters outside the alphabet (including whitespace and line breaks) are
 * rejected, base64 must carry exactly the padding §3.2 prescribes and base64url none, and
 * the unused low bits of the last character must be zero ("canonical encoding", §3.5).
 *
 * Errors: this folder sits below errors.ts in the layering, so bad text is a RangeError
 * naming the argument and the position; the key formats (src/keys/pem.ts, jwk.ts) turn
 * it into CryptoError('INVALID_ENCODING').
 *
 * Not done here: line wrapping (PEM armor does it, src/keys/pem.ts), lenient decoding,
 * and constant-time table lookups — character lookups index a table, so timing may depend
 * on the data; PEM-armored private keys are decoded with it, as every JS base64 does.
 */
import { assertBytes, describeType } from './assert.js';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Character code → 6-bit value, or -1 for a character outside the alphabet. */
function decodeTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const BASE64_TABLE = decodeTable(BASE64_ALPHABET);
const BASE64URL_TABLE = decodeTable(BASE64URL_ALPHABET);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  // Whole 24-bit groups: four 6-bit characters each.
  for (; i + 3 <= bytes.length; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out +=
      alphabet[group >> 18] +
      alphabet[(group >> 12) & 63] +
      alphabet[(group >> 6) & 63] +
      alphabet[group & 63];
  }
  // The final 8 or 16 bits, zero-extended to 12 or 18 bits (RFC 4648 §4, cases 2 and 3).
  const left = bytes.length - i;
  if (left === 1) {
    const group = bytes[i] << 16;
    out += alphabet[group >> 18] + alphabet[(group >> 12) & 63] + (pad ? '==' : '');
  } else if (left === 2) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out +=
      alphabet[group >> 18] +
      alphabet[(group >> 12) & 63] +
      alphabet[(group >> 6) & 63] +
      (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, name: string, table: Int8Array, padded: boolean): Uint8Array {
  if (typeof text !== 'string')
    throw new TypeError(`${name} must be a string, got ${describeType(text)}`);
  let length = text.length; // characters that carry data
  if (padded) {
    if (length % 4 !== 0)
      throw new RangeError(`${name} length must be a multiple of 4, got ${length}`);
    if (text.endsWith('==')) length -= 2;
    else if (text.endsWith('=')) length -= 1;
  }
  // A final group of a single character cannot hold a whole byte (RFC 4648 §4).
  if (length % 4 === 1) throw new RangeError(`${name} has an impossible length ${text.length}`);
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0; // accumulated value
  let count = 0; // number of bits held in `bits`
  let o = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? table[code] : -1;
    if (value < 0)
      throw new RangeError(`${name} has a character outside the alphabet at position ${i}`);
    bits = ((bits << 6) | value) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[o++] = (bits >> count) & 0xff;
    }
  }
  // Canonical encoding (RFC 4648 §3.5): the 2 or 4 bits left over must be zero.
  if ((bits & ((1 << count) - 1)) !== 0)
    throw new RangeError(`${name} is not canonical: its last character has non-zero unused bits`);
  return out;
}

/**
 * Encodes bytes as base64 with padding (RFC 4648 §4).
 * @param bytes - the data
 * @returns the base64 text, no line breaks
 * @throws TypeError when `bytes` is not a Uint8Array
 * @example bytesToBase64(new Uint8Array([0xfb, 0xff])) // '+/8='
 */
export function bytesToBase64(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return encode(bytes, BASE64_ALPHABET, true);
}

/**
 * Decodes padded base64 strictly (RFC 4648 §4): only the alphabet, exact padding, zero
 * unused bits; no whitespace.
 * @param base64 - the text
 * @returns fresh bytes
 * @throws TypeError when `base64` is not a string; RangeError when it is not canonical base64
 * @example base64ToBytes('+/8=') // Uint8Array [0xfb, 0xff]
 */
export function base64ToBytes(base64: string): Uint8Array {
  return decode(base64, 'base64', BASE64_TABLE, true);
}

/**
 * Encodes bytes as base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2).
 * @param bytes - the data
 * @returns the base64url text
 * @throws TypeError when `bytes` is not a Uint8Array
 * @example bytesToBase64Url(new Uint8Array([0xfb, 0xff])) // '-_8'
 */
export function bytesToBase64Url(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return encode(bytes, BASE64URL_ALPHABET, false);
}

/**
 * Decodes unpadded base64url strictly (RFC 4648 §5, RFC 7515 §2): only the URL-safe
 * alphabet, no "=" and zero unused bits.
 * @param base64url - the text
 * @returns fresh bytes
 * @throws TypeError when `base64url` is not a string; RangeError when it is not canonical unpadded base64url
 * @example base64UrlToBytes('-_8') // Uint8Array [0xfb, 0xff]
 */
export function base64UrlToBytes(base64url: string): Uint8Array {
  return decode(base64url, 'base64url', BASE64URL_TABLE, false);
}
