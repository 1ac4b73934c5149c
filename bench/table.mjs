// @ts-check
/**
 * `node bench/table.mjs RESULTS.json` — turns the JSON written by `npm run bench -- --json`
 * into the Markdown table the README quotes (medians; ratio = ecdh-lab ops/s ÷ the other's).
 * "other pure JS" is the row's further anchor (harness.mjs ANCHORS), named in its cell.
 */
import * as fs from 'node:fs';
import { ANCHORS, rowLabel } from './harness.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/table.mjs RESULTS.json');
  process.exit(2);
}
const { environment: env, rounds, rows } = JSON.parse(fs.readFileSync(file, 'utf8'));

function rate(r, bytes) {
  if (bytes && bytes >= 65536) return `${r.mbps.toFixed(0)} MB/s`;
  if (r.us >= 1000) return `${(r.us / 1000).toFixed(2)} ms`;
  return `${r.us < 10 ? r.us.toFixed(2) : r.us.toFixed(1)} µs`;
}

const lines = [
  `Measured ${env.date.slice(0, 10)} on ${env.cpu} × ${env.cores} (${env.platform}), Node ${env.node} (V8 ${env.v8}, OpenSSL ${env.openssl}), median of ${rounds} interleaved rounds. Time per operation, or throughput for 64 KiB and up; "×" is ecdh-lab's speed divided by the other's (above 1: ecdh-lab is faster).`,
  '',
  '| operation | ecdh-lab | node:crypto | ×node | @noble | ×noble | other pure JS | ×other |',
  '|---|---|---|---|---|---|---|---|',
];
for (const row of rows) {
  const own = row.results['ecdh-lab'];
  const other = Object.entries(row.results).filter(([name]) => name !== 'ecdh-lab');
  const node = other.find(([name]) => name.startsWith('node'));
  const noble = other.find(([name]) => name === '@noble');
  const cell = (entry) => (entry ? rate(entry[1], row.bytes) : '—');
  const ratio = (entry) => (entry && own ? `${(own.hz / entry[1].hz).toFixed(2)}×` : '—');
  const anchor = other.find(([name]) => ANCHORS.includes(name));
  const label = rowLabel(row);
  lines.push(
    `| ${label} | ${own ? rate(own, row.bytes) : '—'} | ${cell(node)} | ${ratio(node)} | ${cell(noble)} | ${ratio(noble)} | ${anchor ? `${cell(anchor)} (${anchor[0]})` : '—'} | ${ratio(anchor)} |`,
  );
}
console.log(lines.join('\n'));
