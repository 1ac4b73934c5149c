/**
 * HandshakeState — Noise Protocol Framework revision 34, §5.3.
 *
 * Initialize(pattern, initiator, prologue, s, e, rs, re):
 *   InitializeSymmetric(protocol_name); MixHash(prologue); MixHash() each pre-message public key.
 * WriteMessage(payload) walks the next message pattern:
 *   "e":  e = GENERATE_KEYPAIR(); append e.public_key; MixHash(e.public_key)
 *   "s":  append EncryptAndHash(s.public_key)
 *   "ee": MixKey(DH(e, re))
 *   "es": MixKey(DH(e, rs)) as initiator, MixKey(DH(s, re)) as responder
 *   "se": MixKey(DH(s, re)) as initiator, MixKey(DH(e, rs)) as responder
 *   "ss": MixKey(DH(s, rs))
 *   then append EncryptAndHash(payload); after the last pattern, Split().
 * ReadMessage(message) mirrors it; every public key read is validated first, and a key that
 * is not a valid point aborts the handshake.
 *
 * Failure is final: after any error (bad length, invalid point, authentication failure) the
 * state refuses further use, as §5.3 asks ("the handshake is aborted"). Every refusal of
 * peer input is a CryptoError 'HANDSHAKE_FAILED' whose message says which check failed and
 * whose `cause` is the underlying error (INVALID_POINT, INVALID_ENCODING or AUTH_FAILED).
 *
 * An optional observer (`observe`) sees every token as it is processed and every
 * SymmetricState operation with the values it changed, in the order of the spec; it is for
 * study (`ecdh-lab demo` prints them), never set by default, and gets copies only.
 *
 * Not here: PSKs, fallback, and payload semantics (ecdh-lab's payloads are empty).
 */
import { utf8ToBytes, concatBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';
import type { CipherState } from './cipher-state.js';
import {
  PATTERNS,
  protocolName,
  type HandshakePattern,
  type HandshakePatternName,
  type Token,
} from './patterns.js';
import type { NoiseKeyPair, NoisePublicKey, NoiseSuite } from './suite.js';
import { SymmetricState, type SymmetricEvent } from './symmetric-state.js';

/** Initialize() parameters. */
export interface HandshakeOptions {
  suite: NoiseSuite;
  pattern: HandshakePatternName;
  initiator: boolean;
  /** Prologue bytes both sides must agree on (ecdh-lab: ASCII "ecdh-lab/1"). */
  prologue: Uint8Array;
  /** s: the local static key pair (NK responder, XX both sides; IK, N, K, X as they need). */
  s?: NoiseKeyPair;
  /** e: a fixed ephemeral key pair — for test vectors only; normally generated. */
  e?: NoiseKeyPair;
  /** rs: the remote static public key known in advance (a pre-message: NK, IK, N, X initiator; K both sides). */
  rs?: Uint8Array;
  /** For study only: called with each step of the handshake (copies of its values). */
  observe?: (event: HandshakeEvent) => void;
}

/**
 * A step of the handshake as an observer sees it: the start of each message, each token (with
 * the public key written or read, or the DH output), and the SymmetricState operations.
 */
export type HandshakeEvent =
  | SymmetricEvent
  | { readonly op: 'WriteMessage' | 'ReadMessage'; readonly index: number }
  | {
      readonly op: 'token';
      readonly token: 'e' | 's';
      readonly direction: 'write' | 'read';
      readonly publicKey: Uint8Array;
    }
  | { readonly op: 'token'; readonly token: Exclude<Token, 'e' | 's'>; readonly dh: Uint8Array };

/** What Split() returns to the caller, named by direction. */
export interface TransportKeys {
  /** Encrypts what this side sends. */
  send: CipherState;
  /** Decrypts what this side receives. */
  receive: CipherState;
  /** h at the end of the handshake (channel binding, §11.2). */
  handshakeHash: Uint8Array;
}

export class HandshakeState {
  readonly pattern: HandshakePattern;
  readonly initiator: boolean;
  readonly protocolName: string;
  readonly #suite: NoiseSuite;
  readonly #symmetric: SymmetricState;
  #s: NoiseKeyPair | undefined;
  #e: NoiseKeyPair | undefined;
  /** s.publicKey and e.publicKey, each read once (what is hashed, sent and observed). */
  #sPublic: Uint8Array | undefined;
  #ePublic: Uint8Array | undefined;
  /** The remote keys, each parsed and validated once by the suite (readPublicKey). */
  #rs: NoisePublicKey | undefined;
  #re: NoisePublicKey | undefined;
  #index = 0;
  #failed = false;
  #result: TransportKeys | undefined;
  readonly #observe: ((event: HandshakeEvent) => void) | undefined;

  /**
   * Initialize(handshake_pattern, initiator, prologue, s, e, rs, re).
   * @throws TypeError/RangeError when a key required by the pattern is missing or malformed
   * @example new HandshakeState({ suite, pattern: 'NK', initiator: true, prologue, rs: serverKey })
   */
  constructor(options: HandshakeOptions) {
    const { suite, pattern, initiator, prologue } = options;
    const p = PATTERNS[pattern];
    if (p === undefined) throw new RangeError(`HandshakeState: unknown pattern ${String(pattern)}`);
    this.pattern = p;
    this.initiator = initiator === true;
    this.#suite = suite;
    this.protocolName = protocolName(p.name, suite.dhName, suite.cipherName, suite.hashName);
    // `?? undefined`: a null key from JavaScript is a missing key, refused by #assertKeys.
    this.#s = options.s ?? undefined;
    this.#e = options.e ?? undefined;
    this.#sPublic = this.#s?.publicKey.slice();
    this.#ePublic = this.#e?.publicKey.slice();
    const rs = options.rs ?? undefined;
    this.#rs = rs === undefined ? undefined : suite.readPublicKey(rs.slice());
    this.#assertKeys();
    this.#observe = options.observe;
    this.#symmetric = new SymmetricState(suite, utf8ToBytes(this.protocolName), this.#observe);
    this.#symmetric.mixHash(prologue);
    // Pre-messages: the initiator's first, then the responder's (§7.1). Each is an "s"
    // (patterns.ts), and #assertKeys has checked that the key it names is present.
    const initiatorStatic = this.initiator ? this.#sPublic : this.#rs?.publicKey;
    const responderStatic = this.initiator ? this.#rs?.publicKey : this.#sPublic;
    if (p.initiatorPreMessage.includes('s')) this.#symmetric.mixHash(initiatorStatic!);
    if (p.responderPreMessage.includes('s')) this.#symmetric.mixHash(responderStatic!);
  }

  /** True when it is this side's turn to write. */
  get isMyTurn(): boolean {
    return !this.isComplete && (this.#index % 2 === 0) === this.initiator;
  }

  /** True after the last message pattern has been written or read. */
  get isComplete(): boolean {
    return this.#result !== undefined;
  }

  /** The remote static public key (read in XX, or given in NK), or undefined. */
  get remoteStaticKey(): Uint8Array | undefined {
    return this.#rs?.publicKey.slice();
  }

  /** The current handshake hash h. */
  get handshakeHash(): Uint8Array {
    return this.#symmetric.handshakeHash;
  }

  /** The transport CipherStates, once the handshake is complete. */
  get transportKeys(): TransportKeys {
    if (this.#result === undefined)
      throw new CryptoError('PROTOCOL_ERROR', 'HandshakeState: handshake not complete');
    return this.#result;
  }

  /**
   * WriteMessage(payload, message_buffer): returns the next handshake message.
   * @throws CryptoError 'PROTOCOL_ERROR' when it is not this side's turn or the state failed
   */
  writeMessage(payload: Uint8Array = new Uint8Array(0)): Uint8Array {
    this.#assertTurn(true);
    const parts: Uint8Array[] = [];
    try {
      this.#observe?.({ op: 'WriteMessage', index: this.#index });
      for (const token of this.pattern.messages[this.#index]) {
        if (token === 'e') {
          if (this.#e === undefined) {
            this.#e = this.#suite.generateKeyPair();
            this.#ePublic = this.#e.publicKey.slice();
          }
          const ePublic = this.#ePublic!;
          parts.push(ePublic.slice());
          this.#observeKey('e', 'write', ePublic);
          this.#symmetric.mixHash(ePublic);
        } else if (token === 's') {
          this.#observeKey('s', 'write', this.#sPublic!);
          parts.push(this.#symmetric.encryptAndHash(this.#sPublic!));
        } else {
          this.#mixDh(token);
        }
      }
      parts.push(this.#symmetric.encryptAndHash(payload));
    } catch (error) {
      this.#failed = true;
      throw error;
    }
    this.#advance();
    return concatBytes(...parts);
  }

  /**
   * ReadMessage(message, payload_buffer): consumes the peer's next handshake message.
   * @returns the decrypted payload (empty in ecdh-lab)
   * @throws CryptoError 'HANDSHAKE_FAILED' for a wrong length, an invalid public key or an
   *   authentication failure; the state is then unusable
   */
  readMessage(message: Uint8Array): Uint8Array {
    this.#assertTurn(false);
    const { publicKeyLength } = this.#suite;
    const tagLength = 16;
    let offset = 0;
    const take = (length: number, what: string): Uint8Array => {
      if (message.length - offset < length) throw this.#fail(`message too short for ${what}`);
      const out = message.subarray(offset, offset + length);
      offset += length;
      return out;
    };
    let payload: Uint8Array;
    try {
      this.#observe?.({ op: 'ReadMessage', index: this.#index });
      for (const token of this.pattern.messages[this.#index]) {
        if (token === 'e') {
          const re = this.#readPeerKey(take(publicKeyLength, 'e').slice(), 'ephemeral');
          this.#re = re;
          this.#observeKey('e', 'read', re.publicKey);
          this.#symmetric.mixHash(re.publicKey);
        } else if (token === 's') {
          const length = publicKeyLength + (this.#symmetric.cipherState.hasKey() ? tagLength : 0);
          const rs = this.#readPeerKey(this.#decrypt(take(length, 's'), 'static key'), 'static');
          this.#rs = rs;
          this.#observeKey('s', 'read', rs.publicKey);
        } else {
          this.#mixDh(token);
        }
      }
      payload = this.#decrypt(message.subarray(offset), 'payload');
    } catch (error) {
      this.#failed = true;
      if (error instanceof CryptoError && error.code === 'HANDSHAKE_FAILED') throw error;
      throw this.#fail('handshake aborted', error);
    }
    this.#advance();
    return payload;
  }

  #assertKeys(): void {
    const needsLocalStatic =
      this.pattern.messages.some((m, i) => (i % 2 === 0) === this.initiator && m.includes('s')) ||
      (this.initiator
        ? this.pattern.initiatorPreMessage
        : this.pattern.responderPreMessage
      ).includes('s');
    if (needsLocalStatic && this.#s === undefined)
      throw new TypeError(
        `HandshakeState: ${this.pattern.name} ${this.initiator ? 'initiator' : 'responder'} needs a static key pair s`,
      );
    const needsRemoteStatic = (
      this.initiator ? this.pattern.responderPreMessage : this.pattern.initiatorPreMessage
    ).includes('s');
    if (needsRemoteStatic && this.#rs === undefined)
      throw new TypeError(
        `HandshakeState: ${this.pattern.name} ${this.initiator ? 'initiator' : 'responder'} needs the remote static key rs`,
      );
  }

  #mixDh(token: Exclude<Token, 'e' | 's'>): void {
    const { initiator } = this;
    const [local, remote] =
      token === 'ee'
        ? [this.#e, this.#re]
        : token === 'ss'
          ? [this.#s, this.#rs]
          : (token === 'es') === initiator
            ? [this.#e, this.#rs] // es as initiator, se as responder
            : [this.#s, this.#re]; // es as responder, se as initiator
    if (local === undefined || remote === undefined)
      throw new CryptoError('PROTOCOL_ERROR', `HandshakeState: missing key for ${token}`);
    const dh = this.#suite.dh(local, remote);
    this.#observe?.({ op: 'token', token, dh: dh.slice() });
    this.#symmetric.mixKey(dh);
  }

  #observeKey(token: 'e' | 's', direction: 'write' | 'read', publicKey: Uint8Array): void {
    this.#observe?.({ op: 'token', token, direction, publicKey: publicKey.slice() });
  }

  #decrypt(ciphertext: Uint8Array, what: string): Uint8Array {
    try {
      return this.#symmetric.decryptAndHash(ciphertext);
    } catch (error) {
      throw this.#fail(`${what} failed authentication`, error);
    }
  }

  #readPeerKey(key: Uint8Array, what: string): NoisePublicKey {
    try {
      return this.#suite.readPublicKey(key);
    } catch (error) {
      throw this.#fail(`peer's ${what} public key is invalid`, error);
    }
  }

  /** The error for a refusal of peer input (readMessage's catch marks the state failed). */
  #fail(reason: string, cause?: unknown): CryptoError {
    const options = cause === undefined ? undefined : { cause };
    return new CryptoError('HANDSHAKE_FAILED', `handshake: ${reason}`, options);
  }

  #assertTurn(writing: boolean): void {
    if (this.#failed)
      throw new CryptoError(
        'PROTOCOL_ERROR',
        'handshake: this handshake has failed and cannot continue',
      );
    if (this.isComplete) throw new CryptoError('PROTOCOL_ERROR', 'handshake: already complete');
    if (this.isMyTurn !== writing)
      throw new CryptoError(
        'PROTOCOL_ERROR',
        `handshake: not this side's turn to ${writing ? 'write' : 'read'}`,
      );
  }

  #advance(): void {
    this.#index++;
    if (this.#index === this.pattern.messages.length) {
      const [c1, c2] = this.#symmetric.split();
      this.#result = this.initiator
        ? { send: c1, receive: c2, handshakeHash: this.#symmetric.handshakeHash }
        : { send: c2, receive: c1, handshakeHash: this.#symmetric.handshakeHash };
    }
  }
}
