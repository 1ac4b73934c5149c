/**
 * Every `@example` in src/tls/*.ts runs. Each example is cut out of its doc
 * comment and evaluated as a function body with every src/tls export in scope, plus the few
 * free names the examples use, bound to small real values (the credential and verifier are
 * ecdh-lab's own, on the fixtures of ./fixtures).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../../src/hash/sha256';
import { PrivateKey } from '../../src/keys/private-key';
import * as alert from '../../src/tls/alert';
import * as authentication from '../../src/tls/authentication';
import * as client from '../../src/tls/client';
import * as credentialModule from '../../src/tls/credential';
import { CryptoError } from '../../src/errors';
import { Certificate } from '../../src/x509/certificate';
import * as extensions from '../../src/tls/extensions';
import * as groups from '../../src/tls/groups';
import * as handshakeBuffer from '../../src/tls/handshake-buffer';
import * as hello from '../../src/tls/hello';
import * as keySchedule from '../../src/tls/key-schedule';
import * as messages from '../../src/tls/messages';
import * as observe from '../../src/tls/observe';
import * as record from '../../src/tls/record';
import * as registry from '../../src/tls/registry';
import * as server from '../../src/tls/server';
import * as suites from '../../src/tls/suites';
import * as transcriptModule from '../../src/tls/transcript';
import * as verifierModule from '../../src/tls/verifier';
import * as wire from '../../src/tls/wire';
import { SECTION_3 } from './rfc8448-vectors';
import { fixture, fixtureCredential, fixtureVerifier, hex } from './support';
import { examplesOf, runExample } from '../support/examples';

/** The files the examples read, mapped to the fixtures. */
const FILES: Record<string, string> = {
  'server.key': 'server.key',
  'server-chain.pem': 'server.pem',
  'ca.crt': 'ca.pem',
};

const dir = path.join(__dirname, '../../src/tls');

function scope(): Record<string, unknown> {
  const verifier = fixtureVerifier();
  const started = new client.TlsClient({ verifier });
  started.start();
  const transcript = new transcriptModule.Transcript();
  transcript.useHash(sha256);
  // Any 32 bytes; these begin as the key log line nssKeyLogLine's example shows.
  const secret = hex(`3a1b${'07'.repeat(30)}`);
  return {
    ...alert,
    ...authentication,
    ...client,
    ...extensions,
    ...groups,
    ...handshakeBuffer,
    ...hello,
    ...keySchedule,
    ...messages,
    ...observe,
    ...record,
    ...registry,
    ...server,
    ...suites,
    ...transcriptModule,
    ...wire,
    ...credentialModule,
    ...verifierModule,
    CryptoError,
    readFileSync: (name: string) => fixture(FILES[name]),
    certificate: Certificate.fromPem(fixture('server.pem')),
    content: new Uint8Array(16),
    sha256,
    PrivateKey,
    verifier,
    credential: fixtureCredential(),
    socket: { write: () => {}, end: () => {}, on: () => {} },
    client: started,
    bytes: Uint8Array.of(23, 3, 3, 0, 1, 0), // application data before the handshake
    transcript,
    secret,
    handshakeSecret: secret,
    sharedSecret: secret,
    exporterSecret: secret,
    transcriptHash: sha256(new Uint8Array(0)),
    context: new Uint8Array(0),
    clientRandom: hex(`6660261f${'00'.repeat(28)}`),
    verifyData: new Uint8Array(32),
    signature: new Uint8Array(71),
    d: new Uint8Array(32).fill(1),
    suite: suites.TLS_AES_128_GCM_SHA256,
    keys: { key: new Uint8Array(16), iv: new Uint8Array(12) },
    data: Uint8Array.of(1, 2, 3),
    fields: {
      legacyVersion: 0x0303,
      random: new Uint8Array(32),
      legacySessionId: new Uint8Array(0),
      cipherSuites: [0x1301],
      legacyCompressionMethods: Uint8Array.of(0),
      extensions: [],
    },
    serverHelloBody: hex(SECTION_3.serverHello).subarray(4),
    peer: groups.secp256r1.generateKeyPair(),
  };
}

const cases = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) =>
    examplesOf(fs.readFileSync(path.join(dir, file), 'utf8')).map((code): [string, string] => [
      file,
      code,
    ]),
  );

describe('@example blocks in src/tls', () => {
  it('finds them', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  // Run as test/support/examples.ts says: stated results (`// 'unknown_ca'`) are checked.
  it.each(cases)('%s: %s', async (_file, code) => {
    await runExample(code, scope());
  });
});
