/**
 * TLS 1.3 extensions (RFC 8446 §4.2): the block that ends most handshake messages, the rules
 * for where each extension may appear, and the bodies of the ones the engine implements.
 *
 *   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
 *
 * Rules enforced while parsing a block (§4.2):
 *   - "There MUST NOT be more than one extension of the same type" → illegal_parameter;
 *   - a recognized extension in a message it is not specified for → illegal_parameter
 *     (RECOGNIZED_IN below is the table of §4.2);
 *   - an unknown extension type is kept as raw bytes: a server ignores it; a client refuses any
 *     extension in a server message that it did not offer (unsupported_extension), which the
 *     state machine checks, since only it knows what it offered.
 * Bodies implemented: supported_versions (§4.2.1), cookie (§4.2.2), signature_algorithms and
 * signature_algorithms_cert (§4.2.3), supported_groups (§4.2.7), key_share (§4.2.8),
 * server_name (RFC 6066 §3) and application_layer_protocol_negotiation (RFC 7301 §3.1).
 * A malformed body is decode_error.
 */
import { concatBytes } from '../bytes/index.js';
import { refuse } from './alert.js';
import { EXTENSION, extensionName } from './registry.js';
import { TlsReader, u8, u16, vector8, vector16 } from './wire.js';

/** One extension as it travels: its type and its raw extension_data. */
export interface Extension {
  readonly type: number;
  readonly data: Uint8Array;
}

/** The messages that carry extensions, with RFC 8446's abbreviations. */
export type ExtensionContext = 'CH' | 'SH' | 'HRR' | 'EE' | 'CT' | 'CR' | 'NST';

/** §4.2's table: where each recognized extension may appear. */
const RECOGNIZED_IN = new Map<number, readonly ExtensionContext[]>([
  [EXTENSION.server_name, ['CH', 'EE']],
  [EXTENSION.max_fragment_length, ['CH', 'EE']],
  [EXTENSION.status_request, ['CH', 'CR', 'CT']],
  [EXTENSION.supported_groups, ['CH', 'EE']],
  [EXTENSION.signature_algorithms, ['CH', 'CR']],
  [EXTENSION.use_srtp, ['CH', 'EE']],
  [EXTENSION.heartbeat, ['CH', 'EE']],
  [EXTENSION.application_layer_protocol_negotiation, ['CH', 'EE']],
  [EXTENSION.signed_certificate_timestamp, ['CH', 'CR', 'CT']],
  [EXTENSION.client_certificate_type, ['CH', 'EE']],
  [EXTENSION.server_certificate_type, ['CH', 'EE']],
  [EXTENSION.padding, ['CH']],
  [EXTENSION.key_share, ['CH', 'SH', 'HRR']],
  [EXTENSION.pre_shared_key, ['CH', 'SH']],
  [EXTENSION.psk_key_exchange_modes, ['CH']],
  [EXTENSION.early_data, ['CH', 'EE', 'NST']],
  [EXTENSION.cookie, ['CH', 'HRR']],
  [EXTENSION.supported_versions, ['CH', 'SH', 'HRR']],
  [EXTENSION.certificate_authorities, ['CH', 'CR']],
  [EXTENSION.oid_filters, ['CR']],
  [EXTENSION.post_handshake_auth, ['CH']],
  [EXTENSION.signature_algorithms_cert, ['CH', 'CR']],
]);

/**
 * Reads an extension block `Extension extensions<floor..2^16-1>` and checks the §4.2 rules for
 * `context` (pass undefined to check only the structure and duplicates).
 * @throws TlsError decode_error, illegal_parameter
 * @example parseExtensions(new TlsReader(encodeExtensions([]), 'EE'), 0, 'EE', 'EncryptedExtensions') // []
 */
export function parseExtensions(
  reader: TlsReader,
  floor: number,
  context: ExtensionContext | undefined,
  what: string,
): readonly Extension[] {
  const block = reader.nested(2, floor, 0xffff, 'extensions');
  const seen = new Set<number>();
  const list: Extension[] = [];
  while (block.remaining > 0) {
    const type = block.u16();
    const data = block.vector(2, 0, 0xffff, 'extension_data');
    if (seen.has(type))
      throw refuse('illegal_parameter', `tls: ${what}: extension ${extensionName(type)} twice`);
    seen.add(type);
    list.push(Object.freeze({ type, data }));
  }
  if (context !== undefined) assertAllowed(list, context, what);
  return Object.freeze(list);
}

/**
 * Checks §4.2's table: a recognized extension outside the messages it is specified for is
 * refused with illegal_parameter.
 */
export function assertAllowed(
  list: readonly Extension[],
  context: ExtensionContext,
  what: string,
): void {
  for (const { type } of list) {
    const allowed = RECOGNIZED_IN.get(type);
    if (allowed !== undefined && !allowed.includes(context))
      throw refuse(
        'illegal_parameter',
        `tls: ${what}: extension ${extensionName(type)} is not allowed in this message`,
      );
  }
}

/** The extension_data of `type` in `list`, or undefined. */
export function findExtension(list: readonly Extension[], type: number): Uint8Array | undefined {
  for (const extension of list) if (extension.type === type) return extension.data;
  return undefined;
}

/** Encodes an extension block: extensions<0..2^16-1>. */
export function encodeExtensions(list: readonly Extension[]): Uint8Array {
  return vector16(...list.map(({ type, data }) => concatBytes(u16(type), vector16(data))));
}

/** Builds one Extension. */
export function extension(type: number, data: Uint8Array): Extension {
  return Object.freeze({ type, data });
}

// ---- bodies -------------------------------------------------------------------------------

/** A list of uint16 in a vector<floor..ceiling> with a `prefix`-byte length. */
function readU16List(
  data: Uint8Array,
  prefix: 1 | 2,
  floor: number,
  ceiling: number,
  what: string,
): number[] {
  const reader = new TlsReader(data, what);
  const list = reader.nested(prefix, floor, ceiling, 'list');
  reader.end();
  if (list.remaining % 2 !== 0) throw refuse('decode_error', `tls: ${what}: odd length`);
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.u16());
  return out;
}

function writeU16List(values: readonly number[], prefix: 1 | 2): Uint8Array {
  const body = concatBytes(...values.map(u16));
  return prefix === 1 ? vector8(body) : vector16(body);
}

/** supported_versions in a ClientHello: ProtocolVersion versions<2..254> (§4.2.1). */
export const supportedVersionsList = {
  parse: (data: Uint8Array): number[] => readU16List(data, 1, 2, 254, 'supported_versions'),
  encode: (versions: readonly number[]): Uint8Array => writeU16List(versions, 1),
};

/** supported_versions in a ServerHello / HelloRetryRequest: one selected_version (§4.2.1). */
export const selectedVersion = {
  parse(data: Uint8Array): number {
    const reader = new TlsReader(data, 'supported_versions');
    const version = reader.u16();
    reader.end();
    return version;
  },
  encode: (version: number): Uint8Array => u16(version),
};

/** signature_algorithms(_cert): SignatureScheme supported_signature_algorithms<2..2^16-2>. */
export const signatureSchemeList = {
  parse: (data: Uint8Array): number[] => readU16List(data, 2, 2, 0xfffe, 'signature_algorithms'),
  encode: (schemes: readonly number[]): Uint8Array => writeU16List(schemes, 2),
};

/** supported_groups: NamedGroup named_group_list<2..2^16-1> (§4.2.7). */
export const namedGroupList = {
  parse: (data: Uint8Array): number[] => readU16List(data, 2, 2, 0xffff, 'supported_groups'),
  encode: (groups: readonly number[]): Uint8Array => writeU16List(groups, 2),
};

/** struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry (§4.2.8). */
export interface KeyShareEntry {
  readonly group: number;
  readonly keyExchange: Uint8Array;
}

function readKeyShareEntry(reader: TlsReader): KeyShareEntry {
  const group = reader.u16();
  const keyExchange = reader.vector(2, 1, 0xffff, 'key_exchange');
  return Object.freeze({ group, keyExchange });
}

function writeKeyShareEntry({ group, keyExchange }: KeyShareEntry): Uint8Array {
  return concatBytes(u16(group), vector16(keyExchange));
}

/**
 * key_share in a ClientHello: KeyShareEntry client_shares<0..2^16-1>. Two shares for one
 * group are refused (§4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the
 * same group") with illegal_parameter.
 */
export const clientKeyShares = {
  parse(data: Uint8Array): KeyShareEntry[] {
    const reader = new TlsReader(data, 'key_share');
    const list = reader.nested(2, 0, 0xffff, 'client_shares');
    reader.end();
    const shares: KeyShareEntry[] = [];
    const groups = new Set<number>();
    while (list.remaining > 0) {
      const entry = readKeyShareEntry(list);
      if (groups.has(entry.group))
        throw refuse('illegal_parameter', 'tls: key_share: two shares for one group');
      groups.add(entry.group);
      shares.push(entry);
    }
    return shares;
  },
  encode: (shares: readonly KeyShareEntry[]): Uint8Array =>
    vector16(...shares.map(writeKeyShareEntry)),
};

/** key_share in a ServerHello: one KeyShareEntry server_share (§4.2.8). */
export const serverKeyShare = {
  parse(data: Uint8Array): KeyShareEntry {
    const reader = new TlsReader(data, 'key_share');
    const entry = readKeyShareEntry(reader);
    reader.end();
    return entry;
  },
  encode: writeKeyShareEntry,
};

/** key_share in a HelloRetryRequest: NamedGroup selected_group (§4.2.8). */
export const selectedGroup = {
  parse(data: Uint8Array): number {
    const reader = new TlsReader(data, 'key_share');
    const group = reader.u16();
    reader.end();
    return group;
  },
  encode: (group: number): Uint8Array => u16(group),
};

/** cookie: opaque cookie<1..2^16-1> (§4.2.2). */
export const cookie = {
  parse(data: Uint8Array): Uint8Array {
    const reader = new TlsReader(data, 'cookie');
    const value = reader.vector(2, 1, 0xffff, 'cookie');
    reader.end();
    return value;
  },
  encode: (value: Uint8Array): Uint8Array => vector16(value),
};

/** Bytes to a string, one character per byte (lossless for the ASCII names used here). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e || code < 0x20) throw new RangeError('tls: names must be printable ASCII');
    out[i] = code;
  }
  return out;
}

/**
 * server_name (RFC 6066 §3): ServerName server_name_list<1..2^16-1>, each
 * { NameType name_type; HostName host_name<1..2^16-1> } for name_type host_name(0). Returns the
 * host name (undefined if there is none); a second host_name, or one that is not printable
 * ASCII, is illegal_parameter. Entries of other name types are skipped.
 */
export const serverNameList = {
  parse(data: Uint8Array): string | undefined {
    const reader = new TlsReader(data, 'server_name');
    const list = reader.nested(2, 1, 0xffff, 'server_name_list');
    reader.end();
    let hostName: string | undefined;
    while (list.remaining > 0) {
      const nameType = list.u8();
      const name = list.vector(2, 1, 0xffff, 'host_name');
      if (nameType !== 0) continue;
      if (hostName !== undefined)
        throw refuse('illegal_parameter', 'tls: server_name: two host names');
      if (name.some((byte) => byte < 0x21 || byte > 0x7e))
        throw refuse('illegal_parameter', 'tls: server_name: host name is not printable ASCII');
      hostName = latin1(name);
    }
    return hostName;
  },
  encode: (hostName: string): Uint8Array => vector16(u8(0), vector16(ascii(hostName))),
};

/**
 * application_layer_protocol_negotiation (RFC 7301 §3.1):
 * ProtocolName protocol_name_list<2..2^16-1>, each opaque ProtocolName<1..2^8-1>.
 */
export const protocolNameList = {
  parse(data: Uint8Array): string[] {
    const reader = new TlsReader(data, 'application_layer_protocol_negotiation');
    const list = reader.nested(2, 2, 0xffff, 'protocol_name_list');
    reader.end();
    const names: string[] = [];
    while (list.remaining > 0) names.push(latin1(list.vector(1, 1, 0xff, 'ProtocolName')));
    return names;
  },
  encode: (names: readonly string[]): Uint8Array =>
    vector16(...names.map((name) => vector8(ascii(name)))),
};

/**
 * Checks an ALPN protocol list given as an option: 1 to 255 printable ASCII characters each.
 * @throws TypeError / RangeError naming the option
 */
export function assertProtocolNames(names: unknown, option: string): asserts names is string[] {
  if (!Array.isArray(names) || names.length === 0)
    throw new TypeError(`${option} must be a non-empty array of strings`);
  for (const name of names) {
    if (typeof name !== 'string') throw new TypeError(`${option} must hold strings`);
    if (name.length < 1 || name.length > 255 || !/^[\x20-\x7e]+$/.test(name))
      throw new RangeError(`${option}: "${name}" is not 1 to 255 printable ASCII characters`);
  }
}

/** An extension that must be empty (early_data in a ClientHello, server_name in EE). */
export function assertEmpty(data: Uint8Array, what: string): void {
  if (data.length !== 0) throw refuse('decode_error', `tls: ${what} must be empty`);
}
