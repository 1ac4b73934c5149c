/**
 * AES block cipher, the fast path: FIPS 197 with 32-bit T-tables, for AES-128, AES-192 and
 * AES-256, encryption and decryption of single 16-byte blocks. Tested block for block against
 * the by-the-book reference in ./aes-reference.ts.
 *
 * The math in a few lines. Take the state as four big-endian column words s0..s3 (column c =
 * bytes 4c..4c+3, FIPS 197 §3.4). One full round — SubBytes, ShiftRows, MixColumns,
 * AddRoundKey — maps column c to
 *   t_c = T0[s_c byte 0] ⊕ T1[s_(c+1) byte 1] ⊕ T2[s_(c+2) byte 2] ⊕ T3[s_(c+3) byte 3] ⊕ w[4r + c]
 * where T0[b] = ({02}·S[b], S[b], S[b], {03}·S[b]) is the MixColumns column of a substituted
 * byte and T1..T3 are T0 rotated by 8, 16 and 24 bits. This is the table form the Rijndael
 * proposal describes (§5.2 of "AES Proposal: Rijndael", Daemen & Rijmen); the last round has
 * no MixColumns and uses the S-box directly. Decryption uses the Equivalent Inverse Cipher
 * (FIPS 197 §5.3.5): the same shape with inverse tables and a key schedule passed through
 * InvMixColumns.
 *
 * What this file deliberately does not do:
 * - It is NOT constant time. Every lookup T[b] reads memory at an address that depends on a
 *   secret byte, so a process sharing the CPU cache can learn key bits from timing (Bernstein
 *   2005; Osvik–Shamir–Tromer 2006). @noble/ciphers, OpenSSL's generic C code (without AES-NI)
 *   and Go's generic fallback share this weakness; node:crypto with AES-NI does not. Use
 *   node:crypto or WebCrypto where that threat matters.
 * - No modes (see ./gcm.ts) and no wiping of key material (JavaScript cannot promise it).
 */
import { assertBytes, readUint32BE, writeUint32BE } from '../bytes/index.js';

/** xtime(b) = b·{02} in GF(2^8) (FIPS 197 §4.2, equation 4.5). */
const xtime = (b: number): number => ((b << 1) ^ (b & 0x80 ? 0x1b : 0)) & 0xff;
const rotateRight8 = (word: number): number => (word >>> 8) | (word << 24);
/** The byte b rotated left by r bits (the S-box's affine map, FIPS 197 §5.1.1, equation 5.1). */
const rotateByte = (b: number, r: number): number => ((b << r) | (b >>> (8 - r))) & 0xff;

/**
 * The S-box and its inverse, and the encryption T-tables T0..T3 (int32) and decryption tables
 * U0..U3, computed when the module loads. The reference (./aes-reference.ts) computes each
 * inverse b^−1 as b^254 by repeated xtime, as the standard defines it; here the same field is
 * walked once by logarithms instead: {03} generates the 255 non-zero elements of GF(2^8), so
 * with EXP[i] = {03}^i and LOG[EXP[i]] = i, b^−1 = EXP[255 − LOG[b]] and a·b = EXP[LOG[a] + LOG[b]].
 * That is a few look-ups per entry instead of about thirteen field multiplications by repeated
 * xtime, at load time in every process that imports the package. Public data: the tables do
 * not depend on any key.
 * test/cipher/aes.test.ts checks every entry against the reference's S-boxes and gfMultiply.
 */
const S = new Uint8Array(256);
const SI = new Uint8Array(256);
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
const U0 = new Int32Array(256);
const U1 = new Int32Array(256);
const U2 = new Int32Array(256);
const U3 = new Int32Array(256);
{
  const EXP = new Uint8Array(510); // {03}^i for i < 510, so that EXP[LOG[a] + LOG[b]] needs no mod
  const LOG = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++, x ^= xtime(x)) {
    EXP[i] = x;
    EXP[i + 255] = x;
    LOG[x] = i;
  }
  /** a·b for a non-zero b given by its logarithm lb (a = 0 gives 0). */
  const times = (a: number, lb: number): number => (a === 0 ? 0 : EXP[LOG[a] + lb]);
  const [L09, L0b, L0d, L0e] = [LOG[0x09], LOG[0x0b], LOG[0x0d], LOG[0x0e]];
  for (let b = 0; b < 256; b++) {
    const inverse = b === 0 ? 0 : EXP[255 - LOG[b]];
    const s =
      inverse ^
      rotateByte(inverse, 1) ^
      rotateByte(inverse, 2) ^
      rotateByte(inverse, 3) ^
      rotateByte(inverse, 4) ^
      0x63;
    S[b] = s;
    SI[s] = b;
  }
  for (let b = 0; b < 256; b++) {
    const s = S[b];
    const t = (xtime(s) << 24) | (s << 16) | (s << 8) | (xtime(s) ^ s); // ({02}s, s, s, {03}s)
    T0[b] = t;
    T1[b] = rotateRight8(t);
    T2[b] = rotateRight8(T1[b]);
    T3[b] = rotateRight8(T2[b]);
    const i = SI[b];
    const u = (times(i, L0e) << 24) | (times(i, L09) << 16) | (times(i, L0d) << 8) | times(i, L0b);
    U0[b] = u;
    U1[b] = rotateRight8(u);
    U2[b] = rotateRight8(U1[b]);
    U3[b] = rotateRight8(U2[b]);
  }
}

/**
 * The tables, for the tests that check them against the reference (not in the package). The
 * module's own bindings stay private: the round functions read them on every look-up.
 */
export function aesTables(): {
  S: Uint8Array;
  SI: Uint8Array;
  T: readonly Int32Array[];
  U: readonly Int32Array[];
} {
  return { S, SI, T: [T0, T1, T2, T3], U: [U0, U1, U2, U3] };
}

/**
 * T0..T3 for GCTR (./gctr.ts), which runs the first two rounds of a counter block itself. The
 * tables stay module-private bindings here: the round functions read them on every look-up.
 */
export const ENCRYPTION_TABLES: readonly [Int32Array, Int32Array, Int32Array, Int32Array] = [
  T0,
  T1,
  T2,
  T3,
];

/**
 * KeyExpansion (FIPS 197 §5.2) into big-endian int32 words: 4(Nr + 1) words, Nr = 10, 12 or 14.
 *
 * @param key - 16, 24 or 32 bytes
 * @param into - where to write them (4(Nr + 1) words for this key's length; default: a new array)
 * @returns the encryption round keys w[0..4Nr+3]
 * @throws TypeError when key is not a Uint8Array; RangeError when its length is not 16, 24 or 32
 * @example expandKey(new Uint8Array(16)).length // 44
 */
export function expandKey(key: Uint8Array, into?: Int32Array): Int32Array {
  assertBytes(key, 'key', 16, 24, 32);
  const Nk = key.length >>> 2;
  const total = 4 * (Nk + 7);
  if (into !== undefined && into.length !== total)
    throw new RangeError(`into must have ${total} words for a ${key.length}-byte key`);
  const w = into ?? new Int32Array(total);
  for (let i = 0; i < Nk; i++)
    w[i] = (key[4 * i] << 24) | (key[4 * i + 1] << 16) | (key[4 * i + 2] << 8) | key[4 * i + 3];
  let Rcon = 1;
  // j = i mod Nk, kept as a counter (no division per word).
  for (let i = Nk, j = 0; i < total; i++, j = j === Nk - 1 ? 0 : j + 1) {
    let temp = w[i - 1];
    if (j === 0) {
      // SubWord(RotWord(temp)) ⊕ Rcon
      temp =
        ((S[(temp >>> 16) & 255] << 24) |
          (S[(temp >>> 8) & 255] << 16) |
          (S[temp & 255] << 8) |
          S[temp >>> 24]) ^
        (Rcon << 24);
      Rcon = xtime(Rcon);
    } else if (Nk > 6 && j === 4) {
      temp =
        (S[temp >>> 24] << 24) |
        (S[(temp >>> 16) & 255] << 16) |
        (S[(temp >>> 8) & 255] << 8) |
        S[temp & 255];
    }
    w[i] = w[i - Nk] ^ temp;
  }
  return w;
}

/**
 * The Equivalent Inverse Cipher's key schedule dw (FIPS 197 §5.3.5, Algorithm 5): the round
 * keys in reverse order, the inner ones passed through InvMixColumns.
 * @param w - encryption round keys from expandKey
 * @example expandDecryptionKey(expandKey(key))
 */
export function expandDecryptionKey(w: Int32Array): Int32Array {
  const Nr = (w.length >>> 2) - 1;
  const dw = new Int32Array(w.length);
  for (let round = 0; round <= Nr; round++) {
    for (let c = 0; c < 4; c++) {
      const k = w[4 * (Nr - round) + c];
      // U tables apply InvSubBytes first, so feed them S[b] to get InvMixColumns alone.
      dw[4 * round + c] =
        round === 0 || round === Nr
          ? k
          : U0[S[k >>> 24]] ^ U1[S[(k >>> 16) & 255]] ^ U2[S[(k >>> 8) & 255]] ^ U3[S[k & 255]];
    }
  }
  return dw;
}

/**
 * Encrypts one block given as four big-endian words (s0..s3) and writes the four output
 * words to out[0..3]. It allocates nothing.
 *
 * @param w - round keys from expandKey
 * @param out - receives the ciphertext words
 * @example encryptWords(w, 0x00112233, 0x44556677, 0x8899aabb | 0, 0xccddeeff | 0, out)
 */
export function encryptWords(
  w: Int32Array,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  out: Int32Array,
): void {
  encryptRounds(w, 1, s0 ^ w[0], s1 ^ w[1], s2 ^ w[2], s3 ^ w[3], out);
}

/**
 * The cipher from round `from` (1 ≤ from < Nr) on: the state s0..s3 has been through rounds
 * 0..from−1; runs the full rounds from..Nr−1 and the last round, and writes the output words to
 * out[0..3]. GCTR (./gctr.ts) computes the first two rounds of a counter block itself.
 *
 * @param w - round keys from expandKey
 * @param from - the first round still to run
 * @param out - receives the ciphertext words
 * @example encryptRounds(w, 1, c0 ^ w[0], c1 ^ w[1], c2 ^ w[2], c3 ^ w[3], out)
 */
export function encryptRounds(
  w: Int32Array,
  from: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  out: Int32Array,
): void {
  const Nr = (w.length >>> 2) - 1;
  let k = 4 * from;
  for (let round = from; round < Nr; round++, k += 4) {
    const t0 = T0[s0 >>> 24] ^ T1[(s1 >>> 16) & 255] ^ T2[(s2 >>> 8) & 255] ^ T3[s3 & 255] ^ w[k];
    const t1 =
      T0[s1 >>> 24] ^ T1[(s2 >>> 16) & 255] ^ T2[(s3 >>> 8) & 255] ^ T3[s0 & 255] ^ w[k + 1];
    const t2 =
      T0[s2 >>> 24] ^ T1[(s3 >>> 16) & 255] ^ T2[(s0 >>> 8) & 255] ^ T3[s1 & 255] ^ w[k + 2];
    const t3 =
      T0[s3 >>> 24] ^ T1[(s0 >>> 16) & 255] ^ T2[(s1 >>> 8) & 255] ^ T3[s2 & 255] ^ w[k + 3];
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  // Last round: SubBytes, ShiftRows, AddRoundKey (no MixColumns).
  out[0] =
    ((S[s0 >>> 24] << 24) |
      (S[(s1 >>> 16) & 255] << 16) |
      (S[(s2 >>> 8) & 255] << 8) |
      S[s3 & 255]) ^
    w[k];
  out[1] =
    ((S[s1 >>> 24] << 24) |
      (S[(s2 >>> 16) & 255] << 16) |
      (S[(s3 >>> 8) & 255] << 8) |
      S[s0 & 255]) ^
    w[k + 1];
  out[2] =
    ((S[s2 >>> 24] << 24) |
      (S[(s3 >>> 16) & 255] << 16) |
      (S[(s0 >>> 8) & 255] << 8) |
      S[s1 & 255]) ^
    w[k + 2];
  out[3] =
    ((S[s3 >>> 24] << 24) |
      (S[(s0 >>> 16) & 255] << 16) |
      (S[(s1 >>> 8) & 255] << 8) |
      S[s2 & 255]) ^
    w[k + 3];
}

/**
 * Decrypts one block of four big-endian words with the Equivalent Inverse Cipher
 * (FIPS 197 §5.3.5) and writes the plaintext words to out[0..3].
 *
 * @param dw - decryption round keys from expandDecryptionKey
 * @example decryptWords(expandDecryptionKey(expandKey(key)), c0, c1, c2, c3, out)
 */
export function decryptWords(
  dw: Int32Array,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  out: Int32Array,
): void {
  const Nr = (dw.length >>> 2) - 1;
  s0 ^= dw[0];
  s1 ^= dw[1];
  s2 ^= dw[2];
  s3 ^= dw[3];
  let k = 4;
  for (let round = 1; round < Nr; round++, k += 4) {
    const t0 = U0[s0 >>> 24] ^ U1[(s3 >>> 16) & 255] ^ U2[(s2 >>> 8) & 255] ^ U3[s1 & 255] ^ dw[k];
    const t1 =
      U0[s1 >>> 24] ^ U1[(s0 >>> 16) & 255] ^ U2[(s3 >>> 8) & 255] ^ U3[s2 & 255] ^ dw[k + 1];
    const t2 =
      U0[s2 >>> 24] ^ U1[(s1 >>> 16) & 255] ^ U2[(s0 >>> 8) & 255] ^ U3[s3 & 255] ^ dw[k + 2];
    const t3 =
      U0[s3 >>> 24] ^ U1[(s2 >>> 16) & 255] ^ U2[(s1 >>> 8) & 255] ^ U3[s0 & 255] ^ dw[k + 3];
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  out[0] =
    ((SI[s0 >>> 24] << 24) |
      (SI[(s3 >>> 16) & 255] << 16) |
      (SI[(s2 >>> 8) & 255] << 8) |
      SI[s1 & 255]) ^
    dw[k];
  out[1] =
    ((SI[s1 >>> 24] << 24) |
      (SI[(s0 >>> 16) & 255] << 16) |
      (SI[(s3 >>> 8) & 255] << 8) |
      SI[s2 & 255]) ^
    dw[k + 1];
  out[2] =
    ((SI[s2 >>> 24] << 24) |
      (SI[(s1 >>> 16) & 255] << 16) |
      (SI[(s0 >>> 8) & 255] << 8) |
      SI[s3 & 255]) ^
    dw[k + 2];
  out[3] =
    ((SI[s3 >>> 24] << 24) |
      (SI[(s2 >>> 16) & 255] << 16) |
      (SI[(s1 >>> 8) & 255] << 8) |
      SI[s0 & 255]) ^
    dw[k + 3];
}

/** The four words of a block (FIPS 197 §3.4: column c is bytes 4c..4c+3) into a fresh 16-byte array. */
function wordsToBlock(words: Int32Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let c = 0; c < 4; c++) writeUint32BE(out, 4 * c, words[c] >>> 0);
  return out;
}

/** A keyed AES block cipher (FIPS 197), one 16-byte block at a time. */
export interface AesBlockCipher {
  /** Key length in bytes: 16, 24 or 32. */
  readonly keyLength: number;
  /** Nr: 10, 12 or 14. */
  readonly rounds: number;
  /** Cipher(): encrypts one 16-byte block into a fresh array. Throws TypeError/RangeError on a wrong type/length. */
  encryptBlock(block: Uint8Array): Uint8Array;
  /** InvCipher(): decrypts one 16-byte block into a fresh array. Throws TypeError/RangeError on a wrong type/length. */
  decryptBlock(block: Uint8Array): Uint8Array;
}

/**
 * Expands `key` once and returns an object that encrypts and decrypts single blocks
 * (the decryption key schedule is computed on first use). This is raw AES (ECB on one
 * block): use it to study the cipher or to build a mode; for messages use `aesGcm`.
 *
 * @param key - 16, 24 or 32 bytes (AES-128, AES-192, AES-256); copied, never modified
 * @returns the keyed block cipher
 * @throws TypeError when key is not a Uint8Array; RangeError when its length is not 16, 24 or 32
 * @example
 * const aes = createAes(hexToBytes('000102030405060708090a0b0c0d0e0f'));
 * bytesToHex(aes.encryptBlock(hexToBytes('00112233445566778899aabbccddeeff')));
 * // '69c4e0d86a7b0430d8cdb78070b4c55a' (FIPS 197 Appendix C.1)
 */
export function createAes(key: Uint8Array): AesBlockCipher {
  const w = expandKey(key);
  let dw: Int32Array | undefined;
  const out = new Int32Array(4);
  return Object.freeze({
    keyLength: key.length,
    rounds: (w.length >>> 2) - 1,
    encryptBlock(block: Uint8Array): Uint8Array {
      assertBytes(block, 'block', 16);
      encryptWords(
        w,
        readUint32BE(block, 0),
        readUint32BE(block, 4),
        readUint32BE(block, 8),
        readUint32BE(block, 12),
        out,
      );
      return wordsToBlock(out);
    },
    decryptBlock(block: Uint8Array): Uint8Array {
      assertBytes(block, 'block', 16);
      dw ??= expandDecryptionKey(w);
      decryptWords(
        dw,
        readUint32BE(block, 0),
        readUint32BE(block, 4),
        readUint32BE(block, 8),
        readUint32BE(block, 12),
        out,
      );
      return wordsToBlock(out);
    },
  });
}
