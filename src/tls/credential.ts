/**
 * The server's credential on ecdh-lab's own pieces (RFC 8446 §4.4.2–§4.4.3): a P-256 private
 * key (src/keys) and its certificate chain (src/x509), signing CertificateVerify with
 * ecdh-lab's ECDSA under ecdsa_secp256r1_sha256 (0x0403, §4.2.3):
 *
 *   signature = ECDSA-Sign(key, SHA-256(64 × 0x20 ‖ "TLS 1.3, server CertificateVerify" ‖ 0x00
 *                                       ‖ Transcript-Hash(…, Certificate)))
 *
 * as a DER ECDSA-Sig-Value (§4.2.3: "the signature is a DER-encoded ECDSA-Sig-Value"). The
 * nonce is RFC 6979's deterministic one (src/ecdsa/rfc6979.ts), so a replayed transcript
 * gives the same signature.
 *
 * The chain is checked once, when the credential is made: it parses, the leaf has a P-256 key,
 * and that key is the private key's public key. A wrong pairing would otherwise surface only
 * as every client's decrypt_error.
 */
import { equalBytes } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { PrivateKey } from '../keys/private-key.js';
import { Certificate } from '../x509/certificate.js';
import { ECDSA_SECP256R1_SHA256, type TlsServerCredential } from './authentication.js';

/** Inputs of `ecdsaCredential`. */
export interface EcdsaCredentialOptions {
  /** The leaf's private key: a PrivateKey, or PEM text (PKCS #8 or SEC 1). */
  key: PrivateKey | string;
  /**
   * The chain, leaf first: DER certificates, parsed Certificates, or PEM text holding one or
   * more CERTIFICATE blocks. The trust anchor may be left out (§4.4.2).
   */
  chain: string | readonly (Uint8Array | Certificate)[];
}

function readChain(chain: EcdsaCredentialOptions['chain']): Certificate[] {
  if (typeof chain === 'string') return Certificate.fromPemBundle(chain);
  if (!Array.isArray(chain))
    throw new TypeError('ecdsaCredential: chain must be PEM text or an array of certificates');
  return chain.map((item, i) => {
    if (item instanceof Certificate) return item;
    if (item instanceof Uint8Array) return Certificate.fromDer(item);
    throw new TypeError(`ecdsaCredential: chain[${i}] must be a Uint8Array or a Certificate`);
  });
}

/**
 * A TlsServerCredential for a P-256 key and its certificate chain.
 * @param options - `key` (PrivateKey or PEM) and `chain` (leaf first: DER, Certificates or PEM)
 * @returns the credential: the chain as DER, [ecdsa_secp256r1_sha256], and its signer
 * @throws TypeError for wrong types; RangeError for an empty chain, a leaf without a P-256 key,
 *   or a key that is not the leaf's; CryptoError INVALID_ENCODING for a chain or key that does
 *   not parse
 * @example
 * const credential = ecdsaCredential({ key: readFileSync('server.key', 'utf8'),
 *                                      chain: readFileSync('server-chain.pem', 'utf8') })
 * const server = new TlsServer({ credential })
 */
export function ecdsaCredential(options: EcdsaCredentialOptions): TlsServerCredential {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('ecdsaCredential: options must be an object');
  const { key: keyOption, chain: chainOption } = options;
  let key: PrivateKey;
  if (keyOption instanceof PrivateKey) key = keyOption;
  else if (typeof keyOption === 'string') key = PrivateKey.fromPem(keyOption);
  else throw new TypeError('ecdsaCredential: key must be a PrivateKey or PEM text');
  const chain = readChain(chainOption);
  if (chain.length === 0) throw new RangeError('ecdsaCredential: chain must not be empty');
  const leafKey = chain[0].publicKey;
  if (leafKey === undefined)
    throw new RangeError('ecdsaCredential: the leaf certificate must have a P-256 key');
  if (!equalBytes(leafKey.toRaw(), key.publicKey.toRaw()))
    throw new RangeError('ecdsaCredential: key is not the private key of the leaf certificate');
  const certificateChain = Object.freeze(chain.map((certificate) => certificate.toDer()));
  return Object.freeze({
    certificateChain,
    signatureSchemes: Object.freeze([ECDSA_SECP256R1_SHA256]),
    sign(scheme: number, content: Uint8Array): Uint8Array {
      if (scheme !== ECDSA_SECP256R1_SHA256)
        throw new RangeError('ecdsaCredential: signs ecdsa_secp256r1_sha256 (0x0403) only');
      return key.sign(content, { hash: sha256, format: 'der' });
    },
  });
}
