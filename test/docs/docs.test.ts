/**
 * The tour cannot drift from the library: every example under docs/examples/ runs here, and
 * every generated block in docs/**.md (code and output, see docs/tools/build-docs.ts) must
 * equal what the examples produce now. UPDATE_DOCS=1 rewrites the blocks instead of failing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DOCS,
  exampleNames,
  markdownFiles,
  referencedExamples,
  renderMarkdown,
  runExample,
  strayCodeBlocks,
} from '../../docs/tools/build-docs';

const UPDATE = process.env.UPDATE_DOCS === '1';
const outputs = new Map<string, string>();
const output = (name: string): string => {
  if (!outputs.has(name)) outputs.set(name, runExample(name));
  return outputs.get(name)!;
};

describe('docs/ generated blocks', () => {
  const files = markdownFiles();

  it('the tour exists: docs/README.md and chapters 1–8', () => {
    const rel = files.map((f) => path.relative(DOCS, f));
    expect(rel).toContain('README.md');
    for (let i = 1; i <= 8; i++) expect(rel.some((f) => f.startsWith(`tour/0${i}-`))).toBe(true);
  });

  for (const file of files) {
    const rel = path.relative(DOCS, file);
    it(`${rel} matches its examples${UPDATE ? ' (rewritten)' : ''}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const rebuilt = renderMarkdown(text, output);
      if (UPDATE && rebuilt !== text) fs.writeFileSync(file, rebuilt);
      else expect(rebuilt).toBe(text);
    });
    it(`${rel} has no code snippet outside a generated block`, () => {
      expect(strayCodeBlocks(fs.readFileSync(file, 'utf8'))).toEqual([]);
    });
  }

  it('every example is shown in the docs (code and output), and every reference exists', () => {
    const code = new Set<string>();
    const shown = new Set<string>();
    for (const file of files) {
      const refs = referencedExamples(fs.readFileSync(file, 'utf8'));
      for (const name of refs.code) code.add(name);
      for (const name of refs.output) shown.add(name);
    }
    const names = exampleNames();
    expect([...code].filter((n) => !names.includes(n))).toEqual([]);
    expect([...shown].filter((n) => !names.includes(n))).toEqual([]);
    expect(names.filter((n) => !code.has(n))).toEqual([]);
    expect(names.filter((n) => !shown.has(n))).toEqual([]);
  });

  it('relative links between docs resolve (none is exempt)', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        expect({
          file: path.relative(DOCS, file),
          link: m[1],
          exists: fs.existsSync(target),
        }).toEqual({
          file: path.relative(DOCS, file),
          link: m[1],
          exists: true,
        });
      }
    }
  });
});
