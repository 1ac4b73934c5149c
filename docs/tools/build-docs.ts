/**
 * Keeps the tour honest: every code snippet in docs/ is a file under docs/examples/, and every
 * number printed is that file's output. Markdown files carry generated blocks between markers:
 *
 *   <!-- code:NAME -->    … ```ts with the text of docs/examples/NAME.ts … <!-- /code -->
 *   <!-- output:NAME -->  … ```text with what NAME's main() prints …        <!-- /output -->
 *
 * test/docs/docs.test.ts runs every example (against src/, by Jest's moduleNameMapper), rebuilds
 * the blocks and fails when a committed markdown file differs; run it with UPDATE_DOCS=1 to
 * rewrite them instead:
 *
 *   UPDATE_DOCS=1 npx jest test/docs
 *
 * A reader runs one example with `npm run example -- NAME` (./run-example.cjs, against dist/);
 * test/docs/examples.test.ts checks that it prints exactly the chapter's output block.
 *
 * No dependencies and no node:-free constraint: this is a build tool, not library code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DOCS = path.resolve(__dirname, '..');
export const EXAMPLES = path.join(DOCS, 'examples');

const BLOCK = /<!-- (code|output):([a-z0-9-]+) -->\n[\s\S]*?<!-- \/\1 -->/g;

/**
 * The tour's markdown files: docs/README.md and docs/tour/*.md, as absolute paths (sorted).
 * (Other pages under docs/, such as PROTOCOL.md and aes-gcm.md, belong to their layers and are
 * not generated.)
 */
export function markdownFiles(): string[] {
  const tour = path.join(DOCS, 'tour');
  return [
    path.join(DOCS, 'README.md'),
    ...fs
      .readdirSync(tour)
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(tour, f)),
  ].sort();
}

/** The example names (docs/examples/NAME.ts), sorted. */
export function exampleNames(): string[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The example names a markdown text refers to, by kind. */
export function referencedExamples(markdown: string): { code: string[]; output: string[] } {
  const code: string[] = [];
  const output: string[] = [];
  for (const m of markdown.matchAll(BLOCK)) (m[1] === 'code' ? code : output).push(m[2]);
  return { code, output };
}

/** Runs an example's main() and returns everything it printed with console.log. */
export function runExample(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(EXAMPLES, `${name}.ts`)) as { main?: () => void };
  if (typeof module.main !== 'function')
    throw new Error(`docs/examples/${name}.ts must export main()`);
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  try {
    module.main();
  } finally {
    console.log = original;
  }
  return lines.join('\n').replace(/[ \t]+$/gm, '');
}

/**
 * Rebuilds the generated blocks of one markdown text.
 * @param output - the printed output of an example, by name (run on demand)
 */
export function renderMarkdown(markdown: string, output: (name: string) => string): string {
  return markdown.replace(BLOCK, (_all, kind: string, name: string) => {
    if (kind === 'code') {
      const source = fs.readFileSync(path.join(EXAMPLES, `${name}.ts`), 'utf8').trimEnd();
      return `<!-- code:${name} -->\n\`\`\`ts\n// docs/examples/${name}.ts (run it: npm run example -- ${name})\n${source}\n\`\`\`\n<!-- /code -->`;
    }
    return `<!-- output:${name} -->\n\`\`\`text\n${output(name)}\n\`\`\`\n<!-- /output -->`;
  });
}

/** Fenced code blocks outside generated blocks: must be none with a program language. */
export function strayCodeBlocks(markdown: string): string[] {
  const outside = markdown.replace(BLOCK, '');
  return [...outside.matchAll(/^```(ts|typescript|js|javascript|mjs|sh|bash|console)\b.*$/gm)].map(
    (m) => m[0],
  );
}

/** The output blocks of the tour, by example name: what each chapter shows. */
export function shownOutputs(): Map<string, string> {
  const shown = new Map<string, string>();
  for (const file of markdownFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /<!-- output:([a-z0-9-]+) -->\n```text\n([\s\S]*?)\n```\n<!-- \/output -->/g,
    ))
      shown.set(m[1], m[2]);
  }
  return shown;
}
