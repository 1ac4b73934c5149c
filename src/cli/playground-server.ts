/// <reference types="node" />
/**
 * The static file server behind `ecdh-lab playground`: it serves the playground page and the
 * package's ES module build to a browser on this machine, and nothing else.
 *
 *   /                      302 to /dist/esm/playground/ (the page, src/playground/ built)
 *   /dist/esm/…            the ESM build: the page's modules import ../index.js and ../math.js
 *   /favicon.ico           the page's icon (browsers ask for it on their own)
 *   /src/…                 the TypeScript sources, so the source maps resolve in the devtools
 *   anything else          404; a path that leaves those folders (.., a symlink) is 404 too
 *
 * The page's index.html loads one script, dist/esm/playground/bundle.js: its modules and the
 * library's in one file, written by `npm run build` (src/build.mjs), so the browser makes one
 * request for them rather than one per module. The modules themselves are served too.
 *
 * Only GET and HEAD (405 otherwise). Every response carries a Content-Security-Policy that
 * allows only this origin (the page works offline and loads nothing from elsewhere) and the
 * cross-origin isolation headers (COOP/COEP), which give the page's benchmark the browser's
 * finest timer. Bound to a loopback address (the default, 127.0.0.1), the server also refuses a
 * request whose Host header names another machine: a web page elsewhere cannot reach it
 * through DNS rebinding.
 *
 * The package root is found by walking up from this file to the package.json named ecdh-lab,
 * so the same code serves from dist/cjs/cli/ (the installed command) and from src/cli/ (tests).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** The folders of the package the server may read from (relative to the package root). */
export const SERVED_FOLDERS = ['dist/esm', 'src'] as const;

/** Where the page is, as a URL path. */
export const PLAYGROUND_PATH = '/dist/esm/playground/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // TypeScript is shown, never run: text/plain (with nosniff) keeps the browser from executing it.
  '.ts': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface PlaygroundServerOptions {
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /** The TCP port (default 0: the system picks a free one). */
  port?: number;
  /** The package root (default: found from this file). */
  root?: string;
}

export interface PlaygroundServer {
  /** The page's address, e.g. http://127.0.0.1:8223/ */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/**
 * The directory of the package.json whose name is ecdh-lab, above `start`.
 * @throws Error when there is none
 */
export function findPackageRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        if (JSON.parse(fs.readFileSync(file, 'utf8')).name === 'ecdh-lab') return dir;
      } catch {
        // not JSON: keep walking up
      }
    }
    if (path.dirname(dir) === dir)
      throw new Error(`playground: no ecdh-lab package above ${start}`);
  }
}

/** Whether `host` (an address or name, as given to listen) is a loopback one. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The host part of a Host header ('127.0.0.1:8223' → '127.0.0.1', '[::1]:80' → '::1'). */
function hostOfHeader(header: string): string {
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(header.trim());
  return match === null ? '' : match[1];
}

/**
 * The file a URL path names, or undefined when it is not a file of a served folder. Decodes the
 * path once, refuses NUL bytes and backslashes, resolves `.` and `..` and then symlinks, and
 * checks the real path is still inside a served folder.
 */
export function resolveRequestPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined; // malformed %-escape
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.split('/').includes('..')) return undefined;
  for (const folder of SERVED_FOLDERS) {
    const base = path.join(root, folder);
    const candidate = path.join(root, relative);
    if (candidate !== base && !candidate.startsWith(base + path.sep)) continue;
    let real: string;
    let realBase: string;
    try {
      real = fs.realpathSync(candidate);
      realBase = fs.realpathSync(base);
    } catch {
      return undefined; // does not exist
    }
    if (real !== realBase && !real.startsWith(realBase + path.sep)) return undefined;
    const stat = fs.statSync(real);
    if (stat.isDirectory()) {
      const index = path.join(real, 'index.html');
      return fs.existsSync(index) ? index : undefined;
    }
    return stat.isFile() ? real : undefined;
  }
  return undefined;
}

function send(
  response: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer | string,
  head = false,
): void {
  const bytes = body === undefined ? undefined : Buffer.from(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    ...(bytes === undefined ? {} : { 'Content-Length': String(bytes.length) }),
  });
  response.end(head ? undefined : bytes);
}

/**
 * Starts the playground's server.
 * @param options - host (default 127.0.0.1), port (default 0), root (default: this package)
 * @returns the server, once it listens; `url` has the real port
 * @throws Error when the page is not built (run `npm run build`) or the port cannot be bound
 * @example const server = await startPlaygroundServer({ port: 0 }); console.log(server.url); await server.close();
 */
export async function startPlaygroundServer(
  options: PlaygroundServerOptions = {},
): Promise<PlaygroundServer> {
  const root = options.root ?? findPackageRoot();
  const host = options.host ?? '127.0.0.1';
  const page = path.join(root, PLAYGROUND_PATH, 'index.html');
  if (!fs.existsSync(page))
    throw new Error(`playground: ${path.relative(root, page)} is missing; run \`npm run build\``);
  const loopbackOnly = isLoopback(host);

  const server = http.createServer((request, response) => {
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    const text = { 'Content-Type': 'text/plain; charset=utf-8' };
    if (loopbackOnly && !isLoopback(hostOfHeader(request.headers.host ?? ''))) {
      send(response, 403, text, 'playground: only this machine may connect\n', head);
      return;
    }
    if (method !== 'GET' && !head) {
      send(response, 405, { ...text, Allow: 'GET, HEAD' }, 'playground: GET or HEAD only\n');
      return;
    }
    const urlPath = (request.url ?? '/').split(/[?#]/, 1)[0];
    if (urlPath === '/') {
      send(response, 302, { ...text, Location: PLAYGROUND_PATH }, `see ${PLAYGROUND_PATH}\n`, head);
      return;
    }
    const file =
      urlPath === '/favicon.ico'
        ? path.join(root, PLAYGROUND_PATH, 'favicon.svg')
        : resolveRequestPath(root, urlPath);
    if (file === undefined) {
      send(response, 404, text, 'playground: not found\n', head);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    fs.readFile(file, (error, bytes) => {
      if (error) send(response, 404, text, 'playground: not found\n', head);
      else send(response, 200, { 'Content-Type': type }, bytes, head);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
