/**
 * Certificates for the X.509 tests, issued by the library's builder with the test-only
 * node:crypto signer (test/support/node-ecdsa.ts). Keys are fixed (d = SHA-256 of a label)
 * so failures are reproducible; signatures are not (node's ECDSA picks a random k).
 */
import * as crypto from 'node:crypto';
import { concatBytes, utf8ToBytes } from '../../src/bytes/index.js';
import { sha256 } from '../../src/hash/sha256.js';
import { derBitString, derInteger, derSequence } from '../../src/keys/der.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { derContext } from '../../src/x509/asn1.js';
import { derTime } from '../../src/x509/time.js';
import {
  type CertificateTemplate,
  issueCertificate,
  selfSignedCertificate,
} from '../../src/x509/builder.js';
import type { Certificate } from '../../src/x509/certificate.js';
import { Name } from '../../src/x509/name.js';
import { derSignatureAlgorithm } from '../../src/x509/signature.js';
import { nodeSigner } from '../support/node-ecdsa';

/** The verification time of the tables: 2030-01-01T00:00:00Z. */
export const T = Date.UTC(2030, 0, 1);
export const DAY = 86400000;
/** A validity window around T: from T − 30 days to T + 365 days. */
export const VALID = { notBefore: new Date(T - 30 * DAY), notAfter: new Date(T + 365 * DAY) };

/** A fixed P-256 key per label: d = SHA-256(label) (below n for every label used here). */
export function keyFor(label: string): PrivateKey {
  return PrivateKey.fromRaw(sha256(utf8ToBytes(`ecdh-lab x509 test key: ${label}`)));
}

/** A CA and its key. */
export interface Issuer {
  cert: Certificate;
  key: PrivateKey;
}

/** A self-signed root CA. */
export function root(label = 'root', template: Partial<CertificateTemplate> = {}): Issuer {
  const key = keyFor(label);
  const cert = selfSignedCertificate({
    signer: nodeSigner(key),
    subject: `CN=Test ${label},O=ecdh-lab tests`,
    ...VALID,
    ...template,
  });
  return { cert, key };
}

/** A CA certificate signed by `parent`. */
export function intermediate(
  parent: Issuer,
  label = 'intermediate',
  template: Partial<CertificateTemplate> = {},
  keyLabel = label,
): Issuer {
  const key = keyFor(keyLabel);
  const cert = issueCertificate({
    issuerCertificate: parent.cert,
    issuerSigner: nodeSigner(parent.key),
    subject: `CN=Test ${label},O=ecdh-lab tests`,
    publicKey: key.publicKey,
    ca: true,
    ...VALID,
    ...template,
  });
  return { cert, key };
}

/** A server leaf for leaf.example (and 127.0.0.1), signed by `parent`. */
export function leaf(
  parent: Issuer,
  template: Partial<CertificateTemplate> & {
    publicKey?: Uint8Array | PrivateKey['publicKey'];
  } = {},
  label = 'leaf',
): Certificate {
  return issueCertificate({
    issuerCertificate: parent.cert,
    issuerSigner: nodeSigner(parent.key),
    subject: `CN=${label}.example`,
    publicKey: keyFor(label).publicKey,
    subjectAltNames: { dns: [`${label}.example`], ip: ['127.0.0.1'] },
    extendedKeyUsage: ['serverAuth'],
    ...VALID,
    ...template,
  });
}

let rsaSpki: Uint8Array | undefined;
/** A DER SubjectPublicKeyInfo of a fresh RSA-2048 key (node:crypto), for "unsupported key" cases. */
export function rsaPublicKeyDer(): Uint8Array {
  rsaSpki ??= new Uint8Array(
    crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'der' }),
  );
  return rsaSpki;
}

/** The certificate with one bit of its signature flipped (the TBS untouched). */
export function withBadSignature(cert: Certificate): Uint8Array {
  const der = cert.toDer();
  der[der.length - 5] ^= 0x01; // inside s, the last INTEGER of the ECDSA-Sig-Value
  return der;
}

/** Parts of a hand-assembled certificate; each defaults to a well-formed value. */
export interface CertificateParts {
  /** The whole [0] version field ('' for none, i.e. v1). */
  version?: Uint8Array;
  serial?: Uint8Array;
  /** The signature AlgorithmIdentifier inside tbsCertificate. */
  innerAlgorithm?: Uint8Array;
  /** The outer signatureAlgorithm. */
  outerAlgorithm?: Uint8Array;
  issuer?: Uint8Array;
  validity?: Uint8Array;
  subject?: Uint8Array;
  spki?: Uint8Array;
  /** Fields between the key and the extensions (unique identifiers). */
  uniqueIds?: Uint8Array[];
  /** Each Extension's DER; undefined = no [3] field. */
  extensions?: Uint8Array[];
  signature?: Uint8Array;
  /** Bytes after the Certificate SEQUENCE. */
  trailing?: Uint8Array;
}

/**
 * A certificate assembled field by field, for tests of what the parser refuses (its
 * signature is not valid; parsing does not check it).
 */
export function certificateWith(parts: CertificateParts = {}): Uint8Array {
  const algorithm = derSignatureAlgorithm('SHA-256');
  const name = Name.parse('CN=parts').toDer();
  const tbs = derSequence(
    parts.version ?? derContext(0, true, derInteger(2n)),
    parts.serial ?? derInteger(1n),
    parts.innerAlgorithm ?? algorithm,
    parts.issuer ?? name,
    parts.validity ?? derSequence(derTime(T - 30 * DAY), derTime(T + 30 * DAY)),
    parts.subject ?? name,
    parts.spki ?? keyFor('parts').publicKey.toDer(),
    ...(parts.uniqueIds ?? []),
    ...(parts.extensions ? [derContext(3, true, derSequence(...parts.extensions))] : []),
  );
  const signature = parts.signature ?? derBitString(Uint8Array.of(0x30, 0x06, 2, 1, 1, 2, 1, 1));
  return concatBytes(
    derSequence(tbs, parts.outerAlgorithm ?? algorithm, signature),
    parts.trailing ?? new Uint8Array(0),
  );
}
