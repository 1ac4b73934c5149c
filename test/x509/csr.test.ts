/**
 * PKCS #10 requests (src/x509/csr.ts, RFC 2986): create, parse back, check the
 * self-signature, issue from a request (what is copied and what is the issuer's choice),
 * and requests the parser refuses. OpenSSL reads ours and we read OpenSSL's in
 * openssl-interop.test.ts; the Debian corpus holds 25 more in corpus.test.ts.
 */
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
import { derInteger, derOctetString, derSequence } from '../../src/keys/der.js';
import { derContext, derOid, derSetOf, setOfContents } from '../../src/x509/asn1.js';
import {
  CertificationRequest,
  createCertificationRequest,
  issueFromRequest,
} from '../../src/x509/csr.js';
import { derExtension } from '../../src/x509/extensions.js';
import { Name } from '../../src/x509/name.js';
import { derSignatureAlgorithm } from '../../src/x509/signature.js';
import { verifyChain } from '../../src/x509/verify.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { expectCryptoError } from '../support/errors';
import { keyFor, root, T, VALID } from './fixtures';

const KEY = keyFor('request');
const CSR = createCertificationRequest({
  signer: nodeSigner(KEY),
  subject: 'CN=req.example,O=Example',
  subjectAltNames: { dns: ['req.example', 'www.req.example'], ip: ['192.0.2.7'] },
});

describe('create and parse', () => {
  it('round trips through DER and PEM, with the requested names', () => {
    for (const csr of [
      CertificationRequest.fromDer(CSR.toDer()),
      CertificationRequest.fromPem(CSR.toPem()),
    ]) {
      expect(csr.equals(CSR)).toBe(true);
      expect(csr.subject.toString()).toBe('CN=req.example,O=Example');
      expect(csr.publicKey!.equals(KEY.publicKey)).toBe(true);
      expect(csr.subjectAltNames.map((n) => n.value)).toEqual([
        'req.example',
        'www.req.example',
        '192.0.2.7',
      ]);
      expect(csr.signatureAlgorithm.name).toBe('ecdsa-with-SHA256');
      expect(csr.attributes).toEqual([]);
    }
    expect(CSR.toPem()).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const legacy = CSR.toPem().replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST');
    expect(CertificationRequest.fromPem(legacy).equals(CSR)).toBe(true);
  });
  it('without names, the attributes field is present and empty (a0 00)', () => {
    const csr = createCertificationRequest({
      signer: nodeSigner(KEY),
      subject: 'CN=bare',
      hash: 'SHA-384',
    });
    expect(csr.subjectAltNames).toEqual([]);
    expect(bytesToHex(csr.toDer())).toMatch(/a000/);
    expect(csr.signatureAlgorithm.name).toBe('ecdsa-with-SHA384');
    expect(csr.verifySignature(nodeVerifier)).toBe(true);
  });
});

describe('the self-signature', () => {
  it('verifies, and fails for any flipped bit of the signed part or the signature', () => {
    expect(CSR.verifySignature(nodeVerifier)).toBe(true);
    const der = CSR.toDer();
    const subjectAt =
      bytesToHex(der).indexOf(bytesToHex(new TextEncoder().encode('req.example'))) / 2;
    for (const at of [subjectAt, der.length - 3]) {
      const tampered = der.slice();
      tampered[at] ^= 1;
      expect(CertificationRequest.fromDer(tampered).verifySignature(nodeVerifier)).toBe(false);
    }
  });
});

describe('issueFromRequest', () => {
  const R = root();
  const options = {
    issuerCertificate: R.cert,
    issuerSigner: nodeSigner(R.key),
    verifier: nodeVerifier,
    ...VALID,
  };

  it('certifies the subject and key, with the requested names; the rest is the issuer’s choice', () => {
    const cert = issueFromRequest(CSR, { ...options, extendedKeyUsage: ['serverAuth'] });
    expect(cert.subject.equals(CSR.subject)).toBe(true);
    expect(cert.publicKey!.equals(KEY.publicKey)).toBe(true);
    expect(cert.extensions.subjectAltName!.names).toEqual(CSR.subjectAltNames);
    expect(cert.extensions.basicConstraints!.ca).toBe(false);
    expect(
      verifyChain(cert, {
        anchors: [R.cert],
        time: T,
        host: 'www.req.example',
        verifier: nodeVerifier,
      }).chain.length,
    ).toBe(2);
  });
  it('the options may replace the subject and the names', () => {
    const cert = issueFromRequest(CSR, {
      ...options,
      subject: 'CN=other',
      subjectAltNames: { dns: ['other.example'] },
    });
    expect(cert.subject.toString()).toBe('CN=other');
    expect(cert.extensions.subjectAltName!.names).toEqual([
      { type: 'dns', value: 'other.example' },
    ]);
  });
  it('a request whose signature does not verify is refused with CERT_BAD_SIGNATURE', () => {
    const der = CSR.toDer();
    der[der.length - 3] ^= 1;
    expectCryptoError(
      () => issueFromRequest(CertificationRequest.fromDer(der), options),
      'CERT_BAD_SIGNATURE',
      /^x509: request 'CN=req.example,O=Example'/,
    );
  });
  it('wrong types are TypeErrors', () => {
    expect(() => issueFromRequest(CSR.toDer() as never, options)).toThrow(TypeError);
    expect(() => issueFromRequest(CSR, undefined as never)).toThrow(TypeError);
    expect(() =>
      createCertificationRequest({ signer: nodeSigner(KEY), subject: 1 as never }),
    ).toThrow(TypeError);
  });
});

describe('refused requests (INVALID_ENCODING)', () => {
  const algorithm = derSignatureAlgorithm('SHA-256');
  const signature = hexToBytes('030900300602010102010f');
  const request = (version: bigint, attributes?: Uint8Array) =>
    derSequence(
      derSequence(
        derInteger(version),
        Name.parse('CN=r').toDer(),
        KEY.publicKey.toDer(),
        ...(attributes ? [attributes] : []),
      ),
      algorithm,
      signature,
    );
  const extensionRequest = derSequence(
    derOid('1.2.840.113549.1.9.14'),
    derSetOf(derSequence(derExtension('2.5.29.14', false, derOctetString(Uint8Array.of(1))))),
  );
  it.each<[string, Uint8Array, RegExp]>([
    ['version 1', request(1n, derContext(0, true, new Uint8Array(0))), /version must be 0/],
    ['no attributes field', request(0n), /expected tag 0xa0/],
    [
      'an attribute with no value',
      request(0n, derContext(0, true, derSequence(derOid('1.2.3'), derSetOf()))),
      /has no value/,
    ],
    [
      'extensionRequest twice',
      request(0n, derContext(0, true, setOfContents([extensionRequest, extensionRequest]))),
      /must appear once/,
    ],
  ])('%s', (_reason, der, message) => {
    expectCryptoError(() => CertificationRequest.fromDer(der), 'INVALID_ENCODING', message);
  });
  it('other attributes are kept as data', () => {
    const challenge = derSequence(
      derOid('1.2.840.113549.1.9.7'),
      derSetOf(hexToBytes('0c0470617373')),
    );
    const csr = CertificationRequest.fromDer(
      request(0n, derContext(0, true, setOfContents([challenge]))),
    );
    expect(csr.attributes).toEqual([{ oid: '1.2.840.113549.1.9.7', values: ['0c0470617373'] }]);
  });
  it('PEM with another label, or two requests, is refused', () => {
    expectCryptoError(
      () => CertificationRequest.fromPem(KEY.publicKey.toPem()),
      'INVALID_ENCODING',
    );
    expectCryptoError(
      () => CertificationRequest.fromPem(CSR.toPem() + CSR.toPem()),
      'INVALID_ENCODING',
    );
  });
});
