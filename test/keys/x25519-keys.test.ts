/**
 * X25519 keys in the one key API: `curve` on PrivateKey and PublicKey, the RFC 8410 PKCS#8 and
 * SPKI forms (DER and PEM), the RFC 8037 JWK, exchange, and the refusals for mixing curves.
 *
 * Vectors:
 *   - vectors/keys/x25519/: the X25519 PKCS#8 and SPKI files of Debian's
 *     python3-cryptography-vectors 38.0.4-1 (asymmetric/X25519/), checked against SHA256SUMS;
 *   - RFC 7748 §6.1 (Alice and Bob), inline;
 *   - a v2 OneAsymmetricKey (RFC 5958 §2, RFC 8410 §7) built from the Debian key pair;
 *   - fast-check against node:crypto (generateKeyPairSync('x25519'), KeyObject export in
 *     every format, diffieHellman), 1000 runs each.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '../../src/bytes/index.js';
import { sha256 } from '../../src/hash/sha256.js';
import {
  derBitString,
  derElement,
  derInteger,
  derOctetString,
  derSequence,
} from '../../src/keys/der.js';
import { generatePrivateKey, PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { encodeX25519Pkcs8 } from '../../src/keys/x25519-formats.js';
import { utf8ToBytes } from '../../src/bytes/index.js';
import { expectCryptoError } from '../support/errors';

const DIR = path.join(__dirname, '../../vectors/keys/x25519');
const read = (name: string): Buffer => fs.readFileSync(path.join(DIR, name));
const u8 = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

const X25519 = { curve: 'X25519' } as const;

describe('the Debian cryptography vectors (asymmetric/X25519)', () => {
  it('match SHA256SUMS', () => {
    const lines = read('SHA256SUMS').toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const [sum, name] = line.split(/\s+/);
      expect(bytesToHex(sha256(u8(read(name))))).toBe(sum);
    }
  });

  it('x25519-pkcs8.{der,pem} load as X25519 keys and are written back byte for byte', () => {
    const der = u8(read('x25519-pkcs8.der'));
    const pem = read('x25519-pkcs8.pem').toString('utf8');
    const fromDer = PrivateKey.fromDer(der);
    const fromPem = PrivateKey.fromPem(pem);
    expect(fromDer.curve).toBe('X25519');
    expect(fromPem.curve).toBe('X25519');
    expect(fromDer.toDer()).toEqual(der);
    expect(fromPem.toPem()).toBe(pem);
    expect(bytesToHex(fromDer.toRaw())).toBe(
      'b8ca0426d44badbf6d8749f4459804459d7177769689cbc1d6456d08de843667',
    );
  });

  it('x25519-pub.{der,pem} load as X25519 public keys, and are the public key of the PKCS#8 file', () => {
    const der = u8(read('x25519-pub.der'));
    const pem = read('x25519-pub.pem').toString('utf8');
    const key = PublicKey.fromDer(der);
    expect(key.curve).toBe('X25519');
    expect(key.toDer()).toEqual(der);
    expect(PublicKey.fromPem(pem).toPem()).toBe(pem);
    expect(bytesToHex(key.toRaw())).toBe(
      'a7042297f056097fde52321e171625db7ebc7fe57ab5a32e391f21141eaeac52',
    );
    expect(PrivateKey.fromDer(u8(read('x25519-pkcs8.der'))).publicKey.equals(key)).toBe(true);
  });

  it('x25519-pkcs8-enc.pem (encrypted PKCS#8) is refused', () => {
    expectCryptoError(
      () => PrivateKey.fromPem(read('x25519-pkcs8-enc.pem').toString('utf8')),
      'INVALID_ENCODING',
      /encrypted/,
    );
  });
});

describe('RFC 7748 §6.1 through key objects', () => {
  const alice = PrivateKey.fromRaw(
    hexToBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
    X25519,
  );
  const bob = PrivateKey.fromRaw(
    hexToBytes('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'),
    X25519,
  );
  it('gives the public keys and the shared secret of the RFC', () => {
    expect(bytesToHex(alice.publicKey.toRaw())).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(bytesToHex(bob.publicKey.toRaw())).toBe(
      'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
    );
    const K = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    expect(bytesToHex(alice.exchange(bob.publicKey))).toBe(K);
    expect(bytesToHex(bob.exchange(PublicKey.fromPem(alice.publicKey.toPem())))).toBe(K);
  });
});

describe('a v2 private key with its public key (RFC 5958 §2, RFC 8410 §7)', () => {
  // The Debian vector pair (x25519-pkcs8.der, x25519-pub.der) in a version-1 structure with
  // the [1] IMPLICIT BIT STRING publicKey.
  const k = hexToBytes('b8ca0426d44badbf6d8749f4459804459d7177769689cbc1d6456d08de843667');
  const u = hexToBytes('a7042297f056097fde52321e171625db7ebc7fe57ab5a32e391f21141eaeac52');
  const v2 = (publicKey: Uint8Array) =>
    derSequence(
      derInteger(1n),
      derSequence(hexToBytes('06032b656e')),
      derOctetString(derOctetString(k)),
      derElement(0x81, Uint8Array.of(0, ...publicKey)),
    );
  it('reads it, checks the public key, and writes v1 back', () => {
    const key = PrivateKey.fromDer(v2(u));
    expect(key.publicKey.toRaw()).toEqual(u);
    expect(key.toDer()).toEqual(encodeX25519Pkcs8(k));
  });
  it('refuses a public key that does not match', () => {
    const wrong = u.slice();
    wrong[0] ^= 1;
    expectCryptoError(() => PrivateKey.fromDer(v2(wrong)), 'INVALID_ENCODING', /does not match/);
  });
});

describe('refusals', () => {
  const key = generatePrivateKey(X25519);
  const p256 = generatePrivateKey();

  it('exchange refuses a key of the other curve, both ways (CURVE_MISMATCH)', () => {
    expectCryptoError(() => key.exchange(p256.publicKey), 'CURVE_MISMATCH', /X25519.*P-256/);
    expectCryptoError(() => p256.exchange(key.publicKey), 'CURVE_MISMATCH', /P-256.*X25519/);
  });

  it('ECDSA refuses X25519 keys (CURVE_MISMATCH)', () => {
    const message = utf8ToBytes('hello');
    expectCryptoError(() => key.sign(message), 'CURVE_MISMATCH', /ecdsa/);
    expectCryptoError(() => key.signDigest(sha256(message)), 'CURVE_MISMATCH');
    const signature = p256.sign(message);
    expectCryptoError(() => key.publicKey.verify(message, signature), 'CURVE_MISMATCH');
    expectCryptoError(
      () => key.publicKey.verifyDigest(sha256(message), signature),
      'CURVE_MISMATCH',
    );
    expectCryptoError(() => key.publicKey.point, 'CURVE_MISMATCH');
  });

  it('keeps refusing the all-zero shared secret (small-order keys: INVALID_POINT)', () => {
    for (const u of [
      '00',
      '01',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ]) {
      const bytes = hexToBytes(u.padEnd(64, '0'));
      const peer = PublicKey.fromRaw(bytes, X25519); // any 32 bytes are a key, as in node and OpenSSL
      expectCryptoError(() => key.exchange(peer), 'INVALID_POINT', /all zeros/);
    }
  });

  it('refuses malformed encodings (INVALID_ENCODING)', () => {
    const good = key.toDer();
    const spki = key.publicKey.toDer();
    const cases: [string, () => unknown][] = [
      [
        'pkcs8 with parameters',
        () =>
          PrivateKey.fromDer(
            hexToBytes(
              bytesToHex(good)
                .replace('300506032b656e', '300706032b656e0500')
                .replace('302e', '3030'),
            ),
          ),
      ],
      [
        'pkcs8 with a 31-byte key',
        () =>
          PrivateKey.fromDer(
            derSequence(
              derInteger(0n),
              derSequence(hexToBytes('06032b656e')),
              derOctetString(derOctetString(new Uint8Array(31))),
            ),
          ),
      ],
      [
        'pkcs8 v1 with a public key',
        () =>
          PrivateKey.fromDer(
            derSequence(
              derInteger(0n),
              derSequence(hexToBytes('06032b656e')),
              derOctetString(derOctetString(key.toRaw())),
              derElement(0x81, Uint8Array.of(0, ...key.publicKey.toRaw())),
            ),
          ),
      ],
      [
        'pkcs8 version 2',
        () => PrivateKey.fromDer(hexToBytes(bytesToHex(good).replace('302e020100', '302e020102'))),
      ],
      [
        'pkcs8 with attributes',
        () =>
          PrivateKey.fromDer(
            derSequence(
              derInteger(0n),
              derSequence(hexToBytes('06032b656e')),
              derOctetString(derOctetString(key.toRaw())),
              derElement(0xa0, new Uint8Array(0)),
            ),
          ),
      ],
      ['pkcs8 with trailing bytes', () => PrivateKey.fromDer(Uint8Array.of(...good, 0))],
      [
        'spki with parameters',
        () =>
          PublicKey.fromDer(
            hexToBytes(bytesToHex(spki).replace('302a300506032b656e', '302c300706032b656e0500')),
          ),
      ],
      [
        'spki with a 33-byte key',
        () =>
          PublicKey.fromDer(
            derSequence(derSequence(hexToBytes('06032b656e')), derBitString(new Uint8Array(33))),
          ),
      ],
      ['a PKCS#8 where a public key is expected', () => PublicKey.fromDer(good)],
      ['an SPKI where a private key is expected', () => PrivateKey.fromDer(spki)],
      ['a "PUBLIC KEY" PEM as a private key', () => PrivateKey.fromPem(key.publicKey.toPem())],
      ['jwk crv Ed25519', () => PublicKey.fromJwk({ ...key.publicKey.toJwk(), crv: 'Ed25519' })],
      [
        'jwk without x',
        () =>
          PrivateKey.fromJwk({ kty: 'OKP', crv: 'X25519', d: (key.toJwk() as { d: string }).d }),
      ],
      [
        'jwk x of 31 bytes',
        () =>
          PublicKey.fromJwk({
            kty: 'OKP',
            crv: 'X25519',
            x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          }),
      ],
      ['public jwk with d', () => PublicKey.fromJwk(key.toJwk())],
      [
        'private jwk whose x does not match',
        () => PrivateKey.fromJwk({ ...key.toJwk(), x: p256.publicKey.toJwk().x }),
      ],
    ];
    for (const [name, fn] of cases) {
      try {
        expectCryptoError(fn, 'INVALID_ENCODING');
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    }
  });

  it('refuses misuse with TypeError / RangeError', () => {
    expect(() => key.toDer('sec1')).toThrow(TypeError);
    expect(() => key.toPem('sec1')).toThrow(TypeError);
    expect(() => key.publicKey.toRaw({ compressed: true })).toThrow(TypeError);
    expect(() => PublicKey.fromRaw(new Uint8Array(33), X25519)).toThrow(RangeError);
    expect(() => PrivateKey.fromRaw(new Uint8Array(31), X25519)).toThrow(RangeError);
    expect(() => generatePrivateKey({ curve: 'Ed25519' as never })).toThrow(TypeError);
    expect(() => PublicKey.fromRaw(new Uint8Array(32), 'X25519' as never)).toThrow(TypeError);
  });

  it('names the curve, never the key, when printed', () => {
    expect(String(key)).toBe('PrivateKey(X25519, [redacted])');
    expect(JSON.stringify({ key })).toBe('{"key":"PrivateKey(X25519, [redacted])"}');
    expect(String(p256)).toBe('PrivateKey(P-256, [redacted])');
  });

  it('equals compares curve and bytes', () => {
    expect(key.publicKey.equals(PublicKey.fromRaw(key.publicKey.toRaw(), X25519))).toBe(true);
    expect(key.publicKey.equals(p256.publicKey)).toBe(false);
    expect(p256.publicKey.equals(key.publicKey)).toBe(false);
  });

  it('generates clamped keys (as OpenSSL does), and P-256 keys by default', () => {
    const k = key.toRaw();
    expect(k[0] & 7).toBe(0);
    expect(k[31] & 0xc0).toBe(0x40);
    expect(generatePrivateKey().curve).toBe('P-256');
    expect(generatePrivateKey({ curve: 'P-256' }).curve).toBe('P-256');
    expect(PublicKey.fromRaw(p256.publicKey.toRaw()).curve).toBe('P-256');
  });
});

describe('fast-check against node:crypto', () => {
  const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

  it('node → ecdh-lab: every export of generateKeyPairSync("x25519") loads, and is written back identically', () => {
    fc.assert(
      fc.property(fc.integer(), () => {
        const { privateKey, publicKey } = crypto.generateKeyPairSync('x25519');
        const pkcs8 = u8(privateKey.export({ type: 'pkcs8', format: 'der' }));
        const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
        const spki = u8(publicKey.export({ type: 'spki', format: 'der' }));
        const spkiPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
        const jwk = privateKey.export({ format: 'jwk' });
        const publicJwk = publicKey.export({ format: 'jwk' });
        const ours = PrivateKey.fromDer(pkcs8);
        expect(ours.curve).toBe('X25519');
        expect(ours.toDer()).toEqual(pkcs8);
        expect(PrivateKey.fromPem(pkcs8Pem).toPem()).toBe(pkcs8Pem);
        expect(JSON.stringify(PrivateKey.fromJwk(jwk as never).toJwk())).toBe(JSON.stringify(jwk));
        expect(ours.publicKey.toDer()).toEqual(spki);
        expect(PublicKey.fromDer(spki).toPem()).toBe(spkiPem);
        expect(PublicKey.fromPem(spkiPem).equals(ours.publicKey)).toBe(true);
        expect(JSON.stringify(PublicKey.fromJwk(publicJwk as never).toJwk())).toBe(
          JSON.stringify(publicJwk),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('ecdh-lab → node: keys from any 32 bytes export to what node reads and writes back identically', () => {
    fc.assert(
      fc.property(bytes32, (k) => {
        const ours = PrivateKey.fromRaw(k, X25519);
        const node = crypto.createPrivateKey({
          key: Buffer.from(ours.toDer()),
          format: 'der',
          type: 'pkcs8',
        });
        expect(node.asymmetricKeyType).toBe('x25519');
        expect(u8(node.export({ type: 'pkcs8', format: 'der' }))).toEqual(ours.toDer());
        expect(node.export({ type: 'pkcs8', format: 'pem' })).toBe(ours.toPem());
        expect(JSON.stringify(node.export({ format: 'jwk' }))).toBe(JSON.stringify(ours.toJwk()));
        expect(crypto.createPrivateKey({ key: ours.toPem() }).export({ format: 'jwk' })).toEqual(
          ours.toJwk(),
        );
        const nodePublic = crypto.createPublicKey(node);
        expect(u8(nodePublic.export({ type: 'spki', format: 'der' }))).toEqual(
          ours.publicKey.toDer(),
        );
        expect(crypto.createPublicKey(ours.publicKey.toPem()).export({ format: 'jwk' })).toEqual(
          ours.publicKey.toJwk(),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('exchange agrees with node diffieHellman, both ways, for any private key and any peer u', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (a, u) => {
        const ours = PrivateKey.fromRaw(a, X25519);
        const peer = PublicKey.fromRaw(u, X25519);
        const nodePrivate = crypto.createPrivateKey({
          key: Buffer.from(ours.toDer()),
          format: 'der',
          type: 'pkcs8',
        });
        const nodePeer = crypto.createPublicKey({
          key: Buffer.from(peer.toDer()),
          format: 'der',
          type: 'spki',
        });
        let expected: Uint8Array | undefined;
        try {
          expected = u8(crypto.diffieHellman({ privateKey: nodePrivate, publicKey: nodePeer }));
        } catch {
          expected = undefined; // OpenSSL refuses the all-zero result too
        }
        if (expected === undefined) expectCryptoError(() => ours.exchange(peer), 'INVALID_POINT');
        else expect(ours.exchange(peer)).toEqual(expected);
        // And between two real key pairs, node's side against ours.
        const other = crypto.generateKeyPairSync('x25519');
        const theirs = PublicKey.fromDer(
          u8(other.publicKey.export({ type: 'spki', format: 'der' })),
        );
        expect(ours.exchange(theirs)).toEqual(
          u8(
            crypto.diffieHellman({
              privateKey: other.privateKey,
              publicKey: crypto.createPublicKey(ours.publicKey.toPem()),
            }),
          ),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
