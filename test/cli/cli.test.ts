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
  it('no arguments prints the list of commands on stderr and exits 2', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: ecdh-lab <command>/);
  });
  it('an unknown command exits 2 with a message on stderr', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
  it('an unknown option exits 2 with one line and a pointer to --help', () => {
    const r = run('demo', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "ecdh-lab demo: unknown option --bogus\nrun 'ecdh-lab demo --help' for usage\n",
    );
  });
  it('demo --help explains the demo', () => {
    const r = run('demo', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: ecdh-lab demo/);
  });
  it('--version and version print the version in package.json, which no source file repeats', () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'),
    );
    for (const args of [['--version'], ['version']]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`ecdh-lab ${version}\n`);
    }
    const cli = path.resolve(__dirname, '..', '..', 'src', 'cli');
    for (const name of fs.readdirSync(cli))
      expect({
        name,
        repeats: fs.readFileSync(path.join(cli, name), 'utf8').includes(`'${version}'`),
      }).toEqual({ name, repeats: false });
  });
  it('help CMD is CMD --help', () => {
    const r = run('help', 'keygen');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run('keygen', '--help').stdout);
  });
  it('demo prints the hash, HMAC and HKDF walkthrough and exits 0', () => {
    const r = run('demo');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SHA-256\(message\)/);
    expect(r.stdout).toMatch(/HKDF-Expand/);
  });
});
