/**
 * The TLS 1.3 server handshake (RFC 8446 §2, §4; Appendix A.2), certificate authentication,
 * no PSK, no 0-RTT (offered early data is skipped, §4.2.10), no client certificates, no tickets.
 *
 *   START ──ClientHello──▶ (a share for a group we want)  ServerHello [CCS] EncryptedExtensions
 *                                                          Certificate CertificateVerify Finished
 *                                                          ──▶ WAIT_FINISHED
 *                        └▶ (no such share)  HelloRetryRequest [CCS] ──▶ WAIT_CH2 ──ClientHello2──▶ (as above)
 *   WAIT_FINISHED ──Finished──▶ CONNECTED
 *
 * Negotiation, each in the server's order of preference:
 *   - cipher suite: the first of ours the client offers, else handshake_failure;
 *   - group: the first of ours for which the client sent a share; if none, the first of ours in
 *     the client's supported_groups, asked for with a HelloRetryRequest; else handshake_failure;
 *   - signature scheme: the first of the credential's in the client's signature_algorithms,
 *     else handshake_failure;
 *   - ALPN: the first of ours the client offers; none in common → no_application_protocol.
 * ClientHello checks, with their alerts: no TLS 1.3 in supported_versions → protocol_version; a
 * compression method list other than [0] → illegal_parameter; supported_groups or key_share or
 * signature_algorithms missing → missing_extension; a share for a group not in
 * supported_groups → illegal_parameter; an invalid share → illegal_parameter. ClientHello2 must
 * be ClientHello1 with only the key_share (one share, for the group we asked), the cookie (ours,
 * echoed exactly), padding and early_data (dropped) changed (§4.1.2) → else illegal_parameter.
 *
 * Middlebox compatibility (§D.4): the ServerHello echoes legacy_session_id, and when the client
 * sent one the server sends a dummy change_cipher_spec right after its first handshake message.
 * Application data can be sent once the client's Finished has been verified (no 0.5-RTT data).
 */
import { concatBytes, equalBytes } from '../bytes/index.js';
import { randomBytes } from '../random.js';
import { refuse } from './alert.js';
import { certificateVerifyContent, type TlsServerCredential } from './authentication.js';
import { TlsConnection, type TlsConnectionOptions } from './connection.js';
import {
  assertProtocolNames,
  cookie as cookieBody,
  encodeExtensions,
  extension,
  type Extension,
  type KeyShareEntry,
  protocolNameList,
  selectedGroup,
  selectedVersion,
  serverKeyShare,
} from './extensions.js';
import { computeSharedSecret, NAMED_GROUPS, type KeyShareGroup } from './groups.js';
import { type HandshakeMessage, handshakeMessage } from './handshake-buffer.js';
import { type ClientHello, encodeServerHello, parseClientHello } from './hello.js';
import { finishedVerifyData, KeySchedule } from './key-schedule.js';
import { encodeCertificate, encodeCertificateVerify, parseFinished } from './messages.js';
import { assertOptions, type Negotiated } from './options.js';
import {
  EXTENSION,
  HANDSHAKE_TYPE,
  HELLO_RETRY_REQUEST_RANDOM,
  handshakeTypeName,
  TLS12,
  TLS13,
} from './registry.js';
import { CIPHER_SUITES, type TlsCipherSuite } from './suites.js';
import { Transcript } from './transcript.js';

export interface TlsServerOptions extends TlsConnectionOptions {
  /** The certificate chain and the signer of its leaf key (required). */
  credential: TlsServerCredential;
  /** ALPN protocols, in preference order; the extension is ignored when absent. */
  alpn?: readonly string[];
  /** Cipher suites, in preference order; default: every implemented suite. */
  cipherSuites?: readonly TlsCipherSuite[];
  /** Groups, in preference order; default [x25519, secp256r1]. */
  groups?: readonly KeyShareGroup[];
  /** Send a random cookie in a HelloRetryRequest and require it back (§4.2.2); default false. */
  helloRetryCookie?: boolean;
  /** Tests only: a fixed ServerHello.random (32 bytes). */
  random?: Uint8Array;
  /**
   * Tests only: rewrites each handshake message before it enters the transcript and is sent
   * (returns the messages to send instead: none, a changed one, or extra ones), to play a
   * misbehaving server whose transcript still agrees with what it sent.
   */
  editHandshakeMessage?: (message: Uint8Array) => Uint8Array[];
}

/** The parameters chosen from ClientHello1, reused for ClientHello2. */
interface Choice {
  readonly suite: TlsCipherSuite;
  readonly scheme: number;
  readonly alpn: string | undefined;
}

/** ClientHello extensions that may differ between ClientHello1 and ClientHello2 (§4.1.2). */
const MAY_CHANGE: ReadonlySet<number> = new Set([
  EXTENSION.key_share,
  EXTENSION.cookie,
  EXTENSION.early_data,
  EXTENSION.padding,
  EXTENSION.pre_shared_key,
]);

/**
 * A TLS 1.3 server connection, socket-free.
 * @example
 * const server = new TlsServer({ credential })
 * server.start()
 * socket.on('data', (chunk) => {
 *   const { frames, messages } = server.receive(chunk) // messages: authenticated application data
 *   for (const frame of frames) socket.write(frame)
 * })
 */
export class TlsServer extends TlsConnection {
  readonly #options: TlsServerOptions;
  readonly #suites: readonly TlsCipherSuite[];
  readonly #groups: readonly KeyShareGroup[];
  readonly #transcript = new Transcript();
  #state: 'wait_ch' | 'wait_ch2' | 'wait_finished' | 'connected' = 'wait_ch';
  #first: ClientHello | undefined;
  #choice: Choice | undefined;
  #retryGroup: KeyShareGroup | undefined;
  #retryCookie: Uint8Array | undefined;
  #changeCipherSpecSent = false;
  #schedule: KeySchedule | undefined;
  #clientFinished: Uint8Array | undefined;
  #clientApplicationSecret: Uint8Array | undefined;
  #negotiated: Negotiated = { helloRetryRequest: false };

  /** @throws TypeError/RangeError for invalid options */
  constructor(options: TlsServerOptions) {
    super(options);
    assertOptions(options, 'TlsServer');
    const credential = options.credential;
    if (
      typeof credential?.sign !== 'function' ||
      !Array.isArray(credential.certificateChain) ||
      credential.certificateChain.length === 0 ||
      !credential.certificateChain.every((der) => der instanceof Uint8Array && der.length > 0) ||
      !Array.isArray(credential.signatureSchemes) ||
      credential.signatureSchemes.length === 0
    )
      throw new TypeError(
        'TlsServer: credential must have a non-empty certificateChain, signatureSchemes and sign()',
      );
    if (options.alpn !== undefined) assertProtocolNames(options.alpn, 'TlsServer: alpn');
    this.#options = options;
    this.#suites = options.cipherSuites ?? CIPHER_SUITES;
    this.#groups = options.groups ?? NAMED_GROUPS;
  }

  /** What was negotiated (complete once established). */
  get negotiated(): Readonly<Negotiated> {
    return Object.freeze({ ...this.#negotiated });
  }

  /** TLS-Exporter (§7.5). @throws CryptoError PROTOCOL_ERROR before the handshake completes */
  exportKeyingMaterial(label: string, context: Uint8Array, length: number): Uint8Array {
    return this.exportFrom(this.#schedule, label, context, length);
  }

  protected get clientRandom(): Uint8Array | undefined {
    return this.#first?.random;
  }

  protected onStart(): void {}

  protected onHandshakeMessage(message: HandshakeMessage): void {
    const expected =
      this.#state === 'wait_finished' ? HANDSHAKE_TYPE.finished : HANDSHAKE_TYPE.client_hello;
    if (message.type !== expected || this.#state === 'connected')
      throw refuse(
        'unexpected_message',
        `tls: unexpected ${handshakeTypeName(message.type)} in state ${this.#state}`,
      );
    if (this.#state === 'wait_ch') this.#onClientHello(message);
    else if (this.#state === 'wait_ch2') this.#onSecondClientHello(message);
    else this.#onFinished(message);
  }

  #onClientHello(message: HandshakeMessage): void {
    const hello = parseClientHello(message.body);
    this.assertRecordBoundary();
    this.#first = hello;
    this.allowChangeCipherSpec(true);
    if (!hello.supportedVersions?.includes(TLS13))
      throw refuse('protocol_version', 'tls: the client does not offer TLS 1.3');
    if (hello.legacyCompressionMethods.length !== 1 || hello.legacyCompressionMethods[0] !== 0)
      throw refuse('illegal_parameter', 'tls: ClientHello compression methods must be [0]');
    const suite = this.#suites.find((s) => hello.cipherSuites.includes(s.code));
    if (suite === undefined) throw refuse('handshake_failure', 'tls: no cipher suite in common');
    if (hello.supportedGroups === undefined || hello.keyShares === undefined)
      throw refuse('missing_extension', 'tls: ClientHello lacks supported_groups or key_share');
    for (const share of hello.keyShares)
      if (!hello.supportedGroups.includes(share.group))
        throw refuse('illegal_parameter', 'tls: a key share for a group not in supported_groups');
    if (hello.signatureAlgorithms === undefined)
      throw refuse('missing_extension', 'tls: ClientHello lacks signature_algorithms');
    const schemes = this.#options.credential.signatureSchemes;
    const scheme = schemes.find((s) => hello.signatureAlgorithms!.includes(s));
    if (scheme === undefined)
      throw refuse('handshake_failure', 'tls: no signature scheme in common');
    let alpn: string | undefined;
    if (this.#options.alpn !== undefined && hello.alpn !== undefined) {
      alpn = this.#options.alpn.find((name) => hello.alpn!.includes(name));
      if (alpn === undefined)
        throw refuse('no_application_protocol', 'tls: no ALPN protocol in common');
    }
    this.#choice = Object.freeze({ suite, scheme, alpn });
    this.setSuite(suite);
    this.#transcript.useHash(suite.hash);
    this.#transcript.add(message.raw);
    this.#negotiated = { ...this.#negotiated, serverName: hello.serverName };
    for (const group of this.#groups) {
      const share = hello.keyShares.find((s) => s.group === group.code);
      if (share !== undefined) {
        if (hello.earlyData) this.skipEarlyData('undecryptable');
        this.#sendServerFlight(group, share);
        return;
      }
    }
    const group = this.#groups.find((g) => hello.supportedGroups!.includes(g.code));
    if (group === undefined) throw refuse('handshake_failure', 'tls: no group in common');
    this.#sendHelloRetryRequest(group);
    if (hello.earlyData) this.skipEarlyData('application_data');
  }

  #sendHelloRetryRequest(group: KeyShareGroup): void {
    const hello = this.#first!;
    this.#retryGroup = group;
    this.#negotiated = { ...this.#negotiated, helloRetryRequest: true };
    const extensions: Extension[] = [
      extension(EXTENSION.supported_versions, selectedVersion.encode(TLS13)),
      extension(EXTENSION.key_share, selectedGroup.encode(group.code)),
    ];
    if (this.#options.helloRetryCookie) {
      this.#retryCookie = randomBytes(32);
      extensions.push(extension(EXTENSION.cookie, cookieBody.encode(this.#retryCookie)));
    }
    this.#transcript.replaceWithMessageHash(); // §4.4.1
    this.#sendMessage(
      HANDSHAKE_TYPE.server_hello,
      encodeServerHello({
        legacyVersion: TLS12,
        random: HELLO_RETRY_REQUEST_RANDOM,
        legacySessionIdEcho: hello.legacySessionId,
        cipherSuite: this.#choice!.suite.code,
        legacyCompressionMethod: 0,
        extensions,
      }),
    );
    this.#sendCompatibilityChangeCipherSpec();
    this.#state = 'wait_ch2';
  }

  #onSecondClientHello(message: HandshakeMessage): void {
    const hello = parseClientHello(message.body);
    this.assertRecordBoundary();
    const first = this.#first!;
    const same = (a: readonly Extension[]) =>
      encodeExtensions(a.filter((e) => !MAY_CHANGE.has(e.type)));
    if (
      hello.legacyVersion !== first.legacyVersion ||
      !equalBytes(hello.random, first.random) ||
      !equalBytes(hello.legacySessionId, first.legacySessionId) ||
      !equalBytes(
        concatBytes(...hello.cipherSuites.map((c) => Uint8Array.of(c >> 8, c & 0xff))),
        concatBytes(...first.cipherSuites.map((c) => Uint8Array.of(c >> 8, c & 0xff))),
      ) ||
      !equalBytes(hello.legacyCompressionMethods, first.legacyCompressionMethods) ||
      !equalBytes(same(hello.extensions), same(first.extensions))
    )
      throw refuse('illegal_parameter', 'tls: ClientHello2 differs from ClientHello1 (§4.1.2)');
    const group = this.#retryGroup!;
    const shares = hello.keyShares ?? [];
    if (shares.length !== 1 || shares[0].group !== group.code)
      throw refuse('illegal_parameter', 'tls: ClientHello2 must carry one share, for our group');
    const cookieOk =
      this.#retryCookie === undefined
        ? hello.cookie === undefined
        : hello.cookie !== undefined && equalBytes(hello.cookie, this.#retryCookie);
    if (!cookieOk) throw refuse('illegal_parameter', 'tls: ClientHello2 cookie does not match');
    if (hello.earlyData) throw refuse('illegal_parameter', 'tls: early_data after a retry');
    this.skipEarlyData('none');
    this.#transcript.add(message.raw);
    this.#sendServerFlight(group, shares[0]);
  }

  /** ServerHello, [CCS,] EncryptedExtensions, Certificate, CertificateVerify, Finished. */
  #sendServerFlight(group: KeyShareGroup, share: KeyShareEntry): void {
    const hello = this.#first!;
    const { suite, scheme, alpn } = this.#choice!;
    const keyPair = group.generateKeyPair();
    const sharedSecret = computeSharedSecret(group, keyPair, share.keyExchange);
    this.#sendMessage(
      HANDSHAKE_TYPE.server_hello,
      encodeServerHello({
        legacyVersion: TLS12,
        random: this.#options.random?.slice() ?? randomBytes(32),
        legacySessionIdEcho: hello.legacySessionId,
        cipherSuite: suite.code,
        legacyCompressionMethod: 0,
        extensions: [
          extension(EXTENSION.supported_versions, selectedVersion.encode(TLS13)),
          extension(
            EXTENSION.key_share,
            serverKeyShare.encode({ group: group.code, keyExchange: keyPair.keyExchange }),
          ),
        ],
      }),
    );
    this.#sendCompatibilityChangeCipherSpec();
    this.#schedule = new KeySchedule(suite.hash, this.secretObserver());
    const handshake = this.#schedule.handshake(sharedSecret, this.#transcript.hash());
    this.setWriteSecret(handshake.server, 'handshake');
    this.setReadSecret(handshake.client, 'handshake');
    const extensions: Extension[] = [];
    if (hello.serverName !== undefined)
      extensions.push(extension(EXTENSION.server_name, new Uint8Array(0))); // RFC 6066 §3
    if (alpn !== undefined)
      extensions.push(
        extension(
          EXTENSION.application_layer_protocol_negotiation,
          protocolNameList.encode([alpn]),
        ),
      );
    this.#sendMessage(HANDSHAKE_TYPE.encrypted_extensions, encodeExtensions(extensions));
    const credential = this.#options.credential;
    this.#sendMessage(
      HANDSHAKE_TYPE.certificate,
      encodeCertificate(new Uint8Array(0), credential.certificateChain),
    );
    const content = certificateVerifyContent('server', this.#transcript.hash());
    const signature = credential.sign(scheme, content);
    if (!(signature instanceof Uint8Array))
      throw new TypeError('tls: credential.sign must return a Uint8Array');
    this.#sendMessage(
      HANDSHAKE_TYPE.certificate_verify,
      encodeCertificateVerify(scheme, signature),
    );
    this.#sendMessage(
      HANDSHAKE_TYPE.finished,
      finishedVerifyData(suite.hash, handshake.server, this.#transcript.hash()),
    );
    const application = this.#schedule.application(this.#transcript.hash());
    this.setWriteSecret(application.server, 'application');
    this.#clientFinished = finishedVerifyData(
      suite.hash,
      handshake.client,
      this.#transcript.hash(),
    );
    this.#clientApplicationSecret = application.client;
    this.#negotiated = {
      ...this.#negotiated,
      version: 'TLSv1.3',
      cipherSuite: suite.name,
      group: group.name,
      signatureScheme: scheme,
      alpn,
    };
    this.#state = 'wait_finished';
  }

  #onFinished(message: HandshakeMessage): void {
    const verifyData = parseFinished(message.body, this.#choice!.suite.hash.outputLength);
    if (!equalBytes(verifyData, this.#clientFinished!))
      throw refuse('decrypt_error', 'tls: the client Finished does not verify');
    this.#transcript.add(message.raw);
    this.setReadSecret(this.#clientApplicationSecret!, 'application');
    this.#schedule!.resumption(this.#transcript.hash());
    this.#clientFinished = undefined;
    this.#clientApplicationSecret = undefined;
    this.#state = 'connected';
    this.markEstablished();
  }

  #sendCompatibilityChangeCipherSpec(): void {
    if (this.#first!.legacySessionId.length === 0 || this.#changeCipherSpecSent) return;
    this.#changeCipherSpecSent = true;
    this.sendChangeCipherSpec();
  }

  #sendMessage(type: number, body: Uint8Array): void {
    const message = handshakeMessage(type, body);
    for (const sent of this.#options.editHandshakeMessage?.(message) ?? [message]) {
      this.#transcript.add(sent);
      this.sendHandshake(sent);
    }
  }
}
