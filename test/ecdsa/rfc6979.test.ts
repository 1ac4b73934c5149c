/**
 * RFC 6979 deterministic nonces and signatures (src/ecdsa/rfc6979.ts, src/ecdsa/ecdsa.ts).
 * Sources, inline below: RFC 6979 Appendix A.1.3 (the detailed example's k, for a 163-bit q:
 * bits2int on a q whose length is not a multiple of 8) and Appendix A.2.5 (P-256: the key
 * pair, and k, r, s for the messages "sample" and "test" with SHA-256, SHA-384 and SHA-512).
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import type { HashFunction } from '../../src/hash/hash';
import { bits2int, rfc6979Nonces } from '../../src/ecdsa/rfc6979';
import { ecdsaSign, ecdsaVerify } from '../../src/ecdsa/ecdsa';
import { decodeSignature } from '../../src/ecdsa/signature';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { n } from '../../src/math/scalar';
import { G } from '../../src/curve/p256';
import { expectCryptoError } from '../support/errors';

const big = (hex: string): bigint => BigInt(`0x${hex}`);

// RFC 6979 §A.1.3: the detailed example (q of 163 bits, SHA-256, message "sample").
const A1 = {
  q: big('4000000000000000000020108A2E0CC0D99F8A5EF'),
  x: big('09A4D6792295A7F730FC3F2B49CBC0F62E862272F'),
  k: big('23AF4074C90A02B3FE61D286D5C87F425E6BDD81B'),
};

// RFC 6979 §A.2.5: ECDSA, 256 bits (prime field): NIST P-256.
const A25 = {
  x: big('C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721'),
  Ux: big('60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6'),
  Uy: big('7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299'),
};
const A25_SIGNATURES: { hash: HashFunction; message: string; k: string; r: string; s: string }[] = [
  {
    hash: sha256,
    message: 'sample',
    k: 'A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60',
    r: 'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716',
    s: 'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
  },
  {
    hash: sha384,
    message: 'sample',
    k: '09F634B188CEFD98E7EC88B1AA9852D734D0BC272F7D2A47DECC6EBEB375AAD4',
    r: '0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719',
    s: '4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954',
  },
  {
    hash: sha512,
    message: 'sample',
    k: '5FA81C63109BADB88C1F367B47DA606DA28CAD69AA22C4FE6AD7DF73A7173AA5',
    r: '8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00',
    s: '2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE',
  },
  {
    hash: sha256,
    message: 'test',
    k: 'D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0',
    r: 'F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367',
    s: '019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083',
  },
  {
    hash: sha384,
    message: 'test',
    k: '16AEFFA357260B04B1DD199693960740066C1A8F3E8EDD79070AA914D361B3B8',
    r: '83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6',
    s: '8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C',
  },
  {
    hash: sha512,
    message: 'test',
    k: '6915D11632ACA3C40D5D51C08DAF9C555933819548784480E93499000D9F0B7F',
    r: '461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04',
    s: '39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55',
  },
];

describe('RFC 6979 §A.1.3: the detailed example (qlen = 163)', () => {
  it('k for SHA-256 and "sample"', () => {
    const h1 = sha256(utf8ToBytes('sample'));
    expect(rfc6979Nonces(sha256, A1.q, A1.x, h1)()).toBe(A1.k);
  });
});

describe('RFC 6979 §A.2.5: P-256', () => {
  const key = PrivateKey.fromRaw(hexToBytes(A25.x.toString(16).padStart(64, '0')));
  it('the key pair: U = x·G', () => {
    expect(key.publicKey.point).toEqual({ x: A25.Ux, y: A25.Uy });
  });
  it.each(A25_SIGNATURES.map((v) => [`${v.hash.algorithm}, "${v.message}"`, v] as const))(
    '%s: k, then (r, s) from PrivateKey.sign in both formats, verified by PublicKey.verify',
    (_name, v) => {
      const message = utf8ToBytes(v.message);
      expect(rfc6979Nonces(v.hash, n, A25.x, v.hash(message))()).toBe(big(v.k));
      const p1363 = key.sign(message, { hash: v.hash, format: 'p1363' });
      expect(bytesToHex(p1363)).toBe((v.r + v.s).toLowerCase());
      const der = key.sign(message, { hash: v.hash });
      expect(decodeSignature(der)).toEqual({ r: big(v.r), s: big(v.s) });
      expect(key.signDigest(v.hash(message), { hash: v.hash })).toEqual(der);
      const U = PublicKey.fromPoint({ x: A25.Ux, y: A25.Uy });
      expect(U.verify(message, der, { hash: v.hash })).toBe(true);
      expect(U.verify(message, p1363, { hash: v.hash, format: 'p1363' })).toBe(true);
      expect(U.verifyDigest(v.hash(message), der, { hash: v.hash })).toBe(true);
      expect(ecdsaSign(A25.x, v.hash(message), { hash: v.hash })).toEqual({
        r: big(v.r),
        s: big(v.s),
      });
      expect(
        ecdsaVerify(
          { x: A25.Ux, y: A25.Uy },
          v.hash(message),
          { r: big(v.r), s: big(v.s) },
          { hash: v.hash },
        ),
      ).toBe(true);
      // another message, another hash or another key: invalid
      expect(U.verify(utf8ToBytes(`${v.message}!`), der, { hash: v.hash })).toBe(false);
      expect(U.verify(message, der, { hash: v.hash === sha256 ? sha512 : sha256 })).toBe(false);
      expect(PublicKey.fromPoint(G).verify(message, der, { hash: v.hash })).toBe(false);
    },
  );
});

describe('bits2int (RFC 6979 §2.3.2)', () => {
  it('keeps the leftmost qlen bits', () => {
    expect(bits2int(Uint8Array.of(0xff, 0x01), 233n)).toBe(0xffn); // qlen = 8: the first byte
    expect(bits2int(Uint8Array.of(0xff, 0x01), 0x7fffn)).toBe(0xff01n >> 1n); // qlen = 15
    expect(bits2int(Uint8Array.of(0x01), n)).toBe(1n); // shorter than qlen: the whole value
  });
});

describe('rfc6979Nonces', () => {
  it('always yields k in [1, q − 1], for small q too (the toy curve: q = 233, qlen = 8)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 232 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (x, h1) => {
          const next = rfc6979Nonces(sha256, 233n, BigInt(x), h1);
          for (let i = 0; i < 4; i++) {
            const k = next();
            if (k < 1n || k > 232n) return false;
          }
          return true;
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('extra data (§3.6) changes k; the same extra data gives the same k', () => {
    const h1 = sha256(utf8ToBytes('sample'));
    const plain = rfc6979Nonces(sha256, n, A25.x, h1)();
    const extra = Uint8Array.of(1, 2, 3);
    const hedged = rfc6979Nonces(sha256, n, A25.x, h1, extra)();
    expect(hedged).not.toBe(plain);
    expect(rfc6979Nonces(sha256, n, A25.x, h1, extra)()).toBe(hedged);
    expect(rfc6979Nonces(sha256, n, A25.x, h1, new Uint8Array(0))()).toBe(plain);
  });
  it('rejects bad arguments', () => {
    expectCryptoError(() => rfc6979Nonces(sha256, n, 0n, new Uint8Array(32)), 'INVALID_SCALAR');
    expectCryptoError(() => rfc6979Nonces(sha256, n, n, new Uint8Array(32)), 'INVALID_SCALAR');
    expect(() => rfc6979Nonces(sha256, 1n, 1n, new Uint8Array(32))).toThrow(RangeError); // q < 2
    expect(() => rfc6979Nonces({} as never, n, 1n, new Uint8Array(32))).toThrow(TypeError);
    expect(() => rfc6979Nonces(sha256, n, 1n, 'abc' as never)).toThrow(TypeError);
  });
});

// Mutation testing (group ecdsa-sign): every candidate of the HMAC-DRBG, not only the first. The
// reference below is RFC 6979 §3.2 steps b–h and §3.4 written out again on node:crypto's HMAC
// (an independent HMAC, FIPS 198-1) with bits2int, int2octets and bits2octets (§2.3) on
// BigInt. Orders: the toy curve's q = 233 (qlen = 8: about one candidate in ten is 0 or ≥ q and
// must be skipped), RFC 6979 §A.1.3's 163-bit q (qlen not a multiple of 8), P-256's n, and the
// 521-bit 2^521 − 1 (with SHA-256, T needs three HMAC outputs per candidate).
describe('rfc6979Nonces against the RFC 6979 §3.2 steps on node:crypto HMAC', () => {
  const NODE_HASH: Record<string, string> = {
    'SHA-256': 'sha256',
    'SHA-384': 'sha384',
    'SHA-512': 'sha512',
  };
  const Q521 = (1n << 521n) - 1n;
  /** The candidates in order, the rejected ones included: [k, accepted]. */
  function referenceCandidates(
    hash: HashFunction,
    q: bigint,
    x: bigint,
    h1: Uint8Array,
    extra: Uint8Array,
    count: number,
  ): [bigint, boolean][] {
    const algorithm = NODE_HASH[hash.algorithm];
    const hmac = (key: Uint8Array, ...parts: Uint8Array[]) => {
      const mac = crypto.createHmac(algorithm, key);
      for (const part of parts) mac.update(part);
      return new Uint8Array(mac.digest());
    };
    const qlen = q.toString(2).length;
    const rlen = Math.ceil(qlen / 8);
    const toInt = (b: Uint8Array) => (b.length === 0 ? 0n : BigInt(`0x${bytesToHex(b)}`));
    const b2i = (b: Uint8Array) => {
      const v = toInt(b);
      return b.length * 8 > qlen ? v >> BigInt(b.length * 8 - qlen) : v;
    };
    const i2o = (v: bigint) => hexToBytes(v.toString(16).padStart(2 * rlen, '0'));
    const seed = new Uint8Array([...i2o(x), ...i2o(b2i(h1) % q), ...extra]);
    let V = new Uint8Array(hash.outputLength).fill(1);
    let K = new Uint8Array(hash.outputLength);
    K = hmac(K, V, Uint8Array.of(0), seed);
    V = hmac(K, V);
    K = hmac(K, V, Uint8Array.of(1), seed);
    V = hmac(K, V);
    const out: [bigint, boolean][] = [];
    while (out.length < count) {
      let T = new Uint8Array(0);
      while (T.length * 8 < qlen) {
        V = hmac(K, V);
        T = new Uint8Array([...T, ...V]);
      }
      const k = b2i(T);
      out.push([k, k >= 1n && k < q]);
      K = hmac(K, V, Uint8Array.of(0));
      V = hmac(K, V);
    }
    return out;
  }
  /** The first `count` accepted candidates of the reference. */
  function referenceNonces(
    hash: HashFunction,
    q: bigint,
    x: bigint,
    h1: Uint8Array,
    extra: Uint8Array,
    count: number,
  ): bigint[] {
    const accepted: bigint[] = [];
    for (let want = count; accepted.length < count; want *= 2) {
      accepted.length = 0;
      for (const [k, ok] of referenceCandidates(hash, q, x, h1, extra, want))
        if (ok && accepted.length < count) accepted.push(k);
    }
    return accepted;
  }
  const take = (next: () => bigint, count: number) => Array.from({ length: count }, () => next());

  it('the toy q = 233: the first 8 nonces for every x in [1, 232], rejected candidates skipped (0 and q among them)', () => {
    const h1 = sha256(utf8ToBytes('sample'));
    const rejected = new Set<bigint>();
    for (let x = 1n; x < 233n; x++) {
      const ours = take(rfc6979Nonces(sha256, 233n, x, h1), 8);
      expect(ours).toEqual(referenceNonces(sha256, 233n, x, h1, new Uint8Array(0), 8));
      for (const [k, ok] of referenceCandidates(sha256, 233n, x, h1, new Uint8Array(0), 8))
        if (!ok) rejected.add(k);
    }
    // The walk above met a candidate equal to q and one equal to 0, both of which must be skipped.
    expect(rejected.has(233n)).toBe(true);
    expect(rejected.has(0n)).toBe(true);
  });
  it.each([
    ['SHA-256, P-256 n', sha256, n],
    ['SHA-512, P-256 n', sha512, n],
    ['SHA-384, the 163-bit q of §A.1.3', sha384, A1.q],
    ['SHA-256, q = 2^521 − 1', sha256, Q521],
  ] as const)('%s: the first 4 nonces, with and without extra data (§3.6)', (_label, hash, q) => {
    for (const message of ['sample', 'test']) {
      const h1 = hash(utf8ToBytes(message));
      for (const extra of [new Uint8Array(0), Uint8Array.of(1, 2, 3)]) {
        const x = q === n ? A25.x : q === A1.q ? A1.x : 0x123456789abcdefn;
        expect(take(rfc6979Nonces(hash, q, x, h1, extra), 4)).toEqual(
          referenceNonces(hash, q, x, h1, extra, 4),
        );
      }
    }
  });
  it('h1 whose bits2int is exactly q: bits2octets reduces it to 0 (§2.3.4)', () => {
    const h1 = hexToBytes(n.toString(16));
    const ours = rfc6979Nonces(sha256, n, A25.x, h1)();
    expect(ours).toBe(referenceNonces(sha256, n, A25.x, h1, new Uint8Array(0), 1)[0]);
    expect(ours).toBe(rfc6979Nonces(sha256, n, A25.x, new Uint8Array(32))());
  });
});

// Mutation testing (group ecdsa-sign): what each argument error of rfc6979.ts says.
describe('rfc6979.ts argument errors name the argument', () => {
  it.each([
    [
      'bits2int bytes',
      () => bits2int('ab' as never, n),
      /^bytes must be a Uint8Array, got string$/,
    ],
    ['bits2int q', () => bits2int(new Uint8Array(1), 1n), /^q is out of range$/],
    [
      'bits2int q type',
      () => bits2int(new Uint8Array(1), 5 as never),
      /^q must be a bigint, got number$/,
    ],
    [
      'rfc6979Nonces q',
      () => rfc6979Nonces(sha256, 1n, 1n, new Uint8Array(32)),
      /^q is out of range$/,
    ],
    [
      'rfc6979Nonces x',
      () => rfc6979Nonces(sha256, n, 0n, new Uint8Array(32)),
      /private scalar x must be/,
    ],
    [
      'rfc6979Nonces x type',
      () => rfc6979Nonces(sha256, n, 1 as never, new Uint8Array(32)),
      /^x must be a bigint, got number$/,
    ],
    [
      'rfc6979Nonces h1',
      () => rfc6979Nonces(sha256, n, 1n, 'abc' as never),
      /^h1 must be a Uint8Array, got string$/,
    ],
    [
      'rfc6979Nonces extraData',
      () => rfc6979Nonces(sha256, n, 1n, new Uint8Array(32), [1] as never),
      /^extraData must be a Uint8Array, got Array$/,
    ],
  ] as const)('%s', (_label, run, message) => {
    expect(run).toThrow(message);
  });
});

// Mutants of src/ecdsa/rfc6979.ts no test can kill (group ecdsa-sign; the reasoning, not a run):
//   - bits2int's `excess > 0` as `excess >= 0`: with excess = 0 the shift is by 0n, the same value.
//   - the loop's `T.length === 0 ? V : concatBytes(T, V)` with the condition `false`: the
//     concatenation of the empty T and V is a copy of V, the same bytes.
