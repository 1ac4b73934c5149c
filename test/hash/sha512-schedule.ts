/**
 * Writes out eight steps of SHA-512's message schedule (FIPS 180-4 §6.4.2 step 1, t ≥ 16) as
 * straight-line code for src/hash/sha512-compress.ts. test/hash/sha512.test.ts regenerates them
 * and compares them with the source byte for byte (UPDATE_GENERATED=1 rewrites the source).
 *
 * Step j (0 … 7) computes W_(t+j) = σ1(W_(t+j−2)) + W_(t+j−7) + σ0(W_(t+j−15)) + W_(t+j−16)
 * on 32-bit halves: the high halves are in WH, the low halves in WL. σ0 = ROTR^1 ⊕ ROTR^8 ⊕
 * SHR^7 and σ1 = ROTR^19 ⊕ ROTR^61 ⊕ SHR^6 (§4.1.3, (4.12) and (4.13)); a rotation by n < 32
 * takes each half's bits from the other half, and ROTR^61 is ROTR^29 with the halves swapped.
 * The low halves are added as unsigned numbers in a double (exact: four of them stay below
 * 2^34), whose bits above 32 are the carry into the high half.
 */

const INDENT = '      ';

/** The element at t + offset of one of the two arrays, spelled as in the source. */
const at = (array: 'WH' | 'WL', offset: number): string =>
  offset === 0
    ? `${array}[t]`
    : offset > 0
      ? `${array}[t + ${offset}]`
      : `${array}[t - ${-offset}]`;

/**
 * The lines of step j (W_(t+j)), without indentation: x = W_(t+j−15) and y = W_(t+j−2) as
 * halves; s0 and s1 are the first two rotations of σ0(x) and σ1(y), the third term is added
 * where they are used.
 */
function step(j: number): string[] {
  const [xh, xl, yh, yl] = [`xh${j}`, `xl${j}`, `yh${j}`, `yl${j}`];
  const [s0h, s0l, s1h, s1l] = [`s0h${j}`, `s0l${j}`, `s1h${j}`, `s1l${j}`];
  return [
    `// W_(t+${j}) = σ1(W_(t+${j}−2)) + W_(t+${j}−7) + σ0(W_(t+${j}−15)) + W_(t+${j}−16)`,
    `const ${xh} = ${at('WH', j - 15)};`,
    `const ${xl} = ${at('WL', j - 15)};`,
    `const ${yh} = ${at('WH', j - 2)};`,
    `const ${yl} = ${at('WL', j - 2)};`,
    `const ${s1h} = ((${yh} >>> 19) | (${yl} << 13)) ^ ((${yl} >>> 29) | (${yh} << 3));`,
    `const ${s1l} = ((${yl} >>> 19) | (${yh} << 13)) ^ ((${yh} >>> 29) | (${yl} << 3));`,
    `const ${s0h} = ((${xh} >>> 1) | (${xl} << 31)) ^ ((${xh} >>> 8) | (${xl} << 24));`,
    `const ${s0l} = ((${xl} >>> 1) | (${xh} << 31)) ^ ((${xl} >>> 8) | (${xh} << 24));`,
    `const lo${j} = ((${s1l} ^ ((${yl} >>> 6) | (${yh} << 26))) >>> 0) + (${at('WL', j - 7)} >>> 0);`,
    `const low${j} = lo${j} + ((${s0l} ^ ((${xl} >>> 7) | (${xh} << 25))) >>> 0) + (${at('WL', j - 16)} >>> 0);`,
    `const hi${j} = (${s1h} ^ (${yh} >>> 6)) + ${at('WH', j - 7)} + (${s0h} ^ (${xh} >>> 7)) + ${at('WH', j - 16)};`,
    `${at('WH', j)} = (hi${j} + ((low${j} / 0x100000000) | 0)) | 0;`,
    `${at('WL', j)} = low${j} | 0;`,
  ];
}

/** The generated block: eight schedule steps, indented for the loop body. */
export function sha512Schedule(): string {
  const lines: string[] = [];
  for (let j = 0; j < 8; j++) lines.push(...step(j));
  return lines.map((line) => INDENT + line).join('\n');
}

export const BEGIN = `${INDENT}// BEGIN GENERATED SCHEDULE (test/hash/sha512-schedule.ts)`;
export const END = `${INDENT}// END GENERATED SCHEDULE`;
