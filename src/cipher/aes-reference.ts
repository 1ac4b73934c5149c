/**
 * AES, the reference: FIPS 197 (Advanced Encryption Standard, 2001; updated 2023), written the
 * way the standard writes it, one round function per name, for people studying it and as the
 * test oracle of the fast path in ./aes.ts.
 *
 * The math in a few lines (FIPS 197 §4, §5):
 * - Bytes are elements of GF(2^8) = GF(2)[x] / (x^8 + x^4 + x^3 + x + 1); adding is XOR and
 *   xtime(b) = b·x is a left shift, reduced by {1b} when bit 7 falls off (§4.2).
 * - The state is a 4×4 matrix of bytes s[r][c]; the 16 input bytes fill it column by column:
 *   s[r][c] = in[r + 4c] (§3.4).
 * - A round is SubBytes (each byte → affine(b^−1), §5.1.1), ShiftRows (row r rotates left by r,
 *   §5.1.2), MixColumns (each column × a(x) = {03}x^3 + {01}x^2 + {01}x + {02} mod x^4 + 1,
 *   §5.1.3) and AddRoundKey (XOR with four words of the key schedule, §5.1.4). Nr = 10, 12, 14
 *   rounds for 128-, 192- and 256-bit keys; the last round skips MixColumns.
 * - KeyExpansion (§5.2) stretches Nk = 4, 6 or 8 key words into 4(Nr + 1) words w[i].
 * - InvCipher (§5.3) runs the inverse functions in reverse order.
 *
 * What this file deliberately does not do: be fast (it allocates per round and loops over bytes;
 * see ./aes.ts) or be constant time (the S-box is a table indexed by secret bytes, and the
 * S-box itself is computed here with a variable-time field inverse at load time).
 */
import { assertBytes } from '../bytes/index.js';

/** Number of columns of the state, Nb = 4 (FIPS 197 §3.4). */
export const Nb = 4;

/** The state: four rows of four bytes, s[r][c] (FIPS 197 §3.4). */
export type State = number[][];

/**
 * xtime(b) = b·{02} in GF(2^8) (FIPS 197 §4.2, equation 4.5).
 * @example xtime(0x57) // 0xae
 */
export function xtime(b: number): number {
  return ((b << 1) ^ (b & 0x80 ? 0x1b : 0)) & 0xff;
}

/**
 * a·b in GF(2^8) by repeated xtime (FIPS 197 §4.2: {57}·{13} = {57}⊕{ae}⊕{07} = {fe}).
 * @example gfMultiply(0x57, 0x13) // 0xfe
 */
export function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (let bits = b; bits !== 0; bits >>= 1) {
    if (bits & 1) product ^= a;
    a = xtime(a);
  }
  return product;
}

/** b^−1 in GF(2^8) as b^254 (Fermat; b^255 = 1 for b ≠ 0), with {00} ↦ {00} (FIPS 197 §5.1.1). */
function gfInverse(b: number): number {
  let result = 1;
  let base = b;
  for (let e = 254; e > 0; e >>= 1) {
    if (e & 1) result = gfMultiply(result, base);
    base = gfMultiply(base, base);
  }
  return b === 0 ? 0 : result;
}

/**
 * The S-box, computed as the standard defines it (FIPS 197 §5.1.1, equation 5.1): take the
 * multiplicative inverse b of the byte, then b'_i = b_i ⊕ b_(i+4) ⊕ b_(i+5) ⊕ b_(i+6) ⊕ b_(i+7) ⊕ c_i
 * with c = {63}. SBOX[0x53] = 0xed (Table 4).
 */
export const SBOX: Uint8Array = (() => {
  const box = new Uint8Array(256);
  for (let a = 0; a < 256; a++) {
    const b = gfInverse(a);
    let out = 0;
    for (let i = 0; i < 8; i++) {
      const bit =
        ((b >> i) ^
          (b >> ((i + 4) % 8)) ^
          (b >> ((i + 5) % 8)) ^
          (b >> ((i + 6) % 8)) ^
          (b >> ((i + 7) % 8)) ^
          (0x63 >> i)) &
        1;
      out |= bit << i;
    }
    box[a] = out;
  }
  return box;
})();

/** The inverse S-box (FIPS 197 §5.3.2, Table 6): INV_SBOX[SBOX[b]] = b. */
export const INV_SBOX: Uint8Array = (() => {
  const box = new Uint8Array(256);
  for (let a = 0; a < 256; a++) box[SBOX[a]] = a;
  return box;
})();

/** SubBytes (§5.1.1): every byte through the S-box. Returns a new state. */
export function subBytes(s: State): State {
  return s.map((row) => row.map((b) => SBOX[b]));
}

/** InvSubBytes (§5.3.2): every byte through the inverse S-box. */
export function invSubBytes(s: State): State {
  return s.map((row) => row.map((b) => INV_SBOX[b]));
}

/** ShiftRows (§5.1.2): s'[r][c] = s[r][(c + r) mod 4]. */
export function shiftRows(s: State): State {
  return s.map((row, r) => row.map((_, c) => row[(c + r) % Nb]));
}

/** InvShiftRows (§5.3.1): s'[r][c] = s[r][(c − r) mod 4]. */
export function invShiftRows(s: State): State {
  return s.map((row, r) => row.map((_, c) => row[(c - r + Nb) % Nb]));
}

/** Multiplies each column by the 4×4 circulant matrix whose first row is m (§5.1.3 / §5.3.3). */
function mixWith(s: State, m: readonly number[]): State {
  const out: State = [[], [], [], []];
  for (let c = 0; c < Nb; c++) {
    for (let r = 0; r < 4; r++) {
      out[r][c] =
        gfMultiply(m[0], s[r][c]) ^
        gfMultiply(m[1], s[(r + 1) % 4][c]) ^
        gfMultiply(m[2], s[(r + 2) % 4][c]) ^
        gfMultiply(m[3], s[(r + 3) % 4][c]);
    }
  }
  return out;
}

/** MixColumns (§5.1.3, equation 5.6): s'0 = {02}s0 ⊕ {03}s1 ⊕ s2 ⊕ s3, and rotations. */
export function mixColumns(s: State): State {
  return mixWith(s, [0x02, 0x03, 0x01, 0x01]);
}

/** InvMixColumns (§5.3.3, equation 5.12): rows {0e}, {0b}, {0d}, {09}. */
export function invMixColumns(s: State): State {
  return mixWith(s, [0x0e, 0x0b, 0x0d, 0x09]);
}

/** AddRoundKey (§5.1.4): column c XOR word w[round·Nb + c] (a word is 4 bytes, byte 0 at row 0). */
export function addRoundKey(s: State, w: readonly number[][], round: number): State {
  return s.map((row, r) => row.map((b, c) => b ^ w[round * Nb + c][r]));
}

/** Rounds Nr for a key of Nk words (§5, Table 3). */
export function roundCount(Nk: number): number {
  return Nk + 6;
}

/**
 * KeyExpansion (§5.2, Algorithm 2): the key schedule w[0 .. 4(Nr + 1) − 1], each word as 4 bytes.
 *
 * @param key - 16, 24 or 32 bytes
 * @returns the words w[i], each an array of 4 bytes
 * @throws TypeError when key is not a Uint8Array; RangeError when its length is not 16, 24 or 32
 * @example keyExpansion(hexToBytes('2b7e151628aed2a6abf7158809cf4f3c'))[43] // [0xb6, 0x63, 0x0c, 0xa6] (Appendix A.1)
 */
export function keyExpansion(key: Uint8Array): number[][] {
  assertBytes(key, 'key', 16, 24, 32);
  const Nk = key.length / 4;
  const Nr = roundCount(Nk);
  const w: number[][] = [];
  for (let i = 0; i < Nk; i++) w.push([key[4 * i], key[4 * i + 1], key[4 * i + 2], key[4 * i + 3]]);
  let Rcon = 0x01; // Rcon[i/Nk] = [x^(i/Nk − 1), 0, 0, 0]
  for (let i = Nk; i < Nb * (Nr + 1); i++) {
    let temp = w[i - 1];
    if (i % Nk === 0) {
      temp = subWord(rotWord(temp));
      temp[0] ^= Rcon;
      Rcon = xtime(Rcon);
    } else if (Nk > 6 && i % Nk === 4) {
      temp = subWord(temp);
    }
    w.push(w[i - Nk].map((b, j) => b ^ temp[j]));
  }
  return w;
}

/** RotWord([a0, a1, a2, a3]) = [a1, a2, a3, a0] (§5.2). */
function rotWord(word: readonly number[]): number[] {
  return [word[1], word[2], word[3], word[0]];
}

/** SubWord: the S-box on each byte of a word (§5.2). */
function subWord(word: readonly number[]): number[] {
  return word.map((b) => SBOX[b]);
}

function toState(block: Uint8Array): State {
  const s: State = [[], [], [], []];
  for (let r = 0; r < 4; r++) for (let c = 0; c < Nb; c++) s[r][c] = block[r + 4 * c];
  return s;
}

function fromState(s: State): Uint8Array {
  const out = new Uint8Array(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < Nb; c++) out[r + 4 * c] = s[r][c];
  return out;
}

/**
 * Cipher (§5.1, Algorithm 1): encrypts one 16-byte block.
 *
 * @param block - 16 bytes of plaintext
 * @param key - 16, 24 or 32 bytes
 * @returns a fresh 16-byte ciphertext block
 * @throws TypeError / RangeError on a wrong type or length
 * @example aesEncryptBlockReference(hexToBytes('00112233445566778899aabbccddeeff'), hexToBytes('000102030405060708090a0b0c0d0e0f'))
 * // 69c4e0d86a7b0430d8cdb78070b4c55a (Appendix C.1)
 */
export function aesEncryptBlockReference(block: Uint8Array, key: Uint8Array): Uint8Array {
  assertBytes(block, 'block', 16);
  const w = keyExpansion(key);
  const Nr = roundCount(key.length / 4);
  let state = addRoundKey(toState(block), w, 0);
  for (let round = 1; round < Nr; round++) {
    state = subBytes(state);
    state = shiftRows(state);
    state = mixColumns(state);
    state = addRoundKey(state, w, round);
  }
  state = subBytes(state);
  state = shiftRows(state);
  state = addRoundKey(state, w, Nr);
  return fromState(state);
}

/**
 * InvCipher (§5.3, Algorithm 3): decrypts one 16-byte block.
 *
 * @param block - 16 bytes of ciphertext
 * @param key - 16, 24 or 32 bytes
 * @returns a fresh 16-byte plaintext block
 * @throws TypeError / RangeError on a wrong type or length
 * @example aesDecryptBlockReference(hexToBytes('69c4e0d86a7b0430d8cdb78070b4c55a'), hexToBytes('000102030405060708090a0b0c0d0e0f'))
 * // 00112233445566778899aabbccddeeff (Appendix C.1)
 */
export function aesDecryptBlockReference(block: Uint8Array, key: Uint8Array): Uint8Array {
  assertBytes(block, 'block', 16);
  const w = keyExpansion(key);
  const Nr = roundCount(key.length / 4);
  let state = addRoundKey(toState(block), w, Nr);
  for (let round = Nr - 1; round >= 1; round--) {
    state = invShiftRows(state);
    state = invSubBytes(state);
    state = addRoundKey(state, w, round);
    state = invMixColumns(state);
  }
  state = invShiftRows(state);
  state = invSubBytes(state);
  state = addRoundKey(state, w, 0);
  return fromState(state);
}
