/**
 * The ECDH exchange, traced (SEC 1 v2 §3.3.1, SP 800-56A rev3 §5.7.1.2), on the toy curve and
 * on P-256:
 *
 *   Alice: private dA, public QA = dA·G        Bob: private dB, public QB = dB·G
 *   Alice computes dA·QB, Bob computes dB·QA:  both equal (dA·dB)·G
 *   shared secret Z = x-coordinate of that point (32 bytes on P-256)
 *   tutorial's derive_key: key = HKDF-SHA256(IKM = Z, salt = None, info = None, L = 32)
 *
 * On P-256 the library's own functions run: publicPointFromScalar (fixed-base), sharedSecret
 * (validation, then the co-Z ladder). On the toy curve, the affine reference of affine.ts.
 *
 * Deliberately not here: secrecy. The private scalars are fixed, published demo values
 * (derived from a label by SHA-256), so the printout is reproducible. Never use them.
 */
import { bytesToBigInt } from '../bytes/bigint.js';
import { bytesToHex } from '../bytes/hex.js';
import { utf8ToBytes } from '../bytes/bytes.js';
import { isOnCurve, scalarMultiply, type AffinePoint, type Curve } from '../curve/affine.js';
import { encodePoint } from '../curve/encoding.js';
import { P256 } from '../curve/p256.js';
import { TOY } from '../curve/toy.js';
import { publicPointFromScalar, sharedSecret } from '../ecdh/ecdh.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { assertScalarRange, n } from '../math/scalar.js';
import { formatNumber, groupHex, labelled } from './format.js';
import { pointLines } from './ladder.js';

export interface EcdhTrace {
  readonly curve: string;
  readonly G: AffinePoint;
  readonly n: bigint;
  readonly dA: bigint;
  readonly dB: bigint;
  readonly QA: AffinePoint;
  readonly QB: AffinePoint;
  /** Whether each public key passed the on-curve check. */
  readonly QAValid: boolean;
  readonly QBValid: boolean;
  /** dA·QB and dB·QA. */
  readonly alicePoint: AffinePoint;
  readonly bobPoint: AffinePoint;
  readonly equal: boolean;
  /** P-256 only: Z as 32 bytes, the SEC 1 encodings of the public keys, and HKDF(Z). */
  readonly Z?: Uint8Array;
  readonly QAEncoded?: Uint8Array;
  readonly QBEncoded?: Uint8Array;
  readonly key?: Uint8Array;
}

/** The fixed demo scalar for `label` on P-256: SHA-256(label) mod (n − 1) + 1. Public; never a key. */
export function demoScalar(label: string): bigint {
  return (bytesToBigInt(sha256(utf8ToBytes(label))) % (n - 1n)) + 1n;
}

/**
 * Runs and records an ECDH exchange.
 * @param curve - 'toy' or 'p256'
 * @param dA - Alice's scalar (default: toy 17, P-256 demoScalar('ecdh-lab Alice'))
 * @param dB - Bob's scalar (default: toy 42, P-256 demoScalar('ecdh-lab Bob'))
 * @throws TypeError for a non-bigint; CryptoError INVALID_SCALAR for a scalar outside [1, n − 1]
 * @example traceEcdh('toy').alicePoint // equals traceEcdh('toy').bobPoint
 */
export function traceEcdh(curve: 'toy' | 'p256', dA?: bigint, dB?: bigint): EcdhTrace {
  const C: Curve = curve === 'toy' ? TOY : P256;
  const order = C.n as bigint;
  const G = C.G as AffinePoint;
  const a = dA ?? (curve === 'toy' ? 17n : demoScalar('ecdh-lab Alice'));
  const b = dB ?? (curve === 'toy' ? 42n : demoScalar('ecdh-lab Bob'));
  assertScalarRange(a, order, 'dA');
  assertScalarRange(b, order, 'dB');
  if (curve === 'toy') {
    const QA = scalarMultiply(a, G, C);
    const QB = scalarMultiply(b, G, C);
    const alicePoint = scalarMultiply(a, QB, C);
    const bobPoint = scalarMultiply(b, QA, C);
    return {
      curve: C.name ?? 'toy',
      G,
      n: order,
      dA: a,
      dB: b,
      QA,
      QB,
      QAValid: isOnCurve(QA, C),
      QBValid: isOnCurve(QB, C),
      alicePoint,
      bobPoint,
      equal: alicePoint.x === bobPoint.x && alicePoint.y === bobPoint.y,
    };
  }
  const QA = publicPointFromScalar(a);
  const QB = publicPointFromScalar(b);
  const ZA = sharedSecret(a, QB);
  const ZB = sharedSecret(b, QA);
  // The points themselves, for display (sharedSecret returns only x).
  const alicePoint = scalarMultiply(a, QB);
  const bobPoint = scalarMultiply(b, QA);
  return {
    curve: 'P-256',
    G,
    n: order,
    dA: a,
    dB: b,
    QA,
    QB,
    QAValid: isOnCurve(QA),
    QBValid: isOnCurve(QB),
    alicePoint,
    bobPoint,
    equal: bytesToHex(ZA) === bytesToHex(ZB) && alicePoint.y === bobPoint.y,
    Z: ZA,
    QAEncoded: encodePoint(QA, false),
    QBEncoded: encodePoint(QB, false),
    key: hkdf(sha256, ZA, undefined, undefined, 32),
  };
}

/**
 * The trace as text lines.
 * @example renderEcdh(traceEcdh('toy')).join('\n')
 */
export function renderEcdh(t: EcdhTrace): string[] {
  const lines = [
    `ECDH on ${t.curve}   (n = ${formatNumber(t.n)})`,
    ...pointLines('G  =', t.G),
    '',
    `Alice  dA = ${formatNumber(t.dA)}`,
    ...pointLines('       QA = dA·G =', t.QA),
    `Bob    dB = ${formatNumber(t.dB)}`,
    ...pointLines('       QB = dB·G =', t.QB),
    `public keys on the curve (validation): QA ${t.QAValid ? 'yes' : 'NO'}, QB ${t.QBValid ? 'yes' : 'NO'}`,
  ];
  if (t.QAEncoded && t.QBEncoded) {
    lines.push(
      `each public key travels as ${t.QAEncoded.length} bytes 04 ‖ x ‖ y (SEC 1 §2.3.3, uncompressed)`,
    );
  }
  lines.push(
    '',
    ...pointLines('Alice: dA·QB =', t.alicePoint),
    ...pointLines('Bob:   dB·QA =', t.bobPoint),
    `same point (dA·dB)·G on both sides: ${t.equal ? 'yes' : 'NO'}`,
  );
  if (t.Z && t.key) {
    lines.push(
      'shared secret Z = the x-coordinate, 32 bytes (SEC 1 §3.3.1), and',
      "the tutorial's key = HKDF-SHA256(Z, salt=None, info=None, 32):",
      ...labelled('  Z   = ', groupHex(t.Z)),
      ...labelled('  key = ', groupHex(t.key)),
    );
  } else {
    lines.push(`shared secret Z = x-coordinate = ${formatNumber(t.alicePoint.x)}`);
  }
  return lines;
}
