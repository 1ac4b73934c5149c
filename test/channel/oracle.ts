/**
 * An independent computation of ecdh-lab's Noise handshakes, written straight from the
 * Noise spec (rev 34 §5) with node:crypto, sharing no code with src/channel. Given fixed
 * ephemeral and static private keys it returns the exact bytes of every handshake message and
 * the final transport keys; the tests compare src/channel's output with it byte for byte.
 */
import * as crypto from 'node:crypto';

type Pattern = 'NN' | 'NK' | 'XX';

export interface OracleKeys {
  ie: Buffer; // initiator ephemeral private scalar
  re: Buffer; // responder ephemeral private scalar
  is?: Buffer; // initiator static
  rs?: Buffer; // responder static
}

export interface OracleTranscript {
  messages: Buffer[];
  /** initiator→responder and responder→initiator transport keys, and the final h */
  k1: Buffer;
  k2: Buffer;
  h: Buffer;
}

const pub = (d: Buffer) => {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  return ecdh.getPublicKey();
};
const dh = (d: Buffer, q: Buffer) => {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  return ecdh.computeSecret(q);
};
/** AESGCM per Noise §12.3: nonce = 32 zero bits ‖ n as 64-bit big-endian. */
const nonceOf = (n: bigint) => Buffer.from((n + (1n << 96n)).toString(16).slice(1), 'hex');
function nodeEncrypt(k: Buffer, n: bigint, ad: Uint8Array, p: Uint8Array): Buffer {
  const c = crypto.createCipheriv('aes-256-gcm', k, nonceOf(n)).setAAD(ad);
  return Buffer.concat([c.update(p), c.final(), c.getAuthTag()]);
}
function nodeDecrypt(k: Buffer, n: bigint, ad: Uint8Array, sealed: Uint8Array): Buffer {
  const d = crypto.createDecipheriv('aes-256-gcm', k, nonceOf(n)).setAAD(ad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}
const sha256 = (...parts: Buffer[]) =>
  crypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const hmac = (key: Buffer, ...parts: Buffer[]) =>
  crypto.createHmac('sha256', key).update(Buffer.concat(parts)).digest();

/** Runs both sides of the handshake in lockstep, tracking one (ck, h, k, n) — both sides share it. */
export function oracleHandshake(pattern: Pattern, keys: OracleKeys): OracleTranscript {
  const name = Buffer.from(`Noise_${pattern}_P256_AESGCM_SHA256`);
  let h = Buffer.concat([name, Buffer.alloc(32 - name.length)]);
  let ck = h;
  let k: Buffer | null = null;
  let n = 0n;
  const mixHash = (data: Buffer) => (h = sha256(h, data));
  const mixKey = (ikm: Buffer) => {
    const temp = hmac(ck, ikm);
    ck = hmac(temp, Buffer.of(1));
    k = hmac(temp, ck, Buffer.of(2));
    n = 0n;
  };
  const encryptAndHash = (p: Buffer) => {
    const c = k === null ? p : nodeEncrypt(k, n++, h, p);
    mixHash(c);
    return c;
  };
  mixHash(Buffer.from('ecdh-lab/1'));
  const IE = pub(keys.ie),
    RE = pub(keys.re);
  const IS = keys.is && pub(keys.is),
    RS = keys.rs && pub(keys.rs);
  const messages: Buffer[] = [];
  if (pattern === 'NN') {
    mixHash(IE);
    messages.push(Buffer.concat([IE, encryptAndHash(Buffer.alloc(0))]));
    mixHash(RE);
    mixKey(dh(keys.re, IE));
    messages.push(Buffer.concat([RE, encryptAndHash(Buffer.alloc(0))]));
  } else if (pattern === 'NK') {
    mixHash(RS!);
    mixHash(IE);
    mixKey(dh(keys.ie, RS!));
    messages.push(Buffer.concat([IE, encryptAndHash(Buffer.alloc(0))]));
    mixHash(RE);
    mixKey(dh(keys.re, IE));
    messages.push(Buffer.concat([RE, encryptAndHash(Buffer.alloc(0))]));
  } else {
    mixHash(IE);
    messages.push(Buffer.concat([IE, encryptAndHash(Buffer.alloc(0))]));
    mixHash(RE);
    mixKey(dh(keys.re, IE)); // ee
    const encS = encryptAndHash(RS!);
    mixKey(dh(keys.rs!, IE)); // es (responder: DH(s, re))
    messages.push(Buffer.concat([RE, encS, encryptAndHash(Buffer.alloc(0))]));
    const encIS = encryptAndHash(IS!);
    mixKey(dh(keys.is!, RE)); // se (initiator: DH(s, re))
    messages.push(Buffer.concat([encIS, encryptAndHash(Buffer.alloc(0))]));
  }
  const temp = hmac(ck, Buffer.alloc(0));
  const k1 = hmac(temp, Buffer.of(1));
  const k2 = hmac(temp, k1, Buffer.of(2));
  return { messages, k1, k2, h };
}

/** A transport message as the oracle would seal it. */
export function oracleSeal(k: Buffer, n: bigint, message: Uint8Array): Buffer {
  return nodeEncrypt(k, n, new Uint8Array(0), message);
}

export function oracleOpen(k: Buffer, n: bigint, sealed: Uint8Array): Buffer {
  return nodeDecrypt(k, n, new Uint8Array(0), sealed);
}
