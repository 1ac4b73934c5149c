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
import { publicPointFromScalar, sharedSecret } from '../../src/ecdh/ecdh';
import { assertValidPublicPoint } from '../../src/ecdh/validate';
import { assertScalarRange } from '../../src/math/scalar';
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
      if (bytes)
        expect(() => decodePoint(bytes)).toThrow(
          expect.objectContaining({ code: 'INVALID_POINT' }),
        );
      expect(() => assertValidPublicPoint(point)).toThrow(
        expect.objectContaining({ code: 'INVALID_POINT' }),
      );
    }
  });
});

/**
 * The KAS files give the reason for every result, "F (n - text)" / "P (n - text)". Each reason
 * is checked for ITS outcome, not just "something failed":
 *   0, 13  correct (13: Z has a leading zero nibble)   Z = x(dsIUT·QsCAVS) matches, both keys valid
 *   1, 2   CAVS's public key X / Y fails PKV           the peer key is rejected with INVALID_POINT,
 *                                                      by decodePoint and by sharedSecret
 *   5, 6   IUT's public key X / Y fails PKV            our own public key is rejected with INVALID_POINT
 *   7      IUT's private key d changed                  both keys valid, but d·G ≠ QsIUT (SP 800-56A
 *                                                      §5.6.2.1.4 key-pair consistency)
 *   8      Z changed                                   keys valid and consistent; our Z ≠ the file's Z
 */
function reasonOf(result: string): number {
  const match = /^[PF] \((\d+) - /.exec(result);
  if (!match) throw new Error(`unexpected Result line: ${result}`);
  return Number(match[1]);
}

describe.each(['init', 'resp'])(
  'KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_%s.fax [EC] (P-256)',
  (role) => {
    const vectors = recordsUnder(
      `ecdh/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_${role}.fax.gz`,
      'EC - SHA256',
    );
    const seen = new Map<number, number>(); // reason → cases checked, counted as they pass
    it('has 30 P-256 vectors', () => expect(vectors).toHaveLength(30));
    it.each(vectors.map((v) => [v.COUNT, v.Result, v] as const))(
      'COUNT = %s: %s',
      (_count, result, v) => {
        // The IUT (us) holds dsIUT and receives the CAVS static public key QsCAVS; Z = x(dsIUT · QsCAVS).
        const reason = reasonOf(result);
        expect(result.startsWith('P')).toBe(reason === 0 || reason === 13);
        const d = hexToBigInt(v.dsIUT);
        expect(() => assertScalarRange(d)).not.toThrow(); // no case in these files has d out of range
        const peerBytes = uncompressed(v.QsCAVSx, v.QsCAVSy)!;
        const ownBytes = uncompressed(v.QsIUTx, v.QsIUTy)!;
        const expectedZ = v.Z.padStart(64, '0');
        const invalidPoint = expect.objectContaining({ code: 'INVALID_POINT' });
        switch (reason) {
          case 1:
          case 2: {
            // the peer's key fails validation: no Z is computed at all
            expect(() => decodePoint(peerBytes)).toThrow(invalidPoint);
            const raw = { x: hexToBigInt(v.QsCAVSx), y: hexToBigInt(v.QsCAVSy) };
            expect(() => sharedSecret(d, raw)).toThrow(invalidPoint);
            expect(publicPointFromScalar(d)).toEqual(decodePoint(ownBytes)); // our side is fine
            break;
          }
          case 5:
          case 6: // our own public key fails validation (the peer's is fine)
            expect(() => decodePoint(ownBytes)).toThrow(invalidPoint);
            expect(() => decodePoint(peerBytes)).not.toThrow();
            break;
          case 7: {
            // d changed: both public keys valid, but QsIUT is not d·G
            const own = decodePoint(ownBytes);
            decodePoint(peerBytes);
            expect(publicPointFromScalar(d)).not.toEqual(own);
            break;
          }
          case 8: {
            // Z changed: everything valid and consistent, and our Z differs from the file's
            expect(publicPointFromScalar(d)).toEqual(decodePoint(ownBytes));
            const Z = Buffer.from(sharedSecret(d, decodePoint(peerBytes))).toString('hex');
            expect(Z).not.toBe(expectedZ);
            break;
          }
          case 0:
          case 13: {
            // correct: keys valid and consistent, and Z matches
            expect(publicPointFromScalar(d)).toEqual(decodePoint(ownBytes));
            expect(Buffer.from(sharedSecret(d, decodePoint(peerBytes))).toString('hex')).toBe(
              expectedZ,
            );
            break;
          }
          default:
            throw new Error(`reason ${reason} is not handled by this test`);
        }
        seen.set(reason, (seen.get(reason) ?? 0) + 1);
      },
    );
    it('checked every vector, and every failure reason occurs', () => {
      expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(30);
      for (const reason of [0, 1, 2, 5, 6, 7, 8]) expect(seen.get(reason)).toBeGreaterThan(0);
    });
  },
);
