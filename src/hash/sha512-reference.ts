/**
 * SHA-512 and SHA-384, the plain reference: FIPS 180-4 §4.1.3 (functions), §4.2.3
 * (constants), §5.1.2 (padding), §5.3.4–§5.3.5 (initial hash values), §6.4 (SHA-512) and
 * §6.5 (SHA-384), written to be read beside the standard. It is the oracle the fast path in
 * sha512.ts is tested against; use `sha512` / `sha384` from sha512.ts in real code.
 *
 * Words are 64 bits here, held as bigints: `BigInt.asUintN(64, …)` is "addition modulo 2^64"
 * (FIPS 180-4 §3.2), so the code reads exactly like the standard. (BigInt is far too slow for
 * a hash used in earnest, which is why the fast path works on pairs of 32-bit halves.)
 *
 * SHA-384 is SHA-512 with a different initial hash value H^(0), truncated to its leftmost
 * 384 bits (§6.5).
 *
 * Deliberately not done here: streaming, speed, SHA-512/t.
 */
import { assertBytes } from '../bytes/assert.js';
import { H0_384, H0_512, K } from './sha512-constants.js';

const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

/** ROTR^n(x) = (x >> n) ∨ (x << 64 − n), FIPS 180-4 §3.2 with w = 64. */
const ROTR = (n: bigint, x: bigint): bigint => u64((x >> n) | (x << (64n - n)));
/** SHR^n(x) = x >> n. */
const SHR = (n: bigint, x: bigint): bigint => x >> n;

// FIPS 180-4 §4.1.3, equations (4.8)–(4.13).
export const Ch = (x: bigint, y: bigint, z: bigint): bigint => (x & y) ^ (u64(~x) & z);
export const Maj = (x: bigint, y: bigint, z: bigint): bigint => (x & y) ^ (x & z) ^ (y & z);
export const Σ0 = (x: bigint): bigint => ROTR(28n, x) ^ ROTR(34n, x) ^ ROTR(39n, x);
export const Σ1 = (x: bigint): bigint => ROTR(14n, x) ^ ROTR(18n, x) ^ ROTR(41n, x);
export const σ0 = (x: bigint): bigint => ROTR(1n, x) ^ ROTR(8n, x) ^ SHR(7n, x);
export const σ1 = (x: bigint): bigint => ROTR(19n, x) ^ ROTR(61n, x) ^ SHR(6n, x);

/**
 * The padding of FIPS 180-4 §5.1.2: M ‖ 1 ‖ 0^k ‖ ℓ as a 128-bit big-endian integer, where
 * k is the smallest k ≥ 0 with ℓ + 1 + k ≡ 896 (mod 1024).
 */
export function pad512(M: Uint8Array): Uint8Array {
  const ℓ = BigInt(M.length) * 8n;
  const paddedLength = Math.ceil((M.length + 17) / 128) * 128;
  const out = new Uint8Array(paddedLength);
  out.set(M);
  out[M.length] = 0x80;
  const view = new DataView(out.buffer);
  view.setBigUint64(paddedLength - 16, ℓ >> 64n);
  view.setBigUint64(paddedLength - 8, u64(ℓ));
  return out;
}

/**
 * One application of the compression function, FIPS 180-4 §6.4.2 steps 1–4, on the 16
 * words of block M^(i): returns H^(i) from H^(i−1).
 */
export function compress512(H: readonly bigint[], M: readonly bigint[]): bigint[] {
  // Step 1: prepare the message schedule {W_t}.
  const W: bigint[] = [];
  for (let t = 0; t < 16; t++) W[t] = M[t];
  for (let t = 16; t < 80; t++) W[t] = u64(σ1(W[t - 2]) + W[t - 7] + σ0(W[t - 15]) + W[t - 16]);
  // Step 2: initialize the eight working variables with H^(i−1).
  let [a, b, c, d, e, f, g, h] = H;
  // Step 3.
  for (let t = 0; t < 80; t++) {
    const T1 = u64(h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]);
    const T2 = u64(Σ0(a) + Maj(a, b, c));
    h = g;
    g = f;
    f = e;
    e = u64(d + T1);
    d = c;
    c = b;
    b = a;
    a = u64(T1 + T2);
  }
  // Step 4: the i-th intermediate hash value H^(i).
  return [a, b, c, d, e, f, g, h].map((v, j) => u64(v + H[j]));
}

/** §6.4.2 over the padded message from `H0`, returning the leftmost `length` bytes of H^(N). */
function hash(M: Uint8Array, H0: readonly bigint[], length: number): Uint8Array {
  const padded = pad512(M);
  const view = new DataView(padded.buffer);
  let H = [...H0];
  for (let i = 0; i < padded.length; i += 128) {
    const block: bigint[] = [];
    for (let t = 0; t < 16; t++) block.push(view.getBigUint64(i + 8 * t));
    H = compress512(H, block);
  }
  const digest = new Uint8Array(64);
  const out = new DataView(digest.buffer);
  for (let j = 0; j < 8; j++) out.setBigUint64(8 * j, H[j]);
  return digest.slice(0, length);
}

/**
 * SHA-512 of `M` computed by the plain reference (FIPS 180-4 §6.4).
 * @param M - the message
 * @returns a fresh 64-byte digest
 * @throws TypeError when `M` is not a Uint8Array
 * @example bytesToHex(sha512Reference(utf8ToBytes('abc'))) // 'ddaf35a1…a54ca49f'
 */
export function sha512Reference(M: Uint8Array): Uint8Array {
  assertBytes(M, 'M');
  return hash(M, H0_512, 64);
}

/**
 * SHA-384 of `M` computed by the plain reference (FIPS 180-4 §6.5: SHA-512's computation from
 * H0_384, keeping the leftmost 384 bits).
 * @param M - the message
 * @returns a fresh 48-byte digest
 * @throws TypeError when `M` is not a Uint8Array
 * @example bytesToHex(sha384Reference(utf8ToBytes('abc'))) // 'cb00753f…8086072ba1e7cc2358baeca134c825a7'
 */
export function sha384Reference(M: Uint8Array): Uint8Array {
  assertBytes(M, 'M');
  return hash(M, H0_384, 48);
}
