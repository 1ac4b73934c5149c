/**
 * Signatures on certificates and requests: which algorithm signed them (RFC 5280
 * §4.1.1.2, RFC 5758 §3.2), and the small interface through which X.509 asks for an ECDSA
 * signature or its verification.
 *
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
 *   ecdsa-with-SHA256 1.2.840.10045.4.3.2 · -SHA384 …4.3.3 · -SHA512 …4.3.4, parameters absent
 *   ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }    -- inside the BIT STRING
 *
 * X.509 never computes ECDSA itself: the verifier gets the public key, the signed bytes
 * (the DER of tbsCertificate), the DER ECDSA-Sig-Value and the hash name, and answers
 * true or false; a signer gets the bytes and the hash name and returns a DER
 * ECDSA-Sig-Value. Any ECDSA can stand behind them (a test can use node:crypto's). The
 * default verifier, `DEFAULT_VERIFIER`, is ecdh-lab's own ECDSA (`PublicKey.verify`, strict
 * DER, high and low s both accepted, as RFC 5280 and OpenSSL do).
 */
import type { HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { sha384, sha512 } from '../hash/sha512.js';
import { type DerReader, derSequence } from '../keys/der.js';
import type { PublicKey } from '../keys/public-key.js';
import { derOid, fail, readOid, readTagged, readerOver, Tag } from './asn1.js';
import { ALGORITHM_NAMES, SIGNATURE_ALGORITHMS } from './oids.js';

/** The hashes ECDSA signatures in certificates use. */
export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** A signature algorithm as read from a certificate. */
export interface SignatureAlgorithm {
  /** The OID, dotted. */
  readonly oid: string;
  /** OpenSSL's name ('ecdsa-with-SHA256', 'sha256WithRSAEncryption', …) or the OID. */
  readonly name: string;
  /** For the three ECDSA algorithms verification supports: the hash; otherwise undefined. */
  readonly hash?: SignatureHash;
}

/** Verifies ECDSA signatures for the path validator and for requests. */
export interface SignatureVerifier {
  /**
   * @param publicKey - the signer's P-256 key
   * @param message - the signed bytes (not yet hashed)
   * @param signature - a DER ECDSA-Sig-Value
   * @param hash - the hash the algorithm names
   * @returns true for a valid signature; false for any invalid one (never throws for it)
   */
  verify(
    publicKey: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    hash: SignatureHash,
  ): boolean;
}

/** Signs certificates and requests: a P-256 private key behind an ECDSA implementation. */
export interface Signer {
  /** The public key matching the private key that signs. */
  readonly publicKey: PublicKey;
  /**
   * @param message - the bytes to sign (not yet hashed)
   * @param hash - the hash to use
   * @returns a DER ECDSA-Sig-Value
   */
  sign(message: Uint8Array, hash: SignatureHash): Uint8Array;
}

const HASH_BY_OID: Record<string, SignatureHash> = {
  [SIGNATURE_ALGORITHMS.ecdsaWithSha256]: 'SHA-256',
  [SIGNATURE_ALGORITHMS.ecdsaWithSha384]: 'SHA-384',
  [SIGNATURE_ALGORITHMS.ecdsaWithSha512]: 'SHA-512',
};
const OID_BY_HASH: Record<SignatureHash, string> = {
  'SHA-256': SIGNATURE_ALGORITHMS.ecdsaWithSha256,
  'SHA-384': SIGNATURE_ALGORITHMS.ecdsaWithSha384,
  'SHA-512': SIGNATURE_ALGORITHMS.ecdsaWithSha512,
};

/**
 * Reads a signature AlgorithmIdentifier.
 * @returns the algorithm and the identifier's whole encoding (a view), which RFC 5280
 *   §4.1.1.2 requires to be the same in tbsCertificate and around it
 * @throws CryptoError INVALID_ENCODING for bad DER or ECDSA with parameters (RFC 5758 §3.2)
 */
export function readSignatureAlgorithm(
  reader: DerReader,
  what: string,
): { algorithm: SignatureAlgorithm; encoding: Uint8Array } {
  const element = readTagged(reader, Tag.SEQUENCE, what);
  const identifier = readerOver(element);
  const oid = readOid(identifier, what);
  const hash = HASH_BY_OID[oid];
  if (!identifier.done) {
    if (hash !== undefined)
      fail(`${what}: ${ALGORITHM_NAMES[oid]} with parameters (RFC 5758 §3.2: absent)`);
    identifier.readAny();
    identifier.assertEnd();
  }
  const algorithm: SignatureAlgorithm = Object.freeze(
    hash === undefined
      ? { oid, name: ALGORITHM_NAMES[oid] ?? oid }
      : { oid, name: ALGORITHM_NAMES[oid], hash },
  );
  return { algorithm, encoding: element.encoding };
}

/** The AlgorithmIdentifier for ECDSA with `hash`: SEQUENCE { OID } with no parameters. */
export function derSignatureAlgorithm(hash: SignatureHash): Uint8Array {
  return derSequence(derOid(OID_BY_HASH[hash]));
}

/** Throws unless `hash` is one of the three names. */
export function assertSignatureHash(hash: unknown, name: string): asserts hash is SignatureHash {
  if (hash !== 'SHA-256' && hash !== 'SHA-384' && hash !== 'SHA-512')
    throw new TypeError(`${name} must be 'SHA-256', 'SHA-384' or 'SHA-512'`);
}

/** Throws unless `value` has a verify method. */
export function assertVerifier(value: unknown, name: string): asserts value is SignatureVerifier {
  if (typeof (value as SignatureVerifier | undefined)?.verify !== 'function')
    throw new TypeError(`${name} must be a SignatureVerifier (an object with verify())`);
}

/** Throws unless `value` has a publicKey and a sign method. */
export function assertSigner(value: unknown, name: string): asserts value is Signer {
  const signer = value as Signer | undefined;
  if (typeof signer?.sign !== 'function' || signer.publicKey === undefined)
    throw new TypeError(`${name} must be a Signer (an object with publicKey and sign())`);
}

const HASH_FUNCTIONS: Record<SignatureHash, HashFunction> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

/**
 * The verifier used when none is given: ecdh-lab's ECDSA on P-256 (FIPS 186-5 §6.4.2,
 * src/ecdsa) through `PublicKey.verify`, with the hash the algorithm names and the DER
 * encoding; false for a wrong or malformed signature.
 * @throws TypeError for a hash other than the three names, or bytes that are not Uint8Arrays
 * @example DEFAULT_VERIFIER.verify(issuerKey, tbsCertificate, signature, 'SHA-256') // true
 */
export const DEFAULT_VERIFIER: SignatureVerifier = Object.freeze({
  verify(
    publicKey: PublicKey,
    message: Uint8Array,
    signature: Uint8Array,
    hash: SignatureHash,
  ): boolean {
    assertSignatureHash(hash, 'hash');
    return publicKey.verify(message, signature, { hash: HASH_FUNCTIONS[hash], format: 'der' });
  },
});
