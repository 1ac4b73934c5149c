/**
 * src/explain/ecdsa.ts, the traced ECDSA signature and verification, checked against values
 * computed independently here: on the toy curve the brute-force oracle of toy-oracle.ts (point
 * arithmetic and inverses by search, with n = 233) and node:crypto's HMAC for the RFC 6979
 * nonce; on P-256 node:crypto (the public key, and its verification of the traced signature).
 */
import * as crypto from 'node:crypto';
import { bytesToHex } from '../../src/bytes';
import { renderEcdsa, traceEcdsa } from '../../src/explain/ecdsa';
import { toJson } from '../../src/explain/format';
import { add, multiply, show, type ToyPoint } from './toy-oracle';
import { expectCryptoError } from '../support/errors';

const G0: ToyPoint = [4, 27];
const N = 233;
const asToy = (Q: { x: bigint; y: bigint }): ToyPoint => [Number(Q.x), Number(Q.y)];
const inverseModN = (x: number): number => {
  for (let y = 1; y < N; y++) if ((x * y) % N === 1) return y;
  throw new Error('no inverse');
};
const hmac = (key: Buffer, data: Buffer): Buffer =>
  crypto.createHmac('sha256', key).update(data).digest();

/** RFC 6979 §3.2 for q = 233 (qlen = 8, rlen = 1 byte), written out with node's HMAC. */
function toyNonces(d: number, h1: Buffer): number[] {
  const x = Buffer.of(d);
  const h = Buffer.of(h1[0] % N); // bits2octets: the first byte, reduced mod q
  let V: Buffer = Buffer.alloc(32, 1);
  let K: Buffer = Buffer.alloc(32, 0);
  K = hmac(K, Buffer.concat([V, Buffer.of(0), x, h]));
  V = hmac(K, V);
  K = hmac(K, Buffer.concat([V, Buffer.of(1), x, h]));
  V = hmac(K, V);
  const out: number[] = [];
  while (out.length < 5) {
    V = hmac(K, V);
    if (V[0] >= 1 && V[0] < N) out.push(V[0]);
    K = hmac(K, Buffer.concat([V, Buffer.of(0)]));
    V = hmac(K, V);
  }
  return out;
}

describe('traceEcdsa on the toy curve, against the oracle', () => {
  it.each([
    [17, 'hello, ecdsa'],
    [101, 'attack at dawn'],
    [1, 'x'],
    [232, ''],
  ])('d = %i, message %j', (d, message) => {
    const t = traceEcdsa('toy', { d: BigInt(d), message });
    const digest = crypto.createHash('sha256').update(message).digest();
    const e = digest[0];
    expect(Number(t.e)).toBe(e);
    expect(show(asToy(t.Q))).toBe(show(multiply(d, G0)));
    // k: the first oracle nonce that gives r ≠ 0 and s ≠ 0
    const k = toyNonces(d, digest).find((candidate) => {
      const R = multiply(candidate, G0)!;
      const r = R[0] % N;
      return r !== 0 && (inverseModN(candidate) * (e + r * d)) % N !== 0;
    })!;
    expect(Number(t.k)).toBe(k);
    const R = multiply(k, G0)!;
    const r = R[0] % N;
    const s = (inverseModN(k) * (e + r * d)) % N;
    expect([Number(t.r), Number(t.s)]).toEqual([r, s]);
    const w = inverseModN(s);
    const u1 = (e * w) % N;
    const u2 = (r * w) % N;
    const Rv = add(multiply(u1, G0), multiply(u2, multiply(d, G0)));
    expect(show(asToy(t.verifyPoint))).toBe(show(Rv));
    expect(Rv![0] % N).toBe(r);
    expect(t.valid).toBe(true);
    expect(Number(t.combined)).toBe(k);
    expect(t.check.equal).toBe(true);
  });

  it('renders the hand-checkable numbers', () => {
    const text = renderEcdsa(traceEcdsa('toy')).join('\n');
    const t = traceEcdsa('toy');
    expect(text).toContain(`signature (r, s) = (${t.r}, ${t.s})`);
    expect(text).toContain(`x(R') mod n = ${t.r} = r: valid`);
    expect(text).toContain(`u1 + u2·d mod n = ${t.k} = k`);
    expect(text).toMatch(/checked against .*: same r and s, valid$/);
  });
});

describe('traceEcdsa on P-256', () => {
  it('node:crypto verifies the traced signature under the traced public key', () => {
    const t = traceEcdsa('p256', { message: 'a P-256 trace' });
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(t.d.toString(16).padStart(64, '0'), 'hex'));
    const raw = ecdh.getPublicKey('hex', 'uncompressed');
    expect(raw).toBe(
      `04${t.Q.x.toString(16).padStart(64, '0')}${t.Q.y.toString(16).padStart(64, '0')}`,
    );
    const key = crypto.createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(raw.slice(2, 66), 'hex').toString('base64url'),
        y: Buffer.from(raw.slice(66), 'hex').toString('base64url'),
      },
      format: 'jwk',
    });
    expect(crypto.verify('sha256', Buffer.from('a P-256 trace'), key, t.der!)).toBe(true);
    expect(t.valid && t.check.equal && t.combined === t.k).toBe(true);
    const lines = renderEcdsa(t);
    // The DER is wrapped under its label: its groups, read in order, are the encoding.
    const der = lines.slice(lines.findIndex((l) => l.trim() === 'signature (r, s), DER:') + 1);
    const groups = der.slice(0, der.indexOf('')).join(' ');
    expect(groups.replace(/\s+/g, '')).toBe(bytesToHex(t.der!));
    expect(lines.filter((line) => [...line].length > 100)).toEqual([]);
    expect(JSON.parse(toJson(t)).s).toBe(t.s.toString(10));
  });
  it('refuses a private key outside [1, n − 1]: INVALID_SCALAR, as everywhere', () => {
    expectCryptoError(() => traceEcdsa('toy', { d: 233n }), 'INVALID_SCALAR');
    expectCryptoError(() => traceEcdsa('p256', { d: 0n }), 'INVALID_SCALAR');
  });
});
