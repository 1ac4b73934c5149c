/**
 * ClientHello and ServerHello (RFC 8446 §4.1.2, §4.1.3), HelloRetryRequest included: encoding,
 * and strict parsing into frozen objects whose implemented extensions are decoded once.
 *
 *   struct {
 *       ProtocolVersion legacy_version = 0x0303;
 *       Random random;                                       (32 bytes)
 *       opaque legacy_session_id<0..32>;
 *       CipherSuite cipher_suites<2..2^16-2>;
 *       opaque legacy_compression_methods<1..2^8-1>;
 *       Extension extensions<8..2^16-1>;
 *   } ClientHello;
 *
 *   struct {
 *       ProtocolVersion legacy_version = 0x0303;
 *       Random random;                                       (HelloRetryRequest: SHA-256("HelloRetryRequest"))
 *       opaque legacy_session_id_echo<0..32>;
 *       CipherSuite cipher_suite;
 *       uint8 legacy_compression_method = 0;
 *       Extension extensions<6..2^16-1>;
 *   } ServerHello;
 *
 * Parsing checks structure and the extension rules of ./extensions.ts; what the values mean
 * (versions, offered suites and groups) is the state machines' business. A hello from an older
 * TLS version may lack the extension block entirely, or carry extensions TLS 1.3 does not allow
 * in that message: both parse (without the §4.2 table check), so that the state machine can
 * answer with protocol_version (or, on a downgrade sentinel, illegal_parameter) as §4.1.3 and
 * Appendix D require.
 */
import { concatBytes, equalBytes } from '../bytes/index.js';
import { refuse } from './alert.js';
import {
  assertAllowed,
  assertEmpty,
  clientKeyShares,
  cookie,
  encodeExtensions,
  type Extension,
  findExtension,
  type KeyShareEntry,
  namedGroupList,
  parseExtensions,
  protocolNameList,
  selectedGroup,
  selectedVersion,
  serverKeyShare,
  serverNameList,
  signatureSchemeList,
  supportedVersionsList,
} from './extensions.js';
import { EXTENSION, HELLO_RETRY_REQUEST_RANDOM, TLS13 } from './registry.js';
import { TlsReader, u8, u16, vector8, vector16 } from './wire.js';

/** The fields a ClientHello is built from. */
export interface ClientHelloFields {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly legacySessionId: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly legacyCompressionMethods: Uint8Array;
  /** In the order they are sent. */
  readonly extensions: readonly Extension[];
}

/** A parsed ClientHello: the fields, and the implemented extensions decoded (absent: undefined). */
export interface ClientHello extends ClientHelloFields {
  readonly supportedVersions: readonly number[] | undefined;
  readonly supportedGroups: readonly number[] | undefined;
  readonly keyShares: readonly KeyShareEntry[] | undefined;
  readonly signatureAlgorithms: readonly number[] | undefined;
  readonly signatureAlgorithmsCert: readonly number[] | undefined;
  readonly serverName: string | undefined;
  readonly alpn: readonly string[] | undefined;
  readonly cookie: Uint8Array | undefined;
  readonly earlyData: boolean;
}

/**
 * ClientHello body (without the handshake header).
 * @example handshakeMessage(HANDSHAKE_TYPE.client_hello, encodeClientHello(fields))
 */
export function encodeClientHello(hello: ClientHelloFields): Uint8Array {
  return concatBytes(
    u16(hello.legacyVersion),
    hello.random,
    vector8(hello.legacySessionId),
    vector16(...hello.cipherSuites.map(u16)),
    vector8(hello.legacyCompressionMethods),
    encodeExtensions(hello.extensions),
  );
}

function decodeOptional<T>(
  list: readonly Extension[],
  type: number,
  parse: (data: Uint8Array) => T,
): T | undefined {
  const data = findExtension(list, type);
  if (data === undefined) return undefined;
  const value = parse(data);
  return Array.isArray(value) ? (Object.freeze(value) as T) : value;
}

/**
 * Parses a ClientHello body.
 * @throws TlsError decode_error for a malformed message; illegal_parameter for a duplicate or
 *   misplaced extension, two key shares for a group, or a pre_shared_key that is not last
 * @example parseClientHello(new TlsClient({ verifier }).start()[0].subarray(9)).supportedVersions // [0x0304]
 */
export function parseClientHello(body: Uint8Array): ClientHello {
  const reader = new TlsReader(body, 'ClientHello');
  const legacyVersion = reader.u16();
  const random = reader.bytes(32);
  const legacySessionId = reader.vector(1, 0, 32, 'legacy_session_id');
  const suites = reader.nested(2, 2, 0xfffe, 'cipher_suites');
  if (suites.remaining % 2 !== 0)
    throw refuse('decode_error', 'tls: ClientHello: cipher_suites has an odd length');
  const cipherSuites: number[] = [];
  while (suites.remaining > 0) cipherSuites.push(suites.u16());
  const legacyCompressionMethods = reader.vector(1, 1, 0xff, 'legacy_compression_methods');
  // Before TLS 1.2 the extension block was optional; without it there is no supported_versions
  // and the server answers protocol_version.
  const extensions = reader.remaining === 0 ? [] : parseExtensions(reader, 8, 'CH', 'ClientHello');
  reader.end();
  const pskIndex = extensions.findIndex((e) => e.type === EXTENSION.pre_shared_key);
  if (pskIndex !== -1 && pskIndex !== extensions.length - 1)
    throw refuse('illegal_parameter', 'tls: ClientHello: pre_shared_key is not the last extension');
  const earlyData = findExtension(extensions, EXTENSION.early_data);
  if (earlyData !== undefined) assertEmpty(earlyData, 'ClientHello early_data');
  return Object.freeze({
    legacyVersion,
    random,
    legacySessionId,
    cipherSuites: Object.freeze(cipherSuites),
    legacyCompressionMethods,
    extensions,
    supportedVersions: decodeOptional(
      extensions,
      EXTENSION.supported_versions,
      supportedVersionsList.parse,
    ),
    supportedGroups: decodeOptional(extensions, EXTENSION.supported_groups, namedGroupList.parse),
    keyShares: decodeOptional(extensions, EXTENSION.key_share, clientKeyShares.parse),
    signatureAlgorithms: decodeOptional(
      extensions,
      EXTENSION.signature_algorithms,
      signatureSchemeList.parse,
    ),
    signatureAlgorithmsCert: decodeOptional(
      extensions,
      EXTENSION.signature_algorithms_cert,
      signatureSchemeList.parse,
    ),
    serverName: decodeOptional(extensions, EXTENSION.server_name, serverNameList.parse),
    alpn: decodeOptional(
      extensions,
      EXTENSION.application_layer_protocol_negotiation,
      protocolNameList.parse,
    ),
    cookie: decodeOptional(extensions, EXTENSION.cookie, cookie.parse),
    earlyData: earlyData !== undefined,
  });
}

/** The fields a ServerHello (or HelloRetryRequest) is built from. */
export interface ServerHelloFields {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly legacySessionIdEcho: Uint8Array;
  readonly cipherSuite: number;
  readonly legacyCompressionMethod: number;
  readonly extensions: readonly Extension[];
}

/**
 * A parsed ServerHello. `isHelloRetryRequest` when random is the special value (§4.1.3).
 * For a TLS 1.3 hello (`selectedVersion` present) the §4.2 table has been checked and the
 * implemented extensions decoded; `keyShare` is set for a ServerHello, `selectedGroup` and
 * `cookie` for a HelloRetryRequest.
 */
export interface ServerHello extends ServerHelloFields {
  readonly isHelloRetryRequest: boolean;
  readonly selectedVersion: number | undefined;
  readonly keyShare: KeyShareEntry | undefined;
  readonly selectedGroup: number | undefined;
  readonly cookie: Uint8Array | undefined;
}

/**
 * ServerHello body (without the handshake header).
 * @example encodeServerHello(parseServerHello(serverHelloBody)) // the same bytes
 */
export function encodeServerHello(hello: ServerHelloFields): Uint8Array {
  return concatBytes(
    u16(hello.legacyVersion),
    hello.random,
    vector8(hello.legacySessionIdEcho),
    u16(hello.cipherSuite),
    u8(hello.legacyCompressionMethod),
    encodeExtensions(hello.extensions),
  );
}

/**
 * Parses a ServerHello or HelloRetryRequest body.
 * @throws TlsError decode_error for a malformed message; illegal_parameter for a duplicate or
 *   misplaced extension
 * @example parseServerHello(serverHelloBody).keyShare?.group // 0x001d
 */
export function parseServerHello(body: Uint8Array): ServerHello {
  const reader = new TlsReader(body, 'ServerHello');
  const legacyVersion = reader.u16();
  const random = reader.bytes(32);
  const legacySessionIdEcho = reader.vector(1, 0, 32, 'legacy_session_id_echo');
  const cipherSuite = reader.u16();
  const legacyCompressionMethod = reader.u8();
  const extensions =
    reader.remaining === 0 ? [] : parseExtensions(reader, 0, undefined, 'ServerHello');
  reader.end();
  const isHelloRetryRequest = equalBytes(random, HELLO_RETRY_REQUEST_RANDOM);
  const what = isHelloRetryRequest ? 'HelloRetryRequest' : 'ServerHello';
  const versionData = findExtension(extensions, EXTENSION.supported_versions);
  let version: number | undefined;
  let keyShare: KeyShareEntry | undefined;
  let group: number | undefined;
  let hrrCookie: Uint8Array | undefined;
  if (versionData !== undefined) {
    version = selectedVersion.parse(versionData);
    if (version === TLS13) {
      assertAllowed(extensions, isHelloRetryRequest ? 'HRR' : 'SH', what);
      const shareData = findExtension(extensions, EXTENSION.key_share);
      if (shareData !== undefined) {
        if (isHelloRetryRequest) group = selectedGroup.parse(shareData);
        else keyShare = serverKeyShare.parse(shareData);
      }
      const cookieData = findExtension(extensions, EXTENSION.cookie);
      if (cookieData !== undefined) hrrCookie = cookie.parse(cookieData);
    }
  }
  return Object.freeze({
    legacyVersion,
    random,
    legacySessionIdEcho,
    cipherSuite,
    legacyCompressionMethod,
    extensions,
    isHelloRetryRequest,
    selectedVersion: version,
    keyShare,
    selectedGroup: group,
    cookie: hrrCookie,
  });
}
