/**
 * The published shape (package.json "exports"): a project that depends on ecdh-lab can
 * `import { sha256 } from 'ecdh-lab'` (ESM) and `require('ecdh-lab')` (CommonJS), and the
 * types resolve. Runs against dist/, which `npm test` builds first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConsumerProject, ROOT, type ConsumerProject } from './support/consumer';
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
      "console.log(['pointDouble', 'coZAdd', 'gcmMultiply', 'ghashReference', 'ByteQueue', 'SymmetricState', 'Certificate', 'verifyChain'].filter((n) => n in root).join(',') || 'none');\n";
    expect(project.run('root-names.cjs', source)).toBe('none');
  });
});
