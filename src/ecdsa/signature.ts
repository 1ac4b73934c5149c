/**
 * The two encodings of an ECDSA P-256 signature (r, s), r and s in [1, n − 1]:
 *
 *   'der'    ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (SEC 1 §C.8, RFC 3279
 *            §2.2.3), DER-encoded (X.690 §8.3, §10): what OpenSSL, X.509 and TLS use.
 *            At most 72 bytes: 30 len 02 len r 02 len s, each INTEGER 1–33 content bytes
 *   'p1363'  r ‖ s, each as 32 big-endian bytes: 64 bytes (IEEE 1363, what WebCrypto, JOSE
 *            and node's dsaEncoding 'ieee-p1363' use)
 *
 * The DER parser is strict, because a verifier that accepts several encodings of one
 * signature makes signatures malleable (a different byte string verifies, so "has this
 * signature been seen" checks break), and lax ASN.1 parsers have a history of bugs. Refused:
 * any tag but SEQUENCE and INTEGER; long-form or indefinite lengths (every length here is
 * below 128, so DER allows only the short form, X.690 §10.1); lengths that run past the end;
 * an empty INTEGER; an INTEGER with a superfluous leading 0x00 or 0xff octet (§8.3.2); a
 * negative INTEGER; trailing bytes after the SEQUENCE or inside it; r or s = 0 or ≥ n. The
 * parser reads each byte once: linear time, no recursion.
 *
 * A malformed signature is not an error for `verify`: it is simply not a valid signature
 * (parseSignature returns undefined). decodeSignature, for callers who want to look inside,
 * throws CryptoError INVALID_ENCODING instead.
 */
import { assertBytes, describeType } from '../bytes/assert.js';
import { bigIntToBytes, bytesToBigInt } from '../bytes/bigint.js';
import { concatBytes } from '../bytes/bytes.js';
import { CryptoError } from '../errors.js';
import { n } from '../math/scalar.js';

/** An ECDSA signature: two integers in [1, n − 1]. */
export interface EcdsaSignature {
  readonly r: bigint;
  readonly s: bigint;
}

/** The signature encodings: DER (default) or IEEE P1363 r ‖ s. */
export type SignatureFormat = 'der' | 'p1363';

/**
 * Throws unless `format` is 'der' or 'p1363' (an unknown format is misuse, not a bad signature).
 * @throws TypeError naming the argument
 */
export function assertSignatureFormat(
  format: unknown,
  name = 'format',
): asserts format is SignatureFormat {
  if (format !== 'der' && format !== 'p1363')
    throw new TypeError(
      `${name} must be 'der' or 'p1363', got ${typeof format === 'string' ? `'${format}'` : describeType(format)}`,
    );
}

const inRange = (v: bigint): boolean => v >= 1n && v < n;

/** DER INTEGER contents (X.690 §8.3) of a positive value: minimal two's complement. */
function integerContents(v: bigint): Uint8Array {
  const hex = v.toString(16);
  const bytes = bigIntToBytes(v, Math.ceil(hex.length / 2));
  return bytes[0] >= 0x80 ? concatBytes(Uint8Array.of(0), bytes) : bytes; // keep it positive
}

/**
 * Writes a signature in `format`.
 * @param signature - { r, s } with r, s ∈ [1, n − 1]
 * @param format - 'der' (default) or 'p1363'
 * @returns fresh bytes: 8–72 (DER) or 64 (P1363)
 * @throws TypeError for a non-bigint r or s or an unknown format; RangeError when r or s is
 *   outside [1, n − 1]
 * @example encodeSignature({ r, s }, 'p1363').length // 64
 */
export function encodeSignature(
  signature: EcdsaSignature,
  format: SignatureFormat = 'der',
): Uint8Array {
  if (typeof signature !== 'object' || signature === null)
    throw new TypeError(`signature must be an object { r, s }, got ${describeType(signature)}`);
  const { r, s } = signature; // read once
  assertSignatureFormat(format);
  assertBigInt1ToN(r, 'signature.r');
  assertBigInt1ToN(s, 'signature.s');
  if (format === 'p1363') return concatBytes(bigIntToBytes(r, 32), bigIntToBytes(s, 32));
  const R = integerContents(r);
  const S = integerContents(s);
  return Uint8Array.of(0x30, 4 + R.length + S.length, 0x02, R.length, ...R, 0x02, S.length, ...S);
}

function assertBigInt1ToN(v: unknown, name: string): asserts v is bigint {
  if (typeof v !== 'bigint')
    throw new TypeError(`${name} must be a bigint, got ${describeType(v)}`);
  if (!inRange(v)) throw new RangeError(`${name} must be in [1, n-1]`);
}

/**
 * Reads one DER INTEGER at `at` (strict: short-form length, minimal, positive) and returns the
 * value and the offset after it, or undefined.
 */
function readInteger(der: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  if (at + 2 > der.length || der[at] !== 0x02) return undefined; // tag INTEGER
  const length = der[at + 1];
  if (length === 0 || length >= 0x80) return undefined; // empty, or long form (never minimal here)
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  if (der[start] >= 0x80) return undefined; // negative
  if (length > 1 && der[start] === 0x00 && der[start + 1] < 0x80) return undefined; // non-minimal
  return { value: bytesToBigInt(der.subarray(start, end)), next: end };
}

/**
 * Parses a signature strictly (see the file header); undefined when it is malformed or r or s
 * is outside [1, n − 1]. For verify, which treats that as "not a valid signature".
 * `bytes` must already be known to be a Uint8Array.
 */
export function parseSignature(
  bytes: Uint8Array,
  format: SignatureFormat,
): EcdsaSignature | undefined {
  let r: bigint;
  let s: bigint;
  if (format === 'p1363') {
    if (bytes.length !== 64) return undefined;
    r = bytesToBigInt(bytes.subarray(0, 32));
    s = bytesToBigInt(bytes.subarray(32));
  } else {
    // 30 len: a SEQUENCE whose short-form length covers exactly the rest of the input.
    if (bytes.length < 2 || bytes[0] !== 0x30 || bytes[1] >= 0x80) return undefined;
    if (bytes[1] !== bytes.length - 2) return undefined; // truncated, or trailing bytes
    const first = readInteger(bytes, 2);
    if (first === undefined) return undefined;
    const second = readInteger(bytes, first.next);
    if (second === undefined || second.next !== bytes.length) return undefined; // nothing after s
    r = first.value;
    s = second.value;
  }
  if (!inRange(r) || !inRange(s)) return undefined;
  return Object.freeze({ r, s });
}

/**
 * Parses an encoded signature, strictly (see the file header).
 * @param bytes - the signature
 * @param format - 'der' (default) or 'p1363'
 * @returns a frozen { r, s }
 * @throws TypeError for a non-Uint8Array or an unknown format; CryptoError INVALID_ENCODING
 *   for a malformed signature or r, s outside [1, n − 1]
 * @example decodeSignature(derBytes).r
 */
export function decodeSignature(
  bytes: Uint8Array,
  format: SignatureFormat = 'der',
): EcdsaSignature {
  assertBytes(bytes, 'signature');
  assertSignatureFormat(format);
  const signature = parseSignature(bytes, format);
  if (signature === undefined)
    throw new CryptoError(
      'INVALID_ENCODING',
      `ecdsa: malformed ${format === 'der' ? 'DER' : 'P1363'} signature, or r or s outside [1, n-1]`,
    );
  return signature;
}
