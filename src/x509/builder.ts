/**
 * Issuing certificates (RFC 5280 §4.1): build tbsCertificate, have the issuer's key sign
 * its DER, wrap both. Three entry points:
 *
 *   selfSignedCertificate({ signer, subject, … })     a root CA: issuer = subject, signed by its own key
 *   issueCertificate({ issuerCertificate, issuerSigner, subject, publicKey, … })   a leaf or intermediate
 *   issueFromRequest(csr, { issuerCertificate, issuerSigner, … })   the same, subject and key from a PKCS#10 request
 *
 * What is written, always in this order (deterministic DER: the same inputs and the same
 * signature give the same bytes):
 *   version v3; serialNumber (default: 16 random octets, made positive); ecdsa-with-SHA256
 *   (or -384/-512); the issuer's subject, copied byte for byte from its certificate; validity
 *   (UTCTime through 2049, GeneralizedTime after, RFC 5280 §4.1.2.5); subject; the key; then
 *   the extensions
 *     basicConstraints  critical   cA TRUE [pathLen] for a CA, empty (cA FALSE) otherwise
 *     keyUsage          critical   default: CA keyCertSign, cRLSign, digitalSignature; leaf digitalSignature
 *     extendedKeyUsage             only when asked for (serverAuth, clientAuth, …)
 *     subjectAltName               when names are given; critical when the subject is empty (§4.2.1.6)
 *     subjectKeyIdentifier         RFC 7093 §2 method 1: the leftmost 160 bits of SHA-256(subjectPublicKey)
 *     authorityKeyIdentifier       the issuer's subjectKeyIdentifier (or its key's, computed the same way); not on self-signed
 *     …and any extra extensions given, after these.
 *
 * The builder does not judge what it is asked to write (it will issue from a non-CA, or a
 * wildcard in the middle of a name): that is what verification is for, and tests need such
 * certificates. It does refuse malformed input (TypeError, RangeError).
 */
import { assertBytes, assertInteger, hexToBytes } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { DerReader, derBitString, derInteger, derOctetString, derSequence } from '../keys/der.js';
import { PublicKey } from '../keys/public-key.js';
import { randomBytes } from '../random.js';
import { derContext } from './asn1.js';
import { derTime } from './time.js';
import { Certificate } from './certificate.js';
import {
  derAuthorityKeyIdentifier,
  derBasicConstraints,
  derExtendedKeyUsage,
  derExtension,
  derKeyUsage,
  KEY_USAGES,
  type KeyUsage,
} from './extensions.js';
import { derGeneralNames, type SubjectAltNames } from './general-name.js';
import { Name } from './name.js';
import { EXTENSIONS } from './oids.js';
import { readSubjectPublicKeyInfo } from './public-key-info.js';
import {
  assertSignatureHash,
  assertSigner,
  derSignatureAlgorithm,
  type SignatureHash,
  type Signer,
} from './signature.js';

/** An extension to add as it is (for what the builder does not write itself). */
export interface ExtraExtension {
  /** extnID, dotted. */
  oid: string;
  critical?: boolean;
  /** The DER of the extension's value (wrapped in the OCTET STRING here). */
  value: Uint8Array;
}

/** What every certificate needs, apart from who signs it. */
export interface CertificateTemplate {
  /** The subject: a Name, or an RFC 4514 string such as 'CN=Test CA,O=Example'. */
  subject: Name | string;
  /** serialNumber (default: 16 random octets with the top bit cleared; must be positive). */
  serialNumber?: bigint;
  /** Start of validity (default: now, rounded down to the second). */
  notBefore?: Date;
  /** End of validity (default: notBefore + `days`). */
  notAfter?: Date;
  /** Days of validity when notAfter is not given (default 365). */
  days?: number;
  /** A CA (`true`, or `{ pathLength }` to limit the intermediates below it), or not (default for issued certificates). */
  ca?: boolean | { pathLength?: number };
  /** keyUsage bits (default: CA keyCertSign, cRLSign, digitalSignature; otherwise digitalSignature). */
  keyUsage?: readonly KeyUsage[];
  /** extendedKeyUsage purposes: 'serverAuth', 'clientAuth', … or dotted OIDs (default: none written). */
  extendedKeyUsage?: readonly string[];
  /** subjectAltName entries. */
  subjectAltNames?: SubjectAltNames;
  /** The signature's hash (default 'SHA-256'). */
  hash?: SignatureHash;
  /** Extensions written after the builder's own. */
  extraExtensions?: readonly ExtraExtension[];
}

/** Options of `selfSignedCertificate`. */
export interface SelfSignedOptions extends CertificateTemplate {
  /** The subject's own key, which signs. */
  signer: Signer;
}

/** Options of `issueCertificate`. */
export interface IssueOptions extends CertificateTemplate {
  /** The subject's public key: a P-256 PublicKey, or any DER SubjectPublicKeyInfo. */
  publicKey: PublicKey | Uint8Array;
  /** The issuing CA's certificate. */
  issuerCertificate: Certificate;
  /** The issuing CA's key (its public key must be the certificate's). */
  issuerSigner: Signer;
}

const DAY = 86400000;

/**
 * A self-signed certificate: by default a root CA (cA TRUE).
 * @param options - signer, subject and the template's optional fields
 * @returns the certificate
 * @throws TypeError / RangeError for malformed options
 * @example
 * const root = selfSignedCertificate({ signer, subject: 'CN=Test Root,O=Example', days: 3650 });
 */
export function selfSignedCertificate(options: SelfSignedOptions): Certificate {
  assertObject(options);
  const { signer } = options;
  assertSigner(signer, 'signer');
  const subject = readSubject(options.subject);
  const spki = signer.publicKey.toDer();
  return build(options, {
    subject,
    spki,
    issuerName: subject.toDer(),
    authorityKeyId: undefined,
    signer,
    defaultCa: true,
  });
}

/**
 * A certificate for `publicKey`, signed by a CA.
 * @param options - subject, publicKey, issuerCertificate, issuerSigner and the template's optional fields
 * @returns the certificate
 * @throws TypeError / RangeError for malformed options, or when issuerSigner's key is not the issuer certificate's
 * @example
 * const leaf = issueCertificate({ issuerCertificate: root, issuerSigner: rootSigner, subject: 'CN=localhost',
 *   publicKey: leafKey.publicKey, subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] }, extendedKeyUsage: ['serverAuth'] });
 */
export function issueCertificate(options: IssueOptions): Certificate {
  assertObject(options);
  const { issuerCertificate, issuerSigner, publicKey } = options;
  if (!(issuerCertificate instanceof Certificate))
    throw new TypeError('issuerCertificate must be a Certificate');
  assertSigner(issuerSigner, 'issuerSigner');
  const issuerKey = issuerCertificate.publicKey;
  if (issuerKey === undefined || !issuerKey.equals(issuerSigner.publicKey))
    throw new RangeError("issuerSigner's public key is not the key of issuerCertificate");
  return build(options, {
    subject: readSubject(options.subject),
    spki: readSpki(publicKey),
    issuerName: issuerCertificate.subject.toDer(),
    authorityKeyId: authorityKeyIdOf(issuerCertificate),
    signer: issuerSigner,
    defaultCa: false,
  });
}

/**
 * RFC 7093 §2 method 1: the leftmost 160 bits of SHA-256 over subjectPublicKey's octets.
 * @param spki - a DER SubjectPublicKeyInfo
 */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const { info } = readSubjectPublicKeyInfo(new DerReader(spki), 'key');
  return sha256(hexToBytes(info.subjectPublicKey)).slice(0, 20);
}

function authorityKeyIdOf(issuer: Certificate): Uint8Array {
  const ski = issuer.extensions.subjectKeyIdentifier?.keyIdentifier;
  return ski === undefined ? keyIdentifier(issuer.subjectPublicKeyInfo()) : hexToBytes(ski);
}

function assertObject(options: unknown): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
}

function readSubject(subject: unknown): Name {
  if (subject instanceof Name) return subject;
  if (typeof subject === 'string') return Name.parse(subject);
  throw new TypeError('subject must be a Name or a string');
}

/** A SubjectPublicKeyInfo from a PublicKey, or checked DER (parse, then trust). */
export function readSpki(publicKey: unknown): Uint8Array {
  if (publicKey instanceof PublicKey) return publicKey.toDer();
  assertBytes(publicKey, 'publicKey');
  const copy = publicKey.slice();
  const reader = new DerReader(copy);
  readSubjectPublicKeyInfo(reader, 'publicKey');
  reader.assertEnd();
  return copy;
}

interface Parties {
  subject: Name;
  spki: Uint8Array;
  issuerName: Uint8Array;
  authorityKeyId: Uint8Array | undefined;
  signer: Signer;
  defaultCa: boolean;
}

/** A positive random serial of at most 16 octets (RFC 5280 §4.1.2.2 allows 20; CAs use ≥ 64 random bits). */
export function randomSerialNumber(): bigint {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  let serial = 0n;
  for (const byte of bytes) serial = (serial << 8n) | BigInt(byte);
  return serial === 0n ? 1n : serial;
}

function build(options: CertificateTemplate, parties: Parties): Certificate {
  // Read every option once.
  const {
    serialNumber = randomSerialNumber(),
    notBefore,
    notAfter,
    days = 365,
    ca = parties.defaultCa,
  } = options;
  const {
    keyUsage,
    extendedKeyUsage,
    subjectAltNames,
    hash = 'SHA-256',
    extraExtensions = [],
  } = options;
  if (typeof serialNumber !== 'bigint') throw new TypeError('serialNumber must be a bigint');
  if (serialNumber <= 0n || serialNumber >= 1n << 159n)
    throw new RangeError('serialNumber must be positive and at most 20 octets (RFC 5280 §4.1.2.2)');
  assertSignatureHash(hash, 'hash');
  const start =
    notBefore === undefined ? Math.floor(Date.now() / 1000) * 1000 : dateMs(notBefore, 'notBefore');
  let end: number;
  if (notAfter === undefined) {
    assertInteger(days, 'days', 1, 3650000);
    end = start + days * DAY;
  } else end = dateMs(notAfter, 'notAfter');
  if (end < start) throw new RangeError('notAfter must not be before notBefore');

  const isCa = ca !== false;
  if (typeof ca !== 'boolean' && (typeof ca !== 'object' || ca === null))
    throw new TypeError('ca must be a boolean or { pathLength }');
  const pathLength = typeof ca === 'object' ? ca.pathLength : undefined;
  if (pathLength !== undefined) assertInteger(pathLength, 'ca.pathLength', 0, 255);
  const usages =
    keyUsage ?? (isCa ? ['keyCertSign', 'cRLSign', 'digitalSignature'] : ['digitalSignature']);
  if (!Array.isArray(usages) || usages.some((u) => !KEY_USAGES.includes(u)))
    throw new TypeError(`keyUsage must be an array of: ${KEY_USAGES.join(', ')}`);

  const extensions: Uint8Array[] = [
    derExtension(EXTENSIONS.basicConstraints, true, derBasicConstraints(isCa, pathLength)),
  ];
  if (usages.length > 0)
    extensions.push(derExtension(EXTENSIONS.keyUsage, true, derKeyUsage(usages)));
  if (extendedKeyUsage !== undefined) {
    if (!Array.isArray(extendedKeyUsage) || extendedKeyUsage.length === 0)
      throw new TypeError('extendedKeyUsage must be a non-empty array');
    extensions.push(
      derExtension(EXTENSIONS.extendedKeyUsage, false, derExtendedKeyUsage(extendedKeyUsage)),
    );
  }
  if (subjectAltNames !== undefined)
    extensions.push(
      derExtension(
        EXTENSIONS.subjectAltName,
        parties.subject.isEmpty,
        derGeneralNames(subjectAltNames),
      ),
    );
  extensions.push(
    derExtension(
      EXTENSIONS.subjectKeyIdentifier,
      false,
      derOctetString(keyIdentifier(parties.spki)),
    ),
  );
  if (parties.authorityKeyId !== undefined)
    extensions.push(
      derExtension(
        EXTENSIONS.authorityKeyIdentifier,
        false,
        derAuthorityKeyIdentifier(parties.authorityKeyId),
      ),
    );
  if (!Array.isArray(extraExtensions)) throw new TypeError('extraExtensions must be an array');
  for (const extra of extraExtensions) {
    if (typeof extra?.oid !== 'string')
      throw new TypeError('extraExtensions[].oid must be a dotted OID string');
    assertBytes(extra.value, 'extraExtensions[].value');
    extensions.push(derExtension(extra.oid, extra.critical === true, extra.value));
  }

  const algorithm = derSignatureAlgorithm(hash);
  const tbs = derSequence(
    derContext(0, true, derInteger(2n)), // version v3
    derInteger(serialNumber),
    algorithm,
    parties.issuerName,
    derSequence(derTime(start, 'notBefore'), derTime(end, 'notAfter')),
    parties.subject.toDer(),
    parties.spki,
    derContext(3, true, derSequence(...extensions)),
  );
  const signature = parties.signer.sign(tbs, hash);
  assertBytes(signature, 'signature returned by the signer');
  return Certificate.fromDer(derSequence(tbs, algorithm, derBitString(signature)));
}

function dateMs(value: unknown, name: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new TypeError(`${name} must be a valid Date`);
  return Math.floor(value.getTime() / 1000) * 1000;
}
