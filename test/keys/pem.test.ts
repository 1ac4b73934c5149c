/**
 * PEM armor (src/keys/pem.ts), RFC 7468. Reference output: node:crypto KeyObject.export
 * (OpenSSL's PEM writer); strictness tables per RFC 7468 §2–§3.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import type { CryptoError } from '../../src/errors.js';
import { decodePem, decodePemBlocks, encodePem } from '../../src/keys/pem.js';
import { expectCryptoError } from '../support/errors';

const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const spkiPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const spkiDer = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pkcs8Der = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));

function invalidEncoding(fn: () => unknown): CryptoError {
  return expectCryptoError(fn, 'INVALID_ENCODING');
}

describe('encodePem writes what OpenSSL/node write', () => {
  it('SPKI and PKCS#8 (multi-line bodies) byte for byte', () => {
    expect(encodePem('PUBLIC KEY', spkiDer)).toBe(spkiPem);
    expect(encodePem('PRIVATE KEY', pkcs8Der)).toBe(pkcs8Pem);
  });
  it('fast-check: any body, any label node accepts, matches a 64-column reference and round-trips (1000 runs)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.constantFrom('PUBLIC KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'X'),
        (der, label) => {
          const body = Buffer.from(der)
            .toString('base64')
            .replace(/(.{64})/g, '$1\n')
            .replace(/\n$/, '');
          const pem = encodePem(label, der);
          expect(pem).toBe(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
          expect(decodePem(pem, label)).toEqual({ label, der });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('decoding tolerates what editors and tools produce', () => {
  it('\\r\\n line ends, surrounding whitespace, other line lengths', () => {
    expect(decodePem(spkiPem.replace(/\n/g, '\r\n'), 'PUBLIC KEY').der).toEqual(spkiDer);
    expect(decodePem(`\n\n  ${spkiPem.replace(/\n/g, '  \n')}\n\t\n`, 'PUBLIC KEY').der).toEqual(
      spkiDer,
    );
    const oneLine = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spkiDer).toString('base64')}\n-----END PUBLIC KEY-----`;
    expect(decodePem(oneLine, 'PUBLIC KEY').der).toEqual(spkiDer);
    const short = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spkiDer)
      .toString('base64')
      .replace(/(.{20})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`;
    expect(decodePem(short, 'PUBLIC KEY').der).toEqual(spkiDer);
  });
  it('several concatenated blocks, in order, each with its label', () => {
    const blocks = decodePemBlocks(spkiPem + '\n' + pkcs8Pem + spkiPem);
    expect(blocks.map((b) => b.label)).toEqual(['PUBLIC KEY', 'PRIVATE KEY', 'PUBLIC KEY']);
    expect(blocks[1].der).toEqual(pkcs8Der);
  });
  it('decodePem with a list of accepted labels reports which was found', () => {
    expect(decodePem(pkcs8Pem, ['PRIVATE KEY', 'EC PRIVATE KEY']).label).toBe('PRIVATE KEY');
  });
});

describe('decoding rejects (CryptoError INVALID_ENCODING), grouped by reason', () => {
  const body = spkiPem.split('\n').slice(1, -2).join('\n');
  const cases: Record<string, string[]> = {
    'wrong label': [
      pkcs8Pem,
      spkiPem.replace(/PUBLIC KEY/g, 'EC PUBLIC KEY'),
      spkiPem.replace(/PUBLIC KEY/g, 'public key'),
    ],
    'junk outside the block': [`junk\n${spkiPem}`, `${spkiPem}junk\n`, `Subject: x\n${spkiPem}`],
    'missing or mismatched END line': [
      spkiPem.replace('-----END PUBLIC KEY-----\n', ''),
      spkiPem.replace('END PUBLIC KEY', 'END PRIVATE KEY'),
      spkiPem.replace('-----END PUBLIC KEY-----', '-----END PUBLIC KEY----'),
    ],
    'malformed BEGIN line': [
      spkiPem.replace('-----BEGIN PUBLIC KEY-----', '-----BEGIN PUBLIC  KEY-----'),
      spkiPem.replace('-----BEGIN', '----BEGIN'),
    ],
    'RFC 1421 headers (encrypted PEM)': [
      `-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\n${body}\n-----END PUBLIC KEY-----\n`,
    ],
    'body not canonical base64': [
      `-----BEGIN PUBLIC KEY-----\n${body}!\n-----END PUBLIC KEY-----\n`,
      `-----BEGIN PUBLIC KEY-----\n${body.slice(0, -1)}\n-----END PUBLIC KEY-----\n`,
      `-----BEGIN PUBLIC KEY-----\n${body.replace(/\+/g, '-')}x\n-----END PUBLIC KEY-----\n`,
    ],
    'empty body or no block': [
      '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
      '',
      '\n \n',
    ],
    'more than one block where one is expected': [spkiPem + spkiPem],
  };
  for (const [reason, inputs] of Object.entries(cases)) {
    it.each(inputs.map((text, i) => [i, text]))(`${reason} #%i`, (_i, text) => {
      const error = invalidEncoding(() => decodePem(text as string, 'PUBLIC KEY'));
      expect(error.message).toMatch(/^pem: /);
      expect(error.message).not.toContain(body.slice(0, 16)); // never quotes the body
    });
  }
});

describe('junk-typed inputs → TypeError (RangeError for a malformed label)', () => {
  const junk: unknown[] = [undefined, null, 1, {}, [spkiPem], new Uint8Array(3)];
  it.each(junk)('text or label %p', (value) => {
    expect(() => decodePemBlocks(value as string)).toThrow(TypeError);
    expect(() => decodePem(value as string, 'PUBLIC KEY')).toThrow(TypeError);
    expect(() => encodePem(value as string, spkiDer)).toThrow(TypeError);
    if (!Array.isArray(value)) expect(() => decodePem(spkiPem, value as string)).toThrow(TypeError);
  });
  it.each<unknown>([undefined, null, 1, 'MFkw', [1, 2], new ArrayBuffer(2)])('der %p', (value) => {
    expect(() => encodePem('PUBLIC KEY', value as Uint8Array)).toThrow(TypeError);
  });
  it('a label list holding a non-label is a RangeError that does not echo it', () => {
    expect(() => decodePem(spkiPem, [spkiPem])).toThrow(/^labels\[0\] is not a valid PEM label/);
    expect(() => decodePem(spkiPem, [])).toThrow(TypeError);
  });
  it('labels that RFC 7468 §3 does not allow', () => {
    for (const label of ['-X', 'A--B', 'A  B', 'A\nB', 'X-'])
      expect(() => encodePem(label, spkiDer)).toThrow(RangeError);
  });
});
