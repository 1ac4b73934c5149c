// @ts-check
/**
 * SHA-512 of 1 MiB (one-shot): ecdh-lab (dist/esm) against @noble/hashes in CPU time, for a
 * machine whose other jobs make wall-clock figures unreliable.
 *
 *   npm run build && node bench/sha512-cpu.mjs [--rounds N] [--batch K] [--alt path/to/module.mjs]
 *
 * Each round times a batch of K hashes by each contender back to back (the order alternates
 * from round to round) with process.cpuUsage (user + system), after a warm-up. It prints every
 * contender's median time per hash, the ratio noble / ecdh-lab of the medians, the median of the
 * per-round ratios, and the load average before and after (os.loadavg). `--alt` adds a further
 * contender: a module that exports `sha512` (for trying a variant before it replaces the source).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { sha512 } from '../dist/esm/index.js';
import { seededBytes } from './harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const rounds = Number(option('--rounds', '15'));
const batch = Number(option('--batch', '4'));
const alt = option('--alt', undefined);

const msg = seededBytes(1 << 20, (1 << 20) + 1);
/** @type {[string, (m: Uint8Array) => Uint8Array][]} */
const contenders = [
  ['ecdh-lab', sha512],
  ['@noble', nobleSha512],
];
if (alt) {
  const mod = await import(pathToFileURL(path.resolve(alt)).href);
  contenders.push(['alt', mod.sha512]);
}
const expected = Buffer.from(nobleSha512(msg)).toString('hex');
if (!process.env.SHA512_CPU_NOCHECK)
  for (const [name, fn] of contenders) {
    if (Buffer.from(fn(msg)).toString('hex') !== expected)
      throw new Error(`bench/sha512-cpu: ${name} disagrees with @noble`);
  }

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const load0 = os.loadavg();
for (let i = 0; i < 3; i++)
  for (const [, fn] of contenders) for (let j = 0; j < batch; j++) fn(msg);

/** @type {Record<string, number[]>} */
const times = Object.fromEntries(contenders.map(([name]) => [name, []]));
let sink = 0;
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? contenders : [...contenders].reverse();
  for (const [name, fn] of order) {
    const start = cpu();
    for (let j = 0; j < batch; j++) sink ^= fn(msg)[0];
    times[name].push((cpu() - start) / batch / 1000);
  }
}
const load1 = os.loadavg();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `SHA-512, 1 MiB one-shot, CPU ms per hash (median of ${rounds} rounds × ${batch}), node ${process.version}`,
);
for (const [name] of contenders) {
  const ratios = times['@noble'].map((t, i) => t / times[name][i]);
  console.log(
    `${name.padEnd(9)} ${median(times[name]).toFixed(2).padStart(8)} ms   noble/${name}: ${(median(times['@noble']) / median(times[name])).toFixed(3)}× (median of round ratios ${median(ratios).toFixed(3)}×)`,
  );
}
console.log(
  `load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)${sink < 0 ? '' : ''}`,
);
