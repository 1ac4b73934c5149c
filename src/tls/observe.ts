/**
 * What a TLS connection can tell an observer: an annotated trace of the handshake for learners
 * (every message as sent or received, every secret as the key schedule derives it), and the
 * NSS key log format that Wireshark and every serious TLS tool read (SSLKEYLOGFILE).
 *
 * Both are opt-in and both expose secrets: a key log line lets anyone holding a capture
 * decrypt it. Use them for study and debugging only.
 *
 * NSS key log format, one line per secret:   <LABEL> <client_random hex> <secret hex>
 * with the TLS 1.3 labels CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
 * CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0 and EXPORTER_SECRET.
 */
import { bytesToHex } from '../bytes/index.js';
import type { SecretName } from './key-schedule.js';

/** One event of a connection's trace. Byte arrays are copies. */
export type TlsTraceEvent =
  | {
      readonly kind: 'handshake';
      readonly direction: 'sent' | 'received';
      /** HandshakeType code and name (e.g. 2, 'server_hello'; a HelloRetryRequest is type 2). */
      readonly type: number;
      readonly name: string;
      /** The whole message, header included, as the transcript hashes it. */
      readonly message: Uint8Array;
    }
  | { readonly kind: 'secret'; readonly name: SecretName; readonly secret: Uint8Array }
  | {
      readonly kind: 'keys';
      /** Which direction now uses new traffic keys. */
      readonly direction: 'read' | 'write';
      readonly stage: 'handshake' | 'application' | 'update';
    }
  | { readonly kind: 'change_cipher_spec'; readonly direction: 'sent' | 'received' }
  | { readonly kind: 'alert'; readonly direction: 'sent' | 'received'; readonly alert: string };

/** Receives trace events. */
export type TlsTracer = (event: TlsTraceEvent) => void;

const NSS_LABELS: Partial<Record<SecretName, string>> = {
  client_handshake_traffic_secret: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
  server_handshake_traffic_secret: 'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  client_application_traffic_secret_0: 'CLIENT_TRAFFIC_SECRET_0',
  server_application_traffic_secret_0: 'SERVER_TRAFFIC_SECRET_0',
  exporter_master_secret: 'EXPORTER_SECRET',
};

/**
 * The NSS key log line for a secret, or undefined for a secret the format does not carry.
 * @example nssKeyLogLine('client_handshake_traffic_secret', clientRandom, secret)
 *   // 'CLIENT_HANDSHAKE_TRAFFIC_SECRET 6660261f… 3a1b…'
 */
export function nssKeyLogLine(
  name: SecretName,
  clientRandom: Uint8Array,
  secret: Uint8Array,
): string | undefined {
  const label = NSS_LABELS[name];
  return label === undefined
    ? undefined
    : `${label} ${bytesToHex(clientRandom)} ${bytesToHex(secret)}`;
}
