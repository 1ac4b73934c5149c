/**
 * Every ```ts block in README.md and docs/aes-gcm.md runs here, against the built package
 * (dist/cjs, what `require('ecdh-lab')` loads), so the examples cannot rot. Blocks are
 * transpiled with the TypeScript compiler and run inside an async function (top-level await
 * is allowed in them). A line of the form `expression; // 'text'` (or `// true`, `// false`,
 * `// { x: 98n, y: 192n }`) is a claim: it is turned into an assertion that the expression
 * has that value, so the values the README shows are checked too.
 *
 * The blocks also type-check as a user's code would: each one is a module of a consumer project
 * that imports the package by name (test/support/consumer.ts), compiled by `tsc --strict
 * --noEmit` with the published declarations (dist/).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createConsumerProject } from './support/consumer';
import { assertDistFresh } from './support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

const ROOT = path.resolve(__dirname, '..');
const MODULES: Record<string, string> = {
  'ecdh-lab': path.join(ROOT, 'dist', 'cjs', 'index.js'),
  'ecdh-lab/math': path.join(ROOT, 'dist', 'cjs', 'math.js'),
  'ecdh-lab/noise': path.join(ROOT, 'dist', 'cjs', 'noise.js'),
  'ecdh-lab/node': path.join(ROOT, 'dist', 'cjs', 'node.js'),
  'ecdh-lab/x509': path.join(ROOT, 'dist', 'cjs', 'x509.js'),
  'ecdh-lab/tls': path.join(ROOT, 'dist', 'cjs', 'tls.js'),
};

function tsBlocks(file: string): { line: number; code: string }[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const blocks: { line: number; code: string }[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (const m of text.matchAll(fence))
    blocks.push({ line: text.slice(0, m.index).split('\n').length, code: m[1] });
  return blocks;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<void>;

/** Rewrites `expr; // literal` lines into `__claim(expr, literal, line)`. */
function withClaims(code: string): string {
  return code
    .split('\n')
    .map((line, i) => {
      const m =
        /^(\s*)(?!const |let |import |await |try|})(.+?);\s*\/\/\s*('[^']*'|true|false|\{[^}]*\})/.exec(
          line,
        );
      return m ? `${m[1]}__claim((${m[2]}), (${m[3]}), ${i + 1});` : line;
    })
    .join('\n');
}

function claim(actual: unknown, expected: unknown, line: number): void {
  const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  if (show(actual) !== show(expected))
    throw new Error(
      `claim on line ${line} of the block: got ${show(actual)}, the comment says ${show(expected)}`,
    );
}

async function runBlock(code: string): Promise<void> {
  const js = ts.transpileModule(withClaims(code), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  const load = (name: string): unknown => {
    if (!(name in MODULES))
      throw new Error(`example imports ${name}, which is not part of ecdh-lab`);
    return require(MODULES[name]);
  };
  await new AsyncFunction('require', 'exports', 'module', '__claim', js)(
    load,
    {},
    { exports: {} },
    claim,
  );
}

describe.each(['README.md', 'docs/aes-gcm.md'])('%s examples', (file) => {
  const blocks = tsBlocks(file);
  it('has examples', () => expect(blocks.length).toBeGreaterThan(0));
  it('turns comment claims into assertions', () => {
    expect(withClaims("  f(x); // 'abc'")).toBe("  __claim((f(x)), ('abc'), 1);");
    expect(withClaims('const y = f(x); // true')).toBe('const y = f(x); // true');
  });
  it.each(blocks.map((b) => [b.line, b] as const))(
    'the ts block at line %i runs',
    async (_line, block) => {
      await runBlock(block.code);
    },
  );
});

describe('README.md and docs/aes-gcm.md blocks type-check in strict mode, as a consumer', () => {
  it('tsc --strict --noEmit finds no error in any block', () => {
    const project = createConsumerProject();
    try {
      const files: string[] = [];
      for (const doc of ['README.md', 'docs/aes-gcm.md']) {
        for (const block of tsBlocks(doc)) {
          // .mts: an ES module, where top-level await is allowed, as the blocks use it.
          const name = `${doc.replace(/\W/g, '-')}-line-${block.line}.mts`;
          project.write(name, `${block.code}\nexport {};\n`);
          files.push(name);
        }
      }
      project.write(
        'tsconfig.json',
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            typeRoots: [path.join(ROOT, 'node_modules', '@types')],
            types: ['node'],
            skipLibCheck: true,
          },
          files,
        }),
      );
      expect(project.tsc('tsconfig.json')).toEqual({ status: 0, output: '' });
    } finally {
      project.remove();
    }
  });
});
