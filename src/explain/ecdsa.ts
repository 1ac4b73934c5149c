/**
 * ECDSA, traced (FIPS 186-5 §6.4, SEC 1 v2 §4.1.3–§4.1.4), on the toy curve and on P-256: a
 * signature with every intermediate value, then its verification, then why the two agree.
 *
 *   sign:    e = leftmost bits of SHA-256(M) (bits2int)   k = RFC 6979 nonce for (d, SHA-256(M))
 *            R = k·G,  r = x(R) mod n,  s = k⁻¹·(e + r·d) mod n
 *   verify:  w = s⁻¹,  u1 = e·w,  u2 = r·w (mod n),  R' = u1·G + u2·Q,  valid iff x(R') mod n = r
 *   why:     u1 + u2·d = w·(e + r·d) = w·s·k = k (mod n), so R' = (u1 + u2·d)·G = k·G = R
 *
 * The toy curve (n = 233, so qlen = 8) keeps every number small enough to check by hand: e is
 * the first byte of the hash, and RFC 6979 runs with q = 233. On P-256 the trace is compared
 * with the library's own signing (ecdsaSign: fixed-base k·G, fixed-shape k⁻¹) and verification
 * (ecdsaVerify: Straus); on the toy curve with the textbook reference of src/ecdsa/reference.ts.
 *
 * Deliberately not here: secrecy. The private keys are fixed, published demo values (17 on the
 * toy curve; on P-256 derived from a label by SHA-256, as in explain/ecdh.ts), and the points are
 * computed by the affine double-and-add of affine.ts, which branches on the scalar. Never trace
 * a real key.
 */
import { utf8ToBytes } from '../bytes/bytes.js';
import { scalarMultiply, pointAdd, type AffinePoint, type Curve } from '../curve/affine.js';
import { P256 } from '../curve/p256.js';
import { TOY } from '../curve/toy.js';
import { ecdsaSign, ecdsaVerify } from '../ecdsa/ecdsa.js';
import { ecdsaSignReference, ecdsaVerifyReference } from '../ecdsa/reference.js';
import { bits2int, drbgNonces } from '../ecdsa/rfc6979.js';
import { encodeSignature } from '../ecdsa/signature.js';
import { sha256 } from '../hash/sha256.js';
import { mod, modInverseVartime } from '../math/modular.js';
import { assertScalarRange } from '../math/scalar.js';
import { demoScalar } from './ecdh.js';
import { firstThatFits, formatNumber, groupHex, labelled, LINE_WIDTH } from './format.js';
import { pointLines } from './ladder.js';

export interface EcdsaTrace {
  readonly curve: string;
  readonly n: bigint;
  readonly G: AffinePoint;
  readonly d: bigint;
  readonly Q: AffinePoint;
  readonly message: string;
  readonly digest: Uint8Array;
  /** bits2int(digest): the leftmost qlen bits of SHA-256(M). */
  readonly e: bigint;
  /** The RFC 6979 nonce for (d, digest) with q = n. */
  readonly k: bigint;
  readonly R: AffinePoint;
  readonly r: bigint;
  readonly kInverse: bigint;
  /** e + r·d mod n, the numerator of s. */
  readonly numerator: bigint;
  readonly s: bigint;
  readonly w: bigint;
  readonly u1: bigint;
  readonly u2: bigint;
  readonly u1G: AffinePoint;
  readonly u2Q: AffinePoint;
  /** R' = u1·G + u2·Q. */
  readonly verifyPoint: AffinePoint;
  readonly valid: boolean;
  /** u1 + u2·d mod n, which equals k. */
  readonly combined: bigint;
  /** P-256: the DER encoding of (r, s). */
  readonly der?: Uint8Array;
  /** Which library functions the values were compared with, and whether they agree. */
  readonly check: { readonly against: string; readonly equal: boolean };
}

/**
 * Signs `message` with SHA-256 and verifies the signature, recording every step.
 * @param curve - 'toy' or 'p256'
 * @param options - `d`: the private key (default: toy 17, P-256 demoScalar('ecdh-lab Alice'));
 *   `message` (default 'hello, ecdsa')
 * @returns the trace
 * @throws TypeError for a non-bigint d; CryptoError INVALID_SCALAR for a d outside [1, n − 1]
 * @example traceEcdsa('toy').valid // true
 */
export function traceEcdsa(
  curve: 'toy' | 'p256',
  options: { d?: bigint; message?: string } = {},
): EcdsaTrace {
  const C: Curve = curve === 'toy' ? TOY : P256;
  const n = C.n as bigint;
  const G = C.G as AffinePoint;
  const d = options.d ?? (curve === 'toy' ? 17n : demoScalar('ecdh-lab Alice'));
  assertScalarRange(d, n);
  const message = options.message ?? 'hello, ecdsa';
  const Q = scalarMultiply(d, G, C);
  const digest = sha256(utf8ToBytes(message));
  const e = bits2int(digest, n);
  // RFC 6979 §3.2 with q = n; on the toy curve a k can give r = 0 or s = 0: take the next (§3.4).
  const nextNonce = drbgNonces(sha256, n, d, digest, new Uint8Array(0)); // d: checked above
  let k = nextNonce();
  let R = scalarMultiply(k, G, C);
  while (mod(R.x, n) === 0n || mod(modInverseVartime(k, n) * (e + mod(R.x, n) * d), n) === 0n) {
    k = nextNonce();
    R = scalarMultiply(k, G, C);
  }
  const r = mod(R.x, n);
  const kInverse = modInverseVartime(k, n);
  const numerator = mod(e + r * d, n);
  const s = mod(kInverse * numerator, n);
  const w = modInverseVartime(s, n);
  const u1 = mod(e * w, n);
  const u2 = mod(r * w, n);
  const u1G = scalarMultiply(u1, G, C);
  const u2Q = scalarMultiply(u2, Q, C);
  const verifyPoint = pointAdd(u1G, u2Q, C);
  const valid = mod(verifyPoint.x, n) === r;
  const combined = mod(u1 + u2 * d, n);
  const trace = {
    curve: curve === 'toy' ? (C.name ?? 'toy') : 'P-256',
    n,
    G,
    d,
    Q,
    message,
    digest,
    e,
    k,
    R,
    r,
    kInverse,
    numerator,
    s,
    w,
    u1,
    u2,
    u1G,
    u2Q,
    verifyPoint,
    valid,
    combined,
  };
  if (curve === 'toy') {
    const reference = ecdsaSignReference(e, d, k, C);
    return {
      ...trace,
      check: {
        against: 'ecdsaSignReference / ecdsaVerifyReference',
        equal: reference.r === r && reference.s === s && ecdsaVerifyReference(e, Q, r, s, C),
      },
    };
  }
  const library = ecdsaSign(d, digest);
  return {
    ...trace,
    der: encodeSignature({ r, s }),
    check: {
      against: 'ecdsaSign / ecdsaVerify (fixed-base k·G, fixed-shape k⁻¹, Straus)',
      equal: library.r === r && library.s === s && ecdsaVerify(Q, digest, { r, s }),
    },
  };
}

/**
 * `label` + `value` + `note` on one line when it fits in 100 columns; else the label on a line
 * of its own and the value below it, indented and wrapped (P-256's 256-bit values and DER).
 * Toy-curve lines always fit on one.
 */
function fitted(label: string, value: string, note = ''): string[] {
  const line = `${label}${value}${note === '' ? '' : ` ${note}`}`;
  return firstThatFits([line], [label.trimEnd(), ...labelled('    ', value, note)]);
}

/** The message in double quotes (JSON escapes for quotes and control characters), cut to fit. */
function quotedMessage(label: string, message: string): string[] {
  const quoted = [...JSON.stringify(message)];
  const indent = [...label].length;
  const room = LINE_WIDTH - indent;
  const lines: string[] = [];
  for (let i = 0; i === 0 || i < quoted.length; i += room)
    lines.push((i === 0 ? label : ' '.repeat(indent)) + quoted.slice(i, i + room).join(''));
  return lines;
}

/**
 * The trace as text lines, each at most 100 columns wide.
 * @example renderEcdsa(traceEcdsa('toy')).join('\n')
 */
export function renderEcdsa(t: EcdsaTrace): string[] {
  const num = formatNumber;
  const qlen = t.n.toString(2).length;
  const why = 'u1 + u2·d = w·(e + r·d) = w·s·k = k (mod n):';
  const combined = `${num(t.combined)} ${t.combined === t.k ? '= k' : '≠ k ?!'}`;
  const check = `checked against ${t.check.against}:`;
  const verdict = t.check.equal ? 'same r and s, valid' : 'MISMATCH';
  return [
    ...firstThatFits(
      [`ECDSA on ${t.curve}   (n = ${num(t.n)}, qlen = ${qlen} bits)`],
      [`ECDSA on ${t.curve}   (qlen = ${qlen} bits)`, ...labelled('n  = ', num(t.n))],
    ),
    ...pointLines('G  =', t.G),
    ...fitted('private key d = ', num(t.d)),
    ...pointLines('public key Q = d·G =', t.Q),
    '',
    'Sign (FIPS 186-5 §6.4.1)',
    ...quotedMessage('  message M = ', t.message),
    ...fitted('  SHA-256(M) = ', groupHex(t.digest)),
    ...fitted(`  e = leftmost ${qlen} bits of SHA-256(M) = `, num(t.e)),
    ...fitted('  k = RFC 6979 nonce for (d, SHA-256(M)) = ', num(t.k)),
    ...pointLines('  R = k·G =', t.R),
    ...fitted('  r = x(R) mod n = ', num(t.r)),
    ...fitted('  k⁻¹ mod n = ', num(t.kInverse)),
    ...fitted('  e + r·d mod n = ', num(t.numerator)),
    ...fitted('  s = k⁻¹·(e + r·d) mod n = ', num(t.s)),
    ...(t.der
      ? fitted('  signature (r, s), DER: ', groupHex(t.der))
      : [`  signature (r, s) = (${t.r}, ${t.s})`]),
    '',
    'Verify (FIPS 186-5 §6.4.2)',
    `  r, s in [1, n − 1]: yes`,
    ...fitted('  w = s⁻¹ mod n = ', num(t.w)),
    ...fitted('  u1 = e·w mod n = ', num(t.u1)),
    ...fitted('  u2 = r·w mod n = ', num(t.u2)),
    ...pointLines('  u1·G =', t.u1G),
    ...pointLines('  u2·Q =', t.u2Q),
    ...pointLines("  R' = u1·G + u2·Q =", t.verifyPoint),
    ...fitted(
      "  x(R') mod n = ",
      num(t.verifyPoint.x % t.n),
      t.valid ? '= r: valid' : '≠ r: INVALID',
    ),
    '',
    'Why it works',
    ...firstThatFits(
      [`  ${why}  u1 + u2·d mod n = ${combined}`],
      [`  ${why}`, ...labelled('  u1 + u2·d mod n = ', combined)],
    ),
    `  so R' = u1·G + u2·(d·G) = (u1 + u2·d)·G = k·G = R`,
    ...firstThatFits([`${check} ${verdict}`], [check, `  ${verdict}`]),
  ];
}
