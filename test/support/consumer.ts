/**
 * A throwaway project that depends on this package (node_modules/ecdh-lab → the repository),
 * for tests of the published entry points. `run(file, source)` writes a script there and
 * returns what it printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ConsumerProject {
  dir: string;
  /** Writes a file into the project. */
  write(file: string, text: string): void;
  run(file: string, source: string): string;
  /** Runs this repository's TypeScript compiler on `-p config`; output is trimmed. */
  tsc(config: string): { status: number | null; output: string };
  remove(): void;
}

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

export function createConsumerProject(): ConsumerProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'ecdh-lab'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"consumer","private":true}\n');
  return {
    dir,
    write: (file, text) => fs.writeFileSync(path.join(dir, file), text),
    tsc(config) {
      const r = spawnSync(process.execPath, [TSC, '-p', config], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120000,
      });
      return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
    },
    run(file, source) {
      fs.writeFileSync(path.join(dir, file), source);
      return execFileSync(process.execPath, [file], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30000,
      }).trim();
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
