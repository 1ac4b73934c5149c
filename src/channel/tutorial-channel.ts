/**
 * The tutorial's protocol as a pure state machine (docs/PROTOCOL.md §1): both sides send a PEM
 * SubjectPublicKeyInfo at once, derive key = HKDF-SHA256(Z, salt none, info none, 32), then
 * exchange records u32be(L) ‖ nonce(12, random) ‖ AES-256-GCM(key, nonce, M, aad empty).
 *
 *   Z   = x(d·Q_peer)                         (SEC 1 §3.3.1)
 *   key = HKDF-Expand(HKDF-Extract(0^32, Z), [], 32)   (RFC 5869 §2.2–2.3)
 *
 * It is here for study and so that the tutorial's Python program can talk to ecdh-lab. It is
 * NOT secure against an active attacker: no authentication (a man in the middle wins), one key
 * for both directions (reflection), random nonces (a 2^32-record birthday bound). As a local
 * mitigation this side refuses any record whose nonce it has already sent or received on the
 * connection, which stops replay and reflection towards us. The nonces live in one compact
 * NonceSet (./nonce-set.ts, 12-byte keys in one Uint8Array, 13 B per slot) instead of strings,
 * and a connection is capped at TUTORIAL_MAX_RECORDS = 2^14 records each way: at the cap the
 * set holds 2^15 nonces in 2^16 slots = 832 KiB (13 B per slot; docs/measurements.md has the
 * measured memory of a channel at the cap). With the
 * record being read (≤ 1 MiB + 32, in a ByteQueue of at most twice that) this is the
 * channel's memory budget, whatever the peer sends (docs/PROTOCOL.md §3). Use Noise
 * (./noise-channel.ts) for anything real.
 *
 * The PEM ends at the first "-----END PUBLIC KEY-----" followed by "\n" or "\r\n"; any other
 * byte after that marker is refused at once. So is, from the first byte on, anything that
 * cannot begin a PEM public key (after optional blank lines, "-----BEGIN PUBLIC KEY-----"):
 * a peer that speaks another protocol (a Noise frame starts with a zero byte) fails at once
 * instead of at the handshake timeout.
 */
import { bytesToUtf8, utf8ToBytes } from '../bytes/index.js';
import { aesGcm, type AesGcmKeyed } from '../cipher/gcm.js';
import { CryptoError } from '../errors.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { PrivateKey } from '../keys/private-key.js';
import { PublicKey } from '../keys/public-key.js';
import { randomBytes } from '../random.js';
import { ByteQueue } from './byte-queue.js';
import type { ChannelEngine, ChannelOutput } from './engine.js';
import { ChannelLifecycle } from './engine-lifecycle.js';
import { NonceSet } from './nonce-set.js';

/** The most bytes read while looking for the peer's END line. */
export const TUTORIAL_MAX_PEM = 1024;
/** The largest message: 1 MiB. */
export const TUTORIAL_MAX_MESSAGE = 1 << 20;
/**
 * Records per direction before the connection is refused with LIMIT_EXCEEDED: the cap of the
 * replay/reflection memory (2 · 2^14 nonces, 832 KiB at the cap; docs/PROTOCOL.md §3).
 */
export const TUTORIAL_MAX_RECORDS = 1 << 14;

const BEGIN_MARKER = utf8ToBytes('-----BEGIN PUBLIC KEY-----');
const END_MARKER = utf8ToBytes('-----END PUBLIC KEY-----');
const LF = 0x0a;
const CR = 0x0d;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

export interface TutorialChannelOptions {
  /** Our key pair; by default a fresh one per connection, as in the tutorial. */
  privateKey?: PrivateKey;
  /** Largest message to send or accept (default and maximum 1 MiB). */
  maxMessageLength?: number;
}

/**
 * One side of a tutorial-protocol connection (the two sides are symmetric).
 * @example
 * const a = new TutorialChannel(), b = new TutorialChannel()
 * const [pemA] = a.start(), [pemB] = b.start()
 * a.receive(pemB); b.receive(pemA) // both established
 * b.receive(a.seal(utf8ToBytes('hi'))).messages // [Uint8Array 'hi']
 */
export class TutorialChannel implements ChannelEngine {
  readonly protocol = 'tutorial';
  readonly remoteStaticKey: undefined = undefined;
  readonly maxMessageLength: number;
  readonly #privateKey: PrivateKey;
  readonly #queue = new ByteQueue();
  readonly #seenNonces = new NonceSet(2 * TUTORIAL_MAX_RECORDS); // sent and received
  #peerPublicKey: PublicKey | undefined;
  #key: Uint8Array | undefined;
  #gcm: AesGcmKeyed | undefined;
  #sent = 0;
  #received = 0;
  readonly #lifecycle = new ChannelLifecycle('tutorial');

  /** @throws TypeError for a non-PrivateKey or an X25519 key; RangeError for a bad maxMessageLength */
  constructor(options: TutorialChannelOptions = {}) {
    const { privateKey } = options; // read once: the key checked is the key kept
    if (privateKey !== undefined && !(privateKey instanceof PrivateKey))
      throw new TypeError('TutorialChannel: privateKey must be a PrivateKey');
    if (privateKey !== undefined && privateKey.curve !== 'P-256')
      throw new TypeError(
        'TutorialChannel: privateKey must be a P-256 key (the tutorial is P-256 only)',
      );
    const max = options.maxMessageLength ?? TUTORIAL_MAX_MESSAGE;
    if (!Number.isInteger(max) || max < 1 || max > TUTORIAL_MAX_MESSAGE)
      throw new RangeError(
        `TutorialChannel: maxMessageLength must be an integer in [1, ${TUTORIAL_MAX_MESSAGE}]`,
      );
    this.maxMessageLength = max;
    this.#privateKey = privateKey ?? PrivateKey.generate();
  }

  get established(): boolean {
    return this.#gcm !== undefined;
  }

  /** Bytes of an incomplete PEM or record (see ChannelEngine). */
  get bufferedLength(): number {
    return this.#queue.length;
  }

  /** Our public key (what start() sends). */
  get publicKey(): PublicKey {
    return this.#privateKey.publicKey;
  }

  /** The peer's public key, once received. */
  get peerPublicKey(): PublicKey | undefined {
    return this.#peerPublicKey;
  }

  /** The derived 32-byte key (for the demo and tests; secret). */
  get key(): Uint8Array | undefined {
    return this.#key?.slice();
  }

  start(): Uint8Array[] {
    return this.#lifecycle.start(() => [utf8ToBytes(this.#privateKey.publicKey.toPem())]);
  }

  receive(chunk: Uint8Array): ChannelOutput {
    return this.#lifecycle.receive(() => {
      this.#queue.push(chunk);
      const out: ChannelOutput = { frames: [], messages: [] };
      if (this.#gcm === undefined && !this.#readPem()) return out;
      for (;;) {
        const message = this.#readRecord();
        if (message === undefined) return out;
        out.messages.push(message);
      }
    });
  }

  seal(message: Uint8Array): Uint8Array {
    return this.#lifecycle.seal(message, this.maxMessageLength, this.established, () =>
      this.#sealRecord(message),
    );
  }

  /** u32be(L) ‖ nonce ‖ AES-256-GCM(key, nonce, message): one record. */
  #sealRecord(message: Uint8Array): Uint8Array {
    if (++this.#sent > TUTORIAL_MAX_RECORDS)
      throw new CryptoError('LIMIT_EXCEEDED', 'tutorial: record limit of this connection reached');
    const nonce = randomBytes(NONCE_LENGTH);
    this.#seenNonces.add(nonce); // remembered, so that this record reflected back is refused
    const sealed = this.#gcm!.encrypt(nonce, message);
    const length = NONCE_LENGTH + sealed.length;
    const record = new Uint8Array(4 + length);
    new DataView(record.buffer).setUint32(0, length);
    record.set(nonce, 4);
    record.set(sealed, 4 + NONCE_LENGTH);
    return record;
  }

  /** Reads the peer's PEM up to and including the END line ("\n" or "\r\n"); derives the key. */
  #readPem(): boolean {
    const available = this.#queue.peek(Math.min(this.#queue.length, TUTORIAL_MAX_PEM))!;
    assertPemStart(available);
    const marker = indexOf(available, END_MARKER);
    let end = -1; // length of the PEM, line end included
    if (marker >= 0) {
      const after = marker + END_MARKER.length;
      if (available[after] === LF) end = after + 1;
      else if (available[after] === CR && available[after + 1] === LF) end = after + 2;
      else if (
        !(after === available.length || (available[after] === CR && after + 1 === available.length))
      ) {
        throw new CryptoError(
          'INVALID_ENCODING',
          'tutorial: the peer PEM END line is not followed by a line end',
        );
      }
    }
    if (end < 0) {
      if (available.length >= TUTORIAL_MAX_PEM)
        throw new CryptoError(
          'LIMIT_EXCEEDED',
          `tutorial: no PEM END line in the first ${TUTORIAL_MAX_PEM} bytes`,
        );
      return false;
    }
    const pem = this.#queue.read(end)!;
    let text: string;
    try {
      text = bytesToUtf8(pem);
    } catch {
      throw new CryptoError('INVALID_ENCODING', 'tutorial: the peer PEM is not text');
    }
    const peer = PublicKey.fromPem(text); // validates the point (INVALID_POINT / INVALID_ENCODING)
    if (peer.curve !== 'P-256')
      throw new CryptoError(
        'INVALID_ENCODING',
        `tutorial: the peer sent an ${peer.curve} key; the tutorial protocol is P-256 only`,
      );
    this.#peerPublicKey = peer;
    const z = this.#privateKey.exchange(this.#peerPublicKey);
    this.#key = hkdf(sha256, z, undefined, undefined, 32);
    this.#gcm = aesGcm.withKey(this.#key);
    return true;
  }

  #readRecord(): Uint8Array | undefined {
    const header = this.#queue.peek(4);
    if (header === undefined) return undefined;
    const length = new DataView(header.buffer).getUint32(0);
    if (length < NONCE_LENGTH + TAG_LENGTH)
      throw new CryptoError(
        'PROTOCOL_ERROR',
        `tutorial: record length ${length} is below the minimum of 28`,
      );
    if (length > this.maxMessageLength + NONCE_LENGTH + TAG_LENGTH)
      throw new CryptoError(
        'LIMIT_EXCEEDED',
        `tutorial: record length ${length} exceeds the limit`,
      );
    if (this.#queue.length < 4 + length) return undefined;
    this.#queue.skip(4);
    const record = this.#queue.read(length)!;
    const nonce = record.subarray(0, NONCE_LENGTH);
    const plaintext = this.#gcm!.decrypt(nonce, record.subarray(NONCE_LENGTH)); // AUTH_FAILED
    if (this.#seenNonces.has(nonce))
      throw new CryptoError('AUTH_FAILED', 'tutorial: replayed or reflected record');
    if (++this.#received > TUTORIAL_MAX_RECORDS)
      throw new CryptoError('LIMIT_EXCEEDED', 'tutorial: record limit of this connection reached');
    this.#seenNonces.add(nonce);
    return plaintext;
  }
}

/**
 * Refuses bytes that cannot begin a PEM public key: blank lines (spaces, tabs, CR, LF), then
 * "-----BEGIN PUBLIC KEY-----", checked as far as the bytes go.
 * @throws CryptoError 'INVALID_ENCODING'
 */
function assertPemStart(bytes: Uint8Array): void {
  let i = 0;
  while (i < bytes.length && [0x20, 0x09, CR, LF].includes(bytes[i])) i++;
  for (let j = 0; j < BEGIN_MARKER.length && i + j < bytes.length; j++) {
    if (bytes[i + j] !== BEGIN_MARKER[j])
      throw new CryptoError(
        'INVALID_ENCODING',
        `tutorial: the peer sent byte 0x${bytes[i + j].toString(16).padStart(2, '0')} where a PEM public key ("-----BEGIN PUBLIC KEY-----") begins: it may speak another protocol`,
      );
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
