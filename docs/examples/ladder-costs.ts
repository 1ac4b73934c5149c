// Chapter 10: what each ladder costs, counted while the library's own code runs: every call the
// P-256 co-Z ladder makes into src/math/fp.ts, and every call the X25519 ladder makes into
// src/x25519/field.ts, by kind. Nothing is typed in: change a formula and these numbers change.
//
// How it counts: the examples run against the package's CommonJS build, where a module reads
// each imported function from its source module's exports object at the moment of the call.
// Replacing a function there with a counting wrapper (and putting it back afterwards) therefore
// sees every call the ladders make. That is why this example, unlike the others, loads two
// internal modules, the field files beside the `ecdh-lab/math` entry point it was given (in the
// build, dist/cjs/math/fp.js and dist/cjs/x25519/field.js): they are not part of the public
// API, and code that uses the library has no reason to touch them.
import * as path from 'node:path';
import { G, P256, ladder, x25519Ladder, demoScalar } from 'ecdh-lab/math';

type Kind = 'M' | 'S' | 'c' | 'a' | 'I';

/** Runs `work` with the named functions of `module` counted by kind; returns the counts. */
function countCalls(
  module: Record<string, unknown>,
  kinds: Record<string, Kind>,
  work: () => void,
): Record<Kind, number> {
  const count: Record<Kind, number> = { M: 0, S: 0, c: 0, a: 0, I: 0 };
  const originals = new Map<string, unknown>();
  for (const [name, kind] of Object.entries(kinds)) {
    const original = module[name] as (...args: bigint[]) => bigint;
    originals.set(name, original);
    module[name] = (...args: bigint[]) => {
      count[kind]++;
      return original(...args);
    };
  }
  try {
    work();
  } finally {
    for (const [name, original] of originals) module[name] = original;
  }
  return count;
}

const NAMES: Record<Kind, string> = { M: 'M', S: 'S', c: '·small', a: ' add/sub', I: ' inversion' };
/** "aM + bS + …" for the kinds that occurred; divided by `per` (the steps) when given. */
const show = (c: Record<Kind, number>, per?: number) =>
  (Object.keys(NAMES) as Kind[])
    .filter((kind) => c[kind] > 0 && (per === undefined || kind !== 'I'))
    .map((kind) => {
      const value = per === undefined ? String(c[kind]) : (c[kind] / per).toFixed(2);
      return `${value.replace(/\.00$/, '')}${NAMES[kind]}`;
    })
    .join(' + ');

export function main(): void {
  const entry = path.dirname(require.resolve('ecdh-lab/math'));
  const p256Field = require(path.join(entry, 'math', 'fp')) as Record<string, unknown>;
  const field25519 = require(path.join(entry, 'x25519', 'field')) as Record<string, unknown>;
  const P256_KINDS: Record<string, Kind> = {
    mul: 'M',
    square: 'S',
    add: 'a',
    sub: 'a',
    neg: 'a',
    inverse: 'I',
  };
  const X25519_KINDS: Record<string, Kind> = {
    fieldMulLazy: 'M',
    fieldSquareLazy: 'S',
    fieldScaleLazy: 'c',
    fieldAddLazy: 'a',
    fieldSubLazy: 'a',
    fieldInverseLazy: 'I',
  };

  const k256 = [demoScalar('ecdh-lab Alice'), 1n, P256.n! - 1n]; // 1 and n − 1: two edge scalars
  const p256 = k256.map((k) => countCalls(p256Field, P256_KINDS, () => ladder(k, G)));
  const k25519 = [2n ** 254n + 8n * 12345n, 2n ** 255n - 8n, 2n ** 254n];
  const x = k25519.map((k) => countCalls(field25519, X25519_KINDS, () => x25519Ladder(k, 9n)));

  console.log(`P-256 co-Z ladder, one k·P (256 steps):  ${show(p256[0])}`);
  console.log(
    `  the same for k = 1 and k = n − 1:      ${p256.every((c) => show(c) === show(p256[0]))}`,
  );
  console.log(`  per step (setup and final included):   ${show(p256[0], 256)}, then the inversion`);
  console.log(`X25519 ladder, one u(k·P) (255 steps):   ${show(x[0])}`);
  console.log(`  the same for the other two scalars:    ${x.every((c) => show(c) === show(x[0]))}`);
  console.log(`  per step (final included):             ${show(x[0], 255)}, then the inversion`);
  const products = (c: Record<Kind, number>) => c.M + c.S;
  console.log(
    `multiplications and squarings: P-256 ${products(p256[0])}, X25519 ${products(x[0])} (ratio ${(products(p256[0]) / products(x[0])).toFixed(2)}), before the inversion`,
  );
}
