/**
 * `serve --protocol tls` and `connect --protocol tls` (the built CLI, dist/cjs/cli/main.js) on
 * 127.0.0.1, port 0, against real peers no one here wrote:
 *   curl --cacert                → serve --protocol tls --http      (the page's text)
 *   openssl s_client -tls1_3     → serve --protocol tls             (echo; its default groups send
 *                                   an X25519 share only, so `--groups P-256` needs a HelloRetryRequest)
 *   connect --protocol tls       → openssl s_server -tls1_3 -www    (prints openssl's page)
 * and ecdh-lab against itself (echo, close_notify at the end of stdin), --keylog on both sides
 * (NSS labels, the client random, secret lengths, both files the same), and usage errors.
 * The chain is issued by the CLI's own `cert new` (a root and a localhost leaf).
 * Under CI=true a missing openssl or curl fails the run; elsewhere those tests say so and return.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { generatePrivateKey } from '../../src/keys/private-key';
import { opensslAvailable, TempDir } from '../x509/peers';
import { CLI, connectBytes, type Server, serve, stop } from './helpers';

jest.setTimeout(30000);

const curlProbe = spawnSync('curl', ['--version'], { encoding: 'utf8' });
function curlAvailable(): boolean {
  if (curlProbe.status === 0) return true;
  if (process.env.CI === 'true') throw new Error('curl is not on PATH, and CI=true requires it');
  console.warn('curl is not on PATH: the interop test did nothing');
  return false;
}

let dir: TempDir;
const children = new Set<ChildProcess>();
const servers: Server[] = [];

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir.path,
    encoding: 'utf8',
    timeout: 30000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = new TempDir();
  dir.write('ca.pem', generatePrivateKey().toPem());
  dir.write('leaf.pem', generatePrivateKey().toPem());
  for (const line of [
    ['cert', 'new', '--key', 'ca.pem', '--subject', 'CN=TLS test root', '--ca', '--out', 'ca.crt'],
    [
      'cert',
      'new',
      '--key',
      'leaf.pem',
      '--subject',
      'CN=localhost',
      '--dns',
      'localhost',
      '--ip',
      '127.0.0.1',
      '--server',
      '--issuer-cert',
      'ca.crt',
      '--issuer-key',
      'ca.pem',
      '--out',
      'leaf.crt',
    ],
  ]) {
    const r = cli(...line);
    if (r.status !== 0) throw new Error(`ecdh-lab ${line.join(' ')}: ${r.stderr}`);
  }
});
afterEach(async () => {
  for (const child of children) child.kill();
  children.clear();
  await Promise.all(servers.splice(0).map(stop));
});
afterAll(() => dir?.remove());

async function serveTls(...extra: string[]): Promise<Server> {
  const server = await serve(
    '--protocol',
    'tls',
    '--cert',
    dir.file('leaf.crt'),
    '--key',
    dir.file('leaf.pem'),
    ...extra,
  );
  servers.push(server);
  return server;
}

/** Runs a peer process; resolves with its output once `done(stdout)` holds or it exits. */
function peer(
  command: string,
  args: string[],
  input: string | undefined,
  done: (stdout: string) => boolean,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(command, args, { cwd: dir.path });
  children.add(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    const finish = (code: number | null) => {
      children.delete(child);
      child.kill();
      resolve({ stdout, stderr, code });
    };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (done(stdout)) finish(null);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => finish(code));
    child.stdin!.on('error', () => {});
    if (input !== undefined) child.stdin!.write(input); // stdin stays open (as an interactive user)
  });
}

const PAGE_LINES = [
  /^HTTP\/1\.0 200 ok\r$/m,
  /^Protocol: +TLSv1\.3$/m,
  /^Cipher suite: +TLS_AES_(128_GCM_SHA256|256_GCM_SHA384)$/m,
  /^Group: +(secp256r1|x25519)$/m,
  /^Signature scheme: +ecdsa_secp256r1_sha256$/m,
];

describe('serve --protocol tls', () => {
  it('curl --cacert fetches the --http page, which names what was negotiated', async () => {
    if (!curlAvailable()) return;
    const server = await serveTls('--http');
    const r = spawnSync(
      'curl',
      ['-sS', '-i', '--cacert', dir.file('ca.crt'), `https://localhost:${server.port}/hello`],
      { encoding: 'utf8', timeout: 20000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const line of PAGE_LINES) expect(r.stdout).toMatch(line);
    expect(r.stdout).toMatch(/^Request: +GET \/hello HTTP\/1\.1$/m);
    expect(r.stdout).toMatch(/^Server name: +localhost$/m);
    expect(r.stdout).toMatch(/^ALPN: +http\/1\.1$/m);
  });

  it('openssl s_client -tls1_3 gets its bytes echoed', async () => {
    if (!opensslAvailable()) return;
    const server = await serveTls();
    const r = await peer(
      'openssl',
      [
        's_client',
        '-tls1_3',
        '-quiet',
        '-CAfile',
        dir.file('ca.crt'),
        '-connect',
        `127.0.0.1:${server.port}`,
      ],
      'echo me over TLS\n',
      (stdout) => stdout.includes('echo me over TLS\n'),
    );
    expect(r.stdout).toBe('echo me over TLS\n');
    expect(r.stderr).toMatch(/verify return:1/);
  });

  it.each([
    [['--groups', 'P-256'], 'yes', 'secp256r1'], // s_client sends an X25519 share only
    [[], 'no', 'x25519'], // ecdh-lab's default groups: x25519, then P-256
  ])(
    "openssl s_client's default groups against serve --http %j: HelloRetryRequest %s, %s",
    async (groups, retry, group) => {
      if (!opensslAvailable()) return;
      const server = await serveTls('--http', ...groups);
      const r = await peer(
        'openssl',
        [
          's_client',
          '-tls1_3',
          '-quiet',
          '-CAfile',
          dir.file('ca.crt'),
          '-connect',
          `127.0.0.1:${server.port}`,
        ],
        'GET / HTTP/1.0\r\n\r\n',
        (stdout) => stdout.includes('Request:'),
      );
      expect(r.stdout).toMatch(new RegExp(`^HelloRetryRequest: +${retry}$`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^Group: +${group}$`, 'm'));
    },
  );

  it('--keylog on both sides writes the same five NSS lines (label, client random, secret)', async () => {
    const server = await serveTls('--keylog', dir.file('server.keys'));
    const r = await connectBytes(
      server.port,
      'keys\n',
      '--protocol',
      'tls',
      '--ca',
      dir.file('ca.crt'),
      '--keylog',
      dir.file('client.keys'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.bytes.toString()).toBe('keys\n');
    const client = dir.read('client.keys').trim().split('\n');
    expect(client.map((line) => line.split(' ')[0]).sort()).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'EXPORTER_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_TRAFFIC_SECRET_0',
    ]);
    const random = client[0].split(' ')[1];
    for (const line of client)
      expect(line).toMatch(new RegExp(`^[A-Z_0-9]+ ${random} ([0-9a-f]{64}|[0-9a-f]{96})$`));
    expect(random).toMatch(/^[0-9a-f]{64}$/);
    expect((fs.statSync(dir.file('client.keys')).mode & 0o777).toString(8)).toBe('600');
    // The server writes its lines as the handshake goes; they are there once the client is done.
    expect(dir.read('server.keys').trim().split('\n').sort()).toEqual([...client].sort());
  });

  it('refuses what TLS does not use, and needs --cert and --key', () => {
    const usage = (args: string[], problem: RegExp) => {
      const r = cli(...args);
      expect({ status: r.status, line: r.stderr.split('\n')[0] }).toEqual({
        status: 2,
        line: expect.stringMatching(problem),
      });
    };
    usage(['serve', '--protocol', 'tls', '--key', 'leaf.pem'], /needs --cert/);
    usage(['serve', '--protocol', 'tls', '--cert', 'leaf.crt'], /needs --key/);
    usage(
      ['serve', '--protocol', 'tls', '--allow', 'x'],
      /--allow is not used with --protocol tls/,
    );
    usage(['serve', '--protocol', 'nn', '--http'], /--http is not used with --protocol nn/);
    usage(['connect', '--protocol', 'tls'], /needs --ca/);
    usage(['connect', '--protocol', 'tls', '--ca', 'ca.crt', '--binary'], /--binary is not used/);
    usage(['connect', '--protocol', 'nk', '--ca', 'ca.crt'], /--ca is not used with --protocol nk/);
    usage(
      ['connect', '--protocol', 'tls', '--ca', 'ca.crt', '--groups', 'P-384'],
      /unknown group 'P-384'/,
    );
    usage(['serve', '--protocol', 'nn', '--groups', 'x25519'], /--groups is not used/);
  });
});

describe('connect --protocol tls', () => {
  it('against serve --protocol tls: stdin echoed, close_notify at the end of stdin, exit 0', async () => {
    const server = await serveTls();
    const input = Buffer.alloc(70_000, 'ab\n'); // several records each way
    const r = await connectBytes(
      server.port,
      input,
      '--protocol',
      'tls',
      '--ca',
      dir.file('ca.crt'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.bytes.equals(input)).toBe(true);
  });

  it('refuses a server whose certificate is not for --servername, with exit 1', async () => {
    const server = await serveTls();
    const r = await connectBytes(
      server.port,
      'x',
      '--protocol',
      'tls',
      '--ca',
      dir.file('ca.crt'),
      '--servername',
      'example.com',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ecdh-lab connect: TLS handshake failed: .*CERT_HOST_MISMATCH|host/m);
  });

  it('prints the page of openssl s_server -tls1_3 -www for a GET', async () => {
    if (!opensslAvailable()) return;
    const child = spawn(
      'openssl',
      [
        's_server',
        '-tls1_3',
        '-www',
        '-accept',
        '127.0.0.1:0',
        '-cert',
        dir.file('leaf.crt'),
        '-key',
        dir.file('leaf.pem'),
      ],
      { cwd: dir.path },
    );
    children.add(child);
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = /^ACCEPT .*:(\d+)$/m.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.on('close', (code) => reject(new Error(`s_server exited ${code}`)));
    });
    const r = await connectBytes(
      port,
      'GET / HTTP/1.0\r\n\r\n',
      '--protocol',
      'tls',
      '--ca',
      dir.file('ca.crt'),
      '--servername',
      'localhost',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = r.bytes.toString();
    expect(page).toMatch(/^HTTP\/1\.0 200 ok\r\n/);
    expect(page).toMatch(/New, TLSv1\.3, Cipher is TLS_AES_/);
    expect(page).toMatch(/<\/BODY><\/HTML>\s*$/);
  });
});
