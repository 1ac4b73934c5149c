/**
 * NIST CAVP vectors for P-256 (from Debian's python3-cryptography-vectors 38.0.4, committed
 * under vectors/nist/):
 *   ecdsa/KeyPair.rsp   FIPS 186-3 key pair generation, [P-256]: d → (Qx, Qy)
 *   ecdsa/PKV.rsp       FIPS 186-3 public key validation, [P-256]: (Qx, Qy) → P/F
 *   ecdh/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_{init,resp}.fax.gz
 *                       SP 800-56A KAS ECC validity tests, parameter set [EC] (P-256):
 *                       Z = x(dsIUT · QsCAVS) → Result P/F
 *
 */
import * as path from 'node:path';
import { CryptoError } from '../../src/errors';
import { publicPointFromScalar, sharedSecret } from '../../src/ecdh/ecdh';
import { assertValidPublicPoint, assertValidScalar } from '../../src/ecdh/validate';
import { decodePoint } from '../../src/curve/encoding';
import { loadCavp } from '../support/cavp';

const NIST = path.resolve(__dirname, '..', '..', 'vectors', 'nist');

/** The records of the sections of a CAVP file that carry the header label `label`. */
function recordsUnder(file: string, label: string): Record<string, string>[] {
  return loadCavp(path.join(NIST, file))
    .filter((section) => section.labels.includes(label))
    .flatMap((section) => section.records.map((record) => record.fields));
}

const hexToBigInt = (h: string) => BigInt('0x' + h);
/** A coordinate as 32 bytes if it fits, so out-of-range values still reach the decoder. */
function uncompressed(qx: string, qy: string): Uint8Array | null {
  if (qx.length > 64 || qy.length > 64) return null; // wider than a field element: cannot even be encoded
  return Uint8Array.from(Buffer.from('04' + qx.padStart(64, '0') + qy.padStart(64, '0'), 'hex'));
}

describe('FIPS 186-3 KeyPair.rsp [P-256]: d → Q', () => {
  const vectors = recordsUnder('ecdsa/KeyPair.rsp', 'P-256').filter((r) => 'd' in r); // skip the "N = 10" count line
  it('has 10 P-256 vectors', () => {
    expect(vectors).toHaveLength(10);
  });
  it.each(vectors.map((v, i) => [i, v] as const))('#%i', (_i, v) => {
    const Q = publicPointFromScalar(hexToBigInt(v.d));
    expect(Q).toEqual({ x: hexToBigInt(v.Qx), y: hexToBigInt(v.Qy) });
  });
});

describe('FIPS 186-3 PKV.rsp [P-256]: public key validation', () => {
  const vectors = recordsUnder('ecdsa/PKV.rsp', 'P-256');
  it('has 12 P-256 vectors, some passing and some failing', () => {
    expect(vectors).toHaveLength(12);
    expect(vectors.some((v) => v.Result.startsWith('P'))).toBe(true);
  });
  it.each(vectors.map((v, i) => [i, v.Result, v] as const))('#%i %s', (_i, result, v) => {
    const bytes = uncompressed(v.Qx, v.Qy);
    const point = { x: hexToBigInt(v.Qx), y: hexToBigInt(v.Qy) };
    if (result.startsWith('P')) {
      expect(decodePoint(bytes!)).toEqual(point);
      expect(() => assertValidPublicPoint(point)).not.toThrow();
    } else {
      if (bytes) expect(() => decodePoint(bytes)).toThrow(expect.objectContaining({ code: 'INVALID_POINT' }));
      expect(() => assertValidPublicPoint(point)).toThrow(expect.objectContaining({ code: 'INVALID_POINT' }));
    }
  });
});

describe.each(['init', 'resp'])('KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_%s.fax [EC] (P-256)', (role) => {
  const vectors = recordsUnder(`ecdh/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_${role}.fax.gz`, 'EC - SHA256');
  it('has 30 P-256 vectors', () => expect(vectors).toHaveLength(30));
  it.each(vectors.map((v) => [v.COUNT, v.Result, v] as const))('COUNT = %s: %s', (_count, result, v) => {
    // The IUT (us) holds dsIUT and receives the CAVS static public key QsCAVS; Z = x(dsIUT · QsCAVS).
    // A failing case is one where some input was altered: the IUT's own public key no longer
    // matches dsIUT (or fails validation), the CAVS key fails validation, or Z was changed.
    const run = (): boolean => {
      const d = hexToBigInt(v.dsIUT);
      assertValidScalar(d);
      const peer = decodePoint(uncompressed(v.QsCAVSx, v.QsCAVSy)!);
      const own = decodePoint(uncompressed(v.QsIUTx, v.QsIUTy)!);
      const ownFromD = publicPointFromScalar(d);
      if (ownFromD.x !== own.x || ownFromD.y !== own.y) return false; // SP 800-56A §5.6.2.1.4: key-pair consistency
      return Buffer.from(sharedSecret(d, peer)).toString('hex') === v.Z.padStart(64, '0');
    };
    let ok: boolean;
    try { ok = run(); } catch (e) { expect(e).toBeInstanceOf(CryptoError); ok = false; }
    expect(ok).toBe(result.startsWith('P'));
  });
});
