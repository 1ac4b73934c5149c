/**
 * The transcript hash (RFC 8446 §4.4.1): the hash of the concatenation of every handshake
 * message (type ‖ length ‖ body, no record headers) sent and received so far.
 *
 * Two details shape this class:
 *   - The hash is the cipher suite's, and the client learns the suite only from the
 *     ServerHello (or HelloRetryRequest). Messages added before `useHash` are kept and hashed
 *     then.
 *   - After a HelloRetryRequest, ClientHello1 is replaced by a synthetic message (§4.4.1):
 *       Transcript-Hash(ClientHello1, HelloRetryRequest, … Mn) =
 *         Hash(message_hash ‖ 00 00 Hash.length ‖ Hash(ClientHello1) ‖ HelloRetryRequest ‖ … ‖ Mn)
 *     where message_hash is handshake type 254. `replaceWithMessageHash` does that substitution
 *     when the transcript holds exactly ClientHello1.
 *
 * `hash()` clones the running state, so asking for intermediate values costs one finalisation.
 */
import type { Hash, HashFunction } from '../hash/hash.js';
import { HANDSHAKE_TYPE } from './registry.js';

/**
 * The running transcript hash of one connection.
 * @example
 * const transcript = new Transcript()
 * transcript.add(handshakeMessage(HANDSHAKE_TYPE.client_hello, new Uint8Array(4)))
 * transcript.useHash(sha256)
 * transcript.hash() // SHA-256 of the messages so far
 */
export class Transcript {
  #pending: Uint8Array[] = [];
  #hash: HashFunction | undefined;
  #state: Hash | undefined;
  #count = 0;

  /** The hash function, once chosen. */
  get hashFunction(): HashFunction | undefined {
    return this.#hash;
  }

  /** Number of messages added. */
  get length(): number {
    return this.#count;
  }

  /** Sets the hash (once) and absorbs the messages added so far. */
  useHash(hash: HashFunction): void {
    if (this.#hash !== undefined) throw new Error('tls: transcript: hash already chosen');
    this.#hash = hash;
    this.#state = hash.create();
    for (const message of this.#pending) this.#state.update(message);
    this.#pending = [];
  }

  /** Appends one whole handshake message. */
  add(message: Uint8Array): void {
    this.#count++;
    if (this.#state === undefined) this.#pending.push(message.slice());
    else this.#state.update(message);
  }

  /** Transcript-Hash of the messages so far. */
  hash(): Uint8Array {
    if (this.#state === undefined) throw new Error('tls: transcript: hash not chosen yet');
    return this.#state.clone().digest();
  }

  /**
   * Replaces ClientHello1 by message_hash(Hash(ClientHello1)) (§4.4.1). Call it on receiving
   * (client) or sending (server) a HelloRetryRequest, before adding the HelloRetryRequest.
   */
  replaceWithMessageHash(): void {
    if (this.#hash === undefined || this.#count !== 1)
      throw new Error('tls: transcript: message_hash needs the hash and exactly ClientHello1');
    const digest = this.hash();
    this.#state = this.#hash.create();
    this.#state.update(Uint8Array.of(HANDSHAKE_TYPE.message_hash, 0, 0, digest.length));
    this.#state.update(digest);
  }
}
