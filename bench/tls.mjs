// @ts-check
/**
 * TLS 1.3 rows, over loopback (127.0.0.1): ecdh-lab's client and server (tlsConnect and
 * createServer({ protocol: 'tls' }) from ecdh-lab/node, on the engine of ecdh-lab/tls) against
 * node:tls's client and server (OpenSSL), side by side in one process.
 *
 * 1. Full handshakes: one operation = a TCP connection, a full TLS 1.3 handshake
 *    (TLS_AES_128_GCM_SHA256, ecdsa_secp256r1_sha256 certificate and CertificateVerify, the
 *    chain verified by the client), until both sides are established; then the client closes
 *    (not timed beyond sending its close). One row per key-share group: P-256 (secp256r1) and
 *    X25519, each side offering only that group (so no HelloRetryRequest). node:tls's server
 *    also sends its two NewSessionTickets (OpenSSL's default); ecdh-lab's sends none.
 * 2. Bulk throughput: one established connection each; one operation = 1 MiB written in
 *    16 KiB pieces (one full record each) and fully received by the server.
 * Client and server share this one process and thread, so each handshake's work on both sides
 * (and each byte's encryption and decryption) happens on the same core. The certificates are
 * issued at setup by ecdh-lab's X.509 builder: a P-256 root and a leaf for localhost.
 * These rows are asynchronous (the harness's deferred mode); everything is set up during the
 * first row's untimed warm-up call (one progress line on stderr, beside run.mjs's per row).
 */
import * as tls from 'node:tls';
import { PrivateKey, sha256 } from '../dist/esm/index.js';
import { createServer, tlsConnect } from '../dist/esm/node.js';
import { secp256r1, TLS_AES_128_GCM_SHA256, x25519Group } from '../dist/esm/tls.js';
import { issueCertificate, selfSignedCertificate } from '../dist/esm/x509.js';

const BATCH = 1 << 20;
const RECORD = 16 * 1024;
const cleanups = [];

/** @param {PrivateKey} key */
const signer = (key) => ({
  publicKey: key.publicKey,
  sign: (/** @type {Uint8Array} */ message) => key.sign(message, { hash: sha256, format: 'der' }),
});

function certificates() {
  const caKey = PrivateKey.generate();
  const leafKey = PrivateKey.generate();
  const notBefore = new Date(Date.now() - 3600_000);
  const ca = selfSignedCertificate({
    signer: signer(caKey),
    subject: 'CN=ecdh-lab bench root',
    notBefore,
    days: 2,
  });
  const leaf = issueCertificate({
    publicKey: leafKey.publicKey,
    issuerCertificate: ca,
    issuerSigner: signer(caKey),
    subject: 'CN=localhost',
    subjectAltNames: { dns: ['localhost'] },
    extendedKeyUsage: ['serverAuth'],
    notBefore,
    days: 2,
  });
  return { ca: ca.toPem(), cert: leaf.toPem(), key: leafKey.toPem() };
}

/** Resolvers waiting for the server side of the next connection to be established. */
function arrivals() {
  /** @type {(() => void)[]} */
  const waiting = [];
  let early = 0;
  return {
    arrived() {
      const next = waiting.shift();
      if (next) next();
      else early++;
    },
    /** @returns {Promise<void>} */
    next() {
      if (early > 0) {
        early--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(() => resolve(undefined)));
    },
  };
}

/** Bytes received by a server; `until(target)` resolves once that many have arrived. */
function counter() {
  let received = 0;
  /** @type {{ target: number, resolve: (v: unknown) => void } | undefined} */
  let waiting;
  return {
    /** @param {number} n */
    add(n) {
      received += n;
      if (waiting && received >= waiting.target) {
        const w = waiting;
        waiting = undefined;
        w.resolve(undefined);
      }
    },
    /** @param {number} target */
    until(target) {
      return new Promise((resolve) => {
        waiting = { target, resolve };
        this.add(0);
      });
    },
    get received() {
      return received;
    },
  };
}

const progress = (/** @type {string} */ line) => process.stderr.write(`bench tls: ${line}\n`);

/** ecdh-lab server and client for one group; `handshake()` and `bulk()` operations. */
async function ecdhLab(files, group) {
  const established = arrivals();
  const count = counter();
  const server = createServer(
    {
      protocol: 'tls',
      cert: files.cert,
      key: files.key,
      groups: [group],
      cipherSuites: [TLS_AES_128_GCM_SHA256],
      log: () => {},
    },
    (channel) => {
      established.arrived();
      channel.on('message', (m) => count.add(m.length));
      // The handler returns at once: the server closes a channel when its handler has settled
      // and the peer has ended. A handler that awaited `channel.closed` would keep every
      // finished handshake's connection open until the client's close() gave up on it (2 s),
      // and the server refuses a 33rd open connection from one address (its default
      // maxConnectionsPerAddress), which ended the handshake row with "the connection ended
      // during the handshake".
    },
  );
  const { port } = await server.listen(0, '127.0.0.1');
  const options = {
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    ca: files.ca,
    groups: [group],
    cipherSuites: [TLS_AES_128_GCM_SHA256],
  };
  const bulk = await tlsConnect(options);
  if (bulk.negotiated.group !== group.name) throw new Error('bench: unexpected group');
  cleanups.push(async () => {
    await bulk.close();
    await server.close();
  });
  const piece = new Uint8Array(RECORD).fill(0x61);
  return {
    async handshake() {
      const serverSide = established.next();
      const channel = await tlsConnect(options);
      await serverSide;
      void channel.close();
      return channel;
    },
    async bulk() {
      const target = count.received + BATCH;
      const sends = [];
      for (let sent = 0; sent < BATCH; sent += RECORD) sends.push(bulk.send(piece));
      await Promise.all(sends);
      await count.until(target);
      return piece;
    },
  };
}

/** node:tls server and client for one curve name. */
async function nodeTls(files, curve) {
  const established = arrivals();
  const count = counter();
  const common = {
    minVersion: /** @type {const} */ ('TLSv1.3'),
    maxVersion: /** @type {const} */ ('TLSv1.3'),
    ciphersuites: 'TLS_AES_128_GCM_SHA256',
    ecdhCurve: curve,
  };
  const server = tls.createServer({ ...common, key: files.key, cert: files.cert }, (socket) => {
    established.arrived();
    socket.on('data', (d) => count.add(d.length));
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const options = { ...common, host: '127.0.0.1', port, ca: files.ca, servername: 'localhost' };
  /** @returns {Promise<tls.TLSSocket>} */
  const dial = () =>
    new Promise((resolve, reject) => {
      const socket = tls.connect(options, () => resolve(socket));
      socket.once('error', reject);
    });
  const bulk = await dial();
  bulk.setNoDelay(true);
  if (bulk.getProtocol() !== 'TLSv1.3') throw new Error('bench: node:tls did not use TLS 1.3');
  cleanups.push(async () => {
    bulk.destroy();
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  });
  const piece = Buffer.alloc(RECORD, 0x61);
  return {
    async handshake() {
      const serverSide = established.next();
      const socket = await dial();
      await serverSide;
      socket.on('error', () => {});
      socket.end();
      return socket;
    },
    async bulk() {
      const target = count.received + BATCH;
      const writes = [];
      for (let sent = 0; sent < BATCH; sent += RECORD)
        writes.push(new Promise((resolve) => bulk.write(piece, () => resolve(undefined))));
      await Promise.all(writes);
      await count.until(target);
      return piece;
    },
  };
}

/** Servers, clients and certificates, made on the first call (a TLS row's warm-up), not by --list. */
let sides;
function setup() {
  sides ??= (async () => {
    progress('setting up servers and clients on 127.0.0.1 (certificates from ecdh-lab/x509)');
    const files = certificates();
    return {
      p256: {
        'ecdh-lab': await ecdhLab(files, secp256r1),
        'node:tls': await nodeTls(files, 'P-256'),
      },
      x25519: {
        'ecdh-lab': await ecdhLab(files, x25519Group),
        'node:tls': await nodeTls(files, 'X25519'),
      },
    };
  })();
  return sides;
}

export async function rows() {
  /** @param {string} name @param {'p256' | 'x25519'} group @param {'handshake' | 'bulk'} op */
  const row = (name, group, op) => ({
    group: 'TLS 1.3',
    name,
    ...(op === 'bulk' ? { bytes: BATCH } : {}),
    defer: true,
    contenders: {
      'ecdh-lab': () => setup().then((all) => all[group]['ecdh-lab'][op]()),
      'node:tls': () => setup().then((all) => all[group]['node:tls'][op]()),
    },
  });
  return [
    row(
      'full handshake over loopback, P-256 (secp256r1) key share, both sides',
      'p256',
      'handshake',
    ),
    row('full handshake over loopback, X25519 key share, both sides', 'x25519', 'handshake'),
    row('loopback bulk throughput, 16 KiB records, 1 MiB per op', 'p256', 'bulk'),
  ];
}

export async function teardown() {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}
