/**
 * The TLS transport (src/net/tls-*.ts) on 127.0.0.1, port 0: tlsConnect against
 * createServer({ protocol: 'tls' }), the Duplex under Node's https.request against a node
 * `https` server, node:tls clients against our server and our client against a node:tls
 * server, certificate refusals with their alerts, closure (close_notify both ways, truncation),
 * the shared server's timeouts and caps, and the key log checked against the trace's secrets.
 * Certificates are issued by ecdh-lab's own X.509 builder (./tls-support.ts).
 */
import { createDecipheriv, createHmac } from 'node:crypto';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { bytesToHex, utf8ToBytes } from '../../src/bytes/index';
import { createServer, type SecureServer } from '../../src/net/server';
import type { TlsChannel } from '../../src/net/tls-channel';
import { tlsConnect, tlsStream } from '../../src/net/tls-client';
import { TlsError } from '../../src/tls/alert';
import { TlsServer } from '../../src/tls/server';
import type { TlsTraceEvent } from '../../src/tls/observe';
import { pemServerCredential } from '../../src/net/tls-credentials';
import { listenTls } from '../tls/net-harness';
import { waitFor } from './helpers';
import { makeTlsFiles, type TlsFiles } from './tls-support';

jest.setTimeout(20000);

let files: TlsFiles;
const servers: SecureServer[] = [];
beforeAll(() => {
  files = makeTlsFiles();
});
afterAll(() => files.remove());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function echoTls(
  extra: Record<string, unknown> = {},
): Promise<{ port: number; logs: string[]; server: SecureServer }> {
  const logs: string[] = [];
  const server = createServer(
    { protocol: 'tls', cert: files.cert, key: files.key, log: (l) => logs.push(l), ...extra },
    async (channel) => {
      try {
        for await (const data of channel) await channel.send(data);
      } catch {
        // logged by the server
      }
    },
  );
  servers.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return { port, logs, server };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('tlsConnect ↔ createServer({ protocol: "tls" })', () => {
  it('echoes over TLS 1.3, negotiates, and closes with close_notify both ways', async () => {
    const { port, logs } = await echoTls();
    const channel = await tlsConnect({ host: '127.0.0.1', port, ca: files.ca });
    expect(channel.protocol).toBe('tls');
    expect(channel.negotiated).toMatchObject({
      version: 'TLSv1.3',
      signatureScheme: 0x0403,
    });
    await channel.send(utf8ToBytes('hello over tls'));
    const iterator = channel[Symbol.asyncIterator]();
    expect(text((await iterator.next()).value)).toBe('hello over tls');
    await channel.end(); // close_notify; the server answers with its own and closes
    expect(await channel.closed).toBeUndefined();
    expect(logs).toEqual([]);
  });

  it('sends data larger than a record (split into 2^14-byte records) and reads it back', async () => {
    const { port } = await echoTls();
    const channel = await tlsConnect({ host: 'localhost', port, ca: files.ca });
    const data = new Uint8Array(100_000).map((_, i) => i * 7);
    await channel.send(data);
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const piece of channel) {
      parts.push(piece);
      length += piece.length;
      expect(piece.length).toBeLessThanOrEqual(16384);
      if (length >= data.length) break; // leaving the loop closes the channel
    }
    expect(Buffer.concat(parts).equals(Buffer.from(data))).toBe(true);
    expect(await channel.closed).toBeUndefined();
  });

  it('refuses a server whose chain does not lead to the CA (unknown_ca, and the server hears it)', async () => {
    const { port, logs } = await echoTls();
    const failure = tlsConnect({ host: '127.0.0.1', port, ca: files.otherCa });
    await expect(failure).rejects.toMatchObject({ name: 'TlsError', alert: 'unknown_ca' });
    await waitFor(() => logs.length > 0);
    expect(logs[0]).toMatch(/unknown_ca/);
  });

  it('refuses a certificate for another name (certificate_unknown)', async () => {
    const { port } = await echoTls();
    await expect(
      tlsConnect({ host: '127.0.0.1', port, ca: files.ca, servername: 'example.com' }),
    ).rejects.toMatchObject({ alert: 'certificate_unknown' });
  });

  it('needs a ca (or a verifier), and a server needs cert and key', () => {
    expect(() => tlsConnect({ port: 1 } as never)).rejects.toThrow(/options.ca/);
    expect(() => createServer({ protocol: 'tls', cert: files.cert } as never)).toThrow(
      /cert and options.key/,
    );
    expect(() =>
      createServer({ protocol: 'tls', cert: files.cert, key: makeTlsFiles().key }),
    ).toThrow(/not the private key/);
  });

  it('reports a connection closed without close_notify as truncation', async () => {
    const credential = pemServerCredential(files.cert, files.key);
    const listener = await listenTls(
      () => new TlsServer({ credential }),
      (connection) => {
        connection.ready.then(() => {
          connection.send('partial');
          setTimeout(() => connection.socket.end(), 20); // FIN, no close_notify
        });
      },
    );
    try {
      const channel = await tlsConnect({ host: '127.0.0.1', port: listener.port, ca: files.ca });
      const received: string[] = [];
      channel.on('message', (m: Uint8Array) => received.push(text(m)));
      const error = await channel.closed;
      expect(received).toEqual(['partial']);
      expect(error).toBeInstanceOf(TlsError);
      expect((error as TlsError).origin).toBe('transport');
      expect(error!.message).toMatch(/without close_notify \(truncated\)/);
    } finally {
      await listener.close();
    }
  });
});

describe('the shared server, for TLS', () => {
  it('closes a silent connection at the handshake timeout', async () => {
    const { port, logs } = await echoTls({ handshakeTimeout: 200 });
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.on('close', resolve));
    await waitFor(() => logs.length > 0);
    expect(logs[0]).toMatch(/handshake timeout/);
  });

  it('refuses connections above maxConnections and shuts down cleanly', async () => {
    const { port, logs, server } = await echoTls({ maxConnections: 1 });
    const first = await tlsConnect({ host: '127.0.0.1', port, ca: files.ca });
    await expect(tlsConnect({ host: '127.0.0.1', port, ca: files.ca })).rejects.toBeDefined();
    expect(logs.some((line) => /1 connections already open/.test(line))).toBe(true);
    await server.close();
    expect(await first.closed).toBeUndefined(); // the server sent close_notify first
  });

  it('after its fatal alert the server closes the connection (an empty ClientHello: decode_error)', async () => {
    const { port, logs } = await echoTls();
    const socket = net.connect({ host: '127.0.0.1', port });
    // A handshake record holding a ClientHello with an empty body (RFC 8446 §5.1, §4.1.2).
    socket.write(Buffer.from('16030100040100000' + '0', 'hex'));
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    await new Promise((resolve) => socket.on('end', resolve)); // the server's FIN
    // One plaintext alert record: fatal (2), decode_error (50).
    expect(Buffer.concat(received).toString('hex')).toBe('15030300020232');
    socket.end();
    await waitFor(() => logs.length > 0);
    expect(logs[0]).toMatch(/ClientHello: truncated/);
  });
});

describe('a record trickled in (the frame deadline)', () => {
  it('closes the connection at frameTimeout after the first byte of a record, however bytes trickle', async () => {
    const { port, logs } = await echoTls({ frameTimeout: 400 });
    const raw = net.connect({ host: '127.0.0.1', port });
    const socket = tls.connect({ socket: raw, ca: files.ca, servername: 'localhost' });
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('secureConnect', resolve));
    socket.write('ping');
    await new Promise((resolve) => socket.once('data', resolve)); // an open, working channel
    const started = Date.now();
    // Beneath node's TLS: the header of an application_data record announcing 64 bytes
    // (RFC 8446 §5.2), then one byte every 100 ms.
    raw.write(Buffer.from('1703030040', 'hex'));
    const trickle = setInterval(() => raw.writable && raw.write(Buffer.of(0)), 100);
    await new Promise((resolve) => raw.once('close', resolve));
    clearInterval(trickle);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await waitFor(() => logs.length > 0);
    expect(logs[0]).toMatch(/record not complete within 400 ms/);
  });
});

describe('node:tls and https', () => {
  it('node:tls clients (default options, and ecdhCurve P-256) against our server', async () => {
    const { port } = await echoTls();
    for (const ecdhCurve of [undefined, 'P-256']) {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: files.ca, ecdhCurve });
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      expect(socket.getProtocol()).toBe('TLSv1.3');
      socket.write('ping');
      const reply = await new Promise<string>((resolve) =>
        socket.once('data', (d: Buffer) => resolve(d.toString())),
      );
      expect(reply).toBe('ping');
      socket.end();
      await new Promise((resolve) => socket.on('close', resolve));
    }
  });

  it('our client against a node:tls server', async () => {
    const server = tls.createServer(
      { cert: files.cert, key: files.key, minVersion: 'TLSv1.3' },
      (socket) => socket.on('data', (data) => socket.end(`hello from node:tls, ${data}`)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const channel = await tlsConnect({ host: 'localhost', port, ca: files.ca });
      await channel.send(utf8ToBytes('ecdh-lab'));
      const parts: string[] = [];
      for await (const data of channel) parts.push(text(data));
      expect(parts.join('')).toBe('hello from node:tls, ecdh-lab');
      expect(await channel.closed).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it("runs Node's https.request over the Duplex against a node https server", async () => {
    const server = https.createServer({ cert: files.cert, key: files.key }, (request, response) => {
      let body = '';
      request.on('data', (d) => (body += d));
      request.on('end', () => {
        response.setHeader('content-type', 'text/plain');
        response.end(
          `${request.method} ${request.url} ${body} via ${(request.socket as tls.TLSSocket).getProtocol()}`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    let duplex: ReturnType<typeof tlsStream> | undefined;
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = https.request(
          {
            host: 'localhost',
            port,
            path: '/over/ecdh-lab',
            method: 'POST',
            createConnection: () => {
              duplex = tlsStream({ host: 'localhost', port, ca: files.ca });
              return duplex;
            },
          },
          (response) => {
            let body = '';
            response.on('data', (d) => (body += d));
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        request.on('error', reject);
        request.end('payload');
      });
      expect(answer).toEqual({ status: 200, body: 'POST /over/ecdh-lab payload via TLSv1.3' });
      expect(duplex!.channel.negotiated.version).toBe('TLSv1.3');
    } finally {
      duplex?.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('--keylog: the NSS key log', () => {
  it('has the five TLS 1.3 labels with the client random, matching the secrets the engine derived', async () => {
    const serverLines: string[] = [];
    const { port } = await echoTls({ keyLog: (line: string) => serverLines.push(line) });
    const lines: string[] = [];
    const secrets = new Map<string, string>();
    const clientRandom: string[] = [];
    const channel: TlsChannel = await tlsConnect({
      host: '127.0.0.1',
      port,
      ca: files.ca,
      keyLog: (line) => lines.push(line),
      trace: (event: TlsTraceEvent) => {
        if (event.kind === 'secret') secrets.set(event.name, bytesToHex(event.secret));
        if (event.kind === 'handshake' && event.name === 'client_hello')
          clientRandom.push(bytesToHex(event.message.subarray(6, 38)));
      },
    });
    await channel.close();
    const expected = {
      CLIENT_HANDSHAKE_TRAFFIC_SECRET: 'client_handshake_traffic_secret',
      SERVER_HANDSHAKE_TRAFFIC_SECRET: 'server_handshake_traffic_secret',
      CLIENT_TRAFFIC_SECRET_0: 'client_application_traffic_secret_0',
      SERVER_TRAFFIC_SECRET_0: 'server_application_traffic_secret_0',
      EXPORTER_SECRET: 'exporter_master_secret',
    };
    expect(lines.map((line) => line.split(' ')[0]).sort()).toEqual(Object.keys(expected).sort());
    const hashLength = channel.negotiated.cipherSuite?.endsWith('SHA384') ? 48 : 32;
    for (const line of lines) {
      const [label, random, secret] = line.split(' ');
      expect(random).toBe(clientRandom[0]);
      expect(secret).toMatch(new RegExp(`^[0-9a-f]{${hashLength * 2}}$`));
      expect(secret).toBe(secrets.get(expected[label as keyof typeof expected]));
    }
    await waitFor(() => serverLines.length === 5);
    expect([...serverLines].sort()).toEqual([...lines].sort()); // both ends log the same secrets
  });

  it("its CLIENT_TRAFFIC_SECRET_0 decrypts the client's first application record on the wire (node:crypto)", async () => {
    const { port } = await echoTls();
    // A TCP relay that records what the client sends. Its sockets are destroyed at the end:
    // once the inbound side has closed, pipe() stops reading the outbound one, which then never
    // sees the server's FIN and would stay open, paused, for the rest of the process.
    const sent: Buffer[] = [];
    const relaySockets = new Set<net.Socket>();
    const relay = net.createServer((inbound) => {
      const outbound = net.connect({ host: '127.0.0.1', port });
      inbound.on('data', (d: Buffer) => {
        sent.push(d);
        outbound.write(d);
      });
      outbound.pipe(inbound);
      inbound.on('end', () => outbound.end());
      for (const s of [inbound, outbound]) {
        relaySockets.add(s);
        s.on('close', () => relaySockets.delete(s));
        s.on('error', () => {});
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayPort = (relay.address() as net.AddressInfo).port;
    const lines: string[] = [];
    try {
      const channel = await tlsConnect({
        host: '127.0.0.1',
        port: relayPort,
        ca: files.ca,
        keyLog: (line) => lines.push(line),
      });
      await channel.send(utf8ToBytes('a secret for Wireshark'));
      await channel[Symbol.asyncIterator]().next(); // the echo: our record has gone through
      const suite = channel.negotiated.cipherSuite!;
      await channel.close();
      // The client's records (RFC 8446 §5.1): ClientHello, change_cipher_spec, then protected
      // records (23): its Finished under the handshake key, then application data under
      // client_application_traffic_secret_0, sequence number 0.
      const wire = Buffer.concat(sent);
      const records: Buffer[] = [];
      for (let at = 0; at < wire.length; at += 5 + wire.readUInt16BE(at + 3))
        records.push(wire.subarray(at, at + 5 + wire.readUInt16BE(at + 3)));
      const protectedRecords = records.filter((r) => r[0] === 23);
      const record = protectedRecords[1];
      const secretHex = lines.find((l) => l.startsWith('CLIENT_TRAFFIC_SECRET_0 '))!.split(' ')[2];
      // HKDF-Expand-Label (§7.1) for one hash block, and the traffic key and IV (§7.3).
      const hash = suite.endsWith('SHA384') ? 'sha384' : 'sha256';
      const expandLabel = (secret: Buffer, label: string, length: number) => {
        const full = Buffer.from(`tls13 ${label}`);
        const info = Buffer.concat([Buffer.from([0, length, full.length]), full, Buffer.from([0])]);
        return createHmac(hash, secret)
          .update(Buffer.concat([info, Buffer.from([1])]))
          .digest()
          .subarray(0, length);
      };
      const secret = Buffer.from(secretHex, 'hex');
      const keyLength = suite.includes('AES_256') ? 32 : 16;
      const key = expandLabel(secret, 'key', keyLength);
      const nonce = expandLabel(secret, 'iv', 12); // XOR the sequence number 0: unchanged
      const body = record.subarray(5);
      const decipher = createDecipheriv(
        keyLength === 32 ? 'aes-256-gcm' : 'aes-128-gcm',
        key,
        nonce,
      );
      decipher.setAAD(record.subarray(0, 5));
      decipher.setAuthTag(body.subarray(body.length - 16));
      const inner = Buffer.concat([
        decipher.update(body.subarray(0, body.length - 16)),
        decipher.final(),
      ]);
      // TLSInnerPlaintext: content ‖ ContentType (23, application_data) ‖ zero padding.
      expect(inner.toString('latin1')).toBe('a secret for Wireshark\x17');
    } finally {
      for (const socket of relaySockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  });
});
