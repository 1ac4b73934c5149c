/**
 * ecdh-lab against the browser's own WebCrypto (crypto.subtle), side by side in one page:
 * SHA-256, AES-256-GCM encryption and a P-256 ECDH shared secret. Before timing, each row
 * checks that both give the same bytes (the ECDH row imports ecdh-lab's private key into
 * WebCrypto as a JWK), so the comparison is of the same computation.
 *
 * Method (as bench/harness.mjs does for Node): warm up, then run batches sized to last a few
 * milliseconds until the time budget is spent, and take the time per operation; rounds
 * alternate ecdh-lab and WebCrypto, and the median of the rounds is reported. WebCrypto is
 * asynchronous: each call is awaited before the next starts, so its small-input figures include
 * a round trip through the browser's task queue, which is what a page pays for one call.
 *
 * The timer is performance.now(): with the cross-origin isolation headers the playground's
 * server sends, its resolution is a few microseconds, and every measured batch is far longer.
 * The AES-GCM rows use a fresh nonce per call (a counter), as a real caller must.
 */
import { aesGcm, equalBytes, generatePrivateKey, PublicKey, sha256 } from '../index.js';

export interface BenchCase {
  /** e.g. 'SHA-256 — 1 KiB' */
  readonly name: string;
  /** Bytes processed per operation, when the row reports a throughput. */
  readonly throughputBytes?: number;
  lib(): unknown;
  web(): Promise<unknown>;
  /** Runs each once and compares their outputs. */
  agree(): Promise<boolean>;
}

export interface BenchRow {
  readonly name: string;
  readonly throughputBytes?: number;
  /** Milliseconds per operation, median over the rounds. */
  readonly lib: number;
  readonly web: number;
  readonly agree: boolean;
}

export interface BenchOptions {
  /** Milliseconds of timing per implementation, per row and round. */
  readonly budgetMs: number;
  readonly rounds: number;
  /** Called after each row. */
  readonly onRow?: (row: BenchRow, index: number, total: number) => void;
}

/** Fixed-seed input bytes (a simple LCG: setup, not cryptography). */
function input(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** A 12-byte nonce that changes on every call: a 32-bit counter in its last 4 bytes. */
function nonceCounter(): () => Uint8Array<ArrayBuffer> {
  const nonce = new Uint8Array(12);
  const view = new DataView(nonce.buffer);
  let counter = 0;
  return () => {
    view.setUint32(8, counter++);
    return nonce;
  };
}

/**
 * The rows, with their keys imported into WebCrypto.
 * @throws Error when crypto.subtle is missing (it needs a secure context: http://127.0.0.1 or https)
 */
export async function benchCases(): Promise<BenchCase[]> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined)
    throw new Error('WebCrypto (crypto.subtle) needs a secure context: open the page on 127.0.0.1');
  const cases: BenchCase[] = [];
  for (const [label, length] of [
    ['64 B', 64],
    ['1 KiB', 1024],
    ['64 KiB', 65536],
  ] as const) {
    const data = input(length, length);
    cases.push({
      name: `SHA-256 — ${label}`,
      throughputBytes: length >= 65536 ? length : undefined,
      lib: () => sha256(data),
      web: () => subtle.digest('SHA-256', data),
      agree: async () =>
        equalBytes(sha256(data), new Uint8Array(await subtle.digest('SHA-256', data))),
    });
  }
  const keyBytes = input(32, 7);
  const gcm = aesGcm.withKey(keyBytes);
  const webKey = await subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['encrypt']);
  for (const [label, length] of [
    ['64 B', 64],
    ['1 KiB', 1024],
    ['64 KiB', 65536],
  ] as const) {
    const data = input(length, length + 1);
    const libNonce = nonceCounter();
    const webNonce = nonceCounter();
    cases.push({
      name: `AES-256-GCM encrypt — ${label}`,
      throughputBytes: length >= 65536 ? length : undefined,
      lib: () => gcm.encrypt(libNonce(), data),
      web: () => subtle.encrypt({ name: 'AES-GCM', iv: webNonce() }, webKey, data),
      agree: async () => {
        const nonce = new Uint8Array(12).fill(0xa5);
        const web = new Uint8Array(
          await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, webKey, data),
        );
        return equalBytes(gcm.encrypt(nonce, data), web);
      },
    });
  }
  // ECDH: our key in both libraries (imported as a JWK), against a fixed peer's raw point.
  const ours = generatePrivateKey();
  const peerRaw = new Uint8Array(generatePrivateKey().publicKey.toRaw()); // a copy WebCrypto accepts
  const curve = { name: 'ECDH', namedCurve: 'P-256' } as const;
  const webPrivate = await subtle.importKey('jwk', { ...ours.toJwk(), ext: false }, curve, false, [
    'deriveBits',
  ]);
  const webShared = async (): Promise<ArrayBuffer> => {
    const peer = await subtle.importKey('raw', peerRaw, curve, false, []);
    return subtle.deriveBits({ name: 'ECDH', public: peer }, webPrivate, 256);
  };
  cases.push({
    name: 'P-256 ECDH — shared secret from a peer key in raw bytes (parse, validate, multiply)',
    lib: () => ours.exchange(PublicKey.fromRaw(peerRaw)),
    web: webShared,
    agree: async () =>
      equalBytes(ours.exchange(PublicKey.fromRaw(peerRaw)), new Uint8Array(await webShared())),
  });
  return cases;
}

/** Milliseconds per call of `run`, measured for about `budgetMs` after a warm-up. */
async function timePerOperation(
  run: () => unknown,
  asynchronous: boolean,
  budgetMs: number,
): Promise<number> {
  const batch = async (count: number): Promise<number> => {
    const start = performance.now();
    if (asynchronous) for (let i = 0; i < count; i++) await run();
    else for (let i = 0; i < count; i++) run();
    return performance.now() - start;
  };
  // Warm-up (so the JIT has compiled the code), then a batch size that lasts at least ~2 ms
  // (or a tenth of the budget).
  const warmUntil = performance.now() + Math.max(20, budgetMs / 4);
  while (performance.now() < warmUntil) await batch(1);
  const target = Math.min(2, budgetMs / 10);
  let size = 1;
  while ((await batch(size)) < target) size *= 2;
  let elapsed = 0;
  let operations = 0;
  while (elapsed < budgetMs) {
    elapsed += await batch(size);
    operations += size;
  }
  return elapsed / operations;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Yields to the browser so the page can repaint between measurements. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs every row: agreement check, then `rounds` interleaved rounds of ecdh-lab and WebCrypto.
 * @returns one row per case, in order
 */
export async function runBench(options: BenchOptions): Promise<BenchRow[]> {
  const cases = await benchCases();
  const rows: BenchRow[] = [];
  for (const [index, benchCase] of cases.entries()) {
    const agree = await benchCase.agree();
    const lib: number[] = [];
    const web: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      await breathe();
      lib.push(await timePerOperation(benchCase.lib, false, options.budgetMs));
      await breathe();
      web.push(await timePerOperation(benchCase.web, true, options.budgetMs));
    }
    const row: BenchRow = {
      name: benchCase.name,
      throughputBytes: benchCase.throughputBytes,
      lib: median(lib),
      web: median(web),
      agree,
    };
    rows.push(row);
    options.onRow?.(row, index, cases.length);
  }
  return rows;
}

/** A time per operation (ms) or a throughput, in the units of the README's tables. */
export function formatMeasure(ms: number, throughputBytes?: number): string {
  if (throughputBytes !== undefined) return `${Math.round(throughputBytes / (ms * 1000))} MB/s`;
  const us = ms * 1000;
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us >= 10 ? us.toFixed(1) : us.toFixed(2)} µs`;
}

/** ecdh-lab's speed divided by WebCrypto's (above 1: ecdh-lab is faster). */
export function formatRatio(row: BenchRow): string {
  return `${(row.web / row.lib).toFixed(2)}×`;
}

/** The rows as a Markdown table, as in the README. */
export function benchMarkdown(rows: readonly BenchRow[]): string {
  return [
    '| operation | ecdh-lab | WebCrypto | × |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${formatMeasure(row.lib, row.throughputBytes)} | ${formatMeasure(row.web, row.throughputBytes)} | ${formatRatio(row)} |`,
    ),
  ].join('\n');
}
