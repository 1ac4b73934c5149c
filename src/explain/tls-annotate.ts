/**
 * TLS 1.3 handshake messages annotated byte by byte (RFC 8446 §4), for `explain tls`: every
 * field of a message as a row of its bytes (hex, up to 8 a line) and what they mean, nested
 * fields indented under the vector that holds them.
 *
 *   Handshake      msg_type (1) ‖ length (3) ‖ body                                   §4
 *   ClientHello    legacy_version (2) ‖ random (32) ‖ legacy_session_id <0..32>
 *                  ‖ cipher_suites <2..2^16-2> ‖ legacy_compression_methods <1..2^8-1>
 *                  ‖ extensions <8..2^16-1>                                            §4.1.2
 *   ServerHello    legacy_version ‖ random ‖ legacy_session_id_echo ‖ cipher_suite (2)
 *                  ‖ legacy_compression_method (1) ‖ extensions                        §4.1.3
 *   Extension      extension_type (2) ‖ extension_data <0..2^16-1>                    §4.2
 *   Certificate    certificate_request_context <0..2^8-1> ‖ certificate_list <0..2^24-1>
 *                  of { cert_data <1..2^24-1> ‖ extensions <0..2^16-1> }              §4.4.2
 *   CertificateVerify  algorithm (2) ‖ signature <0..2^16-1>                           §4.4.3
 *   Finished       verify_data (Hash.length)                                           §4.4.4
 *
 * The messages come from a connection that has already accepted them, so they are well
 * formed; still, nothing here throws on odd bytes: whatever cannot be read is shown raw.
 */
import { bytesToHex } from '../bytes/hex.js';
import { Certificate } from '../x509/certificate.js';
import {
  extensionName,
  groupName,
  HANDSHAKE_TYPE,
  HELLO_RETRY_REQUEST_RANDOM,
  handshakeTypeName,
  signatureSchemeName,
} from '../tls/registry.js';

/** One annotated field: its bytes and what they are, `depth` levels deep. */
export interface AnnotatedField {
  readonly bytes: Uint8Array;
  readonly label: string;
  readonly depth: number;
}

const SUITE_NAMES: Record<number, string> = {
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0x1304: 'TLS_AES_128_CCM_SHA256',
  0x1305: 'TLS_AES_128_CCM_8_SHA256',
};

const suiteName = (code: number): string =>
  SUITE_NAMES[code] ?? `0x${code.toString(16).padStart(4, '0')}`;

const VERSION_NAMES: Record<number, string> = {
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};

const versionName = (v: number): string =>
  `0x${v.toString(16).padStart(4, '0')} (${VERSION_NAMES[v] ?? 'unknown'})`;

class OutOfBytes extends Error {}

/** A cursor over a message that records each field it reads. */
class Annotator {
  readonly rows: AnnotatedField[] = [];
  #depth = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private position = 0,
    private readonly end = bytes.length,
  ) {}

  get remaining(): number {
    return this.end - this.position;
  }

  take(length: number, label: string): Uint8Array {
    if (length > this.remaining) throw new OutOfBytes();
    const bytes = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    this.rows.push({ bytes, label, depth: this.#depth });
    return bytes;
  }

  number(length: number, label: (value: number) => string): number {
    if (length > this.remaining) throw new OutOfBytes();
    let value = 0;
    for (let i = 0; i < length; i++) value = value * 256 + this.bytes[this.position + i];
    this.take(length, label(value));
    return value;
  }

  /** A vector: its length prefix, then `inner` over exactly its bytes, one level deeper. */
  vector(prefix: number, label: string, inner: (a: Annotator) => void): void {
    const length = this.number(
      prefix,
      (count) => `${label}: ${count} byte${count === 1 ? '' : 's'}`,
    );
    if (length > this.remaining) throw new OutOfBytes();
    const sub = new Annotator(this.bytes, this.position, this.position + length);
    sub.#depth = this.#depth + 1;
    try {
      inner(sub);
      if (sub.remaining > 0) sub.take(sub.remaining, '(more bytes)');
    } catch (error) {
      if (!(error instanceof OutOfBytes)) throw error;
      if (sub.remaining > 0) sub.take(sub.remaining, '(not annotated)');
    }
    this.rows.push(...sub.rows);
    this.position += length;
  }

  /** A list of items filling the rest of this annotator. */
  each(item: (a: Annotator) => void): void {
    while (this.remaining > 0) item(this);
  }

  /** The bytes not yet read, without reading them. */
  peekRest(): Uint8Array {
    return this.bytes.subarray(this.position, this.end);
  }

  rest(label: string): void {
    if (this.remaining > 0) this.take(this.remaining, label);
  }
}

/** Where an extension sits (§4.2's table): the same type means different bytes in each. */
type Where =
  | 'client_hello'
  | 'server_hello'
  | 'hello_retry_request'
  | 'encrypted_extensions'
  | 'certificate_request'
  | 'certificate'
  | 'new_session_ticket';

const ascii = (bytes: Uint8Array): string =>
  [...bytes].every((b) => b >= 0x20 && b < 0x7f) ? `"${String.fromCharCode(...bytes)}"` : '';

function extensionBody(a: Annotator, type: number, where: Where): void {
  const group = (x: Annotator) =>
    x.number(2, (g) => `${groupName(g)} (0x${g.toString(16).padStart(4, '0')})`);
  const scheme = (x: Annotator) =>
    x.number(2, (s) => `${signatureSchemeName(s)} (0x${s.toString(16).padStart(4, '0')})`);
  switch (type) {
    case 0: // server_name, RFC 6066 §3
      if (where !== 'client_hello') return;
      a.vector(2, 'server_name_list', (list) =>
        list.each((x) => {
          x.number(1, (t) => `name_type: ${t === 0 ? 'host_name' : t}`);
          x.vector(2, 'host_name', (name) => name.rest(ascii(name.peekRest())));
        }),
      );
      return;
    case 10: // supported_groups
      a.vector(2, 'named_group_list', (list) => list.each(group));
      return;
    case 13: // signature_algorithms
    case 50: // signature_algorithms_cert
      a.vector(2, 'supported_signature_algorithms', (list) => list.each(scheme));
      return;
    case 16: // ALPN, RFC 7301 §3.1
      a.vector(2, 'protocol_name_list', (list) =>
        list.each((x) => x.vector(1, 'protocol_name', (name) => name.rest('the name'))),
      );
      return;
    case 43: // supported_versions
      if (where === 'client_hello')
        a.vector(1, 'versions', (list) => list.each((x) => x.number(2, versionName)));
      else a.number(2, (v) => `selected_version: ${versionName(v)}`);
      return;
    case 44: // cookie
      a.vector(2, 'cookie', (c) => c.rest('opaque, echoed back in ClientHello2'));
      return;
    case 45: // psk_key_exchange_modes
      a.vector(1, 'ke_modes', (list) =>
        list.each((x) => x.number(1, (m) => (m === 1 ? 'psk_dhe_ke (1)' : `psk_ke (${m})`))),
      );
      return;
    case 51: // key_share
      if (where === 'hello_retry_request') {
        a.number(2, (g) => `selected_group: ${groupName(g)}: send a share for this one`);
        return;
      }
      if (where === 'client_hello') {
        a.vector(2, 'client_shares', (list) =>
          list.each((x) => {
            group(x);
            x.vector(2, 'key_exchange', (k) => k.rest("the client's ephemeral public key"));
          }),
        );
        return;
      }
      group(a);
      a.vector(2, 'key_exchange', (k) => k.rest("the server's ephemeral public key"));
      return;
    default:
      a.rest('extension_data');
  }
}

function extensions(a: Annotator, where: Where): void {
  a.vector(2, 'extensions', (list) =>
    list.each((x) => {
      const type = x.number(2, (t) => `extension_type: ${extensionName(t)} (${t})`);
      x.vector(2, 'extension_data', (body) => extensionBody(body, type, where));
    }),
  );
}

function describeCertificate(der: Uint8Array): string {
  try {
    const certificate = Certificate.fromDer(der);
    return `an X.509 certificate for ${certificate.subject.toString() || '(no subject)'}`;
  } catch {
    return 'a certificate (not parsed)';
  }
}

/** The DER ECDSA-Sig-Value of a CertificateVerify: SEQUENCE { r INTEGER, s INTEGER }. */
function ecdsaSignature(a: Annotator): void {
  a.number(1, (t) => (t === 0x30 ? 'SEQUENCE (ECDSA-Sig-Value)' : `tag 0x${t.toString(16)}`));
  a.number(1, (count) => `length ${count}`);
  for (const name of ['r', 's']) {
    a.number(1, (t) => (t === 0x02 ? 'INTEGER' : `tag 0x${t.toString(16)}`));
    const length = a.number(1, (count) => `length ${count}`);
    a.take(length, name);
  }
}

function body(a: Annotator, type: number, hashLength: number): void {
  switch (type) {
    case HANDSHAKE_TYPE.client_hello:
      a.number(2, (v) => `legacy_version: ${versionName(v)}, frozen (see supported_versions)`);
      a.take(32, 'random: 32 fresh random bytes');
      a.vector(1, 'legacy_session_id', (s) => s.rest('random: middlebox compatibility (§D.4)'));
      a.vector(2, 'cipher_suites', (list) => list.each((x) => x.number(2, suiteName)));
      a.vector(1, 'legacy_compression_methods', (m) => m.rest('null (0): no compression'));
      extensions(a, 'client_hello');
      return;
    case HANDSHAKE_TYPE.server_hello: {
      a.number(2, (v) => `legacy_version: ${versionName(v)}, frozen`);
      const random = a.take(32, 'random');
      const retry = bytesToHex(random) === bytesToHex(HELLO_RETRY_REQUEST_RANDOM);
      if (retry)
        a.rows[a.rows.length - 1] = {
          ...a.rows[a.rows.length - 1],
          label: 'random: SHA-256("HelloRetryRequest"): a HelloRetryRequest',
        };
      a.vector(1, 'legacy_session_id_echo', (s) => s.rest("the client's session id"));
      a.number(2, (s) => `cipher_suite: ${suiteName(s)}`);
      a.number(1, (m) => `legacy_compression_method: ${m}`);
      extensions(a, retry ? 'hello_retry_request' : 'server_hello');
      return;
    }
    case HANDSHAKE_TYPE.encrypted_extensions:
      extensions(a, 'encrypted_extensions');
      return;
    case HANDSHAKE_TYPE.certificate_request:
      a.vector(1, 'certificate_request_context', (c) => c.rest('context'));
      extensions(a, 'certificate_request');
      return;
    case HANDSHAKE_TYPE.certificate:
      a.vector(1, 'certificate_request_context', (c) => c.rest('context'));
      a.vector(3, 'certificate_list', (list) =>
        list.each((entry) => {
          entry.vector(3, 'cert_data', (der) => der.rest(describeCertificate(der.peekRest())));
          extensions(entry, 'certificate');
        }),
      );
      return;
    case HANDSHAKE_TYPE.certificate_verify: {
      const scheme = a.number(2, (s) => `algorithm: ${signatureSchemeName(s)}`);
      a.vector(2, 'signature', (s) => (scheme === 0x0403 ? ecdsaSignature(s) : s.rest('bytes')));
      return;
    }
    case HANDSHAKE_TYPE.finished:
      a.take(hashLength, 'verify_data: HMAC(finished_key, Transcript-Hash)');
      return;
    case HANDSHAKE_TYPE.new_session_ticket:
      a.number(4, (s) => `ticket_lifetime: ${s} s`);
      a.number(4, () => 'ticket_age_add');
      a.vector(1, 'ticket_nonce', (nonce) => nonce.rest('nonce'));
      a.vector(2, 'ticket', (t) => t.rest('opaque: ignored (no resumption here)'));
      extensions(a, 'new_session_ticket');
      return;
    default:
      a.rest('body');
  }
}

/**
 * Annotates one whole handshake message (header included).
 * @param message - msg_type ‖ length ‖ body
 * @param hashLength - the suite's Hash.length (the length of Finished.verify_data)
 * @returns the fields in order; their bytes concatenate to `message`
 * @example annotateHandshake(Uint8Array.of(20, 0, 0, 32, ...new Uint8Array(32)), 32)[0].label
 *   // 'msg_type: finished (20)'
 */
export function annotateHandshake(message: Uint8Array, hashLength: number): AnnotatedField[] {
  const a = new Annotator(message);
  try {
    const type = a.number(1, (t) => `msg_type: ${handshakeTypeName(t)} (${t})`);
    a.number(3, (count) => `length: ${count} bytes follow`);
    body(a, type, hashLength);
  } catch (error) {
    if (!(error instanceof OutOfBytes)) throw error;
  }
  if (a.remaining > 0) a.take(a.remaining, '(not annotated)');
  return a.rows;
}
