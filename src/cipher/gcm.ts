/**
 * AES-GCM: the Galois/Counter Mode of NIST SP 800-38D over AES-128/192/256 (FIPS 197).
 *
 * The math in a few lines (SP 800-38D §7.1, GCM-AE; §7.2, GCM-AD):
 *   H  = CIPH_K(0^128)                                   the hash subkey
 *   J0 = IV ‖ 0^31 ‖ 1                                   when len(IV) = 96 bits
 *   J0 = GHASH_H(IV ‖ 0^(s+64) ‖ [len(IV)]64)            otherwise, s = 128·⌈len(IV)/128⌉ − len(IV)
 *   C  = GCTR_K(inc32(J0), P)
 *   S  = GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]64 ‖ [len(C)]64)
 *   T  = MSB_t(GCTR_K(J0, S))
 * Decryption recomputes T from A and C, compares it with the received tag in constant-time
 * style, and only then runs GCTR over C: no plaintext exists before the tag has verified.
 *
 * Limits enforced (§5.2.1.1): len(P) ≤ 2^39 − 256 bits (2^36 − 32 bytes), len(A) < 2^64 bits,
 * 1 ≤ len(IV) ≤ 2^64 − 1 bits (IVs are whole bytes here). Exceeding a length limit throws
 * CryptoError LIMIT_EXCEEDED; these keep the 32-bit counter from wrapping back to J0.
 *
 * Tag lengths t (§5.2.1.2): 128, 120, 112, 104, 96 bits, and 64 or 32 bits with the caveat of
 * Appendix C: short tags let a forger succeed with probability about 2^−t per try, more so for
 * long messages, so 64- and 32-bit tags need the limits on message length and on the number of
 * failed decryptions that Appendix C tabulates. Prefer 16-byte tags.
 *
 * What this file deliberately does not do:
 * - Constant time. AES uses T-tables and GHASH uses tables indexed by secret-dependent values:
 *   both leak through the CPU cache (see ./aes.ts and ./ghash.ts). Only the tag comparison is
 *   constant-time style. JavaScript engines promise nothing about timing.
 * - Nonce management. NEVER encrypt two messages under one key with the same nonce: GCM then
 *   leaks the XOR of the plaintexts and lets an attacker recover H and forge tags. Use a counter,
 *   or random 96-bit nonces for at most 2^32 messages per key (SP 800-38D §8.3).
 * - Streaming. A message is processed whole; the secure channel frames records instead.
 */
import { assertBytes, assertInteger, equalBytes, readUint32BE } from '../bytes/index.js';
import { describeType } from '../bytes/assert.js';
import { CryptoError } from '../errors.js';
import { encryptWords, expandKey } from './aes.js';
import {
  createGhashKey,
  fillTable4,
  ghashUpdate,
  multiplyBlock,
  GHASH_TABLE_4BIT,
  GHASH_TABLE_8BIT,
  type GhashKey,
} from './ghash.js';
import { gctr, inc32, type GhashState } from './gctr.js';

/** Allowed tag lengths in bytes: 16, 15, 14, 13, 12 and (see the header's caveat) 8 and 4. */
export type GcmTagLength = 16 | 15 | 14 | 13 | 12 | 8 | 4;
const TAG_LENGTHS: readonly number[] = [16, 15, 14, 13, 12, 8, 4];

/** Options of both forms. */
export interface AesGcmOptions {
  /** Tag length t in BYTES (16, 15, 14, 13, 12, 8 or 4); default 16. */
  tagLength?: GcmTagLength;
}

/** One key and one nonce (and AAD), as `aesGcm(key, nonce, aad)` returns. */
export interface AesGcmCipher {
  /** GCM-AE: returns a fresh ciphertext ‖ tag. */
  encrypt(plaintext: Uint8Array): Uint8Array;
  /** GCM-AD: returns the fresh plaintext, or throws CryptoError AUTH_FAILED. */
  decrypt(ciphertextAndTag: Uint8Array): Uint8Array;
}

/** One key for many messages, as `aesGcm.withKey(key)` returns. */
export interface AesGcmKeyed {
  readonly tagLength: GcmTagLength;
  /** GCM-AE under this key: returns a fresh ciphertext ‖ tag. */
  encrypt(nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
  /** GCM-AD under this key: returns the fresh plaintext, or throws CryptoError AUTH_FAILED. */
  decrypt(nonce: Uint8Array, ciphertextAndTag: Uint8Array, aad?: Uint8Array): Uint8Array;
}

/** 2^39 − 256 bits, in bytes. */
export const GCM_MAX_PLAINTEXT_BYTES = 2 ** 36 - 32;

/**
 * Checks the SP 800-38D §5.2.1.1 length limits.
 * @throws CryptoError LIMIT_EXCEEDED when a limit is exceeded
 * @example assertGcmLimits(plaintext.length, aad.length)
 */
export function assertGcmLimits(plaintextLength: number, aadLength: number): void {
  if (plaintextLength > GCM_MAX_PLAINTEXT_BYTES)
    throw new CryptoError('LIMIT_EXCEEDED', 'gcm: plaintext longer than 2^39 − 256 bits');
  if (aadLength >= 2 ** 61)
    throw new CryptoError('LIMIT_EXCEEDED', 'gcm: AAD of 2^64 bits or more'); // len(A) < 2^64 bits
}

/**
 * From this many bytes of A and C on (4 KiB), a one-shot call builds the 64 KiB 8-bit GHASH table
 * instead of Shoup's 16-entry 4-bit table: the 8-bit table costs more to build and less per
 * block, and this is where the two break even (docs/measurements.md has the measurements).
 */
const ONE_SHOT_8BIT_FROM = 4096;

/**
 * A keyed GCM starts with Shoup's 4-bit table (256 bytes) and builds the 64 KiB 8-bit table
 * only once its messages (A and C together) have reached this many bytes (16 KiB): a key that
 * carries little — an idle connection's — stays small, and one that carries bulk traffic pays
 * for its table (about four times the one-shot break-even above) before the first 16 KiB are
 * through. A message that crosses the mark is already hashed with the 8-bit table.
 */
export const KEYED_8BIT_FROM = 16 * 1024;

/** A key after setup: AES round keys w, and H as words. */
interface GcmKey {
  readonly w: Int32Array;
  readonly H: Int32Array;
}

function setupKey(key: Uint8Array): GcmKey {
  const w = expandKey(key);
  const H = new Int32Array(4);
  encryptWords(w, 0, 0, 0, 0, H); // H = CIPH_K(0^128)
  return { w, H };
}

/**
 * The one-shot form's working state, written afresh by each call and wiped after it: the round
 * keys (one array per key length, since the round functions read Nr from the length), H and
 * Shoup's 4-bit table. A one-shot call allocates none of them (each typed array above 64 bytes
 * gets a backing store of its own, which costs more than filling it). Calls are synchronous,
 * but a call can still begin inside another: reading an argument can run the caller's code (a
 * Proxy over a Uint8Array passes the instanceof check). So the state is taken for one call at a
 * time (`oneShotInUse`), and a call that begins while it is taken works in arrays of its own.
 * The keyed form keeps its own.
 */
const ONE_SHOT_W: readonly Int32Array[] = [
  new Int32Array(0),
  new Int32Array(0),
  new Int32Array(44), //   16-byte key: Nr = 10
  new Int32Array(52), //   24-byte key: Nr = 12
  new Int32Array(60), //   32-byte key: Nr = 14
];
const ONE_SHOT_H = new Int32Array(4);
const ONE_SHOT_GHASH: GhashKey = { kind: GHASH_TABLE_4BIT, table: new Int32Array(64) };
let oneShotInUse = false;

/**
 * The key schedule and H for one one-shot call: in ONE_SHOT_W and ONE_SHOT_H, taken until
 * `wipeOneShot`, or in fresh arrays when another call has them.
 */
function oneShotKey(key: Uint8Array): GcmKey {
  if (oneShotInUse) return setupKey(key);
  oneShotInUse = true;
  const w = expandKey(key, ONE_SHOT_W[key.length >>> 3]);
  encryptWords(w, 0, 0, 0, 0, ONE_SHOT_H); // H = CIPH_K(0^128)
  return { w, H: ONE_SHOT_H };
}

/** Zeroes a one-shot call's key schedule and H once it is over, and frees the shared state. */
function wipeOneShot(key: GcmKey): void {
  key.w.fill(0);
  key.H.fill(0);
  if (key.H === ONE_SHOT_H) oneShotInUse = false;
}

function assertNonce(nonce: unknown): asserts nonce is Uint8Array {
  assertBytes(nonce, 'nonce');
  if (nonce.length === 0) throw new RangeError('nonce must be at least 1 byte long, got 0');
}

const NO_AAD = new Uint8Array(0);

function optionalAad(aad: unknown): Uint8Array {
  if (aad === undefined) return NO_AAD;
  assertBytes(aad, 'aad');
  return aad;
}

function parseOptions(options: unknown): GcmTagLength {
  if (options === undefined) return 16;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  const tagLength = (options as AesGcmOptions).tagLength;
  if (tagLength === undefined) return 16;
  assertInteger(tagLength, 'tagLength', 4, 16);
  if (!TAG_LENGTHS.includes(tagLength))
    throw new RangeError(
      `tagLength must be one of ${TAG_LENGTHS.join(', ')} bytes, got ${tagLength}`,
    );
  return tagLength as GcmTagLength;
}

/**
 * One message's tag computation (SP 800-38D §7.1 steps 2, 5 and 6): the round keys for
 * CIPH_K(J0), J0, the running GHASH value S (H with its table, and Y so far) and the lengths
 * that close it.
 */
interface TagContext {
  readonly w: Int32Array;
  readonly J0: Int32Array;
  readonly S: GhashState;
  readonly aadLength: number;
  readonly tagLength: number;
}

/** Steps 2 and 5 up to C: J0 from the nonce, and S = GHASH_H(A ‖ 0^v) so far. */
function startTag(
  key: GcmKey,
  hashKey: GhashKey,
  nonce: Uint8Array,
  aad: Uint8Array,
  tagLength: number,
): TagContext {
  const S: GhashState = { key: hashKey, Y: new Int32Array(4) };
  ghashUpdate(hashKey, S.Y, aad, 0, aad.length);
  return { w: key.w, J0: preCounterBlock(hashKey, nonce), S, aadLength: aad.length, tagLength };
}

/**
 * Steps 5 and 6 after C: absorbs [len(A)]64 ‖ [len(C)]64 into S, then writes
 * T = MSB_t(GCTR_K(J0, S)) = MSB_t(CIPH_K(J0) ⊕ S) to out[at..].
 */
function finishTag(tag: TagContext, cLength: number, out: Uint8Array, at: number): void {
  const { key, Y } = tag.S;
  // Lengths in bits as two 64-bit words; both are below 2^53 bytes, so the high words are exact.
  multiplyBlock(
    key,
    Y,
    Math.floor(tag.aadLength / 0x20000000) | 0,
    ((tag.aadLength % 0x20000000) * 8) | 0,
    Math.floor(cLength / 0x20000000) | 0,
    ((cLength % 0x20000000) * 8) | 0,
  );
  const E = new Int32Array(4);
  const J0 = tag.J0;
  encryptWords(tag.w, J0[0], J0[1], J0[2], J0[3], E);
  for (let j = 0; j < tag.tagLength; j++)
    out[at + j] = (Y[j >>> 2] ^ E[j >>> 2]) >>> (24 - 8 * (j & 3));
}

/** J0 (§7.1 step 2). */
function preCounterBlock(H: GhashKey, nonce: Uint8Array): Int32Array {
  if (nonce.length === 12) {
    return Int32Array.of(readUint32BE(nonce, 0), readUint32BE(nonce, 4), readUint32BE(nonce, 8), 1); // IV ‖ 0^31 ‖ 1
  }
  const J0 = new Int32Array(4);
  ghashUpdate(H, J0, nonce, 0, nonce.length); // IV ‖ 0^s
  // 0^64 ‖ [len(IV)]64
  const high = Math.floor(nonce.length / 0x20000000) | 0;
  multiplyBlock(H, J0, 0, 0, high, ((nonce.length % 0x20000000) * 8) | 0);
  return J0;
}

/**
 * The GHASH key for a call: the keyed form's own; for a one-shot call the shared 4-bit table
 * (when the call holds the shared state), a fresh 4-bit one, or for long inputs the 8-bit one.
 * A one-shot call's table is wiped by `seal`/`open` when the call ends (`wipeOneShotTable`).
 */
function ghashKeyFor(key: GcmKey, keyed: GhashKey | undefined, hashedBytes: number): GhashKey {
  if (keyed) return keyed;
  if (hashedBytes >= ONE_SHOT_8BIT_FROM) return createGhashKey(key.H, GHASH_TABLE_8BIT);
  if (key.H !== ONE_SHOT_H) return createGhashKey(key.H, GHASH_TABLE_4BIT);
  fillTable4(key.H, ONE_SHOT_GHASH.table);
  return ONE_SHOT_GHASH;
}

/** Zeroes a one-shot call's GHASH table (a keyed form's stays: it serves the next call). */
function wipeOneShotTable(H: GhashKey, keyed: GhashKey | undefined): void {
  if (H !== keyed) H.table.fill(0);
}

/** GCM-AE (§7.1): returns C ‖ T. Arguments already checked. */
function seal(
  key: GcmKey,
  keyed: GhashKey | undefined,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  tagLength: number,
): Uint8Array {
  assertGcmLimits(plaintext.length, aad.length);
  const H = ghashKeyFor(key, keyed, plaintext.length + aad.length);
  try {
    const tag = startTag(key, H, nonce, aad, tagLength);
    const out = new Uint8Array(plaintext.length + tagLength);
    // Steps 3 and 5 in one pass: C = GCTR_K(inc32(J0), P), each block of C hashed as it is made.
    gctr(key.w, inc32(tag.J0), plaintext, out, tag.S);
    finishTag(tag, plaintext.length, out, plaintext.length);
    return out;
  } finally {
    wipeOneShotTable(H, keyed);
  }
}

/** GCM-AD (§7.2): verifies T, then returns P; or throws the one opaque AUTH_FAILED. */
function open(
  key: GcmKey,
  keyed: GhashKey | undefined,
  nonce: Uint8Array,
  input: Uint8Array,
  aad: Uint8Array,
  tagLength: number,
): Uint8Array {
  // A ciphertext shorter than the tag cannot be authentic: the same opaque failure.
  if (input.length < tagLength) throw new CryptoError('AUTH_FAILED', 'gcm: authentication failed');
  const cLength = input.length - tagLength;
  assertGcmLimits(cLength, aad.length);
  const H = ghashKeyFor(key, keyed, input.length + aad.length);
  try {
    const tag = startTag(key, H, nonce, aad, tagLength);
    ghashUpdate(H, tag.S.Y, input, 0, cLength);
    const expected = new Uint8Array(tagLength);
    finishTag(tag, cLength, expected, 0);
    if (!equalBytes(expected, input.subarray(cLength)))
      throw new CryptoError('AUTH_FAILED', 'gcm: authentication failed');
    const plaintext = new Uint8Array(cLength);
    gctr(key.w, inc32(tag.J0), input.subarray(0, cLength), plaintext); // P = GCTR_K(inc32(J0), C)
    return plaintext;
  } finally {
    wipeOneShotTable(H, keyed);
  }
}

/**
 * AES-GCM for one key and one nonce (and optional AAD): `encrypt` returns ciphertext ‖ tag,
 * `decrypt` checks the tag first and returns the plaintext.
 *
 * NEVER reuse a nonce with the same key for two different plaintexts (see the file header):
 * use a fresh nonce per message — a counter, or a random 12-byte nonce for at most 2^32
 * messages per key (SP 800-38D §8.3).
 *
 * @param key - 16, 24 or 32 bytes (AES-128/192/256); copied here; each call expands its schedule
 * @param nonce - the IV, at least 1 byte; 12 bytes (96 bits) is the recommended length
 * @param aad - additional authenticated data, any length (default empty)
 * @param options - `{ tagLength }` in bytes: 16 (default), 15, 14, 13, 12, 8 or 4
 * @returns `{ encrypt(plaintext), decrypt(ciphertextAndTag) }`; both return fresh arrays and never
 *   modify their inputs. `encrypt` works once per object (a second call would reuse the nonce
 *   and throws CryptoError NONCE_REUSE); `decrypt` may be called any number of times.
 * @throws TypeError on a wrong type; RangeError when key is not 16/24/32 bytes, nonce is empty or
 *   tagLength is not allowed; encrypt/decrypt throw CryptoError LIMIT_EXCEEDED past the length
 *   limits, and decrypt throws CryptoError AUTH_FAILED ('gcm: authentication failed') on any
 *   forgery, corruption or wrong key/nonce/AAD
 * @example
 * const sealed = aesGcm(key, nonce, aad).encrypt(utf8ToBytes('hello'));
 * bytesToUtf8(aesGcm(key, nonce, aad).decrypt(sealed)); // 'hello'
 */
function aesGcmOneShot(
  key: Uint8Array,
  nonce: Uint8Array,
  aad?: Uint8Array,
  options?: AesGcmOptions,
): AesGcmCipher {
  assertBytes(key, 'key', 16, 24, 32);
  assertNonce(nonce);
  const A = aad === undefined ? NO_AAD : optionalAad(aad).slice();
  const tagLength = parseOptions(options);
  const N = nonce.slice();
  // The key is kept; its schedule is expanded by each call into the one-shot working state.
  const K = key.slice();
  let used = false;
  return Object.freeze({
    encrypt(plaintext: Uint8Array): Uint8Array {
      assertBytes(plaintext, 'plaintext');
      // One object is one (key, nonce) pair: a second encryption would reuse the nonce.
      if (used)
        throw new CryptoError(
          'NONCE_REUSE',
          'gcm: encrypt() was already called for this nonce; use a fresh nonce per message',
        );
      const gcmKey = oneShotKey(K);
      try {
        const sealed = seal(gcmKey, undefined, N, plaintext, A, tagLength);
        used = true;
        return sealed;
      } finally {
        wipeOneShot(gcmKey);
      }
    },
    decrypt(ciphertextAndTag: Uint8Array): Uint8Array {
      assertBytes(ciphertextAndTag, 'ciphertextAndTag');
      const gcmKey = oneShotKey(K);
      try {
        return open(gcmKey, undefined, N, ciphertextAndTag, A, tagLength);
      } finally {
        wipeOneShot(gcmKey);
      }
    },
  });
}

/**
 * The keyed form: the AES key schedule and H = CIPH_K(0^128) are computed once here and reused
 * by every `encrypt`/`decrypt` (what the secure channel does for its records); the GHASH table
 * starts small and grows to the 64 KiB one once the key has carried `KEYED_8BIT_FROM` bytes.
 * Same bytes as the one-shot form for the same key, nonce, AAD and tag length.
 *
 * @param key - 16, 24 or 32 bytes; copied into the key schedule, never modified
 * @param options - `{ tagLength }` in bytes: 16 (default), 15, 14, 13, 12, 8 or 4
 * @returns `{ tagLength, encrypt(nonce, plaintext, aad?), decrypt(nonce, ciphertextAndTag, aad?) }`
 * @throws as `aesGcm` (RangeError for the key here; for the nonce at each call)
 * @example
 * const gcm = aesGcm.withKey(key);
 * const record = gcm.encrypt(nonce, plaintext, header);
 * gcm.decrypt(nonce, record, header); // plaintext
 */
function withKey(key: Uint8Array, options?: AesGcmOptions): AesGcmKeyed {
  assertBytes(key, 'key', 16, 24, 32);
  const tagLength = parseOptions(options);
  const gcmKey = setupKey(key);
  let ghashKey = createGhashKey(gcmKey.H, GHASH_TABLE_4BIT);
  let hashed = 0; // bytes of A and C seen while the 4-bit table is in use
  /** The table for a message of `bytes` (A and C): the 8-bit one from KEYED_8BIT_FROM on. */
  const tableFor = (bytes: number): GhashKey => {
    if (ghashKey.kind === GHASH_TABLE_4BIT) {
      hashed += bytes;
      if (hashed >= KEYED_8BIT_FROM) ghashKey = createGhashKey(gcmKey.H, GHASH_TABLE_8BIT);
    }
    return ghashKey;
  };
  return Object.freeze({
    tagLength,
    encrypt(nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
      assertNonce(nonce);
      assertBytes(plaintext, 'plaintext');
      const A = optionalAad(aad);
      return seal(gcmKey, tableFor(plaintext.length + A.length), nonce, plaintext, A, tagLength);
    },
    decrypt(nonce: Uint8Array, ciphertextAndTag: Uint8Array, aad?: Uint8Array): Uint8Array {
      assertNonce(nonce);
      assertBytes(ciphertextAndTag, 'ciphertextAndTag');
      const A = optionalAad(aad);
      const H = tableFor(ciphertextAndTag.length + A.length);
      return open(gcmKey, H, nonce, ciphertextAndTag, A, tagLength);
    },
  });
}

/** `aesGcm(key, nonce, aad?, options?)`, with the keyed form `aesGcm.withKey(key, options?)`. */
export interface AesGcmFunction {
  (key: Uint8Array, nonce: Uint8Array, aad?: Uint8Array, options?: AesGcmOptions): AesGcmCipher;
  withKey(key: Uint8Array, options?: AesGcmOptions): AesGcmKeyed;
}

/**
 * AES-GCM (SP 800-38D). See `aesGcmOneShot` above for the one-shot form and `withKey` for the
 * keyed form; docs/aes-gcm.md for what is and is not constant time and for nonce rules.
 *
 * @example
 * const sealed = aesGcm(key, nonce).encrypt(plaintext);      // one-shot
 * const gcm = aesGcm.withKey(key); gcm.encrypt(nonce, plaintext, aad); // keyed, many messages
 */
export const aesGcm: AesGcmFunction = Object.assign(aesGcmOneShot, { withKey });
