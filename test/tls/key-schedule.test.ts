/**
 * The TLS 1.3 key schedule (RFC 8446 §7) against RFC 8448: every secret, key, IV and Finished
 * value of §3 from its printed shared secret and messages (HKDF and SHA-256 only), and the
 * §5 schedule, whose transcript starts with the message_hash substitution of §4.4.1.
 */
import { bytesToHex, concatBytes } from '../../src/bytes/index';
import { sha256 } from '../../src/hash/sha256';
import {
  deriveSecret,
  finishedKey,
  finishedVerifyData,
  hkdfExpandLabel,
  KeySchedule,
  nextTrafficSecret,
  type SecretName,
  trafficKeys,
} from '../../src/tls/key-schedule';
import { Transcript } from '../../src/tls/transcript';
import { SECTION_3, SECTION_5 } from './rfc8448-vectors';
import { sha384 } from '../../src/hash/sha512';
import { hex } from './support';

const h = (bytes: Uint8Array) => bytesToHex(bytes);

describe('RFC 8448 §3: the key schedule from the printed shared secret', () => {
  const v = SECTION_3;
  const transcript = new Transcript();
  transcript.useHash(sha256);
  const hashes: Uint8Array[] = [];
  for (const message of [
    v.clientHello,
    v.serverHello,
    v.encryptedExtensions,
    v.certificate,
    v.certificateVerify,
    v.serverFinished,
    v.clientFinished,
  ]) {
    transcript.add(hex(message));
    hashes.push(transcript.hash());
  }
  const [
    ,
    hashToServerHello,
    ,
    ,
    hashToCertificateVerify,
    hashToServerFinished,
    hashToClientFinished,
  ] = hashes;
  const seen = new Map<SecretName, string>();
  const schedule = new KeySchedule(sha256, (name, secret) => seen.set(name, h(secret)));
  const handshake = schedule.handshake(hex(v.sharedSecret), hashToServerHello);
  const application = schedule.application(hashToServerFinished);
  const resumption = schedule.resumption(hashToClientFinished);

  it('transcript hashes', () => {
    expect(h(hashToServerHello)).toBe(v.hashClientHelloToServerHello);
    expect(h(hashToServerFinished)).toBe(v.hashClientHelloToServerFinished);
    expect(h(hashToClientFinished)).toBe(v.hashClientHelloToClientFinished);
  });

  it('early, handshake and master secrets, and the two "derived" salts', () => {
    expect(seen.get('early_secret')).toBe(v.earlySecret);
    expect(seen.get('handshake_secret')).toBe(v.handshakeSecret);
    expect(seen.get('master_secret')).toBe(v.masterSecret);
    const empty = sha256(new Uint8Array(0));
    expect(h(deriveSecret(sha256, hex(v.earlySecret), 'derived', empty))).toBe(
      v.derivedForHandshake,
    );
    expect(h(deriveSecret(sha256, hex(v.handshakeSecret), 'derived', empty))).toBe(
      v.derivedForMaster,
    );
  });

  it('traffic secrets, exporter and resumption master secrets', () => {
    expect(h(handshake.client)).toBe(v.clientHandshakeTrafficSecret);
    expect(h(handshake.server)).toBe(v.serverHandshakeTrafficSecret);
    expect(h(application.client)).toBe(v.clientApplicationTrafficSecret);
    expect(h(application.server)).toBe(v.serverApplicationTrafficSecret);
    expect(seen.get('exporter_master_secret')).toBe(v.exporterMasterSecret);
    expect(h(resumption)).toBe(v.resumptionMasterSecret);
    // §4.6.1: the PSK of the ticket with nonce 00 00
    expect(h(hkdfExpandLabel(sha256, resumption, 'resumption', hex('0000'), 32))).toBe(
      v.resumption,
    );
  });

  it('traffic keys and IVs (§7.3)', () => {
    const keys = (secret: Uint8Array) => trafficKeys(sha256, secret, 16, 12);
    expect(h(keys(handshake.server).key)).toBe(v.serverHandshakeKey);
    expect(h(keys(handshake.server).iv)).toBe(v.serverHandshakeIv);
    expect(h(keys(handshake.client).key)).toBe(v.clientHandshakeKey);
    expect(h(keys(handshake.client).iv)).toBe(v.clientHandshakeIv);
    expect(h(keys(application.server).key)).toBe(v.serverApplicationKey);
    expect(h(keys(application.server).iv)).toBe(v.serverApplicationIv);
    expect(h(keys(application.client).key)).toBe(v.clientApplicationKey);
    expect(h(keys(application.client).iv)).toBe(v.clientApplicationIv);
  });

  it('finished keys and verify_data (§4.4.4)', () => {
    expect(h(finishedKey(sha256, handshake.server))).toBe(v.serverFinishedKey);
    expect(h(finishedVerifyData(sha256, handshake.server, hashToCertificateVerify))).toBe(
      v.serverVerifyData,
    );
    expect(h(finishedKey(sha256, handshake.client))).toBe(v.clientFinishedKey);
    expect(h(finishedVerifyData(sha256, handshake.client, hashToServerFinished))).toBe(
      v.clientVerifyData,
    );
    expect(v.serverFinished).toBe(`14000020${v.serverVerifyData}`);
    expect(v.clientFinished).toBe(`14000020${v.clientVerifyData}`);
  });

  it('reports each secret once, in order', () => {
    expect([...seen.keys()]).toEqual([
      'early_secret',
      'handshake_secret',
      'client_handshake_traffic_secret',
      'server_handshake_traffic_secret',
      'master_secret',
      'client_application_traffic_secret_0',
      'server_application_traffic_secret_0',
      'exporter_master_secret',
      'resumption_master_secret',
    ]);
  });

  it('refuses stages out of order', () => {
    const fresh = new KeySchedule(sha256);
    expect(() => fresh.application(hashToServerFinished)).toThrow(/out of order/);
    expect(() => fresh.resumption(hashToServerFinished)).toThrow(/out of order/);
    expect(() => fresh.exportKeyingMaterial('x', new Uint8Array(0), 32)).toThrow(/exporter/);
    fresh.handshake(hex(v.sharedSecret), hashToServerHello);
    expect(() => fresh.handshake(hex(v.sharedSecret), hashToServerHello)).toThrow(/out of order/);
  });
});

describe('RFC 8448 §5: the schedule after a HelloRetryRequest (message_hash, §4.4.1)', () => {
  const v = SECTION_5;
  it('ClientHello1 is replaced by message_hash(Hash(ClientHello1)) in the transcript', () => {
    const transcript = new Transcript();
    transcript.add(hex(v.clientHello1)); // before the suite (and so the hash) is known
    transcript.useHash(sha256);
    transcript.replaceWithMessageHash();
    transcript.add(hex(v.helloRetryRequest));
    transcript.add(hex(v.clientHello2));
    transcript.add(hex(v.serverHello));
    const digest = sha256(hex(v.clientHello1));
    const expected = sha256(
      concatBytes(
        hex('fe000020'),
        digest,
        hex(v.helloRetryRequest),
        hex(v.clientHello2),
        hex(v.serverHello),
      ),
    );
    expect(h(transcript.hash())).toBe(h(expected));
    const schedule = new KeySchedule(sha256);
    const handshake = schedule.handshake(hex(v.sharedSecret), transcript.hash());
    expect(h(handshake.client)).toBe(v.clientHandshakeTrafficSecret);
    expect(h(handshake.server)).toBe(v.serverHandshakeTrafficSecret);
    for (const message of [
      v.encryptedExtensions,
      v.certificate,
      v.certificateVerify,
      v.serverFinished,
    ])
      transcript.add(hex(message));
    const application = schedule.application(transcript.hash());
    expect(h(application.client)).toBe(v.clientApplicationTrafficSecret);
    expect(h(application.server)).toBe(v.serverApplicationTrafficSecret);
    transcript.add(hex(v.clientFinished));
    expect(h(schedule.resumption(transcript.hash()))).toBe(v.resumptionMasterSecret);
  });

  it('the substitution needs the hash and exactly one message', () => {
    const transcript = new Transcript();
    transcript.add(hex(v.clientHello1));
    expect(() => transcript.replaceWithMessageHash()).toThrow(/message_hash/);
    expect(() => transcript.hash()).toThrow(/not chosen/);
    transcript.useHash(sha256);
    expect(() => transcript.useHash(sha256)).toThrow(/already/);
    transcript.add(hex(v.helloRetryRequest));
    expect(() => transcript.replaceWithMessageHash()).toThrow(/message_hash/);
  });
});

describe('HKDF-Expand-Label details', () => {
  it('encodes HkdfLabel as RFC 8448 prints it ("key", "iv", "finished" info)', () => {
    // RFC 8448 §3 prints the HkdfLabel ("info") of each expansion; HKDF-Expand of the same
    // secret with that info must give the same output.
    const secret = hex(SECTION_3.serverHandshakeTrafficSecret);
    expect(h(hkdfExpandLabel(sha256, secret, 'key', new Uint8Array(0), 16))).toBe(
      SECTION_3.serverHandshakeKey,
    );
  });

  it('refuses labels or contexts above 255 bytes', () => {
    const secret = new Uint8Array(32);
    expect(() => hkdfExpandLabel(sha256, secret, 'x'.repeat(250), new Uint8Array(0), 32)).toThrow(
      RangeError,
    );
    expect(() => hkdfExpandLabel(sha256, secret, 'k', new Uint8Array(256), 32)).toThrow(RangeError);
  });

  it('KeyUpdate: "traffic upd" (§7.2), chained', () => {
    const s0 = hex(SECTION_3.clientApplicationTrafficSecret);
    const s1 = nextTrafficSecret(sha256, s0);
    expect(h(s1)).toBe(h(hkdfExpandLabel(sha256, s0, 'traffic upd', new Uint8Array(0), 32)));
    expect(h(nextTrafficSecret(sha256, s1))).not.toBe(h(s1));
  });

  it('is generic in the hash: SHA-384 gives 48-byte secrets (the 0x1302 row)', () => {
    const schedule = new KeySchedule(sha384);
    const secrets = schedule.handshake(new Uint8Array(32), sha384(new Uint8Array(0)));
    expect(secrets.client.length).toBe(48);
    expect(trafficKeys(sha384, secrets.client, 32, 12).key.length).toBe(32);
  });
});
