/**
 * X.509 certificates (RFC 5280 §4.1): a signed statement "this name holds this public
 * key", made by an issuer whose own key can be checked in turn.
 *
 *   Certificate ::= SEQUENCE {
 *     tbsCertificate       TBSCertificate,          -- "to be signed": the statement
 *     signatureAlgorithm   AlgorithmIdentifier,     -- e.g. ecdsa-with-SHA256
 *     signatureValue       BIT STRING }             -- the issuer's signature over tbsCertificate's DER
 *   TBSCertificate ::= SEQUENCE {
 *     version          [0] EXPLICIT Version DEFAULT v1,   -- v3 = 2 when there are extensions
 *     serialNumber         INTEGER,
 *     signature            AlgorithmIdentifier,     -- must equal signatureAlgorithm
 *     issuer               Name,
 *     validity             SEQUENCE { notBefore Time, notAfter Time },
 *     subject              Name,
 *     subjectPublicKeyInfo SubjectPublicKeyInfo,
 *     issuerUniqueID   [1] IMPLICIT BIT STRING OPTIONAL,  -- v2/v3 only
 *     subjectUniqueID  [2] IMPLICIT BIT STRING OPTIONAL,  -- v2/v3 only
 *     extensions       [3] EXPLICIT Extensions OPTIONAL } -- v3 only
 *
 * `Certificate.fromDer` parses all of it strictly (DER only, see asn1.ts) into a frozen
 * object, keeping the exact tbsCertificate bytes and the signature for verification.
 * Parsing never checks the signature, the dates or the extensions' meaning: that is path
 * validation's job (verify.ts). Parsing is linear in the input; every refusal is a
 * CryptoError (INVALID_ENCODING, or INVALID_POINT for a P-256 key that is not a valid point).
 */
import { assertBytes, bytesToHex, equalBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { sha256 } from '../hash/sha256.js';
import { DerReader } from '../keys/der.js';
import { decodePemBlocks, encodePem, type PemBlock, quotePemLabel } from '../keys/pem.js';
import type { PublicKey } from '../keys/public-key.js';
import {
  contextTag,
  fail,
  readBitString,
  readBoundedInteger,
  readConstructed,
  readSmallInteger,
  readTagged,
  readerOver,
  Tag,
} from './asn1.js';
import { readTime } from './time.js';
import { describeCertificate } from './describe.js';
import { type ParsedExtensions, readExtensions } from './extensions.js';
import { type Name, readName } from './name.js';
import { readSubjectPublicKeyInfo, type SubjectPublicKeyInfo } from './public-key-info.js';
import {
  DEFAULT_VERIFIER,
  type SignatureAlgorithm,
  type SignatureVerifier,
  assertVerifier,
  readSignatureAlgorithm,
} from './signature.js';

/** The PEM labels a certificate may carry (RFC 7468 §5.1). */
const PEM_LABEL = 'CERTIFICATE';

const NO_EXTENSIONS: ParsedExtensions = Object.freeze({
  all: Object.freeze([]),
  unhandledCritical: Object.freeze([]),
});

// The constructor is private; the parser reaches it through this, set once by the class.
let construct: (fields: CertificateFields) => Certificate;

interface CertificateFields {
  der: Uint8Array;
  tbs: Uint8Array;
  signature: Uint8Array;
  /** Non-zero only in a damaged certificate: no signature algorithm makes partial octets. */
  signatureUnusedBits: number;
  version: 1 | 2 | 3;
  serialNumber: bigint;
  serialBytes: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  issuer: Name;
  subject: Name;
  notBefore: number;
  notAfter: number;
  publicKeyInfo: SubjectPublicKeyInfo;
  spki: Uint8Array;
  extensions: ParsedExtensions;
}

export class Certificate {
  /** 1, 2 or 3 (the DER holds 0, 1 or 2). */
  readonly version: 1 | 2 | 3;
  /** serialNumber (positive in conforming certificates; negative ones are parsed too). */
  readonly serialNumber: bigint;
  /** The outer signatureAlgorithm (checked equal to the one inside tbsCertificate). */
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly issuer: Name;
  readonly subject: Name;
  /** The subject's public key: with a PublicKey for P-256 and X25519, data otherwise. */
  readonly publicKeyInfo: SubjectPublicKeyInfo;
  /** Every extension, the decoded ones, and the critical ones not decoded. */
  readonly extensions: ParsedExtensions;
  readonly #fields: CertificateFields;

  private constructor(fields: CertificateFields) {
    this.#fields = fields;
    this.version = fields.version;
    this.serialNumber = fields.serialNumber;
    this.signatureAlgorithm = fields.signatureAlgorithm;
    this.issuer = fields.issuer;
    this.subject = fields.subject;
    this.publicKeyInfo = Object.freeze(fields.publicKeyInfo);
    this.extensions = fields.extensions;
    Object.freeze(this);
  }

  static {
    construct = (fields) => new Certificate(fields);
  }

  /**
   * Parses a DER certificate.
   * @param der - exactly one Certificate
   * @returns the certificate (its signature not yet checked)
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for anything but
   *   a DER certificate; INVALID_POINT for a P-256 key that is not a valid point
   * @example Certificate.fromDer(fs.readFileSync('leaf.der')).subject.toString()
   */
  static fromDer(der: Uint8Array): Certificate {
    assertBytes(der, 'der');
    return parseCertificate(der.slice(), 'certificate');
  }

  /**
   * Parses a PEM "CERTIFICATE".
   * @param pem - text holding exactly one certificate block
   * @throws TypeError when not a string; CryptoError INVALID_ENCODING for bad armor, another
   *   label, several blocks, or a bad certificate
   * @example Certificate.fromPem(fs.readFileSync('ca.crt', 'utf8'))
   */
  static fromPem(pem: string): Certificate {
    const blocks = decodePemBlocks(pem);
    if (blocks.length !== 1)
      throw new CryptoError(
        'INVALID_ENCODING',
        `pem: expected one "CERTIFICATE" block, found ${blocks.length} blocks (use Certificate.fromPemBundle)`,
      );
    return certificatesFromBlocks(blocks)[0];
  }

  /**
   * Parses a bundle: one or more PEM "CERTIFICATE" blocks (a chain file, a CA bundle).
   * @param pem - the text; every block must be a certificate
   * @returns the certificates, in file order
   * @throws as `fromPem`
   * @example Certificate.fromPemBundle(fs.readFileSync('chain.pem', 'utf8')).length
   */
  static fromPemBundle(pem: string): Certificate[] {
    return certificatesFromBlocks(decodePemBlocks(pem));
  }

  /** notBefore, as a fresh Date. */
  get notBefore(): Date {
    return new Date(this.#fields.notBefore);
  }

  /** notAfter, as a fresh Date (the certificate is valid through this second, RFC 5280 §4.1.2.5). */
  get notAfter(): Date {
    return new Date(this.#fields.notAfter);
  }

  /**
   * The subject's PublicKey (curve 'P-256' or 'X25519'), or undefined for any other key type.
   * Only a P-256 key verifies signatures (isSignedBy).
   */
  get publicKey(): PublicKey | undefined {
    const info = this.publicKeyInfo;
    return info.kind === 'unsupported' ? undefined : info.publicKey;
  }

  /** The serial number's content octets as colon hex, as OpenSSL prints a long serial. */
  get serialNumberHex(): string {
    return bytesToHex(this.#fields.serialBytes);
  }

  /** True when issuer and subject are the same name (a root, or a CA re-keying itself). */
  get isSelfIssued(): boolean {
    return this.issuer.equals(this.subject);
  }

  /** The DER certificate (a fresh copy). */
  toDer(): Uint8Array {
    return this.#fields.der.slice();
  }

  /** PEM "CERTIFICATE" text. */
  toPem(): string {
    return encodePem(PEM_LABEL, this.#fields.der);
  }

  /** The DER of tbsCertificate: the bytes the signature covers (a fresh copy). */
  tbsCertificate(): Uint8Array {
    return this.#fields.tbs.slice();
  }

  /** signatureValue's octets: a DER ECDSA-Sig-Value for ECDSA (a fresh copy). */
  signatureValue(): Uint8Array {
    return this.#fields.signature.slice();
  }

  /** The DER SubjectPublicKeyInfo (a fresh copy). */
  subjectPublicKeyInfo(): Uint8Array {
    return this.#fields.spki.slice();
  }

  /**
   * The SHA-256 fingerprint: SHA-256 of the DER, as `openssl x509 -fingerprint -sha256`
   * prints it (upper-case colon hex).
   */
  fingerprint(): string {
    return bytesToHex(sha256(this.#fields.der))
      .toUpperCase()
      .replace(/(..)(?!$)/g, '$1:');
  }

  /**
   * Whether `issuer`'s key signed this certificate (only the signature: names, dates and
   * extensions are verify.ts's business).
   * @param issuer - the presumed issuer's certificate
   * @param verifier - the ECDSA verifier (default: ecdh-lab's own, see signature.ts)
   * @returns true when the signature verifies
   * @throws TypeError for wrong types; CryptoError CERT_UNSUPPORTED_KEY when the issuer's key
   *   is not P-256; CERT_UNSUPPORTED_ALGORITHM when the signature is not ECDSA with SHA-256/384/512
   * @example leaf.isSignedBy(ca) // true
   */
  isSignedBy(issuer: Certificate, verifier: SignatureVerifier = DEFAULT_VERIFIER): boolean {
    if (!(issuer instanceof Certificate)) throw new TypeError('issuer must be a Certificate');
    assertVerifier(verifier, 'verifier');
    const key = issuer.publicKey;
    if (key === undefined || key.curve !== 'P-256')
      throw new CryptoError(
        'CERT_UNSUPPORTED_KEY',
        `x509: issuer ${describeName(issuer)} has a ${keyName(issuer.publicKeyInfo)} key; only P-256 keys verify signatures`,
      );
    const hash = this.signatureAlgorithm.hash;
    if (hash === undefined)
      throw new CryptoError(
        'CERT_UNSUPPORTED_ALGORITHM',
        `x509: certificate ${describeName(this)} is signed with ${this.signatureAlgorithm.name}; only ECDSA with SHA-256/384/512 is supported`,
      );
    if (this.#fields.signatureUnusedBits !== 0) return false; // ECDSA-Sig-Value is whole octets
    return (
      verifier.verify(key, this.#fields.tbs.slice(), this.#fields.signature.slice(), hash) === true
    );
  }

  /**
   * The certificate as `openssl x509 -text -noout` lays it out (see describe.ts).
   * @example console.log(cert.describe())
   */
  describe(): string {
    return describeCertificate(this);
  }

  /** Same as describe(). */
  toString(): string {
    return this.describe();
  }

  /** Whether `other` is the same certificate (identical DER). */
  equals(other: Certificate): boolean {
    if (!(other instanceof Certificate)) throw new TypeError('other must be a Certificate');
    return equalBytes(this.#fields.der, other.#fields.der);
  }
}

/** A name for messages: the subject's RFC 4514 string, or the serial when it is empty. */
export function describeName(cert: Certificate): string {
  const subject = cert.subject.toString();
  return subject === '' ? `(empty subject, serial ${cert.serialNumberHex})` : `'${subject}'`;
}

/** A key's kind for messages. */
export function keyName(info: SubjectPublicKeyInfo): string {
  return info.kind === 'unsupported' ? info.name : info.kind;
}

/** Certificates from decoded PEM blocks, each of which must be labelled CERTIFICATE. */
function certificatesFromBlocks(blocks: readonly PemBlock[]): Certificate[] {
  return blocks.map((block, i) => {
    if (block.label !== PEM_LABEL)
      throw new CryptoError(
        'INVALID_ENCODING',
        `pem: block ${i + 1} is ${quotePemLabel(block.label)}, expected "${PEM_LABEL}"`,
      );
    return parseCertificate(block.der, `certificate ${i + 1}`);
  });
}

function parseCertificate(der: Uint8Array, what: string): Certificate {
  const outer = new DerReader(der);
  const certificate = readConstructed(outer, Tag.SEQUENCE, what);
  outer.assertEnd();
  const tbsElement = readTagged(certificate, Tag.SEQUENCE, `${what} tbsCertificate`);
  const outerAlgorithm = readSignatureAlgorithm(certificate, `${what} signatureAlgorithm`);
  const signature = readBitString(certificate, `${what} signatureValue`);
  certificate.assertEnd();

  const tbs = readerOver(tbsElement);
  let version: 1 | 2 | 3 = 1;
  if (tbs.peekTag() === contextTag(0, true)) {
    const explicit = readConstructed(tbs, contextTag(0, true), `${what} version`);
    const value = readSmallInteger(explicit, `${what} version`);
    explicit.assertEnd();
    if (value === 0) fail(`${what}: version v1 is encoded explicitly (DER omits the DEFAULT)`);
    if (value > 2) fail(`${what}: unknown version ${value + 1}`);
    version = (value + 1) as 2 | 3;
  }
  const serial = readBoundedInteger(tbs, `${what} serialNumber`);
  const innerAlgorithm = readSignatureAlgorithm(tbs, `${what} signature`);
  if (!equalBytes(innerAlgorithm.encoding, outerAlgorithm.encoding))
    fail(
      `${what}: signature algorithm inside and outside tbsCertificate differ (RFC 5280 §4.1.1.2)`,
    );
  const issuer = readName(tbs, `${what} issuer`);
  const validity = readConstructed(tbs, Tag.SEQUENCE, `${what} validity`);
  const notBefore = readTime(validity, `${what} notBefore`);
  const notAfter = readTime(validity, `${what} notAfter`);
  validity.assertEnd();
  const subject = readName(tbs, `${what} subject`);
  const { info: publicKeyInfo, encoding: spki } = readSubjectPublicKeyInfo(tbs, what);
  for (const [tagNumber, label] of [
    [1, 'issuerUniqueID'],
    [2, 'subjectUniqueID'],
  ] as const) {
    if (tbs.peekTag() !== contextTag(tagNumber, false)) continue;
    if (version === 1) fail(`${what}: ${label} in a v1 certificate (RFC 5280 §4.1.2.8)`);
    readBitString(tbs, `${what} ${label}`, contextTag(tagNumber, false));
  }
  let extensions = NO_EXTENSIONS;
  if (tbs.peekTag() === contextTag(3, true)) {
    if (version !== 3) fail(`${what}: extensions in a v${version} certificate (RFC 5280 §4.1.2.9)`);
    const explicit = readConstructed(tbs, contextTag(3, true), `${what} extensions`);
    extensions = readExtensions(explicit, what);
    explicit.assertEnd();
  }
  tbs.assertEnd();
  return construct({
    der,
    tbs: tbsElement.encoding.slice(),
    signature: signature.bytes,
    signatureUnusedBits: signature.unusedBits,
    version,
    serialNumber: serial.value,
    serialBytes: serial.bytes,
    signatureAlgorithm: outerAlgorithm.algorithm,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKeyInfo,
    spki: spki.slice(),
    extensions,
  });
}
