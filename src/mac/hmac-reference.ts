/**
 * HMAC, the plain reference: FIPS 198-1 §4 steps 1–9 (RFC 2104 §2), written to be read beside
 * the standard, with the message and the padded keys concatenated as the formula shows:
 *
 *   HMAC(K, text) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text))
 *
 * It is the oracle the keyed `Hmac` of hmac.ts (which absorbs each padded key once and reuses
 * the hash states) is tested against; use `hmac` from hmac.ts in real code.
 */
import { assertBytes } from '../bytes/assert.js';
import { concatBytes } from '../bytes/bytes.js';
import { assertHashFunction, type HashFunction } from '../hash/hash.js';

/**
 * HMAC of `text` under `K` with `H`, by the formula (FIPS 198-1 §4).
 * @example bytesToHex(hmacReference(sha256, utf8ToBytes('key'), utf8ToBytes('The quick brown fox jumps over the lazy dog'))).slice(0, 16) // 'f7bc83f430538424'
 */
export function hmacReference(H: HashFunction, K: Uint8Array, text: Uint8Array): Uint8Array {
  assertHashFunction(H);
  assertBytes(K, 'K');
  assertBytes(text, 'text');
  const B = H.blockLength;
  // Steps 1–3: K0 is K, or H(K) when K is longer than B, padded with zeros to B bytes.
  const K0 = new Uint8Array(B);
  K0.set(K.length > B ? H(K) : K);
  const ipad = new Uint8Array(B).fill(0x36);
  const opad = new Uint8Array(B).fill(0x5c);
  const xor = (x: Uint8Array, y: Uint8Array): Uint8Array => x.map((byte, i) => byte ^ y[i]);
  // Steps 4–6: H((K0 ⊕ ipad) ‖ text).
  const inner = H(concatBytes(xor(K0, ipad), text));
  // Steps 7–9: H((K0 ⊕ opad) ‖ that).
  return H(concatBytes(xor(K0, opad), inner));
}
