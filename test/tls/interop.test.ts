/**
 * TLS 1.3 interop with software no one here wrote, on 127.0.0.1, both directions, with every
 * primitive on our side ecdh-lab's own (x25519 and P-256 shares, SHA-256/384 key schedules,
 * AES-GCM records, ECDSA CertificateVerify, X.509 chain validation):
 *
 *   our client → openssl s_server -tls1_3 with -groups P-256 (our x25519 share refused: a
 *                HelloRetryRequest), -groups X25519, its default groups, and -ciphersuites
 *                forcing each suite; -Verify 1 / -verify 1 for a CertificateRequest
 *   our client → node:tls server (x25519, P-256, a HelloRetryRequest; the exporter compared)
 *   our server ← openssl s_client -tls1_3 with its defaults (X25519 first: a HelloRetryRequest
 *                when our server offers P-256 only; x25519 at once with our defaults)
 *   our server ← node:tls clients with default options and ecdhCurve 'P-256'
 *
 * The ECDSA P-256 chain (a CA and a leaf for localhost / 127.0.0.1) is issued by ecdh-lab's own
 * X.509 builder (src/x509/builder.ts) and written to a temporary directory for the peers.
 * Under CI=true a missing openssl is a failure; elsewhere those tests say why and return. One
 * handshake per test; every process, socket and file is cleaned up.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { TlsError } from '../../src/tls/alert';
import { TlsClient, type TlsClientOptions } from '../../src/tls/client';
import { ecdsaCredential } from '../../src/tls/credential';
import { secp256r1 } from '../../src/tls/groups';
import { TlsServer, type TlsServerOptions } from '../../src/tls/server';
import { x509Verifier } from '../../src/tls/verifier';
import { issueCertificate, selfSignedCertificate } from '../../src/x509/builder';
import type { Signer } from '../../src/x509/signature';
import { connectTls, listenTls, type SocketTls } from './net-harness';

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

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };
/** A PrivateKey as the X.509 builder's Signer (ecdh-lab's ECDSA). */
const signerOf = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message, hash) => key.sign(message, { hash: HASHES[hash] }),
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecdh-lab-tls-'));
  const caKey = PrivateKey.generate();
  const ca = selfSignedCertificate({
    signer: signerOf(caKey),
    subject: 'CN=ecdh-lab interop CA',
    days: 2,
  });
  const serverKey = PrivateKey.generate();
  const leaf = issueCertificate({
    issuerCertificate: ca,
    issuerSigner: signerOf(caKey),
    subject: 'CN=localhost',
    publicKey: serverKey.publicKey,
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
    extendedKeyUsage: ['serverAuth'],
    days: 2,
  });
  writeFileSync(file('ca.pem'), ca.toPem());
  writeFileSync(file('server.pem'), leaf.toPem());
  writeFileSync(file('server.key'), serverKey.toPem(), { mode: 0o600 });
});

afterEach(() => {
  for (const child of children) child.kill();
  children.clear();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pem = (name: string) => readFileSync(file(name), 'utf8');
const credential = () => ecdsaCredential({ key: pem('server.key'), chain: pem('server.pem') });
const clientOptions = (extra: Partial<TlsClientOptions> = {}): TlsClientOptions => ({
  serverName: 'localhost',
  verifier: x509Verifier({ ca: pem('ca.pem') }),
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
  it.each([
    [
      '-groups P-256: our x25519 share refused, a HelloRetryRequest to P-256',
      ['-groups', 'P-256'],
      {},
      'secp256r1',
      true,
    ],
    [
      '-groups P-256 with a P-256 share: accepted at once',
      ['-groups', 'P-256'],
      { keyShareGroups: [secp256r1] },
      'secp256r1',
      false,
    ],
    [
      '-groups P-256 with no share at all: a HelloRetryRequest',
      ['-groups', 'P-256'],
      { keyShareGroups: [] },
      'secp256r1',
      true,
    ],
    ['-groups X25519: our x25519 share at once', ['-groups', 'X25519'], {}, 'x25519', false],
    ['its default groups: x25519 at once', [], {}, 'x25519', false],
  ])('%s', async (_, args, extra, group, retried) => {
    if (!HAVE_OPENSSL) return;
    const { port } = await opensslServer([...(args as string[]), '-www']);
    const client = new TlsClient(clientOptions(extra as Partial<TlsClientOptions>));
    const page = await fetchPage(await connectTls(client, port));
    expect(page).toMatch(/^HTTP\/1\.0 200 ok/);
    expect(page).toContain('TLSv1.3');
    expect(client.negotiated).toMatchObject({
      group,
      helloRetryRequest: retried,
      signatureScheme: 0x0403,
    });
  });

  it.each([['TLS_AES_128_GCM_SHA256'], ['TLS_AES_256_GCM_SHA384']])(
    '-ciphersuites %s: that suite, with our SHA-256 or SHA-384 key schedule',
    async (suite) => {
      if (!HAVE_OPENSSL) return;
      const { port } = await opensslServer(['-ciphersuites', suite, '-www']);
      const client = new TlsClient(clientOptions());
      const page = await fetchPage(await connectTls(client, port));
      expect(page).toContain(suite);
      expect(client.negotiated.cipherSuite).toBe(suite);
    },
  );

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
  it.each([
    ['our server on P-256 only: a HelloRetryRequest to P-256', [secp256r1], 'secp256r1', true],
    ['our default groups: x25519 at once', undefined, 'x25519', false],
  ])('its defaults (X25519 first), %s; the chain verified', async (_, groups, group, retried) => {
    if (!HAVE_OPENSSL) return;
    let server!: TlsServer;
    const connections: SocketTls[] = [];
    const listener = await listenTls(
      () => (server = new TlsServer({ credential: credential(), groups })),
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
        group,
        helloRetryRequest: retried,
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
    ['with our default x25519 share', {}, 'x25519', false],
    ['with a P-256 share', { groups: [secp256r1] }, 'secp256r1', false],
    ['after a HelloRetryRequest', { keyShareGroups: [] }, 'x25519', true],
  ])('%s; exporters agree', async (_, extra, group, retried) => {
    const { server, exported, port } = await nodeServer();
    try {
      const client = new TlsClient(clientOptions(extra as Partial<TlsClientOptions>));
      const connection = await connectTls(client, port);
      await connection.ready;
      connection.send('hello node');
      await connection.until((text) => text === 'hello node');
      await connection.closed; // node ends with close_notify: no truncation error
      expect(connection.error).toBeUndefined();
      expect(client.negotiated).toMatchObject({ group, helloRetryRequest: retried });
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
    ['default options, our defaults: x25519', {}, undefined, 'x25519', false],
    [
      'default options (X25519 first), our server on P-256 only: a HelloRetryRequest',
      {},
      [secp256r1],
      'secp256r1',
      true,
    ],
    [
      "ecdhCurve 'P-256', our defaults: P-256 at once",
      { ecdhCurve: 'P-256' },
      undefined,
      'secp256r1',
      false,
    ],
  ])('%s', async (_, options, groups, group, retried) => {
    let server!: TlsServer;
    const listener = await listenTls(
      () => (server = new TlsServer({ credential: credential(), groups } as TlsServerOptions)),
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
      expect(server.negotiated).toMatchObject({ group, helloRetryRequest: retried });
      const context = Buffer.from('ctx');
      expect(socket.exportKeyingMaterial(32, 'EXPERIMENTAL x', context)).toEqual(
        Buffer.from(server.exportKeyingMaterial('EXPERIMENTAL x', context, 32)),
      );
    } finally {
      await listener.close();
    }
  });
});
