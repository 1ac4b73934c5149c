/**
 * What the TLS server refuses (RFC 8446 §4.1.2, §4.2, §9.2), and what both sides refuse at the
 * record and alert layers (§5, §6): crafted ClientHellos through the client's test-only
 * `editClientHello` hook, crafted records by hand.
 */
import { concatBytes } from '../../src/bytes/index';
import { ALERT, TlsError } from '../../src/tls/alert';
import { TlsClient, type TlsClientOptions } from '../../src/tls/client';
import { clientKeyShares, type Extension, extension } from '../../src/tls/extensions';
import { handshakeMessage } from '../../src/tls/handshake-buffer';
import { type ClientHelloFields, encodeClientHello } from '../../src/tls/hello';
import { encodeCertificateRequest } from '../../src/tls/messages';
import { vector8, vector16 } from '../../src/tls/wire';
import { trafficKeys } from '../../src/tls/key-schedule';
import { plaintextRecord, RecordProtection } from '../../src/tls/record';
import { TlsServer, type TlsServerOptions } from '../../src/tls/server';
import { TLS_AES_128_GCM_SHA256 } from '../../src/tls/suites';
import { secp256r1, x25519Group } from '../../src/tls/groups';
import {
  concat,
  fixtureCredential,
  fixtureVerifier,
  hex,
  pump,
  type PumpResult,
  send,
} from './support';

const credential = fixtureCredential();
const verifier = fixtureVerifier();

/** Both sides on secp256r1 alone unless a test says otherwise: the crafted messages below are P-256 ones. */
function run(client: Partial<TlsClientOptions> = {}, server: Partial<TlsServerOptions> = {}) {
  const c = new TlsClient({ serverName: 'localhost', verifier, groups: [secp256r1], ...client });
  const s = new TlsServer({ credential, groups: [secp256r1], ...server });
  return { result: pump(c, s), client: c, server: s };
}

function expectRefusal(result: PumpResult, side: 'client' | 'server', alert: string) {
  const mine = side === 'client' ? result.clientError : result.serverError;
  const theirs = side === 'client' ? result.serverError : result.clientError;
  expect({ origin: mine?.origin, alert: mine?.alert }).toEqual({ origin: 'local', alert });
  expect({ origin: theirs?.origin, alert: theirs?.alert }).toEqual({ origin: 'peer', alert });
}

/** A ClientHello edit applied to the given attempt (1 or 2). */
const hello =
  (attempt: 1 | 2, change: (h: ClientHelloFields) => ClientHelloFields) =>
  (h: ClientHelloFields, n: 1 | 2) =>
    n === attempt ? change(h) : h;
const without = (type: number) =>
  hello(1, (h) => ({ ...h, extensions: h.extensions.filter((e) => e.type !== type) }));
const replacing = (attempt: 1 | 2, type: number, data: Uint8Array) =>
  hello(attempt, (h) => ({
    ...h,
    extensions: h.extensions.map((e) => (e.type === type ? extension(type, data) : e)),
  }));
const adding = (attempt: 1 | 2, ...added: Extension[]) =>
  hello(attempt, (h) => ({ ...h, extensions: [...h.extensions, ...added] }));

describe('the server refuses a ClientHello', () => {
  it('without TLS 1.3: protocol_version', () => {
    expectRefusal(run({ editClientHello: without(43) }).result, 'server', 'protocol_version');
    expectRefusal(
      run({ editClientHello: replacing(1, 43, hex('020303')) }).result,
      'server',
      'protocol_version',
    );
  });

  it('with compression: illegal_parameter', () => {
    const compression = hello(1, (h) => ({ ...h, legacyCompressionMethods: hex('0001') }));
    expectRefusal(run({ editClientHello: compression }).result, 'server', 'illegal_parameter');
  });

  it('with no suite, scheme or group in common: handshake_failure', () => {
    expectRefusal(
      run({ editClientHello: hello(1, (h) => ({ ...h, cipherSuites: [0x1303] })) }).result,
      'server',
      'handshake_failure',
    );
    expectRefusal(run({ signatureSchemes: [0x0804] }).result, 'server', 'handshake_failure');
    expectRefusal(
      run({ groups: [x25519Group] }, { groups: [secp256r1] }).result,
      'server',
      'handshake_failure',
    );
  });

  it('without signature_algorithms, supported_groups or key_share: missing_extension', () => {
    for (const type of [13, 10, 51])
      expectRefusal(run({ editClientHello: without(type) }).result, 'server', 'missing_extension');
  });

  it('with a share for a group not in supported_groups, or an invalid share: illegal_parameter', () => {
    const x25519Share = clientKeyShares.encode([
      { group: 0x1d, keyExchange: new Uint8Array(32).fill(9) },
    ]);
    expectRefusal(
      run({ editClientHello: replacing(1, 51, x25519Share) }).result,
      'server',
      'illegal_parameter',
    );
    const offCurve = new Uint8Array(65).fill(3);
    offCurve[0] = 4;
    const bad = clientKeyShares.encode([{ group: 0x17, keyExchange: offCurve }]);
    expectRefusal(
      run({ editClientHello: replacing(1, 51, bad) }).result,
      'server',
      'illegal_parameter',
    );
    const compressed = clientKeyShares.encode([
      { group: 0x17, keyExchange: new Uint8Array(33).fill(2) },
    ]);
    expectRefusal(
      run({ editClientHello: replacing(1, 51, compressed) }).result,
      'server',
      'illegal_parameter',
    );
  });

  it('with a misplaced or duplicated extension: illegal_parameter; an unknown one is ignored', () => {
    // Our client will not send such a ClientHello, so it is written by hand.
    let sent: ClientHelloFields | undefined;
    new TlsClient({ verifier, editClientHello: (h) => (sent = h) }).start();
    for (const extensions of [
      [...sent!.extensions, extension(48, hex(''))], // oid_filters belongs in CertificateRequest
      [...sent!.extensions, sent!.extensions[0]],
    ]) {
      const server = new TlsServer({ credential });
      server.start();
      const record = plaintextRecord(
        22,
        handshakeMessage(1, encodeClientHello({ ...sent!, extensions })),
      );
      const error = (() => {
        try {
          server.receive(record);
        } catch (e) {
          return e as TlsError;
        }
      })();
      expect(error?.alert).toBe('illegal_parameter');
    }
    expect(
      run({ editClientHello: adding(1, extension(0xfafa, hex('00'))) }).result.serverError,
    ).toBeUndefined();
  });
});

describe('the server checks ClientHello2 against ClientHello1 (§4.1.2)', () => {
  const retry = { keyShareGroups: [] };
  it('a different random, an extra extension, or a changed one: illegal_parameter', () => {
    const random = hello(2, (h) => ({ ...h, random: new Uint8Array(32) }));
    expectRefusal(run({ ...retry, editClientHello: random }).result, 'server', 'illegal_parameter');
    expectRefusal(
      run({ ...retry, editClientHello: adding(2, extension(0xfafa, hex(''))) }).result,
      'server',
      'illegal_parameter',
    );
    expectRefusal(
      run({ ...retry, editClientHello: replacing(2, 13, hex('00020804')) }).result,
      'server',
      'illegal_parameter',
    );
  });

  it('no share, two shares, or a share for another group: illegal_parameter', () => {
    expectRefusal(
      run({ ...retry, editClientHello: replacing(2, 51, hex('0000')) }).result,
      'server',
      'illegal_parameter',
    );
    const edit = (h: ClientHelloFields, n: 1 | 2) => {
      if (n === 1) return h;
      const data = h.extensions.find((e) => e.type === 51)!.data;
      const [share] = clientKeyShares.parse(data);
      const twice = clientKeyShares.encode([
        share,
        { group: 0x1d, keyExchange: new Uint8Array(32).fill(1) },
      ]);
      return {
        ...h,
        extensions: h.extensions.map((e) => (e.type === 51 ? extension(51, twice) : e)),
      };
    };
    expectRefusal(run({ ...retry, editClientHello: edit }).result, 'server', 'illegal_parameter');
  });

  it('a dropped or changed cookie, or early_data after the retry: illegal_parameter', () => {
    const cookie = { helloRetryCookie: true };
    const dropped = hello(2, (h) => ({
      ...h,
      extensions: h.extensions.filter((e) => e.type !== 44),
    }));
    expectRefusal(
      run({ ...retry, editClientHello: dropped }, cookie).result,
      'server',
      'illegal_parameter',
    );
    expectRefusal(
      run({ ...retry, editClientHello: replacing(2, 44, hex('0001ff')) }, cookie).result,
      'server',
      'illegal_parameter',
    );
    expectRefusal(
      run({ ...retry, editClientHello: adding(2, extension(44, hex('0001ff'))) }).result,
      'server',
      'illegal_parameter',
    );
    expectRefusal(
      run({ ...retry, editClientHello: adding(2, extension(42, hex(''))) }).result,
      'server',
      'illegal_parameter',
    );
  });

  it('padding may change', () => {
    const padding = (h: ClientHelloFields, n: 1 | 2) => ({
      ...h,
      extensions: [
        ...h.extensions.filter((e) => e.type !== 21),
        extension(21, new Uint8Array(n * 10)),
      ],
    });
    expect(run({ ...retry, editClientHello: padding }).server.established).toBe(true);
  });
});

describe('0-RTT data the server did not accept is skipped (§4.2.10)', () => {
  const garbage = concatBytes(hex('1703030020'), new Uint8Array(32).fill(0xee));
  const earlyData = adding(1, extension(42, hex('')));

  it('records that do not decrypt under the handshake key, before the client Finished', () => {
    let appended = false;
    const c = new TlsClient({ serverName: 'localhost', verifier, editClientHello: earlyData });
    const s = new TlsServer({ credential });
    const result = pump(c, s, {
      wire: (direction, bytes) => {
        if (direction !== 'toServer' || appended || bytes[0] !== 20) return bytes;
        appended = true;
        return concatBytes(bytes, garbage, garbage); // after the CCS, before the Finished
      },
    });
    expect([appended, result.serverError, s.established]).toEqual([true, undefined, true]);
  });

  it('application data records before ClientHello2 after a retry', () => {
    let appended = false;
    const c = new TlsClient({
      serverName: 'localhost',
      verifier,
      keyShareGroups: [],
      editClientHello: earlyData,
    });
    const s = new TlsServer({ credential });
    const result = pump(c, s, {
      wire: (direction, bytes) => {
        if (direction !== 'toServer' || appended) return bytes;
        appended = true;
        return concatBytes(bytes, garbage); // right after ClientHello1
      },
    });
    expect([result.serverError, s.established, s.negotiated.helloRetryRequest]).toEqual([
      undefined,
      true,
      true,
    ]);
  });

  it('without early_data offered, the same record is bad_record_mac', () => {
    let appended = false;
    const c = new TlsClient({ serverName: 'localhost', verifier });
    const s = new TlsServer({ credential });
    const result = pump(c, s, {
      wire: (direction, bytes) => {
        if (direction !== 'toServer' || appended || bytes[0] !== 20) return bytes;
        appended = true;
        return concatBytes(bytes, garbage);
      },
    });
    expect(result.serverError?.alert).toBe('bad_record_mac');
  });
});

describe('records', () => {
  /** A connected pair, plus the keys each side writes with (from the key log). */
  function connected() {
    const secrets = new Map<string, Uint8Array>();
    const keyLog = (line: string) => {
      const [label, , secret] = line.split(' ');
      secrets.set(label, hex(secret));
    };
    const { client, server, result } = run({ keyLog });
    expect(result.serverError).toBeUndefined();
    const writer = (label: string, sequence = 0) => {
      const { key, iv } = trafficKeys(TLS_AES_128_GCM_SHA256.hash, secrets.get(label)!, 16, 12);
      const protection = new RecordProtection(TLS_AES_128_GCM_SHA256, key, iv);
      for (let i = 0; i < sequence; i++) protection.seal(23, new Uint8Array(0));
      return protection;
    };
    return { client, server, writer };
  }

  const refuses = (fn: () => unknown, alert: string, origin = 'local') => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(TlsError);
      expect({ alert: (error as TlsError).alert, origin: (error as TlsError).origin }).toEqual({
        alert,
        origin,
      });
      return error as TlsError;
    }
    throw new Error('expected a refusal');
  };

  it('a tampered record: bad_record_mac, and the peer is told', () => {
    const { client, server } = connected();
    const record = client.seal(hex('00010203'));
    record[record.length - 1] ^= 1;
    const error = refuses(() => server.receive(record), 'bad_record_mac');
    refuses(() => client.receive(error.alertRecord!), 'bad_record_mac', 'peer');
  });

  it('a tampered transcript: a ClientHello changed in flight leaves the two sides with different keys', () => {
    const c = new TlsClient({ serverName: 'localhost', verifier });
    const s = new TlsServer({ credential });
    let changed = false;
    const result = pump(c, s, {
      wire: (direction, bytes) => {
        if (direction !== 'toServer' || changed) return bytes;
        changed = true;
        const copy = bytes.slice();
        copy[5 + 4 + 2 + 31] ^= 1; // the last byte of ClientHello.random
        return copy;
      },
    });
    expect(result.clientError).toMatchObject({ origin: 'local', alert: 'bad_record_mac' });
    expect(result.serverError?.alert).toBe('bad_record_mac'); // the client's alert does not open either
    expect([c.established, s.established]).toEqual([false, false]);
  });

  it('application data before the handshake: unexpected_message', () => {
    const client = new TlsClient({ verifier });
    client.start();
    refuses(() => client.receive(hex('170303000500000000ff')), 'unexpected_message');
  });

  it('change_cipher_spec: refused when not 0x01, before the ClientHello, protected, or after the handshake', () => {
    const server = new TlsServer({ credential });
    server.start();
    refuses(() => server.receive(plaintextRecord(20, hex('01'))), 'unexpected_message');
    const client = new TlsClient({ verifier });
    client.start();
    refuses(() => client.receive(plaintextRecord(20, hex('02'))), 'unexpected_message');
    const pair = connected();
    refuses(() => pair.server.receive(plaintextRecord(20, hex('01'))), 'unexpected_message');
    const other = connected();
    const protectedCcs = other.writer('CLIENT_TRAFFIC_SECRET_0').seal(20, hex('01'));
    refuses(() => other.server.receive(protectedCcs), 'unexpected_message');
  });

  it('more than 16 records in a row without data: unexpected_message', () => {
    const { client, server } = connected();
    for (let i = 0; i < 16; i++) server.receive(client.seal(new Uint8Array(0)));
    send(client, server, hex('01')); // data resets the count
    for (let i = 0; i < 16; i++) server.receive(client.seal(new Uint8Array(0)));
    refuses(() => server.receive(client.seal(new Uint8Array(0))), 'unexpected_message');
  });

  it('an unknown content type, a zero-length handshake or alert record: unexpected_message', () => {
    const { server, writer } = connected();
    refuses(
      () => server.receive(writer('CLIENT_TRAFFIC_SECRET_0').seal(0x19, hex('00'))),
      'unexpected_message',
    );
    const b = connected();
    refuses(
      () => b.server.receive(b.writer('CLIENT_TRAFFIC_SECRET_0').seal(22, new Uint8Array(0))),
      'unexpected_message',
    );
    const c = connected();
    refuses(
      () => c.server.receive(c.writer('CLIENT_TRAFFIC_SECRET_0').seal(21, new Uint8Array(0))),
      'unexpected_message',
    );
  });

  it('a plaintext handshake record once keys are in use: unexpected_message', () => {
    const { server } = connected();
    refuses(() => server.receive(plaintextRecord(22, hex('14000000'))), 'unexpected_message');
  });

  it('a handshake message interleaved with another record type, or across a key change: unexpected_message', () => {
    const { server, writer } = connected();
    const keys = writer('CLIENT_TRAFFIC_SECRET_0');
    server.receive(keys.seal(22, hex('1800'))); // half a KeyUpdate
    refuses(() => server.receive(keys.seal(23, hex('00'))), 'unexpected_message');
    const b = connected();
    const keyUpdateThenMore = concatBytes(hex('1800000100'), hex('18'));
    refuses(
      () => b.server.receive(b.writer('CLIENT_TRAFFIC_SECRET_0').seal(22, keyUpdateThenMore)),
      'unexpected_message',
    );
  });

  it('a post-handshake message the peer may not send: unexpected_message', () => {
    const { server, writer } = connected();
    const ticket = handshakeMessage(
      4,
      concatBytes(hex('0000001e00000000'), vector8(), vector16(hex('01')), vector16()),
    );
    refuses(
      () => server.receive(writer('CLIENT_TRAFFIC_SECRET_0').seal(22, ticket)),
      'unexpected_message',
    );
    const b = connected(); // a CertificateRequest after the handshake: we never offered post_handshake_auth
    const request = handshakeMessage(
      13,
      encodeCertificateRequest(hex('01'), [extension(13, hex('00020403'))]),
    );
    refuses(
      () => b.client.receive(b.writer('SERVER_TRAFFIC_SECRET_0').seal(22, request)),
      'unexpected_message',
    );
  });

  it("alerts: a fatal one ends the connection as the peer's, an unknown one too, a malformed one is decode_error", () => {
    const { client, writer } = connected();
    const keys = writer('SERVER_TRAFFIC_SECRET_0');
    const error = refuses(
      () => client.receive(keys.seal(21, Uint8Array.of(2, ALERT.internal_error))),
      'internal_error',
      'peer',
    );
    expect(error.alertRecord).toBeUndefined(); // no alert is sent back
    const b = connected();
    const unknown = refuses(
      () => b.client.receive(b.writer('SERVER_TRAFFIC_SECRET_0').seal(21, hex('02c8'))),
      undefined as unknown as string,
      'peer',
    );
    expect([unknown.alertCode, unknown.message]).toEqual([
      200,
      'tls: the peer sent a fatal alert: unknown(200)',
    ]);
    const c = connected();
    refuses(
      () => c.client.receive(c.writer('SERVER_TRAFFIC_SECRET_0').seal(21, hex('010000'))),
      'decode_error',
    );
  });

  it('user_canceled is followed by close_notify; close_notify during the handshake is a failure', () => {
    const { client, writer } = connected();
    const keys = writer('SERVER_TRAFFIC_SECRET_0');
    client.receive(concat([keys.seal(21, hex('015a')), keys.seal(21, hex('0100'))]));
    expect(client.peerClosed).toBe(true);
    const fresh = new TlsClient({ verifier });
    fresh.start();
    refuses(() => fresh.receive(plaintextRecord(21, hex('0100'))), 'close_notify', 'peer');
  });
});
