/**
 * Issuing (src/x509/builder.ts): deterministic DER (a fixed signer gives identical bytes,
 * pinned by SHA-256), the defaults (v3, 16-octet positive random serials, validity, key
 * usage, key identifiers per RFC 7093 §2), what each option writes, and malformed options.
 * OpenSSL's view of these certificates is tested in openssl-interop.test.ts.
 */
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
import { sha256 } from '../../src/hash/sha256.js';
import { DerReader } from '../../src/keys/der.js';
import {
  issueCertificate,
  keyIdentifier,
  randomSerialNumber,
  selfSignedCertificate,
} from '../../src/x509/builder.js';
import type { Signer } from '../../src/x509/signature.js';
import { Name } from '../../src/x509/name.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { intermediate, keyFor, leaf, root, T, VALID } from './fixtures';

/** A signer that always returns the same (invalid but well-formed) ECDSA-Sig-Value. */
function fixedSigner(label: string): Signer {
  return { publicKey: keyFor(label).publicKey, sign: () => hexToBytes('3006020101020102') };
}

const FIXED = {
  subject: 'CN=Deterministic,O=ecdh-lab',
  serialNumber: 0x0123456789abcdefn,
  notBefore: new Date(T),
  notAfter: new Date(T + 86400e3),
};

describe('deterministic DER', () => {
  it('the same inputs and signature give the same bytes (pinned)', () => {
    const a = selfSignedCertificate({ ...FIXED, signer: fixedSigner('det') });
    const b = selfSignedCertificate({ ...FIXED, signer: fixedSigner('det') });
    expect(bytesToHex(a.toDer())).toBe(bytesToHex(b.toDer()));
    expect(bytesToHex(sha256(a.toDer()))).toBe(PINNED_ROOT);
    const child = (issuer: typeof a) =>
      issueCertificate({
        ...FIXED,
        subject: 'CN=child',
        issuerCertificate: issuer,
        issuerSigner: fixedSigner('det'),
        publicKey: keyFor('child').publicKey,
        subjectAltNames: { dns: ['child.example'] },
        extendedKeyUsage: ['serverAuth'],
      });
    expect(bytesToHex(child(a).toDer())).toBe(bytesToHex(child(b).toDer()));
    expect(bytesToHex(sha256(child(a).toDer()))).toBe(PINNED_CHILD);
  });
});

describe('defaults', () => {
  const R = root('defaults', { notBefore: undefined, notAfter: undefined });
  it('a self-signed CA: v3, cA TRUE, keyCertSign + cRLSign + digitalSignature, SKI, no AKI', () => {
    const cert = R.cert;
    expect(cert.version).toBe(3);
    expect(cert.issuer.equals(cert.subject)).toBe(true);
    expect(cert.extensions.basicConstraints).toEqual({ critical: true, ca: true });
    expect(cert.extensions.keyUsage).toEqual({
      critical: true,
      usages: ['digitalSignature', 'keyCertSign', 'cRLSign'],
    });
    expect(cert.extensions.authorityKeyIdentifier).toBeUndefined();
    expect(cert.isSignedBy(cert, nodeVerifier)).toBe(true);
  });
  it('validity: from now (whole seconds) for 365 days', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const cert = root('now', { notBefore: undefined, notAfter: undefined }).cert;
    expect(cert.notBefore.getTime()).toBeGreaterThanOrEqual(before);
    expect(cert.notBefore.getTime() % 1000).toBe(0);
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(365 * 86400e3);
    expect(
      root('days', {
        notBefore: new Date(T),
        notAfter: undefined,
        days: 2,
      }).cert.notAfter.getTime(),
    ).toBe(T + 2 * 86400e3);
  });
  it('an issued certificate: not a CA, digitalSignature, AKI = the issuer SKI, the issuer name copied byte for byte', () => {
    const cert = leaf(R);
    expect(cert.extensions.basicConstraints).toEqual({ critical: true, ca: false });
    expect(cert.extensions.keyUsage!.usages).toEqual(['digitalSignature']);
    expect(cert.extensions.authorityKeyIdentifier!.keyIdentifier).toBe(
      R.cert.extensions.subjectKeyIdentifier!.keyIdentifier,
    );
    expect(bytesToHex(cert.issuer.toDer())).toBe(bytesToHex(R.cert.subject.toDer()));
  });
  it('serials: 16 random octets at most, positive, different each time', () => {
    const serials = new Set<bigint>();
    for (let i = 0; i < 200; i++) {
      const serial = randomSerialNumber();
      expect(serial > 0n && serial < 1n << 127n).toBe(true);
      serials.add(serial);
    }
    expect(serials.size).toBe(200);
    expect(leaf(root()).serialNumber).not.toBe(leaf(root()).serialNumber);
  });
  it('subjectKeyIdentifier is RFC 7093 §2 method 1: SHA-256 of subjectPublicKey, leftmost 160 bits', () => {
    const key = keyFor('ski').publicKey;
    expect(bytesToHex(keyIdentifier(key.toDer()))).toBe(
      bytesToHex(sha256(key.toRaw()).slice(0, 20)),
    );
  });
});

describe('options', () => {
  const R = root();
  it('ca with pathLength, keyUsage, extendedKeyUsage by name and OID, hash', () => {
    const I = intermediate(R, 'intermediate', {
      ca: { pathLength: 2 },
      keyUsage: ['keyCertSign'],
      extendedKeyUsage: ['serverAuth', '1.3.6.1.5.5.7.3.9'],
      hash: 'SHA-512',
    });
    expect(I.cert.extensions.basicConstraints).toEqual({ critical: true, ca: true, pathLength: 2 });
    expect(I.cert.extensions.keyUsage!.usages).toEqual(['keyCertSign']);
    expect(I.cert.extensions.extendedKeyUsage).toEqual({
      critical: false,
      purposes: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.9'],
    });
    expect(I.cert.signatureAlgorithm.name).toBe('ecdsa-with-SHA512');
    expect(I.cert.isSignedBy(R.cert, nodeVerifier)).toBe(true);
  });
  it('subjectAltName is critical when the subject is empty (RFC 5280 §4.2.1.6)', () => {
    expect(leaf(R).extensions.subjectAltName!.critical).toBe(false);
    expect(leaf(R, { subject: '' }).extensions.subjectAltName!.critical).toBe(true);
    expect(leaf(R, { subject: Name.parse('') }).subject.isEmpty).toBe(true);
  });
  it('times after 2049 are GeneralizedTime, before are UTCTime', () => {
    const cert = leaf(R, { notAfter: new Date(Date.UTC(2050, 0, 1)) });
    const validity = new DerReader(cert.tbsCertificate()).readSequence();
    validity.readExplicit(0);
    validity.readInteger();
    validity.readSequence();
    validity.readSequence();
    const times = validity.readSequence();
    expect([times.readAny().tag, times.readAny().tag]).toEqual([0x17, 0x18]);
  });
  it('an empty keyUsage list writes no keyUsage', () => {
    expect(leaf(R, { keyUsage: [] }).extensions.keyUsage).toBeUndefined();
  });
});

describe('malformed options', () => {
  const R = root();
  const base = {
    issuerCertificate: R.cert,
    issuerSigner: nodeSigner(R.key),
    subject: 'CN=x',
    publicKey: keyFor('x').publicKey,
    ...VALID,
  };
  it.each<[string, () => unknown, ErrorConstructor]>([
    ['options missing', () => issueCertificate(undefined as never), TypeError],
    [
      'the signer does not hold the issuer key',
      () => issueCertificate({ ...base, issuerSigner: nodeSigner(keyFor('other')) }),
      RangeError,
    ],
    [
      'issuerCertificate not a Certificate',
      () => issueCertificate({ ...base, issuerCertificate: R.cert.toDer() as never }),
      TypeError,
    ],
    [
      'a signer without sign()',
      () =>
        selfSignedCertificate({
          signer: { publicKey: R.key.publicKey } as Signer,
          subject: 'CN=x',
        }),
      TypeError,
    ],
    [
      'subject of another type',
      () => issueCertificate({ ...base, subject: 42 as never }),
      TypeError,
    ],
    ['a malformed subject', () => issueCertificate({ ...base, subject: 'CN' }), RangeError],
    ['serial 0', () => issueCertificate({ ...base, serialNumber: 0n }), RangeError],
    [
      'serial of 21 octets',
      () => issueCertificate({ ...base, serialNumber: 1n << 160n }),
      RangeError,
    ],
    ['serial a number', () => issueCertificate({ ...base, serialNumber: 5 as never }), TypeError],
    [
      'notAfter before notBefore',
      () => issueCertificate({ ...base, notAfter: new Date(T - 366 * 86400e3) }),
      RangeError,
    ],
    [
      'an invalid Date',
      () => issueCertificate({ ...base, notBefore: new Date(Number.NaN) }),
      TypeError,
    ],
    ['days 0', () => issueCertificate({ ...base, notAfter: undefined, days: 0 }), RangeError],
    [
      'a year past 9999',
      () => issueCertificate({ ...base, notAfter: new Date(Date.UTC(10000, 0, 1)) }),
      RangeError,
    ],
    [
      'an unknown key usage',
      () => issueCertificate({ ...base, keyUsage: ['signEverything' as never] }),
      TypeError,
    ],
    [
      'an unknown purpose',
      () => issueCertificate({ ...base, extendedKeyUsage: ['anything'] }),
      RangeError,
    ],
    ['an empty purpose list', () => issueCertificate({ ...base, extendedKeyUsage: [] }), TypeError],
    [
      'pathLength with a fraction',
      () => issueCertificate({ ...base, ca: { pathLength: 1.5 } }),
      TypeError,
    ],
    [
      'an IP that is not one',
      () => issueCertificate({ ...base, subjectAltNames: { ip: ['1.2.3'] } }),
      RangeError,
    ],
    [
      'a DNS name outside IA5',
      () => issueCertificate({ ...base, subjectAltNames: { dns: ['bücher.example'] } }),
      RangeError,
    ],
    [
      'an empty subjectAltNames',
      () => issueCertificate({ ...base, subjectAltNames: {} }),
      RangeError,
    ],
    ['a hash not offered', () => issueCertificate({ ...base, hash: 'SHA-1' as never }), TypeError],
    [
      'a publicKey that is not an SPKI',
      () => issueCertificate({ ...base, publicKey: hexToBytes('3000') }),
      Error,
    ],
  ])('%s', (_what, fn, type) => {
    expect(fn).toThrow(type);
  });
});

const PINNED_ROOT = '2c8b0b8c02c9e8e879ae52878b4bed3de1215ae534336f7d050ac1a2a8e8ce2c';
const PINNED_CHILD = '52378a950db0aba2014ad790489a2bfd66e83dca199162ecebea2f3dd02080f3';
