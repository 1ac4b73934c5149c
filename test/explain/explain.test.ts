/**
 * src/explain: the traced computations, checked against values computed independently here
 * (test/explain/toy-oracle.ts for the toy curve; node:crypto for P-256, HMAC and HKDF; plain
 * BigInt exponentiation for inverses), never against the code under test.
 */
import * as crypto from 'node:crypto';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/index';
import { INFINITY, TOY, G, P256 } from '../../src/math';
import { demoScalar, renderEcdh, traceEcdh } from '../../src/explain/ecdh';
import { renderAes, traceAes } from '../../src/explain/aes';
import { renderInverse, traceInverse } from '../../src/explain/field';
import { toJson } from '../../src/explain/format';
import { renderHkdf, traceHkdf } from '../../src/explain/hkdf';
import { renderLadder, traceLadder } from '../../src/explain/ladder';
import { add, enumerate, multiply, show, type ToyPoint } from './toy-oracle';

const G0: ToyPoint = [4, 27];
const asToy = (Q: { x: bigint; y: bigint }): ToyPoint =>
  Q === INFINITY ? null : [Number(Q.x), Number(Q.y)];

/** The public key of scalar d on P-256 from node:crypto, as x and y hex. */
function nodePublic(d: bigint): { x: string; y: string } {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
  const pub = ecdh.getPublicKey('hex', 'uncompressed');
  return { x: pub.slice(2, 66), y: pub.slice(66) };
}

describe('the toy group, by brute force', () => {
  it('has 233 elements (232 affine points and O), and G generates all of them', () => {
    const points = enumerate();
    expect(points.length + 1).toBe(233);
    const seen = new Set<string>();
    let R: ToyPoint = null;
    for (let k = 0; k < 233; k++) {
      seen.add(show(R));
      R = add(R, G0);
    }
    expect(seen.size).toBe(233);
    expect(R).toBeNull(); // 233·G = O
  });
});

describe('traceLadder on the toy curve', () => {
  it('k = 13: every step holds j·G and (j+1)·G for the prefix j of k, and the invariant', () => {
    const trace = traceLadder(13n, TOY.G, TOY);
    expect(trace.bitLength).toBe(8);
    const bits = (13).toString(2).padStart(8, '0');
    trace.steps.forEach((s, i) => {
      const j = parseInt(bits.slice(0, i + 1), 2);
      expect(Number(s.j)).toBe(j);
      expect(s.bit).toBe(Number(bits[i]));
      expect(show(asToy(s.R0))).toBe(show(multiply(j, G0)));
      expect(show(asToy(s.R1))).toBe(show(multiply(j + 1, G0)));
      expect(s.invariantHolds).toBe(true);
    });
    expect(show(asToy(trace.result))).toBe('(200, 130)');
    expect(show(multiply(13, G0))).toBe('(200, 130)');
  });

  it('agrees with naive double-and-add for every k in [0, 256)', () => {
    for (let k = 0; k < 256; k++) {
      const trace = traceLadder(BigInt(k), TOY.G, TOY);
      const expected = multiply(k, G0);
      const text = renderLadder(trace).find((l) => l.startsWith('result'))!;
      expect(text).toBe(`result  k·P = ${show(expected)}`);
      expect(trace.steps.every((s) => s.invariantHolds)).toBe(true);
    }
  });

  it('the rendered table shows the oracle values row by row', () => {
    const lines = renderLadder(traceLadder(13n, TOY.G, TOY));
    const rows = lines.filter((l) => /^\d+\s/.test(l));
    expect(rows).toHaveLength(8);
    const bits = '00001101';
    rows.forEach((row, i) => {
      const j = parseInt(bits.slice(0, i + 1), 2);
      expect(row).toContain(show(multiply(j, G0)));
      expect(row).toContain(show(multiply(j + 1, G0)));
      expect(row).toMatch(/✓$/);
    });
  });

  it('rejects a k beyond the bit length of n', () => {
    expect(() => traceLadder(256n, TOY.G, TOY)).toThrow(RangeError);
  });
});

describe('traceLadder on P-256', () => {
  it('matches node:crypto for a demo scalar and for small ones; the invariant holds at all 256 steps', () => {
    for (const k of [1n, 2n, 3n, demoScalar('ecdh-lab Alice')]) {
      const t = traceLadder(k, G, P256);
      expect(t.steps).toHaveLength(256);
      expect(t.steps.every((s) => s.invariantHolds)).toBe(true);
      const pub = nodePublic(k);
      expect(t.result.x.toString(16).padStart(64, '0')).toBe(pub.x);
      expect(t.result.y.toString(16).padStart(64, '0')).toBe(pub.y);
      expect(t.check.equal).toBe(true);
    }
  });
  it('the P-256 rendering shows the first iterations in full and a summary', () => {
    const lines = renderLadder(traceLadder(demoScalar('ecdh-lab Alice'), G, P256), 2);
    expect(lines.filter((l) => l.startsWith('step '))).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/steps 3–256: 254 more iterations/);
  });
});

describe('traceEcdh', () => {
  it('toy: dA = 17, dB = 42 against the oracle', () => {
    const t = traceEcdh('toy', 17n, 42n);
    const QA = multiply(17, G0);
    const QB = multiply(42, G0);
    expect(show(asToy(t.QA))).toBe(show(QA));
    expect(show(asToy(t.QB))).toBe(show(QB));
    expect(show(asToy(t.alicePoint))).toBe(show(multiply((17 * 42) % 233, G0)));
    expect(show(multiply(17, QB))).toBe(show(multiply(42, QA)));
    expect(renderEcdh(t).join('\n')).toContain(
      `shared secret Z = x-coordinate = ${multiply(714 % 233, G0)![0]}`,
    );
  });
  it('p256: the public keys, shared secret and HKDF key agree with node:crypto', () => {
    const t = traceEcdh('p256');
    const a = crypto.createECDH('prime256v1');
    a.setPrivateKey(Buffer.from(t.dA.toString(16).padStart(64, '0'), 'hex'));
    const b = crypto.createECDH('prime256v1');
    b.setPrivateKey(Buffer.from(t.dB.toString(16).padStart(64, '0'), 'hex'));
    expect(bytesToHex(t.QAEncoded!)).toBe(a.getPublicKey('hex', 'uncompressed'));
    expect(bytesToHex(t.QBEncoded!)).toBe(b.getPublicKey('hex', 'uncompressed'));
    const Z = a.computeSecret(b.getPublicKey());
    expect(bytesToHex(t.Z!)).toBe(Z.toString('hex'));
    expect(bytesToHex(t.key!)).toBe(
      Buffer.from(crypto.hkdfSync('sha256', Z, Buffer.alloc(32), Buffer.alloc(0), 32)).toString(
        'hex',
      ),
    );
  });
  it('demo scalars are the published SHA-256 derivation', () => {
    const h = BigInt('0x' + crypto.createHash('sha256').update('ecdh-lab Alice').digest('hex'));
    expect(demoScalar('ecdh-lab Alice')).toBe((h % (P256.n! - 1n)) + 1n);
  });
});

describe('traceHkdf', () => {
  it('RFC 5869 A.1: PRK, each T(i) and OKM, recomputed with node:crypto', () => {
    const ikm = hexToBytes('0b'.repeat(22));
    const salt = hexToBytes('000102030405060708090a0b0c');
    const info = hexToBytes('f0f1f2f3f4f5f6f7f8f9');
    const t = traceHkdf(ikm, salt, info, 42);
    const prk = crypto.createHmac('sha256', salt).update(ikm).digest();
    expect(bytesToHex(t.prk)).toBe(prk.toString('hex'));
    expect(bytesToHex(t.prk)).toBe(
      '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
    ); // RFC 5869 A.1
    let T = Buffer.alloc(0);
    t.blocks.forEach((block, i) => {
      T = crypto
        .createHmac('sha256', prk)
        .update(Buffer.concat([T, info, Buffer.of(i + 1)]))
        .digest();
      expect(bytesToHex(block.T)).toBe(T.toString('hex'));
    });
    expect(bytesToHex(t.okm)).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    ); // RFC 5869 A.1
    expect(renderHkdf(t).join('\n')).toContain('PRK   07770936 2c2e32df');
  });
  it('no salt means 32 zero bytes; lengths 0, 1, 32, 33, 100', () => {
    for (const L of [0, 1, 32, 33, 100]) {
      const t = traceHkdf(utf8ToBytes('ikm'), undefined, utf8ToBytes('info'), L);
      expect(bytesToHex(t.okm)).toBe(
        Buffer.from(crypto.hkdfSync('sha256', 'ikm', Buffer.alloc(32), 'info', L)).toString('hex'),
      );
      expect(t.blocks).toHaveLength(Math.ceil(L / 32));
    }
  });
});

describe('traceInverse', () => {
  it('toy: 17⁻¹ mod 223 = 105 by both methods, every Fermat step is 17^e', () => {
    const t = traceInverse(17n, 223n);
    expect(t.inverse).toBe(105n);
    expect((17 * 105) % 223).toBe(1);
    for (const s of t.fermat) expect(s.acc).toBe(17n ** s.e % 223n);
    for (const s of t.euclid) expect((((s.r - s.s * 17n) % 223n) + 223n) % 223n).toBe(0n); // r ≡ s·a
    expect(renderInverse(t).join('\n')).toContain('a^(p−2) = 105');
  });
  it('P-256: the inverse satisfies a·a⁻¹ ≡ 1 and both tables are consistent', () => {
    const { p } = P256;
    for (const a of [2n, 5n, G.x]) {
      const t = traceInverse(a, p);
      expect((a * t.inverse) % p).toBe(1n);
      expect(t.check.equal).toBe(true);
      expect(t.fermat).toHaveLength(256);
    }
  });
  it('rejects 0', () => {
    expect(() => traceInverse(223n, 223n)).toThrow(RangeError);
  });
});

describe('toJson', () => {
  it('bigints as decimal strings, bytes as hex, O as null', () => {
    const json = JSON.parse(toJson(traceLadder(1n, TOY.G, TOY)));
    expect(json.k).toBe('1');
    expect(json.steps[0].R0).toBeNull();
    expect(json.result).toEqual({ x: '4', y: '27' });
    expect(JSON.parse(toJson({ b: Uint8Array.of(1, 255) }))).toEqual({ b: '01ff' });
  });
});

describe('traceAes', () => {
  // FIPS 197 Appendix C.1 (AES-128): round[1].start, .s_box, .s_row, .m_col; round[2].start; output.
  const key = hexToBytes('000102030405060708090a0b0c0d0e0f');
  const block = hexToBytes('00112233445566778899aabbccddeeff');
  it('matches FIPS 197 Appendix C.1 and node:crypto', () => {
    const t = traceAes(key, block);
    const hex = t.steps.map((s) => bytesToHex(s.state));
    expect(hex.slice(0, 6)).toEqual([
      '00102030405060708090a0b0c0d0e0f0',
      '63cab7040953d051cd60e0e7ba70e18c',
      '6353e08c0960e104cd70b751bacad0e7',
      '5f72641557f5bc92f7be3b291db9f91a',
      '89d810e8855ace682d1843d8cb128fe4',
      'a761ca9b97be8b45d8ad1a611fc97369',
    ]);
    expect(t.steps).toHaveLength(1 + 9 * 4 + 3);
    const ecb = crypto.createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    expect(bytesToHex(t.output)).toBe(ecb.update(block).toString('hex'));
    expect(bytesToHex(t.output)).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
    expect(renderAes(t).join('\n')).toContain('output  69c4e0d8 6a7b0430 d8cdb780 70b4c55a');
  });
  it('AES-256: 14 rounds, output from node:crypto', () => {
    const k = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const t = traceAes(k, block);
    expect(t.rounds).toBe(14);
    const ecb = crypto.createCipheriv('aes-256-ecb', k, null).setAutoPadding(false);
    expect(bytesToHex(t.output)).toBe(ecb.update(block).toString('hex'));
  });
});
