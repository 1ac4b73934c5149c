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
 *   dist/esm/playground/bundle.js
 *              what index.html loads: main.js and every module it imports (about 80, the
 *              whole `ecdh-lab` and `ecdh-lab/math` tiers) in one file, so the browser makes
 *              one request instead of one per module; see bundlePage below
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

/**
 * One ES module file holding `entry` and every module it imports, for the playground's page.
 * Fetching the ~80 modules one by one costs Chromium about a second of CPU time before the page
 * runs; one file costs a fraction of that. No bundler is needed for tsc's output here: each
 * module is wrapped in a function that returns its exports as a frozen object, in dependency
 * order (the graph has no cycles: checked), and its import and export statements become
 * reads of, and entries in, those objects:
 *
 *   import { a, b as c } from './x.js';     const { a, b: c } = $m3;
 *   import * as x from './x.js';            const x = $m3;
 *   export function f / const X / class C   the declaration, and f, X, C in the returned object
 *   export { a as b } from './y.js';        b: $m4.a in the returned object
 *   export * from './z.js';                 ...$m5 in the returned object
 *   export { a, b as c };                   a, c: b in the returned object
 *
 * The exports are read when a module finishes, so a binding reassigned later (`export let`)
 * would not be seen: none exists, and any other import or export form stops the build.
 * @param {string} entry - the entry module (a built .js file)
 * @returns {string} the bundle's text
 */
function bundlePage(entry) {
  const FROM = /^(?:import|export)\s[^'"\n]*?from\s*'(\.{1,2}\/[^']+\.js)'/gm;
  /** @type {string[]} */
  const order = []; // dependencies before the modules that import them
  /** @type {Map<string, 'visiting' | number>} */
  const ids = new Map();
  /** @param {string} file */
  const visit = (file) => {
    const state = ids.get(file);
    if (state === 'visiting') throw new Error(`build: an import cycle through ${file}`);
    if (state !== undefined) return;
    ids.set(file, 'visiting');
    for (const match of fs.readFileSync(file, 'utf8').matchAll(FROM))
      visit(path.resolve(path.dirname(file), match[1]));
    ids.set(file, order.length);
    order.push(file);
  };
  visit(entry);
  /** @param {string} list  'a, b as c' → [['a', 'a'], ['b', 'c']] */
  const names = (list) =>
    list
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => {
        const [name, as = name] = item.split(/\s+as\s+/);
        return [name.trim(), as.trim()];
      });
  const modules = order.map((file, id) => {
    /** @param {string} spec */
    const ref = (spec) => `$m${ids.get(path.resolve(path.dirname(file), spec))}`;
    /** @type {string[]} */
    const exported = [];
    const body = fs
      .readFileSync(file, 'utf8')
      .replace(/^\/\/# sourceMappingURL=.*$/m, '')
      .replace(/^import\s*\{([^}]*)\}\s*from\s*'([^']+)';?.*$/gm, (_, list, spec) => {
        const bindings = names(list).map(([name, as]) => (name === as ? name : `${name}: ${as}`));
        return `const { ${bindings.join(', ')} } = ${ref(spec)};`;
      })
      .replace(
        /^import\s*\*\s*as\s+([\p{ID_Start}_$][\p{ID_Continue}$]*)\s+from\s*'([^']+)';?.*$/gmu,
        (_, name, spec) => `const ${name} = ${ref(spec)};`,
      )
      .replace(/^export\s*\{([^}]*)\}\s*from\s*'([^']+)';?.*$/gm, (_, list, spec) => {
        for (const [name, as] of names(list)) exported.push(`${as}: ${ref(spec)}.${name}`);
        return '';
      })
      .replace(/^export\s*\*\s*from\s*'([^']+)';?.*$/gm, (_, spec) => {
        exported.push(`...${ref(spec)}`);
        return '';
      })
      .replace(/^export\s*\{([^}]*)\};?.*$/gm, (_, list) => {
        for (const [name, as] of names(list)) exported.push(name === as ? name : `${as}: ${name}`);
        return '';
      })
      .replace(
        /^export\s+((?:async\s+)?function\*?|class|const)\s+([\p{ID_Start}_$][\p{ID_Continue}$]*)/gmu,
        (_, kind, name) => {
          exported.push(name);
          return `${kind} ${name}`;
        },
      );
    const left = /^\s*(?:import|export)\b.*$/m.exec(body);
    if (left !== null)
      throw new Error(`build: ${path.relative(ROOT, file)}: cannot bundle "${left[0].trim()}"`);
    const name = path.relative(path.join(DIST, 'esm'), file).split(path.sep).join('/');
    return `// ${name}\nconst $m${id} = (() => {\n${body.trim()}\nreturn Object.freeze({ __proto__: null, ${exported.join(', ')} });\n})();\n`;
  });
  return `// The playground page in one file: written by src/build.mjs (bundlePage) from\n// dist/esm/playground/main.js and the ${order.length} modules it reaches. Do not edit.\n${modules.join('')}`;
}
fs.writeFileSync(
  path.join(DIST, 'esm', 'playground', 'bundle.js'),
  bundlePage(path.join(DIST, 'esm', 'playground', 'main.js')),
);

const bin = path.join(ROOT, pkg.bin['ecdh-lab']);
fs.chmodSync(bin, 0o755);
