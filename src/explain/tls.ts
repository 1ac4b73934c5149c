/**
 * A TLS 1.3 handshake, traced (RFC 8446): ecdh-lab's client talks to a server — by default an
 * ecdh-lab server in the same process, or a real one through a transport the caller supplies —
 * and every step is recorded from the client's side, in order:
 *
 *   the records on the wire (type, version, length; in the clear or encrypted)
 *   each handshake message, annotated field by field (./tls-annotate.ts)
 *   the (EC)DHE exchange: both public key shares and the shared secret
 *   every secret of the key schedule as it is derived (§7.1), with the transcript hash it is
 *     derived over and, for traffic secrets, the AES-GCM key and IV (§7.3)
 *   the CertificateVerify content and its check (§4.4.3), both Finished values recomputed (§4.4.4)
 *   the key changes, the dummy ChangeCipherSpec records, a little application data, close_notify
 *
 * Everything comes from the engine itself (its trace and key-log hooks, src/tls/observe.ts) and
 * is recomputed here where the engine keeps no copy (transcript hashes, keys, Finished). The
 * in-process run is deterministic: fixed randoms and fixed, published demo keys (derived from
 * labels by SHA-256, as explain/ecdh.ts does) for the key shares, the CA and the server, and
 * RFC 6979 signatures. Never trace a real key: the point of this trace is to print secrets.
 */
import { bytesToHex, utf8ToBytes } from '../bytes/index.js';
import type { HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { sha384, sha512 } from '../hash/sha512.js';
import { PrivateKey } from '../keys/private-key.js';
import { TlsError } from '../tls/alert.js';
import { certificateVerifyContent } from '../tls/authentication.js';
import { TlsClient } from '../tls/client.js';
import type { TlsConnection } from '../tls/connection.js';
import { ecdsaCredential } from '../tls/credential.js';
import {
  type KeyShareGroup,
  type KeyShareKeyPair,
  secp256r1,
  secp256r1KeyPair,
  x25519Group,
  x25519KeyPair,
} from '../tls/groups.js';
import {
  finishedKey,
  finishedVerifyData,
  type SecretName,
  trafficKeys,
} from '../tls/key-schedule.js';
import { parseCertificate, parseCertificateVerify } from '../tls/messages.js';
import type { TlsTraceEvent } from '../tls/observe.js';
import {
  CONTENT_TYPE,
  HANDSHAKE_TYPE,
  HELLO_RETRY_REQUEST_RANDOM,
  signatureSchemeName,
} from '../tls/registry.js';
import { TlsServer } from '../tls/server.js';
import {
  CIPHER_SUITES,
  TLS_AES_128_GCM_SHA256,
  TLS_AES_256_GCM_SHA384,
  type TlsCipherSuite,
} from '../tls/suites.js';
import { Transcript } from '../tls/transcript.js';
import { ecdsaPeerKey, type X509VerifierOptions, x509Verifier } from '../tls/verifier.js';
import { issueCertificate, selfSignedCertificate } from '../x509/builder.js';
import { Certificate } from '../x509/certificate.js';
import type { Signer } from '../x509/signature.js';
import { type AnnotatedField, annotateHandshake } from './tls-annotate.js';
import { groupHex, labelled, LINE_WIDTH } from './format.js';

/** Who sent something, seen from the client. */
export type TlsDirection = 'client → server' | 'server → client';

/** One record header on the wire. */
export interface RecordSummary {
  readonly type: number;
  readonly version: number;
  readonly length: number;
}

/** One step of the trace. Byte arrays are copies. */
export type TlsStep =
  | {
      readonly kind: 'records';
      readonly direction: TlsDirection;
      readonly records: RecordSummary[];
    }
  | {
      readonly kind: 'message';
      readonly direction: TlsDirection;
      readonly name: string;
      readonly message: Uint8Array;
      readonly fields: readonly AnnotatedField[];
    }
  | {
      readonly kind: 'key_share';
      readonly group: string;
      readonly clientShare: Uint8Array;
      readonly serverShare: Uint8Array;
      readonly sharedSecret: Uint8Array;
    }
  | {
      readonly kind: 'secret';
      readonly name: SecretName;
      readonly formula: string;
      /** The transcript hash it is derived over (Derive-Secret of a traffic or master secret). */
      readonly transcriptHash?: Uint8Array;
      readonly secret: Uint8Array;
      /** For a traffic secret: its AES-GCM key and IV (§7.3). */
      readonly key?: Uint8Array;
      readonly iv?: Uint8Array;
    }
  | {
      readonly kind: 'certificate_verify';
      readonly transcriptHash: Uint8Array;
      readonly content: Uint8Array;
      readonly scheme: string;
      readonly valid: boolean;
    }
  | { readonly kind: 'chain'; readonly certificates: readonly string[] }
  | {
      readonly kind: 'finished';
      readonly direction: TlsDirection;
      readonly baseKey: SecretName;
      readonly finishedKey: Uint8Array;
      readonly transcriptHash: Uint8Array;
      readonly verifyData: Uint8Array;
      readonly matches: boolean;
    }
  | {
      readonly kind: 'keys';
      readonly direction: 'read' | 'write';
      readonly stage: 'handshake' | 'application' | 'update';
    }
  | { readonly kind: 'change_cipher_spec'; readonly direction: TlsDirection }
  | { readonly kind: 'application_data'; readonly direction: TlsDirection; readonly text: string }
  | { readonly kind: 'alert'; readonly direction: TlsDirection; readonly alert: string }
  | { readonly kind: 'error'; readonly message: string };

/** A traced handshake. */
export interface TlsHandshakeTrace {
  /** Who the client talked to, e.g. 'an in-process ecdh-lab server' or 'example.com:443'. */
  readonly peer: string;
  readonly negotiated: {
    readonly cipherSuite?: string;
    readonly group?: string;
    readonly signatureScheme?: string;
    readonly helloRetryRequest: boolean;
  };
  readonly steps: readonly TlsStep[];
  /** Set when the handshake failed (its last step is the error). */
  readonly failed: boolean;
}

/** Options of the in-process trace. */
export interface TlsInProcessOptions {
  /** The group the client sends a share for first: 'x25519' (default) or 'secp256r1'. */
  group?: 'x25519' | 'secp256r1';
  /** The cipher suite both sides use (default TLS_AES_128_GCM_SHA256). */
  suite?: 'TLS_AES_128_GCM_SHA256' | 'TLS_AES_256_GCM_SHA384';
  /**
   * The server accepts secp256r1 only while the client sends an x25519 share: a
   * HelloRetryRequest (§4.1.4).
   */
  helloRetry?: boolean;
}

/** A byte stream to a real server (a TCP socket, say): what `traceTlsOver` drives. */
export interface TlsExplainTransport {
  /** Writes bytes to the server. */
  write(bytes: Uint8Array): void;
  /** The next bytes from the server; undefined at the end of the stream. */
  read(): Promise<Uint8Array | undefined>;
  /** Ends the connection. */
  close(): void;
}

/** Options of the trace over a transport. */
export interface TlsRemoteOptions {
  /** The name to send as SNI and check in the certificate. */
  serverName: string;
  /** The trust anchors for the server's chain (PEM, DER or Certificates). */
  ca: X509VerifierOptions['ca'];
  /** How to name the peer in the output, e.g. 'example.com:443'. */
  peer: string;
}

const HASHES: Record<string, HashFunction> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};
const hashOfLength = (length: number): HashFunction => (length === 48 ? sha384 : sha256);
const demoBytes = (label: string): Uint8Array =>
  sha256(utf8ToBytes(`ecdh-lab explain tls ${label}`));

/** What each secret is, as §7.1 derives it. */
const FORMULAS: Record<SecretName, string> = {
  early_secret: 'HKDF-Extract(salt = 0, IKM = 0…0): no PSK, so a fixed value',
  handshake_secret:
    'HKDF-Extract(salt = Derive-Secret(early_secret, "derived", ""), IKM = (EC)DHE secret)',
  client_handshake_traffic_secret:
    'Derive-Secret(handshake_secret, "c hs traffic", ClientHello…ServerHello)',
  server_handshake_traffic_secret:
    'Derive-Secret(handshake_secret, "s hs traffic", ClientHello…ServerHello)',
  master_secret: 'HKDF-Extract(salt = Derive-Secret(handshake_secret, "derived", ""), IKM = 0…0)',
  client_application_traffic_secret_0:
    'Derive-Secret(master_secret, "c ap traffic", ClientHello…server Finished)',
  server_application_traffic_secret_0:
    'Derive-Secret(master_secret, "s ap traffic", ClientHello…server Finished)',
  exporter_master_secret: 'Derive-Secret(master_secret, "exp master", ClientHello…server Finished)',
  resumption_master_secret:
    'Derive-Secret(master_secret, "res master", ClientHello…client Finished)',
};

const TRAFFIC: ReadonlySet<SecretName> = new Set<SecretName>([
  'client_handshake_traffic_secret',
  'server_handshake_traffic_secret',
  'client_application_traffic_secret_0',
  'server_application_traffic_secret_0',
]);

/** Builds the steps from the client's trace events and what the wrapped groups saw. */
class Recorder {
  readonly steps: TlsStep[] = [];
  readonly #messages: Uint8Array[] = [];
  readonly #secrets = new Map<SecretName, Uint8Array>();
  #retry = false;
  #hash: HashFunction | undefined;

  /** The transcript hash of the messages so far (§4.4.1, with the message_hash substitution). */
  #transcriptHash(hash: HashFunction): Uint8Array {
    const transcript = new Transcript();
    transcript.add(this.#messages[0]);
    transcript.useHash(hash);
    if (this.#retry) transcript.replaceWithMessageHash();
    for (const message of this.#messages.slice(1)) transcript.add(message);
    return transcript.hash();
  }

  records(direction: TlsDirection, frames: readonly Uint8Array[]): void {
    const records: RecordSummary[] = [];
    for (const frame of frames)
      for (let i = 0; i + 5 <= frame.length; i += 5 + ((frame[i + 3] << 8) | frame[i + 4]))
        records.push({
          type: frame[i],
          version: (frame[i + 1] << 8) | frame[i + 2],
          length: (frame[i + 3] << 8) | frame[i + 4],
        });
    if (records.length > 0) this.steps.push({ kind: 'records', direction, records });
  }

  /** Wraps the client's groups so that the (EC)DHE exchange is recorded. */
  group(group: KeyShareGroup, fixed?: (label: string) => KeyShareKeyPair): KeyShareGroup {
    let attempt = 0;
    return {
      name: group.name,
      code: group.code,
      generateKeyPair: () =>
        fixed?.(`client ${group.name} ${++attempt}`) ?? group.generateKeyPair(),
      sharedSecret: (keyPair, peer) => {
        const sharedSecret = group.sharedSecret(keyPair, peer);
        this.steps.push({
          kind: 'key_share',
          group: group.name,
          clientShare: keyPair.keyExchange.slice(),
          serverShare: peer.slice(),
          sharedSecret: sharedSecret.slice(),
        });
        return sharedSecret;
      },
    };
  }

  readonly event = (event: TlsTraceEvent): void => {
    switch (event.kind) {
      case 'handshake':
        this.#message(event.direction === 'sent' ? 'client → server' : 'server → client', event);
        return;
      case 'secret':
        this.#secret(event.name, event.secret);
        return;
      case 'keys':
        this.steps.push({ kind: 'keys', direction: event.direction, stage: event.stage });
        return;
      case 'change_cipher_spec':
        this.steps.push({ kind: 'change_cipher_spec', direction: direction(event.direction) });
        return;
      default:
        this.steps.push({
          kind: 'alert',
          direction: direction(event.direction),
          alert: event.alert,
        });
    }
  };

  #message(dir: TlsDirection, event: Extract<TlsTraceEvent, { kind: 'handshake' }>): void {
    const message = event.message;
    const hash = this.#hash;
    if (event.type === HANDSHAKE_TYPE.finished && hash !== undefined) {
      const baseKey: SecretName =
        dir === 'server → client'
          ? 'server_handshake_traffic_secret'
          : 'client_handshake_traffic_secret';
      const base = this.#secrets.get(baseKey);
      if (base !== undefined) {
        const transcriptHash = this.#transcriptHash(hash);
        const verifyData = finishedVerifyData(hash, base, transcriptHash);
        this.steps.push({
          kind: 'finished',
          direction: dir,
          baseKey,
          finishedKey: finishedKey(hash, base),
          transcriptHash,
          verifyData,
          matches: bytesToHex(verifyData) === bytesToHex(message.subarray(4)),
        });
      }
    }
    const isRetry =
      event.type === HANDSHAKE_TYPE.server_hello &&
      bytesToHex(message.subarray(6, 38)) === bytesToHex(HELLO_RETRY_REQUEST_RANDOM);
    const name = isRetry ? 'HelloRetryRequest' : (MESSAGE_NAMES[event.type] ?? event.name);
    this.steps.push({
      kind: 'message',
      direction: dir,
      name,
      message: message.slice(),
      fields: annotateHandshake(message, hash?.outputLength ?? 32),
    });
    if (event.type === HANDSHAKE_TYPE.server_hello) {
      // The suite's hash: the ServerHello's cipher_suite (after the session id echo).
      const suiteAt = 38 + 1 + message[38];
      const code = (message[suiteAt] << 8) | message[suiteAt + 1];
      this.#hash = CIPHER_SUITES.find((suite) => suite.code === code)?.hash ?? sha256;
      if (isRetry) this.#retry = true;
    }
    if (event.type === HANDSHAKE_TYPE.certificate_verify && this.#hash !== undefined) {
      const certificate = [...this.steps]
        .reverse()
        .find((s) => s.kind === 'message' && s.message[0] === HANDSHAKE_TYPE.certificate);
      const verify = parseCertificateVerify(message.subarray(4));
      const transcriptHash = this.#transcriptHash(this.#hash);
      const content = certificateVerifyContent('server', transcriptHash);
      let valid = false;
      if (certificate?.kind === 'message') {
        const leaf = parseCertificate(certificate.message.subarray(4)).certificateList[0];
        const key = Certificate.fromDer(leaf.certData).publicKey;
        valid =
          key !== undefined &&
          ecdsaPeerKey(key).verify(verify.algorithm, content, verify.signature);
      }
      this.steps.push({
        kind: 'certificate_verify',
        transcriptHash,
        content,
        scheme: signatureSchemeName(verify.algorithm),
        valid,
      });
    }
    if (event.type === HANDSHAKE_TYPE.certificate && dir === 'server → client') {
      const list = parseCertificate(message.subarray(4)).certificateList;
      this.steps.push({
        kind: 'chain',
        certificates: list.map((entry) => {
          const certificate = Certificate.fromDer(entry.certData);
          return `${certificate.subject.toString()}, issued by ${certificate.issuer.toString()}`;
        }),
      });
    }
    this.#messages.push(message.slice());
  }

  #secret(name: SecretName, secret: Uint8Array): void {
    this.#secrets.set(name, secret);
    const hash = hashOfLength(secret.length);
    const derived = FORMULAS[name].startsWith('Derive-Secret');
    const keys = TRAFFIC.has(name)
      ? trafficKeys(hash, secret, hash.outputLength === 48 ? 32 : 16, 12)
      : undefined;
    this.steps.push({
      kind: 'secret',
      name,
      formula: FORMULAS[name],
      transcriptHash: derived ? this.#transcriptHash(hash) : undefined,
      secret: secret.slice(),
      key: keys?.key,
      iv: keys?.iv,
    });
  }
}

const MESSAGE_NAMES: Record<number, string> = {
  [HANDSHAKE_TYPE.client_hello]: 'ClientHello',
  [HANDSHAKE_TYPE.server_hello]: 'ServerHello',
  [HANDSHAKE_TYPE.encrypted_extensions]: 'EncryptedExtensions',
  [HANDSHAKE_TYPE.certificate_request]: 'CertificateRequest',
  [HANDSHAKE_TYPE.certificate]: 'Certificate',
  [HANDSHAKE_TYPE.certificate_verify]: 'CertificateVerify',
  [HANDSHAKE_TYPE.finished]: 'Finished',
  [HANDSHAKE_TYPE.new_session_ticket]: 'NewSessionTicket',
  [HANDSHAKE_TYPE.key_update]: 'KeyUpdate',
};

const direction = (d: 'sent' | 'received'): TlsDirection =>
  d === 'sent' ? 'client → server' : 'server → client';

/** A demo P-256 key (never a real one) as the X.509 builder's Signer. */
function demoSigner(label: string): { key: PrivateKey; signer: Signer } {
  const key = PrivateKey.fromRaw(demoBytes(label));
  return {
    key,
    signer: {
      publicKey: key.publicKey,
      sign: (message, hash) => key.sign(message, { hash: HASHES[hash] }),
    },
  };
}

let demoPki: { ca: Certificate; leaf: Certificate; key: PrivateKey } | undefined;

/** The in-process server's CA and certificate: fixed keys, serials and dates, so fixed bytes. */
function demoCertificates(): { ca: Certificate; leaf: Certificate; key: PrivateKey } {
  if (demoPki !== undefined) return demoPki;
  const notBefore = new Date('2025-01-01T00:00:00Z');
  const notAfter = new Date('2125-01-01T00:00:00Z');
  const root = demoSigner('CA key');
  const ca = selfSignedCertificate({
    signer: root.signer,
    subject: 'CN=ecdh-lab explain CA',
    serialNumber: 1n,
    notBefore,
    notAfter,
  });
  const server = demoSigner('server key');
  const leaf = issueCertificate({
    issuerCertificate: ca,
    issuerSigner: root.signer,
    subject: 'CN=localhost',
    publicKey: server.key.publicKey,
    serialNumber: 2n,
    notBefore,
    notAfter,
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
    extendedKeyUsage: ['serverAuth'],
  });
  demoPki = { ca, leaf, key: server.key };
  return demoPki;
}

/** A fixed key pair for a group (demo keys: the in-process run is deterministic). */
function fixedPair(group: KeyShareGroup, label: string): KeyShareKeyPair {
  return group === secp256r1
    ? secp256r1KeyPair(PrivateKey.fromRaw(demoBytes(label)))
    : x25519KeyPair(demoBytes(label));
}

function fixedGroup(group: KeyShareGroup, side: string): KeyShareGroup {
  let attempt = 0;
  return {
    ...group,
    generateKeyPair: () => fixedPair(group, `${side} ${group.name} ${++attempt}`),
  };
}

function negotiated(client: TlsClient): TlsHandshakeTrace['negotiated'] {
  const chosen = client.negotiated;
  return {
    cipherSuite: chosen.cipherSuite,
    group: chosen.group,
    signatureScheme:
      chosen.signatureScheme === undefined
        ? undefined
        : signatureSchemeName(chosen.signatureScheme),
    helloRetryRequest: chosen.helloRetryRequest,
  };
}

/**
 * Runs a whole handshake between ecdh-lab's client and an in-process ecdh-lab server, then one
 * message each way and close_notify, and records every step from the client's side.
 * @param options - the client's first group, the suite, whether to force a HelloRetryRequest
 * @returns the trace (deterministic: demo keys, fixed randoms)
 * @example traceTlsInProcess().negotiated.group // 'x25519'
 */
export function traceTlsInProcess(options: TlsInProcessOptions = {}): TlsHandshakeTrace {
  const { group = 'x25519', suite = 'TLS_AES_128_GCM_SHA256', helloRetry = false } = options;
  if (group !== 'x25519' && group !== 'secp256r1')
    throw new RangeError("group must be 'x25519' or 'secp256r1'");
  const suites: Record<string, TlsCipherSuite> = {
    TLS_AES_128_GCM_SHA256,
    TLS_AES_256_GCM_SHA384,
  };
  const cipherSuite = suites[suite];
  if (cipherSuite === undefined) throw new RangeError(`unknown suite ${String(suite)}`);
  const { ca, leaf, key } = demoCertificates();
  const recorder = new Recorder();
  const first = group === 'x25519' ? x25519Group : secp256r1;
  const clientGroups = (
    first === x25519Group ? [x25519Group, secp256r1] : [secp256r1, x25519Group]
  ).map((g) => recorder.group(g, (label) => fixedPair(g, label)));
  const client = new TlsClient({
    serverName: 'localhost',
    verifier: x509Verifier({ ca: [ca] }),
    groups: clientGroups,
    keyShareGroups: helloRetry
      ? clientGroups.filter((g) => g.name === 'x25519')
      : clientGroups.slice(0, 1),
    cipherSuites: [cipherSuite],
    random: demoBytes('client random'),
    legacySessionId: demoBytes('legacy_session_id'),
    trace: recorder.event,
  });
  const server = new TlsServer({
    credential: ecdsaCredential({ key, chain: [leaf] }),
    groups: (helloRetry ? [secp256r1] : [x25519Group, secp256r1]).map((g) =>
      fixedGroup(g, 'server'),
    ),
    cipherSuites: [cipherSuite],
    random: demoBytes('server random'),
  });
  const failed = run(recorder, client, server);
  return {
    peer: 'an in-process ecdh-lab server',
    negotiated: negotiated(client),
    steps: recorder.steps,
    failed,
  };
}

/** Pumps the two engines, recording the client's side; true when something failed. */
function run(recorder: Recorder, client: TlsClient, server: TlsConnection): boolean {
  try {
    let toServer = client.start();
    recorder.records('client → server', toServer);
    server.start();
    for (let round = 0; round < 10 && toServer.length > 0; round++) {
      const toClient = toServer.flatMap((frame) => server.receive(frame).frames);
      recorder.records('server → client', toClient);
      toServer = toClient.flatMap((frame) => client.receive(frame).frames);
      recorder.records('client → server', toServer);
    }
    const request = client.seal(utf8ToBytes('hello, TLS 1.3'));
    recorder.records('client → server', [request]);
    recorder.steps.push({
      kind: 'application_data',
      direction: 'client → server',
      text: 'hello, TLS 1.3',
    });
    for (const message of server.receive(request).messages) {
      const reply = server.seal(utf8ToBytes(new TextDecoder().decode(message).toUpperCase()));
      recorder.records('server → client', [reply]);
      for (const data of client.receive(reply).messages)
        recorder.steps.push({
          kind: 'application_data',
          direction: 'server → client',
          text: new TextDecoder().decode(data),
        });
    }
    const close = client.close();
    recorder.records('client → server', [close]);
    const answer = server.receive(close).frames;
    const last = server.close();
    recorder.records('server → client', [...answer, last]);
    for (const frame of [...answer, last]) client.receive(frame);
    return false;
  } catch (error) {
    recorder.steps.push({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
    return true;
  }
}

/**
 * The same trace against a real server, through `transport`: the handshake, then close_notify.
 * @param transport - a connected byte stream to the server
 * @param options - serverName (SNI and the certificate check), ca, and how to name the peer
 * @returns the trace; `failed` when the handshake did not complete (the last step says why)
 * @example const trace = await traceTlsOver(socketTransport, { serverName: 'localhost', ca, peer: 'localhost:8443' })
 */
export async function traceTlsOver(
  transport: TlsExplainTransport,
  options: TlsRemoteOptions,
): Promise<TlsHandshakeTrace> {
  const recorder = new Recorder();
  const client = new TlsClient({
    serverName: options.serverName,
    verifier: x509Verifier({ ca: options.ca }),
    groups: [x25519Group, secp256r1].map((g) => recorder.group(g)),
    trace: recorder.event,
  });
  let failed = false;
  try {
    const hello = client.start();
    recorder.records('client → server', hello);
    for (const frame of hello) transport.write(frame);
    while (!client.established) {
      const chunk = await transport.read();
      if (chunk === undefined) {
        client.receiveEnd();
        break;
      }
      recorder.records('server → client', [chunk]);
      const { frames } = client.receive(chunk);
      recorder.records('client → server', frames);
      for (const frame of frames) transport.write(frame);
    }
    const close = client.close();
    recorder.records('client → server', [close]);
    transport.write(close);
  } catch (error) {
    failed = true;
    if (error instanceof TlsError && error.alertRecord !== undefined)
      transport.write(error.alertRecord);
    recorder.steps.push({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    transport.close();
  }
  return { peer: options.peer, negotiated: negotiated(client), steps: recorder.steps, failed };
}

// ---- rendering ---------------------------------------------------------------------------------

const CONTENT_NAMES: Record<number, string> = {
  [CONTENT_TYPE.change_cipher_spec]: 'change_cipher_spec',
  [CONTENT_TYPE.alert]: 'alert',
  [CONTENT_TYPE.handshake]: 'handshake',
  [CONTENT_TYPE.application_data]: 'application_data',
};

/** The hex column of a message: 8 bytes a line, "xx xx …" (23 columns). */
const HEX_WIDTH = 23;

function fieldLines(field: AnnotatedField): string[] {
  const hex = [...field.bytes].map((b) => b.toString(16).padStart(2, '0'));
  const chunks: string[] = [];
  for (let i = 0; i < hex.length; i += 8) chunks.push(hex.slice(i, i + 8).join(' '));
  if (chunks.length === 0) chunks.push('');
  const indent = ' '.repeat(2 * field.depth);
  const room = LINE_WIDTH - 4 - HEX_WIDTH - indent.length;
  const words = field.label.split(' ');
  const labels: string[] = [''];
  for (const word of words) {
    const line = labels[labels.length - 1];
    if (line === '' || line.length + 1 + word.length <= room)
      labels[labels.length - 1] = line === '' ? word : `${line} ${word}`;
    else labels.push(word);
  }
  const lines: string[] = [];
  for (let i = 0; i < Math.max(chunks.length, labels.length); i++) {
    const label = labels[i] ?? '';
    lines.push(
      `  ${(chunks[i] ?? '').padEnd(HEX_WIDTH)}  ${label === '' ? '' : indent + label}`.trimEnd(),
    );
  }
  return lines;
}

const heading = (text: string): string => {
  const line = `── ${text} `;
  return line + '─'.repeat(Math.max(3, LINE_WIDTH - [...line].length));
};

const hexLines = (label: string, bytes: Uint8Array): string[] =>
  labelled(`  ${label.padEnd(16)}`, groupHex(bytes));

function renderStep(step: TlsStep): string[] {
  switch (step.kind) {
    case 'records':
      return labelled(
        `${step.direction}  on the wire: `,
        step.records.map((r) => `${CONTENT_NAMES[r.type] ?? r.type} (${r.length})`).join(', '),
      );
    case 'message':
      return [
        heading(`${step.name} · ${step.direction} · ${step.message.length} bytes`),
        ...step.fields.flatMap(fieldLines),
      ];
    case 'key_share':
      return [
        heading(`(EC)DHE over ${step.group}`),
        ...hexLines("client's share", step.clientShare),
        ...hexLines("server's share", step.serverShare),
        ...hexLines('shared secret', step.sharedSecret),
        '  both sides compute it; it never travels',
      ];
    case 'secret':
      return [
        heading(step.name),
        ...labelled('  ', step.formula),
        ...(step.transcriptHash === undefined
          ? []
          : hexLines('transcript hash', step.transcriptHash)),
        ...hexLines('= secret', step.secret),
        ...(step.key === undefined ? [] : hexLines('→ key', step.key)),
        ...(step.iv === undefined ? [] : hexLines('→ iv', step.iv)),
      ];
    case 'certificate_verify':
      return [
        heading('CertificateVerify, checked'),
        '  signed content: 64 × 0x20 ‖ "TLS 1.3, server CertificateVerify" ‖ 0x00 ‖ transcript hash',
        ...hexLines('transcript hash', step.transcriptHash),
        `  ${step.scheme} under the leaf's key: ${step.valid ? 'valid ✓' : 'NOT valid ✗'}`,
      ];
    case 'chain':
      return [
        '  the client checks the chain against its trust anchors, the name and the dates:',
        ...step.certificates.map((c, i) => `    [${i}] ${c}`),
      ];
    case 'finished':
      return [
        heading(
          `Finished (${step.direction === 'server → client' ? 'server' : 'client'}), recomputed`,
        ),
        `  finished_key = HKDF-Expand-Label(${step.baseKey}, "finished", "", Hash.length)`,
        ...hexLines('finished_key', step.finishedKey),
        ...hexLines('transcript hash', step.transcriptHash),
        ...hexLines('verify_data', step.verifyData),
        `  HMAC(finished_key, transcript hash) ${step.matches ? '= the message ✓' : '≠ the message ✗'}`,
      ];
    case 'keys':
      return [
        `  the client now ${step.direction === 'write' ? 'writes' : 'reads'} under the ${step.stage} keys`,
      ];
    case 'change_cipher_spec':
      return [
        `${step.direction}  change_cipher_spec: 0x01, ignored (middlebox compatibility, §D.4)`,
      ];
    case 'application_data':
      return [`${step.direction}  application data: "${step.text}"`];
    case 'alert':
      return [`${step.direction}  alert: ${step.alert}`];
    default:
      return [`error: ${step.message}`];
  }
}

/**
 * The trace as text: every step, annotated, in order.
 * @example renderTls(traceTlsInProcess()).length > 100 // true
 */
export function renderTls(trace: TlsHandshakeTrace): string[] {
  const negotiated = trace.negotiated;
  const summary = trace.failed
    ? 'the handshake failed'
    : `${negotiated.cipherSuite}, ${negotiated.group}, ${negotiated.signatureScheme}, ${negotiated.helloRetryRequest ? 'after a HelloRetryRequest' : 'no HelloRetryRequest'}`;
  let noted = false;
  const lines = trace.steps.flatMap((step) => {
    const out = renderStep(step);
    if (
      !noted &&
      step.kind === 'records' &&
      step.records.some((r) => r.type === CONTENT_TYPE.application_data)
    ) {
      noted = true;
      out.push('  (an application_data record is encrypted; its true type is inside it, §5.2)');
    }
    return out;
  });
  return [
    `TLS 1.3 (RFC 8446): ecdh-lab's client and ${trace.peer}`,
    `negotiated: ${summary}`,
    '',
    ...lines,
  ];
}
