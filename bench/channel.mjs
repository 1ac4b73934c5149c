// @ts-check
/**
 * Channel rows.
 *
 * 1. Handshakes per second in memory (no sockets): both sides of Noise NN and XX over P-256
 *    and over 25519, and the tutorial's PEM exchange + ECDH + HKDF. The Noise state machine is
 *    ecdh-lab's in every column; the columns differ in the primitives under it: ecdh-lab's own
 *    (p256Suite, x25519Suite), node:crypto (OpenSSL; X25519 keys as KeyObjects, the peer's
 *    32 bytes imported as SPKI DER), and @noble/curves + ciphers + hashes. The tutorial row's node:crypto
 *    column is the same steps written directly with node:crypto (generateKeyPairSync, SPKI PEM
 *    export and import, diffieHellman, hkdfSync, one AES-GCM record).
 * 2. Channel throughput over loopback (127.0.0.1), one direction, 1 KiB and 64 KiB messages:
 *    ecdh-lab's Noise NN channel (createServer/connect from ecdh-lab/node); the same transport
 *    with node:crypto primitives ('ecdh-lab, node suite'); and node:tls with TLS 1.3
 *    (TLS_AES_256_GCM_SHA384, P-256 key exchange, a self-signed P-256 certificate made at setup
 *    with `openssl req`) as the physical reference. One operation = a 256 KiB batch sent and
 *    fully received by the server. Sender and receiver share this one process (and thread), so
 *    each byte is encrypted and decrypted on the same core. These rows are asynchronous (the
 *    harness's deferred mode).
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { p256 } from '@noble/curves/nist.js';
import { x25519 as nobleX25519 } from '@noble/curves/ed25519.js';
import { gcm } from '@noble/ciphers/aes.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { PrivateKey, CryptoError } from '../dist/esm/index.js';
import {
  NoiseChannel,
  TutorialChannel,
  p256Suite,
  noiseKeyPair,
  x25519Suite,
} from '../dist/esm/noise.js';
import { createServer, connect } from '../dist/esm/node.js';

const nonceOf = (n) => {
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setBigUint64(4, n);
  return nonce;
};

/** @type {import('../dist/esm/noise.js').NoiseSuite} */
const nodeSuite = {
  dhName: 'P256',
  cipherName: 'AESGCM',
  hashName: 'SHA256',
  publicKeyLength: 65,
  dhLength: 32,
  hashLength: 32,
  generateKeyPair() {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    return /** @type {any} */ ({ ecdh, publicKey: new Uint8Array(ecdh.getPublicKey()) });
  },
  readPublicKey(q) {
    if (q.length !== 65 || q[0] !== 4) throw new CryptoError('INVALID_ENCODING', 'bad key');
    crypto.ECDH.convertKey(q, 'prime256v1'); // throws off the curve
    return { publicKey: q };
  },
  dh: (kp, q) => new Uint8Array(/** @type {any} */ (kp).ecdh.computeSecret(q.publicKey)),
  cipher(k) {
    return {
      encrypt(n, ad, pt) {
        const c = crypto.createCipheriv('aes-256-gcm', k, nonceOf(n)).setAAD(ad);
        return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
      },
      decrypt(n, ad, ct) {
        const d = crypto.createDecipheriv('aes-256-gcm', k, nonceOf(n)).setAAD(ad);
        d.setAuthTag(ct.subarray(ct.length - 16));
        try {
          return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
        } catch {
          throw new CryptoError('AUTH_FAILED', 'tag');
        }
      },
    };
  },
  hash: (data) => crypto.createHash('sha256').update(data).digest(),
  hmac: (key, data) => crypto.createHmac('sha256', key).update(data).digest(),
};

/** @type {import('../dist/esm/noise.js').NoiseSuite} */
const nobleSuite = {
  dhName: 'P256',
  cipherName: 'AESGCM',
  hashName: 'SHA256',
  publicKeyLength: 65,
  dhLength: 32,
  hashLength: 32,
  generateKeyPair() {
    const secretKey = p256.utils.randomSecretKey();
    return /** @type {any} */ ({ secretKey, publicKey: p256.getPublicKey(secretKey, false) });
  },
  readPublicKey(q) {
    if (q.length !== 65 || q[0] !== 4) throw new CryptoError('INVALID_ENCODING', 'bad key');
    p256.Point.fromBytes(q).assertValidity();
    return { publicKey: q };
  },
  dh: (kp, q) =>
    p256.getSharedSecret(/** @type {any} */ (kp).secretKey, q.publicKey, true).subarray(1),
  cipher(k) {
    return {
      encrypt: (n, ad, pt) => gcm(k, nonceOf(n), ad).encrypt(pt),
      decrypt: (n, ad, ct) => gcm(k, nonceOf(n), ad).decrypt(ct),
    };
  },
  hash: (data) => nobleSha256(data),
  hmac: (key, data) => nobleHmac(nobleSha256, key, data),
};

const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/** @type {import('../dist/esm/noise.js').NoiseSuite} */
const nodeSuite25519 = {
  ...nodeSuite,
  dhName: '25519',
  publicKeyLength: 32,
  generateKeyPair() {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('x25519');
    const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
    return /** @type {any} */ ({ privateKey, publicKey: raw });
  },
  readPublicKey(q) {
    if (q.length !== 32) throw new CryptoError('INVALID_ENCODING', 'bad key');
    return { publicKey: q };
  },
  dh: (kp, q) =>
    new Uint8Array(
      crypto.diffieHellman({
        privateKey: /** @type {any} */ (kp).privateKey,
        publicKey: crypto.createPublicKey({
          key: Buffer.concat([SPKI_X25519, q.publicKey]),
          format: 'der',
          type: 'spki',
        }),
      }),
    ),
};

/** @type {import('../dist/esm/noise.js').NoiseSuite} */
const nobleSuite25519 = {
  ...nobleSuite,
  dhName: '25519',
  publicKeyLength: 32,
  generateKeyPair() {
    const secretKey = nobleX25519.utils.randomSecretKey();
    return /** @type {any} */ ({ secretKey, publicKey: nobleX25519.getPublicKey(secretKey) });
  },
  readPublicKey(q) {
    if (q.length !== 32) throw new CryptoError('INVALID_ENCODING', 'bad key');
    return { publicKey: q };
  },
  dh: (kp, q) => nobleX25519.getSharedSecret(/** @type {any} */ (kp).secretKey, q.publicKey),
};

/** Runs a whole handshake in memory and returns the initiator's first transport frame. */
function noiseHandshake(suite, pattern, initiatorStatic, responderStatic) {
  const initiator = new NoiseChannel({
    suite,
    pattern,
    initiator: true,
    staticKey: initiatorStatic,
  });
  const responder = new NoiseChannel({
    suite,
    pattern,
    initiator: false,
    staticKey: responderStatic,
  });
  let toResponder = initiator.start();
  let toInitiator = responder.start();
  while (toResponder.length > 0 || toInitiator.length > 0) {
    const next = toResponder.flatMap((f) => responder.receive(f).frames);
    toResponder = toInitiator.flatMap((f) => initiator.receive(f).frames);
    toInitiator = next;
  }
  return initiator.seal(new Uint8Array(1));
}

function tutorialHandshake() {
  const a = new TutorialChannel();
  const b = new TutorialChannel();
  const [pemA] = a.start();
  const [pemB] = b.start();
  a.receive(pemB);
  b.receive(pemA);
  return a.seal(new Uint8Array(1));
}

function nodeTutorialHandshake() {
  const sides = [0, 1].map(() => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  const pems = sides.map((s) => s.publicKey.export({ type: 'spki', format: 'pem' }));
  const keys = sides.map((s, i) => {
    const peer = crypto.createPublicKey(pems[1 - i]);
    const z = crypto.diffieHellman({ privateKey: s.privateKey, publicKey: peer });
    return Buffer.from(crypto.hkdfSync('sha256', z, Buffer.alloc(0), Buffer.alloc(0), 32));
  });
  const nonce = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', keys[0], nonce);
  return Buffer.concat([nonce, c.update(new Uint8Array(1)), c.final(), c.getAuthTag()]);
}

const BATCH = 256 * 1024;
const cleanups = [];

/** A one-way sink: resolves each batch once the server has received BATCH bytes. */
function counter() {
  let received = 0;
  let waiting;
  return {
    add(n) {
      received += n;
      if (waiting && received >= waiting.target) {
        const w = waiting;
        waiting = undefined;
        w.resolve(undefined);
      }
    },
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

async function ecdhLabLoopback(suite) {
  const count = counter();
  const server = createServer(
    { engine: () => new NoiseChannel({ suite, pattern: 'NN', initiator: false }), log: () => {} },
    (channel) => {
      channel.on('message', (m) => count.add(m.length));
    },
  );
  const { port } = await server.listen(0, '127.0.0.1');
  const channel = await connect({
    port,
    engine: () => new NoiseChannel({ suite, pattern: 'NN', initiator: true }),
  });
  cleanups.push(async () => {
    await channel.close();
    await server.close();
  });
  return (message) => async () => {
    const target = count.received + BATCH;
    const sends = [];
    for (let sent = 0; sent < BATCH; sent += message.length) sends.push(channel.send(message));
    await Promise.all(sends);
    await count.until(target);
    return message;
  };
}

async function tlsLoopback() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-bench-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
    ],
    { stdio: 'ignore' },
  );
  const key = fs.readFileSync(path.join(dir, 'key.pem'));
  const cert = fs.readFileSync(path.join(dir, 'cert.pem'));
  fs.rmSync(dir, { recursive: true, force: true });
  const common = {
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
    ciphers: 'TLS_AES_256_GCM_SHA384',
    ecdhCurve: 'P-256',
  };
  const count = counter();
  const server = tls.createServer({ ...common, key, cert }, (socket) =>
    socket.on('data', (d) => count.add(d.length)),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const socket = tls.connect({
    ...common,
    host: '127.0.0.1',
    port,
    ca: cert,
    servername: 'localhost',
  });
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('secureConnect', () => resolve(undefined)));
  const cipher = socket.getCipher();
  if (cipher.standardName !== 'TLS_AES_256_GCM_SHA384' || socket.getProtocol() !== 'TLSv1.3')
    throw new Error(`bench: unexpected TLS parameters ${cipher.standardName}`);
  cleanups.push(async () => {
    socket.destroy();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  });
  return (message) => async () => {
    const target = count.received + BATCH;
    const writes = [];
    for (let sent = 0; sent < BATCH; sent += message.length)
      writes.push(new Promise((resolve) => socket.write(message, () => resolve(undefined))));
    await Promise.all(writes);
    await count.until(target);
    return message;
  };
}

export async function rows() {
  const out = [];
  /** @type {[string, Record<string, any>][]} */
  const curves = [
    ['P256', { 'ecdh-lab': p256Suite, 'node:crypto': nodeSuite, '@noble': nobleSuite }],
    [
      '25519',
      { 'ecdh-lab': x25519Suite, 'node:crypto': nodeSuite25519, '@noble': nobleSuite25519 },
    ],
  ];
  for (const [dhName, suites] of curves) {
    const statics = Object.fromEntries(
      Object.entries(suites).map(([name, suite]) => [
        name,
        name === 'ecdh-lab' && dhName === 'P256'
          ? [noiseKeyPair(PrivateKey.generate()), noiseKeyPair(PrivateKey.generate())]
          : [suite.generateKeyPair(), suite.generateKeyPair()],
      ]),
    );
    for (const pattern of ['NN', 'XX']) {
      const contenders = {};
      for (const [name, suite] of Object.entries(suites)) {
        const [s1, s2] = pattern === 'XX' ? statics[name] : [undefined, undefined];
        contenders[name] = () => noiseHandshake(suite, pattern, s1, s2);
      }
      out.push({
        group: 'channel',
        name: `handshake Noise_${pattern}_${dhName}_AESGCM_SHA256, in memory (both sides)`,
        contenders,
      });
    }
  }
  out.push({
    group: 'channel',
    name: 'handshake tutorial (PEM, ECDH, HKDF), in memory (both sides)',
    contenders: { 'ecdh-lab': tutorialHandshake, 'node:crypto': nodeTutorialHandshake },
  });

  const ours = await ecdhLabLoopback(p256Suite);
  const oursOnNode = await ecdhLabLoopback(nodeSuite);
  const reference = await tlsLoopback();
  for (const [size, label] of [
    [1024, '1 KiB'],
    [65519, '64 KiB (65 519 B, the Noise maximum)'],
  ]) {
    const message = crypto.randomBytes(size);
    out.push({
      group: 'channel',
      name: `loopback throughput, ${label} messages, 256 KiB per op`,
      bytes: BATCH,
      defer: true,
      note: 'Noise NN vs TLS 1.3 AES-256-GCM P-256',
      contenders: {
        'ecdh-lab': ours(message),
        'ecdh-lab, node suite': oursOnNode(message),
        'node:tls': reference(message),
      },
    });
  }
  return out;
}

/** Closes the loopback connections and servers (called by run.mjs after the rows). */
export async function teardown() {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}
