/**
 * HKDF-SHA256 (RFC 5869), traced: the extract step and every expand block.
 *
 *   PRK  = HMAC-SHA256(salt, IKM)                     salt defaults to 32 zero bytes (§2.2)
 *   T(i) = HMAC-SHA256(PRK, T(i−1) ‖ info ‖ i)        T(0) empty, i = 1 … ⌈L/32⌉ (§2.3)
 *   OKM  = first L bytes of T(1) ‖ T(2) ‖ …
 *
 * Each value is recomputed here from hmac() and the result compared with the library's hkdf().
 *
 * Deliberately not here: other hashes (SHA-256 only).
 */
import { concatBytes, equalBytes } from '../bytes/bytes.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { hmac } from '../mac/hmac.js';
import { groupHex, labelled } from './format.js';

export interface HkdfBlock {
  readonly i: number;
  /** T(i−1) ‖ info ‖ i, the HMAC message. */
  readonly input: Uint8Array;
  readonly T: Uint8Array;
}

export interface HkdfTrace {
  readonly ikm: Uint8Array;
  /** The salt as given (undefined: none). */
  readonly salt: Uint8Array | undefined;
  /** The HMAC key actually used by extract. */
  readonly saltUsed: Uint8Array;
  readonly info: Uint8Array;
  readonly length: number;
  readonly prk: Uint8Array;
  readonly blocks: readonly HkdfBlock[];
  readonly okm: Uint8Array;
  readonly check: { readonly against: string; readonly equal: boolean };
}

/**
 * Runs and records HKDF-SHA256.
 * @param length - L, 0 … 8160
 * @throws RangeError for a length out of range (from hkdf)
 * @example traceHkdf(ikm, salt, info, 42).okm // RFC 5869 A.1's OKM for its inputs
 */
export function traceHkdf(
  ikm: Uint8Array,
  salt: Uint8Array | undefined,
  info: Uint8Array,
  length: number,
): HkdfTrace {
  const expected = hkdf(sha256, ikm, salt, info, length); // also checks the arguments
  const saltUsed = salt ?? new Uint8Array(32);
  const prk = hmac(sha256, saltUsed, ikm); //                      §2.2
  const blocks: HkdfBlock[] = [];
  let T: Uint8Array = new Uint8Array(0); //                                    T(0)
  for (let i = 1; 32 * (i - 1) < length; i++) {
    const input = concatBytes(T, info, Uint8Array.of(i)); //       T(i−1) ‖ info ‖ i
    T = hmac(sha256, prk, input); //                               T(i)
    blocks.push({ i, input, T });
  }
  const okm = concatBytes(...blocks.map((b) => b.T)).slice(0, length);
  return {
    ikm,
    salt,
    saltUsed,
    info,
    length,
    prk,
    blocks,
    okm,
    check: { against: 'hkdf (src/kdf/hkdf.ts)', equal: equalBytes(okm, expected) },
  };
}

/**
 * The trace as text lines.
 * @example renderHkdf(traceHkdf(ikm, undefined, info, 32)).join('\n')
 */
export function renderHkdf(t: HkdfTrace): string[] {
  const lines = [
    'HKDF-SHA256 (RFC 5869)',
    ...labelled(`IKM   (${t.ikm.length} bytes)  `, groupHex(t.ikm)),
    ...labelled(
      `salt  (${t.saltUsed.length} bytes)  `,
      groupHex(t.saltUsed),
      t.salt === undefined ? '(none given: 32 zero bytes)' : '',
    ),
    ...labelled(`info  (${t.info.length} bytes)  `, groupHex(t.info)),
    `L     ${t.length} bytes → N = ⌈L/32⌉ = ${t.blocks.length} block${t.blocks.length === 1 ? '' : 's'}`,
    '',
    'extract (§2.2)  PRK = HMAC-SHA256(salt, IKM)',
    ...labelled('  PRK   ', groupHex(t.prk)),
    'expand (§2.3)   T(i) = HMAC-SHA256(PRK, T(i−1) ‖ info ‖ i)',
  ];
  for (const b of t.blocks) {
    lines.push(...labelled(`  T(${b.i}) input (${b.input.length} bytes)  `, groupHex(b.input)));
    lines.push(...labelled(`  T(${b.i})   `, groupHex(b.T)));
  }
  lines.push(
    ...labelled(`OKM (first ${t.length} bytes)  `, groupHex(t.okm)),
    `agrees with ${t.check.against}: ${t.check.equal ? 'yes' : 'NO'}`,
  );
  return lines;
}
