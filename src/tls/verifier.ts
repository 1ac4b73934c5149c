/**
 * The client's certificate check on ecdh-lab's own pieces: the server's chain goes through
 * src/x509's path validation (RFC 5280 §6 as verify.ts describes it: the path to a trust
 * anchor, validity periods, CA flags, key usages, path lengths, the serverAuth purpose, the
 * server name in subjectAltName per RFC 6125), and the leaf's P-256 key checks the
 * CertificateVerify signature under ecdsa_secp256r1_sha256 (§4.2.3) with ecdh-lab's ECDSA.
 *
 * Refusals map to the alerts of RFC 8446 §6.2:
 *
 *   x509 code                                         alert
 *   CERT_UNKNOWN_ISSUER                               unknown_ca
 *   CERT_EXPIRED, CERT_NOT_YET_VALID                  certificate_expired ("has expired or is
 *                                                     not currently valid")
 *   CERT_HOST_MISMATCH                                certificate_unknown (RFC 8446 §6.2: "some
 *                                                     other issue … rendering it unacceptable":
 *                                                     the certificate is sound, just not for
 *                                                     this name; OpenSSL's and Go's clients send
 *                                                     bad_certificate here instead)
 *   CERT_UNSUPPORTED_KEY, CERT_UNSUPPORTED_ALGORITHM  unsupported_certificate
 *   CERT_BAD_SIGNATURE, CERT_NOT_CA, CERT_WRONG_USAGE,
 *   CERT_PATH_TOO_LONG, CERT_UNKNOWN_CRITICAL_EXTENSION,
 *   a certificate that does not parse, anything else  bad_certificate
 *
 * The engine answers every one of these with that alert (client.ts). The verifier holds no
 * secret; it may be shared by many connections.
 */
import { sha256 } from '../hash/sha256.js';
import { CryptoError } from '../errors.js';
import type { PublicKey } from '../keys/public-key.js';
import { Certificate } from '../x509/certificate.js';
import { verifyChain } from '../x509/verify.js';
import { type AlertDescription, TlsError } from './alert.js';
import {
  ECDSA_SECP256R1_SHA256,
  type TlsCertificateVerifier,
  type TlsPeerKey,
} from './authentication.js';

/** Inputs of `x509Verifier`. */
export interface X509VerifierOptions {
  /** The trust anchors: PEM text (one or more CERTIFICATE blocks), DER, or Certificates. */
  ca: string | readonly (Uint8Array | Certificate)[];
  /**
   * The name the leaf must carry (DNS name or IP address). Default: the client's serverName.
   * `null` skips the name check (a pinned CA for one server, or a test); when neither gives a
   * name the chain is refused (certificate_unknown), so a forgotten name never passes silently.
   */
  servername?: string | null;
  /** The time to check validity at (default: now): a Date, or a function returning one. */
  now?: Date | (() => Date);
}

const ALERTS: Partial<Record<string, AlertDescription>> = {
  CERT_UNKNOWN_ISSUER: 'unknown_ca',
  CERT_EXPIRED: 'certificate_expired',
  CERT_NOT_YET_VALID: 'certificate_expired',
  CERT_HOST_MISMATCH: 'certificate_unknown',
  CERT_UNSUPPORTED_KEY: 'unsupported_certificate',
  CERT_UNSUPPORTED_ALGORITHM: 'unsupported_certificate',
};

/**
 * The TLS alert for an X.509 refusal (see the file header).
 * @example certificateAlert(new CryptoError('CERT_UNKNOWN_ISSUER', '…')) // 'unknown_ca'
 */
export function certificateAlert(error: unknown): AlertDescription {
  return (error instanceof CryptoError && ALERTS[error.code]) || 'bad_certificate';
}

function readAnchors(ca: X509VerifierOptions['ca']): Certificate[] {
  if (typeof ca === 'string') return Certificate.fromPemBundle(ca);
  if (!Array.isArray(ca))
    throw new TypeError('x509Verifier: ca must be PEM text or an array of certificates');
  return ca.map((item, i) => {
    if (item instanceof Certificate) return item;
    if (item instanceof Uint8Array) return Certificate.fromDer(item);
    throw new TypeError(`x509Verifier: ca[${i}] must be a Uint8Array or a Certificate`);
  });
}

/**
 * The leaf's key as the engine uses it: ecdsa_secp256r1_sha256 only, false for anything else.
 * @example ecdsaPeerKey(certificate.publicKey).verify(0x0403, content, signature) // false: not its signature
 */
export function ecdsaPeerKey(publicKey: PublicKey): TlsPeerKey {
  return Object.freeze({
    verify(scheme: number, content: Uint8Array, signature: Uint8Array): boolean {
      if (scheme !== ECDSA_SECP256R1_SHA256) return false;
      return publicKey.verify(content, signature, { hash: sha256, format: 'der' });
    },
  });
}

/**
 * A TlsCertificateVerifier on src/x509's chain validation.
 * @param options - `ca` (required), `servername`, `now`
 * @throws TypeError for wrong types; RangeError for an empty `ca`; CryptoError INVALID_ENCODING
 *   for a CA that does not parse
 * @example
 * const verifier = x509Verifier({ ca: readFileSync('ca.crt', 'utf8') })
 * const client = new TlsClient({ serverName: 'localhost', verifier })
 */
export function x509Verifier(options: X509VerifierOptions): TlsCertificateVerifier {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('x509Verifier: options must be an object');
  const { ca, servername, now } = options;
  const anchors = readAnchors(ca);
  if (anchors.length === 0) throw new RangeError('x509Verifier: ca must not be empty');
  if (servername !== undefined && servername !== null && typeof servername !== 'string')
    throw new TypeError('x509Verifier: servername must be a string or null');
  if (now !== undefined && !(now instanceof Date) && typeof now !== 'function')
    throw new TypeError('x509Verifier: now must be a Date or a function returning one');
  const time = (): Date =>
    now === undefined ? new Date() : now instanceof Date ? now : (now as () => Date)();
  return Object.freeze({
    verifyChain(chain: readonly Uint8Array[], serverName: string | undefined): TlsPeerKey {
      const host = servername === null ? undefined : (servername ?? serverName);
      if (host === undefined && servername !== null)
        throw new TlsError(
          'certificate_unknown',
          'tls: no server name to check the certificate against',
        );
      try {
        const [leaf, ...intermediates] = chain.map((der) => Certificate.fromDer(der));
        if (leaf === undefined) throw new CryptoError('INVALID_ENCODING', 'x509: empty chain');
        verifyChain(leaf, { anchors, intermediates, host, time: time(), purpose: 'serverAuth' });
        // verifyChain accepts only a P-256 leaf key (CERT_UNSUPPORTED_KEY otherwise).
        return ecdsaPeerKey(leaf.publicKey as PublicKey);
      } catch (error) {
        if (error instanceof TlsError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new TlsError(certificateAlert(error), `tls: certificate refused: ${reason}`);
      }
    },
  });
}
