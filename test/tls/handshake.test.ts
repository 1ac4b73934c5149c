/**
 * The TLS 1.3 client and server state machines against each other, in memory: full handshakes
 * (with and without HelloRetryRequest, cookie, ALPN, SNI, the middlebox-compatibility records),
 * application data, KeyUpdate, close_notify, truncation, the exporter and the key log.
 * Certificates are the fixtures in ./fixtures; everything runs on ecdh-lab's own primitives
 * (x25519 and P-256 shares, SHA-256/384, ECDSA CertificateVerify, X.509 chain validation).
 */
import { bytesToHex, utf8ToBytes } from '../../src/bytes/index';
import { CryptoError } from '../../src/errors';
import { TlsError } from '../../src/tls/alert';
import { TlsClient, type TlsClientOptions } from '../../src/tls/client';
import { secp256r1, x25519Group } from '../../src/tls/groups';
import type { TlsTraceEvent } from '../../src/tls/observe';
import { CONTENT_TYPE } from '../../src/tls/registry';
import { TlsServer, type TlsServerOptions } from '../../src/tls/server';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 } from '../../src/tls/suites';
import { concat, fixture, fixtureCredential, fixtureVerifier, pump, send } from './support';

const credential = fixtureCredential();
const verifier = fixtureVerifier();

function pair(client: Partial<TlsClientOptions> = {}, server: Partial<TlsServerOptions> = {}) {
  return {
    client: new TlsClient({ serverName: 'localhost', verifier, ...client }),
    server: new TlsServer({ credential, ...server }),
  };
}

function connected(client: Partial<TlsClientOptions> = {}, server: Partial<TlsServerOptions> = {}) {
  const p = pair(client, server);
  const result = pump(p.client, p.server);
  expect([result.clientError, result.serverError]).toEqual([undefined, undefined]);
  expect([p.client.established, p.server.established]).toEqual([true, true]);
  return { ...p, result };
}

/** The content types of a run of records (the outer ones). */
const recordTypes = (frames: Uint8Array[]) => {
  const types: number[] = [];
  const bytes = concat(frames);
  for (let i = 0; i < bytes.length; i += 5 + ((bytes[i + 3] << 8) | bytes[i + 4]))
    types.push(bytes[i]);
  return types;
};

describe('a full handshake', () => {
  it('the defaults: x25519, TLS_AES_128_GCM_SHA256, ecdsa_secp256r1_sha256, no HelloRetryRequest', () => {
    const { client, server, result } = connected();
    for (const side of [client.negotiated, server.negotiated]) {
      expect(side).toMatchObject({
        version: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        group: 'x25519',
        signatureScheme: 0x0403,
        helloRetryRequest: false,
      });
    }
    expect(server.negotiated.serverName).toBe('localhost');
    expect(client.negotiated.peerCertificates).toHaveLength(1);
    // one round trip: ClientHello; ServerHello, CCS, the encrypted flight; CCS, Finished
    expect(recordTypes(result.toServer)).toEqual([22, 20, 23]);
    expect(recordTypes(result.toClient)).toEqual([22, 20, 23]);
    expect(result.toServer[0][2]).toBe(0x01); // legacy_record_version 0x0301 on ClientHello1
  });

  it('secp256r1 when both sides list it alone; the client may be built from a CA alone', () => {
    const { client, server } = connected(
      { groups: [secp256r1], verifier: undefined, ca: fixture('ca.pem') },
      { groups: [secp256r1] },
    );
    expect(client.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: false });
    expect(server.negotiated.group).toBe('secp256r1');
  });

  it('application data both ways, split into 2^14-byte records', () => {
    const { client, server } = connected();
    expect(
      send(client, server, utf8ToBytes('ping')).map((m) => new TextDecoder().decode(m)),
    ).toEqual(['ping']);
    expect(
      send(server, client, utf8ToBytes('pong')).map((m) => new TextDecoder().decode(m)),
    ).toEqual(['pong']);
    const big = new Uint8Array(40000).map((_, i) => i);
    const sealed = client.seal(big);
    expect(recordTypes([sealed])).toEqual([23, 23, 23]);
    const { messages } = server.receive(sealed);
    expect(messages.map((m) => m.length)).toEqual([16384, 16384, 7232]);
    expect(bytesToHex(concat(messages))).toBe(bytesToHex(big));
    expect(server.receive(client.seal(new Uint8Array(0))).messages).toEqual([]); // empty record
  });

  it('accepts records split into single bytes and coalesced flights', () => {
    const { client, server } = pair();
    const clientHello = concat(client.start());
    server.start();
    let toClient: Uint8Array[] = [];
    for (const byte of clientHello) toClient.push(...server.receive(Uint8Array.of(byte)).frames);
    const flight = concat(toClient);
    toClient = [];
    const toServer: Uint8Array[] = [];
    for (const byte of flight) toServer.push(...client.receive(Uint8Array.of(byte)).frames);
    server.receive(concat(toServer));
    expect([client.established, server.established]).toEqual([true, true]);
  });

  it('without middlebox compatibility: empty session id, no change_cipher_spec', () => {
    const { result } = connected({ middleboxCompatibility: false });
    expect(recordTypes(result.toServer)).toEqual([22, 23]);
    expect(recordTypes(result.toClient)).toEqual([22, 23]);
  });

  it('ALPN: the server picks its first protocol the client offers', () => {
    const { client, server } = connected(
      { alpn: ['http/1.1', 'h2'] },
      { alpn: ['h2', 'http/1.1'] },
    );
    expect([client.negotiated.alpn, server.negotiated.alpn]).toEqual(['h2', 'h2']);
    const none = pair({ alpn: ['h2'] }, { alpn: ['http/1.1'] });
    const result = pump(none.client, none.server);
    expect(result.serverError?.alert).toBe('no_application_protocol');
    expect(result.clientError).toMatchObject({ origin: 'peer', alert: 'no_application_protocol' });
    expect(connected({ alpn: ['h2'] }).client.negotiated.alpn).toBeUndefined();
  });

  it('no server_name for an IP address (RFC 6066 §3), the verifier still gets it', () => {
    const { server } = connected({ serverName: '127.0.0.1' });
    expect(server.negotiated.serverName).toBeUndefined();
  });

  it('the exporter (§7.5) agrees on both sides', () => {
    const { client, server } = connected();
    const context = utf8ToBytes('context');
    const a = client.exportKeyingMaterial('EXPERIMENTAL test', context, 32);
    expect(bytesToHex(server.exportKeyingMaterial('EXPERIMENTAL test', context, 32))).toBe(
      bytesToHex(a),
    );
    expect(() => new TlsClient({ verifier }).exportKeyingMaterial('x', context, 32)).toThrow(
      CryptoError,
    );
  });

  it('TLS_AES_256_GCM_SHA384 on the project SHA-384, when both prefer it', () => {
    const suites = [TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256];
    const { client, server } = connected({ cipherSuites: suites }, { cipherSuites: suites });
    expect(client.negotiated.cipherSuite).toBe('TLS_AES_256_GCM_SHA384');
    expect(send(client, server, utf8ToBytes('x'))).toHaveLength(1);
  });
});

describe('HelloRetryRequest', () => {
  it('a client offering no share gets asked for secp256r1 (the transcript restarts from message_hash)', () => {
    const { client, server, result } = connected({ keyShareGroups: [] });
    expect([client.negotiated.helloRetryRequest, server.negotiated.helloRetryRequest]).toEqual([
      true,
      true,
    ]);
    // ClientHello1; HRR + CCS; CCS + ClientHello2 (record version 0x0303); ...; Finished
    expect(recordTypes(result.toClient).slice(0, 2)).toEqual([22, 20]);
    expect(recordTypes(result.toServer)).toEqual([22, 20, 22, 23]);
    const secondHello = result.toServer[2];
    expect([secondHello[0], secondHello[1] * 256 + secondHello[2]]).toEqual([22, 0x0303]);
    expect(send(client, server, utf8ToBytes('after a retry'))).toHaveLength(1);
  });

  it("a client that sends only an x25519 share (a browser's default) is asked for secp256r1", () => {
    const { client, server } = connected(
      {
        groups: [x25519Group, secp256r1],
        keyShareGroups: undefined,
      },
      { groups: [secp256r1] },
    );
    expect(client.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: true });
    expect(server.negotiated.group).toBe('secp256r1');
  });

  it('the server prefers a group the client sent a share for over a retry', () => {
    const x25519 = x25519Group;
    const { client } = connected(
      { groups: [secp256r1, x25519], keyShareGroups: [x25519] },
      { groups: [secp256r1, x25519] },
    );
    expect(client.negotiated).toMatchObject({ group: 'x25519', helloRetryRequest: false });
  });

  it('the cookie is echoed (§4.2.2); a ClientHello2 without it is refused', () => {
    const { client } = connected({ keyShareGroups: [] }, { helloRetryCookie: true });
    expect(client.negotiated.helloRetryRequest).toBe(true);
  });

  it('no group in common: handshake_failure', () => {
    const { client, server } = pair({ groups: [x25519Group] }, { groups: [secp256r1] });
    const result = pump(client, server);
    expect(result.serverError?.alert).toBe('handshake_failure');
    expect(result.clientError).toMatchObject({ origin: 'peer', alert: 'handshake_failure' });
  });
});

describe('after the handshake', () => {
  it('KeyUpdate: sent on request, received, and answered when asked (§4.6.3)', () => {
    const { client, server } = connected();
    const update = client.updateKeys(true);
    const { frames } = server.receive(update);
    expect(recordTypes(frames)).toEqual([23]); // the server's own KeyUpdate
    client.receive(concat(frames));
    expect(send(client, server, utf8ToBytes('a'))).toHaveLength(1);
    expect(send(server, client, utf8ToBytes('b'))).toHaveLength(1);
    server.receive(client.updateKeys(false)); // not requested: no answer
    expect(send(client, server, utf8ToBytes('c'))).toHaveLength(1);
  });

  it('answers several requested updates in one read with a single KeyUpdate', () => {
    const { client, server } = connected();
    const { frames } = server.receive(concat([client.updateKeys(true), client.updateKeys(true)]));
    expect(recordTypes(frames)).toEqual([23]);
    client.receive(concat(frames));
    expect(send(server, client, utf8ToBytes('ok'))).toHaveLength(1);
  });

  it('updates its keys by itself before a key has protected keyUpdateAfterRecords records', () => {
    const { client, server } = connected({ keyUpdateAfterRecords: 3 });
    const events: string[] = [];
    for (let i = 0; i < 7; i++) {
      const sealed = client.seal(Uint8Array.of(i));
      events.push(recordTypes([sealed]).length === 2 ? 'update+data' : 'data');
      expect(server.receive(sealed).messages.map((m) => m[0])).toEqual([i]);
    }
    // records 0, 1, 2 under each key; the fourth would be record 3, so a KeyUpdate (which is
    // record 3) goes first and the data moves to the next key
    expect(events).toEqual(['data', 'data', 'data', 'update+data', 'data', 'data', 'update+data']);
  });

  it('close_notify in both directions; data after close_notify is ignored', () => {
    const { client, server } = connected();
    const data = client.seal(utf8ToBytes('last words'));
    const close = client.close();
    expect(() => client.seal(utf8ToBytes('more'))).toThrow(CryptoError);
    const { messages } = server.receive(concat([data, close]));
    expect(messages).toHaveLength(1);
    expect(server.peerClosed).toBe(true);
    expect(() => server.receiveEnd()).not.toThrow();
    // half-close: the server can still answer, then close
    expect(client.receive(server.seal(utf8ToBytes('reply'))).messages).toHaveLength(1);
    client.receive(server.close());
    expect(client.peerClosed).toBe(true);
    // anything after close_notify is ignored (§6.1), even bytes that would not authenticate
    expect(client.receive(Uint8Array.of(23, 3, 3, 0, 20, ...new Uint8Array(20))).messages).toEqual(
      [],
    );
  });

  it('reports truncation: the stream ended without close_notify', () => {
    const { client, server } = connected();
    server.receive(client.seal(utf8ToBytes('partial')));
    let error: unknown;
    try {
      server.receiveEnd();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TlsError);
    expect(error).toMatchObject({ origin: 'transport', alert: undefined, code: 'PROTOCOL_ERROR' });
    expect((error as Error).message).toMatch(/truncated/);
    const fresh = pair();
    fresh.client.start();
    expect(() => fresh.client.receiveEnd()).toThrow(/during the handshake/);
  });
});

describe('observers', () => {
  it('writes the NSS key log lines, identical on both sides', () => {
    const clientLines: string[] = [];
    const serverLines: string[] = [];
    const { client } = connected(
      { keyLog: (line) => clientLines.push(line) },
      { keyLog: (line) => serverLines.push(line) },
    );
    expect(clientLines.map((l) => l.split(' ')[0])).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
      'EXPORTER_SECRET',
    ]);
    expect(serverLines).toEqual(clientLines);
    expect(clientLines[0]).toMatch(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]{64}$/);
    expect(client.established).toBe(true);
  });

  it('traces every handshake message and secret, in order', () => {
    const events: TlsTraceEvent[] = [];
    connected({ trace: (event) => events.push(event) });
    const messages = events
      .filter((e) => e.kind === 'handshake')
      .map((e) => `${(e as { direction: string }).direction} ${(e as { name: string }).name}`);
    expect(messages).toEqual([
      'sent client_hello',
      'received server_hello',
      'received encrypted_extensions',
      'received certificate',
      'received certificate_verify',
      'received finished',
      'sent finished',
    ]);
    expect(events.filter((e) => e.kind === 'secret')).toHaveLength(9);
    expect(events.filter((e) => e.kind === 'change_cipher_spec')).toHaveLength(2);
  });
});

describe('options', () => {
  it('refuses bad options with TypeError / RangeError', () => {
    expect(() => new TlsClient({} as TlsClientOptions)).toThrow(TypeError);
    expect(() => new TlsClient({ verifier, alpn: [] })).toThrow(TypeError);
    expect(() => new TlsClient({ verifier, alpn: ['x'.repeat(256)] })).toThrow(RangeError);
    expect(() => new TlsClient({ verifier, groups: [] })).toThrow(RangeError);
    expect(() => new TlsClient({ verifier, groups: [secp256r1, secp256r1] })).toThrow(RangeError);
    expect(
      () => new TlsClient({ verifier, groups: [secp256r1], keyShareGroups: [x25519Group] }),
    ).toThrow(RangeError);
    expect(() => new TlsClient({ verifier, random: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => new TlsClient({ verifier, serverName: 'bad name' })).toThrow(TypeError);
    expect(() => new TlsClient({ verifier, keyUpdateAfterRecords: 0 })).toThrow(RangeError);
    expect(() => new TlsServer({} as TlsServerOptions)).toThrow(TypeError);
    expect(() => new TlsServer({ credential: { ...credential, certificateChain: [] } })).toThrow(
      TypeError,
    );
  });

  it('refuses misuse: start twice, receive before start, seal before the handshake', () => {
    const { client, server } = pair();
    expect(() => server.receive(new Uint8Array(1))).toThrow(/before start/);
    expect(() => client.seal(new Uint8Array(1))).toThrow(/not established/);
    client.start();
    expect(() => client.start()).toThrow(/twice/);
    expect(() => client.receive('x' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('a failed connection stays failed', () => {
    const { client } = pair();
    client.start();
    expect(() =>
      client.receive(Uint8Array.of(CONTENT_TYPE.application_data, 3, 3, 0, 1, 0)),
    ).toThrow(TlsError);
    expect(() => client.receive(new Uint8Array(0))).toThrow(/failed/);
  });
});
