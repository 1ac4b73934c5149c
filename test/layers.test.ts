/**
 * The layering of src/, checked the way Go's deps_test.go does it: each
 * folder lists the folders it may import from, and only src/net and src/cli may import
 * node: modules. Imports flow downward only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', 'src');

// folder → folders it may import from (besides itself). "." is a top-level file (errors.ts, random.ts).
const ALLOWED: Record<string, string[]> = {
  bytes: [],
  '.': ['bytes'],
  hash: ['bytes', '.'],
  mac: ['hash', 'bytes', '.'],
  kdf: ['mac', 'hash', 'bytes', '.'],
  cipher: ['bytes', '.'],
  math: ['bytes', '.'],
  curve: ['math', 'bytes', '.'],
  // Curve25519 and X25519 (RFC 7748): a second curve beside curve/, with its own field.
  x25519: ['math', 'bytes', '.'],
  ecdh: ['curve', 'math', 'bytes', '.'],
  ecdsa: ['ecdh', 'curve', 'math', 'mac', 'hash', 'bytes', '.'],
  keys: ['ecdsa', 'ecdh', 'x25519', 'curve', 'math', 'bytes', '.'],
  channel: [
    'keys',
    'ecdsa',
    'ecdh',
    'x25519',
    'curve',
    'math',
    'cipher',
    'kdf',
    'mac',
    'hash',
    'bytes',
    '.',
  ],
  // explain tls traces a handshake of the TLS engine (and issues its demo certificates).
  explain: [
    'tls',
    'x509',
    'keys',
    'ecdsa',
    'ecdh',
    'x25519',
    'curve',
    'math',
    'cipher',
    'kdf',
    'mac',
    'hash',
    'bytes',
    '.',
  ],
  // X.509 sits above keys and signatures.
  x509: ['keys', 'ecdsa', 'ecdh', 'x25519', 'curve', 'math', 'hash', 'bytes', '.'],
  // TLS 1.3 sits beside channel/ (it uses only channel's ByteQueue, a plain byte FIFO).
  tls: [
    'x509',
    'channel',
    'keys',
    'ecdsa',
    'ecdh',
    'x25519',
    'curve',
    'math',
    'cipher',
    'kdf',
    'mac',
    'hash',
    'bytes',
    '.',
  ],
  net: [
    'x509',
    'tls',
    'channel',
    'keys',
    'ecdsa',
    'ecdh',
    'x25519',
    'curve',
    'math',
    'cipher',
    'kdf',
    'mac',
    'hash',
    'bytes',
    '.',
  ],
  cli: [
    'x509',
    'net',
    'tls',
    'channel',
    'explain',
    'keys',
    'ecdsa',
    'ecdh',
    'x25519',
    'curve',
    'math',
    'cipher',
    'kdf',
    'mac',
    'hash',
    'bytes',
    '.',
  ],
  // The playground's page code runs in the browser on the package's public tiers only: see
  // "the playground imports only ../index.js and ../math.js" below.
  playground: ['.'],
};
const NODE_ALLOWED = new Set(['net', 'cli']);
// What src/playground/ may import: its own files and the `ecdh-lab` and `ecdh-lab/math` tiers.
const PLAYGROUND_IMPORTS = /^(\.\/[a-z-]+\.js|\.\.\/index\.js|\.\.\/math\.js)$/;
// The package's entry points (package.json "exports"): src/<name>.ts re-exports its tier.
const ENTRY_POINTS = ['index.ts', 'math.ts', 'noise.ts', 'node.ts', 'x509.ts', 'tls.ts'];
const BROWSER_SAFE_ENTRY_POINTS = ['index.ts', 'math.ts', 'noise.ts', 'x509.ts', 'tls.ts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function folderOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? '.' : rel[0];
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

const files = sourceFiles(SRC).filter((f) => !f.endsWith('.d.ts'));

describe('src/ layering', () => {
  it('every folder under src/ has a rule', () => {
    const folders = new Set(files.map(folderOf));
    for (const folder of folders) expect(Object.keys(ALLOWED)).toContain(folder);
  });

  for (const file of files) {
    const rel = path.relative(SRC, file);
    const from = folderOf(file);
    if (ENTRY_POINTS.includes(rel)) continue; // the entry points re-export their layers
    it(`${rel} imports only from layers below it`, () => {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (spec.startsWith('node:')) {
          expect({ file: rel, imports: spec, allowed: NODE_ALLOWED.has(from) }).toEqual({
            file: rel,
            imports: spec,
            allowed: true,
          });
          continue;
        }
        expect({ file: rel, spec, relative: spec.startsWith('.') }).toEqual({
          file: rel,
          spec,
          relative: true,
        });
        const to = folderOf(path.resolve(path.dirname(file), spec));
        if (to === from) continue;
        expect({ file: rel, importsFrom: to, allowed: ALLOWED[from]?.includes(to) }).toEqual({
          file: rel,
          importsFrom: to,
          allowed: true,
        });
      }
    });
  }
});

describe('the playground (src/playground/)', () => {
  const pageFiles = files.filter((file) => folderOf(file) === 'playground');
  it('has its page code there', () => {
    expect(pageFiles.map((file) => path.basename(file))).toContain('main.ts');
  });
  for (const file of pageFiles) {
    const rel = path.relative(SRC, file);
    it(`${rel} imports only its siblings and the ../index.js and ../math.js tiers`, () => {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3];
        expect({ file: rel, spec, allowed: PLAYGROUND_IMPORTS.test(spec) }).toEqual({
          file: rel,
          spec,
          allowed: true,
        });
      }
    });
  }
});

describe('entry points', () => {
  for (const entry of ENTRY_POINTS) {
    it(`src/${entry} exports nothing from playground/ (page code, not the library)`, () => {
      const text = fs.readFileSync(path.join(SRC, entry), 'utf8');
      expect(text).not.toMatch(/from '\.\/playground\//);
    });
  }
  for (const entry of BROWSER_SAFE_ENTRY_POINTS) {
    it(`src/${entry} (browser-safe) exports nothing from net/ or cli/`, () => {
      const text = fs.readFileSync(path.join(SRC, entry), 'utf8');
      expect(text).not.toMatch(/from '\.\/(net|cli)\//);
    });
  }
  it('each entry point has a package.json export, and each export an entry point', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(SRC, '..', 'package.json'), 'utf8'));
    const fromExports = Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'index.ts' : `${key.slice(2)}.ts`));
    expect(fromExports.sort()).toEqual([...ENTRY_POINTS].sort());
  });
  it('no name is exported by two entry points', () => {
    const exported = new Map<string, string>();
    for (const entry of ENTRY_POINTS) {
      const text = fs.readFileSync(path.join(SRC, entry), 'utf8');
      for (const block of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
        for (const item of block[1].split(',')) {
          const name = item
            .trim()
            .split(/\s+as\s+/)
            .pop()!;
          if (!name) continue;
          expect({ name, entry, alsoIn: exported.get(name) }).toEqual({
            name,
            entry,
            alsoIn: undefined,
          });
          exported.set(name, entry);
        }
      }
    }
  });
});

/**
 * The study tier's checked point functions (toJacobian, jacobianAdd, …, coZAdd, …) are for
 * `ecdh-lab/math` only: inside the library the formulas of curve/jacobian-formulas.ts run on
 * points that are valid by construction, as fp.ts's arithmetic does on field elements.
 */
describe('checked study-tier wrappers', () => {
  const CHECKED = ['curve/jacobian.ts', 'curve/coz.ts'];
  it(`${CHECKED.join(' and ')} are imported by the entry points only`, () => {
    const importers: string[] = [];
    for (const file of files) {
      const rel = path.relative(SRC, file);
      if (ENTRY_POINTS.includes(rel)) continue;
      for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (!spec.startsWith('.')) continue;
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        if (CHECKED.includes(target.replace(/\.js$/, '.ts'))) importers.push(`${rel} → ${target}`);
      }
    }
    expect(importers).toEqual([]);
  });
});

/**
 * The modules of a folder form no import cycle (type-only imports included): a module can be
 * read, and loaded, after the ones it imports. P-256's domain parameters, for one, are written
 * once in math/p256-domain.ts, below the curve modules that use them.
 */
describe('no import cycle', () => {
  const importsOf = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec.startsWith('.')) continue;
      targets.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
    }
    importsOf.set(file, targets);
  }

  /** A cycle among the modules of `folder` (their relative paths, the first repeated), or []. */
  function cycleIn(folder: string): string[] {
    const inFolder = files.filter((file) => folderOf(file) === folder);
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): string[] => {
      if (state.get(file) === 'done') return [];
      if (state.get(file) === 'open')
        return [...stack.slice(stack.indexOf(file)), file].map((f) => path.relative(SRC, f));
      state.set(file, 'open');
      stack.push(file);
      for (const target of importsOf.get(file) ?? []) {
        if (!inFolder.includes(target)) continue;
        const cycle = visit(target);
        if (cycle.length > 0) return cycle;
      }
      stack.pop();
      state.set(file, 'done');
      return [];
    };
    for (const file of inFolder) {
      const cycle = visit(file);
      if (cycle.length > 0) return cycle;
    }
    return [];
  }

  for (const folder of Object.keys(ALLOWED)) {
    it(`among the modules of ${folder === '.' ? 'src/' : `src/${folder}/`}`, () => {
      expect(cycleIn(folder)).toEqual([]);
    });
  }

  it('finds a cycle when there is one (affine.ts ↔ p256.ts, as it was)', () => {
    const affine = path.join(SRC, 'curve', 'affine.ts');
    const p256 = path.join(SRC, 'curve', 'p256.ts');
    const saved = importsOf.get(p256)!;
    importsOf.set(p256, [...saved, affine]);
    try {
      expect(cycleIn('curve')).toEqual(
        expect.arrayContaining(['curve/affine.ts', 'curve/p256.ts']),
      );
    } finally {
      importsOf.set(p256, saved);
    }
  });
});
