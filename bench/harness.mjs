// @ts-check
/**
 * The shared benchmark harness (benchmark.js).
 *
 * A row is one operation with its contenders: ecdh-lab, node:crypto and @noble/*, and on some
 * rows a further pure-JS anchor (elliptic, sha256-uint8array, @stablelib/gcm).
 * All contenders of a row run in the same process, interleaved: the row's suite is run
 * `rounds` times (default 3), each contender once per round, and the reported figure is the
 * median over rounds. Every call's result goes into a sink, so the JIT cannot drop the work
 * (benchmark.js would otherwise time an empty loop). Inputs are built before timing, from
 * a fixed seed.
 */
import Benchmark from 'benchmark';
import * as os from 'node:os';

export const CONTENDERS = ['ecdh-lab', 'node:crypto', '@noble'];
/** The further pure-JS anchors, in the README table's "other pure JS" column. */
export const ANCHORS = ['elliptic', 'sha256-uint8array', '@stablelib/gcm'];

let sinkValue = 0;
/** Consumes a result so it stays observable. */
export function sink(value) {
  if (value instanceof Uint8Array || Array.isArray(value))
    sinkValue ^= value.length === 0 ? 1 : value[0] ^ value[value.length - 1];
  else if (typeof value === 'bigint') sinkValue ^= Number(value & 0xffn);
  else if (typeof value === 'number') sinkValue ^= value | 0;
  else if (value && typeof value === 'object') sinkValue ^= 1;
  else sinkValue ^= 2;
}
export function sinkResult() {
  return sinkValue;
}

/** Deterministic bytes from a seed (xorshift32): the same inputs on every run. */
export function seededBytes(length, seed = 1) {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @typedef {{ group: string, name: string, bytes?: number, contenders: Record<string, () => unknown>, note?: string, defer?: boolean, processes?: number }} Row
 * @typedef {{ group: string, name: string, bytes?: number, note?: string, results: Record<string, { hz: number, rme: number, samples: number, us: number, mbps?: number }> }} RowResult
 */

/**
 * The medians of each contender's rounds, as a RowResult.
 * @param {Row} row
 * @param {Record<string, number[]>} hz
 * @param {Record<string, number[]>} rme
 * @param {Record<string, number>} samples
 * @returns {RowResult}
 */
function summarize(row, hz, rme, samples) {
  /** @type {RowResult['results']} */
  const results = {};
  for (const name of Object.keys(row.contenders)) {
    const h = median(hz[name]);
    results[name] = { hz: h, rme: median(rme[name]), samples: samples[name], us: 1e6 / h };
    if (row.bytes) results[name].mbps = (h * row.bytes) / 1e6;
  }
  return { group: row.group, name: row.name, bytes: row.bytes, note: row.note, results };
}

/**
 * The per-contender tallies of one row: a median is taken over `hz` and `rme` at the end.
 * `record` files one finished benchmark.js cycle.
 * @param {Row} row
 */
function tallies(row) {
  /** @type {Record<string, number[]>} */
  const hz = {};
  /** @type {Record<string, number[]>} */
  const rme = {};
  /** @type {Record<string, number>} */
  const samples = {};
  for (const name of Object.keys(row.contenders)) {
    hz[name] = [];
    rme[name] = [];
    samples[name] = 0;
  }
  const record = (/** @type {any} */ b) => {
    hz[b.name].push(b.hz);
    rme[b.name].push(b.stats.rme);
    samples[b.name] += b.stats.sample.length;
  };
  return { hz, rme, samples, record };
}

/**
 * Runs one row and returns its medians.
 * @param {Row} row
 * @param {{ rounds: number, maxTime: number }} options
 * @returns {RowResult | Promise<RowResult>} (a promise for a row with `defer: true`)
 */
export function runRow(row, { rounds, maxTime }) {
  if (row.defer) return runRowDeferred(row, { rounds, maxTime });
  if (row.processes) return runRowProcesses(row);
  const { hz, rme, samples, record } = tallies(row);
  for (const fn of Object.values(row.contenders)) sink(fn()); // warm-up, and a check that each contender runs
  for (let round = 0; round < rounds; round++) {
    const suite = new Benchmark.Suite();
    for (const [name, fn] of Object.entries(row.contenders)) {
      suite.add(name, () => sink(fn()), { maxTime, minSamples: 5 });
    }
    suite.on('cycle', (/** @type {any} */ event) => {
      const b = event.target;
      if (b.error) throw b.error;
      record(b);
    });
    suite.run({ async: false });
  }
  return summarize(row, hz, rme, samples);
}

/**
 * Like runRow, for asynchronous operations (a row with `defer: true`, whose contenders return
 * promises): benchmark.js's deferred mode, each call resolving its deferred when the promise
 * settles. Same interleaving and medians as runRow.
 * @param {Row} row
 * @param {{ rounds: number, maxTime: number }} options
 * @returns {Promise<RowResult>}
 */
export async function runRowDeferred(row, { rounds, maxTime }) {
  const { hz, rme, samples, record } = tallies(row);
  for (const fn of Object.values(row.contenders)) sink(await fn()); // warm-up, and a check that each contender runs
  for (let round = 0; round < rounds; round++) {
    const suite = new Benchmark.Suite();
    for (const [name, fn] of Object.entries(row.contenders)) {
      suite.add(name, {
        defer: true,
        maxTime,
        minSamples: 5,
        fn: (/** @type {any} */ deferred) => {
          /** @type {Promise<unknown>} */ (fn()).then(
            (value) => {
              sink(value);
              deferred.resolve();
            },
            (error) => {
              deferred.benchmark.error = error;
              deferred.resolve();
            },
          );
        },
      });
    }
    await new Promise((resolve, reject) => {
      suite.on('cycle', (/** @type {any} */ event) => {
        const b = event.target;
        if (b.error) return reject(b.error);
        record(b);
      });
      suite.on('complete', resolve);
      suite.run({ async: true });
    });
  }
  return summarize(row, hz, rme, samples);
}

/**
 * A row whose contenders each run one fresh process and return its time in milliseconds
 * (`processes: N`, bench/cold.mjs): N runs per contender, interleaved; the median is
 * reported, and rme is half the interquartile range as a percentage of the median.
 * @param {Row & { processes: number }} row
 * @returns {RowResult}
 */
function runRowProcesses(row) {
  /** @type {Record<string, number[]>} */
  const times = {};
  for (const name of Object.keys(row.contenders)) times[name] = [];
  for (let run = 0; run < row.processes; run++) {
    for (const [name, fn] of Object.entries(row.contenders)) {
      const ms = /** @type {number} */ (fn());
      sink(ms);
      times[name].push(ms);
    }
  }
  /** @type {RowResult['results']} */
  const results = {};
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((a, b) => a - b);
    const ms = median(sorted);
    const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
    results[name] = {
      hz: 1000 / ms,
      rme: ((q(0.75) - q(0.25)) / 2 / ms) * 100,
      samples: list.length,
      us: ms * 1000,
    };
  }
  return { group: row.group, name: row.name, bytes: row.bytes, note: row.note, results };
}

function formatRate(r, bytes) {
  if (bytes && bytes >= 65536) return `${r.mbps.toFixed(1)} MB/s`;
  if (r.hz >= 1000) return `${Math.round(r.hz).toLocaleString('en-US')} ops/s`;
  return `${r.hz.toFixed(1)} ops/s`;
}

function formatTime(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us.toFixed(2)} µs`;
}

/**
 * Prints a row: each contender's rate and time, and ecdh-lab's speed relative to the others
 * (ratio = ecdh-lab ops/s ÷ other ops/s; above 1 means ecdh-lab is faster).
 * @param {RowResult} row
 */
export function formatRow(row) {
  const lines = [`${row.group} — ${row.name}${row.note ? ` (${row.note})` : ''}`];
  const own = row.results['ecdh-lab'];
  for (const [name, r] of Object.entries(row.results)) {
    let ratio = '';
    if (own && name !== 'ecdh-lab') ratio = `ecdh-lab is ${(own.hz / r.hz).toFixed(2)}× this`;
    lines.push(
      `  ${name.padEnd(22)}${formatRate(r, row.bytes).padStart(16)}${formatTime(r.us).padStart(12)}/op  ±${r.rme.toFixed(1)}%  ${ratio}`,
    );
  }
  return lines.join('\n');
}

/**
 * A row's name as the README table prints it: "group — name", and "(vs node:tls)" when the
 * native contender is not node:crypto. `npm run bench -- --filter` matches these names.
 * @param {{ group: string, name: string, contenders?: object, results?: object }} row
 */
export function rowLabel(row) {
  const names = Object.keys(row.contenders ?? row.results ?? {});
  const node = names.find((name) => name.startsWith('node'));
  return `${row.group} — ${row.name}${node && node !== 'node:crypto' ? ` (vs ${node})` : ''}`;
}

/** A header naming the machine and runtime, as the README quotes it. */
export function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}
