/**
 * The second entry point, `ecdh-lab/node` (package.json "exports" "./node" → dist/{esm,cjs}/node.js):
 * a consumer project imports createServer/connect (ESM and CommonJS) and runs an NN echo.
 * Runs against dist/, which `npm test` builds first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConsumerProject, ROOT, type ConsumerProject } from '../support/consumer';
import { assertDistFresh } from '../support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

let project: ConsumerProject;

beforeAll(() => {
  expect(fs.existsSync(path.join(ROOT, 'dist', 'esm', 'node.js'))).toBe(true);
  project = createConsumerProject();
});
afterAll(() => project.remove());

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
  const source = `import { createServer, connect } from 'ecdh-lab/node';\nimport { utf8ToBytes, bytesToUtf8 } from 'ecdh-lab';\n${body}`;
  expect(project.run('esm.mjs', source)).toBe('over ecdh-lab/node');
});

it("require('ecdh-lab/node') (CommonJS build)", () => {
  const source = `const { createServer, connect } = require('ecdh-lab/node');\nconst { utf8ToBytes, bytesToUtf8 } = require('ecdh-lab');\n(async () => {${body}})();`;
  expect(project.run('cjs.cjs', source)).toBe('over ecdh-lab/node');
});
