/**
 * What the TLS 1.3 client and server share (RFC 8446 §5, §6, §4.6): the record layer between
 * the socket and the handshake, alerts, the dummy ChangeCipherSpec, application data, KeyUpdate
 * and closure. Bytes in, bytes out — no sockets, no timers. The handshakes themselves are in
 * ./client.ts and ./server.ts.
 *
 * Use: `start()` (the client's first flight), then feed every received chunk to `receive()`:
 * it returns the bytes to write back (`frames`) and the application data that arrived
 * (`messages`, each authenticated). Once `established`, `seal(data)` gives the records to write
 * for `data`, `updateKeys()` a KeyUpdate, `close()` a close_notify. When the transport reports
 * the end of the stream, call `receiveEnd()`: it throws if the peer never sent close_notify
 * (a truncation attack looks exactly like that, §6.1).
 *
 * Failure: any refusal throws a TlsError and the connection is dead. When the refusal is ours
 * (origin 'local'), `error.alertRecord` is the alert to write to the peer before closing.
 * A fatal alert from the peer throws a TlsError with origin 'peer'.
 *
 * Record rules enforced here (§5.1, §5.2, §5.4, §D.4):
 *   - handshake messages may be coalesced and fragmented, but not interleaved with other
 *     record types, and must end on a record boundary before every key change → unexpected_message
 *   - a zero-length handshake or alert record is refused → unexpected_message
 *   - change_cipher_spec: one byte 0x01, unprotected, between the first ClientHello and the
 *     peer's Finished, dropped; anything else → unexpected_message
 *   - once the peer's keys are in use every record must be protected (a plaintext alert during
 *     the handshake is still reported, as the peer's unauthenticated last word)
 *   - application data is accepted only under the peer's application keys
 *   - at most 16 consecutive records that carry nothing (change_cipher_spec, empty application
 *     data, KeyUpdate, NewSessionTicket, user_canceled), so that a peer cannot keep us busy
 *     for free → unexpected_message
 *   - after the peer's close_notify, everything it sends is ignored (§6.1)
 * Key usage: before a write key has protected `keyUpdateAfterRecords` records (default 2^23,
 * well under the 2^24.5 that §5.5 allows AES-GCM), `seal` sends a KeyUpdate first.
 */
import { equalBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import { encodeAlert, parseAlert, refuse, TlsError } from './alert.js';
import { HandshakeBuffer, type HandshakeMessage, handshakeMessage } from './handshake-buffer.js';
import {
  type KeySchedule,
  nextTrafficSecret,
  type SecretName,
  trafficKeys,
} from './key-schedule.js';
import { encodeKeyUpdate, parseKeyUpdate } from './messages.js';
import { nssKeyLogLine, type TlsTracer } from './observe.js';
import {
  fragment,
  MAX_PLAINTEXT,
  plaintextRecord,
  RecordProtection,
  RecordReader,
  type TlsRecord,
} from './record.js';
import { CONTENT_TYPE, HANDSHAKE_TYPE, handshakeTypeName, TLS12 } from './registry.js';
import type { TlsCipherSuite } from './suites.js';

/** What one `receive()` produced. */
export interface TlsOutput {
  /** Bytes to write to the peer, in order. */
  frames: Uint8Array[];
  /** Application data received, in order; every byte authenticated. */
  messages: Uint8Array[];
}

/** Options both sides share. */
export interface TlsConnectionOptions {
  /** Receives each NSS key log line (SSLKEYLOGFILE format). Exposes secrets: debugging only. */
  keyLog?: (line: string) => void;
  /** Receives every handshake message and secret (for `explain`-style walkthroughs). */
  trace?: TlsTracer;
  /** Records one write key protects before a KeyUpdate, in [1, 2^24]; default 2^23. */
  keyUpdateAfterRecords?: number;
}

/** Consecutive records that carry nothing, before we give up on the peer. */
const MAX_EMPTY_RECORDS = 16;
/** Bytes of rejected 0-RTT data a server skips (§4.2.10) before giving up. */
const MAX_SKIPPED_EARLY_DATA = 65536;
const DEFAULT_KEY_UPDATE_AFTER = 2 ** 23;

type Stage = 'plaintext' | 'handshake' | 'application';

export abstract class TlsConnection {
  /** 'tls' */
  readonly protocol = 'tls';
  readonly #keyLog: ((line: string) => void) | undefined;
  readonly #trace: TlsTracer | undefined;
  readonly #keyUpdateAfter: number;
  readonly #records = new RecordReader();
  readonly #handshake = new HandshakeBuffer();
  #suite: TlsCipherSuite | undefined;
  #read: RecordProtection | undefined;
  #write: RecordProtection | undefined;
  #readStage: Stage = 'plaintext';
  #readSecret: Uint8Array | undefined;
  #writeSecret: Uint8Array | undefined;
  #pending: Uint8Array[] = []; // handshake messages waiting to be put in records
  #out: Uint8Array[] = [];
  #messages: Uint8Array[] = [];
  #started = false;
  #established = false;
  #failed = false;
  #sentClose = false;
  #receivedClose = false;
  #changeCipherSpecAllowed = false;
  #emptyRecords = 0;
  #owesKeyUpdate = false;
  #earlyDataSkip: 'none' | 'undecryptable' | 'application_data' = 'none';
  #skippedEarlyData = 0;

  protected constructor(options: TlsConnectionOptions) {
    const after = options.keyUpdateAfterRecords ?? DEFAULT_KEY_UPDATE_AFTER;
    if (!Number.isSafeInteger(after) || after < 1 || after > 2 ** 24)
      throw new RangeError('tls: keyUpdateAfterRecords must be an integer in [1, 2^24]');
    if (options.keyLog !== undefined && typeof options.keyLog !== 'function')
      throw new TypeError('tls: keyLog must be a function');
    if (options.trace !== undefined && typeof options.trace !== 'function')
      throw new TypeError('tls: trace must be a function');
    this.#keyUpdateAfter = after;
    this.#keyLog = options.keyLog;
    this.#trace = options.trace;
  }

  /** Bytes received that do not yet make a whole record (a transport times a record by it). */
  get bufferedRecordBytes(): number {
    return this.#records.buffered;
  }

  /** True once the handshake is complete and application data may flow. */
  get established(): boolean {
    return this.#established;
  }

  /** True once the peer has sent close_notify. */
  get peerClosed(): boolean {
    return this.#receivedClose;
  }

  /** Largest `seal` input that fits in one record. */
  get maxRecordPayload(): number {
    return MAX_PLAINTEXT;
  }

  /** The first flight (the client's ClientHello; nothing for a server). */
  start(): Uint8Array[] {
    if (this.#started) throw new CryptoError('PROTOCOL_ERROR', 'tls: start() called twice');
    this.#started = true;
    return this.#run(() => this.onStart()).frames;
  }

  /**
   * Feeds bytes received from the peer.
   * @throws TlsError on any refusal (see the file header); the connection is then dead
   */
  receive(chunk: Uint8Array): TlsOutput {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('tls: chunk must be a Uint8Array');
    if (!this.#started) throw new CryptoError('PROTOCOL_ERROR', 'tls: receive() before start()');
    return this.#run(() => {
      this.#records.push(chunk);
      for (let record = this.#records.next(); record; record = this.#records.next()) {
        if (this.#receivedClose) continue; // §6.1: ignored after close_notify
        this.#onRecord(record);
      }
    });
  }

  /**
   * The transport reached the end of the stream.
   * @throws TlsError (origin 'transport') unless the peer sent close_notify first
   */
  receiveEnd(): void {
    if (this.#receivedClose || this.#failed) return;
    this.#failed = true;
    throw new TlsError(
      undefined,
      this.#established
        ? 'tls: the connection ended without close_notify (truncated)'
        : 'tls: the connection ended during the handshake',
      { origin: 'transport' },
    );
  }

  /**
   * Records carrying `data` as application data (split at 2^14 bytes), concatenated.
   * @throws CryptoError PROTOCOL_ERROR before the handshake completes or after close()
   */
  seal(data: Uint8Array): Uint8Array {
    if (!(data instanceof Uint8Array)) throw new TypeError('tls: data must be a Uint8Array');
    this.#assertWritable();
    const out: Uint8Array[] = [];
    for (const piece of fragment(data)) {
      if (this.#write!.sequence >= this.#keyUpdateAfter) out.push(this.#keyUpdateRecord(false));
      out.push(this.#write!.seal(CONTENT_TYPE.application_data, piece));
    }
    return concatAll(out);
  }

  /**
   * A KeyUpdate (§4.6.3); our write keys change. With `requestPeerUpdate` the peer answers with
   * its own KeyUpdate.
   */
  updateKeys(requestPeerUpdate = false): Uint8Array {
    this.#assertWritable();
    return this.#keyUpdateRecord(requestPeerUpdate);
  }

  /** close_notify (§6.1): we send nothing more. Received data still arrives until the peer closes. */
  close(): Uint8Array {
    if (this.#sentClose || this.#failed)
      throw new CryptoError('PROTOCOL_ERROR', 'tls: connection already closed');
    this.#sentClose = true;
    this.#emit({ kind: 'alert', direction: 'sent', alert: 'close_notify' });
    return this.#protect(CONTENT_TYPE.alert, encodeAlert('close_notify'));
  }

  // ---- for the client and server state machines ----------------------------------------

  /** Called by start(). */
  protected abstract onStart(): void;
  /** A whole handshake message received before the handshake is complete. */
  protected abstract onHandshakeMessage(message: HandshakeMessage): void;
  /** Post-handshake messages other than KeyUpdate; the default refuses them. */
  protected onPostHandshakeMessage(message: HandshakeMessage): void {
    throw refuse(
      'unexpected_message',
      `tls: unexpected ${handshakeTypeName(message.type)} after the handshake`,
    );
  }
  /** The client random (for key log lines). */
  protected abstract get clientRandom(): Uint8Array | undefined;

  protected setSuite(suite: TlsCipherSuite): void {
    this.#suite = suite;
  }

  /** Queues a handshake message (already framed and in the transcript) for sending. */
  protected sendHandshake(message: Uint8Array): void {
    this.#pending.push(message);
    this.#emit({
      kind: 'handshake',
      direction: 'sent',
      type: message[0],
      name: handshakeTypeName(message[0]),
      message: message.slice(),
    });
  }

  /** Puts the queued handshake messages in records under the current write state. */
  protected flush(plaintextVersion = TLS12): void {
    if (this.#pending.length === 0) return;
    const data = concatAll(this.#pending);
    this.#pending = [];
    for (const piece of fragment(data)) {
      this.#out.push(
        this.#write === undefined
          ? plaintextRecord(CONTENT_TYPE.handshake, piece, plaintextVersion)
          : this.#write.seal(CONTENT_TYPE.handshake, piece),
      );
    }
  }

  /** The dummy change_cipher_spec of middlebox compatibility mode (§D.4). */
  protected sendChangeCipherSpec(): void {
    this.flush();
    this.#out.push(plaintextRecord(CONTENT_TYPE.change_cipher_spec, Uint8Array.of(1)));
    this.#emit({ kind: 'change_cipher_spec', direction: 'sent' });
  }

  /** New write keys from `secret` (after flushing what the old keys must carry). */
  protected setWriteSecret(secret: Uint8Array, stage: 'handshake' | 'application'): void {
    this.flush();
    this.#write = this.#protection(secret);
    this.#writeSecret = stage === 'application' ? secret : undefined;
    this.#emit({ kind: 'keys', direction: 'write', stage });
  }

  /**
   * New read keys from `secret`. A key change must fall on a record boundary (§5.1).
   * @throws TlsError unexpected_message when part of a handshake message is still buffered
   */
  protected setReadSecret(secret: Uint8Array, stage: 'handshake' | 'application'): void {
    this.#assertRecordBoundary();
    this.#read = this.#protection(secret);
    this.#readStage = stage;
    this.#readSecret = stage === 'application' ? secret : undefined;
    this.#emit({ kind: 'keys', direction: 'read', stage });
  }

  /** §5.1: a message before a key change must end its record. */
  protected assertRecordBoundary(): void {
    this.#assertRecordBoundary();
  }

  protected allowChangeCipherSpec(allowed: boolean): void {
    this.#changeCipherSpecAllowed = allowed;
  }

  /** How a server skips 0-RTT data it did not accept (§4.2.10). */
  protected skipEarlyData(mode: 'none' | 'undecryptable' | 'application_data'): void {
    this.#earlyDataSkip = mode;
  }

  protected markEstablished(): void {
    this.#established = true;
    this.#changeCipherSpecAllowed = false;
  }

  /** Reports a secret to the key log and the trace. */
  protected observeSecret(name: SecretName, secret: Uint8Array): void {
    if (this.#keyLog !== undefined && this.clientRandom !== undefined) {
      const line = nssKeyLogLine(name, this.clientRandom, secret);
      if (line !== undefined) this.#keyLog(line);
    }
    this.#emit({ kind: 'secret', name, secret: secret.slice() });
  }

  /** An observer for a KeySchedule that reports through observeSecret. */
  protected secretObserver(): (name: SecretName, secret: Uint8Array) => void {
    return (name, secret) => this.observeSecret(name, secret);
  }

  /** TLS-Exporter (§7.5) once established. */
  protected exportFrom(
    schedule: KeySchedule | undefined,
    label: string,
    context: Uint8Array,
    length: number,
  ): Uint8Array {
    if (!this.#established || schedule === undefined)
      throw new CryptoError('PROTOCOL_ERROR', 'tls: exporter used before the handshake completed');
    return schedule.exportKeyingMaterial(label, context, length);
  }

  // ---- internals ---------------------------------------------------------------------------

  #emit(event: Parameters<TlsTracer>[0]): void {
    this.#trace?.(event);
  }

  #protection(secret: Uint8Array): RecordProtection {
    const suite = this.#suite!;
    const { key, iv } = trafficKeys(suite.hash, secret, suite.keyLength, suite.ivLength);
    return new RecordProtection(suite, key, iv);
  }

  #assertRecordBoundary(): void {
    if (this.#handshake.hasPartialMessage)
      throw refuse('unexpected_message', 'tls: handshake message spans a key change');
  }

  #assertWritable(): void {
    if (!this.#established || this.#failed || this.#sentClose)
      throw new CryptoError(
        'PROTOCOL_ERROR',
        this.#sentClose ? 'tls: closed for writing' : 'tls: not established',
      );
  }

  #protect(type: number, content: Uint8Array): Uint8Array {
    return this.#write === undefined
      ? plaintextRecord(type, content)
      : this.#write.seal(type, content);
  }

  #keyUpdateRecord(requestPeerUpdate: boolean): Uint8Array {
    const message = handshakeMessage(HANDSHAKE_TYPE.key_update, encodeKeyUpdate(requestPeerUpdate));
    this.#emit({
      kind: 'handshake',
      direction: 'sent',
      type: HANDSHAKE_TYPE.key_update,
      name: 'key_update',
      message,
    });
    const record = this.#write!.seal(CONTENT_TYPE.handshake, message);
    this.#writeSecret = nextTrafficSecret(this.#suite!.hash, this.#writeSecret!);
    this.#write = this.#protection(this.#writeSecret);
    this.#emit({ kind: 'keys', direction: 'write', stage: 'update' });
    return record;
  }

  /** Runs one step; on failure marks the connection dead and attaches our alert. */
  #run(step: () => void): TlsOutput {
    if (this.#failed) throw new CryptoError('PROTOCOL_ERROR', 'tls: this connection has failed');
    try {
      step();
      this.flush();
      if (this.#owesKeyUpdate && !this.#sentClose) this.#out.push(this.#keyUpdateRecord(false));
      this.#owesKeyUpdate = false;
      const output = { frames: this.#out, messages: this.#messages };
      this.#out = [];
      this.#messages = [];
      return output;
    } catch (thrown) {
      this.#failed = true;
      this.#out = [];
      this.#messages = [];
      this.#pending = [];
      const error =
        thrown instanceof TlsError
          ? thrown
          : new TlsError('internal_error', `tls: internal error (${describe(thrown)})`);
      if (error.origin !== 'local' || error.alert === undefined || this.#sentClose) throw error;
      this.#emit({ kind: 'alert', direction: 'sent', alert: error.alert });
      throw error.withAlertRecord(this.#protect(CONTENT_TYPE.alert, encodeAlert(error.alert)));
    }
  }

  #onRecord(record: TlsRecord): void {
    let type = record.type;
    let content = record.fragment;
    if (type === CONTENT_TYPE.change_cipher_spec) {
      if (
        !this.#changeCipherSpecAllowed ||
        this.#handshake.hasPartialMessage ||
        !equalBytes(content, Uint8Array.of(1))
      )
        throw refuse('unexpected_message', 'tls: unexpected change_cipher_spec');
      this.#emit({ kind: 'change_cipher_spec', direction: 'received' });
      this.#countEmpty();
      return;
    }
    if (this.#read !== undefined && type === CONTENT_TYPE.application_data) {
      const opened = this.#openOrSkip(record);
      if (opened === undefined) return;
      ({ type, content } = opened);
      if (type === CONTENT_TYPE.change_cipher_spec)
        throw refuse('unexpected_message', 'tls: protected change_cipher_spec');
    } else if (this.#read !== undefined) {
      if (type !== CONTENT_TYPE.alert || this.#established)
        throw refuse('unexpected_message', 'tls: unprotected record after the key change');
      // A peer that failed to process our flight may send its alert in the clear; report it.
    } else if (type === CONTENT_TYPE.application_data) {
      if (this.#earlyDataSkip !== 'application_data')
        throw refuse('unexpected_message', 'tls: application data before the handshake');
      this.#skip(content.length);
      return;
    }
    if (this.#handshake.hasPartialMessage && type !== CONTENT_TYPE.handshake)
      throw refuse('unexpected_message', 'tls: records interleaved with a handshake message');
    switch (type) {
      case CONTENT_TYPE.handshake:
        this.#onHandshakeContent(content);
        return;
      case CONTENT_TYPE.alert:
        this.#onAlert(content);
        return;
      case CONTENT_TYPE.application_data:
        if (this.#readStage !== 'application')
          throw refuse(
            'unexpected_message',
            'tls: application data before the handshake completed',
          );
        if (content.length === 0) {
          this.#countEmpty();
        } else {
          this.#emptyRecords = 0;
          this.#messages.push(content.slice());
        }
        return;
      default:
        throw refuse('unexpected_message', `tls: unknown record content type ${type}`);
    }
  }

  #openOrSkip(record: TlsRecord): { type: number; content: Uint8Array } | undefined {
    try {
      const opened = this.#read!.open(record);
      if (this.#earlyDataSkip === 'undecryptable') this.#earlyDataSkip = 'none';
      return opened;
    } catch (error) {
      if (
        this.#earlyDataSkip === 'undecryptable' &&
        error instanceof TlsError &&
        error.alert === 'bad_record_mac'
      ) {
        this.#skip(record.fragment.length);
        return undefined;
      }
      throw error;
    }
  }

  #skip(length: number): void {
    this.#skippedEarlyData += length;
    if (this.#skippedEarlyData > MAX_SKIPPED_EARLY_DATA)
      throw refuse('unexpected_message', 'tls: too much early data to skip');
  }

  #countEmpty(): void {
    if (++this.#emptyRecords > MAX_EMPTY_RECORDS)
      throw refuse('unexpected_message', 'tls: too many records without data');
  }

  #onHandshakeContent(content: Uint8Array): void {
    if (content.length === 0)
      throw refuse('unexpected_message', 'tls: zero-length handshake record');
    this.#handshake.push(content);
    for (let message = this.#handshake.next(); message; message = this.#handshake.next()) {
      this.#emit({
        kind: 'handshake',
        direction: 'received',
        type: message.type,
        name: handshakeTypeName(message.type),
        message: message.raw.slice(),
      });
      if (!this.#established) {
        this.#emptyRecords = 0; // the handshake advanced
        this.onHandshakeMessage(message);
      } else if (message.type === HANDSHAKE_TYPE.key_update) this.#onKeyUpdate(message);
      else {
        this.onPostHandshakeMessage(message);
        this.#countEmpty();
      }
    }
  }

  #onKeyUpdate(message: HandshakeMessage): void {
    const requested = parseKeyUpdate(message.body);
    this.#assertRecordBoundary();
    this.#readSecret = nextTrafficSecret(this.#suite!.hash, this.#readSecret!);
    this.#read = this.#protection(this.#readSecret);
    this.#emit({ kind: 'keys', direction: 'read', stage: 'update' });
    if (requested) this.#owesKeyUpdate = true; // answered once, at the end of this receive()
    this.#countEmpty();
  }

  #onAlert(content: Uint8Array): void {
    if (content.length === 0) throw refuse('unexpected_message', 'tls: zero-length alert record');
    const alert = parseAlert(content);
    const name = alert.description ?? `unknown(${alert.code})`;
    this.#emit({ kind: 'alert', direction: 'received', alert: name });
    if (alert.description === 'user_canceled') {
      this.#countEmpty(); // close_notify follows
      return;
    }
    if (alert.description === 'close_notify' && this.#established) {
      this.#receivedClose = true;
      return;
    }
    throw new TlsError(
      alert.description,
      alert.description === 'close_notify'
        ? 'tls: the peer closed the connection during the handshake'
        : `tls: the peer sent a fatal alert: ${name}`,
      { origin: 'peer', alertCode: alert.code },
    );
  }
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
