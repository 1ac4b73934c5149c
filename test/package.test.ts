/**
 * The published shape (package.json "exports"): a project that depends on ecdh-lab can
 * `import { sha256 } from 'ecdh-lab'` (ESM) and `require('ecdh-lab')` (CommonJS), and the
 * types resolve. Runs against dist/, which `npm test` builds first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('has no runtime dependencies and pins every dev dependency exactly', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const [name, version] of Object.entries(pkg.devDependencies as Record<string, string>)) {
      expect({ name, version }).toEqual({ name, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    }
  });
});

describe('a project that depends on ecdh-lab', () => {
  let project: string;
  beforeAll(() => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'esm', 'index.js'))).toBe(true);
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-consumer-'));
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'ecdh-lab'), 'dir');
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"consumer","private":true}\n');
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it("can import { sha256 } from 'ecdh-lab' (ES module build)", () => {
    fs.writeFileSync(
      path.join(project, 'esm.mjs'),
      "import { sha256, bytesToHex, utf8ToBytes, CryptoError } from 'ecdh-lab';\n" +
        "if (typeof CryptoError !== 'function') throw new Error('no CryptoError');\n" +
        "console.log(bytesToHex(sha256(utf8ToBytes('abc'))));\n",
    );
    expect(execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe(abc);
  });

  it("can require('ecdh-lab') (CommonJS build)", () => {
    fs.writeFileSync(
      path.join(project, 'cjs.cjs'),
      "const { sha256, bytesToHex, utf8ToBytes } = require('ecdh-lab');\n" + "console.log(bytesToHex(sha256(utf8ToBytes('abc'))));\n",
    );
    expect(execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe(abc);
  });

  it('ships type declarations for both builds', () => {
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.'].import.types))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.'].require.types))).toBe(true);
  });
});
