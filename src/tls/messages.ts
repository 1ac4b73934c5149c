/**
 * The handshake messages after the hellos (RFC 8446 §4.3–§4.6): encoding, and strict parsing
 * into frozen objects.
 *
 *   EncryptedExtensions (§4.3.1)   Extension extensions<0..2^16-1>
 *   CertificateRequest  (§4.3.2)   opaque certificate_request_context<0..2^8-1>;
 *                                  Extension extensions<2..2^16-1>   (signature_algorithms required)
 *   Certificate         (§4.4.2)   opaque certificate_request_context<0..2^8-1>;
 *                                  CertificateEntry certificate_list<0..2^24-1>, each
 *                                  { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1> }
 *   CertificateVerify   (§4.4.3)   SignatureScheme algorithm; opaque signature<0..2^16-1>
 *   Finished            (§4.4.4)   opaque verify_data[Hash.length]
 *   NewSessionTicket    (§4.6.1)   uint32 ticket_lifetime; uint32 ticket_age_add;
 *                                  opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>;
 *                                  Extension extensions<0..2^16-2>
 *   KeyUpdate           (§4.6.3)   KeyUpdateRequest request_update (0 or 1)
 *
 * Only X.509 certificates (the default certificate type) are handled; their bytes are passed,
 * unparsed, to the certificate verifier.
 */
import { concatBytes } from '../bytes/index.js';
import { refuse } from './alert.js';
import {
  assertEmpty,
  encodeExtensions,
  type Extension,
  findExtension,
  namedGroupList,
  parseExtensions,
  protocolNameList,
  signatureSchemeList,
} from './extensions.js';
import { EXTENSION } from './registry.js';
import { TlsReader, u8, u16, vector8, vector16, vector24 } from './wire.js';

/** A parsed EncryptedExtensions. */
export interface EncryptedExtensions {
  readonly extensions: readonly Extension[];
  /** The negotiated ALPN protocol, if the server chose one. */
  readonly alpn: string | undefined;
  /** True when the server acknowledged server_name (an empty extension). */
  readonly serverNameAcknowledged: boolean;
  /** The server's supported_groups, if it sent them (informational, §4.2.7). */
  readonly supportedGroups: readonly number[] | undefined;
}

export function encodeEncryptedExtensions(extensions: readonly Extension[]): Uint8Array {
  return encodeExtensions(extensions);
}

/**
 * Parses EncryptedExtensions; the ALPN answer must name exactly one protocol (RFC 7301 §3.1).
 * @throws TlsError decode_error, illegal_parameter
 * @example parseEncryptedExtensions(encodeEncryptedExtensions([])).alpn // undefined
 */
export function parseEncryptedExtensions(body: Uint8Array): EncryptedExtensions {
  const reader = new TlsReader(body, 'EncryptedExtensions');
  const extensions = parseExtensions(reader, 0, 'EE', 'EncryptedExtensions');
  reader.end();
  const alpnData = findExtension(extensions, EXTENSION.application_layer_protocol_negotiation);
  let alpn: string | undefined;
  if (alpnData !== undefined) {
    const names = protocolNameList.parse(alpnData);
    if (names.length !== 1)
      throw refuse('illegal_parameter', 'tls: EncryptedExtensions: ALPN must name one protocol');
    alpn = names[0];
  }
  const serverName = findExtension(extensions, EXTENSION.server_name);
  if (serverName !== undefined) assertEmpty(serverName, 'EncryptedExtensions server_name');
  const groups = findExtension(extensions, EXTENSION.supported_groups);
  const earlyData = findExtension(extensions, EXTENSION.early_data);
  if (earlyData !== undefined) assertEmpty(earlyData, 'EncryptedExtensions early_data');
  return Object.freeze({
    extensions,
    alpn,
    serverNameAcknowledged: serverName !== undefined,
    supportedGroups: groups === undefined ? undefined : Object.freeze(namedGroupList.parse(groups)),
  });
}

/** One CertificateEntry: the DER certificate and its extensions. */
export interface CertificateEntry {
  readonly certData: Uint8Array;
  readonly extensions: readonly Extension[];
}

/** A parsed Certificate message. */
export interface Certificate {
  readonly certificateRequestContext: Uint8Array;
  readonly certificateList: readonly CertificateEntry[];
}

export function encodeCertificate(
  certificateRequestContext: Uint8Array,
  certificates: readonly Uint8Array[],
): Uint8Array {
  return concatBytes(
    vector8(certificateRequestContext),
    vector24(...certificates.map((der) => concatBytes(vector24(der), encodeExtensions([])))),
  );
}

/**
 * Parses a Certificate message.
 * @throws TlsError decode_error, illegal_parameter (a misplaced extension in an entry)
 * @example parseCertificate(encodeCertificate(new Uint8Array(0), credential.certificateChain)).certificateList.length // 1
 */
export function parseCertificate(body: Uint8Array): Certificate {
  const reader = new TlsReader(body, 'Certificate');
  const certificateRequestContext = reader.vector(1, 0, 0xff, 'certificate_request_context');
  const list = reader.nested(3, 0, 0xffffff, 'certificate_list');
  reader.end();
  const certificateList: CertificateEntry[] = [];
  while (list.remaining > 0) {
    const certData = list.vector(3, 1, 0xffffff, 'cert_data');
    const extensions = parseExtensions(list, 0, 'CT', 'CertificateEntry');
    certificateList.push(Object.freeze({ certData, extensions }));
  }
  return Object.freeze({
    certificateRequestContext,
    certificateList: Object.freeze(certificateList),
  });
}

/** A parsed CertificateVerify. */
export interface CertificateVerify {
  readonly algorithm: number;
  readonly signature: Uint8Array;
}

export function encodeCertificateVerify(algorithm: number, signature: Uint8Array): Uint8Array {
  return concatBytes(u16(algorithm), vector16(signature));
}

/**
 * @throws TlsError decode_error
 * @example parseCertificateVerify(encodeCertificateVerify(0x0403, signature)).algorithm // 0x0403
 */
export function parseCertificateVerify(body: Uint8Array): CertificateVerify {
  const reader = new TlsReader(body, 'CertificateVerify');
  const algorithm = reader.u16();
  const signature = reader.vector(2, 0, 0xffff, 'signature');
  reader.end();
  return Object.freeze({ algorithm, signature });
}

/**
 * Parses Finished: exactly Hash.length bytes of verify_data.
 * @throws TlsError decode_error for another length
 */
export function parseFinished(body: Uint8Array, hashLength: number): Uint8Array {
  if (body.length !== hashLength)
    throw refuse('decode_error', `tls: Finished: verify_data must be ${hashLength} bytes`);
  return body.slice();
}

/** A parsed NewSessionTicket (accepted and ignored: no resumption here). */
export interface NewSessionTicket {
  readonly ticketLifetime: number;
  readonly ticketAgeAdd: number;
  readonly ticketNonce: Uint8Array;
  readonly ticket: Uint8Array;
  readonly extensions: readonly Extension[];
}

/** @throws TlsError decode_error, illegal_parameter */
export function parseNewSessionTicket(body: Uint8Array): NewSessionTicket {
  const reader = new TlsReader(body, 'NewSessionTicket');
  const ticketLifetime = reader.u16() * 0x10000 + reader.u16();
  const ticketAgeAdd = reader.u16() * 0x10000 + reader.u16();
  const ticketNonce = reader.vector(1, 0, 0xff, 'ticket_nonce');
  const ticket = reader.vector(2, 1, 0xffff, 'ticket');
  const extensions = parseExtensions(reader, 0, 'NST', 'NewSessionTicket');
  reader.end();
  return Object.freeze({ ticketLifetime, ticketAgeAdd, ticketNonce, ticket, extensions });
}

/** KeyUpdateRequest (§4.6.3). */
export const KEY_UPDATE = Object.freeze({ update_not_requested: 0, update_requested: 1 } as const);

export function encodeKeyUpdate(requestUpdate: boolean): Uint8Array {
  return u8(requestUpdate ? KEY_UPDATE.update_requested : KEY_UPDATE.update_not_requested);
}

/**
 * Parses KeyUpdate; returns whether the peer requests an update.
 * @throws TlsError decode_error for a wrong length, illegal_parameter for a value not 0 or 1
 * @example parseKeyUpdate(encodeKeyUpdate(true)) // true
 */
export function parseKeyUpdate(body: Uint8Array): boolean {
  const reader = new TlsReader(body, 'KeyUpdate');
  const request = reader.u8();
  reader.end();
  if (request !== KEY_UPDATE.update_not_requested && request !== KEY_UPDATE.update_requested)
    throw refuse('illegal_parameter', `tls: KeyUpdate: request_update is ${request}`);
  return request === KEY_UPDATE.update_requested;
}

/** A parsed CertificateRequest. */
export interface CertificateRequest {
  readonly certificateRequestContext: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly signatureAlgorithms: readonly number[];
}

export function encodeCertificateRequest(
  certificateRequestContext: Uint8Array,
  extensions: readonly Extension[],
): Uint8Array {
  return concatBytes(vector8(certificateRequestContext), encodeExtensions(extensions));
}

/**
 * Parses CertificateRequest.
 * @throws TlsError decode_error, illegal_parameter, missing_extension (no signature_algorithms)
 */
export function parseCertificateRequest(body: Uint8Array): CertificateRequest {
  const reader = new TlsReader(body, 'CertificateRequest');
  const certificateRequestContext = reader.vector(1, 0, 0xff, 'certificate_request_context');
  const extensions = parseExtensions(reader, 2, 'CR', 'CertificateRequest');
  reader.end();
  const schemes = findExtension(extensions, EXTENSION.signature_algorithms);
  if (schemes === undefined)
    throw refuse('missing_extension', 'tls: CertificateRequest without signature_algorithms');
  return Object.freeze({
    certificateRequestContext,
    extensions,
    signatureAlgorithms: Object.freeze(signatureSchemeList.parse(schemes)),
  });
}
