/**
 * Every byte of every handshake message, flipped in flight, is refused with an alert.
 *
 * An active attacker sits on the wire between our client and our server. For each byte of
 * each handshake message (ClientHello, ServerHello, EncryptedExtensions, Certificate,
 * CertificateVerify, both Finished; in a second run HelloRetryRequest and ClientHello2 too) it
 * flips all the bits of that byte. For the encrypted messages it holds the keys (read from the
 * key log) and re-encrypts the record, so the change reaches the handshake layer rather than
 * failing at the record layer. Whatever the byte, the handshake must not complete on both
 * sides, and one side must refuse with an alert record for the other — except when the flipped
 * byte is in a message's 3-byte length and makes it longer than what was sent: then the
 * receiver waits for the rest (as any stream parser must), and the transport's handshake
 * timeout ends the connection; the test checks that the end of the stream is then refused.
 *
 * Every run is deterministic (fixed randoms and keys; the credential, ecdh-lab's RFC 6979
 * ECDSA, signs each content once), so the attacker can compute positions from one reference
 * run.
 */
import { TlsError } from '../../src/tls/alert';
import { TlsClient } from '../../src/tls/client';
import { trafficKeys } from '../../src/tls/key-schedule';
import { RecordProtection, RecordReader } from '../../src/tls/record';
import { CONTENT_TYPE, handshakeTypeName } from '../../src/tls/registry';
import { TlsServer } from '../../src/tls/server';
import { TLS_AES_128_GCM_SHA256 } from '../../src/tls/suites';
import {
  fixtureCredential,
  fixtureVerifier,
  hex,
  memoizedCredential,
  memoizedP256,
  pump,
  type Wire,
} from './support';

const credential = memoizedCredential(fixtureCredential());
const verifier = fixtureVerifier();
const clientGroup = memoizedP256(
  '0b1fd2b5a7bf6f2fa7b2b1b4e9c7b0d6dfc1d6c2b5f0e6a1c9d8e7f6a5b4c3d2',
);
const serverGroup = memoizedP256(
  '1c2fd2b5a7bf6f2fa7b2b1b4e9c7b0d6dfc1d6c2b5f0e6a1c9d8e7f6a5b4c3d2',
);

function connection(retry: boolean, keyLog?: (line: string) => void) {
  return {
    client: new TlsClient({
      serverName: 'localhost',
      verifier,
      groups: [clientGroup],
      keyShareGroups: retry ? [] : undefined,
      random: new Uint8Array(32).fill(0xc1),
      legacySessionId: new Uint8Array(32).fill(0x5e),
      keyLog,
    }),
    server: new TlsServer({
      credential,
      groups: [serverGroup],
      random: new Uint8Array(32).fill(0x5f),
      helloRetryCookie: false,
      keyLog,
    }),
  };
}

/** Where one handshake message sits: which record of which direction, and its bytes there. */
interface Target {
  direction: 'toServer' | 'toClient';
  record: number;
  /** Offset of the message in the record's content. */
  offset: number;
  length: number;
  name: string;
  /** Secret protecting the record (undefined: plaintext). */
  secret: Uint8Array | undefined;
}

const protection = (secret: Uint8Array) => {
  const { key, iv } = trafficKeys(TLS_AES_128_GCM_SHA256.hash, secret, 16, 12);
  return new RecordProtection(TLS_AES_128_GCM_SHA256, key, iv);
};

/** Runs once, honestly, and maps every handshake message to its record. */
function layout(retry: boolean): Target[] {
  const secrets = new Map<string, Uint8Array>();
  const { client, server } = connection(retry, (line) => {
    const [label, , secret] = line.split(' ');
    secrets.set(label, hex(secret));
  });
  const result = pump(client, server);
  expect([client.established, server.established]).toEqual([true, true]);
  const targets: Target[] = [];
  for (const direction of ['toServer', 'toClient'] as const) {
    const label =
      direction === 'toServer'
        ? 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'
        : 'SERVER_HANDSHAKE_TRAFFIC_SECRET';
    result[direction].forEach((bytes, record) => {
      const reader = new RecordReader();
      reader.push(bytes);
      const parsed = reader.next()!;
      if (parsed.type === CONTENT_TYPE.change_cipher_spec) return;
      const secret =
        parsed.type === CONTENT_TYPE.application_data ? secrets.get(label)! : undefined;
      const content =
        secret === undefined ? parsed.fragment : protection(secret).open(parsed).content;
      for (let offset = 0; offset < content.length; ) {
        const length =
          4 + ((content[offset + 1] << 16) | (content[offset + 2] << 8) | content[offset + 3]);
        targets.push({
          direction,
          record,
          offset,
          length,
          name: handshakeTypeName(content[offset]),
          secret,
        });
        offset += length;
      }
    });
  }
  return targets;
}

/** A wire that flips byte `index` of the target message (re-encrypting when needed). */
function flipper(target: Target, index: number): Wire {
  const seen = { toServer: 0, toClient: 0 };
  return (direction, bytes) => {
    if (direction !== target.direction || seen[direction]++ !== target.record) return bytes;
    if (target.secret === undefined) {
      const out = bytes.slice();
      out[5 + target.offset + index] ^= 0xff;
      return out;
    }
    const reader = new RecordReader();
    reader.push(bytes);
    const opened = protection(target.secret).open(reader.next()!);
    const content = opened.content.slice();
    content[target.offset + index] ^= 0xff;
    return protection(target.secret).seal(opened.type, content);
  };
}

function flipEveryByte(retry: boolean, only?: string[]) {
  const targets = layout(retry).filter((t) => only === undefined || only.includes(t.name));
  const alerts = new Map<string, number>();
  let runs = 0;
  let stalls = 0;
  for (const target of targets) {
    for (let index = 0; index < target.length; index++) {
      const { client, server } = connection(retry);
      const result = pump(client, server, { wire: flipper(target, index) });
      runs++;
      const refusal = [result.clientError, result.serverError].find(
        (e): e is TlsError =>
          e instanceof TlsError && e.origin === 'local' && e.alertRecord !== undefined,
      );
      const completed = client.established && server.established;
      if (completed) throw new Error(`flipping byte ${index} of ${target.name} went unnoticed`);
      if (refusal !== undefined) {
        alerts.set(refusal.alert!, (alerts.get(refusal.alert!) ?? 0) + 1);
        continue;
      }
      // A larger length in the message header makes the receiver wait for bytes that never
      // come: the handshake stalls until the transport gives up (its handshake timeout), and
      // the end of the stream is then reported as a failure.
      if (index < 1 || index > 3)
        throw new Error(`flipping byte ${index} of ${target.name} was not refused with an alert`);
      const waiting = target.direction === 'toServer' ? server : client;
      expect(() => waiting.receiveEnd()).toThrow(/during the handshake/);
      stalls++;
    }
  }
  return { targets: targets.map((t) => t.name), runs, alerts, stalls };
}

describe('every byte of every handshake message flipped is refused with an alert', () => {
  it('a full handshake: ClientHello … client Finished', () => {
    const { targets, runs, alerts } = flipEveryByte(false);
    expect(targets).toEqual([
      'client_hello',
      'finished',
      'server_hello',
      'encrypted_extensions',
      'certificate',
      'certificate_verify',
      'finished',
    ]);
    expect(runs).toBeGreaterThan(700);
    // the refusals come from all the layers: parsing, negotiation, keys, signature, Finished
    expect([...alerts.keys()]).toEqual(
      expect.arrayContaining([
        'decode_error',
        'illegal_parameter',
        'bad_record_mac',
        'decrypt_error',
      ]),
    );
  });

  it('a HelloRetryRequest handshake: ClientHello1, HelloRetryRequest, ClientHello2', () => {
    const { targets, runs } = flipEveryByte(true, ['client_hello', 'server_hello']);
    expect(targets).toEqual(['client_hello', 'client_hello', 'server_hello', 'server_hello']);
    expect(runs).toBeGreaterThan(400);
  });
});
