/**
 * ECDSA P-256 against NIST CAVP FIPS 186-3 ECDSA2VS vectors (vectors/nist/ecdsa/, the P-256
 * sections with SHA-256, SHA-384 and SHA-512, from Debian's python3-cryptography-vectors):
 *   SigGen-P256.txt  messages, private keys d, public keys Q, the nonces k and the signatures
 *                    (r, s): Q = d·G, and signing with that k gives (r, s) on the fast path
 *                    (signWithNonce: fixed-base k·G, fixed-shape k⁻¹) and on the reference;
 *                    the signatures verify
 *   SigVer-P256.rsp  signatures to verify, with the expected result P or F (message, r, s or
 *                    Q changed)
 */
import * as path from 'node:path';
import { bytesToHex, hexToBytes } from '../../src/bytes';
import type { HashFunction } from '../../src/hash/hash';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { signWithNonce } from '../../src/ecdsa/ecdsa';
import { ecdsaSignReference, ecdsaVerifyReference } from '../../src/ecdsa/reference';
import { bits2int } from '../../src/ecdsa/rfc6979';
import { encodeSignature } from '../../src/ecdsa/signature';
import { n } from '../../src/math/scalar';
import { loadCavp } from '../support/cavp';

const DIR = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'ecdsa');
const HASHES: Record<string, HashFunction> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};
const big = (hex: string): bigint => BigInt(`0x${hex}`);

/** The sections of a file as [label, hash, records]. */
function sections(file: string) {
  return loadCavp(path.join(DIR, file)).map((section) => {
    const label = section.labels[0]; // e.g. 'P-256,SHA-384'
    const [curve, hashName] = label.split(',');
    expect(curve).toBe('P-256');
    return { label, hash: HASHES[hashName], records: section.records.map((r) => r.fields) };
  });
}

describe('CAVP SigGen-P256.txt (FIPS 186-3 ECDSA2VS, with d and k)', () => {
  const all = sections('SigGen-P256.txt');
  it('has the three P-256 sections of 15 records each', () => {
    expect(all.map((s) => [s.label, s.records.length])).toEqual([
      ['P-256,SHA-256', 15],
      ['P-256,SHA-384', 15],
      ['P-256,SHA-512', 15],
    ]);
  });
  describe.each(all.map((s) => [s.label, s] as const))('%s', (_label, { hash, records }) => {
    it.each(records.map((r, i) => [i, r] as const))(
      'record %i',
      (_i, { Msg, d, Qx, Qy, k, R, S }) => {
        const key = PrivateKey.fromRaw(hexToBytes(d));
        expect(key.publicKey.point).toEqual({ x: big(Qx), y: big(Qy) }); // Q = d·G
        const digest = hash(hexToBytes(Msg));
        const e = bits2int(digest, n);
        const expected = { r: big(R), s: big(S) };
        expect(signWithNonce(big(d), e, big(k))).toEqual(expected); // the fast path
        expect(ecdsaSignReference(e, big(d), big(k))).toEqual(expected); // the reference
        const der = encodeSignature(expected);
        expect(key.publicKey.verify(hexToBytes(Msg), der, { hash })).toBe(true);
        expect(
          key.publicKey.verifyDigest(digest, encodeSignature(expected, 'p1363'), {
            hash,
            format: 'p1363',
          }),
        ).toBe(true);
      },
    );
  });
});

describe('CAVP SigVer-P256.rsp (FIPS 186-3 ECDSA2VS)', () => {
  const all = sections('SigVer-P256.rsp');
  it('has the three P-256 sections of 15 records each, 9 of them passing', () => {
    expect(all.map((s) => [s.label, s.records.length])).toEqual([
      ['P-256,SHA-256', 15],
      ['P-256,SHA-384', 15],
      ['P-256,SHA-512', 15],
    ]);
    const passing = all.flatMap((s) => s.records).filter((r) => r.Result.startsWith('P'));
    expect(passing).toHaveLength(3 * 3);
  });
  describe.each(all.map((s) => [s.label, s] as const))('%s', (_label, { hash, records }) => {
    it.each(records.map((r, i) => [`record ${i}: ${r.Result}`, r] as const))(
      '%s',
      (_name, { Msg, Qx, Qy, R, S, Result }) => {
        const expected = Result.startsWith('P');
        const Q = { x: big(Qx), y: big(Qy) };
        const key = PublicKey.fromPoint(Q); // every Q in these sections is a valid point
        const signature = { r: big(R), s: big(S) };
        expect(key.verify(hexToBytes(Msg), encodeSignature(signature), { hash })).toBe(expected);
        expect(
          key.verify(hexToBytes(Msg), encodeSignature(signature, 'p1363'), {
            hash,
            format: 'p1363',
          }),
        ).toBe(expected);
        const e = bits2int(hash(hexToBytes(Msg)), n);
        expect(ecdsaVerifyReference(e, Q, signature.r, signature.s)).toBe(expected);
        expect(bytesToHex(key.toRaw()).slice(2, 66)).toBe(Qx.padStart(64, '0'));
      },
    );
  });
});
