/**
 * TLS 1.3 alerts (RFC 8446 §6) and `TlsError`, the one error the TLS engine throws.
 *
 *   struct { AlertLevel level; AlertDescription description; } Alert;   — two bytes (§6)
 *
 * In TLS 1.3 the level carries no meaning: every alert except close_notify and user_canceled
 * is fatal whatever its level (§6), and an unknown description is an error alert too. We send
 * level fatal (2) for errors and warning (1) for close_notify and user_canceled, as the RFC
 * asks.
 *
 * A `TlsError` says which alert it is about and where it came from:
 *   origin 'local'     — we refused something; `alert` is what we send the peer
 *   origin 'peer'      — the peer sent us this fatal alert
 *   origin 'transport' — the connection ended without close_notify (truncation, §6.1); no alert
 * Its `code` (the project's CryptoError code) follows the alert: decode_error →
 * INVALID_ENCODING, bad_record_mac and decrypt_error → AUTH_FAILED, record_overflow →
 * LIMIT_EXCEEDED, the negotiation and certificate alerts → HANDSHAKE_FAILED, the rest →
 * PROTOCOL_ERROR. Messages never contain key material.
 */
import { CryptoError, type CryptoErrorCode } from '../errors.js';

/** AlertDescription code points (RFC 8446 §6; no_application_protocol from RFC 7301 §3.2). */
export const ALERT = Object.freeze({
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  inappropriate_fallback: 86,
  user_canceled: 90,
  missing_extension: 109,
  unsupported_extension: 110,
  unrecognized_name: 112,
  bad_certificate_status_response: 113,
  unknown_psk_identity: 115,
  certificate_required: 116,
  no_application_protocol: 120,
} as const);

/** The name of an alert description, as RFC 8446 §6 spells it. */
export type AlertDescription = keyof typeof ALERT;

/** AlertLevel (§6): warning(1), fatal(2). */
export const ALERT_LEVEL = Object.freeze({ warning: 1, fatal: 2 } as const);

const NAMES = new Map<number, AlertDescription>(
  Object.entries(ALERT).map(([name, code]) => [code, name as AlertDescription]),
);

/**
 * The name of an alert code, or `unknown(N)` for a code RFC 8446 does not define.
 * @example alertName(40) // 'handshake_failure'
 */
export function alertName(code: number): string {
  return NAMES.get(code) ?? `unknown(${code})`;
}

const HANDSHAKE_ALERTS: ReadonlySet<string> = new Set([
  'handshake_failure',
  'bad_certificate',
  'unsupported_certificate',
  'certificate_revoked',
  'certificate_expired',
  'certificate_unknown',
  'unknown_ca',
  'access_denied',
  'protocol_version',
  'insufficient_security',
  'inappropriate_fallback',
  'missing_extension',
  'unsupported_extension',
  'unrecognized_name',
  'bad_certificate_status_response',
  'unknown_psk_identity',
  'certificate_required',
  'no_application_protocol',
]);

function codeFor(alert: string): CryptoErrorCode {
  if (alert === 'decode_error') return 'INVALID_ENCODING';
  if (alert === 'bad_record_mac' || alert === 'decrypt_error') return 'AUTH_FAILED';
  if (alert === 'record_overflow') return 'LIMIT_EXCEEDED';
  return HANDSHAKE_ALERTS.has(alert) ? 'HANDSHAKE_FAILED' : 'PROTOCOL_ERROR';
}

/** Where a TlsError comes from (see the file header). */
export type TlsErrorOrigin = 'local' | 'peer' | 'transport';

/**
 * A TLS failure: a CryptoError that names the TLS alert involved.
 *
 * @example
 * try { client.receive(bytes) } catch (e) {
 *   if (e instanceof TlsError && e.alertRecord) socket.end(e.alertRecord) // tell the peer why
 * }
 */
export class TlsError extends CryptoError {
  /** The alert we send (origin 'local') or received (origin 'peer'); undefined for 'transport'. */
  readonly alert: AlertDescription | undefined;
  /** The alert's code point (for a received unknown description, the code itself). */
  readonly alertCode: number | undefined;
  readonly origin: TlsErrorOrigin;
  /**
   * The record that carries our alert to the peer (protected under the current write key when
   * there is one). Set by the connection on the error it throws; write it, then close.
   */
  readonly alertRecord: Uint8Array | undefined;

  constructor(
    alert: AlertDescription | undefined,
    message: string,
    options: { origin?: TlsErrorOrigin; alertCode?: number; alertRecord?: Uint8Array } = {},
  ) {
    super(alert === undefined ? 'PROTOCOL_ERROR' : codeFor(alert), message);
    this.name = 'TlsError';
    this.alert = alert;
    this.alertCode = options.alertCode ?? (alert === undefined ? undefined : ALERT[alert]);
    this.origin = options.origin ?? 'local';
    this.alertRecord = options.alertRecord;
  }

  /** A copy of this error that also carries the alert record to send. */
  withAlertRecord(record: Uint8Array): TlsError {
    const copy = new TlsError(this.alert, this.message, {
      origin: this.origin,
      alertCode: this.alertCode,
      alertRecord: record,
    });
    copy.stack = this.stack;
    return copy;
  }
}

/**
 * Shorthand for the errors the parsers and state machines throw: a local refusal with `alert`.
 * @example const error = refuse('illegal_parameter', 'tls: ServerHello: cipher suite was not offered')
 */
export function refuse(alert: AlertDescription, message: string): TlsError {
  return new TlsError(alert, message);
}

/**
 * Encodes an Alert (§6): level ‖ description. close_notify and user_canceled go as warnings,
 * everything else as fatal.
 * @example encodeAlert('close_notify') // Uint8Array [1, 0]
 */
export function encodeAlert(alert: AlertDescription): Uint8Array {
  const warning = alert === 'close_notify' || alert === 'user_canceled';
  return Uint8Array.of(warning ? ALERT_LEVEL.warning : ALERT_LEVEL.fatal, ALERT[alert]);
}

/** A parsed Alert. `description` is undefined for a code this file does not know. */
export interface Alert {
  readonly level: number;
  readonly code: number;
  readonly description: AlertDescription | undefined;
}

/**
 * Parses the content of one alert record: exactly two bytes (§5.1: alerts are never
 * fragmented or coalesced).
 * @throws TlsError decode_error for any other length, or a level other than 1 or 2
 * @example parseAlert(encodeAlert('handshake_failure')).description // 'handshake_failure'
 */
export function parseAlert(fragment: Uint8Array): Alert {
  if (fragment.length !== 2)
    throw refuse('decode_error', `tls: an alert record must hold 2 bytes, got ${fragment.length}`);
  const [level, code] = fragment;
  if (level !== ALERT_LEVEL.warning && level !== ALERT_LEVEL.fatal)
    throw refuse('decode_error', `tls: alert level ${level} is neither warning nor fatal`);
  return Object.freeze({ level, code, description: NAMES.get(code) });
}
