/**
 * RFC 8448 replayed through the TLS client, byte for byte.
 *
 * §5 (HelloRetryRequest, P-256 with the published private keys): the client is given the RFC's
 * random, its x25519 and P-256 private keys, and the extensions its author (NSS) sent that ours
 * does not (renegotiation_info, psk_key_exchange_modes, record_size_limit, padding, ChaCha20 in
 * the suite list, secp384r1 in supported_groups) through the test-only `editClientHello` hook;
 * everything else — the key_share, the cookie echo, the message_hash transcript, the record
 * layer, the Finished — is the client's own work. Every byte it sends must be the RFC's.
 * The server's certificate there is RSA (and expired): it is accepted through an explicit
 * TEST-ONLY verification hook (`acceptAnyCertificate`), which still checks the RSA-PSS
 * CertificateVerify with node:crypto.
 *
 * §3 (the simple 1-RTT handshake) is replayed the same way, with ecdh-lab's x25519; it also
 * covers a NewSessionTicket (ignored) and application data in both directions. Its certificate
 * is RSA too, so it goes through the same TEST-ONLY hook.
 *
 * §6 (client authentication) is the RFC's one trace with an ECDSA P-256 server certificate:
 * the client is replayed up to the server's flight, which it decrypts with the keys it derives
 * (x25519 and HKDF, all ecdh-lab's) and whose CertificateVerify it checks with ecdh-lab's
 * verifier (`x509Verifier`, the certificate pinned as its own anchor at the RFC's date) and
 * ECDSA. The RFC's client then sent an RSA client certificate; ours has none and answers with
 * an empty Certificate, so only the secrets are compared after that point.
 */
import { bytesToHex, concatBytes } from '../../src/bytes/index';
import { sha256 } from '../../src/hash/sha256';
import { PrivateKey } from '../../src/keys/private-key';
import { certificateVerifyContent } from '../../src/tls/authentication';
import { TlsClient } from '../../src/tls/client';
import { type Extension, extension } from '../../src/tls/extensions';
import { secp256r1, secp256r1KeyPair, x25519Group, x25519KeyPair } from '../../src/tls/groups';
import type { ClientHelloFields } from '../../src/tls/hello';
import { parseCertificate, parseCertificateVerify } from '../../src/tls/messages';
import type { TlsTraceEvent } from '../../src/tls/observe';
import { ecdsaPeerKey, x509Verifier } from '../../src/tls/verifier';
import { Certificate } from '../../src/x509/certificate';
import { SECTION_3, SECTION_5, SECTION_6 } from './rfc8448-vectors';
import { acceptAnyCertificate, hex } from './support';

/** signature_algorithms as the RFC's client sent it. */
const RFC_SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402,
  0x0502, 0x0602, 0x0202,
];

/** Extensions the RFC's client sent that ecdh-lab's does not, raw. */
const RENEGOTIATION_INFO = extension(0xff01, hex('00'));
const PSK_KEY_EXCHANGE_MODES = extension(0x002d, hex('0101'));
const RECORD_SIZE_LIMIT = extension(0x001c, hex('4001'));
const SESSION_TICKET = extension(0x0023, new Uint8Array(0));

/** Puts `ours` in the RFC's order: the listed types, from ours or from `extra`. */
function arrange(ours: readonly Extension[], order: number[], extra: Extension[]): Extension[] {
  return order.map((type) => {
    const found = extra.find((e) => e.type === type) ?? ours.find((e) => e.type === type);
    if (found === undefined) throw new Error(`the client did not produce extension ${type}`);
    return found;
  });
}

/** A secp256r1 group that hands out one fixed key (the RFC's). */
const fixedP256 = (privateKey: string) => ({
  ...secp256r1,
  generateKeyPair: () => secp256r1KeyPair(PrivateKey.fromRaw(hex(privateKey))),
});

/** An x25519 group (ecdh-lab's) that hands out one fixed key (the RFC's). */
const fixedX25519 = (privateKey: string) => ({
  ...x25519Group,
  generateKeyPair: () => x25519KeyPair(hex(privateKey)),
});

describe('RFC 8448 §5: the HelloRetryRequest handshake, client side, byte for byte', () => {
  const v = SECTION_5;
  const secrets = new Map<string, string>();
  const client = new TlsClient({
    serverName: 'server',
    verifier: acceptAnyCertificate, // TEST-ONLY: the RFC's certificate is RSA
    groups: [fixedX25519(v.clientX25519Private), fixedP256(v.clientP256Private)],
    keyShareGroups: undefined, // the first group: x25519
    signatureSchemes: RFC_SIGNATURE_SCHEMES,
    random: hex('c05333f1e168f732427e91815a093c990115f161130c68e9be3e563610ee9487'),
    legacySessionId: new Uint8Array(0),
    keyLog: (line) => {
      const [label, , secret] = line.split(' ');
      secrets.set(label, secret);
    },
    editClientHello(hello: ClientHelloFields, attempt): ClientHelloFields {
      const supportedGroups = extension(0x000a, hex('0006001d00170018')); // + secp384r1
      const first = [0x0000, 0xff01, 0x000a, 0x0033, 0x002b, 0x000d, 0x002d, 0x001c];
      const second = [
        0x0000, 0xff01, 0x000a, 0x0033, 0x002b, 0x000d, 0x002c, 0x002d, 0x001c, 0x0015,
      ];
      const extras = [
        RENEGOTIATION_INFO,
        PSK_KEY_EXCHANGE_MODES,
        RECORD_SIZE_LIMIT,
        supportedGroups,
      ];
      if (attempt === 2) extras.push(extension(0x0015, new Uint8Array(175))); // padding to 512
      return {
        ...hello,
        cipherSuites: [0x1301, 0x1303, 0x1302],
        extensions: arrange(hello.extensions, attempt === 1 ? first : second, extras),
      };
    },
  });

  it('sends ClientHello1 with the x25519 share', () => {
    const frames = client.start();
    expect(frames.map(bytesToHex)).toEqual([v.clientHello1Record]);
  });

  it('answers the HelloRetryRequest with ClientHello2: P-256 share, cookie echoed', () => {
    const { frames, messages } = client.receive(hex(v.helloRetryRequestRecord));
    expect(frames.map(bytesToHex)).toEqual([v.clientHello2Record]);
    expect(messages).toEqual([]);
    expect(client.negotiated.helloRetryRequest).toBe(true);
  });

  it('derives the RFC secrets from the ServerHello and verifies the server flight', () => {
    expect(client.receive(hex(v.serverHelloRecord)).frames).toEqual([]);
    expect(secrets.get('CLIENT_HANDSHAKE_TRAFFIC_SECRET')).toBe(v.clientHandshakeTrafficSecret);
    expect(secrets.get('SERVER_HANDSHAKE_TRAFFIC_SECRET')).toBe(v.serverHandshakeTrafficSecret);
    const { frames } = client.receive(hex(v.serverFlightRecord));
    expect(frames.map(bytesToHex)).toEqual([v.clientFinishedRecord]);
    expect(client.established).toBe(true);
    expect(secrets.get('CLIENT_TRAFFIC_SECRET_0')).toBe(v.clientApplicationTrafficSecret);
    expect(secrets.get('SERVER_TRAFFIC_SECRET_0')).toBe(v.serverApplicationTrafficSecret);
    expect(secrets.get('EXPORTER_SECRET')).toBe(v.exporterMasterSecret);
    expect(client.negotiated).toMatchObject({
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      group: 'secp256r1',
      signatureScheme: 0x0804,
    });
  });

  it('closes with the RFC close_notify and accepts the server one', () => {
    expect(bytesToHex(client.close())).toBe(v.clientAlertRecord);
    client.receive(hex(v.serverAlertRecord));
    expect(client.peerClosed).toBe(true);
  });
});

describe('RFC 8448 §3: the simple 1-RTT handshake, client side (ecdh-lab x25519)', () => {
  const v = SECTION_3;
  const client = new TlsClient({
    serverName: 'server',
    verifier: acceptAnyCertificate, // TEST-ONLY: the RFC's certificate is RSA
    groups: [fixedX25519('70a1a8f491e82d530542c6d7a8dcd8cfa9e31f59bb336b550b13bfe199f542c5')],
    signatureSchemes: RFC_SIGNATURE_SCHEMES,
    random: hex('6660261ff947cea49cce6cfad687f457cf1b14531ba14131a0e8f309a1d0b9c4'),
    legacySessionId: new Uint8Array(0),
    editClientHello: (hello) => ({
      ...hello,
      cipherSuites: [0x1301, 0x1303, 0x1302],
      extensions: arrange(
        hello.extensions,
        [0x0000, 0xff01, 0x000a, 0x0023, 0x0033, 0x002b, 0x000d, 0x002d, 0x001c],
        [
          RENEGOTIATION_INFO,
          extension(0x000a, hex('0012001d00170018001901000101010201030104')),
          SESSION_TICKET,
          PSK_KEY_EXCHANGE_MODES,
          RECORD_SIZE_LIMIT,
        ],
      ),
    }),
  });

  it('ClientHello, Finished, application data and close_notify are the RFC bytes', () => {
    expect(client.start().map(bytesToHex)).toEqual([v.clientHelloRecord]);
    expect(client.receive(hex(v.serverHelloRecord)).frames).toEqual([]);
    expect(client.receive(hex(v.serverFlightRecord)).frames.map(bytesToHex)).toEqual([
      v.clientFinishedRecord,
    ]);
    // the NewSessionTicket is accepted and ignored
    expect(client.receive(hex(v.newSessionTicketRecord))).toEqual({ frames: [], messages: [] });
    expect(bytesToHex(client.seal(hex(v.applicationData)))).toBe(v.clientApplicationDataRecord);
    const { messages } = client.receive(hex(v.serverApplicationDataRecord));
    expect(messages.map(bytesToHex)).toEqual([v.applicationData]);
    expect(bytesToHex(client.close())).toBe(v.clientAlertRecord);
    client.receive(hex(v.serverAlertRecord));
    expect(client.peerClosed).toBe(true);
  });
});

describe("RFC 8448 §6: the server's ECDSA P-256 CertificateVerify, checked by ecdh-lab's verifier", () => {
  const v = SECTION_6;
  const secrets = new Map<string, string>();
  const events: TlsTraceEvent[] = [];
  const rfcDate = new Date('2019-01-01T00:00:00Z'); // RFC 8448's publication; the certificate expired in July 2026
  let pinned: Certificate | undefined;
  const client = new TlsClient({
    // The RFC's certificate is self-signed and names no host (no subjectAltName): it is pinned
    // as its own trust anchor, and the name check is skipped on purpose (servername: null).
    verifier: {
      verifyChain(chain, serverName) {
        pinned = Certificate.fromDer(chain[0]);
        return x509Verifier({ ca: [chain[0]], servername: null, now: rfcDate }).verifyChain(
          chain,
          serverName,
        );
      },
    },
    groups: [fixedX25519(v.clientX25519Private), secp256r1],
    keyShareGroups: undefined, // the first group: x25519
    signatureSchemes: RFC_SIGNATURE_SCHEMES,
    random: hex(v.clientRandom),
    legacySessionId: new Uint8Array(0),
    keyLog: (line) => {
      const [label, , secret] = line.split(' ');
      secrets.set(label, secret);
    },
    trace: (event) => events.push(event),
    editClientHello: (hello) => ({
      ...hello,
      cipherSuites: [0x1301, 0x1303, 0x1302],
      extensions: arrange(
        hello.extensions,
        [0x0000, 0xff01, 0x000a, 0x0033, 0x002b, 0x000d, 0x002d, 0x001c],
        [
          extension(0x0000, hex('0009000006736572766572')), // server_name "server", as the RFC's client sent it
          RENEGOTIATION_INFO,
          extension(0x000a, hex('0012001d00170018001901000101010201030104')),
          PSK_KEY_EXCHANGE_MODES,
          RECORD_SIZE_LIMIT,
        ],
      ),
    }),
  });

  it('sends the RFC ClientHello byte for byte (x25519 share from the RFC private key)', () => {
    expect(client.start().map(bytesToHex)).toEqual([v.clientHelloRecord]);
    expect(v.clientHelloRecord.slice(10)).toBe(v.clientHello);
  });

  it('derives the RFC handshake secrets from the ServerHello (ecdh-lab x25519 and HKDF)', () => {
    expect(client.receive(hex(v.serverHelloRecord)).frames).toEqual([]);
    expect(secrets.get('CLIENT_HANDSHAKE_TRAFFIC_SECRET')).toBe(v.clientHandshakeTrafficSecret);
    expect(secrets.get('SERVER_HANDSHAKE_TRAFFIC_SECRET')).toBe(v.serverHandshakeTrafficSecret);
  });

  it('decrypts the server flight and verifies its ECDSA P-256 CertificateVerify', () => {
    const { frames } = client.receive(hex(v.serverFlightRecord));
    expect(client.established).toBe(true);
    expect(client.negotiated).toMatchObject({
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      group: 'x25519',
      signatureScheme: 0x0403, // ecdsa_secp256r1_sha256
    });
    expect(pinned?.subject.toString()).toBe('CN=ecdsa256');
    expect(pinned?.publicKeyInfo.kind).toBe('P-256');
    // Our answer to its CertificateRequest: an empty Certificate (we have none) and Finished,
    // so from here on the client's bytes differ from the RFC's (its client sent an RSA certificate).
    expect(frames).toHaveLength(1);
    const received = events.flatMap((e) =>
      e.kind === 'handshake' && e.direction === 'received' ? [bytesToHex(e.message)] : [],
    );
    expect(received).toEqual([
      v.serverHello,
      v.encryptedExtensions,
      v.certificateRequest,
      v.certificate,
      v.certificateVerify,
      v.serverFinished,
    ]);
    expect(secrets.get('CLIENT_TRAFFIC_SECRET_0')).toBe(v.clientApplicationTrafficSecret);
    expect(secrets.get('SERVER_TRAFFIC_SECRET_0')).toBe(v.serverApplicationTrafficSecret);
    expect(secrets.get('EXPORTER_SECRET')).toBe(v.exporterMasterSecret);
  });

  it('the signature covers 64 spaces ‖ "TLS 1.3, server CertificateVerify" ‖ 0 ‖ Transcript-Hash, nothing else', () => {
    const received = events.flatMap((e) =>
      e.kind === 'handshake' && e.direction === 'received' ? [e.message] : [],
    );
    const sent = events.flatMap((e) =>
      e.kind === 'handshake' && e.direction === 'sent' ? [e.message] : [],
    );
    // ClientHello, ServerHello, EncryptedExtensions, CertificateRequest, Certificate
    const transcript = concatBytes(sent[0], ...received.slice(0, 4));
    const certificateVerify = parseCertificateVerify(received[4].subarray(4));
    expect(certificateVerify.algorithm).toBe(0x0403);
    const key = ecdsaPeerKey(pinned!.publicKey!);
    const hash = sha256(transcript);
    expect(
      key.verify(0x0403, certificateVerifyContent('server', hash), certificateVerify.signature),
    ).toBe(true);
    expect(
      key.verify(0x0403, certificateVerifyContent('client', hash), certificateVerify.signature),
    ).toBe(false);
    expect(pinned!.publicKey!.verify(concatBytes(hash), certificateVerify.signature)).toBe(false);
  });

  it('the same chain checked today is refused: certificate_expired', () => {
    const chain = parseCertificate(
      events
        .flatMap((e) => (e.kind === 'handshake' && e.type === 11 ? [e.message] : []))[0]
        .subarray(4),
    ).certificateList.map((entry) => entry.certData);
    expect(() =>
      x509Verifier({
        ca: [chain[0]],
        servername: null,
        now: new Date('2026-12-01T00:00:00Z'),
      }).verifyChain(chain, undefined),
    ).toThrow(expect.objectContaining({ alert: 'certificate_expired' }));
  });

  it('accepts the RFC close_notify', () => {
    client.receive(hex(v.serverAlertRecord));
    expect(client.peerClosed).toBe(true);
  });
});
