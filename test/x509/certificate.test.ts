/**
 * Certificate parsing (src/x509/certificate.ts and the extension, name and key readers):
 * the fields of a certificate, checked against node:crypto's X509Certificate (OpenSSL's
 * parser) as an independent reader; frozen objects and fresh copies; PEM forms; the key
 * kinds (P-256 and X25519 as PublicKeys, RSA as unsupported data); and a negative table, one row per
 * way a certificate can break RFC 5280 or DER, each refused with a typed error.
 */
import { X509Certificate } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
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
import { expectCryptoError } from '../support/errors';
import { certificateWith, intermediate, keyFor, leaf, root, rsaPublicKeyDer } from './fixtures';

const R = root();
const I = intermediate(R, 'intermediate', { ca: { pathLength: 0 } });
const LEAF = leaf(I, {
  subjectAltNames: {
    dns: ['leaf.example', '*.leaf.example'],
    ip: ['127.0.0.1', '2001:db8::1'],
    email: ['a@leaf.example'],
    uri: ['https://leaf.example/'],
  },
  extendedKeyUsage: ['serverAuth', 'clientAuth'],
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
