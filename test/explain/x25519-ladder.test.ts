/**
 * src/explain/x25519-ladder.ts: the traced X25519 ladder, checked against values computed
 * independently here: node:crypto (OpenSSL) for the result, and the naive x-only ladder of
 * test/x25519/oracle.ts for the u-coordinates of j·P and (j+1)·P at sampled steps.
 */
import * as crypto from 'node:crypto';
import { toJson } from '../../src/explain/format';
import { renderX25519Ladder, traceX25519Ladder } from '../../src/explain/x25519-ladder';
import { oracleLadder } from '../x25519/oracle';

const p = 2n ** 255n - 19n;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The little-endian integer of 32 bytes. */
const littleEndian = (bytes: Uint8Array) =>
  BigInt('0x' + (Buffer.from(bytes).reverse().toString('hex') || '0'));

/** X25519(key, 9) by node:crypto, as an integer. */
function nodePublicU(key: Uint8Array): bigint {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, key]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return littleEndian(spki.subarray(12));
}

describe('traceX25519Ladder', () => {
  const key = Uint8Array.from(
    Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex'),
  ); // RFC 7748 §6.1, Alice's private key
  const trace = traceX25519Ladder(littleEndian(key));

  it("a clamped key on the base point: 255 steps, the result is node:crypto's public key", () => {
    expect(trace.clamped).toBe(true);
    expect(trace.steps).toHaveLength(255);
    expect(trace.k % 8n).toBe(0n);
    expect(trace.k >> 254n).toBe(1n);
    expect(trace.result).toBe(nodePublicU(key));
    expect(trace.check.equal).toBe(true);
    expect(trace.steps.every((s) => s.invariantHolds)).toBe(true);
  });

  it('each step: t, k_t, the prefix j, and the merged cswap bit (previous ⊕ k_t)', () => {
    let previous = 0;
    let exchanged = 0;
    trace.steps.forEach((s, i) => {
      expect(s.t).toBe(254 - i);
      expect(BigInt(s.bit)).toBe((trace.k >> BigInt(s.t)) & 1n);
      expect(s.j).toBe(trace.k >> BigInt(s.t));
      expect(s.swap).toBe(previous ^ s.bit);
      exchanged += s.swap;
      previous = s.bit;
    });
    expect(trace.finalSwap).toBe(previous);
    expect(trace.swaps).toBe(exchanged + previous);
  });

  it('R0 and R1 are u(j·P) and u((j+1)·P) by an independent x-only ladder (sampled steps)', () => {
    for (const index of [0, 1, 2, 50, 200, 254]) {
      const s = trace.steps[index];
      expect(s.R0).toBe(oracleLadder(s.j, 9n));
      expect(s.R1).toBe(oracleLadder(s.j + 1n, 9n));
      // the registers as the RFC holds them: (x2 : z2) is R_(k_t)
      const [X, Z] = s.bit === 1 ? [s.x3, s.z3] : [s.x2, s.z2];
      expect((X * modInverse(Z)) % p).toBe(s.R0);
    }
  });

  it('an unclamped small k: R0 stays O (j = 0) until the first 1 bit, then j = 1, 3, 6, 13', () => {
    const small = traceX25519Ladder(13n, { clamp: false });
    expect(small.k).toBe(13n);
    expect(small.steps.slice(0, 251).every((s) => s.j === 0n && s.R0 === null)).toBe(true);
    expect(small.steps.slice(0, 251).every((s) => s.R1 === 9n)).toBe(true);
    expect(small.steps.slice(251).map((s) => s.j)).toEqual([1n, 3n, 6n, 13n]);
    expect(small.result).toBe(oracleLadder(13n, 9n));
    expect(small.steps.every((s) => s.invariantHolds)).toBe(true);
  });

  it('another point of the curve (u of 5·B); the twist and out-of-range inputs are refused', () => {
    const u = oracleLadder(5n, 9n);
    const other = traceX25519Ladder(2n ** 254n + 8n * 77n, { u, clamp: false });
    expect(other.result).toBe(oracleLadder(other.k, u));
    expect(other.steps.every((s) => s.invariantHolds)).toBe(true);
    expect(() => traceX25519Ladder(1n, { u: 2n })).toThrow(/twist/); // u = 2 is on the twist
    expect(() => traceX25519Ladder(2n ** 256n)).toThrow(RangeError);
    expect(() => traceX25519Ladder(2n ** 255n, { clamp: false })).toThrow(RangeError);
    expect(() => traceX25519Ladder(-1n)).toThrow(RangeError);
    expect(() => traceX25519Ladder(1 as unknown as bigint)).toThrow(TypeError);
    expect(() => traceX25519Ladder(1n, { u: p })).toThrow(RangeError);
  });
});

describe('renderX25519Ladder', () => {
  it('shows the clamping, the first steps in full, a summary, and the checked result', () => {
    const key = crypto.randomBytes(32);
    const trace = traceX25519Ladder(littleEndian(key));
    const lines = renderX25519Ladder(trace, 2);
    const text = lines.join('\n');
    expect(text).toMatch(/^X25519 ladder \(RFC 7748 §5\)/);
    expect(text).toContain('clamped k = ');
    expect(lines.filter((l) => l.startsWith('step '))).toHaveLength(2);
    expect(text).toContain('steps 3–255: 253 more');
    expect(text).toContain('held at 253 of 253');
    const result = nodePublicU(key).toString(16).padStart(64, '0');
    expect(text).toContain(`0x${result.match(/.{8}/g)!.join(' ')}`);
    expect(text).toMatch(/agrees with x25519Ladder \(src\/x25519\/ladder.ts\): yes$/);
  });

  it('the first step of a clamped key exchanges (k_254 = 1) and yields R0 = P, R1 = 2P', () => {
    const lines = renderX25519Ladder(traceX25519Ladder(0n), 1);
    expect(lines).toContain('  R0 = j·P      u = 9');
    expect(
      lines.some((l) => /^step 1 {3}t = 254 {3}k_t = 1 {3}cswap 1 \(exchanged\)/.test(l)),
    ).toBe(true);
    expect(lines).toContain(`  R1 = (j+1)·P  u = 0x${oracleHex(2n)}`);
  });

  it('the trace serialises for --json', () => {
    const json = JSON.parse(toJson(traceX25519Ladder(13n, { clamp: false })));
    expect(json.steps).toHaveLength(255);
    expect(json.steps[0].R0).toBeNull();
    expect(json.result).toBe(oracleLadder(13n, 9n).toString());
  });
});

function oracleHex(k: bigint): string {
  return oracleLadder(k, 9n).toString(16).padStart(64, '0').match(/.{8}/g)!.join(' ');
}

function modInverse(z: bigint): bigint {
  let [r0, r1, s0, s1] = [((z % p) + p) % p, p, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}
