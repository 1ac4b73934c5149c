/**
 * Key-share groups (RFC 8446 §4.2.7–§4.2.8, §7.4): each is a small object — its name, its
 * NamedGroup code point, how to make a key pair and how to combine it with the peer's share.
 * The engine knows nothing else about a group, so x25519 (or any other) plugs in as one more
 * object.
 *
 *   secp256r1 (0x0017), §4.2.8.2:  key_exchange = UncompressedPointRepresentation
 *                                   = 0x04 ‖ X ‖ Y, 65 bytes (the compressed form is refused)
 *                                  the peer's point is validated (SP 800-56A rev3 §5.6.2.3.3)
 *                                  §7.4.2: the shared secret is the x-coordinate, 32 bytes
 *   x25519 (0x001d), §4.2.8.2:     key_exchange = the 32-byte u-coordinate (RFC 7748 §5)
 *                                  §7.4.2: the shared secret is X25519(k, u), 32 bytes; an
 *                                  all-zero secret (a peer share of small order) is refused,
 *                                  as RFC 7748 §6.1 and RFC 8446 §7.4.2 ask
 *
 * Not here: constant time. Both ladders run the same operation sequence for every key, but
 * BigInt and the JIT are not constant time (see src/curve and src/x25519).
 */
import { CryptoError } from '../errors.js';
import { PrivateKey } from '../keys/private-key.js';
import { PublicKey } from '../keys/public-key.js';
import { refuse } from './alert.js';
import { randomBytes } from '../random.js';
import { x25519, x25519PublicKey } from '../x25519/x25519.js';
import { NAMED_GROUP } from './registry.js';

/** A key pair of some group: its key_exchange bytes plus whatever the group keeps privately. */
export interface KeyShareKeyPair {
  /** KeyShareEntry.key_exchange as it goes on the wire. */
  readonly keyExchange: Uint8Array;
}

/** One named group. */
export interface KeyShareGroup {
  /** The NamedGroup name, e.g. 'secp256r1'. */
  readonly name: string;
  /** The NamedGroup code point, e.g. 0x0017. */
  readonly code: number;
  /** A fresh ephemeral key pair. */
  generateKeyPair(): KeyShareKeyPair;
  /**
   * The (EC)DHE shared secret of `keyPair` (made by this group) and the peer's key_exchange.
   * @throws CryptoError (INVALID_ENCODING, INVALID_POINT) when the peer's share is not valid;
   *   the engine answers illegal_parameter
   */
  sharedSecret(keyPair: KeyShareKeyPair, peerKeyExchange: Uint8Array): Uint8Array;
}

/** A secp256r1 key pair: the PrivateKey and its uncompressed point. */
interface P256KeyShare extends KeyShareKeyPair {
  readonly privateKey: PrivateKey;
}

/**
 * A secp256r1 key pair for a given private key (fixed keys in tests and traces).
 * @throws TypeError when `privateKey` is not a P-256 PrivateKey
 * @example secp256r1KeyPair(PrivateKey.fromRaw(d))
 */
export function secp256r1KeyPair(privateKey: PrivateKey): KeyShareKeyPair {
  if (!(privateKey instanceof PrivateKey) || privateKey.curve !== 'P-256')
    throw new TypeError('secp256r1KeyPair: privateKey must be a P-256 PrivateKey');
  const share: P256KeyShare = {
    privateKey,
    keyExchange: privateKey.publicKey.toRaw({ compressed: false }),
  };
  return Object.freeze(share);
}

/**
 * secp256r1 (NIST P-256) on ecdh-lab's own ECDH.
 * @example new TlsClient({ groups: [secp256r1], verifier })
 */
export const secp256r1: KeyShareGroup = Object.freeze({
  name: 'secp256r1',
  code: NAMED_GROUP.secp256r1,
  generateKeyPair: (): KeyShareKeyPair => secp256r1KeyPair(PrivateKey.generate()),
  sharedSecret(keyPair: KeyShareKeyPair, peerKeyExchange: Uint8Array): Uint8Array {
    const own = (keyPair as Partial<P256KeyShare>).privateKey;
    if (!(own instanceof PrivateKey))
      throw new TypeError('secp256r1: key pair was not made by this group');
    if (peerKeyExchange.length !== 65 || peerKeyExchange[0] !== 0x04)
      throw new CryptoError(
        'INVALID_ENCODING',
        'secp256r1: a key share must be a 65-byte uncompressed point (RFC 8446 §4.2.8.2)',
      );
    return own.exchange(PublicKey.fromRaw(peerKeyExchange)); // x(d·Q), §7.4.2
  },
});

/** An x25519 key pair: the 32-byte private key and its public u-coordinate. */
interface X25519KeyShare extends KeyShareKeyPair {
  readonly privateKey: Uint8Array;
}

/**
 * An x25519 key pair for a given 32-byte private key (fixed keys in tests and traces).
 * @throws TypeError when not a Uint8Array; RangeError when not 32 bytes
 * @example x25519KeyPair(new Uint8Array(32).fill(1)).keyExchange.length // 32
 */
export function x25519KeyPair(privateKey: Uint8Array): KeyShareKeyPair {
  const keyExchange = x25519PublicKey(privateKey); // checks the type and the length
  const share: X25519KeyShare = { privateKey: privateKey.slice(), keyExchange };
  return Object.freeze(share);
}

/**
 * x25519 (RFC 7748) on ecdh-lab's own Curve25519 ladder.
 * @example new TlsClient({ groups: [x25519Group, secp256r1], verifier })
 */
export const x25519Group: KeyShareGroup = Object.freeze({
  name: 'x25519',
  code: NAMED_GROUP.x25519,
  generateKeyPair: (): KeyShareKeyPair => x25519KeyPair(randomBytes(32)),
  sharedSecret(keyPair: KeyShareKeyPair, peerKeyExchange: Uint8Array): Uint8Array {
    const own = (keyPair as Partial<X25519KeyShare>).privateKey;
    if (!(own instanceof Uint8Array) || own.length !== 32)
      throw new TypeError('x25519: key pair was not made by this group');
    if (peerKeyExchange.length !== 32)
      throw new CryptoError(
        'INVALID_ENCODING',
        'x25519: a key share must be 32 bytes (RFC 8446 §4.2.8.2)',
      );
    return x25519(own, peerKeyExchange); // all zeros → CryptoError INVALID_POINT (§7.4.2)
  },
});

/** The groups ecdh-lab implements, in its default order of preference. */
export const NAMED_GROUPS: readonly KeyShareGroup[] = Object.freeze([x25519Group, secp256r1]);

/**
 * The (EC)DHE secret; a share that is not valid for its group is illegal_parameter.
 * @throws TlsError illegal_parameter when the peer's share is refused by the group
 * @example computeSharedSecret(secp256r1, secp256r1.generateKeyPair(), peer.keyExchange)
 */
export function computeSharedSecret(
  group: KeyShareGroup,
  keyPair: KeyShareKeyPair,
  peerKeyExchange: Uint8Array,
): Uint8Array {
  try {
    return group.sharedSecret(keyPair, peerKeyExchange);
  } catch (error) {
    if (error instanceof CryptoError)
      throw refuse('illegal_parameter', `tls: invalid ${group.name} key share (${error.code})`);
    throw error;
  }
}
