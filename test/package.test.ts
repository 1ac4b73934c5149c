/**
 * The published shape (package.json "exports"): a project that depends on ecdh-lab can
 * `import { sha256 } from 'ecdh-lab'` (ESM) and `require('ecdh-lab')` (CommonJS), and the
 * types resolve. Runs against dist/, which `npm test` builds first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConsumerProject, ROOT, type ConsumerProject } from './support/consumer';
import { assertDistFresh } from './support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('has no runtime dependencies and pins every dev dependency exactly', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const [name, version] of Object.entries(pkg.devDependencies as Record<string, string>)) {
      expect({ name, version }).toEqual({
        name,
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      });
    }
  });
});

describe('a project that depends on ecdh-lab', () => {
  let project: ConsumerProject;
  beforeAll(() => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'esm', 'index.js'))).toBe(true);
    project = createConsumerProject();
  });
  afterAll(() => project.remove());

  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it("can import { sha256 } from 'ecdh-lab' (ES module build)", () => {
    const source =
      "import { sha256, bytesToHex, utf8ToBytes, CryptoError } from 'ecdh-lab';\n" +
      "if (typeof CryptoError !== 'function') throw new Error('no CryptoError');\n" +
      "console.log(bytesToHex(sha256(utf8ToBytes('abc'))));\n";
    expect(project.run('esm.mjs', source)).toBe(abc);
  });

  it("can require('ecdh-lab') (CommonJS build)", () => {
    const source =
      "const { sha256, bytesToHex, utf8ToBytes } = require('ecdh-lab');\nconsole.log(bytesToHex(sha256(utf8ToBytes('abc'))));\n";
    expect(project.run('cjs.cjs', source)).toBe(abc);
  });

  it('instanceof CryptoError holds across the ESM and CommonJS builds, both ways (the Symbol.for brand)', () => {
    const source = [
      "import { createRequire } from 'node:module';",
      "import * as esm from 'ecdh-lab';",
      "const cjs = createRequire(import.meta.url)('ecdh-lab');",
      'const caught = (f) => { try { f(); } catch (e) { return e; } };',
      'const fromEsm = caught(() => esm.PrivateKey.fromRaw(new Uint8Array(32)));',
      'const fromCjs = caught(() => cjs.PrivateKey.fromRaw(new Uint8Array(32)));',
      'console.log(JSON.stringify([',
      '  esm.CryptoError === cjs.CryptoError,',
      '  fromEsm instanceof cjs.CryptoError, fromCjs instanceof esm.CryptoError,',
      '  fromEsm instanceof esm.CryptoError, fromCjs instanceof cjs.CryptoError,',
      '  fromEsm.code, fromCjs.code, new Error() instanceof esm.CryptoError,',
      ']));',
    ].join('\n');
    expect(JSON.parse(project.run('dual.mjs', source))).toEqual([
      false, // two classes: the dual package loads two copies of src/errors.ts
      true,
      true,
      true,
      true,
      'INVALID_SCALAR',
      'INVALID_SCALAR',
      false,
    ]);
  });

  it('ships type declarations for both builds', () => {
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.'].import.types))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.'].require.types))).toBe(true);
  });
});

describe('the entry points, each with import, require and types', () => {
  let project: ConsumerProject;
  beforeAll(() => {
    project = createConsumerProject();
  });
  afterAll(() => project.remove());

  // One name from each tier, to show that the entry point resolves to its own tier.
  const tiers: [string, string][] = [
    ['ecdh-lab', 'generatePrivateKey'],
    ['ecdh-lab/math', 'pointDouble'],
    ['ecdh-lab/noise', 'NoiseChannel'],
    ['ecdh-lab/node', 'createServer'],
    ['ecdh-lab/x509', 'verifyChain'],
    ['ecdh-lab/tls', 'TlsClient'],
  ];
  for (const [specifier, name] of tiers) {
    it(`${specifier}: import and require both find ${name}`, () => {
      const esm = `import { ${name} } from '${specifier}';\nconsole.log(typeof ${name});\n`;
      const cjs = `const { ${name} } = require('${specifier}');\nconsole.log(typeof ${name});\n`;
      expect(project.run(`tier-${name}.mjs`, esm)).toBe('function');
      expect(project.run(`tier-${name}.cjs`, cjs)).toBe('function');
    });
    it(`${specifier}: the types of both builds exist`, () => {
      const key = specifier === 'ecdh-lab' ? '.' : `./${specifier.split('/')[1]}`;
      expect(fs.existsSync(path.join(ROOT, pkg.exports[key].import.types))).toBe(true);
      expect(fs.existsSync(path.join(ROOT, pkg.exports[key].require.types))).toBe(true);
    });
  }
  it('the root entry point does not export the study tier or test-only internals', () => {
    const source =
      "const root = require('ecdh-lab');\n" +
      "console.log(['pointDouble', 'coZAdd', 'gcmMultiply', 'ghashReference', 'ByteQueue', 'SymmetricState', 'Certificate', 'verifyChain', 'TlsClient', 'x509Verifier'].filter((n) => n in root).join(',') || 'none');\n";
    expect(project.run('root-names.cjs', source)).toBe('none');
  });
});

describe('types of every entry point, as a TypeScript consumer resolves them', () => {
  let project: ConsumerProject;
  beforeAll(() => {
    project = createConsumerProject();
  });
  afterAll(() => project.remove());

  const uses =
    "import { sha256, generatePrivateKey, type PrivateKey } from 'ecdh-lab';\n" +
    "import { pointDouble, TOY, type AffinePoint } from 'ecdh-lab/math';\n" +
    "import { NoiseChannel, p256Suite } from 'ecdh-lab/noise';\n" +
    "import { createServer, type SecureServer } from 'ecdh-lab/node';\n" +
    "import { Name, verifyChain, type Certificate } from 'ecdh-lab/x509';\n" +
    "import { TlsClient, x509Verifier, type TlsClientOptions } from 'ecdh-lab/tls';\n" +
    'const key: PrivateKey = generatePrivateKey();\n' +
    'const digest: Uint8Array = sha256(key.publicKey.toRaw());\n' +
    'const point: AffinePoint = pointDouble(TOY.G!, TOY);\n' +
    "const engine = new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true });\n" +
    "const server: SecureServer = createServer({ protocol: 'nn' });\n" +
    "const name: string = Name.parse('CN=Test CA').toString();\n" +
    'const check: (leaf: Certificate) => unknown = (leaf) => verifyChain(leaf, { anchors: [leaf] });\n' +
    "const tlsOptions: TlsClientOptions = { serverName: 'localhost', ca: [] };\n" +
    'const tls: (ca: string) => TlsClient = (ca) => new TlsClient({ ...tlsOptions, verifier: x509Verifier({ ca }) });\n' +
    'export const used = [digest, point, engine, server, name, check, tls];\n';
  // A wrong name must fail, so a passing check is not a check of nothing.
  const wrong = "import { pointDouble } from 'ecdh-lab';\nexport const x = pointDouble;\n";

  // [moduleResolution, module, file extension (.ts is CommonJS here, .mts an ES module)]
  const modes: [string, string, string][] = [
    ['node10', 'commonjs', 'ts'],
    ['nodenext', 'nodenext', 'ts'],
    ['nodenext', 'nodenext', 'mts'],
    ['bundler', 'esnext', 'ts'],
  ];
  it.each(modes)(
    'moduleResolution %s (module %s, .%s): types resolve and check',
    (resolution, module, ext) => {
      const name = `types-${resolution}-${ext}`;
      project.write(`${name}.${ext}`, uses);
      project.write(`${name}-wrong.${ext}`, wrong);
      project.write(
        `${name}.json`,
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2022',
            module,
            moduleResolution: resolution,
            // A Node project has @types/node; ecdh-lab/node's declarations need it.
            typeRoots: [path.join(ROOT, 'node_modules', '@types')],
            types: ['node'],
            skipLibCheck: true,
            ignoreDeprecations: '6.0', // TypeScript 6 deprecates node10; consumers still use it
          },
          files: [`${name}.${ext}`, `${name}-wrong.${ext}`],
        }),
      );
      const { status, output } = project.tsc(`${name}.json`);
      expect(status).toBe(2);
      // The one error is the wrong name, so the uses resolved and type-checked.
      expect(output.split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${name}-wrong\\.${ext}\\(1,10\\): error TS2305: .*has no exported member 'pointDouble'`,
          ),
        ),
      ]);
    },
  );
});

describe('the published files (npm pack) and the bin', () => {
  const packed = (): string[] => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
  };

  it('ships both builds, the bin once (CommonJS, no declarations), the LICENSE and the sources', () => {
    const files = packed();
    for (const file of ['LICENSE', 'README.md', 'package.json', pkg.bin['ecdh-lab'].slice(2)])
      expect(files).toContain(file);
    const entryPoints = Object.keys(pkg.exports).filter((key) => key !== './package.json');
    expect(entryPoints.length).toBeGreaterThanOrEqual(6);
    for (const key of entryPoints) {
      for (const condition of ['import', 'require'])
        for (const field of ['types', 'default'])
          expect(files).toContain(pkg.exports[key][condition][field].slice(2));
    }
    expect(files.filter((f) => f.startsWith('dist/esm/cli/'))).toEqual([]);
    expect(files.filter((f) => /^dist\/cjs\/cli\/.*\.d\.ts/.test(f))).toEqual([]);
    expect(files.filter((f) => /tsconfig/.test(f))).toEqual([]);
    // The build script (src/build.mjs) is a tool of the repository, not of the package.
    expect(files.filter((f) => f.endsWith('.mjs'))).toEqual([]);
    expect(
      files.filter((f) => !/^(dist|src)\/|^(LICENSE|README\.md|package\.json)$/.test(f)),
    ).toEqual([]);
  });

  it('ships the playground once: its page in the ES module build, none of it in CommonJS', () => {
    const files = packed();
    for (const file of ['index.html', 'playground.css', 'favicon.svg', 'main.js', 'bundle.js'])
      expect(files).toContain(`dist/esm/playground/${file}`);
    expect(files.filter((f) => f.startsWith('dist/cjs/playground/'))).toEqual([]);
  });

  it('LICENSE is the MIT license the README names; repository, homepage and bugs are set', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
  });

  it('npm run build leaves the bin executable, and it runs by itself', () => {
    const bin = path.join(ROOT, pkg.bin['ecdh-lab']);
    expect(fs.statSync(bin).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(
      `ecdh-lab ${pkg.version}\n`,
    );
  });

  it('.gitignore covers the key files the README example writes', () => {
    const ignored = (name: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', name], { cwd: ROOT });
        return true;
      } catch {
        return false;
      }
    };
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const written = [...readme.matchAll(/(?:--out|>)\s+([\w.-]+\.pem)/g)].map((m) => m[1]);
    expect(written.length).toBeGreaterThan(0);
    for (const name of written)
      expect({ name, ignored: ignored(name) }).toEqual({ name, ignored: true });
  });
});
