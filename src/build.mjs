// @ts-check
/**
 * `npm run build`: the package's two builds from src/, the playground's page, and the bin.
 * It lives in src/ beside the sources it compiles, but it is not part of the package
 * (package.json "files" leaves it out, and tsc compiles only .ts files).
 *
 *   dist/esm   ES modules + .d.ts (tsc -p src), without the CLI: the bin is CommonJS only
 *   dist/esm/playground
 *              the playground page: its modules, plus the files tsc does not copy (index.html,
 *              the CSS, the icon) from src/playground/; `ecdh-lab playground` serves it, and
 *              a browser loads ES modules only
 *   dist/cjs   CommonJS + .d.ts (the same sources, --module commonjs), marked by its own
 *              package.json {"type":"commonjs"}, without the playground (no one requires it)
 *   dist/cjs/cli/main.js, the "bin", made executable (tsc writes files with mode 0644, so
 *              without this `npx ecdh-lab` fails with "Permission denied" after every build)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** @param {string[]} args */
const compile = (args) =>
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'src'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });

fs.rmSync(DIST, { recursive: true, force: true });
compile([]);
compile([
  '--module',
  'commonjs',
  '--moduleResolution',
  'bundler',
  '--outDir',
  path.join(DIST, 'cjs'),
]);
fs.writeFileSync(
  path.join(DIST, 'cjs', 'package.json'),
  `${JSON.stringify({ type: 'commonjs' })}\n`,
);
fs.rmSync(path.join(DIST, 'esm', 'cli'), { recursive: true, force: true });
fs.rmSync(path.join(DIST, 'cjs', 'playground'), { recursive: true, force: true });
const PLAYGROUND = path.join(ROOT, 'src', 'playground');
for (const file of fs.readdirSync(PLAYGROUND))
  if (!file.endsWith('.ts'))
    fs.copyFileSync(path.join(PLAYGROUND, file), path.join(DIST, 'esm', 'playground', file));
const bin = path.join(ROOT, pkg.bin['ecdh-lab']);
fs.chmodSync(bin, 0o755);
