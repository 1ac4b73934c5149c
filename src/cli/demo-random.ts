/// <reference types="node" />
/**
 * Where the demo's keys and nonces come from: the system CSPRNG by default, as everywhere in
 * ecdh-lab; with `demo --seed N`, values derived from N, so that two runs print the same
 * numbers and a learner can follow one run in the tour or `explain`.
 *
 *   seeded bytes(label, L) = HKDF-SHA256(IKM = "ecdh-lab demo seed N", salt none, info = label, L)
 *   seeded key(label):  d = (OS2IP(bytes(label, 40)) mod (n − 1)) + 1
 *                       (FIPS 186-5 A.2.1: 64 extra bits make the reduction's bias negligible)
 *
 * Seeded keys are for study only: anyone who knows N knows every key. The seed is handed to
 * the demo's own calls (keys by PrivateKey.fromRaw, Noise ephemerals by NoiseChannel's
 * `ephemeralKey`, the tutorial nonce by argument); the library's randomness (src/random.ts) is
 * never replaced.
 */
import { bigIntToBytes, bytesToBigInt, utf8ToBytes } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { PrivateKey } from '../keys/private-key.js';
import { n } from '../math/scalar.js';
import { randomBytes } from '../random.js';

export interface DemoRandom {
  /** The seed, or undefined for the system CSPRNG. */
  readonly seed: string | undefined;
  /** A private key; `label` names its role ("Alice", "client e", …). */
  privateKey(label: string): PrivateKey;
  /** `length` bytes; `label` names their use. */
  bytes(label: string, length: number): Uint8Array;
}

/** The system CSPRNG, as the library uses it. */
export const systemRandom: DemoRandom = Object.freeze({
  seed: undefined,
  privateKey: () => PrivateKey.generate(),
  bytes: (_label: string, length: number) => randomBytes(length),
});

/** Every value derived from `seed` (see the file header). For study only. */
export function seededRandom(seed: string): DemoRandom {
  const ikm = utf8ToBytes(`ecdh-lab demo seed ${seed}`);
  const bytes = (label: string, length: number) =>
    hkdf(sha256, ikm, undefined, utf8ToBytes(label), length);
  return Object.freeze({
    seed,
    bytes,
    privateKey(label: string) {
      const d = (bytesToBigInt(bytes(label, 40)) % (n - 1n)) + 1n;
      return PrivateKey.fromRaw(bigIntToBytes(d, 32));
    },
  });
}
