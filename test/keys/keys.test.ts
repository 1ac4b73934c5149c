/**
 * The protocol tier (src/keys/public-key.ts, private-key.ts): generatePrivateKey,
 * publicKey, exchange, and every import/export, checked against node:crypto (KeyObject
 * export/import in 'spki', 'pkcs8', 'sec1' and 'jwk', DER and PEM, both ways;
 * crypto.diffieHellman and createECDH('prime256v1')) with fast-check, plus negative tables
 * grouped by reason (SP 800-56A §5.6.2.3.3, RFC 5480, RFC 5915, RFC 7468, RFC 7518).
 */
import * as crypto from 'node:crypto';
import * as util from 'node:util';
import fc from 'fast-check';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/bytes/index.js';
import type { CryptoError, CryptoErrorCode } from '../../src/errors.js';
import { encodePem } from '../../src/keys/pem.js';
import { generatePrivateKey, PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { encodeEcPrivateKey } from '../../src/keys/sec1.js';
import { encodePkcs8 } from '../../src/keys/pkcs8.js';
import type { EcJwk } from '../../src/keys/jwk.js';
import { encodeSpki } from '../../src/keys/spki.js';
import { expectCryptoError } from '../support/errors';

const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const RUNS = { numRuns: 1000 };

const toHex = (b: Uint8Array | Buffer) => Buffer.from(b).toString('hex');
const u8 = (b: Buffer) => new Uint8Array(b);

function nodePair() {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function expectCode(fn: () => unknown, ...codes: CryptoErrorCode[]): CryptoError {
  return expectCryptoError(fn, codes);
}

// Scalars across [1, n−1], the edges included.
const scalarArb = fc.oneof(
  fc.bigInt({ min: 1n, max: n - 1n }),
  fc.constantFrom(1n, 2n, 3n, n - 3n, n - 2n, n - 1n, 2n ** 128n, 2n ** 255n),
);
const scalarBytes = (d: bigint) => hexToBytes(d.toString(16).padStart(64, '0'));

describe('against node:crypto (fast-check, 1000 runs each)', () => {
  it('private key d → public key and every export format, byte-identical with node (DER and PEM)', () => {
    fc.assert(
      fc.property(scalarArb, (d) => {
        const ours = PrivateKey.fromRaw(scalarBytes(d));
        // node's own key for d: Q from createECDH, imported as a JWK (node exports what it imported).
        const ecdh = crypto.createECDH('prime256v1');
        ecdh.setPrivateKey(Buffer.from(scalarBytes(d)));
        const Q = ecdh.getPublicKey();
        const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
        const nodeKey = crypto.createPrivateKey({
          key: {
            kty: 'EC',
            crv: 'P-256',
            d: b64u(scalarBytes(d)),
            x: b64u(Q.subarray(1, 33)),
            y: b64u(Q.subarray(33)),
          },
          format: 'jwk',
        });
        const nodePublic = crypto.createPublicKey(nodeKey);
        expect(toHex(ours.toDer())).toBe(toHex(nodeKey.export({ type: 'pkcs8', format: 'der' })));
        expect(toHex(ours.toDer('sec1'))).toBe(
          toHex(nodeKey.export({ type: 'sec1', format: 'der' })),
        );
        expect(ours.toPem()).toBe(nodeKey.export({ type: 'pkcs8', format: 'pem' }));
        expect(ours.toPem('sec1')).toBe(nodeKey.export({ type: 'sec1', format: 'pem' }));
        expect(JSON.stringify(ours.toJwk())).toBe(
          JSON.stringify(nodeKey.export({ format: 'jwk' })),
        );
        expect(toHex(ours.publicKey.toDer())).toBe(
          toHex(nodePublic.export({ type: 'spki', format: 'der' })),
        );
        expect(ours.publicKey.toPem()).toBe(nodePublic.export({ type: 'spki', format: 'pem' }));
        expect(JSON.stringify(ours.publicKey.toJwk())).toBe(
          JSON.stringify(nodePublic.export({ format: 'jwk' })),
        );
      }),
      RUNS,
    );
  });

  // One format per run (fast-check picks it), so the 1000 runs cover each about 200 times
  // while doing one d·G per run (the embedded-public-key check).
  const privateFormats = ['pkcs8-der', 'sec1-der', 'pkcs8-pem', 'sec1-pem', 'jwk'] as const;
  it('keys node writes load, in every format, to the same key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...privateFormats), (format) => {
        const { publicKey, privateKey } = nodePair();
        const jwk = privateKey.export({ format: 'jwk' });
        const loaded = {
          'pkcs8-der': () =>
            PrivateKey.fromDer(u8(privateKey.export({ type: 'pkcs8', format: 'der' }))),
          'sec1-der': () =>
            PrivateKey.fromDer(u8(privateKey.export({ type: 'sec1', format: 'der' }))),
          'pkcs8-pem': () =>
            PrivateKey.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
          'sec1-pem': () =>
            PrivateKey.fromPem(privateKey.export({ type: 'sec1', format: 'pem' }) as string),
          jwk: () => PrivateKey.fromJwk(jwk),
        }[format]();
        expect(toHex(loaded.toRaw())).toBe(toHex(Buffer.from(jwk.d!, 'base64url')));
        const nodePublic = [
          PublicKey.fromDer(u8(publicKey.export({ type: 'spki', format: 'der' }))),
          PublicKey.fromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
          PublicKey.fromJwk(publicKey.export({ format: 'jwk' })),
        ];
        for (const key of nodePublic) expect(key.equals(loaded.publicKey)).toBe(true);
      }),
      RUNS,
    );
  });

  it('raw points: toRaw matches createECDH (uncompressed and compressed) and fromRaw reads both', () => {
    fc.assert(
      fc.property(scalarArb, (d) => {
        const ecdh = crypto.createECDH('prime256v1');
        ecdh.setPrivateKey(Buffer.from(scalarBytes(d)));
        const ours = PrivateKey.fromRaw(scalarBytes(d)).publicKey;
        expect(toHex(ours.toRaw())).toBe(toHex(ecdh.getPublicKey()));
        expect(toHex(ours.toRaw({ compressed: false }))).toBe(toHex(ecdh.getPublicKey()));
        expect(toHex(ours.toRaw({ compressed: true }))).toBe(
          toHex(ecdh.getPublicKey(null, 'compressed')),
        );
        expect(PublicKey.fromRaw(u8(ecdh.getPublicKey(null, 'compressed'))).equals(ours)).toBe(
          true,
        );
        expect(PublicKey.fromRaw(u8(ecdh.getPublicKey())).equals(ours)).toBe(true);
      }),
      RUNS,
    );
  });

  it('exchange agrees with crypto.diffieHellman and createECDH.computeSecret, both directions', () => {
    fc.assert(
      fc.property(scalarArb, (d) => {
        const ours = PrivateKey.fromRaw(scalarBytes(d));
        const peer = nodePair();
        const peerPublic = PublicKey.fromDer(
          u8(peer.publicKey.export({ type: 'spki', format: 'der' })),
        );
        const z = ours.exchange(peerPublic);
        // node's side: our d through createECDH, and the peer's key through diffieHellman.
        const ecdh = crypto.createECDH('prime256v1');
        ecdh.setPrivateKey(Buffer.from(scalarBytes(d)));
        expect(toHex(z)).toBe(
          toHex(ecdh.computeSecret(Buffer.from(peerPublic.toRaw({ compressed: true })))),
        );
        const oursForNode = crypto.createPublicKey({
          key: Buffer.from(encodeSpki(u8(ecdh.getPublicKey()))),
          format: 'der',
          type: 'spki',
        });
        expect(toHex(z)).toBe(
          toHex(crypto.diffieHellman({ privateKey: peer.privateKey, publicKey: oursForNode })),
        );
      }),
      RUNS,
    );
  });
});

describe('the tutorial flow', () => {
  it('generatePrivateKey, publicKey, exchange: both sides get the same 32 bytes', () => {
    const alice = generatePrivateKey();
    const bob = generatePrivateKey();
    const zA = alice.exchange(bob.publicKey);
    expect(zA.length).toBe(32);
    expect(zA).toEqual(bob.exchange(alice.publicKey));
    expect(alice.publicKey).toBe(alice.publicKey); // computed once
    expect(PrivateKey.generate().toRaw()).not.toEqual(alice.toRaw());
  });
  it('objects are frozen and outputs are fresh', () => {
    const key = generatePrivateKey();
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.isFrozen(key.publicKey)).toBe(true);
    expect(Object.isFrozen(key.publicKey.point)).toBe(true);
    const raw = key.toRaw();
    raw.fill(0);
    expect(key.toRaw()).not.toEqual(raw);
  });
  it('a SEC1 "EC PRIVATE KEY" preceded by "EC PARAMETERS" (openssl ecparam -genkey without -noout) loads', () => {
    const key = generatePrivateKey();
    const params = encodePem('EC PARAMETERS', hexToBytes('06082a8648ce3d030107'));
    expect(PrivateKey.fromPem(params + key.toPem('sec1')).toRaw()).toEqual(key.toRaw());
    expectCode(
      () =>
        PrivateKey.fromPem(
          encodePem('EC PARAMETERS', hexToBytes('06052b81040022')) + key.toPem('sec1'),
        ),
      'INVALID_ENCODING',
    );
    expectCode(() => PrivateKey.fromPem(params + key.toPem()), 'INVALID_ENCODING'); // only before SEC1
  });
  it('keys without the optional embedded public key load', () => {
    const key = generatePrivateKey();
    expect(
      PrivateKey.fromDer(encodeEcPrivateKey({ privateKey: key.toRaw() }, true)).toRaw(),
    ).toEqual(key.toRaw());
    expect(PrivateKey.fromDer(encodePkcs8({ privateKey: key.toRaw() })).toRaw()).toEqual(
      key.toRaw(),
    );
  });
  it('a compressed point inside an SPKI is accepted (RFC 5480 §2.2)', () => {
    const key = generatePrivateKey().publicKey;
    expect(PublicKey.fromDer(encodeSpki(key.toRaw({ compressed: true }))).equals(key)).toBe(true);
  });
});

describe('no key material in strings, JSON, inspect or errors', () => {
  const key = generatePrivateKey();
  const dHex = bytesToHex(key.toRaw());
  const dB64 = key.toJwk().d!;
  it('toString, template strings, JSON.stringify, util.inspect and console formatting are redacted', () => {
    for (const text of [
      String(key),
      `${key}`,
      JSON.stringify(key),
      JSON.stringify({ key }),
      util.inspect(key),
      util.inspect({ key }, { depth: 5, showHidden: true }),
      util.format('%o', key),
    ]) {
      expect(text).toContain('redacted');
      expect(text).not.toContain(dHex);
      expect(text).not.toContain(dB64);
      // No byte dumps: a Uint8Array printed by inspect or JSON shows its bytes as decimal
      // numbers separated by commas. (A single byte's decimal digits alone, such as "6",
      // can occur in "P-256" itself, so the first three bytes are looked for together.)
      const [b0, b1, b2] = key.toRaw();
      expect(text).not.toMatch(new RegExp(`\\b${b0}\\s*,\\s*"?${b1}"?\\s*,\\s*"?${b2}\\b`));
    }
  });
  it('error messages for bad private keys never quote the input', () => {
    const der = key.toDer();
    const broken = concatBytes(der, Uint8Array.of(0));
    const pemBroken = key.toPem().replace('-----END', '!\n-----END');
    for (const fn of [
      () => PrivateKey.fromDer(broken),
      () => PrivateKey.fromPem(pemBroken),
      () => PublicKey.fromPem(key.toPem()),
    ]) {
      const error = expectCode(fn, 'INVALID_ENCODING');
      expect(error.message).not.toContain(dHex);
      expect(error.message).not.toContain(key.toPem().split('\n')[1].slice(0, 12));
    }
  });
});

// ---- Negative tables, grouped by reason ----
const good = generatePrivateKey();
const goodPoint = good.publicKey.toRaw();
const other = generatePrivateKey();

describe('PublicKey.fromRaw / fromDer / fromPem / fromJwk reject, grouped by reason', () => {
  const x = goodPoint.subarray(1, 33);
  const y = goodPoint.subarray(33);
  const bigEndian = (v: bigint) => hexToBytes(v.toString(16).padStart(64, '0'));
  const rawTable: Record<string, [Uint8Array, CryptoErrorCode][]> = {
    'bad length or prefix': [
      [new Uint8Array(0), 'INVALID_ENCODING'],
      [goodPoint.subarray(0, 64), 'INVALID_ENCODING'],
      [concatBytes(goodPoint, Uint8Array.of(0)), 'INVALID_ENCODING'],
      [concatBytes(Uint8Array.of(0x06), x, y), 'INVALID_ENCODING'], // hybrid form
      [concatBytes(Uint8Array.of(0x05), x, y), 'INVALID_ENCODING'],
      [concatBytes(Uint8Array.of(0x04), x), 'INVALID_ENCODING'],
    ],
    'point at infinity': [[Uint8Array.of(0), 'INVALID_POINT']],
    'off-curve (invalid-curve attack)': [
      [
        concatBytes(Uint8Array.of(0x04), x, bigEndian((BigInt('0x' + bytesToHex(y)) + 1n) % p)),
        'INVALID_POINT',
      ],
      [concatBytes(Uint8Array.of(0x04), new Uint8Array(32), new Uint8Array(32)), 'INVALID_POINT'],
    ],
    'coordinate ≥ p': [
      [concatBytes(Uint8Array.of(0x04), bigEndian(p), y), 'INVALID_POINT'],
      [concatBytes(Uint8Array.of(0x04), x, bigEndian(p)), 'INVALID_POINT'],
      [concatBytes(Uint8Array.of(0x02), bigEndian(p + 1n)), 'INVALID_POINT'],
    ],
  };
  for (const [reason, rows] of Object.entries(rawTable)) {
    it.each(rows.map(([bytes, code], i) => [i, bytes, code] as const))(
      `fromRaw: ${reason} #%i`,
      (_i, bytes, code) => {
        expectCode(() => PublicKey.fromRaw(bytes), code);
        if (bytes.length > 0) expectCode(() => PublicKey.fromDer(encodeSpki(bytes)), code); // the same through an SPKI
      },
    );
  }
  const spki = good.publicKey.toDer();
  const spkiHex = bytesToHex(spki);
  const derTable: Record<string, string[]> = {
    'wrong OID': [
      spkiHex.replace('2a8648ce3d0201', '2a8648ce3d0202'),
      spkiHex.replace('2a8648ce3d030107', '2a8648ce3d030106'),
    ],
    'truncated DER': [spkiHex.slice(0, -2), spkiHex.slice(0, 40), '30'],
    'non-minimal lengths': ['308159' + spkiHex.slice(4)], // long form for a length < 128
    'trailing bytes': [spkiHex + '00', spkiHex + '3000'],
    'a private key given to the public-key parser': [
      bytesToHex(good.toDer()),
      bytesToHex(good.toDer('sec1')),
    ],
  };
  for (const [reason, rows] of Object.entries(derTable)) {
    it.each(rows.map((hex, i) => [i, hex] as const))(`fromDer: ${reason} #%i`, (_i, hex) => {
      expectCode(() => PublicKey.fromDer(hexToBytes(hex)), 'INVALID_ENCODING');
    });
  }
  it('fromPem: wrong PEM label, private key PEM, two keys', () => {
    expectCode(() => PublicKey.fromPem(encodePem('EC PUBLIC KEY', spki)), 'INVALID_ENCODING');
    expectCode(() => PublicKey.fromPem(good.toPem()), 'INVALID_ENCODING');
    expectCode(
      () => PublicKey.fromPem(good.publicKey.toPem() + other.publicKey.toPem()),
      'INVALID_ENCODING',
    );
  });
  it('fromJwk: off-curve, coordinate ≥ p, a private JWK', () => {
    const jwk = good.publicKey.toJwk();
    const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    expectCode(
      () =>
        PublicKey.fromJwk({ ...jwk, y: b64u(bigEndian((BigInt('0x' + bytesToHex(y)) + 1n) % p)) }),
      'INVALID_POINT',
    );
    expectCode(() => PublicKey.fromJwk({ ...jwk, x: b64u(bigEndian(p)) }), 'INVALID_POINT');
    expectCode(() => PublicKey.fromJwk(good.toJwk()), 'INVALID_ENCODING');
  });
});

describe('PrivateKey.fromRaw / fromDer / fromPem / fromJwk reject, grouped by reason', () => {
  it('bad length (RangeError)', () => {
    for (const length of [0, 31, 33, 65])
      expect(() => PrivateKey.fromRaw(new Uint8Array(length))).toThrow(RangeError);
  });
  const badScalars: Record<string, bigint[]> = {
    'zero scalar': [0n],
    'scalar ≥ n': [n, n + 1n, 2n ** 256n - 1n],
  };
  for (const [reason, values] of Object.entries(badScalars)) {
    it.each(values.map((v) => [v.toString(16), v] as const))(
      `${reason}: 0x%s in raw, SEC1, PKCS#8 and JWK → INVALID_SCALAR`,
      (_hex, v) => {
        const d = scalarBytes(v);
        expectCode(() => PrivateKey.fromRaw(d), 'INVALID_SCALAR');
        expectCode(
          () => PrivateKey.fromDer(encodeEcPrivateKey({ privateKey: d }, true)),
          'INVALID_SCALAR',
        );
        expectCode(
          () => PrivateKey.fromPem(encodePem('PRIVATE KEY', encodePkcs8({ privateKey: d }))),
          'INVALID_SCALAR',
        );
        expectCode(
          () => PrivateKey.fromJwk({ ...good.toJwk(), d: Buffer.from(d).toString('base64url') }),
          'INVALID_SCALAR',
        );
      },
    );
  }
  it('an embedded public key that does not match d·G (SEC1, PKCS#8, JWK) → INVALID_ENCODING', () => {
    const wrong = other.publicKey.toRaw();
    expectCode(
      () =>
        PrivateKey.fromDer(
          encodeEcPrivateKey({ privateKey: good.toRaw(), publicKey: wrong }, true),
        ),
      'INVALID_ENCODING',
    );
    expectCode(
      () => PrivateKey.fromDer(encodePkcs8({ privateKey: good.toRaw(), publicKey: wrong })),
      'INVALID_ENCODING',
    );
    const otherJwk = other.toJwk() as EcJwk;
    expectCode(
      () => PrivateKey.fromJwk({ ...good.toJwk(), x: otherJwk.x, y: otherJwk.y }),
      'INVALID_ENCODING',
    );
  });
  it('an embedded public key that is not a valid point → INVALID_POINT / INVALID_ENCODING', () => {
    const offCurve = concatBytes(Uint8Array.of(4), new Uint8Array(64));
    expectCode(
      () => PrivateKey.fromDer(encodePkcs8({ privateKey: good.toRaw(), publicKey: offCurve })),
      'INVALID_POINT',
    );
    expectCode(
      () =>
        PrivateKey.fromDer(
          encodePkcs8({ privateKey: good.toRaw(), publicKey: Uint8Array.of(4, 1) }),
        ),
      'INVALID_ENCODING',
    );
  });
  const pkcs8Hex = bytesToHex(good.toDer());
  const sec1Hex = bytesToHex(good.toDer('sec1'));
  const derTable: Record<string, string[]> = {
    'wrong OID': [
      pkcs8Hex.replace('2a8648ce3d0201', '2a8648ce3d0202'),
      pkcs8Hex.replace('2a8648ce3d030107', '2a8648ce3d030106'),
      sec1Hex.replace('2a8648ce3d030107', '2a8648ce3d030106'),
    ],
    'truncated DER': [
      pkcs8Hex.slice(0, -2),
      sec1Hex.slice(0, -2),
      pkcs8Hex.slice(0, 30),
      '3003020100',
    ],
    // Each row is non-minimal and nothing else: 30 82 00 87 (a leading zero octet before a
    // length ≥ 128, whose bytes are all there) and 30 81 77 (long form for a length < 128).
    'non-minimal lengths': ['308200' + pkcs8Hex.slice(4), '308177' + sec1Hex.slice(4)],
    'trailing bytes': [pkcs8Hex + '00', sec1Hex + '0500'],
    'a public key given to the private-key parser': [bytesToHex(good.publicKey.toDer())],
  };
  for (const [reason, rows] of Object.entries(derTable)) {
    it.each(rows.map((hex, i) => [i, hex] as const))(`fromDer: ${reason} #%i`, (_i, hex) => {
      const error = expectCode(() => PrivateKey.fromDer(hexToBytes(hex)), 'INVALID_ENCODING');
      // Refused for the reason the row names (the DER reader's error is kept as the cause).
      if (reason === 'non-minimal lengths')
        expect(((error.cause as Error | undefined) ?? error).message).toMatch(/non-minimal length/);
    });
  }
  it('wrong PEM label (the label decides the structure), encrypted, or several keys', () => {
    expectCode(() => PrivateKey.fromPem(good.publicKey.toPem()), 'INVALID_ENCODING');
    expectCode(
      () => PrivateKey.fromPem(encodePem('EC PRIVATE KEY', good.toDer('pkcs8'))),
      'INVALID_ENCODING',
    );
    expectCode(
      () => PrivateKey.fromPem(encodePem('PRIVATE KEY', good.toDer('sec1'))),
      'INVALID_ENCODING',
    );
    expectCode(
      () => PrivateKey.fromPem(encodePem('ENCRYPTED PRIVATE KEY', good.toDer())),
      'INVALID_ENCODING',
    );
    expectCode(() => PrivateKey.fromPem(good.toPem() + other.toPem()), 'INVALID_ENCODING');
  });
});

describe('junk-typed inputs to every public function → TypeError', () => {
  const junk: unknown[] = [
    undefined,
    null,
    0,
    1n,
    'string',
    {},
    [1, 2, 3],
    new ArrayBuffer(32),
    new Uint16Array(16),
    Symbol('x'),
  ];
  it.each(
    junk.map((v) => [String(typeof v === 'symbol' ? 'Symbol' : util.inspect(v)), v] as const),
  )('%s', (_name, value) => {
    const bytesLike = value as Uint8Array;
    const isPlainObject = Object.prototype.toString.call(value) === '[object Object]';
    expect(() => PublicKey.fromRaw(bytesLike)).toThrow(TypeError);
    expect(() => PublicKey.fromDer(bytesLike)).toThrow(TypeError);
    if (typeof value !== 'string')
      expect(() => PublicKey.fromPem(value as string)).toThrow(TypeError);
    if (!isPlainObject)
      expect(() => PublicKey.fromJwk(value as Record<string, unknown>)).toThrow(TypeError);
    expect(() => PublicKey.fromPoint(value as never)).toThrow(TypeError);
    expect(() => good.publicKey.equals(value as PublicKey)).toThrow(TypeError);
    if (value !== undefined && !isPlainObject)
      expect(() => good.publicKey.toRaw(value as never)).toThrow(TypeError);
    if (value !== undefined)
      expect(() => good.publicKey.toRaw({ compressed: value as boolean })).toThrow(TypeError);
    expect(() => PrivateKey.fromRaw(bytesLike)).toThrow(TypeError);
    expect(() => PrivateKey.fromDer(bytesLike)).toThrow(TypeError);
    if (typeof value !== 'string')
      expect(() => PrivateKey.fromPem(value as string)).toThrow(TypeError);
    if (!isPlainObject)
      expect(() => PrivateKey.fromJwk(value as Record<string, unknown>)).toThrow(TypeError);
    expect(() => good.exchange(value as PublicKey)).toThrow(TypeError);
    if (value !== undefined) {
      expect(() => good.toDer(value as 'pkcs8')).toThrow(TypeError);
      expect(() => good.toPem(value as 'pkcs8')).toThrow(TypeError);
    }
  });
  it('a plain object passed as a JWK is a malformed JWK, not a TypeError', () => {
    expectCode(() => PublicKey.fromJwk({}), 'INVALID_ENCODING');
    expectCode(() => PrivateKey.fromJwk({}), 'INVALID_ENCODING');
  });
  it('the constructors are not a way around validation: only the factories may call them', () => {
    const G = {
      x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
      y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    }; // SEC 2 §2.4.2
    // The factories validate once and pass the constructor a validated point or scalar; called
    // from outside, the constructor refuses everything, valid or not.
    const Ctor = PublicKey as unknown as new (...args: unknown[]) => PublicKey;
    expect(() => new Ctor({ x: 0n, y: 0n })).toThrow(TypeError);
    expect(() => new Ctor(Symbol('PublicKey factory'), { x: 5n, y: 1n })).toThrow(TypeError);
    expect(() => new Ctor(G)).toThrow(TypeError);
    const PrivateCtor = PrivateKey as unknown as new (...args: unknown[]) => PrivateKey;
    expect(() => new PrivateCtor(0n)).toThrow(TypeError);
    expect(() => new PrivateCtor(1n)).toThrow(TypeError);
    expect(() => new PrivateCtor(Symbol('PrivateKey factory'), 0n)).toThrow(TypeError);
  });
});
