// Chapter 6: SHA-256's compression function on the one block of "abc" (FIPS 180-4 §6.2.2),
// round by round with the spec's functions, checked against the library.
import { bytesToHex, sha256, utf8ToBytes } from 'ecdh-lab';
import {
  Ch,
  Maj,
  Σ0,
  Σ1,
  σ0,
  σ1,
  sha256Compress as compress,
  sha256Pad as pad,
  SHA256_H0 as H0,
  SHA256_K as K,
} from 'ecdh-lab/math';

const hex = (w: number) => w.toString(16).padStart(8, '0');

export function main(): void {
  const block = pad(utf8ToBytes('abc')); // "abc" ‖ 1 ‖ 0…0 ‖ 64-bit length 24: one 512-bit block
  const M: number[] = [];
  for (let t = 0; t < 16; t++) M.push(new DataView(block.buffer).getUint32(4 * t));
  console.log(`M (16 words): ${M.map(hex).join(' ')}`);

  const W = [...M]; // message schedule: W_t = σ1(W_t−2) + W_t−7 + σ0(W_t−15) + W_t−16
  for (let t = 16; t < 64; t++) W[t] = (σ1(W[t - 2]) + W[t - 7] + σ0(W[t - 15]) + W[t - 16]) >>> 0;
  console.log(`W16 … W19:    ${W.slice(16, 20).map(hex).join(' ')}`);

  let [a, b, c, d, e, f, g, h] = H0;
  console.log('t   a        b        c        d        e        f        g        h');
  for (let t = 0; t < 64; t++) {
    const T1 = (h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]) >>> 0;
    const T2 = (Σ0(a) + Maj(a, b, c)) >>> 0;
    [h, g, f, e, d, c, b, a] = [g, f, e, (d + T1) >>> 0, c, b, a, (T1 + T2) >>> 0];
    if (t < 3 || t === 63)
      console.log(`${String(t).padEnd(3)} ${[a, b, c, d, e, f, g, h].map(hex).join(' ')}`);
    if (t === 3) console.log('…');
  }
  const H1 = [a, b, c, d, e, f, g, h].map((v, j) => (v + H0[j]) >>> 0); // H(1) = working variables + H(0)
  console.log(`H(1) = ${H1.map(hex).join(' ')}`);
  console.log(
    `compress(H0, M) agrees: ${compress(H0, M).map(hex).join('') === H1.map(hex).join('')}`,
  );
  console.log(
    `sha256("abc") agrees:   ${bytesToHex(sha256(utf8ToBytes('abc'))) === H1.map(hex).join('')}`,
  );
}
