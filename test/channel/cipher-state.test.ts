/**
 * CipherState and SymmetricState (src/channel/cipher-state.ts, symmetric-state.ts) on their own,
 * against Noise revision 34 §4.2, §4.3, §5.1 and §5.2 computed again here with node:crypto
 * (AES-256-GCM with the §12.3 nonce, SHA-256, SHA-512, RFC 5869 HKDF through hkdfSync). No
 * published vectors: the keys and names are arbitrary; the channel's whole transcripts are
 * checked against the cacophony vectors in cacophony.test.ts.
 */
import * as crypto from 'node:crypto';
import { CipherState, MAX_NONCE } from '../../src/channel/cipher-state.js';
import type { NoiseSuite } from '../../src/channel/suite.js';
import {
  noiseHkdf,
  SymmetricState,
  type SymmetricEvent,
} from '../../src/channel/symmetric-state.js';
import { CryptoError } from '../../src/errors.js';
import { gcmNonce, nodeDecrypt, nodeEncrypt, nodeSuite } from './node-suite.js';
import { thrownBy } from '../support/errors.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const K = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const AD = hex('a0a1a2');
const PLAINTEXT = hex('48656c6c6f2c204e6f697365');

/**
 * node:crypto's primitives, but with a cipher that keeps a reference to the key it is given
 * (as a suite is allowed to): CipherState must hand it a key of its own.
 */
const referenceKeepingSuite: NoiseSuite = {
  ...nodeSuite,
  cipher: (k) => ({
    encrypt: (n, ad, plaintext) => nodeEncrypt(k, n, ad, plaintext),
    decrypt: (n, ad, ciphertext) => nodeDecrypt(k, n, ad, ciphertext),
  }),
};

/** The same primitives with SHA-512 (HASHLEN = 64), where §5.2 cuts each temp_k to 32 bytes. */
const sha512Suite: NoiseSuite = {
  ...nodeSuite,
  hashName: 'SHA512',
  hashLength: 64,
  hash: (data) => new Uint8Array(crypto.createHash('sha512').update(data).digest()),
  hmac: (key, data) => new Uint8Array(crypto.createHmac('sha512', key).update(data).digest()),
};

const thrown = (fn: () => unknown) => thrownBy(fn) as Error & { code?: string };

/** HKDF of Noise §4.3 is RFC 5869 with salt = ck and empty info: node's hkdfSync, split. */
function hkdfOutputs(hash: string, ck: Uint8Array, ikm: Uint8Array, count: number, length: number) {
  const okm = new Uint8Array(crypto.hkdfSync(hash, ikm, ck, new Uint8Array(0), count * length));
  return Array.from({ length: count }, (_, i) => okm.slice(i * length, (i + 1) * length));
}

describe('CipherState (Noise §5.1)', () => {
  it('holds its own copy of k: changing the caller’s key afterwards changes nothing', () => {
    const key = K.slice();
    const cs = new CipherState(referenceKeepingSuite);
    expect(cs.hasKey()).toBe(false);
    cs.initializeKey(key);
    expect(cs.hasKey()).toBe(true);
    key.fill(0);
    expect(cs.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(K, 0n, AD, PLAINTEXT));
    cs.initializeKey(null);
    expect(cs.hasKey()).toBe(false);
  });

  it('without a key passes the bytes through as copies, and rekey is refused', () => {
    const cs = new CipherState(nodeSuite);
    const plaintext = PLAINTEXT.slice();
    const out = cs.encryptWithAd(AD, plaintext);
    expect(out).toEqual(PLAINTEXT);
    out.fill(0);
    expect(plaintext).toEqual(PLAINTEXT);
    const back = cs.decryptWithAd(AD, plaintext);
    back.fill(0);
    expect(plaintext).toEqual(PLAINTEXT);
    expect(cs.nonce).toBe(0n); // no key, no nonce used
    const error = thrown(() => cs.rekey());
    expect(error).toBeInstanceOf(CryptoError);
    expect([error.code, error.message]).toEqual([
      'PROTOCOL_ERROR',
      'CipherState: rekey without a key',
    ]);
  });

  it('encrypts with n = 0, 1, … and decrypts only what authenticates, leaving n on a failure', () => {
    const sender = new CipherState(nodeSuite);
    const receiver = new CipherState(nodeSuite);
    sender.initializeKey(K);
    receiver.initializeKey(K);
    for (let n = 0n; n < 3n; n++) {
      const ciphertext = sender.encryptWithAd(AD, PLAINTEXT);
      expect(ciphertext).toEqual(nodeEncrypt(K, n, AD, PLAINTEXT));
      const forged = ciphertext.slice();
      forged[0] ^= 1;
      expect(thrown(() => receiver.decryptWithAd(AD, forged)).code).toBe('AUTH_FAILED');
      expect(receiver.nonce).toBe(n);
      expect(receiver.decryptWithAd(AD, ciphertext)).toEqual(PLAINTEXT);
      expect(receiver.nonce).toBe(n + 1n);
    }
  });

  it('setNonce takes exactly the bigints in [0, 2^64 − 1]; 2^64 − 1 itself is then refused by both directions', () => {
    const cs = new CipherState(nodeSuite);
    cs.initializeKey(K);
    const message = 'CipherState: nonce must be a bigint in [0, 2^64 - 1]';
    for (const bad of [-1n, MAX_NONCE + 1n, 5 as unknown as bigint, '5' as unknown as bigint]) {
      const error = thrown(() => cs.setNonce(bad));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(message);
    }
    cs.setNonce(0n);
    expect(cs.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(K, 0n, AD, PLAINTEXT));
    cs.setNonce(MAX_NONCE - 1n);
    expect(cs.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(K, MAX_NONCE - 1n, AD, PLAINTEXT));
    expect(cs.nonce).toBe(MAX_NONCE);
    cs.setNonce(MAX_NONCE);
    for (const use of [
      () => cs.encryptWithAd(AD, PLAINTEXT),
      () => cs.decryptWithAd(AD, PLAINTEXT),
    ]) {
      const error = thrown(use);
      expect(error).toBeInstanceOf(CryptoError);
      expect([error.code, error.message]).toEqual([
        'LIMIT_EXCEEDED',
        'CipherState: nonce exhausted (2^64 - 1 is reserved)',
      ]);
    }
  });

  it('Rekey(): k = the first 32 bytes of ENCRYPT(k, 2^64 − 1, empty, 32 zero bytes), n unchanged (§4.2)', () => {
    const cs = new CipherState(nodeSuite);
    cs.initializeKey(K);
    cs.setNonce(7n);
    cs.rekey();
    expect(cs.nonce).toBe(7n);
    const cipher = crypto.createCipheriv('aes-256-gcm', K, gcmNonce(MAX_NONCE));
    const newKey = Buffer.concat([cipher.update(new Uint8Array(32)), cipher.final()]);
    expect(cs.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(newKey, 7n, AD, PLAINTEXT));
  });
});

describe('SymmetricState (Noise §5.2) and its HKDF (§4.3)', () => {
  it('HKDF gives 2 or 3 outputs of HASHLEN bytes, equal to RFC 5869 with salt = ck, info empty', () => {
    const ck = hex('11'.repeat(32));
    const ikm = hex('22'.repeat(32));
    const two = noiseHkdf(nodeSuite, ck, ikm, 2);
    const three = noiseHkdf(nodeSuite, ck, ikm, 3);
    expect(two).toEqual(hkdfOutputs('sha256', ck, ikm, 2, 32));
    expect(three).toEqual(hkdfOutputs('sha256', ck, ikm, 3, 32));
  });

  it('InitializeSymmetric: a name of at most HASHLEN bytes is padded with zeros, a longer one hashed; ck = h', () => {
    for (const length of [0, 1, 31, 32, 33, 64]) {
      const name = new Uint8Array(length).fill(0x4e);
      const state = new SymmetricState(nodeSuite, name);
      const expected =
        length <= 32
          ? Uint8Array.from({ length: 32 }, (_, i) => (i < length ? 0x4e : 0))
          : new Uint8Array(crypto.createHash('sha256').update(name).digest());
      expect({ length, h: state.handshakeHash }).toEqual({ length, h: expected });
      expect(state.chainingKey).toEqual(expected);
      expect(state.cipherState.hasKey()).toBe(false);
    }
  });

  it('keeps ck apart from h: a suite that wipes the key it is given to HMAC cannot change h', () => {
    const wipingSuite: NoiseSuite = {
      ...nodeSuite,
      hmac: (key, data) => {
        const mac = nodeSuite.hmac(key, data);
        key.fill(0);
        return mac;
      },
    };
    const name = hex('4e6f697365'); // "Noise", padded to 32 bytes
    const state = new SymmetricState(wipingSuite, name); // MixKey first: HMAC keyed with ck
    state.mixKey(hex('55'.repeat(32)));
    expect(state.handshakeHash).toEqual(Uint8Array.from({ length: 32 }, (_, i) => name[i] ?? 0));
  });

  it('gives out h and ck as copies', () => {
    const state = new SymmetricState(nodeSuite, hex('4e6f697365'));
    const h = state.handshakeHash.slice();
    const ck = state.chainingKey.slice();
    state.handshakeHash.fill(0xff);
    state.chainingKey.fill(0xff);
    expect(state.handshakeHash).toEqual(h);
    expect(state.chainingKey).toEqual(ck);
  });

  it('MixKey, MixHash, EncryptAndHash, DecryptAndHash and Split against §5.2 computed with node:crypto, for SHA-256 and SHA-512', () => {
    for (const [suite, hash, length] of [
      [nodeSuite, 'sha256', 32],
      [sha512Suite, 'sha512', 64],
    ] as const) {
      const H = (data: Uint8Array) => new Uint8Array(crypto.createHash(hash).update(data).digest());
      const name = new Uint8Array(40).fill(0x41); // longer than 32: hashed for SHA-256, padded for SHA-512
      const events: SymmetricEvent[] = [];
      const alice = new SymmetricState(suite, name, (event) => events.push(event));
      const bob = new SymmetricState(suite, name);
      let h = name.length <= length ? Uint8Array.from({ length }, (_, i) => name[i] ?? 0) : H(name);
      let ck = h.slice();
      expect(alice.handshakeHash).toEqual(h);

      const data = hex('0102');
      alice.mixHash(data);
      bob.mixHash(data);
      h = H(new Uint8Array([...h, ...data]));
      expect(alice.handshakeHash).toEqual(h);

      const ikm = hex('33'.repeat(32));
      alice.mixKey(ikm);
      bob.mixKey(ikm);
      const [nextCk, tempK] = hkdfOutputs(hash, ck, ikm, 2, length);
      ck = nextCk;
      const k = tempK.slice(0, 32); // §5.2: truncated to 32 bytes when HASHLEN is 64
      expect(alice.chainingKey).toEqual(ck);

      const ciphertext = alice.encryptAndHash(PLAINTEXT);
      expect(ciphertext).toEqual(nodeEncrypt(k, 0n, h, PLAINTEXT));
      h = H(new Uint8Array([...h, ...ciphertext]));
      expect(alice.handshakeHash).toEqual(h);
      expect(bob.decryptAndHash(ciphertext)).toEqual(PLAINTEXT);
      expect(bob.handshakeHash).toEqual(h);

      const [c1, c2] = alice.split();
      const [k1, k2] = hkdfOutputs(hash, ck, new Uint8Array(0), 2, length).map((t) =>
        t.slice(0, 32),
      );
      expect(c1.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(k1, 0n, AD, PLAINTEXT));
      expect(c2.encryptWithAd(AD, PLAINTEXT)).toEqual(nodeEncrypt(k2, 0n, AD, PLAINTEXT));

      // The observer saw each operation, in order, with the values it produced.
      expect(events.map((e) => e.op)).toEqual([
        'InitializeSymmetric',
        'MixHash',
        'MixKey',
        'EncryptAndHash',
        'MixHash',
        'Split',
      ]);
      expect(events[2]).toEqual({ op: 'MixKey', inputKeyMaterial: ikm, ck, k });
      expect(events[3]).toEqual({ op: 'EncryptAndHash', plaintext: PLAINTEXT, ciphertext });
      expect(events[4]).toEqual({ op: 'MixHash', data: ciphertext, h });
      expect(events[5]).toEqual({ op: 'Split', k1, k2 });
    }
  });

  it('the observer gets copies: overwriting every array it is given changes neither the state nor the caller’s bytes', () => {
    const wipe = (event: SymmetricEvent) => {
      for (const value of Object.values(event)) if (value instanceof Uint8Array) value.fill(0xee);
    };
    const name = hex('4e6f6973655f4e4e'); // "Noise_NN"
    const wiped = new SymmetricState(nodeSuite, name, wipe);
    const plain = new SymmetricState(nodeSuite, name);
    const receiverEvents: SymmetricEvent[] = [];
    const receiver = new SymmetricState(nodeSuite, name, (event) => {
      receiverEvents.push(event);
      wipe(event);
    });
    const plainReceiver = new SymmetricState(nodeSuite, name);
    const ikm = hex('44'.repeat(32));
    const data = hex('0a0b0c');
    const plaintext = PLAINTEXT.slice();
    for (const state of [wiped, plain, receiver, plainReceiver]) {
      state.mixHash(data);
      state.mixKey(ikm);
    }
    expect(ikm).toEqual(hex('44'.repeat(32)));
    expect(data).toEqual(hex('0a0b0c'));
    const ciphertext = wiped.encryptAndHash(plaintext);
    expect(plaintext).toEqual(PLAINTEXT);
    expect(ciphertext).toEqual(plain.encryptAndHash(PLAINTEXT));
    const received = ciphertext.slice();
    const opened = receiver.decryptAndHash(received);
    expect(opened).toEqual(PLAINTEXT);
    expect(received).toEqual(ciphertext);
    expect(plainReceiver.decryptAndHash(ciphertext)).toEqual(PLAINTEXT);
    for (const [a, b] of [
      [wiped, plain],
      [receiver, plainReceiver],
    ]) {
      expect(a.handshakeHash).toEqual(b.handshakeHash);
      expect(a.chainingKey).toEqual(b.chainingKey);
      const [a1, a2] = a.split();
      const [b1, b2] = b.split();
      expect(a1.encryptWithAd(AD, PLAINTEXT)).toEqual(b1.encryptWithAd(AD, PLAINTEXT));
      expect(a2.encryptWithAd(AD, PLAINTEXT)).toEqual(b2.encryptWithAd(AD, PLAINTEXT));
    }
    expect(receiverEvents.map((e) => e.op)).toContain('DecryptAndHash');
  });
});
