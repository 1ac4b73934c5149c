/**
 * `npm run bench -- --filter TEXT` (bench/run.mjs) picks rows by their names as the README's
 * benchmark table prints them, and says when nothing matched; `--list` prints those names
 * without running anything. Runs against the built package (dist/esm).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertDistFresh } from '../support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

const ROOT = path.resolve(__dirname, '..', '..');
const bench = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60000,
  });

describe('npm run bench -- --filter / --list', () => {
  it('--list prints exactly the operations of the README table, as it names them', () => {
    const r = bench('--list');
    expect(r.status).toBe(0);
    const listed = r.stdout.trim().split('\n');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // The first table of the benchmarks section (the browser's table comes later), up to the
    // first line that is not a row; a provisional figure's footnote mark is not in the name.
    const start = readme.indexOf('| operation | ecdh-lab | node:crypto |');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start).split('\n\n')[0];
    const named = [...table.matchAll(/^\| ([^|]+?) \| [^|]+ \|/gm)]
      .map((m) => m[1].replace(/ ⁽\*⁾$/, ''))
      .filter((name) => name !== 'operation' && !name.startsWith('---'));
    expect(listed).toEqual(named);
  });

  it('--filter matches those names (case-insensitive), and says when nothing matched', () => {
    expect(bench('--filter', 'SHA-256 — 1 KiB', '--list').stdout).toBe('SHA-256 — 1 KiB\n');
    expect(bench('--filter', 'aes-256-gcm encrypt — keyed 64 b', '--list').stdout).toBe(
      'AES-256-GCM encrypt — keyed 64 B\n',
    );
    expect(bench('--filter', '(vs node:tls)', '--list').stdout.trim().split('\n')).toHaveLength(5);
    const none = bench('--filter', 'SHA-256 1 KiB');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /^bench: no row matches --filter 'SHA-256 1 KiB'; rows are named as in the README table/,
    );
  });
});

describe('npm run bench: progress', () => {
  it('goes to stderr (row k of N, with the row name), the table to stdout and --json', () => {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'r.json');
    const r = bench(
      '--filter',
      'SHA-256 — 32 B',
      '--rounds',
      '1',
      '--time',
      '0.01',
      '--json',
      json,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^bench: row 1 of 1 \(\d+ s so far\): SHA-256 — 32 B\n/);
    expect(r.stderr).toMatch(/\nbench: 1 rows in \d+ s\n$/);
    expect(r.stdout).not.toMatch(/bench: row/);
    expect(r.stdout).toMatch(/^SHA-256 — 32 B\n {2}ecdh-lab /m);
    const written = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(
      written.rows.map((row: { group: string; name: string }) => `${row.group} — ${row.name}`),
    ).toEqual(['SHA-256 — 32 B']);
    expect(bench('--list', '--filter', 'SHA-256 — 32 B').stderr).toBe('');
  });
});
