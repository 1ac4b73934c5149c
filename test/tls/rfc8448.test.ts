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
 * §3 (the simple 1-RTT handshake) is replayed the same way with the TEST-ONLY x25519 stand-in;
 * it also covers a NewSessionTicket (ignored) and application data in both directions.
 *
 * §6 (client authentication): the server's ECDSA P-256 CertificateVerify over the transcript,
 * checked with node:crypto for now; the test data is ready for the project's ECDSA.
 */
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { bytesToHex, concatBytes } from '../../src/bytes/index';
import { sha256 } from '../../src/hash/sha256';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { certificateVerifyContent } from '../../src/tls/authentication';
import { TlsClient } from '../../src/tls/client';
import { type Extension, extension } from '../../src/tls/extensions';
import { secp256r1, secp256r1KeyPair, x25519Group, x25519KeyPair } from '../../src/tls/groups';
import type { ClientHelloFields } from '../../src/tls/hello';
import { parseCertificate, parseCertificateVerify } from '../../src/tls/messages';
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

describe("RFC 8448 §6: the server's ECDSA P-256 CertificateVerify", () => {
  const v = SECTION_6;
  const transcript = concatBytes(
    ...[
      v.clientHello,
      v.serverHello,
      v.encryptedExtensions,
      v.certificateRequest,
      v.certificate,
    ].map(hex),
  );
  const content = certificateVerifyContent('server', sha256(transcript));
  const certificateVerify = parseCertificateVerify(hex(v.certificateVerify).subarray(4));
  const leaf = parseCertificate(hex(v.certificate).subarray(4)).certificateList[0].certData;
  const spki = new Uint8Array(
    new X509Certificate(Buffer.from(leaf)).publicKey.export({ format: 'der', type: 'spki' }),
  );

  it('is ecdsa_secp256r1_sha256 by a valid P-256 key (parsed by ecdh-lab)', () => {
    expect(certificateVerify.algorithm).toBe(0x0403);
    expect(PublicKey.fromDer(spki).toRaw().length).toBe(65);
  });

  it('verifies over 64 spaces ‖ "TLS 1.3, server CertificateVerify" ‖ 0 ‖ Transcript-Hash (node:crypto until src/ has ECDSA)', () => {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const check = (message: Uint8Array) =>
      verify('sha256', message, { key, dsaEncoding: 'der' }, certificateVerify.signature);
    expect(check(content)).toBe(true);
    expect(check(certificateVerifyContent('client', sha256(transcript)))).toBe(false);
  });
});
