/**
 * The second entry point, `ecdh-lab/node` (package.json "exports" "./node" → dist/{esm,cjs}/node.js):
 * a consumer project imports createServer/connect (ESM and CommonJS) and runs an NN echo.
 * Runs against dist/, which `npm test` builds first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
let project: string;

beforeAll(() => {
  expect(fs.existsSync(path.join(ROOT, 'dist', 'esm', 'node.js'))).toBe(true);
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-node-entry-'));
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'ecdh-lab'), 'dir');
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"consumer","private":true}\n');
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const body = `
const server = createServer({ protocol: 'nn', log: () => {} }, async (ch) => { for await (const m of ch) await ch.send(m); });
const { port } = await server.listen(0);
const ch = await connect({ protocol: 'nn', port });
await ch.send(utf8ToBytes('over ecdh-lab/node'));
const { value } = await ch[Symbol.asyncIterator]().next();
console.log(bytesToUtf8(value));
await ch.close();
await server.close();
`;

it("import { createServer, connect } from 'ecdh-lab/node' (ES module build)", () => {
  fs.writeFileSync(path.join(project, 'esm.mjs'), `import { createServer, connect } from 'ecdh-lab/node';\nimport { utf8ToBytes, bytesToUtf8 } from 'ecdh-lab';\n${body}`);
  expect(execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8', timeout: 30000 }).trim()).toBe('over ecdh-lab/node');
});

it("require('ecdh-lab/node') (CommonJS build)", () => {
  fs.writeFileSync(path.join(project, 'cjs.cjs'), `const { createServer, connect } = require('ecdh-lab/node');\nconst { utf8ToBytes, bytesToUtf8 } = require('ecdh-lab');\n(async () => {${body}})();`);
  expect(execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8', timeout: 30000 }).trim()).toBe('over ecdh-lab/node');
});
