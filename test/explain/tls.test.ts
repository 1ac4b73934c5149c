/**
 * src/explain/tls.ts: the traced TLS 1.3 handshake, checked against values recomputed here
 * with node:crypto (SHA-256/384, HMAC, X25519, ECDH P-256, ECDSA), never against the code
 * under test: the annotated fields cover each message exactly, the (EC)DHE secret is the one
 * node:crypto computes from the demo keys, every Derive-Secret is HKDF-Expand-Label (RFC 8446
 * §7.1) of its parent over the transcript hash of the messages shown, the traffic keys and IVs
 * follow (§7.3), both Finished values and the CertificateVerify check out. Also against a real
 * server (node:tls on 127.0.0.1) through a socket transport.
 */
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  renderTls,
  type TlsExplainTransport,
  type TlsHandshakeTrace,
  type TlsStep,
  traceTlsInProcess,
  traceTlsOver,
} from '../../src/explain/tls';
import { toJson } from '../../src/explain/format';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', 'tls', 'fixtures', name), 'utf8');

const hex = (b: Uint8Array | Buffer) => Buffer.from(b).toString('hex');
const demo = (label: string) =>
  crypto.createHash('sha256').update(`ecdh-lab explain tls ${label}`).digest();

/** HKDF-Expand-Label (RFC 8446 §7.1) on node:crypto's HMAC. */
function expandLabel(hash: string, secret: Buffer, label: string, context: Buffer, length: number) {
  const full = Buffer.from(`tls13 ${label}`);
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, full.length]),
    full,
    Buffer.from([context.length]),
    context,
  ]);
  return expand(hash, secret, info, length);
}
/** HKDF-Expand (RFC 5869 §2.3) by hand: node's hkdfSync always extracts first. */
function expand(hash: string, prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = crypto
      .createHmac(hash, prk)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}
const extract = (hash: string, salt: Buffer, ikm: Buffer) =>
  crypto.createHmac(hash, salt).update(ikm).digest();

const of = <K extends TlsStep['kind']>(trace: TlsHandshakeTrace, kind: K) =>
  trace.steps.filter((s): s is Extract<TlsStep, { kind: K }> => s.kind === kind);

/** The transcript hash of the handshake messages shown before `step` (with §4.4.1's message_hash). */
function transcriptBefore(trace: TlsHandshakeTrace, step: TlsStep, hash: string): Buffer {
  const messages = trace.steps
    .slice(0, trace.steps.indexOf(step))
    .flatMap((s) => (s.kind === 'message' ? [Buffer.from(s.message)] : []));
  const retry = trace.steps.some((s) => s.kind === 'message' && s.name === 'HelloRetryRequest');
  if (retry) {
    const digest = crypto.createHash(hash).update(messages[0]).digest();
    messages[0] = Buffer.concat([Buffer.from([254, 0, 0, digest.length]), digest]);
  }
  return crypto.createHash(hash).update(Buffer.concat(messages)).digest();
}

function checkKeySchedule(trace: TlsHandshakeTrace, hash: 'sha256' | 'sha384') {
  const length = hash === 'sha256' ? 32 : 48;
  const secrets = new Map(of(trace, 'secret').map((s) => [s.name, s]));
  const get = (name: string) => Buffer.from(secrets.get(name as never)!.secret);
  const zeros = Buffer.alloc(length);
  const emptyHash = crypto.createHash(hash).digest();
  expect(hex(get('early_secret'))).toBe(hex(extract(hash, zeros, zeros)));
  const [share] = of(trace, 'key_share');
  const derived1 = expandLabel(hash, get('early_secret'), 'derived', emptyHash, length);
  expect(hex(get('handshake_secret'))).toBe(
    hex(extract(hash, derived1, Buffer.from(share.sharedSecret))),
  );
  const derived2 = expandLabel(hash, get('handshake_secret'), 'derived', emptyHash, length);
  expect(hex(get('master_secret'))).toBe(hex(extract(hash, derived2, zeros)));
  const parents: [string, string, string][] = [
    ['client_handshake_traffic_secret', 'handshake_secret', 'c hs traffic'],
    ['server_handshake_traffic_secret', 'handshake_secret', 's hs traffic'],
    ['client_application_traffic_secret_0', 'master_secret', 'c ap traffic'],
    ['server_application_traffic_secret_0', 'master_secret', 's ap traffic'],
    ['exporter_master_secret', 'master_secret', 'exp master'],
    ['resumption_master_secret', 'master_secret', 'res master'],
  ];
  for (const [name, parent, label] of parents) {
    const step = secrets.get(name as never)!;
    const transcript = transcriptBefore(trace, step, hash);
    expect({ name, transcript: hex(step.transcriptHash!) }).toEqual({
      name,
      transcript: hex(transcript),
    });
    expect({ name, secret: hex(step.secret) }).toEqual({
      name,
      secret: hex(expandLabel(hash, get(parent), label, transcript, length)),
    });
    if (step.key !== undefined) {
      const keyLength = hash === 'sha256' ? 16 : 32;
      expect(hex(step.key)).toBe(
        hex(expandLabel(hash, Buffer.from(step.secret), 'key', Buffer.alloc(0), keyLength)),
      );
      expect(hex(step.iv!)).toBe(
        hex(expandLabel(hash, Buffer.from(step.secret), 'iv', Buffer.alloc(0), 12)),
      );
    }
  }
  const finished = of(trace, 'finished');
  expect(finished.map((f) => f.matches)).toEqual([true, true]);
  for (const f of finished) {
    const base = get(f.baseKey);
    const key = expandLabel(hash, base, 'finished', Buffer.alloc(0), length);
    expect(hex(f.verifyData)).toBe(
      hex(
        crypto
          .createHmac(hash, key)
          .update(transcriptBefore(trace, f, hash))
          .digest(),
      ),
    );
  }
}

function checkCertificateVerify(trace: TlsHandshakeTrace) {
  const [cv] = of(trace, 'certificate_verify');
  expect(cv.valid).toBe(true);
  const certificate = of(trace, 'message').find((m) => m.name === 'Certificate')!;
  const verify = of(trace, 'message').find((m) => m.name === 'CertificateVerify')!;
  const message = Buffer.from(certificate.message);
  // msg_type (1) ‖ length (3) ‖ context length (1) = 0 ‖ list length (3) ‖ cert length (3) ‖ DER
  const certLength = message.readUIntBE(8, 3);
  const leaf = new crypto.X509Certificate(message.subarray(11, 11 + certLength));
  const signature = Buffer.from(verify.message).subarray(8);
  const content = Buffer.concat([
    Buffer.alloc(64, 0x20),
    Buffer.from('TLS 1.3, server CertificateVerify\0'),
    Buffer.from(cv.transcriptHash),
  ]);
  expect(hex(cv.content)).toBe(hex(content));
  expect(
    crypto.verify('sha256', content, { key: leaf.publicKey, dsaEncoding: 'der' }, signature),
  ).toBe(true);
}

describe('explain tls, in process', () => {
  const trace = traceTlsInProcess();

  it('runs the whole handshake, one message each way and close_notify', () => {
    expect(trace.failed).toBe(false);
    expect(trace.negotiated).toEqual({
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      group: 'x25519',
      signatureScheme: 'ecdsa_secp256r1_sha256',
      helloRetryRequest: false,
    });
    expect(of(trace, 'message').map((m) => `${m.direction} ${m.name}`)).toEqual([
      'client → server ClientHello',
      'server → client ServerHello',
      'server → client EncryptedExtensions',
      'server → client Certificate',
      'server → client CertificateVerify',
      'server → client Finished',
      'client → server Finished',
    ]);
    expect(of(trace, 'application_data').map((a) => a.text)).toEqual([
      'hello, TLS 1.3',
      'HELLO, TLS 1.3',
    ]);
    expect(of(trace, 'alert').map((a) => `${a.direction} ${a.alert}`)).toEqual([
      'client → server close_notify',
      'server → client close_notify',
    ]);
  });

  it('annotates every byte of every message exactly once, in order', () => {
    for (const m of of(trace, 'message'))
      expect(hex(Buffer.concat(m.fields.map((f) => Buffer.from(f.bytes))))).toBe(hex(m.message));
  });

  it('the x25519 secret is what node:crypto computes from the demo keys', () => {
    const [share] = of(trace, 'key_share');
    const pkcs8 = Buffer.concat([
      Buffer.from('302e020100300506032b656e04220420', 'hex'),
      demo('client x25519 1'),
    ]);
    const privateKey = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const publicKey = crypto.createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), share.serverShare]),
      format: 'der',
      type: 'spki',
    });
    expect(hex(crypto.diffieHellman({ privateKey, publicKey }))).toBe(hex(share.sharedSecret));
  });

  it('every secret, key, IV and Finished value recomputed with node:crypto (SHA-256)', () =>
    checkKeySchedule(trace, 'sha256'));

  it('the CertificateVerify content and signature, checked with node:crypto', () =>
    checkCertificateVerify(trace));

  it('is deterministic, and its text fits in 100 columns', () => {
    const text = renderTls(trace);
    expect(renderTls(traceTlsInProcess())).toEqual(text);
    for (const line of text) expect([...line].length).toBeLessThanOrEqual(100);
    expect(text[1]).toBe(
      'negotiated: TLS_AES_128_GCM_SHA256, x25519, ecdsa_secp256r1_sha256, no HelloRetryRequest',
    );
    expect(JSON.parse(toJson(trace)).steps.length).toBe(trace.steps.length);
  });

  it('--hello-retry with AES-256: a HelloRetryRequest to secp256r1, message_hash in the transcript (SHA-384)', () => {
    const retry = traceTlsInProcess({ helloRetry: true, suite: 'TLS_AES_256_GCM_SHA384' });
    expect(retry.negotiated).toMatchObject({
      cipherSuite: 'TLS_AES_256_GCM_SHA384',
      group: 'secp256r1',
      helloRetryRequest: true,
    });
    expect(
      of(retry, 'message')
        .map((m) => m.name)
        .slice(0, 4),
    ).toEqual(['ClientHello', 'HelloRetryRequest', 'ClientHello', 'ServerHello']);
    const [share] = of(retry, 'key_share');
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(demo('client secp256r1 1'));
    expect(hex(ecdh.computeSecret(Buffer.from(share.serverShare)))).toBe(hex(share.sharedSecret));
    checkKeySchedule(retry, 'sha384');
    checkCertificateVerify(retry);
    for (const line of renderTls(retry)) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('--group secp256r1: a P-256 share at once', () => {
    const p256 = traceTlsInProcess({ group: 'secp256r1' });
    expect(p256.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: false });
    checkKeySchedule(p256, 'sha256');
  });
});

/** A net.Socket as the transport traceTlsOver drives. */
function socketTransport(port: number): Promise<TlsExplainTransport> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: (Uint8Array | undefined)[] = [];
    const waiting: ((c: Uint8Array | undefined) => void)[] = [];
    const push = (c: Uint8Array | undefined) => {
      const w = waiting.shift();
      if (w) w(c);
      else chunks.push(c);
    };
    socket.on('data', (d) => push(new Uint8Array(d)));
    socket.on('close', () => push(undefined));
    socket.on('error', reject);
    socket.on('connect', () =>
      resolve({
        write: (b) => void socket.write(b),
        read: () =>
          chunks.length > 0 ? Promise.resolve(chunks.shift()) : new Promise((r) => waiting.push(r)),
        close: () => void socket.end(),
      }),
    );
  });
}

describe('explain tls against a real server (node:tls on 127.0.0.1)', () => {
  async function traceNode(ca: string) {
    const server = tls.createServer(
      { key: fixture('server.key'), cert: fixture('server.pem'), minVersion: 'TLSv1.3' },
      (socket) => socket.on('error', () => {}),
    );
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const transport = await socketTransport(port);
      return await traceTlsOver(transport, { serverName: 'localhost', ca, peer: `node:${port}` });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("traces node's handshake: x25519, every value recomputed", async () => {
    const trace = await traceNode(fixture('ca.pem'));
    expect(trace.failed).toBe(false);
    expect(trace.negotiated).toMatchObject({ group: 'x25519', helloRetryRequest: false });
    checkCertificateVerify(trace);
    const finished = of(trace, 'finished');
    expect(finished.map((f) => f.matches)).toEqual([true, true]);
    for (const line of renderTls(trace)) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('a server the CA does not vouch for: failed, the last step says unknown_ca', async () => {
    const trace = await traceNode(fixture('other-ca.pem'));
    expect(trace.failed).toBe(true);
    const last = trace.steps[trace.steps.length - 1];
    expect(last.kind).toBe('error');
    expect(of(trace, 'alert').map((a) => a.alert)).toContain('unknown_ca');
  });
});
