/**
 * `npm run example -- NAME` (docs/tools/run-example.cjs) for every example of the tour: it runs
 * against the built package (dist/, which `npm test` builds first) and prints exactly the
 * output block its chapter shows. The examples import only the package's public entry points
 * (package.json "exports": ecdh-lab, ecdh-lab/math, ecdh-lab/x509, …) and Node's built-ins.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, exampleNames, shownOutputs } from '../../docs/tools/build-docs';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNNER = path.join(ROOT, 'docs', 'tools', 'run-example.cjs');

function runExample(
  name: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUNNER, name], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run example -- NAME', () => {
  const names = exampleNames();
  const shown = shownOutputs();

  it("every example imports only the package's entry points (and Node's built-in modules)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entryPoints = Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'ecdh-lab' : `ecdh-lab/${key.slice(2)}`));
    expect(entryPoints).toEqual(expect.arrayContaining(['ecdh-lab', 'ecdh-lab/x509']));
    for (const name of names) {
      const text = fs.readFileSync(path.join(EXAMPLES, `${name}.ts`), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'|require\('([^']+)'\)/g)].map(
        (m) => m[1] ?? m[2],
      );
      expect(specifiers.filter((s) => s.startsWith('ecdh-lab')).length).toBeGreaterThan(0);
      for (const specifier of specifiers)
        expect({
          name,
          specifier,
          allowed: entryPoints.includes(specifier) || /^node:[a-z/_]+$/.test(specifier),
        }).toEqual({
          name,
          specifier,
          allowed: true,
        });
    }
  });

  it('every example prints exactly the output its chapter shows', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'cjs', 'index.js'))).toBe(true);
    expect([...shown.keys()].sort()).toEqual(names);
    const results = new Map<string, Awaited<ReturnType<typeof runExample>>>();
    const queue = [...names];
    // Two at a time: each process loads the TypeScript compiler.
    await Promise.all(
      [0, 1].map(async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift())
          results.set(name, await runExample(name));
      }),
    );
    // The one difference allowed: spaces at the end of a line, which the chapters' blocks do not
    // carry (build-docs.ts strips them) and Certificate.describe() prints where
    // `openssl x509 -text` does.
    for (const result of results.values()) result.stdout = result.stdout.replace(/[ \t]+$/gm, '');
    for (const name of names)
      expect({ name, ...results.get(name) }).toEqual({
        name,
        code: 0,
        stdout: `${shown.get(name)}\n`,
        stderr: '',
      });
    // Some forty processes, each loading the TypeScript compiler: minutes on a loaded machine.
  }, 300_000);

  it('through npm, as the tour says; a missing or unknown name lists the examples (exit 2)', () => {
    const npm = (...args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'example', '--', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const r = npm('ladder-toy');
    expect({ status: r.status, stdout: r.stdout }).toEqual({
      status: 0,
      stdout: `${shown.get('ladder-toy')}\n`,
    });
    for (const args of [[], ['no-such-example'], ['ladder-toy', 'ecdh-toy']]) {
      const bad = npm(...args);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/usage: npm run example -- NAME/);
      expect(bad.stderr).toContain('\n  ladder-toy\n');
    }
  });
});
