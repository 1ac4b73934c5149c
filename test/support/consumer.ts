/**
 * A throwaway project that depends on this package (node_modules/ecdh-lab → the repository),
 * for tests of the published entry points. `run(file, source)` writes a script there and
 * returns what it printed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ConsumerProject {
  dir: string;
  run(file: string, source: string): string;
  remove(): void;
}

export function createConsumerProject(): ConsumerProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'ecdh-lab'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"consumer","private":true}\n');
  return {
    dir,
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
