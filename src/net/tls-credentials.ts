/// <reference types="node" />
/**
 * PEM files in, TLS engine objects out: the server's credential (its certificate chain and a
 * CertificateVerify signer under the leaf's private key) and the client's certificate verifier
 * (X.509 path validation against the given trust anchors, RFC 5280 §6, with the server name
 * checked against the leaf's subjectAltName, RFC 6125).
 *
 * Signatures are ecdsa_secp256r1_sha256 (RFC 8446 §4.2.3): ECDSA over P-256 with SHA-256, DER.
 */
import { PrivateKey } from '../keys/private-key.js';
import { TlsError, type AlertDescription } from '../tls/alert.js';
import type {
  TlsCertificateVerifier,
  TlsPeerKey,
  TlsServerCredential,
} from '../tls/authentication.js';
import { ECDSA_SECP256R1_SHA256 } from '../tls/authentication.js';
import { Certificate } from '../x509/certificate.js';
import { verifyChain } from '../x509/verify.js';

/** PEM text, or the bytes of a PEM file. */
export type PemInput = string | Uint8Array;

function pemText(value: PemInput, name: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  throw new TypeError(`${name} must be PEM text or the bytes of a PEM file`);
}

/**
 * The server credential for a PEM certificate chain (leaf first) and the leaf's PEM private key.
 * @throws TypeError for a wrong type; CryptoError when the key does not match the leaf
 */
export function pemServerCredential(
  cert: PemInput,
  key: PemInput | PrivateKey,
): TlsServerCredential {
  const chain = Certificate.fromPemBundle(pemText(cert, 'cert'));
  if (chain.length === 0) throw new TypeError('cert holds no certificate');
  const privateKey = key instanceof PrivateKey ? key : PrivateKey.fromPem(pemText(key, 'key'));
  const leafKey = chain[0].publicKey;
  if (leafKey === undefined || !leafKey.equals(privateKey.publicKey))
    throw new RangeError('key is not the private key of the first certificate in cert');
  return {
    certificateChain: chain.map((certificate) => certificate.toDer()),
    signatureSchemes: [ECDSA_SECP256R1_SHA256],
    sign(scheme, content) {
      if (scheme !== ECDSA_SECP256R1_SHA256)
        throw new TlsError(
          'internal_error',
          'tls: the credential signs ecdsa_secp256r1_sha256 only',
        );
      return privateKey.sign(content, { format: 'der' });
    },
  };
}

/** The alert for a certificate the verifier refused (RFC 8446 §6.2). */
function certificateAlert(code: string | undefined): AlertDescription {
  switch (code) {
    case 'CERT_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return 'certificate_expired';
    case 'CERT_UNKNOWN_ISSUER':
      return 'unknown_ca';
    case 'CERT_UNSUPPORTED_KEY':
    case 'CERT_UNSUPPORTED_ALGORITHM':
      return 'unsupported_certificate';
    case 'CERT_HOST_MISMATCH':
    case 'CERT_WRONG_USAGE':
      return 'certificate_unknown';
    default:
      return 'bad_certificate';
  }
}

/**
 * A verifier that accepts chains ending at one of the PEM trust anchors in `ca` and, when the
 * client has a server name, a leaf valid for it.
 * @throws TypeError when `ca` holds no certificate
 */
export function pemCertificateVerifier(ca: PemInput | readonly PemInput[]): TlsCertificateVerifier {
  const anchors = (Array.isArray(ca) ? ca : [ca]).flatMap((pem: PemInput) =>
    Certificate.fromPemBundle(pemText(pem, 'ca')),
  );
  if (anchors.length === 0) throw new TypeError('ca holds no certificate');
  return {
    verifyChain(der, serverName): TlsPeerKey {
      let leaf: Certificate;
      try {
        const [first, ...rest] = der.map((bytes) => Certificate.fromDer(bytes));
        verifyChain(first, { anchors, intermediates: rest, host: serverName });
        leaf = first;
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new TlsError(
          certificateAlert(code),
          `tls: the server's certificate was refused: ${(error as Error).message}`,
        );
      }
      const key = leaf.publicKey!;
      return {
        verify: (scheme, content, signature) =>
          scheme === ECDSA_SECP256R1_SHA256 && key.verify(content, signature, { format: 'der' }),
      };
    },
  };
}
