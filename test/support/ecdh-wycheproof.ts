/**
 * The flag policy and the decisions for Wycheproof ecdh_secp256r1_test.json (C2SP/wycheproof
 * testvectors_v1), shared by the suite that runs it in Node (test/keys/wycheproof-ecdh.test.ts)
 * and the one that runs it in Chromium (test/browser/core.test.ts), so both hold the library to
 * the same decisions.
 *
 * Decisions for the "acceptable" cases (Wycheproof leaves them to the implementation):
 *   - CompressedPublic: ACCEPTED. A compressed point inside an SPKI is a valid SEC 1 point
 *     (RFC 5480 §2.2 allows it); we decompress it and compute the same shared secret.
 *   - InvalidAsn: REJECTED. Our DER reader is strict (X.690 §10: definite minimal lengths,
 *     minimal INTEGERs, no trailing bytes, exact tags); BER leniency is how parsers diverge.
 *   - UnnamedCurve + UnusedParam (explicit parameters that match P-256 up to a parameter
 *     ECDH does not use): REJECTED. Only namedCurve prime256v1 is accepted (RFC 5480
 *     §2.1.1); we never compare explicit curve parameters.
 */
import type { CryptoErrorCode } from '../../src/errors.js';
import type { FlagPolicy } from './wycheproof';

export const ECDH_FILE = 'ecdh_secp256r1_test.json';

// Every flag in the file, with how we treat it. The loader fails on a flag missing here.
export const ECDH_POLICY: FlagPolicy = {
  Normal: 'Valid pseudorandom case: must produce `shared`.',
  AdditionChain: 'Valid private keys with unusual bit patterns: must produce `shared`.',
  'CVE-2017-8932': "Valid inputs that broke Go's amd64 P-256: must produce `shared`.",
  EdgeCaseDoubling:
    'Valid points hitting doubling edge cases in the ladder: must produce `shared`.',
  EdgeCaseEphemeralKey: 'Valid edge-case public keys: must produce `shared`.',
  EdgeCaseSharedSecret: 'Valid inputs whose shared x is an edge value: must produce `shared`.',
  CompressedPoint:
    'The SPKI holds a compressed point: decompressed (fieldSqrt) and validated like any other.',
  CompressedPublic: 'Acceptable: we accept compressed points in an SPKI and must produce `shared`.',
  InvalidCompressedPublic:
    'Invalid: an x with no point on the curve; decodePoint refuses it (INVALID_POINT).',
  InvalidAsn:
    'Acceptable: non-DER ASN.1; our strict DER reader rejects every one (INVALID_ENCODING).',
  InvalidEncoding: 'Invalid: the public key encoding is malformed; rejected (INVALID_ENCODING).',
  InvalidCurveAttack:
    'Invalid: the point is not on P-256; SP 800-56A §5.6.2.3.3 validation rejects it (INVALID_POINT).',
  InvalidPublic: 'Invalid: a modified public key; rejected by the parser or by point validation.',
  ModifiedPublicPoint: 'Invalid: point moved off the curve; rejected (INVALID_POINT).',
  ModifiedGroup: 'Invalid: SPKI names another group; rejected by the parser (INVALID_ENCODING).',
  WrongCurve:
    'Invalid: a key on another named curve (curve OID check, INVALID_ENCODING), or with CompressedPoint an x on the twist (INVALID_POINT).',
  UnnamedCurve:
    'Explicit curve parameters: always rejected, only namedCurve prime256v1 is accepted (INVALID_ENCODING).',
  UnusedParam: 'Acceptable (with UnnamedCurve): rejected because the parameters are explicit.',
  ModifiedCofactor: 'Explicit parameters with another cofactor: rejected (UnnamedCurve).',
  ModifiedCurveParameter: 'Explicit parameters with other a, b: rejected (UnnamedCurve).',
  ModifiedGenerator: 'Explicit parameters with another generator: rejected (UnnamedCurve).',
  ModifiedPrime: 'Explicit parameters with another prime: rejected (UnnamedCurve).',
  LargeCofactor: 'Explicit parameters with a large cofactor: rejected (UnnamedCurve).',
  NegativeCofactor: 'Explicit parameters with a negative cofactor: rejected (UnnamedCurve).',
  NoCofactor: 'Explicit parameters without a cofactor: rejected (UnnamedCurve).',
  WrongOrder: 'Explicit parameters with another order: rejected (UnnamedCurve).',
  WeakPublicKey: 'Explicit parameters with a point of order 3: rejected (UnnamedCurve).',
};

/** Our decision for a case: accept (compute `shared`) or reject, with the codes we expect. */
export function decideEcdh(
  flags: string[],
  result: string,
): { accept: true } | { accept: false; codes: CryptoErrorCode[] } {
  if (result === 'valid') return { accept: true };
  if (result === 'acceptable' && flags.includes('CompressedPublic')) return { accept: true };
  // "modifying last byte of bit string" is InvalidAsn but well-formed DER: the point check refuses it.
  if (flags.includes('InvalidAsn'))
    return { accept: false, codes: ['INVALID_ENCODING', 'INVALID_POINT'] };
  // WrongCurve + CompressedPoint: the SPKI says P-256, but x is on the twist (no P-256 point has it).
  if (flags.includes('WrongCurve') && flags.includes('CompressedPoint'))
    return { accept: false, codes: ['INVALID_POINT'] };
  const encodingFlags = ['InvalidEncoding', 'UnnamedCurve', 'WrongCurve', 'ModifiedGroup'];
  if (flags.some((flag) => encodingFlags.includes(flag)))
    return { accept: false, codes: ['INVALID_ENCODING'] };
  return { accept: false, codes: ['INVALID_POINT'] };
}

export interface EcdhTest {
  public: string;
  private: string;
  shared: string;
}
