/**
 * `npm run example -- NAME`: runs docs/examples/NAME.ts and prints exactly what its chapter of
 * the tour shows (test/docs/examples.test.ts checks that, for every example).
 *
 * The examples import the package by name ('ecdh-lab', 'ecdh-lab/math', 'ecdh-lab/x509'), as
 * a user's code does. Node resolves a package's own name through its package.json "exports" (self-reference),
 * so they run against the built package in dist/: `npm ci` builds it, and after a change to
 * src/ `npm run build` does. The example's own TypeScript is transpiled as it loads, by the
 * TypeScript compiler (a dev dependency); nothing is written to disk.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'docs', 'examples');
const BUILT = path.join(ROOT, 'dist', 'cjs', 'index.js');

// A reader that stops early (`npm run example -- NAME | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const names = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const name = args[0];
if (args.length !== 1 || !names.includes(name)) {
  const problem =
    args.length === 0
      ? 'which example?'
      : args.length > 1
        ? 'one example at a time'
        : `no example '${name}'`;
  process.stderr.write(
    `npm run example: ${problem}\nusage: npm run example -- NAME, where NAME is one of:\n${names
      .map((n) => `  ${n}`)
      .join('\n')}\n`,
  );
  process.exit(2);
}
if (!fs.existsSync(BUILT)) {
  process.stderr.write('npm run example: dist/ is missing; run `npm run build` first\n');
  process.exit(1);
}

const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

const example = require(path.join(EXAMPLES, `${name}.ts`));
if (typeof example.main !== 'function') {
  process.stderr.write(`npm run example: docs/examples/${name}.ts exports no main()\n`);
  process.exit(1);
}
Promise.resolve(example.main()).catch((error) => {
  process.stderr.write(`npm run example: ${name} failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
