/**
 * Checks of the options both TLS sides take (cipher suites, groups, signature schemes, fixed
 * randoms), and the record of what a handshake negotiated.
 */
import type { KeyShareGroup } from './groups.js';
import type { TlsCipherSuite } from './suites.js';

/** What a handshake negotiated; fields appear as the handshake reaches them. */
export interface Negotiated {
  /** 'TLSv1.3' once the ServerHello is processed. */
  version?: 'TLSv1.3';
  /** The cipher suite's IANA name, e.g. 'TLS_AES_128_GCM_SHA256'. */
  cipherSuite?: string;
  /** The key-share group's name, e.g. 'secp256r1'. */
  group?: string;
  /** The CertificateVerify SignatureScheme, e.g. 0x0403. */
  signatureScheme?: number;
  /** The ALPN protocol, when one was agreed. */
  alpn?: string;
  /** The server_name the client sent (server side). */
  serverName?: string;
  /** The server's certificate chain, DER, leaf first (client side). */
  peerCertificates?: readonly Uint8Array[];
  /** True when a HelloRetryRequest was needed. */
  helloRetryRequest: boolean;
}

interface SharedOptions {
  cipherSuites?: readonly TlsCipherSuite[];
  groups?: readonly KeyShareGroup[];
  signatureSchemes?: readonly number[];
  signatureSchemesCert?: readonly number[];
  random?: Uint8Array;
  legacySessionId?: Uint8Array;
}

function assertList(value: unknown, name: string, allowEmpty = false): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array`);
  if (!allowEmpty && value.length === 0) throw new RangeError(`${name} must not be empty`);
}

function assertDistinctCodes(items: readonly { code: number }[], name: string): void {
  const codes = new Set(items.map((item) => item.code));
  if (codes.size !== items.length) throw new RangeError(`${name} has duplicates`);
}

/**
 * Validates the shared options.
 * @throws TypeError for a wrong type, RangeError for an empty or duplicated list or a wrong length
 */
export function assertOptions(options: SharedOptions, who: string): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${who}: options must be an object`);
  if (options.cipherSuites !== undefined) {
    assertList(options.cipherSuites, `${who}: cipherSuites`);
    for (const suite of options.cipherSuites)
      if (typeof suite?.aead !== 'function' || typeof suite.hash !== 'function')
        throw new TypeError(`${who}: cipherSuites must hold cipher suite rows`);
    assertDistinctCodes(options.cipherSuites, `${who}: cipherSuites`);
  }
  if (options.groups !== undefined) {
    assertList(options.groups, `${who}: groups`);
    for (const group of options.groups)
      if (typeof group?.generateKeyPair !== 'function' || typeof group.sharedSecret !== 'function')
        throw new TypeError(`${who}: groups must hold key-share groups`);
    assertDistinctCodes(options.groups, `${who}: groups`);
  }
  for (const name of ['signatureSchemes', 'signatureSchemesCert'] as const) {
    const schemes = options[name];
    if (schemes === undefined) continue;
    assertList(schemes, `${who}: ${name}`);
    for (const scheme of schemes)
      if (!Number.isInteger(scheme) || scheme < 0 || scheme > 0xffff)
        throw new RangeError(`${who}: ${name} must hold SignatureScheme code points`);
  }
  if (options.random !== undefined)
    if (!(options.random instanceof Uint8Array) || options.random.length !== 32)
      throw new RangeError(`${who}: random must be 32 bytes`);
  if (options.legacySessionId !== undefined)
    if (!(options.legacySessionId instanceof Uint8Array) || options.legacySessionId.length > 32)
      throw new RangeError(`${who}: legacySessionId must be at most 32 bytes`);
}
