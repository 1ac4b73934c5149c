/**
 * The tutorial protocol (src/channel/tutorial-channel.ts, docs/PROTOCOL.md §1) in memory:
 * key derivation checked against node:crypto (ECDH + hkdfSync with empty salt and info, which
 * is what pyca's HKDF(salt=None, info=None) computes), record layout checked by decrypting with
 * node:crypto, and every tampered byte refused.
 */
import * as crypto from 'node:crypto';
import {
  TUTORIAL_MAX_MESSAGE,
  TUTORIAL_MAX_PEM,
  TUTORIAL_MAX_RECORDS,
  TutorialChannel,
} from '../../src/channel/tutorial-channel.js';
import { CryptoError } from '../../src/errors.js';
import { PrivateKey } from '../../src/keys/private-key.js';

const dA = Buffer.from('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721', 'hex');
const dB = Buffer.from('7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534', 'hex');

function pair(a = new TutorialChannel(), b = new TutorialChannel()) {
  const [pemA] = a.start();
  const [pemB] = b.start();
  expect(a.receive(pemB).messages).toEqual([]);
  expect(b.receive(pemA).messages).toEqual([]);
  return { a, b, pemA, pemB };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CryptoError ? error.code : (error as Error).name;
  }
  return undefined;
}

describe('tutorial protocol', () => {
  it('derives key = HKDF-SHA256(ECDH x-coordinate, no salt, no info, 32) on both sides', () => {
    const { a, b, pemA } = pair(
      new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) }),
      new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) }),
    );
    expect(a.established && b.established).toBe(true);
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(dA);
    const other = crypto.createECDH('prime256v1');
    other.setPrivateKey(dB);
    const z = ecdh.computeSecret(other.getPublicKey());
    const expected = Buffer.from(
      crypto.hkdfSync('sha256', z, Buffer.alloc(0), Buffer.alloc(0), 32),
    );
    expect(Buffer.from(a.key!)).toEqual(expected);
    expect(Buffer.from(b.key!)).toEqual(expected);
    // The PEM is exactly what node (and Python's cryptography) writes for SPKI.
    const nodePem = crypto
      .createPublicKey(
        crypto.createPrivateKey({
          key: {
            kty: 'EC',
            crv: 'P-256',
            d: dA.toString('base64url'),
            x: ecdh.getPublicKey().subarray(1, 33).toString('base64url'),
            y: ecdh.getPublicKey().subarray(33).toString('base64url'),
          },
          format: 'jwk',
        }),
      )
      .export({ type: 'spki', format: 'pem' });
    expect(Buffer.from(pemA).toString()).toBe(nodePem);
  });

  it('frames records as u32(L) ‖ nonce ‖ AES-256-GCM ciphertext ‖ tag, AAD empty', () => {
    const { a, b } = pair();
    const message = Buffer.from('hello, Bob');
    const record = Buffer.from(a.seal(message));
    expect(record.readUInt32BE(0)).toBe(12 + message.length + 16);
    const nonce = record.subarray(4, 16);
    const decipher = crypto.createDecipheriv('aes-256-gcm', a.key!, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    expect(
      Buffer.concat([decipher.update(record.subarray(16, record.length - 16)), decipher.final()]),
    ).toEqual(message);
    expect(b.receive(record).messages).toEqual([new Uint8Array(message)]);
    // a record built by node:crypto is accepted
    const nonce2 = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', b.key!, nonce2);
    const body = Buffer.concat([
      nonce2,
      cipher.update('from node'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    expect(Buffer.from(a.receive(Buffer.concat([header, body])).messages[0]).toString()).toBe(
      'from node',
    );
  });

  it('works byte by byte, and with the PEM and records in one chunk', () => {
    const a = new TutorialChannel();
    const b = new TutorialChannel();
    const [pemA] = a.start();
    const [pemB] = b.start();
    for (const byte of pemB) a.receive(Uint8Array.of(byte));
    b.receive(pemA);
    expect(a.established).toBe(true);
    const c = new TutorialChannel();
    const [pemC] = c.start();
    const d = new TutorialChannel();
    const [pemD] = d.start();
    d.receive(pemC);
    const joined = Buffer.concat([pemD, d.seal(Buffer.from('one')), d.seal(Buffer.from('two'))]);
    expect(c.receive(joined).messages.map((m) => Buffer.from(m).toString())).toEqual([
      'one',
      'two',
    ]);
  });

  it('refuses every tampered byte of the PEM (at once, or at the first record)', () => {
    const a = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) });
    const [pemA] = a.start();
    let refusedAtOnce = 0;
    for (let position = 0; position < pemA.length; position++) {
      const b = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) });
      b.start();
      const tampered = pemA.slice();
      tampered[position] ^= 0x01;
      const code = codeOf(() => b.receive(tampered));
      if (code !== undefined) {
        refusedAtOnce++;
        continue;
      }
      // Accepted as some other key (or still waiting for an END line): a's record must not open.
      const sender = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) });
      sender.start();
      sender.receive(new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) }).start()[0]); // the genuine key
      const record = sender.seal(Buffer.from('secret'));
      let delivered: Uint8Array[] = [];
      const code2 = codeOf(() => (delivered = b.receive(record).messages));
      expect({ position, delivered: delivered.length, code2: code2 ?? 'none' }).toEqual({
        position,
        delivered: 0,
        code2: expect.any(String),
      });
    }
    expect(refusedAtOnce).toBeGreaterThan(pemA.length / 2);
  });

  it('refuses every tampered byte of a record, a replay and a reflection', () => {
    const { a, b } = pair();
    const record = a.seal(Buffer.from('attack at dawn'));
    for (let position = 0; position < record.length; position++) {
      const probe = pair(); // a channel that saw a forgery is dead: each forgery gets a fresh pair
      const genuine = probe.a.seal(Buffer.from('attack at dawn'));
      const forged = genuine.slice();
      forged[position] ^= 0x80 >> (position % 8);
      let delivered: Uint8Array[] = [];
      codeOf(() => (delivered = probe.b.receive(forged).messages));
      expect({ position, delivered: delivered.length }).toEqual({ position, delivered: 0 });
    }
    expect(b.receive(record).messages.length).toBe(1);
    expect(codeOf(() => b.receive(record))).toBe('AUTH_FAILED'); // replay
    const other = pair();
    const mine = other.a.seal(Buffer.from('reflect me'));
    expect(codeOf(() => other.a.receive(mine))).toBe('AUTH_FAILED'); // reflection
  });

  it('enforces the limits: 1 KiB of PEM, L ≥ 28, L ≤ max + 28, RangeError at seal', () => {
    const a = new TutorialChannel();
    a.start();
    const noEnd = new Uint8Array(TUTORIAL_MAX_PEM).fill(0x41);
    noEnd.set(Buffer.from('-----BEGIN PUBLIC KEY-----\n'));
    expect(codeOf(() => a.receive(noEnd))).toBe('LIMIT_EXCEEDED');
    const { a: a2, b: b2 } = pair();
    expect(codeOf(() => b2.receive(Uint8Array.of(0, 0, 0, 27)))).toBe('PROTOCOL_ERROR');
    const { b: b3 } = pair();
    const over = TUTORIAL_MAX_MESSAGE + 29;
    expect(
      codeOf(() =>
        b3.receive(Uint8Array.of(over >>> 24, (over >>> 16) & 255, (over >>> 8) & 255, over & 255)),
      ),
    ).toBe('LIMIT_EXCEEDED');
    expect(() => a2.seal(new Uint8Array(TUTORIAL_MAX_MESSAGE + 1))).toThrow(RangeError);
    const small = pair(new TutorialChannel(), new TutorialChannel({ maxMessageLength: 10 }));
    expect(codeOf(() => small.b.receive(small.a.seal(new Uint8Array(11))))).toBe('LIMIT_EXCEEDED');
    expect(() => new TutorialChannel({ maxMessageLength: 0 })).toThrow(RangeError);
  });

  it('carries a record of exactly the maximum size, both at the default and at a set limit', () => {
    // Mutation survivor: `length > max + 28` → `>=` refused the largest legal record.
    const { a, b } = pair();
    const largest = new Uint8Array(TUTORIAL_MAX_MESSAGE).map((_, i) => i & 0xff);
    const record = a.seal(largest);
    expect(record.length).toBe(4 + 12 + TUTORIAL_MAX_MESSAGE + 16);
    const received = b.receive(record).messages;
    expect(received.length).toBe(1);
    expect(Buffer.compare(received[0], largest)).toBe(0); // (toEqual on 1 MiB is slow)
    const small = pair(new TutorialChannel(), new TutorialChannel({ maxMessageLength: 10 }));
    const ten = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    expect(small.b.receive(small.a.seal(ten)).messages).toEqual([ten]);
    expect(codeOf(() => small.b.receive(small.a.seal(new Uint8Array(11))))).toBe('LIMIT_EXCEEDED');
  });

  it('refuses, from the first byte on, anything that cannot begin a PEM public key (another protocol)', () => {
    // A Noise frame begins with its length's high byte, 0x00; HTTP with a letter.
    for (const first of [
      Uint8Array.of(0x00),
      Buffer.from('GET / HTTP/1.1'),
      Buffer.from(' \r\n-----BEGIN PRIVATE'),
    ]) {
      const a = new TutorialChannel();
      a.start();
      let error: unknown;
      try {
        a.receive(first);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CryptoError);
      expect((error as CryptoError).code).toBe('INVALID_ENCODING');
      expect((error as Error).message).toMatch(
        /where a PEM public key .* begins: it may speak another protocol/,
      );
    }
    // Blank lines, spaces and a PEM arriving one byte at a time are fine.
    const a = new TutorialChannel();
    const b = new TutorialChannel();
    a.start();
    const pem = Buffer.concat([Buffer.from('\r\n \t\n'), Buffer.from(b.start()[0])]);
    for (let i = 0; i < pem.length; i++) a.receive(pem.subarray(i, i + 1));
    expect(a.established).toBe(true);
  });

  it('refuses an invalid point in the PEM', () => {
    const a = new TutorialChannel();
    a.start();
    // SPKI for P-256 with the point (1, 1), not on the curve
    const der = Buffer.concat([
      Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
      Buffer.of(4),
      Buffer.alloc(31),
      Buffer.of(1),
      Buffer.alloc(31),
      Buffer.of(1),
    ]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;
    expect(['INVALID_POINT', 'INVALID_ENCODING']).toContain(
      codeOf(() => a.receive(Buffer.from(pem))),
    );
    expect(codeOf(() => a.receive(new Uint8Array(1)))).toBe('PROTOCOL_ERROR');
  });

  it('refuses an X25519 public key in the PEM, and an X25519 private key (P-256 only)', () => {
    const a = new TutorialChannel();
    a.start();
    const x25519 = PrivateKey.generate({ curve: 'X25519' });
    expect(codeOf(() => a.receive(Buffer.from(x25519.publicKey.toPem())))).toBe('INVALID_ENCODING');
    expect(() => new TutorialChannel({ privateKey: x25519 })).toThrow(/P-256 only/);
  });

  it('caps a connection at TUTORIAL_MAX_RECORDS records each way; replay and reflection stay refused', () => {
    expect(TUTORIAL_MAX_RECORDS).toBe(1 << 14);
    const { a, b } = pair();
    const empty = new Uint8Array(0);
    expect(b.receive(a.seal(empty)).messages.length).toBe(1);
    const mine = b.seal(empty);
    for (let i = 1; i < TUTORIAL_MAX_RECORDS; i++) {
      b.receive(a.seal(empty));
      b.seal(empty);
    }
    // b has received and sent the maximum: one more either way is LIMIT_EXCEEDED
    expect(() => b.seal(empty)).toThrow(
      expect.objectContaining({
        code: 'LIMIT_EXCEEDED',
        message: 'tutorial: record limit of this connection reached',
      }),
    );
    expect(() => a.seal(empty)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' })); // a sent MAX too
    const fresh = pair();
    for (let i = 0; i < 3000; i++) fresh.b.receive(fresh.a.seal(empty)); // the nonce table has grown several times
    const replayed = fresh.a.seal(Buffer.from('once'));
    fresh.b.receive(replayed);
    for (let i = 0; i < 3000; i++) fresh.b.receive(fresh.a.seal(empty));
    expect(codeOf(() => fresh.b.receive(replayed))).toBe('AUTH_FAILED');
    const fresh2 = pair();
    const reflected = fresh2.b.seal(empty);
    for (let i = 0; i < 3000; i++) fresh2.b.receive(fresh2.a.seal(empty));
    expect(codeOf(() => fresh2.b.receive(reflected))).toBe('AUTH_FAILED');
    // at the cap b still remembers its first nonce: the reflection is refused before the count
    expect(codeOf(() => b.receive(mine))).toBe('AUTH_FAILED');
  });

  it('refuses the record past the cap on receive', () => {
    const { a, b } = pair();
    const empty = new Uint8Array(0);
    // a sender that bypasses its own cap: records sealed by a second channel with the same key
    const records: Uint8Array[] = [];
    for (let i = 0; i < TUTORIAL_MAX_RECORDS; i++) records.push(a.seal(empty));
    const key = a.key!;
    for (const record of records) b.receive(record);
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
    cipher.final();
    const body = Buffer.concat([nonce, cipher.getAuthTag()]);
    expect(() => b.receive(Buffer.concat([Buffer.of(0, 0, 0, body.length), body]))).toThrow(
      expect.objectContaining({
        code: 'LIMIT_EXCEEDED',
        message: 'tutorial: record limit of this connection reached',
      }),
    );
  });

  it('accepts a PEM with CRLF line ends (RFC 7468 allows them); refuses other bytes after the END marker at once', () => {
    const a = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) });
    const [pemA] = a.start();
    const crlf = Buffer.from(Buffer.from(pemA).toString().replace(/\n/g, '\r\n'));
    const b = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) });
    const [pemB] = b.start();
    a.receive(pemB);
    // split just after "-----END PUBLIC KEY-----" and after its "\r": still waiting
    const cut = crlf.length - 2;
    expect(b.receive(crlf.subarray(0, cut)).messages).toEqual([]);
    expect(b.established).toBe(false);
    expect(b.receive(crlf.subarray(cut, cut + 1)).messages).toEqual([]);
    expect(b.established).toBe(false);
    const record = a.seal(Buffer.from('over CRLF'));
    expect(
      b
        .receive(Buffer.concat([crlf.subarray(cut + 1), record]))
        .messages.map((m) => Buffer.from(m).toString()),
    ).toEqual(['over CRLF']);
    expect(Buffer.from(b.key!)).toEqual(Buffer.from(a.key!));
    for (const tail of ['X', ' \n', '\rX', '\r\r\n']) {
      const c = new TutorialChannel();
      c.start();
      const text = Buffer.from(pemA)
        .toString()
        .replace(/-----\n$/, `-----${tail}`);
      expect(codeOf(() => c.receive(Buffer.from(text)))).toBe('INVALID_ENCODING');
    }
  });

  it('reads what PROTOCOL.md §1.1 promises: a compressed point, blank lines, short body lines', () => {
    const a = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) });
    const [pemA] = a.start();
    const b = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) });
    b.start();
    // SPKI with the 33-byte compressed point of b's key (RFC 5480 §2.2 allows it)
    const compressed = b.publicKey.toRaw({ compressed: true });
    const der = Buffer.concat([
      Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'),
      compressed,
    ]);
    const body = der.toString('base64').replace(/.{20}/g, '$&\n');
    const pem = `\n-----BEGIN PUBLIC KEY-----\n${body}\n\n-----END PUBLIC KEY-----\n`;
    a.receive(Buffer.from(pem));
    expect(a.established).toBe(true);
    b.receive(pemA);
    expect(Buffer.from(a.key!)).toEqual(Buffer.from(b.key!));
  });
});

// Mutation testing (group channel-tutorial): every refusal's exact message, the option bounds at
// their exact values, the getters, and a record that arrives in pieces. Vectors: hand-built from
// the @throws and the limits of src/channel/tutorial-channel.ts.
describe('tutorial protocol: messages, bounds and partial input', () => {
  function refusal(fn: () => unknown): { name: string; code?: string; message: string } {
    try {
      fn();
    } catch (error) {
      const e = error as Error & { code?: string };
      return { name: e.name, code: e.code, message: e.message };
    }
    throw new Error('expected a throw');
  }
  const header = (length: number) =>
    Uint8Array.of(length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255);

  it('names itself, and checks its options at their bounds', () => {
    expect(new TutorialChannel().protocol).toBe('tutorial');
    expect(refusal(() => new TutorialChannel({ privateKey: {} as never }))).toEqual({
      name: 'TypeError',
      code: undefined,
      message: 'TutorialChannel: privateKey must be a PrivateKey',
    });
    const range = `TutorialChannel: maxMessageLength must be an integer in [1, ${TUTORIAL_MAX_MESSAGE}]`;
    for (const bad of [0, -1, 1.5, TUTORIAL_MAX_MESSAGE + 1, Number.NaN])
      expect(refusal(() => new TutorialChannel({ maxMessageLength: bad }))).toEqual({
        name: 'RangeError',
        code: undefined,
        message: range,
      });
    expect(new TutorialChannel({ maxMessageLength: 1 }).maxMessageLength).toBe(1);
    expect(new TutorialChannel({ maxMessageLength: TUTORIAL_MAX_MESSAGE }).maxMessageLength).toBe(
      TUTORIAL_MAX_MESSAGE,
    );
    const one = pair(new TutorialChannel(), new TutorialChannel({ maxMessageLength: 1 }));
    expect(one.b.receive(one.a.seal(Uint8Array.of(7))).messages).toEqual([Uint8Array.of(7)]);
  });

  it('exposes the peer key once received, the key as a copy, and the bytes still buffered', () => {
    const a = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dA) });
    const b = new TutorialChannel({ privateKey: PrivateKey.fromRaw(dB) });
    const [pemA] = a.start();
    const [pemB] = b.start();
    expect(a.peerPublicKey).toBeUndefined();
    expect(a.key).toBeUndefined();
    a.receive(pemB.subarray(0, 10));
    expect(a.bufferedLength).toBe(10);
    a.receive(pemB.subarray(10));
    expect(a.bufferedLength).toBe(0);
    expect(a.peerPublicKey!.toPem()).toBe(b.publicKey.toPem());
    b.receive(pemA);
    const key = a.key!;
    key.fill(0);
    expect(a.key).not.toEqual(key); // the caller's copy, not the channel's key
    expect(a.key).toEqual(b.key);
  });

  it('holds a record that arrives in pieces until its last byte, then opens it', () => {
    const { a, b } = pair();
    const record = a.seal(Buffer.from('in pieces'));
    for (let i = 0; i < record.length - 1; i++) {
      expect(b.receive(record.subarray(i, i + 1)).messages).toEqual([]);
      expect(b.bufferedLength).toBe(i + 1);
    }
    const last = b.receive(record.subarray(record.length - 1)).messages;
    expect(last.map((m) => Buffer.from(m).toString())).toEqual(['in pieces']);
    expect(b.bufferedLength).toBe(0);
  });

  it('refuses with exact messages: PEM end line, PEM length, PEM text, curve, record lengths, replay', () => {
    const fresh = () => {
      const c = new TutorialChannel();
      c.start();
      return c;
    };
    const pemText = Buffer.from(new TutorialChannel().start()[0]).toString();
    expect(
      refusal(() => fresh().receive(Buffer.from(pemText.replace(/-----\n$/, '-----X')))),
    ).toEqual({
      name: 'CryptoError',
      code: 'INVALID_ENCODING',
      message: 'tutorial: the peer PEM END line is not followed by a line end',
    });
    const noEnd = new Uint8Array(TUTORIAL_MAX_PEM).fill(0x41);
    noEnd.set(Buffer.from('-----BEGIN PUBLIC KEY-----\n'));
    expect(refusal(() => fresh().receive(noEnd))).toEqual({
      name: 'CryptoError',
      code: 'LIMIT_EXCEEDED',
      message: `tutorial: no PEM END line in the first ${TUTORIAL_MAX_PEM} bytes`,
    });
    // One byte short of the limit: still waiting for the END line.
    const waiting = fresh();
    expect(waiting.receive(noEnd.subarray(0, TUTORIAL_MAX_PEM - 1)).messages).toEqual([]);
    // A byte that is not UTF-8 inside the body (0xff): refused as text before it is parsed.
    const notText = Buffer.from(pemText.replace('\n', '\n\xff\n'), 'latin1');
    expect(refusal(() => fresh().receive(notText))).toEqual({
      name: 'CryptoError',
      code: 'INVALID_ENCODING',
      message: 'tutorial: the peer PEM is not text',
    });
    const x25519Pem = PrivateKey.generate({ curve: 'X25519' }).publicKey.toPem();
    expect(refusal(() => fresh().receive(Buffer.from(x25519Pem)))).toEqual({
      name: 'CryptoError',
      code: 'INVALID_ENCODING',
      message: 'tutorial: the peer sent an X25519 key; the tutorial protocol is P-256 only',
    });
    expect(refusal(() => pair().b.receive(header(27)))).toEqual({
      name: 'CryptoError',
      code: 'PROTOCOL_ERROR',
      message: 'tutorial: record length 27 is below the minimum of 28',
    });
    expect(refusal(() => pair().b.receive(header(TUTORIAL_MAX_MESSAGE + 29)))).toEqual({
      name: 'CryptoError',
      code: 'LIMIT_EXCEEDED',
      message: `tutorial: record length ${TUTORIAL_MAX_MESSAGE + 29} exceeds the limit`,
    });
    const { a, b } = pair();
    const record = a.seal(new Uint8Array(0));
    b.receive(record);
    expect(refusal(() => b.receive(record))).toEqual({
      name: 'CryptoError',
      code: 'AUTH_FAILED',
      message: 'tutorial: replayed or reflected record',
    });
  });

  it('names a first byte below 0x10 with two hex digits', () => {
    const a = new TutorialChannel();
    a.start();
    expect(refusal(() => a.receive(Uint8Array.of(0x05))).message).toBe(
      'tutorial: the peer sent byte 0x05 where a PEM public key ("-----BEGIN PUBLIC KEY-----") begins: it may speak another protocol',
    );
  });
});

// The survivors left in group channel-tutorial are equivalent:
// - `marker >= 0` → `> 0`: the END marker cannot start at offset 0, since assertPemStart has
//   already required "-----BEGIN" there ("-----E…" differs at its sixth byte).
// - `end < 0` → `end <= 0`: end is −1 or at least the marker's length plus one.
// - assertPemStart's `i < bytes.length` made true or `<=`: past the end bytes[i] is undefined,
//   which is not a blank, so the loop stops at the same i.
// - indexOf's `i + needle.length <= haystack.length` as `<` or with `−`: a marker ending exactly
//   at the end of the bytes read is followed by nothing, so #readPem waits either way (found with
//   no line end after it, or not found); `−` only runs extra passes that read past the end
//   (undefined never equals a marker byte).
