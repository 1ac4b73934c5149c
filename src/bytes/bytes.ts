/**
 * General byte-array helpers: concatenation, constant-time-style comparison (the tag check
 * of SP 800-38D §7.2 step 8 and RFC 2104 §5 verification), and UTF-8 (RFC 3629).
 *
 * Deliberately not here: comparison that hides the LENGTH of its inputs (lengths are public
 * in every use in this library), and any lenient text decoding.
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

/** A UTF-16 surrogate that is not part of a pair (which UTF-8 cannot encode). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Encodes a string as UTF-8 (RFC 3629).
 * @throws TypeError for a non-string, or a string with a lone surrogate (which TextEncoder
 *   would silently replace by U+FFFD)
 * @example utf8ToBytes('abc') // Uint8Array [97, 98, 99]
 */
export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new TypeError(`text must be a string, got ${describeType(text)}`);
  if (LONE_SURROGATE.test(text))
    throw new TypeError('text has a lone UTF-16 surrogate, which UTF-8 cannot encode');
  return new TextEncoder().encode(text);
}

/**
 * Decodes UTF-8, rejecting malformed input rather than substituting U+FFFD.
 * @throws TypeError on malformed UTF-8
 */
export function bytesToUtf8(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TypeError('bytes is not valid UTF-8');
  }
}
