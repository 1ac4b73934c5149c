/**
 * What the TLS client refuses, and the alert the server then receives (RFC 8446 §4.1.3,
 * §4.1.4, §4.2, §4.4). A misbehaving server is played by our server with the test-only
 * `editHandshakeMessage` hook: it rewrites its own messages before they enter its transcript,
 * so only the property under test is wrong.
 */
import { concatBytes } from '../../src/bytes/index';
import { TlsError } from '../../src/tls/alert';
import { TlsClient, type TlsClientOptions } from '../../src/tls/client';
import {
  encodeExtensions,
  extension,
  selectedGroup,
  serverKeyShare,
} from '../../src/tls/extensions';
import { secp256r1, x25519Group } from '../../src/tls/groups';
import { handshakeMessage } from '../../src/tls/handshake-buffer';
import { encodeServerHello, parseServerHello, type ServerHelloFields } from '../../src/tls/hello';
import {
  encodeCertificate,
  encodeCertificateRequest,
  encodeCertificateVerify,
  parseCertificateVerify,
} from '../../src/tls/messages';
import type { TlsTraceEvent } from '../../src/tls/observe';
import { HELLO_RETRY_REQUEST_RANDOM } from '../../src/tls/registry';
import { TlsServer, type TlsServerOptions } from '../../src/tls/server';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 } from '../../src/tls/suites';
import { fixture, fixtureCredential, fixtureVerifier, hex, pump, type PumpResult } from './support';
import { ecdsaCredential } from '../../src/tls/credential';
import { x509Verifier } from '../../src/tls/verifier';

const credential = fixtureCredential();
const verifier = fixtureVerifier();

type Edit = (message: Uint8Array) => Uint8Array[];

/** Both sides on secp256r1 alone unless a test says otherwise: the crafted messages below are P-256 ones. */
function run(client: Partial<TlsClientOptions> = {}, server: Partial<TlsServerOptions> = {}) {
  const c = new TlsClient({ serverName: 'localhost', verifier, groups: [secp256r1], ...client });
  const s = new TlsServer({ credential, groups: [secp256r1], ...server });
  return { result: pump(c, s), client: c, server: s };
}

/** Asserts that `side` refused with `alert` and that the other side received that alert. */
function expectRefusal(result: PumpResult, side: 'client' | 'server', alert: string) {
  const mine = side === 'client' ? result.clientError : result.serverError;
  const theirs = side === 'client' ? result.serverError : result.clientError;
  expect(mine).toBeInstanceOf(TlsError);
  expect({ origin: mine?.origin, alert: mine?.alert }).toEqual({ origin: 'local', alert });
  expect(mine?.alertRecord).toBeInstanceOf(Uint8Array);
  expect({ origin: theirs?.origin, alert: theirs?.alert }).toEqual({ origin: 'peer', alert });
}

/** An edit of the messages of one handshake type; others pass unchanged. */
const onType =
  (type: number, change: (message: Uint8Array) => Uint8Array[]): Edit =>
  (message) =>
    message[0] === type ? change(message) : [message];

/** Rewrites the (first, or every) ServerHello's fields. */
const editServerHello = (
  change: (hello: ServerHelloFields) => ServerHelloFields,
  every = false,
) => {
  let done = false;
  return onType(2, (message) => {
    if (done && !every) return [message];
    done = true;
    return [handshakeMessage(2, encodeServerHello(change(parseServerHello(message.subarray(4)))))];
  });
};

const replaceExtension = (hello: ServerHelloFields, type: number, data: Uint8Array) => ({
  ...hello,
  extensions: hello.extensions.map((e) => (e.type === type ? extension(type, data) : e)),
});

describe('the client refuses a ServerHello', () => {
  it('that picks a cipher suite it did not offer: illegal_parameter', () => {
    const { result } = run(
      { cipherSuites: [TLS_AES_128_GCM_SHA256] },
      { editHandshakeMessage: editServerHello((h) => ({ ...h, cipherSuite: 0x1302 })) },
    );
    expectRefusal(result, 'client', 'illegal_parameter');
    expect(result.clientError?.message).toMatch(/cipher suite we did not offer/);
  });

  it('that picks a group it did not offer: illegal_parameter', () => {
    const share = serverKeyShare.encode({ group: 0x001d, keyExchange: new Uint8Array(32).fill(9) });
    const { result } = run(
      {},
      { editHandshakeMessage: editServerHello((h) => replaceExtension(h, 51, share)) },
    );
    expectRefusal(result, 'client', 'illegal_parameter');
    expect(result.clientError?.message).toMatch(/group we did not send/);
  });

  it('with an invalid key share (a point not on the curve): illegal_parameter', () => {
    const point = new Uint8Array(65).fill(1);
    point[0] = 4;
    const share = serverKeyShare.encode({ group: 0x0017, keyExchange: point });
    const { result } = run(
      {},
      { editHandshakeMessage: editServerHello((h) => replaceExtension(h, 51, share)) },
    );
    expectRefusal(result, 'client', 'illegal_parameter');
  });

  it('that selects TLS 1.2 in supported_versions: illegal_parameter', () => {
    const { result } = run(
      {},
      { editHandshakeMessage: editServerHello((h) => replaceExtension(h, 43, hex('0303'))) },
    );
    expectRefusal(result, 'client', 'illegal_parameter');
  });

  it('from TLS 1.2 with the downgrade sentinel (§4.1.3): illegal_parameter; without: protocol_version', () => {
    const tls12 = (sentinel: string) =>
      editServerHello((h) => ({
        ...h,
        random: concatBytes(h.random.subarray(0, 24), hex(sentinel)),
        extensions: [extension(0xff01, hex('00'))],
      }));
    for (const sentinel of ['444f574e47524401', '444f574e47524400']) {
      const { result } = run({}, { editHandshakeMessage: tls12(sentinel) });
      expectRefusal(result, 'client', 'illegal_parameter');
      expect(result.clientError?.message).toMatch(/downgrade sentinel/);
    }
    expectRefusal(
      run({}, { editHandshakeMessage: tls12('0000000000000000') }).result,
      'client',
      'protocol_version',
    );
  });

  it('that does not echo legacy_session_id, or selects compression: illegal_parameter', () => {
    const echo = editServerHello((h) => ({ ...h, legacySessionIdEcho: new Uint8Array(32) }));
    expectRefusal(run({}, { editHandshakeMessage: echo }).result, 'client', 'illegal_parameter');
    const compression = editServerHello((h) => ({ ...h, legacyCompressionMethod: 1 }));
    expectRefusal(
      run({}, { editHandshakeMessage: compression }).result,
      'client',
      'illegal_parameter',
    );
  });

  it('without key_share: missing_extension; with an extension not offered: unsupported_extension', () => {
    const noShare = editServerHello((h) => ({
      ...h,
      extensions: h.extensions.filter((e) => e.type !== 51),
    }));
    expectRefusal(run({}, { editHandshakeMessage: noShare }).result, 'client', 'missing_extension');
    const extra = editServerHello((h) => ({
      ...h,
      extensions: [...h.extensions, extension(0xfafa, hex(''))],
    }));
    expectRefusal(
      run({}, { editHandshakeMessage: extra }).result,
      'client',
      'unsupported_extension',
    );
    const cookie = editServerHello((h) => ({
      ...h,
      extensions: [...h.extensions, extension(44, hex('0001ff'))],
    }));
    expectRefusal(run({}, { editHandshakeMessage: cookie }).result, 'client', 'illegal_parameter');
  });
});

describe('the client refuses a HelloRetryRequest', () => {
  const asRetry = (hello: ServerHelloFields, group: number): ServerHelloFields => ({
    ...hello,
    random: HELLO_RETRY_REQUEST_RANDOM,
    extensions: [extension(43, hex('0304')), extension(51, selectedGroup.encode(group))],
  });

  it('that selects a group the client did not offer: illegal_parameter', () => {
    const edit = editServerHello((h) => replaceExtension(h, 51, selectedGroup.encode(0x001d)));
    expectRefusal(
      run({ keyShareGroups: [] }, { editHandshakeMessage: edit }).result,
      'client',
      'illegal_parameter',
    );
  });

  it('that selects a group the client already sent a share for: illegal_parameter', () => {
    const edit = editServerHello((h) => asRetry(h, 0x0017));
    const { result } = run({}, { editHandshakeMessage: edit });
    expectRefusal(result, 'client', 'illegal_parameter');
    expect(result.clientError?.message).toMatch(/sent a share for/);
  });

  it('that would not change the ClientHello: illegal_parameter', () => {
    const edit = editServerHello((h) => ({
      ...h,
      extensions: h.extensions.filter((e) => e.type === 43),
    }));
    expectRefusal(
      run({ keyShareGroups: [] }, { editHandshakeMessage: edit }).result,
      'client',
      'illegal_parameter',
    );
  });

  it('a second HelloRetryRequest: unexpected_message', () => {
    let hellos = 0; // the first is the real HelloRetryRequest, the second becomes another
    const edit = editServerHello((h) => (++hellos === 2 ? asRetry(h, 0x001d) : h), true);
    const x25519 = x25519Group;
    const { result } = run(
      { groups: [secp256r1, x25519], keyShareGroups: [] },
      { editHandshakeMessage: edit },
    );
    expectRefusal(result, 'client', 'unexpected_message');
  });

  it('a ServerHello after it that changes the suite or the group: illegal_parameter', () => {
    const suites = [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384];
    let count = 0;
    const suite = onType(2, (m) =>
      ++count === 2
        ? [
            handshakeMessage(
              2,
              encodeServerHello({ ...parseServerHello(m.subarray(4)), cipherSuite: 0x1302 }),
            ),
          ]
        : [m],
    );
    const changed = run(
      { keyShareGroups: [], cipherSuites: suites },
      { cipherSuites: suites, editHandshakeMessage: suite },
    );
    expectRefusal(changed.result, 'client', 'illegal_parameter');
    expect(changed.result.clientError?.message).toMatch(/changed the HelloRetryRequest suite/);
    let seen = 0;
    const x25519 = x25519Group;
    const group = onType(2, (m) => {
      if (++seen !== 2) return [m];
      const share = serverKeyShare.encode({
        group: 0x001d,
        keyExchange: x25519.generateKeyPair().keyExchange,
      });
      return [
        handshakeMessage(
          2,
          encodeServerHello(replaceExtension(parseServerHello(m.subarray(4)), 51, share)),
        ),
      ];
    });
    const regrouped = run(
      { groups: [x25519, secp256r1], keyShareGroups: [] },
      { editHandshakeMessage: group },
    );
    expectRefusal(regrouped.result, 'client', 'illegal_parameter');
  });
});

describe('the client refuses the encrypted flight', () => {
  const EE = 8;
  it('EncryptedExtensions with an extension it did not offer: unsupported_extension', () => {
    const edit = onType(EE, () => [
      handshakeMessage(EE, encodeExtensions([extension(0xfafa, hex(''))])),
    ]);
    expectRefusal(
      run({}, { editHandshakeMessage: edit }).result,
      'client',
      'unsupported_extension',
    );
    const alpn = onType(EE, () => [
      handshakeMessage(EE, encodeExtensions([extension(16, hex('0003026832'))])),
    ]);
    expectRefusal(
      run({}, { editHandshakeMessage: alpn }).result,
      'client',
      'unsupported_extension',
    );
    expectRefusal(
      run({ alpn: ['http/1.1'] }, { editHandshakeMessage: alpn }).result,
      'client',
      'illegal_parameter',
    );
    const misplaced = onType(EE, () => [
      handshakeMessage(EE, encodeExtensions([extension(51, hex('0017'))])),
    ]);
    expectRefusal(
      run({}, { editHandshakeMessage: misplaced }).result,
      'client',
      'illegal_parameter',
    );
  });

  it('messages out of order (no EncryptedExtensions): unexpected_message', () => {
    expectRefusal(
      run({}, { editHandshakeMessage: onType(EE, () => []) }).result,
      'client',
      'unexpected_message',
    );
  });

  it('an empty Certificate: decode_error', () => {
    const edit = onType(11, () => [handshakeMessage(11, encodeCertificate(new Uint8Array(0), []))]);
    expectRefusal(run({}, { editHandshakeMessage: edit }).result, 'client', 'decode_error');
  });

  it('a certificate from another CA: unknown_ca; for another host: certificate_unknown', () => {
    const otherCa = x509Verifier({ ca: fixture('other-ca.pem') });
    expectRefusal(run({ verifier: otherCa }).result, 'client', 'unknown_ca');
    expectRefusal(run({ serverName: 'elsewhere.test' }).result, 'client', 'certificate_unknown');
  });

  it('an expired certificate: certificate_expired', () => {
    const expired = ecdsaCredential({ key: fixture('server.key'), chain: fixture('expired.pem') });
    expectRefusal(run({}, { credential: expired }).result, 'client', 'certificate_expired');
  });

  it('a verifier that throws a plain error: bad_certificate', () => {
    const throwing = {
      verifyChain: () => {
        throw new Error('no');
      },
    };
    expectRefusal(run({ verifier: throwing }).result, 'client', 'bad_certificate');
  });

  it('CertificateVerify under a scheme not offered: illegal_parameter; a bad signature: decrypt_error', () => {
    const scheme = onType(15, (m) => {
      const cv = parseCertificateVerify(m.subarray(4));
      return [handshakeMessage(15, encodeCertificateVerify(0x0804, cv.signature))];
    });
    expectRefusal(run({}, { editHandshakeMessage: scheme }).result, 'client', 'illegal_parameter');
    const signature = onType(15, (m) => {
      const copy = m.slice();
      copy[copy.length - 1] ^= 1;
      return [copy];
    });
    expectRefusal(run({}, { editHandshakeMessage: signature }).result, 'client', 'decrypt_error');
    const clientContext = {
      ...credential,
      sign: (s: number, content: Uint8Array) => {
        const swapped = content.slice();
        swapped.set(new TextEncoder().encode('TLS 1.3, client'), 64);
        return credential.sign(s, swapped);
      },
    };
    expectRefusal(run({}, { credential: clientContext }).result, 'client', 'decrypt_error');
  });

  it('a wrong server Finished: decrypt_error', () => {
    const edit = onType(20, (m) => {
      const copy = m.slice();
      copy[10] ^= 1;
      return [copy];
    });
    expectRefusal(run({}, { editHandshakeMessage: edit }).result, 'client', 'decrypt_error');
  });
});

describe('a CertificateRequest', () => {
  it('is answered with an empty Certificate, then the Finished (§4.4.2)', () => {
    const request = handshakeMessage(
      13,
      encodeCertificateRequest(new Uint8Array(0), [extension(13, hex('00020403'))]),
    );
    const edit = onType(8, (m) => [m, request]);
    const events: TlsTraceEvent[] = [];
    const { result } = run({ trace: (e) => events.push(e) }, { editHandshakeMessage: edit });
    const sent = events.filter((e) => e.kind === 'handshake' && e.direction === 'sent');
    expect(sent.map((e) => (e as { name: string }).name)).toEqual([
      'client_hello',
      'certificate',
      'finished',
    ]);
    const certificate = (sent[1] as { message: Uint8Array }).message;
    expect([...certificate]).toEqual([11, 0, 0, 4, 0, 0, 0, 0]); // empty context, empty list
    // our server never asks for certificates, so it refuses the unexpected one
    expectRefusal(result, 'server', 'unexpected_message');
  });

  it('with a non-empty context during the handshake: illegal_parameter', () => {
    const request = handshakeMessage(
      13,
      encodeCertificateRequest(hex('01'), [extension(13, hex('00020403'))]),
    );
    const { result } = run({}, { editHandshakeMessage: onType(8, (m) => [m, request]) });
    expectRefusal(result, 'client', 'illegal_parameter');
  });
});
