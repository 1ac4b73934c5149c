/**
 * Test support for the TLS engine: fixtures, an in-memory pump between two connections, and
 * deterministic groups and credentials for the exhaustive tamper tests. Every handshake runs on
 * the project's own primitives (src/x25519, src/ecdsa, src/x509, src/hash/sha512.ts).
 *
 * One TEST-ONLY hook remains: `acceptAnyCertificate`, for the RFC 8448 §5 replay, whose server
 * certificate is RSA (and long expired). It accepts any chain and checks the RSA-PSS
 * CertificateVerify with node:crypto: ecdh-lab has no RSA, and §5's point is the
 * HelloRetryRequest, not the certificate. Nothing else here is a stand-in.
 */
import { X509Certificate, constants, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '../../src/bytes/index';
import { PrivateKey } from '../../src/keys/private-key';
import { TlsError } from '../../src/tls/alert';
import type { TlsCertificateVerifier, TlsServerCredential } from '../../src/tls/authentication';
import type { TlsClient } from '../../src/tls/client';
import type { TlsConnection } from '../../src/tls/connection';
import { ecdsaCredential } from '../../src/tls/credential';
import { type KeyShareGroup, secp256r1, secp256r1KeyPair } from '../../src/tls/groups';
import type { TlsServer } from '../../src/tls/server';
import { x509Verifier } from '../../src/tls/verifier';
import { Certificate } from '../../src/x509/certificate';

export const hex = hexToBytes;

const FIXTURES = join(__dirname, 'fixtures');
/** A fixture file as text. */
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
/** The DER of a PEM certificate (parsed by ecdh-lab). */
export const certificateDer = (pem: string): Uint8Array => Certificate.fromPem(pem).toDer();

/**
 * TEST-ONLY: accepts any certificate chain and checks an RSA-PSS (0x0804) CertificateVerify
 * with node:crypto — the explicit hook the RFC 8448 §5 replay needs, whose server certificate
 * is RSA. Never a default, never exported by the package.
 */
export const acceptAnyCertificate: TlsCertificateVerifier = {
  verifyChain(chain) {
    const publicKey = new X509Certificate(Buffer.from(chain[0])).publicKey;
    return {
      verify(scheme, content, signature) {
        if (scheme !== 0x0804 || publicKey.asymmetricKeyType !== 'rsa') return false;
        return verify(
          'sha256',
          content,
          { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
          signature,
        );
      },
    };
  },
};

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

/** The fixtures' chain and key as a credential (ecdh-lab's ECDSA), and a verifier trusting their CA (ecdh-lab's X.509). */
export function fixtureCredential(): TlsServerCredential {
  return ecdsaCredential({ key: fixture('server.key'), chain: fixture('server.pem') });
}
export function fixtureVerifier(): TlsCertificateVerifier {
  return x509Verifier({ ca: fixture('ca.pem') });
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

/** A credential that signs each content once (so thousands of tamper reruns cost one signature each). */
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
