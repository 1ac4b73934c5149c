/**
 * Writes out the 64 rounds of SHA-256's compression function (FIPS 180-4 §6.2.2 steps 1–4) as
 * straight-line code for src/hash/sha256-compress.ts. test/hash/sha256.test.ts regenerates them
 * and compares them with the source byte for byte (UPDATE_GENERATED=1 rewrites the source).
 *
 * Each round t is the standard's step 3 with the roles renamed instead of moved: in round t the
 * variable that plays `a` is the one at position (0 − t) mod 8 of (a, b, …, h), and so on, so a
 * round writes only two variables (the new e into the old d, the new a into the old h). W_t is
 * kept in the local w_(t mod 16); from t = 16 on, it is computed (step 1) just before round t
 * overwrites W_(t−16), the oldest value, which is no longer needed. K_t is written as a literal.
 */
import { K } from '../../src/hash/sha256-constants';

const VARS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const INDENT = '    ';

/** ROTR^n(x) on an int32 held in a JavaScript number (FIPS 180-4 §3.2). */
const rotr = (x: string, n: number): string => `((${x} >>> ${n}) | (${x} << ${32 - n}))`;
const hex = (word: number): string => `0x${(word >>> 0).toString(16).padStart(8, '0')}`;

/** The lines of step 1 (t ≥ 16) and step 3 for round t, without indentation. */
function round(t: number): string[] {
  const lines: string[] = [];
  if (t >= 16) {
    // W_t = σ1(W_t−2) + W_t−7 + σ0(W_t−15) + W_t−16, into the local that held W_t−16.
    const w = (back: number): string => `w${(t - back) % 16}`;
    const [w2, w7, w15, w16] = [w(2), w(7), w(15), w(16)];
    lines.push(
      `// W_${t} = σ1(W_${t - 2}) + W_${t - 7} + σ0(W_${t - 15}) + W_${t - 16}`,
      `${w16} = (${w16} + ${w7}) | 0;`,
      `${w16} = (${w16} + (${rotr(w2, 17)} ^ ${rotr(w2, 19)} ^ (${w2} >>> 10))) | 0;`,
      `${w16} = (${w16} + (${rotr(w15, 7)} ^ ${rotr(w15, 18)} ^ (${w15} >>> 3))) | 0;`,
    );
  }
  const [a, b, c, d, e, f, g, h] = VARS.map((_, i) => VARS[(((i - t) % 8) + 8) % 8]);
  lines.push(
    `// Round ${t}: (a, b, c, d, e, f, g, h) = (${[a, b, c, d, e, f, g, h].join(', ')})`,
    `${h} = (${h} + (${rotr(e, 6)} ^ ${rotr(e, 11)} ^ ${rotr(e, 25)})) | 0;`,
    `${h} = (${h} + (${g} ^ (${e} & (${f} ^ ${g}))) + ${hex(K[t])} + w${t % 16}) | 0;`,
    `${d} = (${d} + ${h}) | 0;`,
    `${h} = (${h} + (${rotr(a, 2)} ^ ${rotr(a, 13)} ^ ${rotr(a, 22)})) | 0;`,
    `${h} = (${h} + ((${a} & ${b}) ^ (${a} & ${c}) ^ (${b} & ${c}))) | 0;`,
  );
  return lines;
}

/** The generated block: steps 1 and 3 for t = 0 … 63, indented for the loop body. */
export function sha256Rounds(): string {
  const lines: string[] = [];
  for (let t = 0; t < 64; t++) lines.push(...round(t));
  return lines.map((line) => INDENT + line).join('\n');
}

export const BEGIN = `${INDENT}// BEGIN GENERATED ROUNDS (test/hash/sha256-rounds.ts)`;
export const END = `${INDENT}// END GENERATED ROUNDS`;
