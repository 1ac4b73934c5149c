// `npm test`'s last step: runs Jest with the given arguments, guarded against a stall.
//
// Jest's testTimeout cannot stop a test that never yields (a synchronous loop), and a worker
// process that dies or hangs can leave a run waiting forever (jestjs/jest#13864); the run then
// ends only when CI's own time limit kills it, with no file named in the log. So this runner
// watches the log that test/support/test-file-log.cjs writes (each file's start and result)
// from outside Jest's processes:
//   - a file with no result after 5 minutes is named on stderr, once;
//   - a file with no result after JEST_STALL_MINUTES (default 15, far above the slowest file
//     on a loaded 2-core machine) is named as stalled, and Jest's whole process group is
//     killed. The files that had not finished then run once more in a fresh Jest.
// The result is a failure if any file failed, or stalled again in the second run. A file that
// stalled once and passed on the second run is reported loudly, not hidden.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const STALL_MS = (Number(process.env.JEST_STALL_MINUTES) || 15) * 60_000;
const NOTICE_MS = Math.min(5 * 60_000, STALL_MS / 2);
const POLL_MS = Math.min(10_000, STALL_MS / 6);
const name = (file) => path.relative(process.cwd(), file);
const minutes = (ms) => (ms / 60_000).toFixed(1);

/** The log's complete records so far (a line still being written is left for the next read). */
function readLog(log) {
  if (!existsSync(log)) return [];
  const lines = readFileSync(log, 'utf8').split('\n');
  lines.pop(); // after the last newline: empty, or a record not yet complete
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/** Jest's process group while it runs, so that a signal to this runner reaches it too. */
let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (current !== undefined) killGroup(current, signal);
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}
process.on('exit', () => {
  if (current !== undefined) killGroup(current, 'SIGKILL');
});

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

/**
 * Runs Jest in its own process group; resolves with its exit status, the files that finished
 * (and whether each failed), and the stalled files (empty unless the guard stopped the run).
 */
function run(jestArgs, attempt) {
  const log = path.join(tmpdir(), `ecdh-lab-jest-${process.pid}-${attempt}.jsonl`);
  rmSync(log, { force: true });
  const child = spawn(process.execPath, [jest, ...jestArgs], {
    stdio: 'inherit',
    detached: true, // its own process group, so that the workers go with it
    env: { ...process.env, JEST_FILE_LOG: log },
  });
  current = child;
  const started = new Map(); // file → time its start was first seen in the log
  const noticed = new Set();
  let stalled = [];
  const poll = setInterval(() => {
    const now = Date.now();
    const finished = new Set();
    for (const record of readLog(log)) {
      if (record.start && !started.has(record.start)) started.set(record.start, now);
      if (record.path) finished.add(record.path);
    }
    const running = [...started].filter(([file]) => !finished.has(file));
    for (const [file, since] of running) {
      if (now - since >= NOTICE_MS && !noticed.has(file)) {
        noticed.add(file);
        process.stderr.write(
          `\nrun-jest: ${name(file)} has given no result for ${minutes(now - since)} min\n`,
        );
      }
    }
    stalled = running.filter(([, since]) => now - since >= STALL_MS).map(([file]) => file);
    if (stalled.length > 0) {
      process.stderr.write(
        `\nrun-jest: no result from ${stalled.map(name).join(', ')} in ${minutes(STALL_MS)} min: ` +
          'stopping Jest and its workers.\n',
      );
      clearInterval(poll);
      killGroup(child, 'SIGKILL');
    }
  }, POLL_MS);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      current = undefined;
      clearInterval(poll);
      const records = readLog(log);
      rmSync(log, { force: true });
      const results = records.filter((r) => r.path);
      resolve({ status: code ?? 1, results, stalled });
    });
  });
}

const args = process.argv.slice(2);
const first = await run(args, 1);
if (first.stalled.length === 0) process.exit(first.status);

const finished = new Set(first.results.map((r) => r.path));
const failed = first.results.filter((r) => r.failed).map((r) => r.path);
const listed = spawnSync(process.execPath, [jest, '--listTests', ...args], { encoding: 'utf8' });
const remaining = listed.stdout
  .split('\n')
  .map((line) => line.trim())
  .filter((file) => file !== '' && !finished.has(file));
// The second run keeps the options (--flag or --flag=value) and names the files itself.
const options = args.filter((arg) => arg.startsWith('-'));
let second = { status: 0, stalled: [] };
if (remaining.length > 0) {
  process.stderr.write(
    `run-jest: running the ${remaining.length} file(s) that had not finished once more, in a fresh Jest.\n`,
  );
  second = await run([...options, '--runTestsByPath', ...remaining], 2);
}
process.stderr.write(
  `\nrun-jest: STALLED in the first run: ${first.stalled.map(name).join(', ')}. ` +
    `The second run of the unfinished files ${second.status === 0 ? 'passed' : 'FAILED'}` +
    `${second.stalled.length > 0 ? ` (stalled again: ${second.stalled.map(name).join(', ')})` : ''}.\n`,
);
if (failed.length > 0)
  process.stderr.write(`run-jest: failed in the first run: ${failed.map(name).join(', ')}\n`);
process.exit(failed.length > 0 ? 1 : second.status === 0 ? 0 : 1);
