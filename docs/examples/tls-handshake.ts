// Chapter 12: one TLS 1.3 handshake between ecdh-lab's client and server, in memory, with
// fixed demo keys and randoms so every number below is the same on every run: the flights on
// the wire, then the key schedule as the client derives it, then Noise NK over the same curve
// for comparison (its chaining key moves once per DH, TLS's once per stage).
import { bytesToHex, PrivateKey, sha256, utf8ToBytes, x25519, x25519PublicKey } from 'ecdh-lab';
import { HandshakeState, x25519KeyPair, x25519Suite } from 'ecdh-lab/noise';
import {
  ecdsaCredential,
  type KeyShareGroup,
  type KeyShareKeyPair,
  TlsClient,
  TlsServer,
  type TlsTraceEvent,
  x509Verifier,
} from 'ecdh-lab/tls';
import { issueCertificate, selfSignedCertificate, type Signer } from 'ecdh-lab/x509';

/** 32 demo bytes from a label: published values, never real keys. */
const demo = (label: string) => sha256(utf8ToBytes(`chapter 12 ${label}`));
const short = (bytes: Uint8Array) => `${bytesToHex(bytes).slice(0, 16)}…`;

/** An x25519 key-share group with fixed keys: a group is just this small object. */
function demoX25519(side: string): KeyShareGroup {
  return {
    name: 'x25519',
    code: 0x001d,
    generateKeyPair: () => {
      const privateKey = demo(`${side} x25519`);
      return { keyExchange: x25519PublicKey(privateKey), privateKey } as KeyShareKeyPair;
    },
    sharedSecret: (pair, peer) =>
      x25519((pair as KeyShareKeyPair & { privateKey: Uint8Array }).privateKey, peer),
  };
}

function signer(key: PrivateKey): Signer {
  return { publicKey: key.publicKey, sign: (message) => key.sign(message) };
}

export function main(): void {
  // A CA and a server certificate for localhost, fixed serials and dates.
  const caKey = PrivateKey.fromRaw(demo('CA key'));
  const serverKey = PrivateKey.fromRaw(demo('server key'));
  const dates = { notBefore: new Date('2025-01-01'), notAfter: new Date('2125-01-01') };
  const ca = selfSignedCertificate({
    signer: signer(caKey),
    subject: 'CN=Chapter 12 CA',
    serialNumber: 1n,
    ...dates,
  });
  const leaf = issueCertificate({
    issuerCertificate: ca,
    issuerSigner: signer(caKey),
    subject: 'CN=localhost',
    publicKey: serverKey.publicKey,
    serialNumber: 2n,
    subjectAltNames: { dns: ['localhost'] },
    ...dates,
  });

  const events: TlsTraceEvent[] = [];
  const client = new TlsClient({
    serverName: 'localhost',
    verifier: x509Verifier({ ca: [ca] }),
    groups: [demoX25519('client')],
    random: demo('client random'),
    legacySessionId: demo('session id'),
    trace: (event) => events.push(event),
  });
  const server = new TlsServer({
    credential: ecdsaCredential({ key: serverKey, chain: [leaf] }),
    groups: [demoX25519('server')],
    random: demo('server random'),
  });

  // The flights: what each side writes, record by record (type and length from the headers).
  const records = (frames: Uint8Array[]) =>
    frames.flatMap((frame) => {
      const out: string[] = [];
      for (let i = 0; i < frame.length; i += 5 + ((frame[i + 3] << 8) | frame[i + 4]))
        out.push(
          `${({ 20: 'ccs', 22: 'handshake', 23: 'encrypted' } as Record<number, string>)[frame[i]]} ${(frame[i + 3] << 8) | frame[i + 4]}`,
        );
      return out;
    });
  const names = (direction: 'sent' | 'received', from: number) =>
    events
      .slice(from)
      .flatMap((e) => (e.kind === 'handshake' && e.direction === direction ? [e.name] : []));
  let seen = 0;
  const flight1 = client.start();
  server.start();
  console.log(`flight 1  client → server  ${names('sent', seen).join(', ')}`);
  console.log(`          records: ${records(flight1).join(', ')}`);
  seen = events.length;
  const flight2 = flight1.flatMap((frame) => server.receive(frame).frames);
  const flight3 = flight2.flatMap((frame) => client.receive(frame).frames);
  console.log(`flight 2  server → client  ${names('received', seen).join(', ')}`);
  console.log(`          records: ${records(flight2).join(', ')}`);
  console.log(`flight 3  client → server  ${names('sent', seen).join(', ')}`);
  console.log(`          records: ${records(flight3).join(', ')}`);
  for (const frame of flight3) server.receive(frame);
  console.log(
    `established after one round trip: client ${client.established}, server ${server.established}`,
  );
  console.log(`negotiated: ${client.negotiated.cipherSuite}, ${client.negotiated.group}`);

  console.log('');
  console.log('the key schedule, as the client derives it (SHA-256):');
  for (const event of events)
    if (event.kind === 'secret') console.log(`  ${event.name.padEnd(36)} ${short(event.secret)}`);
  const secrets = events.filter((e) => e.kind === 'secret').length;
  console.log(
    `  ${secrets} secrets: 3 HKDF-Extract (early, handshake, master), the rest Derive-Secret`,
  );

  // Noise NK, 25519 suite: the initiator knows the responder's static key in advance.
  console.log('');
  const responderStatic = x25519KeyPair(demo('responder static'));
  const mixKeys: string[] = [];
  const initiator = new HandshakeState({
    suite: x25519Suite,
    pattern: 'NK',
    initiator: true,
    prologue: utf8ToBytes('chapter 12'),
    rs: responderStatic.publicKey,
    e: x25519KeyPair(demo('initiator ephemeral')),
    observe: (event) => {
      if (event.op === 'MixKey') mixKeys.push(short(event.ck));
    },
  });
  const responder = new HandshakeState({
    suite: x25519Suite,
    pattern: 'NK',
    initiator: false,
    prologue: utf8ToBytes('chapter 12'),
    s: responderStatic,
    e: x25519KeyPair(demo('responder ephemeral')),
  });
  const message1 = initiator.writeMessage();
  responder.readMessage(message1);
  const message2 = responder.writeMessage();
  initiator.readMessage(message2);
  console.log(
    `Noise_NK_25519_AESGCM_SHA256: 2 messages (${message1.length} and ${message2.length} bytes), complete: ${initiator.isComplete}`,
  );
  console.log(`  chaining key after each DH (es, ee): ${mixKeys.join(', ')}`);
  console.log(`  handshake hash h (binds the whole exchange): ${short(initiator.handshakeHash)}`);
}
