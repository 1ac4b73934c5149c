/**
 * SymmetricState — Noise Protocol Framework revision 34, §5.2 — and the HKDF of §4.3.
 *
 * A SymmetricState carries the chaining key ck, the handshake hash h and a CipherState:
 *   InitializeSymmetric(name): h = name padded with zeros to HASHLEN (or HASH(name) if longer); ck = h
 *   MixKey(ikm):          ck, temp_k = HKDF(ck, ikm, 2); InitializeKey(temp_k)
 *   MixHash(data):        h = HASH(h ‖ data)
 *   EncryptAndHash(p):    c = EncryptWithAd(h, p); MixHash(c)
 *   DecryptAndHash(c):    p = DecryptWithAd(h, c); MixHash(c)
 *   Split():              temp_k1, temp_k2 = HKDF(ck, empty, 2); two CipherStates
 * HKDF(chaining_key, ikm, n) of §4.3 is RFC 5869 with salt = chaining_key and empty info:
 *   temp_key = HMAC(ck, ikm); output1 = HMAC(temp_key, 0x01); output2 = HMAC(temp_key, output1 ‖ 0x02) …
 * InitializeKey takes the first 32 bytes of each temp_k: §5.2 truncates temp_k to 32 bytes when
 * HASHLEN is 64; with SHA-256 (HASHLEN = 32, the suites here) the cut leaves it whole.
 *
 * An optional observer sees each operation with the values it produced (copies), for study:
 * `ecdh-lab demo` prints them. It is never set by default and cannot change the state.
 *
 * Not here: MixKeyAndHash (only PSK patterns use it, and we have none).
 */
import { concatBytes } from '../bytes/index.js';
import { CipherState } from './cipher-state.js';
import type { NoiseSuite } from './suite.js';

/**
 * HKDF(chaining_key, input_key_material, num_outputs) — Noise §4.3.
 * @returns 2 or 3 outputs of HASHLEN bytes
 * @example const [nextCk, k] = noiseHkdf(suite, ck, dhOutput, 2) // MixKey: ck = nextCk, then InitializeKey(k)
 */
export function noiseHkdf(
  suite: NoiseSuite,
  chainingKey: Uint8Array,
  inputKeyMaterial: Uint8Array,
  outputs: 2 | 3,
): Uint8Array[] {
  const tempKey = suite.hmac(chainingKey, inputKeyMaterial);
  const output1 = suite.hmac(tempKey, Uint8Array.of(0x01));
  const output2 = suite.hmac(tempKey, concatBytes(output1, Uint8Array.of(0x02)));
  if (outputs === 2) return [output1, output2];
  const output3 = suite.hmac(tempKey, concatBytes(output2, Uint8Array.of(0x03)));
  return [output1, output2, output3];
}

/**
 * One SymmetricState operation and what it produced, as an observer sees it (copies). k is the
 * new CipherState key; k1, k2 are Split's two keys (initiator → responder, then back).
 */
export type SymmetricEvent =
  | { readonly op: 'InitializeSymmetric'; readonly h: Uint8Array; readonly ck: Uint8Array }
  | { readonly op: 'MixHash'; readonly data: Uint8Array; readonly h: Uint8Array }
  | {
      readonly op: 'MixKey';
      readonly inputKeyMaterial: Uint8Array;
      readonly ck: Uint8Array;
      readonly k: Uint8Array;
    }
  | {
      readonly op: 'EncryptAndHash' | 'DecryptAndHash';
      readonly plaintext: Uint8Array;
      readonly ciphertext: Uint8Array;
    }
  | { readonly op: 'Split'; readonly k1: Uint8Array; readonly k2: Uint8Array };

export class SymmetricState {
  readonly #suite: NoiseSuite;
  readonly #observe: ((event: SymmetricEvent) => void) | undefined;
  readonly cipherState: CipherState;
  #ck: Uint8Array;
  #h: Uint8Array;

  /**
   * InitializeSymmetric(protocol_name).
   * @param observe - called after each operation with copies of its values (study only)
   */
  constructor(
    suite: NoiseSuite,
    protocolName: Uint8Array,
    observe?: (event: SymmetricEvent) => void,
  ) {
    this.#suite = suite;
    this.#observe = observe;
    const hashLength = suite.hashLength;
    if (protocolName.length <= hashLength) {
      this.#h = new Uint8Array(hashLength);
      this.#h.set(protocolName);
    } else {
      this.#h = suite.hash(protocolName);
    }
    this.#ck = this.#h.slice();
    this.cipherState = new CipherState(suite);
    this.cipherState.initializeKey(null);
    this.#observe?.({ op: 'InitializeSymmetric', h: this.#h.slice(), ck: this.#ck.slice() });
  }

  /** The handshake hash h (a copy): after the handshake, a channel-binding value (§11.2). */
  get handshakeHash(): Uint8Array {
    return this.#h.slice();
  }

  /** The chaining key ck (a copy; tests only). */
  get chainingKey(): Uint8Array {
    return this.#ck.slice();
  }

  /** MixKey(input_key_material). */
  mixKey(inputKeyMaterial: Uint8Array): void {
    const [ck, tempK] = noiseHkdf(this.#suite, this.#ck, inputKeyMaterial, 2);
    this.#ck = ck;
    this.cipherState.initializeKey(tempK.subarray(0, 32));
    this.#observe?.({
      op: 'MixKey',
      inputKeyMaterial: inputKeyMaterial.slice(),
      ck: ck.slice(),
      k: tempK.slice(0, 32),
    });
  }

  /** MixHash(data). */
  mixHash(data: Uint8Array): void {
    this.#h = this.#suite.hash(concatBytes(this.#h, data));
    this.#observe?.({ op: 'MixHash', data: data.slice(), h: this.#h.slice() });
  }

  /** EncryptAndHash(plaintext). */
  encryptAndHash(plaintext: Uint8Array): Uint8Array {
    const ciphertext = this.cipherState.encryptWithAd(this.#h, plaintext);
    this.#observe?.({
      op: 'EncryptAndHash',
      plaintext: plaintext.slice(),
      ciphertext: ciphertext.slice(),
    });
    this.mixHash(ciphertext);
    return ciphertext;
  }

  /** DecryptAndHash(ciphertext). @throws CryptoError 'AUTH_FAILED' */
  decryptAndHash(ciphertext: Uint8Array): Uint8Array {
    const plaintext = this.cipherState.decryptWithAd(this.#h, ciphertext);
    this.#observe?.({
      op: 'DecryptAndHash',
      plaintext: plaintext.slice(),
      ciphertext: ciphertext.slice(),
    });
    this.mixHash(ciphertext);
    return plaintext;
  }

  /** Split(): [c1, c2] — c1 encrypts initiator → responder, c2 the other way. */
  split(): [CipherState, CipherState] {
    const [tempK1, tempK2] = noiseHkdf(this.#suite, this.#ck, new Uint8Array(0), 2);
    const c1 = new CipherState(this.#suite);
    const c2 = new CipherState(this.#suite);
    c1.initializeKey(tempK1.subarray(0, 32));
    c2.initializeKey(tempK2.subarray(0, 32));
    this.#observe?.({ op: 'Split', k1: tempK1.slice(0, 32), k2: tempK2.slice(0, 32) });
    return [c1, c2];
  }
}
