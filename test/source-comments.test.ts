/**
 * Source that explains, not a lab notebook: comments in src/ describe the code and cite the
 * standards; measured figures go to docs/measurements.md, the README or bench output; and
 * nothing under src/ or test/ cites a file outside the repository (PERF-NOTES, STYLE.md) or
 * an issue number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(ts|mjs|cjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The comment lines of a file: `//` comments and the lines of block comments. */
function commentLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (inBlock || trimmed.startsWith('/*')) {
      out.push({ line: i + 1, text: trimmed });
      inBlock = !trimmed.includes('*/') || (trimmed.startsWith('/*') && trimmed.endsWith('/*'));
    } else if (trimmed.includes('// '))
      out.push({ line: i + 1, text: trimmed.slice(trimmed.indexOf('// ')) });
  });
  return out;
}

const MEASUREMENT =
  /\b\d+(?:[.,–-]\d+)*\s?(?:µs|ns|ms|MB\/s|MiB\/s|GB\/s|ops\/s)\b|×\s*the throughput|\bEPYC\b/;
const OUTSIDE = /PERF-NOTES|STYLE\.md|STYLE §|\bissue #?\d+|\breview-\d/;

describe('source comments', () => {
  it('in src/, hold no measured figures (they belong in docs/measurements.md, the README or bench output)', () => {
    const found: string[] = [];
    // src/playground/bench.ts measures (its comments speak of the timings it takes).
    const measuring = new Set([path.join(ROOT, 'src', 'playground', 'bench.ts')]);
    for (const file of files(path.join(ROOT, 'src')).filter((f) => !measuring.has(f)))
      for (const { line, text } of commentLines(fs.readFileSync(file, 'utf8')))
        if (MEASUREMENT.test(text)) found.push(`${path.relative(ROOT, file)}:${line}: ${text}`);
    expect(found).toEqual([]);
  });
  it('in src/ and test/, cite no file outside the repository and no issue number', () => {
    const found: string[] = [];
    for (const dir of ['src', 'test'])
      for (const file of files(path.join(ROOT, dir))) {
        if (file === __filename) continue;
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            if (OUTSIDE.test(text))
              found.push(`${path.relative(ROOT, file)}:${i + 1}: ${text.trim()}`);
          });
      }
    expect(found).toEqual([]);
  });
});
