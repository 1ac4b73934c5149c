/**
 * PKCS #10 certification requests (RFC 2986): "please certify that this name holds this
 * key", signed with that key to prove possession of it.
 *
 *   CertificationRequest ::= SEQUENCE {
 *     certificationRequestInfo  CertificationRequestInfo,
 *     signatureAlgorithm        AlgorithmIdentifier,
 *     signature                 BIT STRING }            -- by the subject's own key
 *   CertificationRequestInfo ::= SEQUENCE {
 *     version        INTEGER { v1(0) },
 *     subject        Name,
 *     subjectPKInfo  SubjectPublicKeyInfo,
 *     attributes [0] IMPLICIT SET OF Attribute }          -- a0 …, present even when empty
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET SIZE (1..MAX) OF ANY }
 *
 * The one attribute decoded is PKCS #9 extensionRequest (RFC 2985 §5.4.2), whose single
 * value is an Extensions SEQUENCE: that is where a request asks for subjectAltName. Other
 * attributes (challengePassword, …) are kept as data.
 *
 * `issueFromRequest` checks the request's self-signature, then issues a certificate for its
 * subject and key. Of the requested extensions only subjectAltName is copied (unless the
 * options give other names); everything else — CA, key usage, validity — is the issuer's
 * decision, as with `openssl x509 -req` and Go's CreateCertificate.
 */
import { assertBytes, bytesToHex, equalBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { DerReader, derBitString, derInteger, derSequence } from '../keys/der.js';
import { decodePemBlocks, encodePem } from '../keys/pem.js';
import type { PublicKey } from '../keys/public-key.js';
import {
  contextTag,
  derContext,
  derOid,
  derSetOf,
  fail,
  readBitString,
  readConstructed,
  readOid,
  readSetOf,
  readSmallInteger,
  readTagged,
  readerOver,
  setOfContents,
  Tag,
} from './asn1.js';
import { type IssueOptions, issueCertificate, readSpki } from './builder.js';
import type { Certificate } from './certificate.js';
import { derExtension, type ParsedExtensions, readExtensions } from './extensions.js';
import { derGeneralNames, type GeneralName, type SubjectAltNames } from './general-name.js';
import { Name, readName } from './name.js';
import { EXTENSION_REQUEST, EXTENSIONS } from './oids.js';
import { readSubjectPublicKeyInfo, type SubjectPublicKeyInfo } from './public-key-info.js';
import {
  assertSignatureHash,
  assertSigner,
  assertVerifier,
  DEFAULT_VERIFIER,
  derSignatureAlgorithm,
  readSignatureAlgorithm,
  type SignatureAlgorithm,
  type SignatureHash,
  type SignatureVerifier,
  type Signer,
} from './signature.js';

const PEM_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'];

/** A request attribute other than extensionRequest, kept as data. */
export interface RequestAttribute {
  /** The attribute type, dotted. */
  readonly oid: string;
  /** Each value's DER, as hex. */
  readonly values: readonly string[];
}

interface RequestFields {
  der: Uint8Array;
  info: Uint8Array;
  signature: Uint8Array;
  subject: Name;
  publicKeyInfo: SubjectPublicKeyInfo;
  signatureAlgorithm: SignatureAlgorithm;
  extensions: ParsedExtensions;
  attributes: readonly RequestAttribute[];
}

let construct: (fields: RequestFields) => CertificationRequest;

const NO_EXTENSIONS: ParsedExtensions = Object.freeze({
  all: Object.freeze([]),
  unhandledCritical: Object.freeze([]),
});

export class CertificationRequest {
  readonly subject: Name;
  readonly publicKeyInfo: SubjectPublicKeyInfo;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** The extensions requested through extensionRequest (none when absent). */
  readonly extensions: ParsedExtensions;
  /** The other attributes, as data. */
  readonly attributes: readonly RequestAttribute[];
  readonly #fields: RequestFields;

  private constructor(fields: RequestFields) {
    this.#fields = fields;
    this.subject = fields.subject;
    this.publicKeyInfo = Object.freeze(fields.publicKeyInfo);
    this.signatureAlgorithm = fields.signatureAlgorithm;
    this.extensions = fields.extensions;
    this.attributes = fields.attributes;
    Object.freeze(this);
  }

  static {
    construct = (fields) => new CertificationRequest(fields);
  }

  /**
   * Parses a DER request (its signature is not checked here: see `verifySignature`).
   * @throws TypeError when not a Uint8Array; CryptoError INVALID_ENCODING for bad DER
   * @example CertificationRequest.fromDer(der).subject.toString()
   */
  static fromDer(der: Uint8Array): CertificationRequest {
    assertBytes(der, 'der');
    return parseRequest(der.slice(), 'request');
  }

  /**
   * Parses a PEM "CERTIFICATE REQUEST" (or "NEW CERTIFICATE REQUEST", which older tools write).
   * @throws TypeError when not a string; CryptoError INVALID_ENCODING for bad armor or DER
   * @example CertificationRequest.fromPem(fs.readFileSync('req.csr', 'utf8'))
   */
  static fromPem(pem: string): CertificationRequest {
    const blocks = decodePemBlocks(pem);
    if (blocks.length !== 1 || !PEM_LABELS.includes(blocks[0].label))
      throw new CryptoError('INVALID_ENCODING', 'pem: expected one "CERTIFICATE REQUEST" block');
    return parseRequest(blocks[0].der, 'request');
  }

  /** The subject's key (curve 'P-256' or 'X25519'), or undefined for another key type. */
  get publicKey(): PublicKey | undefined {
    const info = this.publicKeyInfo;
    return info.kind === 'unsupported' ? undefined : info.publicKey;
  }

  /** The requested subjectAltName entries (empty when none were requested). */
  get subjectAltNames(): readonly GeneralName[] {
    return this.extensions.subjectAltName?.names ?? [];
  }

  /** The DER request (a fresh copy). */
  toDer(): Uint8Array {
    return this.#fields.der.slice();
  }

  /** PEM "CERTIFICATE REQUEST". */
  toPem(): string {
    return encodePem(PEM_LABELS[0], this.#fields.der);
  }

  /** The DER SubjectPublicKeyInfo (a fresh copy). */
  subjectPublicKeyInfo(): Uint8Array {
    const reader = new DerReader(this.#fields.info);
    const info = readConstructed(reader, Tag.SEQUENCE, 'request');
    info.readAny(); // version
    info.readAny(); // subject
    return info.readAny().encoding.slice();
  }

  /**
   * Checks the self-signature: the request's own key signed certificationRequestInfo.
   * @returns true when it verifies
   * @throws CryptoError CERT_UNSUPPORTED_KEY for a key other than P-256;
   *   CERT_UNSUPPORTED_ALGORITHM for a signature other than ECDSA with SHA-256/384/512
   * @example csr.verifySignature() // true
   */
  verifySignature(verifier: SignatureVerifier = DEFAULT_VERIFIER): boolean {
    assertVerifier(verifier, 'verifier');
    const key = this.publicKey;
    if (key === undefined || key.curve !== 'P-256')
      throw new CryptoError(
        'CERT_UNSUPPORTED_KEY',
        `x509: request '${this.subject}': only P-256 keys verify signatures, this key is ${this.publicKeyInfo.kind === 'unsupported' ? this.publicKeyInfo.name : this.publicKeyInfo.kind}`,
      );
    const hash = this.signatureAlgorithm.hash;
    if (hash === undefined)
      throw new CryptoError(
        'CERT_UNSUPPORTED_ALGORITHM',
        `x509: request '${this.subject}' is signed with ${this.signatureAlgorithm.name}`,
      );
    return (
      verifier.verify(key, this.#fields.info.slice(), this.#fields.signature.slice(), hash) === true
    );
  }

  /** Whether `other` is the same request (identical DER). */
  equals(other: CertificationRequest): boolean {
    if (!(other instanceof CertificationRequest))
      throw new TypeError('other must be a CertificationRequest');
    return equalBytes(this.#fields.der, other.#fields.der);
  }
}

function parseRequest(der: Uint8Array, what: string): CertificationRequest {
  const outer = new DerReader(der);
  const request = readConstructed(outer, Tag.SEQUENCE, what);
  outer.assertEnd();
  const infoElement = readTagged(request, Tag.SEQUENCE, `${what} certificationRequestInfo`);
  const { algorithm } = readSignatureAlgorithm(request, `${what} signatureAlgorithm`);
  const signature = readBitString(request, `${what} signature`);
  if (signature.unusedBits !== 0) fail(`${what}: signature is not a whole number of octets`);
  request.assertEnd();

  const info = readerOver(infoElement);
  const version = readSmallInteger(info, `${what} version`);
  if (version !== 0) fail(`${what}: version must be 0 (v1, RFC 2986 §4.1)`);
  const subject = readName(info, `${what} subject`);
  const { info: publicKeyInfo } = readSubjectPublicKeyInfo(info, what);
  const attributeSet = readSetOf(info, `${what} attributes`, contextTag(0, true));
  info.assertEnd();

  let extensions = NO_EXTENSIONS;
  const attributes: RequestAttribute[] = [];
  for (const element of attributeSet) {
    if (element.tag !== Tag.SEQUENCE)
      fail(`${what}: attribute at offset ${element.offset} is not a SEQUENCE`);
    const attribute = readerOver(element);
    const oid = readOid(attribute, `${what} attribute type`);
    const values = readSetOf(attribute, `${what} ${oid} values`);
    attribute.assertEnd();
    if (values.length === 0) fail(`${what}: attribute ${oid} has no value (SIZE (1..MAX))`);
    if (oid === EXTENSION_REQUEST) {
      if (extensions !== NO_EXTENSIONS || values.length !== 1)
        fail(`${what}: extensionRequest must appear once, with one value`);
      const reader = new DerReader(values[0].encoding, values[0].offset);
      extensions = readExtensions(reader, `${what} extensionRequest`);
      reader.assertEnd();
      continue;
    }
    attributes.push(
      Object.freeze({ oid, values: Object.freeze(values.map((v) => bytesToHex(v.encoding))) }),
    );
  }
  return construct({
    der,
    info: infoElement.encoding.slice(),
    signature: signature.bytes,
    subject,
    publicKeyInfo,
    signatureAlgorithm: algorithm,
    extensions,
    attributes: Object.freeze(attributes),
  });
}

/** Options of `createCertificationRequest`. */
export interface RequestOptions {
  /** The subject's key, which signs the request. */
  signer: Signer;
  /** The subject: a Name, or an RFC 4514 string such as 'CN=localhost'. */
  subject: Name | string;
  /** subjectAltName entries to request. */
  subjectAltNames?: SubjectAltNames;
  /** The signature's hash (default 'SHA-256'). */
  hash?: SignatureHash;
}

/**
 * Creates a PKCS #10 request signed by `signer`, asking for `subjectAltNames` through
 * extensionRequest when given.
 * @throws TypeError / RangeError for malformed options
 * @example const csr = createCertificationRequest({ signer, subject: 'CN=localhost', subjectAltNames: { dns: ['localhost'] } })
 */
export function createCertificationRequest(options: RequestOptions): CertificationRequest {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const { signer, subject, subjectAltNames, hash = 'SHA-256' } = options;
  assertSigner(signer, 'signer');
  assertSignatureHash(hash, 'hash');
  const name =
    subject instanceof Name
      ? subject
      : typeof subject === 'string'
        ? Name.parse(subject)
        : undefined;
  if (name === undefined) throw new TypeError('subject must be a Name or a string');
  const attributes: Uint8Array[] = [];
  if (subjectAltNames !== undefined) {
    const extensions = derSequence(
      derExtension(EXTENSIONS.subjectAltName, name.isEmpty, derGeneralNames(subjectAltNames)),
    );
    attributes.push(derSequence(derOid(EXTENSION_REQUEST), derSetOf(extensions)));
  }
  const info = derSequence(
    derInteger(0n),
    name.toDer(),
    signer.publicKey.toDer(),
    derContext(0, true, setOfContents(attributes)), // attributes [0] IMPLICIT SET OF Attribute
  );
  const algorithm = derSignatureAlgorithm(hash);
  const signature = signer.sign(info, hash);
  return CertificationRequest.fromDer(derSequence(info, algorithm, derBitString(signature)));
}

/** Options of `issueFromRequest`: the template without subject, plus who issues. */
export interface IssueFromRequestOptions extends Omit<IssueOptions, 'subject' | 'publicKey'> {
  /** Checks the request's signature (default: `DEFAULT_VERIFIER`). */
  verifier?: SignatureVerifier;
  /** Overrides the subject the request asks for. */
  subject?: Name | string;
}

/**
 * Issues a certificate for a request: checks its self-signature, then certifies its subject
 * (unless overridden) and key, with the requested subjectAltName unless the options give one.
 * @param csr - the parsed request
 * @param options - issuerCertificate, issuerSigner, verifier and the template's optional fields
 * @returns the certificate
 * @throws CryptoError CERT_BAD_SIGNATURE when the request's signature does not verify (and the
 *   errors of `verifySignature`); TypeError / RangeError for malformed options
 * @example issueFromRequest(csr, { issuerCertificate: ca, issuerSigner, verifier, extendedKeyUsage: ['serverAuth'] })
 */
export function issueFromRequest(
  csr: CertificationRequest,
  options: IssueFromRequestOptions,
): Certificate {
  if (!(csr instanceof CertificationRequest))
    throw new TypeError('csr must be a CertificationRequest');
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const { verifier = DEFAULT_VERIFIER, subject = csr.subject, subjectAltNames } = options;
  if (!csr.verifySignature(verifier))
    throw new CryptoError(
      'CERT_BAD_SIGNATURE',
      `x509: request '${csr.subject}': the signature does not verify with the request's key`,
    );
  return issueCertificate({
    ...options,
    subject,
    publicKey: readSpki(csr.subjectPublicKeyInfo()),
    subjectAltNames: subjectAltNames ?? requestedNames(csr),
  });
}

/** The requested names of the four kinds the builder writes (others are not copied). */
function requestedNames(csr: CertificationRequest): SubjectAltNames | undefined {
  const names = csr.subjectAltNames;
  if (names.length === 0) return undefined;
  const pick = (type: GeneralName['type']) =>
    names.filter((n) => n.type === type).map((n) => n.value);
  const kept = { dns: pick('dns'), ip: pick('ip'), email: pick('email'), uri: pick('uri') };
  return Object.values(kept).some((list) => list.length > 0) ? kept : undefined;
}
