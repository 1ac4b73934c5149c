/**
 * The flag policy for Wycheproof's ECDSA P-256 files (C2SP/wycheproof testvectors_v1):
 * ecdsa_secp256r1_sha256_test.json (DER), …_sha256_p1363_test.json and
 * …_sha512_p1363_test.json. Shared by the suite that runs them in Node
 * (test/ecdsa/wycheproof.test.ts) and the one that runs the DER file in Chromium
 * (test/browser/core.test.ts). Every flag is run with the file's verdict (valid → true,
 * invalid → false); the sentence says what it probes. These files have no 'acceptable' cases.
 */
import type { FlagPolicy } from './wycheproof';

export const ECDSA_POLICY: FlagPolicy = {
  ValidSignature: 'pseudorandom valid signatures: must verify',
  SpecialCaseHash: 'hashes with long runs of 0 or 1 bits: must verify',
  SmallRandS: 'small r and s: valid ones must verify, P1363 ones with a short encoding must not',
  ModularInverse: 'an s whose inverse is an edge case: must verify',
  ArithmeticError: 'extreme intermediate values: each verdict is the file’s',
  EdgeCaseShamirMultiplication:
    'an intermediate point at infinity in Straus/Shamir: must verify (curve/straus.ts handles O)',
  PointDuplication: 'u1·G = ±u2·Q, a doubling inside the addition: each verdict is the file’s',
  EdgeCasePublicKey: 'public keys with special coordinates: must verify',
  Untruncatedhash: 'the SHA-512 digest not truncated to 256 bits: must not verify',
  MissingZero: 'a DER INTEGER missing its leading 0x00 (so negative): must not verify',
  BerEncodedSignature: 'BER (long-form or indefinite lengths): must not verify (DER only)',
  InvalidEncoding: 'malformed DER: must not verify, and must not throw',
  ModifiedSignature: 'bits of the signature changed: must not verify',
  ModifiedInteger: 'r or s changed: must not verify',
  RangeCheck: 'r or s moved by ±n: must not verify (r, s ∈ [1, n − 1])',
  IntegerOverflow: 'r or s with extra high bits: must not verify',
  InvalidSignature: 'r or s = 0, 1, n, p, …: must not verify',
  InvalidTypesInSignature: 'DER with other ASN.1 types: must not verify',
  SignatureSize: 'a P1363 signature that is not exactly 64 bytes: must not verify',
};
