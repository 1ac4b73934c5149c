// Chapter 12: why HelloRetryRequest exists. The client guesses x25519 and sends only that share;
// the server accepts P-256 only. Without a retry the handshake would have to fail; with one, the
// server names the group, the client sends ClientHello2 — ClientHello1 with only the key_share
// changed — and the transcript replaces ClientHello1 by its hash (RFC 8446 §4.4.1).
import { bytesToHex, PrivateKey, sha256, utf8ToBytes, x25519, x25519PublicKey } from 'ecdh-lab';
import {
  ecdsaCredential,
  type KeyShareGroup,
  type KeyShareKeyPair,
  secp256r1,
  TlsClient,
  type TlsError,
  TlsServer,
  type TlsTraceEvent,
  x25519Group,
  x509Verifier,
} from 'ecdh-lab/tls';
import { issueCertificate, selfSignedCertificate, type Signer } from 'ecdh-lab/x509';

const demo = (label: string) => sha256(utf8ToBytes(`chapter 12 ${label}`));
/** x25519 with a fixed demo key, so that ClientHello1 (and its hash below) is the same every run. */
const fixedX25519: KeyShareGroup = {
  ...x25519Group,
  generateKeyPair: () => {
    const privateKey = demo('client x25519');
    return { keyExchange: x25519PublicKey(privateKey), privateKey } as KeyShareKeyPair;
  },
  sharedSecret: (pair, peer) =>
    x25519((pair as KeyShareKeyPair & { privateKey: Uint8Array }).privateKey, peer),
};

const signer = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message) => key.sign(message),
});

/** The extensions of a ClientHello message: [type, body length] in order (RFC 8446 §4.1.2). */
function extensions(hello: Uint8Array): [number, number][] {
  let i = 4 + 2 + 32; // header, legacy_version, random
  i += 1 + hello[i]; // legacy_session_id
  i += 2 + ((hello[i] << 8) | hello[i + 1]); // cipher_suites
  i += 1 + hello[i]; // legacy_compression_methods
  const out: [number, number][] = [];
  for (i += 2; i < hello.length; ) {
    const length = (hello[i + 2] << 8) | hello[i + 3];
    out.push([(hello[i] << 8) | hello[i + 1], length]);
    i += 4 + length;
  }
  return out;
}

/** Runs client and server against each other; returns the client's trace and its round trips. */
function handshake(client: TlsClient, server: TlsServer, events: TlsTraceEvent[]) {
  let toServer = client.start();
  server.start();
  let roundTrips = 0;
  while (toServer.length > 0 && !client.established) {
    roundTrips++;
    const toClient = toServer.flatMap((frame) => server.receive(frame).frames);
    toServer = toClient.flatMap((frame) => client.receive(frame).frames);
  }
  for (const frame of toServer) server.receive(frame);
  return { roundTrips, messages: events.filter((e) => e.kind === 'handshake') };
}

export function main(): void {
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
  const credential = ecdsaCredential({ key: serverKey, chain: [leaf] });
  const verifier = x509Verifier({ ca: [ca] });

  // 1. A client that supports x25519 only: nothing in common, nothing to retry.
  const lonely = new TlsClient({ serverName: 'localhost', verifier, groups: [x25519Group] });
  const strict = new TlsServer({ credential, groups: [secp256r1] });
  strict.start();
  try {
    strict.receive(lonely.start()[0]);
  } catch (error) {
    const refusal = error as TlsError;
    console.log(
      `client groups [x25519], server [secp256r1]: ${refusal.alert} (${refusal.message})`,
    );
  }

  // 2. The client supports both but guesses x25519: one share, and a HelloRetryRequest.
  const events: TlsTraceEvent[] = [];
  const client = new TlsClient({
    serverName: 'localhost',
    verifier,
    groups: [fixedX25519, secp256r1], // supported_groups lists both
    keyShareGroups: [fixedX25519], // a share for the first guess only
    random: demo('client random'),
    legacySessionId: demo('session id'),
    trace: (event) => events.push(event),
  });
  const server = new TlsServer({ credential, groups: [secp256r1], random: demo('server random') });
  const { roundTrips, messages } = handshake(client, server, events);
  console.log(
    `client groups [x25519, secp256r1], share for x25519 only: ${client.negotiated.group}, ` +
      `HelloRetryRequest ${client.negotiated.helloRetryRequest}, ${roundTrips} round trips`,
  );
  console.log(messages.map((m) => `${m.direction === 'sent' ? '→' : '←'} ${m.name}`).join('  '));

  const [hello1, retry, hello2] = messages.map((m) => m.message);
  const random = retry.subarray(6, 38);
  console.log('');
  console.log(`HelloRetryRequest.random      ${bytesToHex(random)}`);
  console.log(
    `SHA-256("HelloRetryRequest")  ${bytesToHex(sha256(utf8ToBytes('HelloRetryRequest')))}`,
  );
  console.log('');
  const names: Record<number, string> = {
    0: 'server_name',
    10: 'supported_groups',
    13: 'signature_algorithms',
    43: 'supported_versions',
    51: 'key_share',
  };
  const one = extensions(hello1);
  const two = extensions(hello2);
  console.log(
    `ClientHello1 ${hello1.length} bytes, ClientHello2 ${hello2.length} bytes; extensions:`,
  );
  for (let i = 0; i < one.length; i++) {
    const same = one[i][1] === two[i][1] ? 'same length' : `${one[i][1]} → ${two[i][1]} bytes`;
    console.log(`  ${names[one[i][0]].padEnd(22)} ${same}`);
  }
  console.log(
    `  the randoms are equal: ${bytesToHex(hello1.subarray(6, 38)) === bytesToHex(hello2.subarray(6, 38))}`,
  );

  // §4.4.1: after a retry, ClientHello1 enters the transcript as message_hash ‖ 00 00 20 ‖ SHA-256(ClientHello1).
  const messageHash = Uint8Array.of(254, 0, 0, 32, ...sha256(hello1));
  console.log('');
  console.log(
    `message_hash(ClientHello1)    ${bytesToHex(messageHash.subarray(0, 4))} ${bytesToHex(messageHash.subarray(4, 20))}…`,
  );
  console.log(
    `  (${messageHash.length} bytes stand for the ${hello1.length} of ClientHello1: a stateless server can rebuild them from a cookie)`,
  );
}
