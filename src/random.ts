/**
 * The one source of randomness: the Web Crypto API's `getRandomValues`, present as
 * `globalThis.crypto` in browsers, Deno, Bun and Node ≥ 19. No fallback is attempted:
 * without a CSPRNG the library refuses to generate keys or nonces.
 */
import { assertInteger } from './bytes/assert.js';
import { CryptoError } from './errors.js';

/**
 * Returns `length` cryptographically secure random bytes.
 * @throws CryptoError NO_RANDOM_SOURCE when no `globalThis.crypto.getRandomValues` exists
 * @example const nonce = randomBytes(12)
 */
export function randomBytes(length: number): Uint8Array {
  assertInteger(length, 'length', 0, 1 << 30);
  const source = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } })
    .crypto;
  if (typeof source?.getRandomValues !== 'function') {
    throw new CryptoError(
      'NO_RANDOM_SOURCE',
      'random: globalThis.crypto.getRandomValues is not available',
    );
  }
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    source.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}
