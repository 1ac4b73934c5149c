/**
 * Handshake message parsing and encoding (RFC 8446 §4): every RFC 8448 message parses and
 * re-encodes to the same bytes; the extension rules of §4.2 (duplicates, misplaced extensions,
 * pre_shared_key last) and the body formats are refused with the RFC's alerts; a maximal
 * message is handled in one linear pass.
 */
import { bytesToHex, concatBytes } from '../../src/bytes/index';
import { TlsError } from '../../src/tls/alert';
import {
  clientKeyShares,
  encodeExtensions,
  extension,
  parseExtensions,
  protocolNameList,
  serverNameList,
  supportedVersionsList,
} from '../../src/tls/extensions';
import {
  encodeClientHello,
  encodeServerHello,
  parseClientHello,
  parseServerHello,
} from '../../src/tls/hello';
import {
  encodeCertificate,
  encodeCertificateVerify,
  encodeKeyUpdate,
  parseCertificate,
  parseCertificateRequest,
  parseCertificateVerify,
  parseEncryptedExtensions,
  parseFinished,
  parseKeyUpdate,
  parseNewSessionTicket,
} from '../../src/tls/messages';
import { TlsReader, vector8, vector24 } from '../../src/tls/wire';
import { SECTION_3, SECTION_5, SECTION_6 } from './rfc8448-vectors';
import { hex } from './support';

const body = (message: string) => hex(message).subarray(4);

function alertOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof TlsError) return error.alert;
    throw error;
  }
  return 'accepted';
}

/** A ClientHello body with the given extensions (and otherwise sensible fields). */
const clientHelloWith = (extensions: { type: number; data: Uint8Array }[]) =>
  encodeClientHello({
    legacyVersion: 0x0303,
    random: new Uint8Array(32),
    legacySessionId: new Uint8Array(0),
    cipherSuites: [0x1301],
    legacyCompressionMethods: Uint8Array.of(0),
    extensions,
  });
const versions = extension(43, supportedVersionsList.encode([0x0304]));

describe('RFC 8448 messages parse and re-encode byte for byte', () => {
  it('ClientHello (§3, §5 both, §6)', () => {
    for (const message of [
      SECTION_3.clientHello,
      SECTION_5.clientHello1,
      SECTION_5.clientHello2,
      SECTION_6.clientHello,
    ]) {
      const hello = parseClientHello(body(message));
      expect(bytesToHex(encodeClientHello(hello))).toBe(message.slice(8));
      expect(hello.supportedVersions).toEqual([0x0304]);
      expect(hello.serverName).toBe('server');
    }
    const second = parseClientHello(body(SECTION_5.clientHello2));
    expect(second.keyShares?.map((s) => s.group)).toEqual([0x0017]);
    expect(second.cookie?.length).toBe(114);
    expect(second.supportedGroups).toEqual([0x001d, 0x0017, 0x0018]);
  });

  it('ServerHello and HelloRetryRequest (§3, §5)', () => {
    const sh = parseServerHello(body(SECTION_3.serverHello));
    expect([sh.isHelloRetryRequest, sh.selectedVersion, sh.keyShare?.group]).toEqual([
      false,
      0x0304,
      0x001d,
    ]);
    expect(bytesToHex(encodeServerHello(sh))).toBe(SECTION_3.serverHello.slice(8));
    const hrr = parseServerHello(body(SECTION_5.helloRetryRequest));
    expect([hrr.isHelloRetryRequest, hrr.selectedGroup, hrr.cookie?.length]).toEqual([
      true,
      0x0017,
      114,
    ]);
    expect(bytesToHex(encodeServerHello(hrr))).toBe(SECTION_5.helloRetryRequest.slice(8));
  });

  it('EncryptedExtensions, Certificate, CertificateVerify, CertificateRequest, NewSessionTicket', () => {
    const ee = parseEncryptedExtensions(body(SECTION_3.encryptedExtensions));
    expect(ee.supportedGroups).toEqual([
      0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104,
    ]);
    expect(ee.serverNameAcknowledged).toBe(true);
    const certificate = parseCertificate(body(SECTION_3.certificate));
    expect(certificate.certificateList).toHaveLength(1);
    expect(
      bytesToHex(encodeCertificate(new Uint8Array(0), [certificate.certificateList[0].certData])),
    ).toBe(SECTION_3.certificate.slice(8));
    const cv = parseCertificateVerify(body(SECTION_3.certificateVerify));
    expect(bytesToHex(encodeCertificateVerify(cv.algorithm, cv.signature))).toBe(
      SECTION_3.certificateVerify.slice(8),
    );
    const cr = parseCertificateRequest(body(SECTION_6.certificateRequest));
    expect(cr.signatureAlgorithms).toContain(0x0403);
    const ticket = parseNewSessionTicket(body(SECTION_3.newSessionTicket));
    expect(ticket.ticketLifetime).toBe(30);
    expect(ticket.extensions.map((e) => e.type)).toEqual([42]); // early_data
    expect(bytesToHex(parseFinished(body(SECTION_3.serverFinished), 32))).toBe(
      SECTION_3.serverVerifyData,
    );
  });
});

describe('extension rules (§4.2)', () => {
  it('refuses a duplicate extension with illegal_parameter', () => {
    expect(alertOf(() => parseClientHello(clientHelloWith([versions, versions])))).toBe(
      'illegal_parameter',
    );
  });

  it('refuses a recognized extension where it is not allowed, ignores unknown ones', () => {
    const cookieInEe = encodeExtensions([extension(44, hex('0001ff'))]);
    expect(alertOf(() => parseEncryptedExtensions(cookieInEe))).toBe('illegal_parameter');
    const keyShareInCertificate = concatBytes(
      vector8(),
      vector24(vector24(hex('30')), encodeExtensions([extension(51, new Uint8Array(0))])),
    );
    expect(alertOf(() => parseCertificate(keyShareInCertificate))).toBe('illegal_parameter');
    const unknown = extension(0xfafa, hex('abcd'));
    expect(parseClientHello(clientHelloWith([unknown, versions])).extensions[0]).toEqual(unknown);
    expect(parseEncryptedExtensions(encodeExtensions([unknown])).extensions).toHaveLength(1);
  });

  it('pre_shared_key must be the last ClientHello extension', () => {
    const psk = extension(41, hex('0000'));
    expect(alertOf(() => parseClientHello(clientHelloWith([psk, versions])))).toBe(
      'illegal_parameter',
    );
    expect(alertOf(() => parseClientHello(clientHelloWith([versions, psk])))).toBe('accepted');
  });

  it('refuses two key shares for one group, and malformed bodies with decode_error', () => {
    const share = { group: 0x17, keyExchange: new Uint8Array(65) };
    expect(alertOf(() => clientKeyShares.parse(clientKeyShares.encode([share, share])))).toBe(
      'illegal_parameter',
    );
    expect(alertOf(() => supportedVersionsList.parse(hex('03030403')))).toBe('decode_error'); // odd
    expect(alertOf(() => supportedVersionsList.parse(hex('00')))).toBe('decode_error'); // < 2
    expect(alertOf(() => protocolNameList.parse(hex('0000')))).toBe('decode_error'); // empty list
    expect(alertOf(() => protocolNameList.parse(hex('00020000')))).toBe('decode_error'); // empty name
    expect(alertOf(() => serverNameList.parse(hex('000500000161')))).toBe('decode_error'); // short
    expect(serverNameList.parse(serverNameList.encode('example.com'))).toBe('example.com');
    const twoNames = concatBytes(hex('0008'), hex('0000016100000162'));
    expect(alertOf(() => serverNameList.parse(twoNames))).toBe('illegal_parameter');
    expect(alertOf(() => serverNameList.parse(hex('00040000010a')))).toBe('illegal_parameter'); // control char
  });
});

describe('message formats', () => {
  it('a ClientHello with trailing bytes, a bad session id or an odd suite list is decode_error', () => {
    const good = clientHelloWith([versions]);
    expect(alertOf(() => parseClientHello(concatBytes(good, hex('00'))))).toBe('decode_error');
    expect(alertOf(() => parseClientHello(good.subarray(0, good.length - 1)))).toBe('decode_error');
    const longSession = good.slice();
    longSession[34] = 33;
    expect(alertOf(() => parseClientHello(longSession))).toBe('decode_error');
    expect(
      alertOf(() => parseClientHello(concatBytes(good.subarray(0, 35), hex('0003130113')))),
    ).toBe('decode_error');
  });

  it('a ClientHello without extensions parses (an old client; the server answers protocol_version)', () => {
    const old = parseClientHello(hex(`0303${'00'.repeat(32)}00000213010100`));
    expect(old.supportedVersions).toBeUndefined();
  });

  it('KeyUpdate: 0 or 1, one byte', () => {
    expect(parseKeyUpdate(encodeKeyUpdate(true))).toBe(true);
    expect(parseKeyUpdate(encodeKeyUpdate(false))).toBe(false);
    expect(alertOf(() => parseKeyUpdate(hex('02')))).toBe('illegal_parameter');
    expect(alertOf(() => parseKeyUpdate(hex('0000')))).toBe('decode_error');
  });

  it('Finished must be Hash.length bytes; CertificateRequest needs signature_algorithms', () => {
    expect(alertOf(() => parseFinished(new Uint8Array(31), 32))).toBe('decode_error');
    expect(
      alertOf(() => parseCertificateRequest(hex('00000a00fa0000fafb0000fafc0000').subarray(0, 9))),
    ).toBe('decode_error');
    expect(alertOf(() => parseCertificateRequest(hex('000004fafa0000')))).toBe('missing_extension');
  });

  it('an empty cert_data is decode_error', () => {
    expect(alertOf(() => parseCertificate(hex('000000050000000000')))).toBe('decode_error');
  });

  it('TlsReader: bounds, vector limits and leftovers', () => {
    const reader = new TlsReader(hex('0102'), 'test');
    expect(reader.u8()).toBe(1);
    expect(alertOf(() => reader.u16())).toBe('decode_error');
    expect(alertOf(() => new TlsReader(hex('0301'), 'test').vector(1, 0, 2, 'v'))).toBe(
      'decode_error',
    );
    expect(alertOf(() => new TlsReader(hex('00'), 'test').end())).toBe('decode_error');
  });
});

describe('the largest messages', () => {
  it('a 64 KiB ClientHello of 16 000 extensions parses; a duplicate at its end is refused', () => {
    const many = Array.from({ length: 16000 }, (_, i) => extension(0x1000 + i, new Uint8Array(0)));
    const hello = parseClientHello(clientHelloWith([...many, versions]));
    expect(hello.extensions).toHaveLength(16001);
    const duplicated = clientHelloWith([...many, versions, extension(0x1000, new Uint8Array(0))]);
    expect(alertOf(() => parseClientHello(duplicated))).toBe('illegal_parameter');
  });

  it('a certificate list of many entries', () => {
    const certificates = Array.from({ length: 5000 }, () => hex('30'));
    expect(
      parseCertificate(encodeCertificate(new Uint8Array(0), certificates)).certificateList,
    ).toHaveLength(5000);
  });

  it('an extension block is at most 2^16 − 1 bytes: parseExtensions reads its own length', () => {
    const reader = new TlsReader(hex('0004fafa0000'), 'test');
    expect(parseExtensions(reader, 0, 'CH', 'test')).toHaveLength(1);
  });
});
