/**
 * SHA-256, the plain reference: FIPS 180-4 §4.1.2 (functions), §4.2.2 (constants),
 * §5.1.1 (padding), §5.3.3 (initial hash value) and §6.2.2 (hash computation), written
 * to be read beside the standard. It is the oracle the fast path in sha256.ts is tested
 * against; use `sha256` from sha256.ts in real code.
 *
 * All arithmetic is on 32-bit words: `>>> 0` keeps each result an unsigned 32-bit integer,
 * which is what "addition modulo 2^32" (FIPS 180-4 §3.2) means.
 *
 * Deliberately not done here: streaming, speed, messages of 2^53 bits or more.
 */
import { assertBytes } from '../bytes/assert.js';
import { K, H0 } from './sha256-constants.js';

/** ROTR^n(x) = (x >>> n) ∨ (x << w − n), FIPS 180-4 §3.2. */
const ROTR = (n: number, x: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;
/** SHR^n(x) = x >>> n, FIPS 180-4 §3.2. */
const SHR = (n: number, x: number): number => x >>> n;

// FIPS 180-4 §4.1.2, equations (4.2)–(4.7).
export const Ch = (x: number, y: number, z: number): number => ((x & y) ^ (~x & z)) >>> 0;
export const Maj = (x: number, y: number, z: number): number => ((x & y) ^ (x & z) ^ (y & z)) >>> 0;
export const Σ0 = (x: number): number => (ROTR(2, x) ^ ROTR(13, x) ^ ROTR(22, x)) >>> 0;
export const Σ1 = (x: number): number => (ROTR(6, x) ^ ROTR(11, x) ^ ROTR(25, x)) >>> 0;
export const σ0 = (x: number): number => (ROTR(7, x) ^ ROTR(18, x) ^ SHR(3, x)) >>> 0;
export const σ1 = (x: number): number => (ROTR(17, x) ^ ROTR(19, x) ^ SHR(10, x)) >>> 0;

/**
 * The padding of FIPS 180-4 §5.1.1: M ‖ 1 ‖ 0^k ‖ ℓ as a 64-bit big-endian integer, where
 * k is the smallest k ≥ 0 with ℓ + 1 + k ≡ 448 (mod 512).
 */
export function pad(M: Uint8Array): Uint8Array {
  const ℓ = M.length * 8;
  const paddedLength = Math.ceil((M.length + 9) / 64) * 64;
  const out = new Uint8Array(paddedLength);
  out.set(M);
  out[M.length] = 0x80;
  const view = new DataView(out.buffer);
  view.setUint32(paddedLength - 8, Math.floor(ℓ / 2 ** 32));
  view.setUint32(paddedLength - 4, ℓ >>> 0);
  return out;
}

/**
 * One application of the compression function, FIPS 180-4 §6.2.2 steps 1–4, on the 16
 * words of block M^(i): returns H^(i) from H^(i−1).
 */
export function compress(H: readonly number[], M: readonly number[]): number[] {
  // Step 1: prepare the message schedule {W_t}.
  const W: number[] = [];
  for (let t = 0; t < 16; t++) W[t] = M[t];
  for (let t = 16; t < 64; t++) W[t] = (σ1(W[t - 2]) + W[t - 7] + σ0(W[t - 15]) + W[t - 16]) >>> 0;
  // Step 2: initialize the eight working variables with H^(i−1).
  let [a, b, c, d, e, f, g, h] = H;
  // Step 3.
  for (let t = 0; t < 64; t++) {
    const T1 = (h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]) >>> 0;
    const T2 = (Σ0(a) + Maj(a, b, c)) >>> 0;
    h = g;
    g = f;
    f = e;
    e = (d + T1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (T1 + T2) >>> 0;
  }
  // Step 4: the i-th intermediate hash value H^(i).
  return [a, b, c, d, e, f, g, h].map((v, j) => (v + H[j]) >>> 0);
}

/**
 * SHA-256 of `M` computed by the plain reference (FIPS 180-4 §6.2).
 * @example bytesToHex(sha256Reference(utf8ToBytes('abc'))) // 'ba7816bf…15ad'
 */
export function sha256Reference(M: Uint8Array): Uint8Array {
  assertBytes(M, 'M');
  const padded = pad(M);
  const view = new DataView(padded.buffer);
  let H = [...H0];
  for (let i = 0; i < padded.length; i += 64) {
    const block: number[] = [];
    for (let t = 0; t < 16; t++) block.push(view.getUint32(i + 4 * t));
    H = compress(H, block);
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (let j = 0; j < 8; j++) out.setUint32(4 * j, H[j]);
  return digest;
}
