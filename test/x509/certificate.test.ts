/**
 * Certificate parsing (src/x509/certificate.ts and the extension, name and key readers):
 * the fields of a certificate, checked against node:crypto's X509Certificate (OpenSSL's
 * parser) as an independent reader; frozen objects and fresh copies; PEM forms; the key
 * kinds (P-256 and X25519 as PublicKeys, RSA as unsupported data); and a negative table, one row per
 * way a certificate can break RFC 5280 or DER, each refused with a typed error.
 */
import { X509Certificate } from 'node:crypto';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/bytes/index.js';
import { encodePem } from '../../src/keys/pem.js';
import {
  derBitString,
  derElement,
  derInteger,
  derNull,
  derOctetString,
  derSequence,
} from '../../src/keys/der.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { derBoolean, derContext, derOid, Tag } from '../../src/x509/asn1.js';
import { keyIdentifier } from '../../src/x509/builder.js';
import { Certificate } from '../../src/x509/certificate.js';
import { derExtension } from '../../src/x509/extensions.js';
import { derTime } from '../../src/x509/time.js';
import { expectCryptoError } from '../support/errors';
import {
  certificateWith,
  type Issuer,
  intermediate,
  keyFor,
  leaf,
  root,
  rsaPublicKeyDer,
  T,
} from './fixtures';

// Built before each test, not when the file loads: a certificate parsed while the file loads
// would make every mutant of the parser "static" for Stryker (run against every test).
let R: Issuer;
let I: Issuer;
let LEAF: Certificate;
beforeEach(() => {
  R = root();
  I = intermediate(R, 'intermediate', { ca: { pathLength: 0 } });
  LEAF = leaf(I, {
    subjectAltNames: {
      dns: ['leaf.example', '*.leaf.example'],
      ip: ['127.0.0.1', '2001:db8::1'],
      email: ['a@leaf.example'],
      uri: ['https://leaf.example/'],
    },
    extendedKeyUsage: ['serverAuth', 'clientAuth'],
  });
});
const X25519_SPKI = hexToBytes(
  '302a300506032b656e03210027d8c87267c6ad65cf7f70c58db703f2964b4f56c6324bdeecd35bc680c98b68',
);

describe('fields', () => {
  it('agree with node:crypto X509Certificate', () => {
    for (const cert of [R.cert, I.cert, LEAF]) {
      const node = new X509Certificate(cert.toDer());
      expect(
        cert.serialNumber.toString(16).toUpperCase().padStart(node.serialNumber.length, '0'),
      ).toBe(node.serialNumber);
      expect(cert.fingerprint()).toBe(node.fingerprint256);
      expect(cert.notBefore.getTime()).toBe(Date.parse(node.validFrom));
      expect(cert.notAfter.getTime()).toBe(Date.parse(node.validTo));
      expect(cert.extensions.basicConstraints?.ca ?? false).toBe(node.ca);
      expect(cert.subject.toOneLine().replace(/ = /g, '=').split(', ')).toEqual(
        node.subject.split('\n'),
      );
      expect(bytesToHex(cert.subjectPublicKeyInfo())).toBe(
        node.publicKey.export({ type: 'spki', format: 'der' }).toString('hex'),
      );
    }
    expect(new X509Certificate(LEAF.toDer()).subjectAltName).toBe(
      'DNS:leaf.example, DNS:*.leaf.example, IP Address:127.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1, email:a@leaf.example, URI:https://leaf.example/',
    );
  });

  it('are decoded', () => {
    expect(LEAF.version).toBe(3);
    expect(LEAF.signatureAlgorithm).toEqual({
      oid: '1.2.840.10045.4.3.2',
      name: 'ecdsa-with-SHA256',
      hash: 'SHA-256',
    });
    expect(LEAF.issuer.toString()).toBe('CN=Test intermediate,O=ecdh-lab tests');
    expect(LEAF.publicKey!.equals(keyFor('leaf').publicKey)).toBe(true);
    expect(LEAF.extensions.subjectAltName!.names).toEqual([
      { type: 'dns', value: 'leaf.example' },
      { type: 'dns', value: '*.leaf.example' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'email', value: 'a@leaf.example' },
      { type: 'uri', value: 'https://leaf.example/' },
    ]);
    expect(LEAF.extensions.extendedKeyUsage!.purposes).toEqual([
      '1.3.6.1.5.5.7.3.1',
      '1.3.6.1.5.5.7.3.2',
    ]);
    expect(LEAF.extensions.keyUsage).toEqual({ critical: true, usages: ['digitalSignature'] });
    expect(I.cert.extensions.basicConstraints).toEqual({ critical: true, ca: true, pathLength: 0 });
    expect(LEAF.extensions.authorityKeyIdentifier).toEqual({
      critical: false,
      keyIdentifier: I.cert.extensions.subjectKeyIdentifier!.keyIdentifier,
    });
    expect(I.cert.extensions.subjectKeyIdentifier!.keyIdentifier).toBe(
      bytesToHex(keyIdentifier(I.cert.subjectPublicKeyInfo())),
    );
    expect(LEAF.extensions.all.map((e) => e.oid)).toEqual([
      '2.5.29.19',
      '2.5.29.15',
      '2.5.29.37',
      '2.5.29.17',
      '2.5.29.14',
      '2.5.29.35',
    ]);
    expect(LEAF.extensions.unhandledCritical).toEqual([]);
    expect(R.cert.isSelfIssued).toBe(true);
    expect(LEAF.isSelfIssued).toBe(false);
  });

  it('unknown extensions are kept with their critical flag', () => {
    const cert = leaf(R, {
      extraExtensions: [
        { oid: '1.2.3.4', critical: true, value: Uint8Array.of(5, 0) },
        { oid: '1.2.3.5', value: Uint8Array.of(1, 1, 0xff) },
      ],
    });
    expect(cert.extensions.all.slice(-2)).toEqual([
      { oid: '1.2.3.4', critical: true, value: Uint8Array.of(5, 0) },
      { oid: '1.2.3.5', critical: false, value: Uint8Array.of(1, 1, 0xff) },
    ]);
    expect(cert.extensions.unhandledCritical).toEqual(['1.2.3.4']);
  });
});

describe('parse, then trust', () => {
  it('objects are frozen and bytes come out as fresh copies', () => {
    expect(Object.isFrozen(LEAF)).toBe(true);
    expect(Object.isFrozen(LEAF.extensions.subjectAltName!.names)).toBe(true);
    expect(Object.isFrozen(LEAF.subject.rdns[0][0])).toBe(true);
    const der = LEAF.toDer();
    der.fill(0);
    LEAF.tbsCertificate().fill(0);
    LEAF.signatureValue().fill(0);
    const date = LEAF.notAfter;
    date.setTime(0);
    expect(LEAF.notAfter.getTime()).not.toBe(0);
    expect(Certificate.fromDer(LEAF.toDer()).equals(LEAF)).toBe(true);
  });
  it('the input is copied: changing it afterwards changes nothing', () => {
    const der = LEAF.toDer();
    const cert = Certificate.fromDer(der);
    der.fill(0);
    expect(cert.equals(LEAF)).toBe(true);
  });
  it('wrong types are TypeErrors', () => {
    expect(() => Certificate.fromDer('30' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => Certificate.fromPem(new Uint8Array(1) as unknown as string)).toThrow(TypeError);
    expect(() => LEAF.equals({} as Certificate)).toThrow(TypeError);
    expect(() => LEAF.isSignedBy({} as Certificate)).toThrow(TypeError);
  });
});

describe('PEM', () => {
  it('one certificate, or a bundle of them', () => {
    expect(Certificate.fromPem(LEAF.toPem()).equals(LEAF)).toBe(true);
    const bundle = Certificate.fromPemBundle(
      LEAF.toPem() + '\n' + I.cert.toPem().replace(/\n/g, '\r\n'),
    );
    expect(bundle.map((c) => c.subject.commonName)).toEqual(['leaf.example', 'Test intermediate']);
  });
  it('refuses several blocks in fromPem, another label, text outside blocks', () => {
    expectCryptoError(
      () => Certificate.fromPem(LEAF.toPem() + I.cert.toPem()),
      'INVALID_ENCODING',
      /fromPemBundle/,
    );
    expectCryptoError(
      () => Certificate.fromPemBundle(LEAF.toPem() + keyFor('x').publicKey.toPem()),
      'INVALID_ENCODING',
      /block 2 is "PUBLIC KEY"/,
    );
    expectCryptoError(
      () => Certificate.fromPem(`subject=CN=x\n${LEAF.toPem()}`),
      'INVALID_ENCODING',
      /outside/,
    );
  });
});

describe('subject public keys', () => {
  it('X25519 (RFC 8410) becomes a PublicKey with curve X25519', () => {
    const cert = leaf(R, { publicKey: X25519_SPKI, keyUsage: ['keyAgreement'] });
    expect(cert.publicKeyInfo).toMatchObject({
      kind: 'X25519',
      algorithmOid: '1.3.101.110',
      algorithm: 'X25519',
      bits: 253,
      subjectPublicKey: bytesToHex(X25519_SPKI.subarray(12)),
    });
    expect(cert.publicKey?.curve).toBe('X25519');
    expect(cert.publicKey?.toDer()).toEqual(X25519_SPKI);
    expect(cert.publicKey?.equals(PublicKey.fromDer(X25519_SPKI))).toBe(true);
    // A key-agreement key cannot verify: as an issuer it is refused with a typed error.
    expectCryptoError(() => LEAF.isSignedBy(cert), 'CERT_UNSUPPORTED_KEY', /X25519/);
    expect(cert.describe()).toMatch(
      /Public Key Algorithm: X25519\n {16}X25519 Public-Key:\n {16}pub:\n {20}27:d8:c8/,
    );
  });
  it('X25519: a certificate issued for an X25519 PublicKey object, read by node:crypto too', () => {
    const key = PrivateKey.generate({ curve: 'X25519' });
    const cert = leaf(R, { publicKey: key.publicKey, keyUsage: ['keyAgreement'] });
    expect(cert.publicKey?.curve).toBe('X25519');
    expect(cert.publicKey?.equals(key.publicKey)).toBe(true);
    const node = new X509Certificate(cert.toDer());
    expect(node.publicKey.asymmetricKeyType).toBe('x25519');
    expect(new Uint8Array(node.publicKey.export({ type: 'spki', format: 'der' }))).toEqual(
      key.publicKey.toDer(),
    );
    expect(node.verify(new X509Certificate(R.cert.toDer()).publicKey)).toBe(true);
  });
  it('RSA is unsupported data with its size; the certificate still prints', () => {
    const cert = leaf(R, { publicKey: rsaPublicKeyDer() });
    expect(cert.publicKeyInfo).toMatchObject({
      kind: 'unsupported',
      name: 'RSA',
      bits: 2048,
      algorithm: 'rsaEncryption',
    });
    expect(cert.describe()).toMatch(
      /Public-Key: \(2048 bit\)\n {16}\(RSA key: printed as data, not supported by ecdh-lab\)/,
    );
  });
  it('other curves are named, and an invalid P-256 point refuses the certificate', () => {
    const p384 = derSequence(
      derSequence(derOid('1.2.840.10045.2.1'), derOid('1.3.132.0.34')),
      derBitString(new Uint8Array(97).fill(4)),
    );
    expect(Certificate.fromDer(certificateWith({ spki: p384 })).publicKeyInfo).toMatchObject({
      kind: 'unsupported',
      name: 'P-384',
      bits: 384,
    });
    const bad = keyFor('parts').publicKey.toDer();
    bad[bad.length - 1] ^= 1; // y no longer on the curve
    expectCryptoError(() => Certificate.fromDer(certificateWith({ spki: bad })), 'INVALID_POINT');
    expect(() => PublicKey.fromDer(bad)).toThrow();
  });
});

const ext = (oid: string, value: Uint8Array, critical = false) =>
  derExtension(oid, critical, value);
const v1 = new Uint8Array(0);

describe('refused: one row per reason (INVALID_ENCODING)', () => {
  it.each<[string, Parameters<typeof certificateWith>[0], RegExp]>([
    ['trailing bytes', { trailing: Uint8Array.of(0) }, /trailing/],
    [
      'version v1 written explicitly (DER omits the DEFAULT)',
      { version: derContext(0, true, derInteger(0n)) },
      /v1 is encoded explicitly/,
    ],
    ['version 4', { version: derContext(0, true, derInteger(3n)) }, /unknown version 4/],
    [
      'extensions in a v1 certificate',
      { version: v1, extensions: [ext('1.2.3', derNull())] },
      /extensions in a v1/,
    ],
    [
      'a unique identifier in a v1 certificate',
      { version: v1, uniqueIds: [derElement(0x81, Uint8Array.of(0))] },
      /issuerUniqueID in a v1/,
    ],
    [
      'different signature algorithms inside and outside',
      { innerAlgorithm: derSequence(derOid('1.2.840.10045.4.3.3')) },
      /inside and outside tbsCertificate differ/,
    ],
    [
      'ECDSA with parameters (RFC 5758 §3.2)',
      {
        innerAlgorithm: derSequence(derOid('1.2.840.10045.4.3.2'), derNull()),
        outerAlgorithm: derSequence(derOid('1.2.840.10045.4.3.2'), derNull()),
      },
      /with parameters/,
    ],
    [
      'a 65-octet serial number',
      { serial: derElement(Tag.INTEGER, new Uint8Array(65).fill(1)) },
      /longer than 64 octets/,
    ],
    ['a non-minimal serial number', { serial: hexToBytes('02020001') }, /non-minimal INTEGER/],
    [
      'a GeneralizedTime with fractional seconds',
      {
        validity: derSequence(
          derElement(Tag.GENERALIZED_TIME, new TextEncoder().encode('20300101000000.1Z')),
          derElement(Tag.UTC_TIME, new TextEncoder().encode('310101000000Z')),
        ),
      },
      /DER form/,
    ],
    ['a missing subjectPublicKeyInfo', { spki: new Uint8Array(0) }, /expected tag 0x30/],
    ['an empty extensions SEQUENCE', { extensions: [] }, /empty SEQUENCE/],
    [
      'an extension twice',
      { extensions: [ext('1.2.3', derNull()), ext('1.2.3', derNull())] },
      /appears twice/,
    ],
    [
      'critical FALSE written out',
      { extensions: [derSequence(derOid('1.2.3'), derBoolean(false), derOctetString(derNull()))] },
      /DEFAULT critical FALSE/,
    ],
    [
      'a BOOLEAN that is neither 00 nor ff',
      {
        extensions: [derSequence(derOid('1.2.3'), hexToBytes('010101'), derOctetString(derNull()))],
      },
      /not 00 or ff/,
    ],
    [
      'basicConstraints with cA FALSE written out',
      { extensions: [ext('2.5.29.19', derSequence(derBoolean(false)))] },
      /DEFAULT cA FALSE/,
    ],
    [
      'a negative pathLenConstraint',
      { extensions: [ext('2.5.29.19', derSequence(derBoolean(true), derInteger(-1n)))] },
      /out of range/,
    ],
    [
      'keyUsage with no bit set',
      { extensions: [ext('2.5.29.15', hexToBytes('030100'))] },
      /no bit set/,
    ],
    [
      'keyUsage with bits past decipherOnly',
      { extensions: [ext('2.5.29.15', hexToBytes('0303068040'))] },
      /beyond decipherOnly/,
    ],
    [
      'an empty extendedKeyUsage',
      { extensions: [ext('2.5.29.37', derSequence())] },
      /extendedKeyUsage is empty/,
    ],
    [
      'an empty subjectAltName',
      { extensions: [ext('2.5.29.17', derSequence())] },
      /GeneralNames is empty/,
    ],
    [
      'an iPAddress of 5 octets',
      { extensions: [ext('2.5.29.17', derSequence(derContext(7, false, new Uint8Array(5))))] },
      /has 5 octets/,
    ],
    [
      'a dNSName outside IA5',
      { extensions: [ext('2.5.29.17', derSequence(derContext(2, false, Uint8Array.of(0xe9))))] },
      /IA5String/,
    ],
    [
      'a GeneralName with an unknown tag',
      { extensions: [ext('2.5.29.17', derSequence(derContext(9, false, Uint8Array.of(1))))] },
      /is not a GeneralName/,
    ],
    [
      'trailing bytes inside a known extension',
      { extensions: [ext('2.5.29.14', new Uint8Array([...derOctetString(Uint8Array.of(1)), 0]))] },
      /trailing/,
    ],
    [
      'X25519 with parameters',
      {
        spki: derSequence(
          derSequence(derOid('1.3.101.110'), derNull()),
          derBitString(new Uint8Array(32)),
        ),
      },
      /parameters/,
    ],
    [
      'an X25519 key of 31 octets',
      { spki: derSequence(derSequence(derOid('1.3.101.110')), derBitString(new Uint8Array(31))) },
      /not 32 octets/,
    ],
  ])('%s', (_reason, parts, message) => {
    expectCryptoError(
      () => Certificate.fromDer(certificateWith(parts)),
      'INVALID_ENCODING',
      message,
    );
  });

  it('the same parts, undamaged, parse', () => {
    expect(Certificate.fromDer(certificateWith()).subject.toString()).toBe('CN=parts');
    expect(Certificate.fromDer(certificateWith({ version: v1 })).version).toBe(1);
    expect(
      Certificate.fromDer(
        certificateWith({
          version: derContext(0, true, derInteger(1n)),
          uniqueIds: [
            derElement(0x81, Uint8Array.of(0, 0xaa)),
            derElement(0x82, Uint8Array.of(0, 0xbb)),
          ],
        }),
      ).version,
    ).toBe(2);
    expect(Certificate.fromDer(certificateWith({ serial: derInteger(-5n) })).serialNumber).toBe(
      -5n,
    );
  });
});

// Mutation testing (stryker.module.config.mjs, group x509-certificate): every refusal's exact
// message and the certificate it names, each getter's value and copy, isSignedBy's checks in
// order, and the PEM forms' messages. Vectors: certificates from the builder (fixtures.ts) and
// node:crypto's X509Certificate (OpenSSL) for the fingerprint; damaged ones assembled field by
// field (certificateWith), one rule of RFC 5280 §4.1 broken per row.
describe('exact messages, getters and copies', () => {
  const message = (fn: () => unknown) =>
    expectCryptoError(fn, [
      'INVALID_ENCODING',
      'CERT_UNSUPPORTED_KEY',
      'CERT_UNSUPPORTED_ALGORITHM',
    ]).message;
  const parse = (parts: Parameters<typeof certificateWith>[0]) =>
    Certificate.fromDer(certificateWith(parts));
  const v2 = derContext(0, true, derInteger(1n));
  const anyVerifier = { verify: () => true };

  it('each refusal of the parser, with the name given to the certificate', () => {
    const rows: [Parameters<typeof certificateWith>[0], string][] = [
      [
        { version: derContext(0, true, derInteger(0n)) },
        'x509: certificate: version v1 is encoded explicitly (DER omits the DEFAULT)',
      ],
      [{ version: derContext(0, true, derInteger(3n)) }, 'x509: certificate: unknown version 4'],
      [
        { version: v1, uniqueIds: [derElement(0x82, Uint8Array.of(0))] },
        'x509: certificate: subjectUniqueID in a v1 certificate (RFC 5280 §4.1.2.8)',
      ],
      [
        { version: v2, extensions: [ext('1.2.3', derNull())] },
        'x509: certificate: extensions in a v2 certificate (RFC 5280 §4.1.2.9)',
      ],
      [
        { version: v1, extensions: [ext('1.2.3', derNull())] },
        'x509: certificate: extensions in a v1 certificate (RFC 5280 §4.1.2.9)',
      ],
      [
        { innerAlgorithm: derSequence(derOid('1.2.840.10045.4.3.3')) },
        'x509: certificate: signature algorithm inside and outside tbsCertificate differ (RFC 5280 §4.1.1.2)',
      ],
    ];
    for (const [parts, text] of rows) expect(message(() => parse(parts))).toBe(text);
    // A NULL after the INTEGER in [0], a third time in the validity, a NULL after the key in
    // tbsCertificate, a NULL after the Extensions in [3] (put where the unique IDs go).
    const trailing: [Parameters<typeof certificateWith>[0], string][] = [
      [
        { version: derContext(0, true, concatBytes(derInteger(2n), derNull())) },
        '2 unexpected trailing byte(s) at offset 11',
      ],
      [
        { validity: derSequence(derTime(T), derTime(T + 1000), derTime(T + 2000)) },
        '15 unexpected trailing byte(s) at offset 76',
      ],
      [{ uniqueIds: [derNull()] }, '2 unexpected trailing byte(s) at offset 185'],
      [
        {
          uniqueIds: [
            derContext(3, true, concatBytes(derSequence(ext('1.2.3', derNull())), derNull())),
          ],
        },
        '2 unexpected trailing byte(s) at offset 199',
      ],
    ];
    for (const [parts, text] of trailing) expect(message(() => parse(parts))).toBe(`der: ${text}`);
    // The name in messages: 'certificate N' in a bundle.
    const bad = encodePem(
      'CERTIFICATE',
      certificateWith({ version: derContext(0, true, derInteger(3n)) }),
    );
    expect(message(() => Certificate.fromPemBundle(LEAF.toPem() + bad))).toBe(
      'x509: certificate 2: unknown version 4',
    );
  });

  it('versions 1, 2 and 3; unique identifiers in v2; no extensions is an empty frozen list', () => {
    const plain = parse({ version: v1 });
    expect(plain.version).toBe(1);
    expect(plain.extensions.all).toEqual([]);
    expect(plain.extensions.unhandledCritical).toEqual([]);
    expect(Object.isFrozen(plain.extensions.all)).toBe(true);
    expect(Object.isFrozen(plain.extensions.unhandledCritical)).toBe(true);
    expect(
      parse({ version: v2, uniqueIds: [derElement(0x82, Uint8Array.of(0, 0xbb))] }).version,
    ).toBe(2);
    expect(parse({}).version).toBe(3);
    expect(parse({ extensions: [ext('1.2.3', derNull())] }).version).toBe(3);
  });

  it('PEM messages', () => {
    expect(message(() => Certificate.fromPem(LEAF.toPem() + I.cert.toPem()))).toBe(
      'pem: expected one "CERTIFICATE" block, found 2 blocks (use Certificate.fromPemBundle)',
    );
    expect(
      message(() => Certificate.fromPemBundle(LEAF.toPem() + keyFor('x').publicKey.toPem())),
    ).toBe('pem: block 2 is "PUBLIC KEY", expected "CERTIFICATE"');
    expect(LEAF.toPem()).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/,
    );
  });

  it('getters: dates, key, serial, self-issued, fingerprint (node:crypto), copies', () => {
    const node = new X509Certificate(LEAF.toDer());
    expect(LEAF.fingerprint()).toBe(node.fingerprint256);
    expect(LEAF.serialNumberHex).toBe(node.serialNumber.toLowerCase());
    expect(parse({ serial: derInteger(0x0102n) }).serialNumberHex).toBe('0102');
    expect(LEAF.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
    expect(LEAF.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
    expect(LEAF.publicKey!.curve).toBe('P-256');
    expect(leaf(R, { publicKey: rsaPublicKeyDer() }).publicKey).toBeUndefined();
    expect(R.cert.isSelfIssued).toBe(true);
    expect(I.cert.isSelfIssued).toBe(false);
    const tbs = LEAF.tbsCertificate();
    const der = LEAF.toDer();
    expect(bytesToHex(der)).toContain(bytesToHex(tbs));
    expect(tbs[0]).toBe(0x30);
    expect(bytesToHex(LEAF.subjectPublicKeyInfo())).toBe(bytesToHex(LEAF.publicKey!.toDer()));
    for (const copy of [tbs, der, LEAF.signatureValue(), LEAF.subjectPublicKeyInfo()]) copy.fill(0);
    expect(LEAF.tbsCertificate()[0]).toBe(0x30);
    expect(LEAF.subjectPublicKeyInfo()[0]).toBe(0x30);
    expect(LEAF.signatureValue()[0]).toBe(0x30);
    expect(Object.isFrozen(LEAF.publicKeyInfo)).toBe(true);
    expect(LEAF.toString()).toBe(LEAF.describe());
    expect(LEAF.equals(I.cert)).toBe(false);
  });

  it('isSignedBy: argument errors, unsupported keys and algorithms named, whole octets, a strict true', () => {
    expect(() => LEAF.equals({} as Certificate)).toThrow(
      new TypeError('other must be a Certificate'),
    );
    expect(() => LEAF.isSignedBy({} as Certificate)).toThrow(
      new TypeError('issuer must be a Certificate'),
    );
    expect(() => LEAF.isSignedBy(I.cert, {} as typeof anyVerifier)).toThrow(
      new TypeError('verifier must be a SignatureVerifier (an object with verify())'),
    );
    const rsa = leaf(R, { publicKey: rsaPublicKeyDer() });
    expect(message(() => LEAF.isSignedBy(rsa))).toBe(
      "x509: issuer 'CN=leaf.example' has a RSA key; only P-256 keys verify signatures",
    );
    const x25519 = leaf(R, { publicKey: X25519_SPKI, keyUsage: ['keyAgreement'] });
    expect(message(() => LEAF.isSignedBy(x25519))).toBe(
      "x509: issuer 'CN=leaf.example' has a X25519 key; only P-256 keys verify signatures",
    );
    // An empty subject is named by its serial; ecdsa-with-SHA224 has no hash here.
    const sha224 = derSequence(derOid('1.2.840.10045.4.3.1'));
    const nameless = parse({
      subject: hexToBytes('3000'),
      serial: derInteger(0x2an),
      innerAlgorithm: sha224,
      outerAlgorithm: sha224,
    });
    expect(message(() => nameless.isSignedBy(I.cert, anyVerifier))).toBe(
      'x509: certificate (empty subject, serial 2a) is signed with ecdsa-with-SHA224; only ECDSA with SHA-256/384/512 is supported',
    );
    // certificateWith()'s key is keyFor('parts'): a verifier that says yes makes it "signed".
    const issuer = parse({});
    expect(parse({}).isSignedBy(issuer, anyVerifier)).toBe(true);
    // …unless the signature BIT STRING has unused bits (no ECDSA-Sig-Value does),
    const partial = parse({
      signature: derElement(Tag.BIT_STRING, Uint8Array.of(1, 0x30, 6, 2, 1, 1, 2, 1, 2)),
    });
    expect(partial.isSignedBy(issuer, anyVerifier)).toBe(false);
    // …or the verifier answers something other than true,
    expect(parse({}).isSignedBy(issuer, { verify: () => 1 as unknown as boolean })).toBe(false);
    // and a verifier gets copies: changing them changes nothing.
    const cert = parse({});
    let seen: unknown[] = [];
    cert.isSignedBy(issuer, {
      verify: (...args: unknown[]) => {
        seen = args;
        (args[1] as Uint8Array).fill(0);
        (args[2] as Uint8Array).fill(0);
        return true;
      },
    });
    expect((seen[0] as { equals(k: unknown): boolean }).equals(issuer.publicKey)).toBe(true);
    expect(seen[3]).toBe('SHA-256');
    expect(cert.tbsCertificate()[0]).toBe(0x30);
    expect(cert.signatureValue()[0]).toBe(0x30);
  });

  it('each field is named in its refusal (a NULL where the field should be)', () => {
    const rows: [Uint8Array, string][] = [
      [derSequence(derNull()), 'certificate tbsCertificate'],
      [certificateWith({ outerAlgorithm: derNull() }), 'certificate signatureAlgorithm'],
      [certificateWith({ signature: derNull() }), 'certificate signatureValue'],
      [certificateWith({ version: derContext(0, true, derNull()) }), 'certificate version'],
      [certificateWith({ serial: derNull() }), 'certificate serialNumber'],
      [certificateWith({ innerAlgorithm: derNull() }), 'certificate signature'],
      [certificateWith({ issuer: derNull() }), 'certificate issuer'],
      [certificateWith({ validity: derNull() }), 'certificate validity'],
      [certificateWith({ validity: derSequence(derNull(), derTime(T)) }), 'certificate notBefore'],
      [certificateWith({ validity: derSequence(derTime(T), derNull()) }), 'certificate notAfter'],
      [certificateWith({ subject: derNull() }), 'certificate subject'],
      [
        certificateWith({ uniqueIds: [derElement(0x81, new Uint8Array(0))] }),
        'certificate issuerUniqueID',
      ],
      [
        certificateWith({ uniqueIds: [derElement(0x82, new Uint8Array(0))] }),
        'certificate subjectUniqueID',
      ],
    ];
    for (const [der, field] of rows)
      expect(message(() => Certificate.fromDer(der)).startsWith(`x509: ${field}: `)).toBe(true);
    expect(() => Certificate.fromDer('30' as unknown as Uint8Array)).toThrow(
      /^der must be a Uint8Array/,
    );
  });
});

// Equivalent mutants in src/x509/certificate.ts (no test can kill them; the reasoning, not a run):
//   - the publicKey getter's `info.kind === 'unsupported' ? undefined : …` as `false` or
//     `=== ""`: an unsupported key's info has no publicKey property, so info.publicKey is
//     undefined as well.
//   - the labels of readConstructed for [0] version and [3] extensions (`${what} version`,
//     `${what} extensions`) blanked: each is read only after peekTag() found that very tag, so
//     the tag check that would print the label cannot fail, and a malformed length is refused
//     by the DER reader in its own words ("der: …"), without the label.
//   - `tbsElement.encoding.slice()` and `spki.slice()` without the copy: both are views into
//     `der`, which is itself a private copy (fromDer copies its input, PEM decoding makes fresh
//     bytes) that is never written to or handed out (toDer, tbsCertificate and
//     subjectPublicKeyInfo return copies), so no caller can tell a view from a copy.
