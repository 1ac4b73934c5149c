/**
 * Handshake message parsing and encoding (RFC 8446 §4): every RFC 8448 message parses and
 * re-encodes to the same bytes; the extension rules of §4.2 (duplicates, misplaced extensions,
 * pre_shared_key last) and the body formats are refused with the RFC's alerts; a maximal
 * message is handled in one linear pass.
 */
import { bytesToHex, concatBytes } from '../../src/bytes/index';
import { TlsError } from '../../src/tls/alert';
import {
  assertAllowed,
  assertEmpty,
  assertProtocolNames,
  clientKeyShares,
  cookie,
  type ExtensionContext,
  encodeExtensions,
  extension,
  findExtension,
  namedGroupList,
  parseExtensions,
  protocolNameList,
  selectedGroup,
  selectedVersion,
  serverKeyShare,
  serverNameList,
  signatureSchemeList,
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
  encodeCertificateRequest,
  encodeCertificateVerify,
  encodeEncryptedExtensions,
  encodeKeyUpdate,
  parseCertificate,
  parseCertificateRequest,
  parseCertificateVerify,
  parseEncryptedExtensions,
  parseFinished,
  parseKeyUpdate,
  parseNewSessionTicket,
} from '../../src/tls/messages';
import { TlsReader, u16, vector8, vector16, vector24 } from '../../src/tls/wire';
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

// Mutation testing (stryker.module.config.mjs, group tls-messages): the rules and fields the
// tests above reach only in part. Vectors: RFC 8446 §4.2's table (transcribed below), §4.3.1,
// §4.3.2, §4.6.1 (the RFC 8448 §3 NewSessionTicket, and hand-built ones), RFC 6066 §3
// (server_name), RFC 7301 §3.1 (ALPN); bodies hand-built from those definitions.

/** Runs `fn` and returns the TlsError's alert and message ('accepted' if it returns). */
function refusalOf(fn: () => unknown): [string | undefined, string] | 'accepted' {
  try {
    fn();
  } catch (error) {
    if (error instanceof TlsError) return [error.alert, error.message];
    throw error;
  }
  return 'accepted';
}

describe('RFC 8446 §4.2: where each extension may appear', () => {
  // The table of §4.2, transcribed: extension, its code point, and the messages it may appear in.
  const TABLE: [string, number, ExtensionContext[]][] = [
    ['server_name', 0, ['CH', 'EE']],
    ['max_fragment_length', 1, ['CH', 'EE']],
    ['status_request', 5, ['CH', 'CR', 'CT']],
    ['supported_groups', 10, ['CH', 'EE']],
    ['signature_algorithms', 13, ['CH', 'CR']],
    ['use_srtp', 14, ['CH', 'EE']],
    ['heartbeat', 15, ['CH', 'EE']],
    ['application_layer_protocol_negotiation', 16, ['CH', 'EE']],
    ['signed_certificate_timestamp', 18, ['CH', 'CR', 'CT']],
    ['client_certificate_type', 19, ['CH', 'EE']],
    ['server_certificate_type', 20, ['CH', 'EE']],
    ['padding', 21, ['CH']],
    ['key_share', 51, ['CH', 'SH', 'HRR']],
    ['pre_shared_key', 41, ['CH', 'SH']],
    ['psk_key_exchange_modes', 45, ['CH']],
    ['early_data', 42, ['CH', 'EE', 'NST']],
    ['cookie', 44, ['CH', 'HRR']],
    ['supported_versions', 43, ['CH', 'SH', 'HRR']],
    ['certificate_authorities', 47, ['CH', 'CR']],
    ['oid_filters', 48, ['CR']],
    ['post_handshake_auth', 49, ['CH']],
    ['signature_algorithms_cert', 50, ['CH', 'CR']],
  ];
  const CONTEXTS: ExtensionContext[] = ['CH', 'SH', 'HRR', 'EE', 'CT', 'CR', 'NST'];

  it.each(TABLE)('%s (%i) is allowed exactly in its messages', (name, code, allowed) => {
    for (const context of CONTEXTS) {
      const outcome = refusalOf(() =>
        assertAllowed([extension(code, new Uint8Array(0))], context, 'Test'),
      );
      if (allowed.includes(context)) expect([context, outcome]).toEqual([context, 'accepted']);
      else
        expect([context, outcome]).toEqual([
          context,
          ['illegal_parameter', `tls: Test: extension ${name} is not allowed in this message`],
        ]);
    }
  });

  it('an unknown extension is allowed anywhere; every extension of a list is checked', () => {
    for (const context of CONTEXTS)
      expect(refusalOf(() => assertAllowed([extension(0xfafa, hex('00'))], context, 'T'))).toBe(
        'accepted',
      );
    const list = [extension(0xfafa, hex('')), extension(44, hex(''))];
    expect(refusalOf(() => assertAllowed(list, 'EE', 'T'))).toEqual([
      'illegal_parameter',
      'tls: T: extension cookie is not allowed in this message',
    ]);
  });

  it('parseExtensions checks the table only when given a context; duplicates always', () => {
    const cookieBlock = encodeExtensions([extension(44, hex('0001ff'))]);
    const read = (context: ExtensionContext | undefined) =>
      parseExtensions(new TlsReader(cookieBlock, 'T'), 0, context, 'Test');
    expect(read(undefined).map((e) => [e.type, bytesToHex(e.data)])).toEqual([[44, '0001ff']]);
    expect(refusalOf(() => read('EE'))).toEqual([
      'illegal_parameter',
      'tls: Test: extension cookie is not allowed in this message',
    ]);
    const twice = encodeExtensions([extension(0xfafa, hex('')), extension(0xfafa, hex('01'))]);
    expect(
      refusalOf(() => parseExtensions(new TlsReader(twice, 'T'), 0, undefined, 'Test')),
    ).toEqual(['illegal_parameter', 'tls: Test: extension unknown(64250) twice']);
    const one = encodeExtensions([extension(0xfafa, hex('01'))]);
    const result = parseExtensions(new TlsReader(one, 'T'), 0, 'EE', 'Test');
    expect(Object.isFrozen(result) && Object.isFrozen(result[0])).toBe(true);
    // The floor: CertificateRequest's extensions<2..2^16-1>.
    expect(
      refusalOf(() => parseExtensions(new TlsReader(hex('0000'), 'CR'), 2, 'CR', 'Test')),
    ).toEqual(['decode_error', 'tls: CR: extensions is 0 bytes, outside <2..65535>']);
  });

  it('findExtension returns the first match’s data, or undefined', () => {
    const list = [extension(1, hex('aa')), extension(2, hex('bb'))];
    expect(bytesToHex(findExtension(list, 2)!)).toBe('bb');
    expect(findExtension(list, 3)).toBeUndefined();
    expect(findExtension([], 1)).toBeUndefined();
  });
});

describe('EncryptedExtensions (§4.3.1)', () => {
  const ee = (...list: { type: number; data: Uint8Array }[]) =>
    parseEncryptedExtensions(encodeEncryptedExtensions(list));

  it('an empty block: no ALPN, server_name not acknowledged, no groups', () => {
    const empty = ee();
    expect([empty.alpn, empty.serverNameAcknowledged, empty.supportedGroups]).toEqual([
      undefined,
      false,
      undefined,
    ]);
    expect(empty.extensions).toEqual([]);
    expect(Object.isFrozen(empty)).toBe(true);
  });

  it('ALPN names exactly one protocol (RFC 7301 §3.1)', () => {
    expect(ee(extension(16, protocolNameList.encode(['h2']))).alpn).toBe('h2');
    expect(refusalOf(() => ee(extension(16, protocolNameList.encode(['h2', 'http/1.1']))))).toEqual(
      ['illegal_parameter', 'tls: EncryptedExtensions: ALPN must name one protocol'],
    );
  });

  it('server_name and early_data must be empty when present', () => {
    expect(ee(extension(0, hex(''))).serverNameAcknowledged).toBe(true);
    expect(refusalOf(() => ee(extension(0, hex('00'))))).toEqual([
      'decode_error',
      'tls: EncryptedExtensions server_name must be empty',
    ]);
    expect(ee(extension(42, hex(''))).extensions.map((e) => e.type)).toEqual([42]);
    expect(refusalOf(() => ee(extension(42, hex('00'))))).toEqual([
      'decode_error',
      'tls: EncryptedExtensions early_data must be empty',
    ]);
  });

  it('a misplaced extension is refused, naming the message (cookie, CH and HRR only)', () => {
    expect(refusalOf(() => ee(extension(44, hex('0001ff'))))).toEqual([
      'illegal_parameter',
      'tls: EncryptedExtensions: extension cookie is not allowed in this message',
    ]);
  });

  it('supported_groups are returned frozen; trailing bytes are refused', () => {
    const groups = ee(extension(10, namedGroupList.encode([0x17, 0x1d]))).supportedGroups!;
    expect(groups).toEqual([0x17, 0x1d]);
    expect(Object.isFrozen(groups)).toBe(true);
    expect(refusalOf(() => parseEncryptedExtensions(hex('000000')))).toEqual([
      'decode_error',
      'tls: EncryptedExtensions: 1 unexpected trailing bytes',
    ]);
  });
});

describe('Certificate, CertificateVerify, CertificateRequest, Finished, KeyUpdate', () => {
  it('Certificate: the context, each entry’s data and extensions, frozen', () => {
    const entry = concatBytes(vector24(hex('3001')), encodeExtensions([extension(5, hex('01'))]));
    const parsed = parseCertificate(concatBytes(vector8(hex('abcd')), vector24(entry, entry)));
    expect(bytesToHex(parsed.certificateRequestContext)).toBe('abcd');
    expect(
      parsed.certificateList.map((e) => [bytesToHex(e.certData), e.extensions.map((x) => x.type)]),
    ).toEqual([
      ['3001', [5]],
      ['3001', [5]],
    ]);
    expect(
      Object.isFrozen(parsed.certificateList) && Object.isFrozen(parsed.certificateList[0]),
    ).toBe(true);
    expect(parseCertificate(hex('00000000')).certificateList).toEqual([]);
    // An extension of §4.2's table that may not appear in a CertificateEntry (key_share).
    const misplaced = concatBytes(vector24(hex('30')), encodeExtensions([extension(51, hex(''))]));
    expect(refusalOf(() => parseCertificate(concatBytes(vector8(), vector24(misplaced))))).toEqual([
      'illegal_parameter',
      'tls: CertificateEntry: extension key_share is not allowed in this message',
    ]);
    expect(refusalOf(() => parseCertificate(hex('000000050000000000')))).toEqual([
      'decode_error',
      'tls: Certificate: certificate_list: cert_data is 0 bytes, outside <1..16777215>',
    ]);
    expect(refusalOf(() => parseCertificate(hex('0000000001')))).toEqual([
      'decode_error',
      'tls: Certificate: 1 unexpected trailing bytes',
    ]);
  });

  it('CertificateVerify: algorithm and signature, nothing after', () => {
    const cv = parseCertificateVerify(encodeCertificateVerify(0x0403, hex('0102')));
    expect([cv.algorithm, bytesToHex(cv.signature)]).toEqual([0x0403, '0102']);
    expect(refusalOf(() => parseCertificateVerify(hex('0403000102ff')))).toEqual([
      'decode_error',
      'tls: CertificateVerify: 1 unexpected trailing bytes',
    ]);
  });

  it('CertificateRequest: context, extensions, signature_algorithms', () => {
    const cr = parseCertificateRequest(
      encodeCertificateRequest(hex('07'), [
        extension(13, signatureSchemeList.encode([0x0403, 0x0804])),
      ]),
    );
    expect([bytesToHex(cr.certificateRequestContext), cr.signatureAlgorithms]).toEqual([
      '07',
      [0x0403, 0x0804],
    ]);
    expect(Object.isFrozen(cr) && Object.isFrozen(cr.signatureAlgorithms)).toBe(true);
    expect(refusalOf(() => parseCertificateRequest(hex('000004fafa0000')))).toEqual([
      'missing_extension',
      'tls: CertificateRequest without signature_algorithms',
    ]);
    expect(refusalOf(() => parseCertificateRequest(hex('00000000')))).toEqual([
      'decode_error',
      'tls: CertificateRequest: extensions is 0 bytes, outside <2..65535>',
    ]);
    // A ServerHello-only extension in a CertificateRequest.
    expect(refusalOf(() => parseCertificateRequest(hex('000006002b00020304')))).toEqual([
      'illegal_parameter',
      'tls: CertificateRequest: extension supported_versions is not allowed in this message',
    ]);
  });

  it('Finished: exactly Hash.length bytes, copied', () => {
    const input = new Uint8Array(48).fill(9);
    const verifyData = parseFinished(input, 48);
    input.fill(0);
    expect(verifyData.every((b) => b === 9)).toBe(true);
    expect(refusalOf(() => parseFinished(new Uint8Array(33), 32))).toEqual([
      'decode_error',
      'tls: Finished: verify_data must be 32 bytes',
    ]);
  });

  it('KeyUpdate: the encodings of §4.6.3 and the refusal message', () => {
    expect([bytesToHex(encodeKeyUpdate(false)), bytesToHex(encodeKeyUpdate(true))]).toEqual([
      '00',
      '01',
    ]);
    expect(refusalOf(() => parseKeyUpdate(hex('ff')))).toEqual([
      'illegal_parameter',
      'tls: KeyUpdate: request_update is 255',
    ]);
    expect(refusalOf(() => parseKeyUpdate(hex('')))).toEqual([
      'decode_error',
      'tls: KeyUpdate: truncated (needs 1 more bytes)',
    ]);
  });
});

describe('NewSessionTicket (§4.6.1)', () => {
  it('the RFC 8448 §3 ticket: lifetime, age_add, nonce, ticket, early_data', () => {
    const ticket = parseNewSessionTicket(body(SECTION_3.newSessionTicket));
    expect([
      ticket.ticketLifetime,
      ticket.ticketAgeAdd,
      bytesToHex(ticket.ticketNonce),
      ticket.ticket.length,
    ]).toEqual([30, 0x933d0932, '0000', 0xb2]);
    expect(Object.isFrozen(ticket)).toBe(true);
  });

  it('uint32 fields use all four bytes (hand-built: 7 days, and 0x01020304)', () => {
    const message = concatBytes(
      hex('00093a80'), // 604800 s, the most §4.6.1 allows
      hex('01020304'),
      vector8(hex('05')),
      vector16(hex('0607')),
      encodeExtensions([]),
    );
    const ticket = parseNewSessionTicket(message);
    expect([ticket.ticketLifetime, ticket.ticketAgeAdd]).toEqual([604800, 0x01020304]);
    expect([bytesToHex(ticket.ticketNonce), bytesToHex(ticket.ticket)]).toEqual(['05', '0607']);
    expect(ticket.extensions).toEqual([]);
  });

  it('an empty ticket and a misplaced extension are refused', () => {
    const head = hex('0000001e0000000000');
    expect(refusalOf(() => parseNewSessionTicket(concatBytes(head, hex('00000000'))))).toEqual([
      'decode_error',
      'tls: NewSessionTicket: ticket is 0 bytes, outside <1..65535>',
    ]);
    const cookieInTicket = concatBytes(
      head,
      vector16(hex('01')),
      encodeExtensions([extension(44, hex('0001ff'))]),
    );
    expect(refusalOf(() => parseNewSessionTicket(cookieInTicket))).toEqual([
      'illegal_parameter',
      'tls: NewSessionTicket: extension cookie is not allowed in this message',
    ]);
  });
});

describe('extension bodies', () => {
  it('supported_versions, signature_algorithms, supported_groups: ranges and messages', () => {
    expect(supportedVersionsList.parse(hex('0403040303'))).toEqual([0x0304, 0x0303]);
    expect(bytesToHex(supportedVersionsList.encode([0x0304]))).toBe('020304');
    expect(refusalOf(() => supportedVersionsList.parse(hex('00')))).toEqual([
      'decode_error',
      'tls: supported_versions: list is 0 bytes, outside <2..254>',
    ]);
    expect(refusalOf(() => supportedVersionsList.parse(hex('03030403')))).toEqual([
      'decode_error',
      'tls: supported_versions: odd length',
    ]);
    expect(refusalOf(() => supportedVersionsList.parse(hex('0203040000')))).toEqual([
      'decode_error',
      'tls: supported_versions: 2 unexpected trailing bytes',
    ]);
    expect(signatureSchemeList.parse(hex('00020403'))).toEqual([0x0403]);
    expect(bytesToHex(signatureSchemeList.encode([0x0403]))).toBe('00020403');
    expect(refusalOf(() => signatureSchemeList.parse(hex('0000')))).toEqual([
      'decode_error',
      'tls: signature_algorithms: list is 0 bytes, outside <2..65534>',
    ]);
    expect(namedGroupList.parse(hex('0004001d0017'))).toEqual([0x1d, 0x17]);
    expect(refusalOf(() => namedGroupList.parse(hex('0000')))).toEqual([
      'decode_error',
      'tls: supported_groups: list is 0 bytes, outside <2..65535>',
    ]);
  });

  it('selected_version, selected_group, server key_share, cookie', () => {
    expect(selectedVersion.parse(hex('0304'))).toBe(0x0304);
    expect(bytesToHex(selectedVersion.encode(0x0304))).toBe('0304');
    expect(refusalOf(() => selectedVersion.parse(hex('030400')))).toEqual([
      'decode_error',
      'tls: supported_versions: 1 unexpected trailing bytes',
    ]);
    expect(selectedGroup.parse(hex('0017'))).toBe(0x17);
    expect(bytesToHex(selectedGroup.encode(0x17))).toBe('0017');
    expect(refusalOf(() => selectedGroup.parse(hex('001700')))).toEqual([
      'decode_error',
      'tls: key_share: 1 unexpected trailing bytes',
    ]);
    const share = serverKeyShare.parse(hex('001d00020102'));
    expect([share.group, bytesToHex(share.keyExchange)]).toEqual([0x1d, '0102']);
    expect(bytesToHex(serverKeyShare.encode(share))).toBe('001d00020102');
    expect(refusalOf(() => serverKeyShare.parse(hex('001d0000')))).toEqual([
      'decode_error',
      'tls: key_share: key_exchange is 0 bytes, outside <1..65535>',
    ]);
    expect(refusalOf(() => serverKeyShare.parse(hex('001d00010100')))).toEqual([
      'decode_error',
      'tls: key_share: 1 unexpected trailing bytes',
    ]);
    expect(bytesToHex(cookie.parse(hex('0001ff')))).toBe('ff');
    expect(bytesToHex(cookie.encode(hex('ff')))).toBe('0001ff');
    expect(refusalOf(() => cookie.parse(hex('0000')))).toEqual([
      'decode_error',
      'tls: cookie: cookie is 0 bytes, outside <1..65535>',
    ]);
    expect(refusalOf(() => cookie.parse(hex('0001ff00')))).toEqual([
      'decode_error',
      'tls: cookie: 1 unexpected trailing bytes',
    ]);
  });

  it('client key_share: entries in order, an empty list, the refusal messages', () => {
    const shares = clientKeyShares.parse(hex('000c001d00020102001700020304'));
    expect(shares.map((s) => [s.group, bytesToHex(s.keyExchange)])).toEqual([
      [0x1d, '0102'],
      [0x17, '0304'],
    ]);
    expect(clientKeyShares.parse(hex('0000'))).toEqual([]);
    expect(refusalOf(() => clientKeyShares.parse(hex('000c001d00020102001d00020304')))).toEqual([
      'illegal_parameter',
      'tls: key_share: two shares for one group',
    ]);
    expect(refusalOf(() => clientKeyShares.parse(hex('0000ff')))).toEqual([
      'decode_error',
      'tls: key_share: 1 unexpected trailing bytes',
    ]);
    expect(refusalOf(() => clientKeyShares.parse(hex('0004001d0000')))).toEqual([
      'decode_error',
      'tls: key_share: client_shares: key_exchange is 0 bytes, outside <1..65535>',
    ]);
  });

  it('server_name (RFC 6066 §3): other name types skipped, printable ASCII 0x21–0x7e', () => {
    // name_type 1 (not host_name) is skipped; then host_name "a"
    expect(serverNameList.parse(hex('00080100016200000161'))).toBe('a');
    expect(serverNameList.parse(hex('000401000162'))).toBeUndefined();
    expect(serverNameList.parse(hex('0005000002217e'))).toBe('!~');
    // a bad byte anywhere in the name, not only when every byte is bad: 20, 7f, 'a ', 0x7f 'a'
    for (const body of ['000400000120', '00040000017f', '00050000026120', '00050000027f61'])
      expect(refusalOf(() => serverNameList.parse(hex(body)))).toEqual([
        'illegal_parameter',
        'tls: server_name: host name is not printable ASCII',
      ]);
    expect(refusalOf(() => serverNameList.parse(hex('00080000016100000162')))).toEqual([
      'illegal_parameter',
      'tls: server_name: two host names',
    ]);
    expect(refusalOf(() => serverNameList.parse(hex('0000')))).toEqual([
      'decode_error',
      'tls: server_name: server_name_list is 0 bytes, outside <1..65535>',
    ]);
    expect(refusalOf(() => serverNameList.parse(hex('0003000000')))).toEqual([
      'decode_error',
      'tls: server_name: server_name_list: host_name is 0 bytes, outside <1..65535>',
    ]);
    expect(refusalOf(() => serverNameList.parse(hex('0004000001610a')))).toEqual([
      'decode_error',
      'tls: server_name: 1 unexpected trailing bytes',
    ]);
    expect(bytesToHex(serverNameList.encode('a b~'))).toBe('00070000046120627e');
    for (const name of ['a\x7f', 'a\x1f'])
      expect(() => serverNameList.encode(name)).toThrow(
        new RangeError('tls: names must be printable ASCII'),
      );
  });

  it('ALPN (RFC 7301 §3.1): names in order, the ranges and messages', () => {
    expect(protocolNameList.parse(hex('000c02683208687474702f312e31'))).toEqual(['h2', 'http/1.1']);
    expect(bytesToHex(protocolNameList.encode(['h2', ' ~']))).toBe('000602683202207e');
    expect(refusalOf(() => protocolNameList.parse(hex('0000')))).toEqual([
      'decode_error',
      'tls: application_layer_protocol_negotiation: protocol_name_list is 0 bytes, outside <2..65535>',
    ]);
    expect(refusalOf(() => protocolNameList.parse(hex('00020000')))).toEqual([
      'decode_error',
      'tls: application_layer_protocol_negotiation: protocol_name_list: ProtocolName is 0 bytes, outside <1..255>',
    ]);
    expect(refusalOf(() => protocolNameList.parse(hex('0003026832ff')))).toEqual([
      'decode_error',
      'tls: application_layer_protocol_negotiation: 1 unexpected trailing bytes',
    ]);
    expect(() => protocolNameList.encode(['\x7f'])).toThrow(RangeError);
  });

  it('assertEmpty names the extension', () => {
    expect(refusalOf(() => assertEmpty(hex(''), 'X'))).toBe('accepted');
    expect(refusalOf(() => assertEmpty(hex('00'), 'X'))).toEqual([
      'decode_error',
      'tls: X must be empty',
    ]);
  });

  it('the wire length of an extension (u16) and its data', () => {
    expect(bytesToHex(encodeExtensions([extension(0x1234, hex('ab'))]))).toBe('000512340001ab');
    expect(bytesToHex(u16(0x1234))).toBe('1234');
  });
});

describe('assertProtocolNames (the alpn option)', () => {
  it('accepts 1 to 255 printable ASCII characters, space and tilde included', () => {
    expect(() => assertProtocolNames(['h2', ' ~', 'x', 'x'.repeat(255)], 'opt')).not.toThrow();
  });

  it('refuses what is not a non-empty array of such strings, naming the option', () => {
    expect(() => assertProtocolNames([], 'opt')).toThrow(
      new TypeError('opt must be a non-empty array of strings'),
    );
    expect(() => assertProtocolNames('h2', 'opt')).toThrow(
      new TypeError('opt must be a non-empty array of strings'),
    );
    expect(() => assertProtocolNames(['h2', 2], 'opt')).toThrow(
      new TypeError('opt must hold strings'),
    );
    for (const name of ['', 'x'.repeat(256), 'a\x7f', '\x1fa', 'a\x00b', 'caf\u00e9'])
      expect(() => assertProtocolNames([name], 'opt')).toThrow(
        new RangeError(`opt: "${name}" is not 1 to 255 printable ASCII characters`),
      );
  });
});

// Equivalent mutants in src/tls/extensions.ts and src/tls/messages.ts (no test can kill them;
// the reasoning, not a run):
//   - The field names of vectors whose range no length prefix can leave, which therefore appear
//     in no message: 'extension_data' (<0..2^16-1> behind a 2-byte length), 'signature'
//     (CertificateVerify, <0..2^16-1>), 'certificate_request_context' (Certificate and
//     CertificateRequest, <0..2^8-1> behind a 1-byte length) and 'ticket_nonce' (<0..255>). A
//     truncated vector is reported by the reader's own name ("truncated"), not the field's.
//   - ascii()'s loop `i < text.length` as `<=`: the extra step reads charCodeAt(length), NaN,
//     which is neither above 0x7e nor below 0x20, and writes out[length], which a Uint8Array
//     ignores, so the same bytes come out.
//   - assertProtocolNames' `name.length < 1 ||` dropped (`false`): the empty string fails
//     /^[\x20-\x7e]+$/ (one character at least), so '' is refused with the same RangeError.
