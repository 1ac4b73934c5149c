/**
 * ecdh-lab/tls — TLS 1.3 (RFC 8446), client and server, as socket-free state machines (bytes
 * in, bytes out) on ecdh-lab's own primitives: x25519 and secp256r1 key shares, HKDF over
 * SHA-256 and SHA-384, AES-128-GCM and AES-256-GCM records, ECDSA P-256 CertificateVerify,
 * X.509 chain validation. Browser-safe: no socket, timer or `node:` import; a transport feeds
 * `receive()` and writes what it returns (see docs/tls.md).
 *
 * The defaults are the library's own pieces: both cipher suites, the groups x25519 then
 * secp256r1, ecdsa_secp256r1_sha256. A server needs a credential (`ecdsaCredential`), a
 * client a verifier (`x509Verifier`, or just `ca`).
 */
export { TlsClient } from './tls/client.js';
export type { TlsClientOptions } from './tls/client.js';
export { TlsServer } from './tls/server.js';
export type { TlsServerOptions } from './tls/server.js';
export type { TlsConnection, TlsConnectionOptions, TlsOutput } from './tls/connection.js';
export type { Negotiated } from './tls/options.js';
export { TlsError, ALERT, alertName } from './tls/alert.js';
export type { AlertDescription, TlsErrorOrigin } from './tls/alert.js';

// Authentication (§4.4.2–§4.4.3): the interfaces, and their implementations on src/ecdsa and src/x509.
export {
  certificateVerifyContent,
  ECDSA_SECP256R1_SHA256,
} from './tls/authentication.js';
export type {
  TlsCertificateVerifier,
  TlsPeerKey,
  TlsServerCredential,
} from './tls/authentication.js';
export { ecdsaCredential } from './tls/credential.js';
export type { EcdsaCredentialOptions } from './tls/credential.js';
export { certificateAlert, ecdsaPeerKey, x509Verifier } from './tls/verifier.js';
export type { X509VerifierOptions } from './tls/verifier.js';

// Cipher suites (§B.4) and key-share groups (§4.2.7).
export {
  aesGcmSuite,
  CIPHER_SUITES,
  TLS_AES_128_GCM_SHA256,
  TLS_AES_256_GCM_SHA384,
} from './tls/suites.js';
export type { TlsAead, TlsCipherSuite } from './tls/suites.js';
export { NAMED_GROUPS, secp256r1, x25519Group } from './tls/groups.js';
export type { KeyShareGroup, KeyShareKeyPair } from './tls/groups.js';
export { groupName, NAMED_GROUP, SIGNATURE_SCHEME, signatureSchemeName } from './tls/registry.js';

// Observing a connection: the trace for walkthroughs, the NSS key log for Wireshark.
export { nssKeyLogLine } from './tls/observe.js';
export type { TlsTraceEvent, TlsTracer } from './tls/observe.js';
