/// <reference types="node" />
/**
 * What the transport accepts for certificates and keys, handed to the engine's helpers
 * (src/tls/credential.ts, src/tls/verifier.ts): PEM text, or the bytes of a PEM file as
 * `readFileSync` returns them (decoded here as UTF-8), besides what those helpers take.
 */
import type { PrivateKey } from '../keys/private-key.js';
import type { TlsCertificateVerifier, TlsServerCredential } from '../tls/authentication.js';
import { ecdsaCredential } from '../tls/credential.js';
import { x509Verifier } from '../tls/verifier.js';
import type { Certificate } from '../x509/certificate.js';

/** PEM text, or the bytes of a PEM file. */
export type PemInput = string | Uint8Array;

/** Trust anchors: PEM (text or file bytes), or a list of DER certificates or Certificates. */
export type CaInput = PemInput | readonly (Uint8Array | Certificate)[];

function pemText(value: PemInput, name: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  throw new TypeError(`${name} must be PEM text or the bytes of a PEM file`);
}

/**
 * The server credential for a PEM certificate chain (leaf first) and the leaf's private key.
 * @throws TypeError for a wrong type; RangeError when the key is not the leaf's
 */
export function pemServerCredential(
  cert: PemInput,
  key: PemInput | PrivateKey,
): TlsServerCredential {
  return ecdsaCredential({
    chain: pemText(cert, 'cert'),
    key: key instanceof Uint8Array ? pemText(key, 'key') : key,
  });
}

/**
 * A verifier of chains that lead to one of the trust anchors in `ca`, for the client's server name.
 * @throws TypeError or RangeError when `ca` holds no certificate
 */
export function pemCertificateVerifier(ca: CaInput): TlsCertificateVerifier {
  return x509Verifier({ ca: ca instanceof Uint8Array ? pemText(ca, 'ca') : ca });
}
