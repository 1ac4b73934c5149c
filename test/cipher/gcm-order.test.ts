/**
 * "The tag is checked before any plaintext exists" (SP 800-38D §7.2 steps 7–8 in the order that
 * releases nothing unauthenticated), observed: GCTR is instrumented, and decrypting a forged
 * message must fail with AUTH_FAILED without GCTR ever running over its ciphertext
 * (mutation survivor: computing P = GCTR(inc32(J0), C) before comparing the tags). The tag itself
 * needs only CIPH_K(J0), not GCTR, so a correct decryption calls GCTR exactly once, after the
 * comparison. Vectors: messages made here and sealed by ecdh-lab (gcm.test.ts checks them
 * against node:crypto); both one-shot and keyed forms, short (4-bit GHASH table) and long (the
 * fused 8-bit path) messages, 96-bit and other nonce lengths.
 */
const gctrCalls: number[] = [];
jest.mock('../../src/cipher/gctr', () => {
  const actual = jest.requireActual('../../src/cipher/gctr');
  return {
    ...actual,
    // Encryption passes a running GHASH as a fifth argument; it is forwarded unchanged.
    gctr: (...args: [Int32Array, Int32Array, Uint8Array, Uint8Array, unknown?]) => {
      gctrCalls.push(args[2].length);
      return actual.gctr(...args);
    },
  };
});

import { aesGcm } from '../../src/cipher/gcm';
import { CryptoError } from '../../src/errors';

const key = new Uint8Array(32).map((_, i) => i);
const sizes = [0, 1, 17, 100, 5000]; // 5000 ≥ 4096: the one-shot form takes the 8-bit table
const nonces = [new Uint8Array(12).fill(7), new Uint8Array(8).fill(9), new Uint8Array(60).fill(1)];

function forgeries(sealed: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const flip = (at: number) => {
    const f = sealed.slice();
    f[at] ^= 0x01;
    out.push(f);
  };
  flip(sealed.length - 1); // the tag's last byte
  flip(sealed.length - 16); // the tag's first byte
  if (sealed.length > 16) flip(0); // the ciphertext
  return out;
}

function decryptCountingGctr(decrypt: () => Uint8Array): { error: unknown; calls: number[] } {
  gctrCalls.length = 0;
  try {
    decrypt();
    return { error: undefined, calls: gctrCalls.slice() };
  } catch (error) {
    return { error, calls: gctrCalls.slice() };
  }
}

describe('GCM-AD releases no plaintext before the tag has verified (instrumented GCTR)', () => {
  for (const size of sizes)
    for (const nonce of nonces) {
      const plaintext = new Uint8Array(size).map((_, i) => i * 7);
      const aad = new Uint8Array(5).fill(3);
      it(`one-shot, ${size}-byte message, ${nonce.length}-byte nonce`, () => {
        const sealed = aesGcm(key, nonce, aad).encrypt(plaintext);
        for (const forged of [...forgeries(sealed), sealed.subarray(0, 15)]) {
          const { error, calls } = decryptCountingGctr(() =>
            aesGcm(key, nonce, aad).decrypt(forged),
          );
          expect(error).toBeInstanceOf(CryptoError);
          expect((error as CryptoError).code).toBe('AUTH_FAILED');
          expect(calls).toEqual([]); // GCTR never ran over the forged ciphertext
        }
        const wrongAad = decryptCountingGctr(() =>
          aesGcm(key, nonce, Uint8Array.of(1)).decrypt(sealed),
        );
        expect((wrongAad.error as CryptoError).code).toBe('AUTH_FAILED');
        expect(wrongAad.calls).toEqual([]);
        const good = decryptCountingGctr(() => aesGcm(key, nonce, aad).decrypt(sealed));
        expect(good.error).toBeUndefined();
        expect(good.calls).toEqual([size]); // once, over the whole ciphertext, after the check
      });
      it(`keyed, ${size}-byte message, ${nonce.length}-byte nonce`, () => {
        const gcm = aesGcm.withKey(key);
        const sealed = gcm.encrypt(nonce, plaintext, aad);
        for (const forged of forgeries(sealed)) {
          const { error, calls } = decryptCountingGctr(() => gcm.decrypt(nonce, forged, aad));
          expect((error as CryptoError).code).toBe('AUTH_FAILED');
          expect(calls).toEqual([]);
        }
        const good = decryptCountingGctr(() => gcm.decrypt(nonce, sealed, aad));
        expect(good.error).toBeUndefined();
        expect(good.calls).toEqual([size]);
      });
    }
});
