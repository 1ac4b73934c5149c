/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1–§7.5), generic over the suite's hash.
 *
 *   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *     struct { uint16 length = Length;
 *              opaque label<7..255> = "tls13 " + Label;
 *              opaque context<0..255> = Context; } HkdfLabel;
 *   Derive-Secret(Secret, Label, Messages) =
 *     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 *
 *              0
 *              |
 *              v
 *    PSK ->  HKDF-Extract = Early Secret              (PSK = Hash.length zero bytes: no PSK here)
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *    (EC)DHE -> HKDF-Extract = Handshake Secret
 *              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *    0 -> HKDF-Extract = Master Secret
 *              +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "res master", ClientHello...client Finished)
 *
 *   traffic keys (§7.3):  key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *                         iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 *   KeyUpdate (§7.2):     application_traffic_secret_N+1 =
 *                           HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)
 *   Finished (§4.4.4):    finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *                         verify_data  = HMAC(finished_key, Transcript-Hash(...))
 *   Exporter (§7.5):      TLS-Exporter(label, context_value, key_length) =
 *                           HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter",
 *                                             Hash(context_value), key_length)
 *
 * Derive-Secret here takes the transcript hash itself (see ./transcript.ts), not the messages.
 * Each secret, once derived, is reported to an optional observer: that is where an NSS key log
 * line or an annotated trace gets it. No PSK, no 0-RTT (binder_key, client_early_traffic_secret,
 * early_exporter_master_secret are not derived).
 */
import { concatBytes, utf8ToBytes } from '../bytes/index.js';
import type { HashFunction } from '../hash/hash.js';
import { expand, extract } from '../kdf/hkdf.js';
import { hmac } from '../mac/hmac.js';
import { u16, vector8 } from './wire.js';

/**
 * HKDF-Expand-Label (§7.1).
 * @param hash - the suite's hash
 * @param secret - the PRK (Hash.length bytes)
 * @param label - without the "tls13 " prefix, e.g. 'key'
 * @param context - the context (often empty or a transcript hash), ≤ 255 bytes
 * @param length - output bytes, < 2^16
 * @example hkdfExpandLabel(sha256, secret, 'iv', new Uint8Array(0), 12)
 */
export function hkdfExpandLabel(
  hash: HashFunction,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  const fullLabel = utf8ToBytes(`tls13 ${label}`);
  if (fullLabel.length > 255 || context.length > 255)
    throw new RangeError('tls: HKDF-Expand-Label label or context longer than 255 bytes');
  const hkdfLabel = concatBytes(u16(length), vector8(fullLabel), vector8(context));
  return expand(hash, secret, hkdfLabel, length);
}

/**
 * Derive-Secret (§7.1) given the transcript hash of the messages.
 * @example deriveSecret(sha256, handshakeSecret, 'c hs traffic', transcriptHash)
 */
export function deriveSecret(
  hash: HashFunction,
  secret: Uint8Array,
  label: string,
  transcriptHash: Uint8Array,
): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, transcriptHash, hash.outputLength);
}

/** A record protection key and its IV (§7.3). */
export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/**
 * The traffic key and IV of one direction (§7.3).
 * @example trafficKeys(sha256, secret, 16, 12)
 */
export function trafficKeys(
  hash: HashFunction,
  secret: Uint8Array,
  keyLength: number,
  ivLength: number,
): TrafficKeys {
  const empty = new Uint8Array(0);
  return Object.freeze({
    key: hkdfExpandLabel(hash, secret, 'key', empty, keyLength),
    iv: hkdfExpandLabel(hash, secret, 'iv', empty, ivLength),
  });
}

/**
 * application_traffic_secret_N+1 from application_traffic_secret_N (§7.2).
 * @example const next = nextTrafficSecret(sha256, secret)
 */
export function nextTrafficSecret(hash: HashFunction, secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, secret, 'traffic upd', new Uint8Array(0), hash.outputLength);
}

/**
 * finished_key of §4.4.4.
 * @example finishedKey(sha256, secret).length // 32
 */
export function finishedKey(hash: HashFunction, baseKey: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, baseKey, 'finished', new Uint8Array(0), hash.outputLength);
}

/**
 * verify_data = HMAC(finished_key, transcriptHash) (§4.4.4).
 * @example finishedVerifyData(sha256, secret, transcriptHash)
 */
export function finishedVerifyData(
  hash: HashFunction,
  baseKey: Uint8Array,
  transcriptHash: Uint8Array,
): Uint8Array {
  return hmac(hash, finishedKey(hash, baseKey), transcriptHash);
}

/**
 * TLS-Exporter (§7.5) from the exporter_master_secret.
 * @example exportKeyingMaterial(sha256, exporterSecret, 'EXPERIMENTAL my-app', context, 32)
 */
export function exportKeyingMaterial(
  hash: HashFunction,
  exporterMasterSecret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  const empty = hash(new Uint8Array(0));
  const secret = deriveSecret(hash, exporterMasterSecret, label, empty);
  return hkdfExpandLabel(hash, secret, 'exporter', hash(context), length);
}

/** The names the key schedule gives its secrets, as RFC 8446 §7.1 writes them. */
export type SecretName =
  | 'early_secret'
  | 'handshake_secret'
  | 'client_handshake_traffic_secret'
  | 'server_handshake_traffic_secret'
  | 'master_secret'
  | 'client_application_traffic_secret_0'
  | 'server_application_traffic_secret_0'
  | 'exporter_master_secret'
  | 'resumption_master_secret';

/** Receives each secret as it is derived (key logs, traces). */
export type SecretObserver = (name: SecretName, secret: Uint8Array) => void;

/** The two traffic secrets of one stage. */
export interface TrafficSecrets {
  readonly client: Uint8Array;
  readonly server: Uint8Array;
}

/**
 * The key schedule of one connection, stage by stage (no PSK): construct it, then call
 * `handshake(ecdhe, hashCH_SH)`, then `application(hashCH_SF)`, then optionally
 * `resumption(hashCH_CF)`. Each call must come after the previous one.
 *
 * @example
 * const ks = new KeySchedule(sha256)
 * const hs = ks.handshake(sharedSecret, transcript.hash())   // { client, server }
 * const ap = ks.application(transcript.hash())               // { client, server }
 */
export class KeySchedule {
  readonly hash: HashFunction;
  readonly #observe: SecretObserver | undefined;
  #stage: 'early' | 'handshake' | 'master' = 'early';
  #secret: Uint8Array;
  #exporter: Uint8Array | undefined;

  constructor(hash: HashFunction, observe?: SecretObserver) {
    this.hash = hash;
    this.#observe = observe;
    const zeros = new Uint8Array(hash.outputLength);
    this.#secret = this.#report('early_secret', extract(hash, zeros, zeros)); // Early Secret
  }

  #report(name: SecretName, secret: Uint8Array): Uint8Array {
    this.#observe?.(name, secret.slice());
    return secret;
  }

  /** Derive-Secret(., "derived", ""): the salt of the next stage. */
  #derived(): Uint8Array {
    return deriveSecret(this.hash, this.#secret, 'derived', this.hash(new Uint8Array(0)));
  }

  /**
   * Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE), and
   * its two traffic secrets over ClientHello…ServerHello.
   */
  handshake(sharedSecret: Uint8Array, transcriptHash: Uint8Array): TrafficSecrets {
    if (this.#stage !== 'early') throw new Error('tls: key schedule: handshake() out of order');
    this.#secret = this.#report(
      'handshake_secret',
      extract(this.hash, sharedSecret, this.#derived()),
    );
    this.#stage = 'handshake';
    return Object.freeze({
      client: this.#report(
        'client_handshake_traffic_secret',
        deriveSecret(this.hash, this.#secret, 'c hs traffic', transcriptHash),
      ),
      server: this.#report(
        'server_handshake_traffic_secret',
        deriveSecret(this.hash, this.#secret, 's hs traffic', transcriptHash),
      ),
    });
  }

  /**
   * Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0), its two
   * application traffic secrets and the exporter master secret over ClientHello…server Finished.
   */
  application(transcriptHash: Uint8Array): TrafficSecrets {
    if (this.#stage !== 'handshake')
      throw new Error('tls: key schedule: application() out of order');
    const zeros = new Uint8Array(this.hash.outputLength);
    this.#secret = this.#report('master_secret', extract(this.hash, zeros, this.#derived()));
    this.#stage = 'master';
    const secrets = Object.freeze({
      client: this.#report(
        'client_application_traffic_secret_0',
        deriveSecret(this.hash, this.#secret, 'c ap traffic', transcriptHash),
      ),
      server: this.#report(
        'server_application_traffic_secret_0',
        deriveSecret(this.hash, this.#secret, 's ap traffic', transcriptHash),
      ),
    });
    this.#exporter = this.#report(
      'exporter_master_secret',
      deriveSecret(this.hash, this.#secret, 'exp master', transcriptHash),
    );
    return secrets;
  }

  /** resumption_master_secret over ClientHello…client Finished (reported; nothing uses it yet). */
  resumption(transcriptHash: Uint8Array): Uint8Array {
    if (this.#stage !== 'master') throw new Error('tls: key schedule: resumption() out of order');
    return this.#report(
      'resumption_master_secret',
      deriveSecret(this.hash, this.#secret, 'res master', transcriptHash),
    );
  }

  /** TLS-Exporter (§7.5); available once the application secrets exist. */
  exportKeyingMaterial(label: string, context: Uint8Array, length: number): Uint8Array {
    if (this.#exporter === undefined)
      throw new Error('tls: key schedule: no exporter secret before the handshake completes');
    return exportKeyingMaterial(this.hash, this.#exporter, label, context, length);
  }
}
