/**
 * The code points of TLS 1.3 that the engine speaks (RFC 8446 §4, §4.2, §5.1, Appendix B.3),
 * with their names for traces and error messages.
 */
import { hexToBytes } from '../bytes/index.js';

/** ContentType (§5.1). */
export const CONTENT_TYPE = Object.freeze({
  change_cipher_spec: 20,
  alert: 21,
  handshake: 22,
  application_data: 23,
} as const);

/** ProtocolVersion values (§4.1.2, §4.2.1). */
export const TLS12 = 0x0303;
export const TLS13 = 0x0304;
/** legacy_record_version of an initial ClientHello (§5.1: "MAY also be 0x0301"). */
export const TLS10 = 0x0301;

/** HandshakeType (§4). */
export const HANDSHAKE_TYPE = Object.freeze({
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_request: 13,
  certificate_verify: 15,
  finished: 20,
  key_update: 24,
  message_hash: 254,
} as const);

export type HandshakeTypeName = keyof typeof HANDSHAKE_TYPE;

const HANDSHAKE_NAMES = new Map<number, string>(
  Object.entries(HANDSHAKE_TYPE).map(([name, code]) => [code, name]),
);

/** The name of a handshake type, or `unknown(N)`. */
export function handshakeTypeName(type: number): string {
  return HANDSHAKE_NAMES.get(type) ?? `unknown(${type})`;
}

/**
 * ExtensionType (§4.2), every one RFC 8446's table lists: the engine "recognizes" all of
 * them in the sense of §4.2 (a recognized extension in a message it is not specified for is
 * refused with illegal_parameter), and implements the ones marked †.
 */
export const EXTENSION = Object.freeze({
  server_name: 0, // † RFC 6066 §3
  max_fragment_length: 1,
  status_request: 5,
  supported_groups: 10, // †
  signature_algorithms: 13, // †
  use_srtp: 14,
  heartbeat: 15,
  application_layer_protocol_negotiation: 16, // † RFC 7301
  signed_certificate_timestamp: 18,
  client_certificate_type: 19,
  server_certificate_type: 20,
  padding: 21, // † RFC 7685 (ignored when received)
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43, // †
  cookie: 44, // †
  psk_key_exchange_modes: 45,
  certificate_authorities: 47,
  oid_filters: 48,
  post_handshake_auth: 49,
  signature_algorithms_cert: 50, // †
  key_share: 51, // †
} as const);

export type ExtensionName = keyof typeof EXTENSION;

const EXTENSION_NAMES = new Map<number, string>(
  Object.entries(EXTENSION).map(([name, code]) => [code, name]),
);

/** The name of an extension type, or `unknown(N)`. */
export function extensionName(type: number): string {
  return EXTENSION_NAMES.get(type) ?? `unknown(${type})`;
}

/** SignatureScheme values (§4.2.3) the engine can name. */
export const SIGNATURE_SCHEME = Object.freeze({
  rsa_pkcs1_sha256: 0x0401,
  rsa_pkcs1_sha384: 0x0501,
  rsa_pkcs1_sha512: 0x0601,
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  ecdsa_secp521r1_sha512: 0x0603,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
  rsa_pss_rsae_sha512: 0x0806,
  ed25519: 0x0807,
  ed448: 0x0808,
  rsa_pss_pss_sha256: 0x0809,
  rsa_pss_pss_sha384: 0x080a,
  rsa_pss_pss_sha512: 0x080b,
} as const);

const SCHEME_NAMES = new Map<number, string>(
  Object.entries(SIGNATURE_SCHEME).map(([name, code]) => [code, name]),
);

/** The name of a signature scheme, or its hex code point. */
export function signatureSchemeName(scheme: number): string {
  return SCHEME_NAMES.get(scheme) ?? `0x${scheme.toString(16).padStart(4, '0')}`;
}

/** NamedGroup values (§4.2.7) the engine can name. */
export const NAMED_GROUP = Object.freeze({
  secp256r1: 0x0017,
  secp384r1: 0x0018,
  secp521r1: 0x0019,
  x25519: 0x001d,
  x448: 0x001e,
  ffdhe2048: 0x0100,
} as const);

const GROUP_NAMES = new Map<number, string>(
  Object.entries(NAMED_GROUP).map(([name, code]) => [code, name]),
);

/** The name of a named group, or its hex code point. */
export function groupName(group: number): string {
  return GROUP_NAMES.get(group) ?? `0x${group.toString(16).padStart(4, '0')}`;
}

/**
 * The ServerHello.random of a HelloRetryRequest (§4.1.3): SHA-256("HelloRetryRequest").
 */
export const HELLO_RETRY_REQUEST_RANDOM: Uint8Array = hexToBytes(
  'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c',
);

/**
 * The downgrade sentinels of §4.1.3: the last 8 bytes of ServerHello.random when a TLS 1.3
 * server negotiates TLS 1.2 ("DOWNGRD" ‖ 01) or TLS 1.1 and below ("DOWNGRD" ‖ 00).
 */
export const DOWNGRADE_TLS12: Uint8Array = hexToBytes('444f574e47524401');
export const DOWNGRADE_TLS11: Uint8Array = hexToBytes('444f574e47524400');
