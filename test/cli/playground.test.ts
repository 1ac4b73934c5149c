/**
 * `ecdh-lab playground` and its server (src/cli/playground.ts, src/cli/playground-server.ts):
 * the server maps URLs to package files under dist/esm/ and src/ only (no `..`, no symlink out,
 * no other file of the package), answers GET and HEAD with the security headers, refuses a Host
 * that is not this machine, and the command prints its address (also for --port 0), has --help,
 * refuses bad options, and stops cleanly on SIGINT. Runs against dist/ (npm test builds first).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findPackageRoot,
  isLoopback,
  PLAYGROUND_PATH,
  type PlaygroundServer,
  resolveRequestPath,
  startPlaygroundServer,
} from '../../src/cli/playground-server';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cjs', 'cli', 'main.js');

/** A raw HTTP request (fetch would refuse to send a forged Host header). */
function request(
  url: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: options.host === undefined ? {} : { Host: options.host },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('resolveRequestPath', () => {
  it('serves the ESM build and the sources, and a directory by its index.html', () => {
    expect(resolveRequestPath(ROOT, '/dist/esm/index.js')).toBe(
      path.join(ROOT, 'dist/esm/index.js'),
    );
    expect(resolveRequestPath(ROOT, '/src/index.ts')).toBe(path.join(ROOT, 'src/index.ts'));
    expect(resolveRequestPath(ROOT, PLAYGROUND_PATH)).toBe(
      path.join(ROOT, 'dist/esm/playground/index.html'),
    );
    expect(resolveRequestPath(ROOT, '/dist/esm/playground/playground%2Ecss')).toBe(
      path.join(ROOT, 'dist/esm/playground/playground.css'),
    );
  });
  it('refuses everything else: other package files, .., encoded .., NUL, backslashes, bad escapes', () => {
    for (const url of [
      '/package.json',
      '/README.md',
      '/dist/cjs/index.js',
      '/node_modules/playwright-core/package.json',
      '/vectors/wycheproof.lock',
      '/dist/esm/../../package.json',
      '/dist/esm/%2e%2e/%2e%2e/package.json',
      '/src/../package.json',
      '/src/%2e%2e%2fpackage.json',
      '/src/index.ts%00.js',
      '/src\\..\\package.json',
      '/src/%E0%A4%A',
      '/dist/esm',
      '/dist/esm/nothing-here.js',
    ])
      expect({ url, file: resolveRequestPath(ROOT, url) }).toEqual({ url, file: undefined });
  });
  it('refuses a symlink that leads out of a served folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-playground-'));
    try {
      fs.mkdirSync(path.join(root, 'dist', 'esm'), { recursive: true });
      fs.writeFileSync(path.join(root, 'secret.txt'), 'not a package file');
      fs.writeFileSync(path.join(root, 'dist', 'esm', 'ok.js'), 'export {};');
      fs.symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'dist', 'esm', 'link.js'));
      expect(resolveRequestPath(root, '/dist/esm/ok.js')).toBe(
        fs.realpathSync(path.join(root, 'dist', 'esm', 'ok.js')),
      );
      expect(resolveRequestPath(root, '/dist/esm/link.js')).toBeUndefined();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
  it('finds the package root from src/cli and from dist/cjs/cli', () => {
    expect(findPackageRoot(path.join(ROOT, 'src', 'cli'))).toBe(ROOT);
    expect(findPackageRoot(path.join(ROOT, 'dist', 'cjs', 'cli'))).toBe(ROOT);
    expect(() => findPackageRoot(os.tmpdir())).toThrow(/no ecdh-lab package/);
  });
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '192.168.1.2', '127.0.0.1.evil.example', 'example.com', ''])
      expect(isLoopback(host)).toBe(false);
  });
});

describe('the server', () => {
  let server: PlaygroundServer;
  beforeAll(async () => {
    server = await startPlaygroundServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 with a real port, and / leads to the page', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    const res = await request(server.url);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(PLAYGROUND_PATH);
  });
  it('serves the page and the modules with their types and the security headers', async () => {
    const page = await request(`${server.url}dist/esm/playground/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script type="module" src="bundle.js"></script>');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const js = await request(`${server.url}dist/esm/math.js`);
    expect([js.status, js.headers['content-type']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    const ts = await request(`${server.url}src/math.ts`);
    expect([ts.status, ts.headers['content-type']]).toEqual([200, 'text/plain; charset=utf-8']);
    const icon = await request(`${server.url}favicon.ico`);
    expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/svg+xml']);
  });
  it('the page loads one script, bundle.js: main.js and every module it imports, none from net/ or cli/', async () => {
    const page = await request(`${server.url}dist/esm/playground/`);
    const scripts = [...page.body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['bundle.js']);
    const bundle = await request(`${server.url}dist/esm/playground/bundle.js`);
    expect([bundle.status, bundle.headers['content-type']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    // Each module in the bundle starts with its path under dist/esm/ (src/build.mjs).
    const bundled = [...bundle.body.matchAll(/^\/\/ (\S+\.js)\nconst \$m\d+ = /gm)].map(
      (m) => m[1],
    );
    const ESM = path.join(ROOT, 'dist', 'esm');
    const graph = new Set<string>();
    const pending = [path.join(ESM, 'playground', 'main.js')];
    while (pending.length > 0) {
      const file = pending.pop()!;
      const name = path.relative(ESM, file).split(path.sep).join('/');
      if (graph.has(name)) continue;
      graph.add(name);
      for (const m of fs
        .readFileSync(file, 'utf8')
        .matchAll(/^(?:import|export)\s[^'"]*?from\s*'(\.{1,2}\/[^']+\.js)'/gm))
        pending.push(path.resolve(path.dirname(file), m[1]));
    }
    expect([...bundled].sort()).toEqual([...graph].sort());
    expect(bundled.at(-1)).toBe('playground/main.js'); // dependencies first, the entry last
    for (const name of ['index.js', 'math.js', 'hash/sha256.js', 'playground/ecdsa-view.js'])
      expect(bundled).toContain(name);
    expect(bundled.some((name) => name.startsWith('net/') || name.startsWith('cli/'))).toBe(false);
  });
  it('HEAD has the headers and no body; other methods get 405; unknown paths 404', async () => {
    const head = await request(`${server.url}dist/esm/index.js`, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
    expect(Number(head.headers['content-length'])).toBe(
      fs.statSync(path.join(ROOT, 'dist/esm/index.js')).size,
    );
    const post = await request(`${server.url}dist/esm/index.js`, { method: 'POST' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect((await request(`${server.url}package.json`)).status).toBe(404);
    expect((await request(`${server.url}dist/esm/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });
  it('refuses a Host header that names another machine (DNS rebinding); accepts localhost', async () => {
    expect((await request(`${server.url}dist/esm/index.js`, { host: 'evil.example' })).status).toBe(
      403,
    );
    expect(
      (await request(`${server.url}dist/esm/index.js`, { host: `localhost:${server.port}` }))
        .status,
    ).toBe(200);
  });
});

describe('ecdh-lab playground', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });

  it('is listed by ecdh-lab --help, and --help explains it', () => {
    expect(run('--help').stdout).toMatch(/playground\s+serve the interactive playground/);
    const help = run('playground', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(
      /^usage: ecdh-lab playground \[--host 127\.0\.0\.1\] \[--port 8223\]/,
    );
    expect(help.stdout).toMatch(/--port PORT/);
  });
  it('refuses a bad port, an unknown option or an argument with one line and exit 2', () => {
    for (const [args, message] of [
      [['--port', '70000'], /--port must be an integer from 0 to 65535, got '70000'/],
      [['--bogus'], /unknown option --bogus/],
      [['--host'], /--host needs a value/],
      [['extra'], /unexpected argument 'extra'/],
    ] as const) {
      const result = run('playground', ...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/\nrun 'ecdh-lab playground --help' for usage\n$/);
      expect(result.stderr.split('\n')).toHaveLength(3);
    }
  });
  it('--port 0: prints the address first, serves the page, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [CLI, 'playground', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before printing`)));
      });
      const match = /^playground at (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
      expect(match).not.toBeNull();
      expect(Number(match![2])).toBeGreaterThan(0);
      const page = await request(`${match![1]}dist/esm/playground/`);
      expect(page.status).toBe(200);
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
  it('a port already in use: exit 1 with one line that gives the reason and what to try', async () => {
    const busy = await startPlaygroundServer({ port: 0 });
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'playground', '--port', String(busy.port)], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk;
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^ecdh-lab playground: .*EADDRINUSE.*; try --port 0/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      await busy.close();
    }
  });
});
