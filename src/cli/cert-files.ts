/// <reference types="node" />
/**
 * What the `cert` subcommands share: reading certificates and requests (PEM, a PEM bundle, or
 * DER), a Signer over a private key file, and the options that name a certificate's contents
 * (--subject, --dns, --ip, --hash), each checked into a one-line UsageError that names the
 * option.
 *
 * PEM files may carry explanatory text around their blocks (RFC 7468 §2), as the files
 * `openssl ca` writes do: only the BEGIN … END blocks are read.
 */
import { CryptoError } from '../errors.js';
import type { HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { sha384, sha512 } from '../hash/sha512.js';
import type { PrivateKey } from '../keys/private-key.js';
import { Certificate } from '../x509/certificate.js';
import { CertificationRequest } from '../x509/csr.js';
import { parseHost } from '../x509/hostname.js';
import { ipToBytes } from '../x509/ip.js';
import { Name } from '../x509/name.js';
import type { SignatureHash, Signer } from '../x509/signature.js';
import { UsageError } from './args.js';
import { CommandError, readBytes, requireCurve } from './key-files.js';

/** --hash for certificate and request signatures. */
export const HASH_OPTION = {
  type: 'string',
  placeholder: 'HASH',
  help: 'sha256, sha384 or sha512: the signature algorithm ecdsa-with-SHA256, -SHA384 or -SHA512',
  default: 'sha256',
} as const;

const SIGNATURE_HASHES: Readonly<Record<string, SignatureHash>> = Object.freeze({
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
});

/** The value of --hash as the X.509 name of the hash. @throws UsageError */
export function signatureHash(value: string): SignatureHash {
  if (!Object.hasOwn(SIGNATURE_HASHES, value))
    throw new UsageError(`--hash must be one of sha256, sha384, sha512, got '${value}'`);
  return SIGNATURE_HASHES[value];
}

const HASH_FUNCTIONS: Readonly<Record<SignatureHash, HashFunction>> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

/**
 * X.509's Signer over a private key: ecdh-lab's ECDSA (RFC 6979 nonces, DER).
 * @param source - the key's file, named when the key is not a P-256 key
 * @throws CommandError for an X25519 key (it cannot sign)
 */
export function keySigner(key: PrivateKey, source: string): Signer {
  requireCurve(key, 'P-256', source, 'signing (ECDSA)');
  return Object.freeze({
    publicKey: key.publicKey,
    sign: (message: Uint8Array, hash: SignatureHash) =>
      key.sign(message, { hash: HASH_FUNCTIONS[hash], format: 'der' }),
  });
}

/** --subject as a Name (RFC 4514, e.g. "CN=Test CA,O=Example"). @throws UsageError */
export function subjectOption(text: string): Name {
  try {
    return Name.parse(text);
  } catch (error) {
    if (error instanceof RangeError || error instanceof CryptoError)
      throw new UsageError(`--subject: ${error.message}`);
    throw error;
  }
}

/**
 * --dns and --ip as subjectAltName entries (undefined when neither is given). A DNS name may
 * start with one wildcard label ("*.example.com"); an IP address given as --dns is refused,
 * since a host IP never matches a DNS entry.
 * @throws UsageError
 */
export function altNamesOption(
  dns: readonly string[],
  ip: readonly string[],
): { dns: string[]; ip: string[] } | undefined {
  for (const name of dns) {
    if (ipToBytes(name) !== undefined)
      throw new UsageError(`--dns ${name} is an IP address: give it as --ip ${name}`);
    let kind: string | undefined;
    try {
      kind = parseHost(name.startsWith('*.') ? `x${name.slice(1)}` : name).kind;
    } catch {
      kind = undefined;
    }
    if (kind !== 'dns' || name.endsWith('.'))
      throw new UsageError(`--dns must be a DNS name such as www.example.com, got '${name}'`);
  }
  for (const address of ip)
    if (ipToBytes(address) === undefined)
      throw new UsageError(`--ip must be an IPv4 or IPv6 address, got '${address}'`);
  return dns.length + ip.length === 0 ? undefined : { dns: [...dns], ip: [...ip] };
}

/** The PEM blocks of `text`, without the explanatory text around them. */
function pemBlocksOnly(text: string): string {
  const blocks = text.match(/^-----BEGIN [^\r\n]*-----\r?$[\s\S]*?^-----END [^\r\n]*-----\r?$/gm);
  return blocks === null ? text : blocks.join('\n'); // no whole block: let the PEM reader say why
}

/** Parses bytes read from `source` that are PEM (text with BEGIN lines) or DER (a SEQUENCE). */
function parseFile<T>(
  bytes: Uint8Array,
  source: string,
  what: string,
  fromPem: (text: string) => T,
  fromDer: (der: Uint8Array) => T,
): T {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    if (text.includes('-----BEGIN ')) return fromPem(pemBlocksOnly(text));
    if (bytes[0] === 0x30) return fromDer(bytes);
    throw new CryptoError('INVALID_ENCODING', 'neither PEM nor DER');
  } catch (error) {
    if (error instanceof CryptoError)
      throw new CommandError(`${source} is not a valid ${what}: ${error.message}`);
    throw error;
  }
}

/** Every certificate in `bytes` read from `source`: a PEM bundle, or one DER. @throws CommandError */
export function certificatesFrom(
  bytes: Uint8Array,
  source: string,
  what = 'certificate',
): Certificate[] {
  const certs = parseFile(
    bytes,
    source,
    what,
    (text) => Certificate.fromPemBundle(text),
    (der) => [Certificate.fromDer(der)],
  );
  if (certs.length === 0) throw new CommandError(`${source} holds no certificate`);
  return certs;
}

/** Every certificate in a file: a PEM bundle (one or more), or one DER. @throws CommandError */
export function readCertificates(path: string, what = 'certificate'): Certificate[] {
  return certificatesFrom(readBytes(path, what), path, what);
}

/** The one certificate in a file. @throws CommandError */
export function readCertificate(path: string, what = 'certificate'): Certificate {
  const certs = readCertificates(path, what);
  if (certs.length !== 1)
    throw new CommandError(`${path} holds ${certs.length} certificates; expected one`);
  return certs[0];
}

/** A PKCS #10 request in `bytes` read from `source`, PEM or DER. @throws CommandError */
export function requestFrom(bytes: Uint8Array, source: string): CertificationRequest {
  return parseFile(
    bytes,
    source,
    'certificate request',
    (text) => CertificationRequest.fromPem(text),
    (der) => CertificationRequest.fromDer(der),
  );
}

/** A PKCS #10 request file, PEM or DER. @throws CommandError */
export function readRequest(path: string): CertificationRequest {
  return requestFrom(readBytes(path, 'certificate request'), path);
}

/** Whether bytes hold a PEM certificate request (a BEGIN line says so). */
export function isRequest(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8');
  return /^-----BEGIN (NEW )?CERTIFICATE REQUEST-----\r?$/m.test(text);
}
