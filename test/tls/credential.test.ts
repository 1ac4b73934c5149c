/**
 * ecdsaCredential and x509Verifier, the library's own server credential and certificate check
 * (src/tls/credential.ts, src/tls/verifier.ts): what they accept, what they refuse and with
 * which alert. Certificates: the fixtures of ./fixtures (made by make-fixtures.py with Python's
 * cryptography) and chains issued here by src/x509's builder. Signatures are cross-checked with
 * node:crypto (an independent ECDSA).
 */
import { createPublicKey, verify } from 'node:crypto';
import { CryptoError } from '../../src/errors';
import { sha256 } from '../../src/hash/sha256';
import { PrivateKey } from '../../src/keys/private-key';
import { TlsError } from '../../src/tls/alert';
import { certificateVerifyContent } from '../../src/tls/authentication';
import { ecdsaCredential } from '../../src/tls/credential';
import { certificateAlert, ecdsaPeerKey, x509Verifier } from '../../src/tls/verifier';
import { issueCertificate, selfSignedCertificate } from '../../src/x509/builder';
import { Certificate } from '../../src/x509/certificate';
import type { Signer } from '../../src/x509/signature';
import { certificateDer, fixture } from './support';

const signerOf = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message) => key.sign(message),
});

const leafPem = fixture('server.pem');
const keyPem = fixture('server.key');
const content = certificateVerifyContent('server', sha256(new Uint8Array(0)));

/** The alert a verifier refuses `chain` with. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TlsError) return error.alert;
    throw error;
  }
  return undefined;
}

describe('ecdsaCredential', () => {
  it('signs CertificateVerify content with ecdsa_secp256r1_sha256, verified by node:crypto', () => {
    const credential = ecdsaCredential({ key: keyPem, chain: leafPem });
    expect(credential.signatureSchemes).toEqual([0x0403]);
    expect(credential.certificateChain).toEqual([certificateDer(leafPem)]);
    const signature = credential.sign(0x0403, content);
    expect(signature[0]).toBe(0x30); // a DER ECDSA-Sig-Value
    const key = createPublicKey(leafPem);
    expect(verify('sha256', content, { key, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(credential.sign(0x0403, content)).toEqual(signature); // RFC 6979: deterministic
  });

  it('takes a PrivateKey and DER or Certificate chains alike', () => {
    const key = PrivateKey.fromPem(keyPem);
    const der = certificateDer(leafPem);
    const pem = ecdsaCredential({ key: keyPem, chain: leafPem });
    for (const chain of [[der], [Certificate.fromDer(der)]]) {
      const credential = ecdsaCredential({ key, chain });
      expect(credential.certificateChain).toEqual(pem.certificateChain);
    }
  });

  it('refuses a key that is not the leaf key, an empty chain, other schemes, bad types', () => {
    expect(() => ecdsaCredential({ key: PrivateKey.generate(), chain: leafPem })).toThrow(
      RangeError,
    );
    expect(() => ecdsaCredential({ key: keyPem, chain: [] })).toThrow(RangeError);
    expect(() => ecdsaCredential({ key: keyPem, chain: '' })).toThrow(CryptoError);
    expect(() => ecdsaCredential({ key: 42 as unknown as string, chain: leafPem })).toThrow(
      TypeError,
    );
    expect(() => ecdsaCredential({ key: keyPem, chain: [42] as unknown as Uint8Array[] })).toThrow(
      TypeError,
    );
    expect(() => ecdsaCredential(null as never)).toThrow(TypeError);
    const credential = ecdsaCredential({ key: keyPem, chain: leafPem });
    expect(() => credential.sign(0x0804, content)).toThrow(RangeError);
  });
});

describe('x509Verifier', () => {
  const chain = [certificateDer(leafPem)];
  const ca = fixture('ca.pem');

  it('accepts the fixture chain for each name in its subjectAltName; its key checks signatures', () => {
    for (const name of ['localhost', 'server.test', '127.0.0.1']) {
      const key = x509Verifier({ ca }).verifyChain(chain, name);
      const signature = ecdsaCredential({ key: keyPem, chain: leafPem }).sign(0x0403, content);
      expect(key.verify(0x0403, content, signature)).toBe(true);
      expect(key.verify(0x0804, content, signature)).toBe(false); // a scheme it cannot use
      expect(key.verify(0x0403, content.subarray(1), signature)).toBe(false);
    }
  });

  it('refuses with the alert of the X.509 failure', () => {
    expect(
      refusal(() => x509Verifier({ ca: fixture('other-ca.pem') }).verifyChain(chain, 'localhost')),
    ).toBe('unknown_ca');
    expect(refusal(() => x509Verifier({ ca }).verifyChain(chain, 'elsewhere.test'))).toBe(
      'certificate_unknown',
    );
    const expired = [certificateDer(fixture('expired.pem'))];
    expect(refusal(() => x509Verifier({ ca }).verifyChain(expired, 'localhost'))).toBe(
      'certificate_expired',
    );
    const early = new Date('2024-06-01T00:00:00Z'); // before the fixtures' notBefore
    expect(refusal(() => x509Verifier({ ca, now: early }).verifyChain(chain, 'localhost'))).toBe(
      'certificate_expired',
    );
    expect(
      refusal(() => x509Verifier({ ca }).verifyChain([new Uint8Array([0x30, 0])], 'localhost')),
    ).toBe('bad_certificate');
    expect(refusal(() => x509Verifier({ ca }).verifyChain([], 'localhost'))).toBe(
      'bad_certificate',
    );
  });

  it('a chain through an intermediate (src/x509 builder): sent with it, accepted; without it, unknown_ca', () => {
    const rootKey = PrivateKey.generate();
    const root = selfSignedCertificate({ signer: signerOf(rootKey), subject: 'CN=Root' });
    const interKey = PrivateKey.generate();
    const inter = issueCertificate({
      issuerCertificate: root,
      issuerSigner: signerOf(rootKey),
      subject: 'CN=Intermediate',
      publicKey: interKey.publicKey,
      ca: true,
    });
    const leafKey = PrivateKey.generate();
    const leaf = issueCertificate({
      issuerCertificate: inter,
      issuerSigner: signerOf(interKey),
      subject: 'CN=x.test',
      publicKey: leafKey.publicKey,
      subjectAltNames: { dns: ['x.test'] },
      extendedKeyUsage: ['serverAuth'],
    });
    const verifier = x509Verifier({ ca: [root] });
    expect(() => verifier.verifyChain([leaf.toDer(), inter.toDer()], 'x.test')).not.toThrow();
    expect(refusal(() => verifier.verifyChain([leaf.toDer()], 'x.test'))).toBe('unknown_ca');
    // the same names, signed by another key: bad_certificate
    const impostorKey = PrivateKey.generate();
    const impostor = selfSignedCertificate({ signer: signerOf(impostorKey), subject: 'CN=Root' });
    const forged = issueCertificate({
      issuerCertificate: impostor,
      issuerSigner: signerOf(impostorKey),
      subject: 'CN=x.test',
      publicKey: leafKey.publicKey,
      subjectAltNames: { dns: ['x.test'] },
    });
    expect(refusal(() => verifier.verifyChain([forged.toDer()], 'x.test'))).toBe('bad_certificate');
    // a leaf used as a CA: bad_certificate (CERT_NOT_CA)
    const underLeaf = issueCertificate({
      issuerCertificate: leaf,
      issuerSigner: signerOf(leafKey),
      subject: 'CN=y.test',
      publicKey: PrivateKey.generate().publicKey,
      subjectAltNames: { dns: ['y.test'] },
    });
    expect(
      refusal(() =>
        verifier.verifyChain([underLeaf.toDer(), leaf.toDer(), inter.toDer()], 'y.test'),
      ),
    ).toBe('bad_certificate');
  });

  it('the name: the client serverName by default, servername to override, null to skip, none refused', () => {
    expect(() =>
      x509Verifier({ ca, servername: 'localhost' }).verifyChain(chain, 'other.test'),
    ).not.toThrow();
    expect(() =>
      x509Verifier({ ca, servername: null }).verifyChain(chain, 'other.test'),
    ).not.toThrow();
    expect(refusal(() => x509Verifier({ ca }).verifyChain(chain, undefined))).toBe(
      'certificate_unknown',
    );
  });

  it('refuses bad options', () => {
    expect(() => x509Verifier({ ca: [] })).toThrow(RangeError);
    expect(() => x509Verifier({ ca: [42] as unknown as Uint8Array[] })).toThrow(TypeError);
    expect(() => x509Verifier({ ca, servername: 42 as unknown as string })).toThrow(TypeError);
    expect(() => x509Verifier({ ca, now: 'today' as unknown as Date })).toThrow(TypeError);
    expect(() => x509Verifier(undefined as never)).toThrow(TypeError);
  });

  it('certificateAlert maps every X.509 code', () => {
    const alert = (code: string) => certificateAlert(new CryptoError(code as never, 'x'));
    expect(alert('CERT_UNKNOWN_ISSUER')).toBe('unknown_ca');
    expect(alert('CERT_EXPIRED')).toBe('certificate_expired');
    expect(alert('CERT_NOT_YET_VALID')).toBe('certificate_expired');
    expect(alert('CERT_HOST_MISMATCH')).toBe('certificate_unknown');
    expect(alert('CERT_UNSUPPORTED_KEY')).toBe('unsupported_certificate');
    expect(alert('CERT_UNSUPPORTED_ALGORITHM')).toBe('unsupported_certificate');
    for (const code of [
      'CERT_BAD_SIGNATURE',
      'CERT_NOT_CA',
      'CERT_WRONG_USAGE',
      'CERT_PATH_TOO_LONG',
      'CERT_UNKNOWN_CRITICAL_EXTENSION',
      'INVALID_ENCODING',
    ])
      expect(alert(code)).toBe('bad_certificate');
    expect(certificateAlert(new Error('x'))).toBe('bad_certificate');
  });

  it('ecdsaPeerKey: false for a malformed signature, never a throw', () => {
    const key = ecdsaPeerKey(Certificate.fromPem(leafPem).publicKey!);
    expect(key.verify(0x0403, content, new Uint8Array(3))).toBe(false);
  });
});
