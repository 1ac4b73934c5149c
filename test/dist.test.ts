/**
 * test/support/dist.ts: the guard the dist-based tests (CLI, README, package, browser, bench)
 * run first. Checked on a temporary copy of the layout, never on the real dist/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('assertDistFresh', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-dist-'));
    fs.mkdirSync(path.join(dir, 'src', 'keys'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'test', 'support'), { recursive: true });
    fs.copyFileSync(
      path.join(__dirname, 'support', 'dist.ts'),
      path.join(dir, 'test', 'support', 'dist.ts'),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const load = () => {
    let guard: typeof import('./support/dist') | undefined;
    jest.isolateModules(() => {
      guard = require(path.join(dir, 'test', 'support', 'dist.ts'));
    });
    return guard!;
  };
  const touch = (file: string, seconds: number) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), '');
    fs.utimesSync(path.join(dir, file), seconds, seconds);
  };

  it('fails loudly when dist/ is missing, or older than a file under src/', () => {
    touch('src/keys/der.ts', 1000);
    expect(() => load().assertDistFresh()).toThrow(
      /dist\/cjs\/index\.js is missing.*npm run build/,
    );
    touch('dist/cjs/index.js', 2000);
    touch('dist/esm/index.js', 2000);
    expect(() => load().assertDistFresh()).not.toThrow();
    touch('src/keys/der.ts', 3000);
    expect(() => load().assertDistFresh()).toThrow(/older than src\/ \(src\/keys\/der\.ts changed/);
  });
});
