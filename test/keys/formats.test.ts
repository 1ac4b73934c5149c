/**
 * The byte-level key formats: SubjectPublicKeyInfo (src/keys/spki.ts, RFC 5480 §2),
 * ECPrivateKey (sec1.ts, RFC 5915 §3), PrivateKeyInfo (pkcs8.ts, RFC 5208 §5) and JWK
 * (jwk.ts, RFC 7518 §6.2). Reference: node:crypto KeyObject.export, byte for byte;
 * negative tables grouped by reason.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/bytes/index.js';
import { derInteger, derOctetString, derSequence } from '../../src/keys/der.js';
import { encodeJwk, parseJwk } from '../../src/keys/jwk.js';
import { encodePkcs8, parsePkcs8 } from '../../src/keys/pkcs8.js';
import { encodeEcPrivateKey, parseEcPrivateKey } from '../../src/keys/sec1.js';
import { encodeSpki, parseSpki } from '../../src/keys/spki.js';
import { expectCryptoError } from '../support/errors';

interface NodeKey {
  d: Uint8Array;
  x: Uint8Array;
  y: Uint8Array;
  point: Uint8Array;
  spki: Uint8Array;
  pkcs8: Uint8Array;
  sec1: Uint8Array;
  jwk: crypto.JsonWebKey;
  publicJwk: crypto.JsonWebKey;
}

function nodeKey(): NodeKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const x = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  const y = new Uint8Array(Buffer.from(jwk.y!, 'base64url'));
  return {
    d: new Uint8Array(Buffer.from(jwk.d!, 'base64url')),
    x,
    y,
    point: concatBytes(Uint8Array.of(4), x, y),
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    pkcs8: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
    sec1: new Uint8Array(privateKey.export({ type: 'sec1', format: 'der' })),
    jwk,
    publicJwk: publicKey.export({ format: 'jwk' }),
  };
}

function invalidEncoding(fn: () => unknown, message?: RegExp): void {
  expectCryptoError(fn, 'INVALID_ENCODING', message);
}

describe('byte-identical with node:crypto both ways (fast-check, 1000 keys)', () => {
  it('spki, sec1, pkcs8 DER and jwk', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const key = nodeKey();
        expect(parseSpki(key.spki)).toEqual(key.point);
        expect(encodeSpki(key.point)).toEqual(key.spki);
        expect(parseEcPrivateKey(key.sec1)).toEqual({ privateKey: key.d, publicKey: key.point });
        expect(encodeEcPrivateKey({ privateKey: key.d, publicKey: key.point }, true)).toEqual(
          key.sec1,
        );
        expect(parsePkcs8(key.pkcs8)).toEqual({ privateKey: key.d, publicKey: key.point });
        expect(encodePkcs8({ privateKey: key.d, publicKey: key.point })).toEqual(key.pkcs8);
        const jwk = encodeJwk({ x: key.x, y: key.y, d: key.d });
        expect(JSON.stringify(jwk)).toBe(JSON.stringify(key.jwk));
        expect(JSON.stringify(encodeJwk({ x: key.x, y: key.y }))).toBe(
          JSON.stringify(key.publicJwk),
        );
        expect(parseJwk(key.jwk, 'private')).toEqual({ x: key.x, y: key.y, d: key.d });
        expect(parseJwk(key.publicJwk, 'public')).toEqual({ x: key.x, y: key.y });
      }),
      { numRuns: 1000 },
    );
  });
  it('node reads what we write (compressed SPKI too)', () => {
    const key = nodeKey();
    const compressed = concatBytes(Uint8Array.of(2 + (key.y[31] & 1)), key.x);
    const fromCompressed = crypto.createPublicKey({
      key: Buffer.from(encodeSpki(compressed)),
      format: 'der',
      type: 'spki',
    });
    expect(fromCompressed.export({ format: 'jwk' })).toEqual(key.publicJwk);
    const sec1WithoutPublic = encodeEcPrivateKey({ privateKey: key.d }, true);
    expect(
      crypto
        .createPrivateKey({ key: Buffer.from(sec1WithoutPublic), format: 'der', type: 'sec1' })
        .export({ format: 'jwk' }),
    ).toEqual(key.jwk);
  });
});

describe('parsers return what is there, no more', () => {
  const key = nodeKey();
  it('SEC1 without the optional publicKey [1]; PKCS#8 with an inner [0] naming P-256', () => {
    expect(parseEcPrivateKey(encodeEcPrivateKey({ privateKey: key.d }, true))).toEqual({
      privateKey: key.d,
    });
    const withParameters = derSequence(
      derInteger(0n),
      hexToBytes(ALG),
      derOctetString(encodeEcPrivateKey({ privateKey: key.d, publicKey: key.point }, true)),
    );
    expect(parsePkcs8(withParameters)).toEqual({ privateKey: key.d, publicKey: key.point });
  });
});

// Hand-built variants of one key, each wrong in one way. Hex of the parts, RFC 5480 §2.1.1.
const ALG = '301306072a8648ce3d020106082a8648ce3d030107';
const POINT = '04' + '11'.repeat(64);
const D = '22'.repeat(32);
const SPKI = `3059${ALG}034200${POINT}`;

describe('SubjectPublicKeyInfo rejects (INVALID_ENCODING), grouped by reason', () => {
  it('accepts the well-formed reference', () => {
    expect(bytesToHex(parseSpki(hexToBytes(SPKI)))).toBe(POINT);
  });
  const table: Record<string, [string, RegExp][]> = {
    'wrong algorithm OID': [
      [
        `3059301306072a8648ce3d020206082a8648ce3d030107034200${POINT}`,
        /unsupported algorithm 1\.2\.840\.10045\.2\.2/,
      ],
      [
        `3053300d06092a864886f70d0101010500034200${POINT}`,
        /unsupported algorithm 1\.2\.840\.113549\.1\.1\.1/,
      ], // rsaEncryption
      [
        `3057301106052b8104010c06082a8648ce3d030107034200${POINT}`,
        /unsupported algorithm 1\.3\.132\.1\.12/,
      ], // id-ecDH
    ],
    'wrong curve OID': [
      [
        `3056301006072a8648ce3d020106052b81040022034200${POINT}`,
        /unsupported curve 1\.3\.132\.0\.34/,
      ], // secp384r1
      [
        `3059301306072a8648ce3d020106082a8648ce3d030106034200${POINT}`,
        /unsupported curve 1\.2\.840\.10045\.3\.1\.6/,
      ],
    ],
    'explicit or implicit curve parameters': [
      [`3057301106072a8648ce3d02013006020101020101034200${POINT}`, /explicit curve parameters/],
      [`3051300b06072a8648ce3d02010500034200${POINT}`, /implicitCurve/],
      [`304f300906072a8648ce3d0201034200${POINT}`, /der: expected OBJECT IDENTIFIER/], // parameters missing
    ],
    'BIT STRING with unused bits': [[`3059${ALG}034201${POINT}`, /unused bits/]],
    'truncated DER': [
      [SPKI.slice(0, -2), /truncated/],
      [SPKI.slice(0, 10), /truncated/],
      ['30', /truncated/],
      ['', /found the end/],
    ],
    'non-minimal lengths': [[`308159${ALG}034200${POINT}`, /non-minimal length/]],
    'trailing bytes': [
      [SPKI + '00', /trailing/],
      [`305a${ALG}034200${POINT}00`, /trailing/],
      [`305a301406072a8648ce3d020106082a8648ce3d03010700034200${POINT}`, /trailing/], // inside AlgorithmIdentifier
    ],
  };
  for (const [reason, rows] of Object.entries(table)) {
    it.each(rows)(`${reason}: #%#`, (hex, message) => {
      invalidEncoding(() => parseSpki(hexToBytes(hex)), message);
    });
  }
  it('a private-key structure is not a public key', () => {
    const key = nodeKey();
    invalidEncoding(() => parseSpki(key.pkcs8));
    invalidEncoding(() => parseSpki(key.sec1));
  });
});

describe('ECPrivateKey and PrivateKeyInfo reject (INVALID_ENCODING), grouped by reason', () => {
  const sec1 = (inner: string) => hexToBytes(`30${(inner.length / 2).toString(16)}${inner}`);
  const PARAMS = 'a00a06082a8648ce3d030107';
  const PUB = `a144034200${POINT}`;
  it('accepts the well-formed reference', () => {
    expect(parseEcPrivateKey(sec1(`020101 0420${D}${PARAMS}${PUB}`.replace(' ', '')))).toEqual({
      privateKey: hexToBytes(D),
      publicKey: hexToBytes(POINT),
    });
  });
  const sec1Table: Record<string, [string, RegExp][]> = {
    'wrong version': [
      [`020100 0420${D}${PARAMS}`, /version must be 1/],
      [`020102 0420${D}${PARAMS}`, /version must be 1/],
    ],
    'privateKey not 32 octets': [
      [`020101 041f${D.slice(2)}${PARAMS}`, /32 octets/],
      [`020101 0421${D}00${PARAMS}`, /32 octets/],
    ],
    'parameters missing, wrong curve or explicit': [
      [`020101 0420${D}${PUB}`, /no \[0\] parameters/],
      [`020101 0420${D}a00706052b81040022`, /unsupported curve 1\.3\.132\.0\.34/],
      [`020101 0420${D}a0083006020101020101`, /explicit curve parameters/],
    ],
    'fields out of order or unknown': [
      [`020101 0420${D}${PUB}${PARAMS}`, /no \[0\] parameters/],
      [`020101 0420${D}${PARAMS}a2020500`, /trailing/],
      [`020101 0420${D}${PARAMS}a144034201${POINT}`, /unused bits/],
    ],
  };
  for (const [reason, rows] of Object.entries(sec1Table)) {
    it.each(rows)(`sec1: ${reason}: #%#`, (hex, message) => {
      invalidEncoding(() => parseEcPrivateKey(sec1(hex.replace(' ', ''))), message);
    });
  }
  const key = nodeKey();
  const pkcs8Hex = bytesToHex(key.pkcs8);
  const pkcs8Table: Record<string, [string, RegExp][]> = {
    'wrong version': [
      [pkcs8Hex.replace('308187020100', '308187020101'), /RFC 5958 v2 keys are not supported/],
      [pkcs8Hex.replace('308187020100', '308187020102'), /version must be 0/],
    ],
    'wrong algorithm or curve OID': [
      [pkcs8Hex.replace('2a8648ce3d0201', '2a8648ce3d0202'), /unsupported algorithm/],
      [pkcs8Hex.replace('2a8648ce3d030107', '2a8648ce3d030106'), /unsupported curve/],
    ],
    'inner ECPrivateKey malformed': [
      [pkcs8Hex.replace('046d306b020101', '046d306b020100'), /version must be 1/],
      [pkcs8Hex.replace('046d306b', '046d306c'), /truncated/],
    ],
    'attributes or trailing bytes': [
      ['30818b' + pkcs8Hex.slice(6) + 'a0020500', /attributes are not supported/],
      ['308189' + pkcs8Hex.slice(6) + '0500', /trailing/],
      [pkcs8Hex + '00', /trailing/],
    ],
    'truncated DER': [
      [pkcs8Hex.slice(0, -2), /truncated/],
      [pkcs8Hex.slice(0, 40), /truncated/],
    ],
  };
  for (const [reason, rows] of Object.entries(pkcs8Table)) {
    it.each(rows)(`pkcs8: ${reason}: #%#`, (hex, message) => {
      invalidEncoding(() => parsePkcs8(hexToBytes(hex)), message);
    });
  }
  it('neither parser accepts the other structure, nor an SPKI', () => {
    invalidEncoding(() => parsePkcs8(key.sec1));
    invalidEncoding(() => parseEcPrivateKey(key.pkcs8));
    invalidEncoding(() => parsePkcs8(key.spki));
    invalidEncoding(() => parseEcPrivateKey(key.spki));
  });
});

describe('JWK rejects (INVALID_ENCODING), grouped by reason', () => {
  const key = nodeKey();
  const table: Record<string, [Record<string, unknown>, 'public' | 'private'][]> = {
    'wrong kty or crv': [
      [{ ...key.publicJwk, kty: 'RSA' }, 'public'],
      [{ ...key.publicJwk, kty: 'ec' }, 'public'],
      [{ ...key.publicJwk, crv: 'P-384' }, 'public'],
      [{ ...key.publicJwk, crv: 'secp256r1' }, 'public'],
      [{ ...key.publicJwk, crv: undefined }, 'public'],
    ],
    'missing or non-string members': [
      [{ ...key.publicJwk, x: undefined }, 'public'],
      [{ ...key.publicJwk, y: 7 }, 'public'],
      [{ ...key.jwk, d: undefined }, 'private'],
    ],
    'bad length (RFC 7518 §6.2: exactly 32 octets)': [
      [{ ...key.publicJwk, x: Buffer.from(key.x.subarray(1)).toString('base64url') }, 'public'],
      [
        {
          ...key.publicJwk,
          y: Buffer.from(concatBytes(Uint8Array.of(0), key.y)).toString('base64url'),
        },
        'public',
      ],
      [{ ...key.jwk, d: Buffer.from(key.d.subarray(1)).toString('base64url') }, 'private'],
    ],
    'not unpadded base64url': [
      [{ ...key.publicJwk, x: Buffer.from(key.x).toString('base64') + '=' }, 'public'],
      [{ ...key.publicJwk, x: key.publicJwk.x!.slice(0, -1) + '!' }, 'public'],
    ],
    'private member in a public key': [[key.jwk as Record<string, unknown>, 'public']],
  };
  for (const [reason, rows] of Object.entries(table)) {
    it.each(rows)(`${reason}: #%#`, (jwk, kind) => {
      invalidEncoding(() => parseJwk(jwk, kind), /^jwk: /);
    });
  }
  it('ignores members it does not understand (RFC 7517 §4)', () => {
    expect(
      parseJwk(
        { ...key.publicJwk, use: 'enc', kid: '1', key_ops: ['deriveBits'], ext: true },
        'public',
      ),
    ).toEqual({ x: key.x, y: key.y });
  });
});

describe('junk-typed inputs → TypeError', () => {
  const junk: unknown[] = [undefined, null, 1, 'MFkw', {}, [0x30, 0x00], new ArrayBuffer(4)];
  it.each(junk)('%p', (value) => {
    expect(() => parseSpki(value as Uint8Array)).toThrow(TypeError);
    expect(() => parsePkcs8(value as Uint8Array)).toThrow(TypeError);
    expect(() => parseEcPrivateKey(value as Uint8Array)).toThrow(TypeError);
    expect(() => encodeSpki(value as Uint8Array)).toThrow(TypeError);
    expect(() => encodePkcs8({ privateKey: value as Uint8Array })).toThrow(TypeError);
    expect(() => encodeEcPrivateKey({ privateKey: value as Uint8Array }, true)).toThrow(TypeError);
    expect(() => encodeJwk({ x: value as Uint8Array, y: new Uint8Array(32) })).toThrow(TypeError);
    if (Object.prototype.toString.call(value) !== '[object Object]')
      expect(() => parseJwk(value, 'public')).toThrow(TypeError);
  });
});
