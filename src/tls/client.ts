/**
 * The TLS 1.3 client handshake (RFC 8446 §2, §4; the state machine of Appendix A.1), certificate
 * authentication of the server, no PSK, no 0-RTT, no client certificate.
 *
 *   START ──ClientHello──▶ WAIT_SH ──HelloRetryRequest──▶ ClientHello2 ──▶ WAIT_SH (once)
 *   WAIT_SH ──ServerHello──▶ WAIT_EE ──EncryptedExtensions──▶ WAIT_CERT_CR
 *   WAIT_CERT_CR ──CertificateRequest──▶ WAIT_CERT ──Certificate──▶ WAIT_CV
 *   WAIT_CERT_CR ──Certificate──▶ WAIT_CV ──CertificateVerify──▶ WAIT_FINISHED
 *   WAIT_FINISHED ──Finished──▶ [Certificate (empty)] Finished ──▶ CONNECTED
 *
 * What the client checks, with the alert it sends (§4.1.3, §4.1.4, §4.2, §4.4):
 *   - a hello without supported_versions is from TLS 1.2 or older: a downgrade sentinel in its
 *     random → illegal_parameter, else protocol_version; a selected_version other than TLS 1.3,
 *     a legacy_version other than 0x0303, a session id echo that differs, a suite or group we
 *     did not offer, a compression method other than 0 → illegal_parameter
 *   - an extension in a server message that we did not offer → unsupported_extension
 *   - HelloRetryRequest: only one; it must change something (a group we support, did not send a
 *     share for, or a cookie) → illegal_parameter; the ServerHello after it must keep its suite
 *     and group → illegal_parameter; the ClientHello2 is ClientHello1 with the key_share
 *     replaced and the cookie echoed (§4.1.2), the transcript restarts from message_hash (§4.4.1)
 *   - an empty certificate_list → decode_error; the chain goes to the verifier (its refusal →
 *     its certificate alert, or bad_certificate); CertificateVerify under a scheme we did not
 *     offer → illegal_parameter, a bad signature → decrypt_error; a wrong Finished → decrypt_error
 *   - a CertificateRequest is answered with an empty Certificate (§4.4.2: we have none); a
 *     server that insists sends certificate_required
 * After the handshake a NewSessionTicket is parsed and ignored (no resumption) and a
 * post-handshake CertificateRequest is refused with unexpected_message (we never offer
 * post_handshake_auth, §4.6.2).
 *
 * Middlebox compatibility mode (§D.4) is on by default: a random 32-byte legacy_session_id and
 * a dummy change_cipher_spec before the second flight (before ClientHello2 after a retry).
 */
import { equalBytes } from '../bytes/index.js';
import { randomBytes } from '../random.js';
import { TlsError, refuse } from './alert.js';
import type { TlsCertificateVerifier, TlsPeerKey } from './authentication.js';
import { certificateVerifyContent, ECDSA_SECP256R1_SHA256 } from './authentication.js';
import { type TlsConnectionOptions, TlsConnection } from './connection.js';
import {
  assertProtocolNames,
  clientKeyShares,
  cookie as cookieBody,
  extension,
  type Extension,
  namedGroupList,
  protocolNameList,
  serverNameList,
  signatureSchemeList,
  supportedVersionsList,
} from './extensions.js';
import {
  computeSharedSecret,
  NAMED_GROUPS,
  type KeyShareGroup,
  type KeyShareKeyPair,
} from './groups.js';
import { type HandshakeMessage, handshakeMessage } from './handshake-buffer.js';
import {
  type ClientHello,
  type ClientHelloFields,
  encodeClientHello,
  parseClientHello,
  parseServerHello,
  type ServerHello,
} from './hello.js';
import { finishedVerifyData, KeySchedule, type TrafficSecrets } from './key-schedule.js';
import {
  encodeCertificate,
  parseCertificate,
  parseCertificateRequest,
  parseCertificateVerify,
  parseEncryptedExtensions,
  parseFinished,
  parseNewSessionTicket,
} from './messages.js';
import {
  DOWNGRADE_TLS11,
  DOWNGRADE_TLS12,
  EXTENSION,
  extensionName,
  HANDSHAKE_TYPE,
  handshakeTypeName,
  TLS10,
  TLS12,
  TLS13,
} from './registry.js';
import { CIPHER_SUITES, type TlsCipherSuite } from './suites.js';
import { Transcript } from './transcript.js';
import { assertOptions, type Negotiated } from './options.js';
import { type X509VerifierOptions, x509Verifier } from './verifier.js';

export interface TlsClientOptions extends TlsConnectionOptions {
  /** The server's name: sent as server_name (when it is a DNS name) and given to the verifier. */
  serverName?: string;
  /**
   * Validates the server's certificate chain and returns its key. Required unless `ca` is
   * given, which stands for `x509Verifier({ ca })` (the chain checked against `ca` for
   * `serverName`).
   */
  verifier?: TlsCertificateVerifier;
  /** The trust anchors (PEM, DER or Certificates), when no `verifier` is given. */
  ca?: X509VerifierOptions['ca'];
  /** ALPN protocols to offer, in preference order (e.g. ['h2', 'http/1.1']). */
  alpn?: readonly string[];
  /** Cipher suites to offer, in preference order; default: every implemented suite. */
  cipherSuites?: readonly TlsCipherSuite[];
  /** Groups for supported_groups, in preference order; default [x25519, secp256r1]. */
  groups?: readonly KeyShareGroup[];
  /** Groups that get a key share in the first ClientHello; default the first group. [] forces a HelloRetryRequest. */
  keyShareGroups?: readonly KeyShareGroup[];
  /** SignatureSchemes for signature_algorithms; default [ecdsa_secp256r1_sha256]. */
  signatureSchemes?: readonly number[];
  /** SignatureSchemes for signature_algorithms_cert; not sent by default. */
  signatureSchemesCert?: readonly number[];
  /** Middlebox compatibility mode (§D.4); default true. */
  middleboxCompatibility?: boolean;
  /** Tests only: a fixed ClientHello.random (32 bytes). */
  random?: Uint8Array;
  /** Tests only: a fixed legacy_session_id (0 to 32 bytes). */
  legacySessionId?: Uint8Array;
  /**
   * Tests only: rewrites each ClientHello before it is sent (to replay another implementation's
   * exact bytes). What it returns is what is sent, hashed and held as "offered".
   */
  editClientHello?: (hello: ClientHelloFields, attempt: 1 | 2) => ClientHelloFields;
}

type State =
  | 'start'
  | 'wait_sh'
  | 'wait_ee'
  | 'wait_cert_cr'
  | 'wait_cert'
  | 'wait_cv'
  | 'wait_finished'
  | 'connected';

/** A literal IPv4 or IPv6 address, which server_name must not carry (RFC 6066 §3). */
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|.*:.*)$/;

/**
 * A TLS 1.3 client connection, socket-free.
 * @example
 * const client = new TlsClient({ serverName: 'example.com', verifier })
 * socket.write(client.start()[0])
 * socket.on('data', (chunk) => {
 *   const { frames, messages } = client.receive(chunk) // messages: authenticated application data
 *   for (const frame of frames) socket.write(frame)
 * })
 */
export class TlsClient extends TlsConnection {
  readonly #options: TlsClientOptions;
  readonly #verifier: TlsCertificateVerifier;
  readonly #suites: readonly TlsCipherSuite[];
  readonly #groups: readonly KeyShareGroup[];
  readonly #transcript = new Transcript();
  #state: State = 'start';
  #hello: ClientHello | undefined; // the ClientHello as sent, parsed once
  #keyPairs = new Map<number, KeyShareKeyPair>();
  #retry: ServerHello | undefined;
  #changeCipherSpecSent = false;
  #suite: TlsCipherSuite | undefined;
  #schedule: KeySchedule | undefined;
  #handshakeSecrets: TrafficSecrets | undefined;
  #peerKey: TlsPeerKey | undefined;
  #certificateRequestContext: Uint8Array | undefined;
  #negotiated: Negotiated = { helloRetryRequest: false };

  /** @throws TypeError/RangeError for invalid options */
  constructor(options: TlsClientOptions) {
    super(options);
    assertOptions(options, 'TlsClient');
    if (options.verifier === undefined && options.ca === undefined)
      throw new TypeError('TlsClient: a verifier or a ca is required');
    if (options.verifier !== undefined && typeof options.verifier?.verifyChain !== 'function')
      throw new TypeError('TlsClient: verifier must have a verifyChain method');
    if (options.alpn !== undefined) assertProtocolNames(options.alpn, 'TlsClient: alpn');
    if (options.serverName !== undefined) {
      if (
        typeof options.serverName !== 'string' ||
        !/^[\x21-\x7e]{1,253}$/.test(options.serverName)
      )
        throw new TypeError('TlsClient: serverName must be a host name or an IP address');
    }
    this.#options = options;
    this.#verifier = options.verifier ?? x509Verifier({ ca: options.ca! });
    this.#suites = options.cipherSuites ?? CIPHER_SUITES;
    this.#groups = options.groups ?? NAMED_GROUPS;
    const shares = options.keyShareGroups ?? this.#groups.slice(0, 1);
    if (shares.some((group) => !this.#groups.includes(group)))
      throw new RangeError('TlsClient: keyShareGroups must be a subset of groups');
    for (const group of shares) this.#keyPairs.set(group.code, group.generateKeyPair());
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
    return this.#hello?.random;
  }

  protected onStart(): void {
    const options = this.#options;
    const compatible = options.middleboxCompatibility ?? true;
    const sni = options.serverName;
    const extensions: Extension[] = [];
    if (sni !== undefined && !IP_LITERAL.test(sni))
      extensions.push(extension(EXTENSION.server_name, serverNameList.encode(sni)));
    extensions.push(
      extension(EXTENSION.supported_groups, namedGroupList.encode(this.#groups.map((g) => g.code))),
      extension(EXTENSION.key_share, this.#keyShareBody()),
      extension(EXTENSION.supported_versions, supportedVersionsList.encode([TLS13])),
      extension(
        EXTENSION.signature_algorithms,
        signatureSchemeList.encode(options.signatureSchemes ?? [ECDSA_SECP256R1_SHA256]),
      ),
    );
    if (options.signatureSchemesCert !== undefined)
      extensions.push(
        extension(
          EXTENSION.signature_algorithms_cert,
          signatureSchemeList.encode(options.signatureSchemesCert),
        ),
      );
    if (options.alpn !== undefined)
      extensions.push(
        extension(
          EXTENSION.application_layer_protocol_negotiation,
          protocolNameList.encode(options.alpn),
        ),
      );
    this.#sendHello(
      {
        legacyVersion: TLS12,
        random: options.random?.slice() ?? randomBytes(32),
        legacySessionId:
          options.legacySessionId?.slice() ?? (compatible ? randomBytes(32) : new Uint8Array(0)),
        cipherSuites: this.#suites.map((suite) => suite.code),
        legacyCompressionMethods: Uint8Array.of(0),
        extensions,
      },
      1,
    );
    this.allowChangeCipherSpec(true);
    this.#state = 'wait_sh';
  }

  #keyShareBody(): Uint8Array {
    return clientKeyShares.encode(
      [...this.#keyPairs].map(([group, pair]) => ({ group, keyExchange: pair.keyExchange })),
    );
  }

  #sendHello(fields: ClientHelloFields, attempt: 1 | 2): void {
    const edited = this.#options.editClientHello?.(fields, attempt) ?? fields;
    const message = handshakeMessage(HANDSHAKE_TYPE.client_hello, encodeClientHello(edited));
    this.#hello = parseClientHello(message.subarray(4)); // what was offered, decoded once
    this.#transcript.add(message);
    this.sendHandshake(message);
    this.flush(attempt === 1 ? TLS10 : TLS12); // §5.1: 0x0301 is allowed for the initial one
  }

  protected onHandshakeMessage(message: HandshakeMessage): void {
    const expected: Record<State, number[]> = {
      start: [],
      wait_sh: [HANDSHAKE_TYPE.server_hello],
      wait_ee: [HANDSHAKE_TYPE.encrypted_extensions],
      wait_cert_cr: [HANDSHAKE_TYPE.certificate, HANDSHAKE_TYPE.certificate_request],
      wait_cert: [HANDSHAKE_TYPE.certificate],
      wait_cv: [HANDSHAKE_TYPE.certificate_verify],
      wait_finished: [HANDSHAKE_TYPE.finished],
      connected: [],
    };
    if (!expected[this.#state].includes(message.type))
      throw refuse(
        'unexpected_message',
        `tls: unexpected ${handshakeTypeName(message.type)} in state ${this.#state}`,
      );
    switch (message.type) {
      case HANDSHAKE_TYPE.server_hello:
        this.#onServerHello(message);
        break;
      case HANDSHAKE_TYPE.encrypted_extensions:
        this.#onEncryptedExtensions(message);
        break;
      case HANDSHAKE_TYPE.certificate_request:
        this.#onCertificateRequest(message);
        break;
      case HANDSHAKE_TYPE.certificate:
        this.#onCertificate(message);
        break;
      case HANDSHAKE_TYPE.certificate_verify:
        this.#onCertificateVerify(message);
        break;
      default:
        this.#onFinished(message);
    }
  }

  protected override onPostHandshakeMessage(message: HandshakeMessage): void {
    if (message.type !== HANDSHAKE_TYPE.new_session_ticket) super.onPostHandshakeMessage(message);
    else parseNewSessionTicket(message.body); // accepted, ignored: no resumption here
  }

  /** Every extension of a server message must answer one we sent (§4.2). */
  #assertOffered(extensions: readonly Extension[], what: string, except?: number): void {
    const sent = new Set(this.#hello!.extensions.map((e) => e.type));
    for (const { type } of extensions)
      if (type !== except && !sent.has(type))
        throw refuse(
          'unsupported_extension',
          `tls: ${what} carries ${extensionName(type)}, which we did not offer`,
        );
  }

  #onServerHello(message: HandshakeMessage): void {
    const hello = parseServerHello(message.body);
    const what = hello.isHelloRetryRequest ? 'HelloRetryRequest' : 'ServerHello';
    if (hello.isHelloRetryRequest && this.#retry !== undefined)
      throw refuse('unexpected_message', 'tls: a second HelloRetryRequest');
    if (hello.selectedVersion === undefined) {
      // A TLS 1.2 (or older) ServerHello: §4.1.3's downgrade protection.
      const tail = hello.random.subarray(24);
      if (equalBytes(tail, DOWNGRADE_TLS12) || equalBytes(tail, DOWNGRADE_TLS11))
        throw refuse('illegal_parameter', `tls: ${what} random carries a downgrade sentinel`);
      throw refuse('protocol_version', 'tls: the server does not speak TLS 1.3');
    }
    if (hello.selectedVersion !== TLS13)
      throw refuse('illegal_parameter', `tls: ${what} selected a version we did not offer`);
    if (hello.legacyVersion !== TLS12)
      throw refuse('illegal_parameter', `tls: ${what} legacy_version is not 0x0303`);
    if (!equalBytes(hello.legacySessionIdEcho, this.#hello!.legacySessionId))
      throw refuse('illegal_parameter', `tls: ${what} does not echo our legacy_session_id`);
    const suite = this.#suites.find((s) => s.code === hello.cipherSuite);
    if (suite === undefined || !this.#hello!.cipherSuites.includes(hello.cipherSuite))
      throw refuse('illegal_parameter', `tls: ${what} selected a cipher suite we did not offer`);
    if (hello.legacyCompressionMethod !== 0)
      throw refuse('illegal_parameter', `tls: ${what} selected compression`);
    if (this.#retry !== undefined && hello.cipherSuite !== this.#retry.cipherSuite)
      throw refuse('illegal_parameter', 'tls: ServerHello changed the HelloRetryRequest suite');
    if (hello.isHelloRetryRequest) {
      this.#onHelloRetryRequest(hello, suite, message.raw);
      return;
    }
    this.#assertOffered(hello.extensions, what);
    const share = hello.keyShare;
    if (share === undefined)
      throw refuse('missing_extension', 'tls: ServerHello without key_share');
    const keyPair = this.#keyPairs.get(share.group);
    const group = this.#groups.find((g) => g.code === share.group);
    if (keyPair === undefined || group === undefined)
      throw refuse(
        'illegal_parameter',
        'tls: ServerHello key_share is for a group we did not send',
      );
    const sharedSecret = computeSharedSecret(group, keyPair, share.keyExchange);
    this.#suite = suite;
    this.setSuite(suite);
    if (this.#retry === undefined) this.#transcript.useHash(suite.hash);
    this.#transcript.add(message.raw);
    this.#schedule = new KeySchedule(suite.hash, this.secretObserver());
    this.#handshakeSecrets = this.#schedule.handshake(sharedSecret, this.#transcript.hash());
    this.setReadSecret(this.#handshakeSecrets.server, 'handshake');
    this.setWriteSecret(this.#handshakeSecrets.client, 'handshake');
    this.#negotiated = {
      ...this.#negotiated,
      version: 'TLSv1.3',
      cipherSuite: suite.name,
      group: group.name,
    };
    this.#state = 'wait_ee';
  }

  #onHelloRetryRequest(hello: ServerHello, suite: TlsCipherSuite, raw: Uint8Array): void {
    this.#assertOffered(hello.extensions, 'HelloRetryRequest', EXTENSION.cookie);
    const selected = hello.selectedGroup;
    if (selected === undefined && hello.cookie === undefined)
      throw refuse('illegal_parameter', 'tls: HelloRetryRequest would not change the ClientHello');
    const sent = this.#hello!;
    let group: KeyShareGroup | undefined;
    if (selected !== undefined) {
      group = this.#groups.find((g) => g.code === selected);
      if (group === undefined || !sent.supportedGroups?.includes(selected))
        throw refuse(
          'illegal_parameter',
          'tls: HelloRetryRequest selected a group we did not offer',
        );
      if (sent.keyShares?.some((share) => share.group === selected))
        throw refuse(
          'illegal_parameter',
          'tls: HelloRetryRequest selected a group we sent a share for',
        );
    }
    this.#retry = hello;
    this.#negotiated = { ...this.#negotiated, helloRetryRequest: true };
    this.#transcript.useHash(suite.hash);
    this.#transcript.replaceWithMessageHash(); // §4.4.1
    this.#transcript.add(raw);
    this.assertRecordBoundary();
    if (group !== undefined) this.#keyPairs = new Map([[group.code, group.generateKeyPair()]]);
    // §4.1.2: the same ClientHello, with the key_share replaced and the cookie echoed.
    const extensions = sent.extensions
      .filter((e) => e.type !== EXTENSION.early_data && e.type !== EXTENSION.cookie)
      .map((e) => (e.type === EXTENSION.key_share ? extension(e.type, this.#keyShareBody()) : e));
    if (hello.cookie !== undefined) {
      const at = extensions.findIndex((e) => e.type === EXTENSION.pre_shared_key);
      const echo = extension(EXTENSION.cookie, cookieBody.encode(hello.cookie));
      extensions.splice(at === -1 ? extensions.length : at, 0, echo);
    }
    if (sent.legacySessionId.length > 0 && !this.#changeCipherSpecSent) {
      this.#changeCipherSpecSent = true;
      this.sendChangeCipherSpec();
    }
    this.#sendHello({ ...sent, extensions }, 2);
  }

  #onEncryptedExtensions(message: HandshakeMessage): void {
    const ee = parseEncryptedExtensions(message.body);
    this.#assertOffered(ee.extensions, 'EncryptedExtensions');
    if (ee.alpn !== undefined && !this.#hello!.alpn?.includes(ee.alpn))
      throw refuse('illegal_parameter', 'tls: the server chose an ALPN protocol we did not offer');
    this.#transcript.add(message.raw);
    this.#negotiated = { ...this.#negotiated, alpn: ee.alpn };
    this.#state = 'wait_cert_cr';
  }

  #onCertificateRequest(message: HandshakeMessage): void {
    const request = parseCertificateRequest(message.body);
    if (request.certificateRequestContext.length !== 0)
      throw refuse(
        'illegal_parameter',
        'tls: CertificateRequest context must be empty in the handshake',
      );
    this.#certificateRequestContext = request.certificateRequestContext;
    this.#transcript.add(message.raw);
    this.#state = 'wait_cert';
  }

  #onCertificate(message: HandshakeMessage): void {
    const certificate = parseCertificate(message.body);
    if (certificate.certificateRequestContext.length !== 0)
      throw refuse('illegal_parameter', 'tls: server Certificate context must be empty');
    if (certificate.certificateList.length === 0)
      throw refuse('decode_error', 'tls: the server sent no certificate');
    for (const entry of certificate.certificateList)
      this.#assertOffered(entry.extensions, 'CertificateEntry');
    const chain = certificate.certificateList.map((entry) => entry.certData);
    try {
      this.#peerKey = this.#verifier.verifyChain(chain, this.#options.serverName);
    } catch (error) {
      if (error instanceof TlsError && error.alert !== undefined) throw error;
      throw refuse('bad_certificate', `tls: certificate refused (${describe(error)})`);
    }
    if (typeof this.#peerKey?.verify !== 'function')
      throw new TypeError('tls: verifier.verifyChain must return a key with a verify method');
    this.#negotiated = { ...this.#negotiated, peerCertificates: chain };
    this.#transcript.add(message.raw);
    this.#state = 'wait_cv';
  }

  #onCertificateVerify(message: HandshakeMessage): void {
    const { algorithm, signature } = parseCertificateVerify(message.body);
    if (!this.#hello!.signatureAlgorithms?.includes(algorithm))
      throw refuse('illegal_parameter', 'tls: CertificateVerify uses a scheme we did not offer');
    const content = certificateVerifyContent('server', this.#transcript.hash());
    let valid = false;
    try {
      valid = this.#peerKey!.verify(algorithm, content, signature) === true;
    } catch {
      valid = false;
    }
    if (!valid) throw refuse('decrypt_error', 'tls: the CertificateVerify signature is not valid');
    this.#negotiated = { ...this.#negotiated, signatureScheme: algorithm };
    this.#transcript.add(message.raw);
    this.#state = 'wait_finished';
  }

  #onFinished(message: HandshakeMessage): void {
    const hash = this.#suite!.hash;
    const verifyData = parseFinished(message.body, hash.outputLength);
    const expected = finishedVerifyData(
      hash,
      this.#handshakeSecrets!.server,
      this.#transcript.hash(),
    );
    if (!equalBytes(verifyData, expected))
      throw refuse('decrypt_error', 'tls: the server Finished does not verify');
    this.#transcript.add(message.raw);
    const application = this.#schedule!.application(this.#transcript.hash());
    this.setReadSecret(application.server, 'application');
    if (this.#hello!.legacySessionId.length > 0 && !this.#changeCipherSpecSent) {
      this.#changeCipherSpecSent = true;
      this.sendChangeCipherSpec();
    }
    if (this.#certificateRequestContext !== undefined) {
      // §4.4.2: a client without a suitable certificate sends an empty Certificate.
      this.#sendMessage(
        HANDSHAKE_TYPE.certificate,
        encodeCertificate(this.#certificateRequestContext, []),
      );
    }
    const clientFinished = finishedVerifyData(
      hash,
      this.#handshakeSecrets!.client,
      this.#transcript.hash(),
    );
    this.#sendMessage(HANDSHAKE_TYPE.finished, clientFinished);
    this.#schedule!.resumption(this.#transcript.hash());
    this.setWriteSecret(application.client, 'application');
    this.#handshakeSecrets = undefined;
    this.#state = 'connected';
    this.markEstablished();
  }

  #sendMessage(type: number, body: Uint8Array): void {
    const message = handshakeMessage(type, body);
    this.#transcript.add(message);
    this.sendHandshake(message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
