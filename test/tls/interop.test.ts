/**
 * TLS 1.3 interop with software no one here wrote, on 127.0.0.1, both directions:
 *
 *   our client → openssl s_server -tls1_3 (-groups P-256; a HelloRetryRequest forced by sending
 *                no key share; -Verify 1 / -verify 1 for a CertificateRequest)
 *   our client → node:tls server (with and without a HelloRetryRequest; the exporter compared)
 *   our server ← openssl s_client -tls1_3 with its default groups (X25519 first: a
 *                HelloRetryRequest to P-256)
 *   our server ← node:tls clients with default options (X25519 first) and ecdhCurve 'P-256'
 *
 * The ECDSA P-256 chain is made by `openssl req` / `openssl x509` in a temporary directory.
 * Until the project has ECDSA and X.509, our server signs with the TEST-ONLY node:crypto signer
 * and our client validates the chain with the TEST-ONLY node:crypto X509Certificate verifier
 * (see ./support.ts). Under CI=true a missing openssl is a failure; elsewhere those tests say why
 * and return. One handshake per test; every process, socket and file is cleaned up.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TlsError } from '../../src/tls/alert';
import { TlsClient, type TlsClientOptions } from '../../src/tls/client';
import { TlsServer, type TlsServerOptions } from '../../src/tls/server';
import { TLS_AES_128_GCM_SHA256 } from '../../src/tls/suites';
import { connectTls, listenTls, type SocketTls } from './net-harness';
import { nodeEcdsaCredential, nodeX509Verifier, TLS_AES_256_GCM_SHA384_STANDIN } from './support';

jest.setTimeout(20000);

function opensslAvailable(): boolean {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  const reason = `openssl not found (${probe.error?.message ?? probe.stderr})`;
  if (process.env.CI === 'true') throw new Error(`TLS interop must run under CI: ${reason}`);
  console.log(`openssl interop not run: ${reason}`);
  return false;
}

const HAVE_OPENSSL = opensslAvailable();
let dir = '';
const file = (name: string) => join(dir, name);
const children = new Set<ChildProcess>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecdh-lab-tls-'));
  if (!HAVE_OPENSSL) return;
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ca.key');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-subj',
    '/CN=ecdh-lab interop CA',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
    '-out',
    'ca.pem',
  );
  openssl(
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    'server.key',
  );
  openssl('req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'server.csr');
  writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
    '-out',
    'server.pem',
  );
});

afterEach(() => {
  for (const child of children) child.kill();
  children.clear();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pem = (name: string) => readFileSync(file(name), 'utf8');
const credential = () => nodeEcdsaCredential([pem('server.pem')], pem('server.key'));
const clientOptions = (extra: Partial<TlsClientOptions> = {}): TlsClientOptions => ({
  serverName: 'localhost',
  verifier: nodeX509Verifier([pem('ca.pem')]),
  ...extra,
});

/** Starts `openssl s_server` for one connection; resolves with its port and output. */
function opensslServer(args: string[]): Promise<{ port: number; output: () => string }> {
  const child = spawn(
    'openssl',
    [
      's_server',
      '-tls1_3',
      '-accept',
      '127.0.0.1:0',
      '-naccept',
      '1',
      '-cert',
      file('server.pem'),
      '-key',
      file('server.key'),
      ...args,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`s_server exited (${code}): ${output}`)));
  });
}

/** Our client fetches `-www`'s status page. */
async function fetchPage(connection: SocketTls): Promise<string> {
  await connection.ready;
  connection.send('GET / HTTP/1.0\r\n\r\n');
  await connection.closed;
  return connection.text;
}

describe('our client against openssl s_server -tls1_3', () => {
  it('-groups P-256: a key share it accepts at once', async () => {
    if (!HAVE_OPENSSL) return;
    const { port } = await opensslServer(['-groups', 'P-256', '-www']);
    const client = new TlsClient(clientOptions());
    const page = await fetchPage(await connectTls(client, port));
    expect(page).toMatch(/^HTTP\/1\.0 200 ok/);
    expect(page).toContain('TLSv1.3');
    expect(client.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: false });
  });

  it('a HelloRetryRequest: the client sends no key share at first', async () => {
    if (!HAVE_OPENSSL) return;
    const { port } = await opensslServer(['-groups', 'P-256', '-www']);
    const client = new TlsClient(clientOptions({ keyShareGroups: [] }));
    expect(await fetchPage(await connectTls(client, port))).toMatch(/^HTTP\/1\.0 200 ok/);
    expect(client.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: true });
  });

  it('-ciphersuites TLS_AES_256_GCM_SHA384 with the TEST-ONLY SHA-384 row', async () => {
    if (!HAVE_OPENSSL) return;
    const { port } = await opensslServer(['-ciphersuites', 'TLS_AES_256_GCM_SHA384', '-www']);
    const suites = [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384_STANDIN];
    const client = new TlsClient(clientOptions({ cipherSuites: suites }));
    const page = await fetchPage(await connectTls(client, port));
    expect(page).toContain('TLS_AES_256_GCM_SHA384');
    expect(client.negotiated.cipherSuite).toBe('TLS_AES_256_GCM_SHA384');
  });

  it('a CertificateRequest: optional (-verify 1) works, required (-Verify 1) ends in certificate_required', async () => {
    if (!HAVE_OPENSSL) return;
    const optional = await opensslServer(['-verify', '1', '-www']);
    expect(
      await fetchPage(await connectTls(new TlsClient(clientOptions()), optional.port)),
    ).toMatch(/^HTTP\/1\.0 200 ok/);
    const required = await opensslServer(['-Verify', '1', '-www']);
    const connection = await connectTls(new TlsClient(clientOptions()), required.port);
    const error = await connection.closed;
    expect(error).toBeInstanceOf(TlsError);
    expect(error).toMatchObject({ origin: 'peer', alert: 'certificate_required' });
  });
});

/** Runs a command to completion with `input` on stdin; resolves with its exit code and output. */
function runChild(args: string[], input: string): Promise<{ code: number | null; output: string }> {
  const child = spawn('openssl', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Our server's side of the echo: one line in, "echo: " + that line out, then close_notify. */
async function echoLine(connection: SocketTls): Promise<void> {
  await connection.until((text) => text.includes('\n'));
  connection.send(`echo: ${connection.text}`);
  connection.close();
}

describe('our server against openssl s_client -tls1_3', () => {
  it('default groups (X25519 first): a HelloRetryRequest to P-256, the chain verified', async () => {
    if (!HAVE_OPENSSL) return;
    let server!: TlsServer;
    const connections: SocketTls[] = [];
    const listener = await listenTls(
      () => (server = new TlsServer({ credential: credential() })),
      (connection) => {
        connections.push(connection);
        void echoLine(connection);
      },
    );
    try {
      const { code, output } = await runChild(
        [
          's_client',
          '-tls1_3',
          '-connect',
          `127.0.0.1:${listener.port}`,
          '-CAfile',
          file('ca.pem'),
          '-servername',
          'localhost',
          '-verify_return_error',
          '-ign_eof',
        ],
        'hello from openssl\n',
      );
      expect(code).toBe(0);
      expect(output).toContain('echo: hello from openssl');
      expect(output).toContain('Verify return code: 0 (ok)');
      expect(output).toContain('TLSv1.3');
      await connections[0].closed;
      expect(connections[0].error).toBeUndefined();
      expect(server.negotiated).toMatchObject({
        group: 'secp256r1',
        helloRetryRequest: true,
        serverName: 'localhost',
      });
    } finally {
      await listener.close();
    }
  });
});

describe('our client against a node:tls server', () => {
  async function nodeServer(options: tls.TlsOptions = {}) {
    const exported: Buffer[] = [];
    const server = tls.createServer(
      { key: pem('server.key'), cert: pem('server.pem'), minVersion: 'TLSv1.3', ...options },
      (socket) => {
        exported.push(
          socket.exportKeyingMaterial(32, 'EXPERIMENTAL ecdh-lab', Buffer.from('context')),
        );
        socket.on('data', (data) => socket.end(data));
        socket.on('error', () => {});
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, exported, port: (server.address() as { port: number }).port };
  }

  it.each([
    ['with a P-256 key share', {}, false],
    ['after a HelloRetryRequest', { keyShareGroups: [] }, true],
  ])('%s; exporters agree', async (_, extra, retried) => {
    const { server, exported, port } = await nodeServer();
    try {
      const client = new TlsClient(clientOptions(extra as Partial<TlsClientOptions>));
      const connection = await connectTls(client, port);
      await connection.ready;
      connection.send('hello node');
      await connection.until((text) => text === 'hello node');
      await connection.closed; // node ends with close_notify: no truncation error
      expect(connection.error).toBeUndefined();
      expect(client.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: retried });
      const context = Buffer.from('context');
      expect(
        Buffer.from(client.exportKeyingMaterial('EXPERIMENTAL ecdh-lab', context, 32)),
      ).toEqual(exported[0]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('our server against node:tls clients', () => {
  it.each([
    ['default options (X25519 first: a HelloRetryRequest)', {}, true],
    ["ecdhCurve 'P-256'", { ecdhCurve: 'P-256' }, false],
  ])('%s', async (_, options, retried) => {
    let server!: TlsServer;
    const listener = await listenTls(
      () => (server = new TlsServer({ credential: credential() } as TlsServerOptions)),
      async (connection) => {
        await connection.until((text) => text.length >= 10);
        connection.send(connection.text.toUpperCase());
        connection.close();
      },
    );
    try {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: listener.port,
        servername: 'localhost',
        ca: pem('ca.pem'),
        minVersion: 'TLSv1.3',
        ...options,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      socket.write('hello node');
      const reply = await new Promise<string>((resolve, reject) => {
        let text = '';
        socket.on('data', (data) => (text += data));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      socket.end();
      expect(reply).toBe('HELLO NODE');
      expect(socket.getProtocol()).toBe('TLSv1.3');
      expect(socket.getCipher().name).toBe('TLS_AES_128_GCM_SHA256');
      expect(server.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: retried });
      const context = Buffer.from('ctx');
      expect(socket.exportKeyingMaterial(32, 'EXPERIMENTAL x', context)).toEqual(
        Buffer.from(server.exportKeyingMaterial('EXPERIMENTAL x', context, 32)),
      );
    } finally {
      await listener.close();
    }
  });
});
