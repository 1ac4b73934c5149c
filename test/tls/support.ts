/**
 * Test support for the TLS engine: fixtures, an in-memory pump between two connections, and
 * TEST-ONLY STAND-INS for the pieces other branches are building:
 *
 *   nodeEcdsaCredential   signs CertificateVerify with node:crypto   (until src/ has ECDSA)
 *   nodeX509Verifier      validates chains with node:crypto's X509Certificate (until src/ has X.509)
 *   x25519Standin         an x25519 key-share group on node:crypto   (until src/ has X25519)
 *   sha384Standin         SHA-384 from node:crypto, for a TLS_AES_256_GCM_SHA384 row (until src/ has it)
 *
 * None of these is part of the library; each is swapped for the project's own primitive when it
 * lands.
 */
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type Hash as NodeHash,
  type KeyObject,
  sign,
  verify,
  constants,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '../../src/bytes/index';
import { CryptoError } from '../../src/errors';
import type { Hash, HashFunction } from '../../src/hash/hash';
import { TlsError } from '../../src/tls/alert';
import type {
  TlsCertificateVerifier,
  TlsPeerKey,
  TlsServerCredential,
} from '../../src/tls/authentication';
import type { TlsClient } from '../../src/tls/client';
import type { TlsConnection } from '../../src/tls/connection';
import { PrivateKey } from '../../src/keys/private-key';
import {
  type KeyShareGroup,
  type KeyShareKeyPair,
  secp256r1,
  secp256r1KeyPair,
} from '../../src/tls/groups';
import type { TlsServer } from '../../src/tls/server';
import { aesGcmSuite } from '../../src/tls/suites';

export const hex = hexToBytes;

const FIXTURES = join(__dirname, 'fixtures');
/** A fixture file as text. */
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
/** The DER of a PEM certificate. */
export const certificateDer = (pem: string): Uint8Array =>
  new Uint8Array(new X509Certificate(pem).raw);

// ---- TEST-ONLY stand-ins --------------------------------------------------------------------

/** TEST-ONLY: a CertificateVerify signer for an ECDSA P-256 key, on node:crypto. */
export function nodeEcdsaCredential(chainPem: string[], keyPem: string): TlsServerCredential {
  const key = createPrivateKey(keyPem);
  return {
    certificateChain: chainPem.map(certificateDer),
    signatureSchemes: [0x0403],
    sign(scheme, content) {
      if (scheme !== 0x0403) throw new Error('stand-in signs ecdsa_secp256r1_sha256 only');
      return new Uint8Array(sign('sha256', content, { key, dsaEncoding: 'der' }));
    },
  };
}

/** The key of a certificate as a TlsPeerKey: ECDSA P-256 (0x0403) and RSA-PSS (0x0804). */
export function nodePeerKey(publicKey: KeyObject): TlsPeerKey {
  return {
    verify(scheme, content, signature) {
      if (scheme === 0x0403 && publicKey.asymmetricKeyType === 'ec')
        return verify('sha256', content, { key: publicKey, dsaEncoding: 'der' }, signature);
      if (scheme === 0x0804 && publicKey.asymmetricKeyType === 'rsa')
        return verify(
          'sha256',
          content,
          { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
          signature,
        );
      return false;
    },
  };
}

/**
 * TEST-ONLY: chain validation with node's X509Certificate: every certificate within its validity
 * period (certificate_expired), each signed by the next, the last by a trust anchor (unknown_ca),
 * the leaf valid for the server name (certificate_unknown).
 */
export function nodeX509Verifier(
  caPem: string[],
  now: () => Date = () => new Date(),
): TlsCertificateVerifier {
  const anchors = caPem.map((pem) => new X509Certificate(pem));
  return {
    verifyChain(chain, serverName) {
      const certificates = chain.map((der) => new X509Certificate(Buffer.from(der)));
      const time = now().getTime();
      for (const certificate of certificates)
        if (time < Date.parse(certificate.validFrom) || time > Date.parse(certificate.validTo))
          throw new TlsError(
            'certificate_expired',
            'test verifier: certificate outside its validity',
          );
      for (let i = 0; i + 1 < certificates.length; i++)
        if (
          !certificates[i].checkIssued(certificates[i + 1]) ||
          !certificates[i].verify(certificates[i + 1].publicKey)
        )
          throw new TlsError('bad_certificate', 'test verifier: broken chain');
      const last = certificates[certificates.length - 1];
      const anchored = anchors.some(
        (anchor) =>
          last.raw.equals(anchor.raw) ||
          (last.checkIssued(anchor) && last.verify(anchor.publicKey)),
      );
      if (!anchored) throw new TlsError('unknown_ca', 'test verifier: no trust anchor');
      const leaf = certificates[0];
      if (serverName !== undefined) {
        const ok = /^[\d.]+$|:/.test(serverName)
          ? leaf.checkIP(serverName)
          : leaf.checkHost(serverName);
        if (ok === undefined)
          throw new TlsError('certificate_unknown', 'test verifier: wrong host');
      }
      return nodePeerKey(leaf.publicKey);
    },
  };
}

/**
 * TEST-ONLY: accepts any certificate and verifies CertificateVerify with its key — the explicit
 * hook the RFC 8448 replays need, whose server certificate is RSA and long expired.
 */
export const acceptAnyCertificate: TlsCertificateVerifier = {
  verifyChain: (chain) => nodePeerKey(new X509Certificate(Buffer.from(chain[0])).publicKey),
};

const X25519_PKCS8 = hex('302e020100300506032b656e04220420');
const X25519_SPKI = hex('302a300506032b656e032100');

interface X25519KeyPair extends KeyShareKeyPair {
  readonly privateKey: KeyObject;
}

/** TEST-ONLY: x25519 (RFC 7748) on node:crypto; `privateKeys` fixes the keys it hands out. */
export function x25519Standin(...privateKeys: Uint8Array[]): KeyShareGroup {
  const fixed = [...privateKeys];
  return {
    name: 'x25519',
    code: 0x001d,
    generateKeyPair(): KeyShareKeyPair {
      const next = fixed.shift();
      const privateKey =
        next === undefined
          ? generateKeyPairSync('x25519').privateKey
          : createPrivateKey({
              key: Buffer.concat([X25519_PKCS8, next]),
              format: 'der',
              type: 'pkcs8',
            });
      const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
      const pair: X25519KeyPair = { privateKey, keyExchange: new Uint8Array(spki.subarray(12)) };
      return pair;
    },
    sharedSecret(keyPair, peer) {
      if (peer.length !== 32)
        throw new CryptoError('INVALID_ENCODING', 'x25519: 32-byte shares only');
      const publicKey = createPublicKey({
        key: Buffer.concat([X25519_SPKI, peer]),
        format: 'der',
        type: 'spki',
      });
      const secret = new Uint8Array(
        diffieHellman({ privateKey: (keyPair as X25519KeyPair).privateKey, publicKey }),
      );
      if (secret.every((byte) => byte === 0))
        throw new CryptoError('INVALID_POINT', 'x25519: zero secret');
      return secret;
    },
  };
}

class NodeHashState implements Hash {
  constructor(private readonly state: NodeHash) {}
  update(data: Uint8Array): this {
    this.state.update(data);
    return this;
  }
  digest(): Uint8Array {
    return new Uint8Array(this.state.digest());
  }
  clone(): Hash {
    return new NodeHashState(this.state.copy());
  }
}

/** TEST-ONLY: SHA-384 from node:crypto as a HashFunction. */
export const sha384Standin: HashFunction = Object.assign(
  (data: Uint8Array) => new Uint8Array(createHash('sha384').update(data).digest()),
  {
    create: (): Hash => new NodeHashState(createHash('sha384')),
    blockLength: 128,
    outputLength: 48,
    algorithm: 'SHA-384',
  },
);

/** TEST-ONLY: the TLS_AES_256_GCM_SHA384 row, with the stand-in SHA-384. */
export const TLS_AES_256_GCM_SHA384_STANDIN = aesGcmSuite(
  0x1302,
  'TLS_AES_256_GCM_SHA384',
  sha384Standin,
  32,
);

// ---- the in-memory pump -----------------------------------------------------------------------

/** What happened between two connections. */
export interface PumpResult {
  /** Each direction's records/frames, in order. */
  toServer: Uint8Array[];
  toClient: Uint8Array[];
  clientMessages: Uint8Array[];
  serverMessages: Uint8Array[];
  clientError: TlsError | undefined;
  serverError: TlsError | undefined;
}

/** A function that may rewrite what goes on the wire (an active attacker). */
export type Wire = (direction: 'toServer' | 'toClient', bytes: Uint8Array) => Uint8Array;

/**
 * Runs `client` and `server` against each other until neither has anything to send; any
 * TlsError stops the exchange after the alert it carries has been delivered to the other side.
 */
export function pump(
  client: TlsConnection,
  server: TlsConnection,
  options: { start?: boolean; toServer?: Uint8Array[]; wire?: Wire } = {},
): PumpResult {
  const result: PumpResult = {
    toServer: [],
    toClient: [],
    clientMessages: [],
    serverMessages: [],
    clientError: undefined,
    serverError: undefined,
  };
  const wire: Wire = options.wire ?? ((_, bytes) => bytes);
  let toServer = options.toServer ?? [];
  let toClient: Uint8Array[] = [];
  if (options.start !== false) {
    toServer = client.start();
    server.start();
  }
  const deliver = (side: 'client' | 'server', frames: Uint8Array[]): Uint8Array[] | undefined => {
    const receiver = side === 'client' ? client : server;
    const out: Uint8Array[] = [];
    for (const frame of frames) {
      try {
        const { frames: replies, messages } = receiver.receive(frame);
        out.push(...replies);
        (side === 'client' ? result.clientMessages : result.serverMessages).push(...messages);
      } catch (error) {
        if (!(error instanceof TlsError)) throw error;
        if (side === 'client') result.clientError = error;
        else result.serverError = error;
        if (error.alertRecord !== undefined) {
          const direction = side === 'client' ? 'toServer' : 'toClient';
          const bytes = wire(direction, error.alertRecord);
          result[direction].push(bytes);
          const other = side === 'client' ? server : client;
          try {
            other.receive(bytes);
          } catch (peerError) {
            if (!(peerError instanceof TlsError)) throw peerError;
            if (side === 'client') result.serverError = peerError;
            else result.clientError = peerError;
          }
        }
        return undefined;
      }
    }
    return out;
  };
  for (let round = 0; round < 20 && (toServer.length > 0 || toClient.length > 0); round++) {
    if (toServer.length > 0) {
      const sent = toServer.map((frame) => wire('toServer', frame));
      result.toServer.push(...sent);
      const replies = deliver('server', sent);
      if (replies === undefined) return result;
      toClient.push(...replies);
      toServer = [];
    }
    if (toClient.length > 0) {
      const sent = toClient.map((frame) => wire('toClient', frame));
      result.toClient.push(...sent);
      const replies = deliver('client', sent);
      if (replies === undefined) return result;
      toServer.push(...replies);
      toClient = [];
    }
  }
  return result;
}

/** Sends `data` from `from` to `to` and returns what `to` received. */
export function send(from: TlsConnection, to: TlsConnection, data: Uint8Array): Uint8Array[] {
  const { messages, frames } = to.receive(from.seal(data));
  if (frames.length > 0) from.receive(concat(frames));
  return messages;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The fixtures' chain and key as a credential, and a verifier trusting their CA. */
export function fixtureCredential(): TlsServerCredential {
  return nodeEcdsaCredential([fixture('server.pem')], fixture('server.key'));
}
export function fixtureVerifier(): TlsCertificateVerifier {
  return nodeX509Verifier([fixture('ca.pem')]);
}

export type { TlsClient, TlsServer };

// ---- deterministic handshakes (for exhaustive tamper tests) ----------------------------------

/**
 * A secp256r1 group that always hands out the same key and remembers the secrets it computed,
 * so that thousands of handshakes cost one real ECDH each (a changed share is still computed
 * and validated for real).
 */
export function memoizedP256(privateKeyHex: string): KeyShareGroup {
  const pair = secp256r1KeyPair(PrivateKey.fromRaw(hex(privateKeyHex)));
  const secrets = new Map<string, Uint8Array>();
  return {
    name: secp256r1.name,
    code: secp256r1.code,
    generateKeyPair: () => pair,
    sharedSecret(keyPair, peer) {
      const key = Buffer.from(peer).toString('hex');
      let secret = secrets.get(key);
      if (secret === undefined) {
        secret = secp256r1.sharedSecret(keyPair, peer);
        secrets.set(key, secret);
      }
      return secret.slice();
    },
  };
}

/** TEST-ONLY: nodeEcdsaCredential that signs each content once (so reruns are identical). */
export function memoizedCredential(credential: TlsServerCredential): TlsServerCredential {
  const signatures = new Map<string, Uint8Array>();
  return {
    ...credential,
    sign(scheme, content) {
      const key = `${scheme}:${Buffer.from(content).toString('hex')}`;
      let signature = signatures.get(key);
      if (signature === undefined) {
        signature = credential.sign(scheme, content);
        signatures.set(key, signature);
      }
      return signature;
    },
  };
}
