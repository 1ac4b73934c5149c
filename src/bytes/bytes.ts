/**
 * General byte-array helpers: concatenation, constant-time-style comparison, UTF-8.
 */
import { assertBytes, describeType } from './assert.js';

/**
 * Concatenates byte arrays into a fresh array.
 * @throws TypeError when an argument is not a Uint8Array
 * @example concatBytes(a, b, c)
 */
export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  let length = 0;
  for (let i = 0; i < arrays.length; i++) {
    assertBytes(arrays[i], `arrays[${i}]`);
    length += arrays[i].length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/**
 * Compares two byte arrays in constant-time style: when the lengths match, every byte
 * is visited and differences are OR-ed together, so the time does not depend on where
 * the first difference is. (The lengths themselves are not secret and are compared first.)
 * This is the comparison an AEAD tag check needs; see docs for what JavaScript can and
 * cannot promise about timing.
 * @example equalBytes(expectedTag, receivedTag)
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Encodes a string as UTF-8.
 * @example utf8ToBytes('abc') // Uint8Array [97, 98, 99]
 */
export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${describeType(text)}`);
  return new TextEncoder().encode(text);
}

/**
 * Decodes UTF-8, rejecting malformed input rather than substituting U+FFFD.
 * @throws TypeError on malformed UTF-8
 */
export function bytesToUtf8(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
