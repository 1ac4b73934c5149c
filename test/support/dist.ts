/**
 * The tests that run the built package (dist/: the CLI, the README's blocks, the package's
 * exports, the browser bundle, the bench) call `assertDistFresh()` first, so a plain
 * `npx jest` after editing src/ fails loudly instead of testing the previous build.
 * `npm test` builds before it runs jest; by hand, run `npm run build`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The newest file under `dir` and its modification time. */
function newest(dir: string): { file: string; mtimeMs: number } {
  let best = { file: dir, mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newest(full)
      : { file: full, mtimeMs: fs.statSync(full).mtimeMs };
    if (candidate.mtimeMs > best.mtimeMs) best = candidate;
  }
  return best;
}

/**
 * Throws unless dist/ was built after the last change under src/.
 * @throws Error naming the newer source file and the command that fixes it
 */
export function assertDistFresh(): void {
  const builds = ['cjs', 'esm'].map((kind) => path.join(ROOT, 'dist', kind, 'index.js'));
  const missing = builds.filter((file) => !fs.existsSync(file));
  if (missing.length > 0)
    throw new Error(`${path.relative(ROOT, missing[0])} is missing: run \`npm run build\` first`);
  const built = Math.min(...builds.map((file) => fs.statSync(file).mtimeMs));
  const source = newest(path.join(ROOT, 'src'));
  if (source.mtimeMs > built)
    throw new Error(
      `dist/ is older than src/ (${path.relative(ROOT, source.file)} changed after the last build): run \`npm run build\` first`,
    );
}
