/**
 * How the server proves its identity (RFC 8446 §4.4.2–§4.4.3), as two pluggable interfaces:
 *
 *   server side  TlsServerCredential   the certificate chain to send and a signer for
 *                                      CertificateVerify under the leaf's private key
 *   client side  TlsCertificateVerifier  validates the chain for the server name (X.509 path
 *                                      validation against trust anchors) and returns the leaf's
 *                                      key, which checks the CertificateVerify signature
 *
 * The engine does not parse certificates itself: the chain goes, as DER bytes, to whatever
 * verifier the application supplies, and the signature to whatever key that verifier returns.
 * ecdsa_secp256r1_sha256 (0x0403) is the scheme the project targets.
 *
 * CertificateVerify signs (§4.4.3):
 *   64 bytes of 0x20 ‖ "TLS 1.3, server CertificateVerify" ‖ 0x00 ‖ Transcript-Hash(…, Certificate)
 * (with "client" for a client's CertificateVerify). The 64 spaces defeat a chosen-prefix attack
 * against an older TLS signature, the context string separates the two roles.
 */
import { concatBytes, utf8ToBytes } from '../bytes/index.js';
import { SIGNATURE_SCHEME } from './registry.js';

/** ecdsa_secp256r1_sha256 (§4.2.3): ECDSA over P-256 with SHA-256, DER-encoded signature. */
export const ECDSA_SECP256R1_SHA256 = SIGNATURE_SCHEME.ecdsa_secp256r1_sha256;

/**
 * The content a CertificateVerify signs (§4.4.3).
 * @param role - 'server' or 'client'
 * @param transcriptHash - Transcript-Hash(Handshake Context, Certificate)
 * @example certificateVerifyContent('server', transcript.hash())
 */
export function certificateVerifyContent(
  role: 'server' | 'client',
  transcriptHash: Uint8Array,
): Uint8Array {
  return concatBytes(
    new Uint8Array(64).fill(0x20),
    utf8ToBytes(`TLS 1.3, ${role} CertificateVerify`),
    Uint8Array.of(0),
    transcriptHash,
  );
}

/** What a server needs to authenticate itself. */
export interface TlsServerCredential {
  /** The certificate chain, DER, leaf first (the trust anchor may be omitted, §4.4.2). */
  readonly certificateChain: readonly Uint8Array[];
  /** The SignatureSchemes the leaf's key can produce, in the server's order of preference. */
  readonly signatureSchemes: readonly number[];
  /**
   * Signs `content` (the §4.4.3 content) with the leaf's private key under `scheme`, one of
   * `signatureSchemes`. Returns the signature as it goes in CertificateVerify.signature (for
   * ECDSA: the DER ECDSA-Sig-Value).
   */
  sign(scheme: number, content: Uint8Array): Uint8Array;
}

/** The server's leaf key, as the certificate verifier returns it. */
export interface TlsPeerKey {
  /**
   * True when `signature` is a valid signature of `content` under `scheme` by this key. A
   * scheme the key cannot use is simply false.
   */
  verify(scheme: number, content: Uint8Array, signature: Uint8Array): boolean;
}

/** Validates the server's certificate chain. */
export interface TlsCertificateVerifier {
  /**
   * Validates `chain` (DER certificates, leaf first, as the server sent them) for `serverName`
   * (undefined when the client sent none) and returns the leaf's key.
   *
   * To refuse, throw: a TlsError carrying a certificate alert (bad_certificate,
   * unsupported_certificate, certificate_expired, certificate_revoked, unknown_ca,
   * certificate_unknown) is sent as it is; any other error is answered with bad_certificate.
   */
  verifyChain(chain: readonly Uint8Array[], serverName: string | undefined): TlsPeerKey;
}
