/**
 * The subject's public key (RFC 5280 §4.1.2.7):
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 *
 * Three outcomes:
 *   - P-256 (id-ecPublicKey with namedCurve prime256v1, RFC 5480): a validated `PublicKey`,
 *     through the same strict path as `PublicKey.fromDer` (an invalid point refuses the
 *     certificate, INVALID_POINT);
 *   - X25519 (id-X25519, RFC 8410 §3: no parameters, 32 octets): a `PublicKey` with curve
 *     'X25519' (a key-agreement key: it cannot verify signatures, so a certificate with it
 *     can be a leaf but never an issuer);
 *   - anything else (RSA, other curves, explicit curve parameters, Ed25519, …): kept as
 *     "unsupported" data with a readable name, so the certificate can still be printed;
 *     verification refuses it with CERT_UNSUPPORTED_KEY.
 */
import { bytesToHex } from '../bytes/index.js';
import { type DerElement, DerReader } from '../keys/der.js';
import { PublicKey } from '../keys/public-key.js';
import {
  fail,
  readBitString,
  readConstructed,
  readOid,
  readTagged,
  readerOver,
  Tag,
} from './asn1.js';
import { ALGORITHM_NAMES, CURVE_NAMES, KEY_ALGORITHMS } from './oids.js';

interface KeyInfoCommon {
  /** The algorithm OID, dotted. */
  readonly algorithmOid: string;
  /** The algorithm as OpenSSL names it ('id-ecPublicKey', 'rsaEncryption', 'X25519', …) or the OID. */
  readonly algorithm: string;
  /** The key size in bits when known (256 for P-256, the modulus size for RSA). */
  readonly bits?: number;
  /** subjectPublicKey's octets as hex (for display and identifiers). */
  readonly subjectPublicKey: string;
}

/** A parsed SubjectPublicKeyInfo. */
export type SubjectPublicKeyInfo =
  | (KeyInfoCommon & { readonly kind: 'P-256'; readonly publicKey: PublicKey })
  | (KeyInfoCommon & { readonly kind: 'X25519'; readonly publicKey: PublicKey })
  | (KeyInfoCommon & {
      readonly kind: 'unsupported';
      /** What the key is: 'RSA', 'P-384', 'Ed25519', 'EC (explicit parameters)', or the OID. */
      readonly name: string;
      /** The named curve's OID for id-ecPublicKey keys on other curves. */
      readonly curveOid?: string;
    });

/** Short names for other key algorithms, for messages. */
const KEY_NAMES: Record<string, string> = {
  '1.3.101.111': 'X448',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
};

/** Bit length of an unsigned big-endian INTEGER's contents, without BigInt (linear). */
function integerBits(contents: Uint8Array): number {
  let i = 0;
  while (i < contents.length - 1 && contents[i] === 0) i++;
  if (i >= contents.length) return 0;
  return (contents.length - i - 1) * 8 + (32 - Math.clz32(contents[i]));
}

/**
 * Reads a SubjectPublicKeyInfo from `reader`.
 * @returns the parsed key and the structure's whole encoding (a view)
 */
export function readSubjectPublicKeyInfo(
  reader: DerReader,
  what: string,
): { info: SubjectPublicKeyInfo; encoding: Uint8Array } {
  const element = readTagged(reader, Tag.SEQUENCE, `${what} subjectPublicKeyInfo`);
  return { info: decodeSubjectPublicKeyInfo(element, what), encoding: element.encoding };
}

function decodeSubjectPublicKeyInfo(element: DerElement, what: string): SubjectPublicKeyInfo {
  const spki = readerOver(element);
  const algorithm = readConstructed(spki, Tag.SEQUENCE, `${what} key algorithm`);
  const algorithmOid = readOid(algorithm, `${what} key algorithm`);
  const parameters = algorithm.done ? undefined : algorithm.readAny();
  algorithm.assertEnd();
  const key = readBitString(spki, `${what} subjectPublicKey`);
  spki.assertEnd();
  const common = {
    algorithmOid,
    algorithm: ALGORITHM_NAMES[algorithmOid] ?? algorithmOid,
    subjectPublicKey: bytesToHex(key.bytes),
  };
  const unsupported = (
    name: string,
    extra: { bits?: number; curveOid?: string } = {},
  ): SubjectPublicKeyInfo => ({
    kind: 'unsupported',
    name,
    ...common,
    ...extra,
  });

  switch (algorithmOid) {
    case KEY_ALGORITHMS.ecPublicKey: {
      if (parameters?.tag !== Tag.OBJECT_IDENTIFIER) return unsupported('EC (explicit parameters)');
      const curveOid = readOid(
        new DerReader(parameters.encoding, parameters.offset),
        `${what} curve`,
      );
      const curve = CURVE_NAMES[curveOid];
      if (curveOid !== '1.2.840.10045.3.1.7')
        return unsupported(curve?.nist ?? curve?.name ?? `EC curve ${curveOid}`, {
          bits: curve?.bits,
          curveOid,
        });
      // The strict P-256 path: parseSpki + decodePoint + full public key validation.
      const publicKey = PublicKey.fromDer(element.encoding.slice());
      return { kind: 'P-256', publicKey, bits: 256, ...common };
    }
    case KEY_ALGORITHMS.x25519:
      if (parameters !== undefined)
        fail(`${what}: X25519 key with parameters (RFC 8410 §3: absent)`);
      if (key.unusedBits !== 0 || key.bytes.length !== 32)
        fail(`${what}: X25519 public key is not 32 octets (RFC 8410 §4)`);
      return {
        kind: 'X25519',
        publicKey: PublicKey.fromRaw(key.bytes.slice(), { curve: 'X25519' }),
        bits: 253,
        ...common,
      };
    case KEY_ALGORITHMS.rsaEncryption: {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1):
      // only the modulus size is read, for display.
      let bits: number | undefined;
      try {
        const rsa = readConstructed(new DerReader(key.bytes), Tag.SEQUENCE, 'rsa');
        bits = integerBits(readTagged(rsa, Tag.INTEGER, 'rsa modulus').contents);
      } catch {
        bits = undefined;
      }
      return unsupported('RSA', bits === undefined ? {} : { bits });
    }
    case KEY_ALGORITHMS.ed25519:
      return unsupported('Ed25519', { bits: 256 });
    default:
      return unsupported(KEY_NAMES[algorithmOid] ?? ALGORITHM_NAMES[algorithmOid] ?? algorithmOid);
  }
}
