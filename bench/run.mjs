// @ts-check
/**
 * `npm run bench [-- --json FILE] [--filter TEXT] [--list] [--rounds N] [--time SECONDS]`
 *
 * Runs every layer's rows (bench/<layer>.mjs) against the built library (dist/esm),
 * node:crypto and @noble/*, side by side in this one process, and prints a table; --json
 * also writes the raw medians. A full run takes minutes, so each row announces itself on
 * stderr ("bench: row k of N (s so far): name") while the table goes to stdout.
 */
import * as fs from 'node:fs';
import { environment, formatRow, rowLabel, runRow, sinkResult } from './harness.mjs';

const LAYERS = ['hash', 'cipher', 'curve', 'signature', 'x25519', 'channel', 'tls', 'cold'];

function parse(argv) {
  const options = {
    json: undefined,
    filter: undefined,
    list: false,
    rounds: 3,
    time: 0.5,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') options.json = argv[++i];
    else if (a === '--filter') options.filter = argv[++i];
    else if (a === '--list') options.list = true;
    else if (a === '--rounds') options.rounds = Number(argv[++i]);
    else if (a === '--time') options.time = Number(argv[++i]);
    else if (a === '--help' || a === '-h') options.help = true;
    else throw new Error(`bench: unknown argument ${a}`);
  }
  return options;
}

const options = parse(process.argv.slice(2));
if (options.help) {
  console.log(
    'usage: npm run bench -- [--json FILE] [--filter TEXT] [--list] [--rounds N] [--time SECONDS]\n\n' +
      '  --json FILE      also write the results as JSON\n' +
      '  --filter TEXT    only rows whose name, as the README table prints it, contains TEXT\n' +
      "                   (case-insensitive), e.g. --filter 'SHA-256 — 1 KiB'\n" +
      '  --list           print the names of the rows (those --filter picks) without running them\n' +
      '  --rounds N       interleaved rounds per row; the median is reported (default 3)\n' +
      '  --time SECONDS   benchmark.js maxTime per contender per round (default 0.5)\n\n' +
      'Progress (row k of N, with its name) goes to stderr; the table goes to stdout.',
  );
  process.exit(0);
}

const env = environment();
if (!options.list) {
  console.log(
    `ecdh-lab benchmarks — Node ${env.node} (V8 ${env.v8}, OpenSSL ${env.openssl}), ${env.cpu} × ${env.cores}, ${env.platform}`,
  );
  console.log(
    `median of ${options.rounds} interleaved rounds, ${options.time} s per contender per round\n`,
  );
}

const all = [];
const filter = options.filter?.toLowerCase();
const pick = (/** @type {any[]} */ rows) =>
  rows.filter((row) => !filter || rowLabel(row).toLowerCase().includes(filter));
/** @type {{ rows: () => Promise<any[]>, teardown?: () => unknown }[]} */
const layers = [];
for (const layer of LAYERS) {
  const path = new URL(`./${layer}.mjs`, import.meta.url);
  if (fs.existsSync(path)) layers.push(await import(path.href));
}
// A first pass names (and counts) the rows, so that progress can say "row k of N". Each layer
// is then set up again just before its rows run: a layer's connections must not sit idle
// while the other layers run (the channel's server closes idle connections).
let matched = 0;
for (const { rows, teardown } of layers) {
  for (const row of pick(await rows())) {
    matched++;
    if (options.list) console.log(rowLabel(row));
  }
  if (teardown) await teardown();
}
const started = Date.now();
let k = 0;
for (const { rows, teardown } of options.list || matched === 0 ? [] : layers) {
  for (const row of pick(await rows())) {
    const label = rowLabel(row);
    k++;
    // Progress goes to stderr, so stdout (the table) stays clean when redirected.
    const elapsed = Math.round((Date.now() - started) / 1000);
    process.stderr.write(`bench: row ${k} of ${matched} (${elapsed} s so far): ${label}\n`);
    const result = await runRow(row, { rounds: options.rounds, maxTime: options.time }); // a promise for deferred (async) rows
    console.log(formatRow(result));
    all.push(result);
  }
  if (teardown) await teardown(); // a layer with sockets or servers closes them here
}
if (!options.list && matched > 0)
  process.stderr.write(
    `bench: ${matched} rows in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
if (matched === 0) {
  console.error(
    `bench: no row matches --filter '${options.filter}'; rows are named as in the README table, e.g. 'SHA-256 — 1 KiB' (--list prints them all)`,
  );
  process.exit(2);
}
if (options.json) {
  fs.writeFileSync(
    options.json,
    JSON.stringify({ environment: env, rounds: options.rounds, rows: all }, null, 2) + '\n',
  );
  console.log(`\nwrote ${options.json}`);
}
if (sinkResult() === 0.5) console.log(''); // keeps the sink observable
