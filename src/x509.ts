/**
 * ecdh-lab/x509 — X.509 certificates (RFC 5280) and PKCS #10 requests (RFC 2986): parse,
 * print, verify a chain, issue. Browser-safe. The protocol tier above `ecdh-lab`'s keys:
 * a certificate's P-256 key is a `PublicKey` from `ecdh-lab`.
 *
 * Signatures go through a small interface (`SignatureVerifier`, `Signer`) so that any
 * ECDSA implementation can check and make them; the default verifier is ecdh-lab's own
 * ECDSA (`PublicKey.verify`). See src/x509/signature.ts.
 */
export { Certificate } from './x509/certificate.js';
export { CertificationRequest, createCertificationRequest, issueFromRequest } from './x509/csr.js';
export type { IssueFromRequestOptions, RequestAttribute, RequestOptions } from './x509/csr.js';
export {
  issueCertificate,
  keyIdentifier,
  randomSerialNumber,
  selfSignedCertificate,
} from './x509/builder.js';
export type {
  CertificateTemplate,
  ExtraExtension,
  IssueOptions,
  SelfSignedOptions,
} from './x509/builder.js';
export { verifyChain, DEFAULT_MAX_DEPTH, MAX_SIGNATURE_CHECKS } from './x509/verify.js';
export type { Purpose, VerifiedChain, VerifyChainOptions } from './x509/verify.js';
export { matchDnsName, parseHost } from './x509/hostname.js';
export type { HostTarget } from './x509/hostname.js';
export { Name } from './x509/name.js';
export type { AttributeTypeAndValue, RelativeDistinguishedName } from './x509/name.js';
export { KEY_USAGES } from './x509/extensions.js';
export type {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Extension,
  KeyPurpose,
  KeyUsage,
  ParsedExtensions,
} from './x509/extensions.js';
export type { GeneralName, SubjectAltNames } from './x509/general-name.js';
export type { SubjectPublicKeyInfo } from './x509/public-key-info.js';
export { DEFAULT_VERIFIER } from './x509/signature.js';
export type {
  SignatureAlgorithm,
  SignatureHash,
  SignatureVerifier,
  Signer,
} from './x509/signature.js';
export { KEY_PURPOSES } from './x509/oids.js';

// The strict DER reader certificates are parsed with (X.690), for walking a certificate's bytes
// element by element as chapter 11 of the tour does.
export { DerReader } from './keys/der.js';
export type { DerElement } from './keys/der.js';
