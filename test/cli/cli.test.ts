/**
 * The command line (src/cli/): help, version, unknown commands and options, and the demo.
 * Runs the built CLI (dist/cjs/cli/main.js, the package's bin) as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });

describe('ecdh-lab CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: ecdh-lab <command>/);
    expect(r.stdout).toMatch(/demo/);
  });
  it('no arguments prints usage and exits non-zero', () => {
    const r = run();
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/usage/);
  });
  it('an unknown command exits 2 with a message on stderr', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
  it('an unknown option exits 2 with the command help', () => {
    const r = run('demo', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --bogus/);
    expect(r.stderr).toMatch(/usage: ecdh-lab demo/);
  });
  it('demo --help explains the demo', () => {
    const r = run('demo', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: ecdh-lab demo/);
  });
  it('--version prints the version in package.json', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    const { version } = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'),
    );
    expect(r.stdout.trim()).toBe(`ecdh-lab ${version}`);
  });
  it('demo prints the hash, HMAC and HKDF walkthrough and exits 0', () => {
    const r = run('demo');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SHA-256\(message\)/);
    expect(r.stdout).toMatch(/HKDF-Expand/);
  });
});
