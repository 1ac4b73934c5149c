/**
 * Inversion in F_p, traced two ways side by side:
 *
 *   Fermat           a^(p−1) = 1 for a ≠ 0, so a^−1 = a^(p−2): square-and-multiply over the
 *                    bits of p − 2 (acc ← acc²; then acc ← acc·a when the bit is 1)
 *   extended Euclid  keep r_i ≡ s_i·a (mod p) from (r, s) = (a, 1), (p, 0); divide
 *                    r_(i+1) = r_(i−1) − q_i·r_i, s_(i+1) = s_(i−1) − q_i·s_i; at r = 1, s = a^−1
 *
 * Both are recomputed here step by step and compared with the library: modPow and
 * modInverseVartime (src/math/modular.ts), and on P-256 also fieldInverse (the fixed addition
 * chain for p − 2).
 *
 * Deliberately not here: constant time. This records the steps in order to print them.
 */
import { mod, modInverseVartime, modPow } from '../math/modular.js';
import { fieldInverse, p as P256_P } from '../math/field.js';
import { firstThatFits, fitTable, formatNumber, labelled } from './format.js';

export interface FermatStep {
  readonly bit: 0 | 1;
  /** The exponent read so far (a prefix of p − 2) and acc = a^e. */
  readonly e: bigint;
  readonly acc: bigint;
}

export interface EuclidStep {
  readonly q: bigint;
  readonly r: bigint;
  readonly s: bigint;
}

export interface InverseTrace {
  readonly a: bigint;
  readonly p: bigint;
  readonly fermat: readonly FermatStep[];
  readonly euclid: readonly EuclidStep[];
  readonly inverse: bigint;
  /** a · a^−1 mod p (must be 1), and agreement with the library. */
  readonly product: bigint;
  readonly check: { readonly against: string; readonly equal: boolean };
}

/**
 * Traces a^−1 mod p by Fermat and by extended Euclid.
 * @param a - the value, not ≡ 0 (mod p)
 * @param p - a prime modulus (P-256's p by default)
 * @throws RangeError when a ≡ 0 (mod p)
 * @example traceInverse(17n, 223n).inverse // 105n: 17·105 = 1785 = 8·223 + 1
 */
export function traceInverse(a: bigint, p: bigint = P256_P): InverseTrace {
  const x = mod(a, p);
  if (x === 0n) throw new RangeError('explain: 0 has no inverse');
  // Fermat: left-to-right square-and-multiply over the bits of p − 2.
  const fermat: FermatStep[] = [];
  let acc = 1n;
  let e = 0n;
  for (const c of (p - 2n).toString(2)) {
    const bit = c === '1' ? 1 : 0;
    acc = (acc * acc) % p;
    if (bit === 1) acc = (acc * x) % p;
    e = 2n * e + BigInt(bit);
    fermat.push({ bit, e, acc });
  }
  // Extended Euclid: rows (q, r, s) with r ≡ s·a (mod p).
  const euclid: EuclidStep[] = [
    { q: 0n, r: p, s: 0n },
    { q: 0n, r: x, s: 1n },
  ];
  while (euclid[euclid.length - 1].r !== 0n) {
    const prev = euclid[euclid.length - 2];
    const cur = euclid[euclid.length - 1];
    const q = prev.r / cur.r;
    euclid.push({ q, r: prev.r - q * cur.r, s: prev.s - q * cur.s });
  }
  const last = euclid[euclid.length - 2]; // r = gcd = 1
  const fromEuclid = mod(last.s, p);
  const library = p === P256_P ? fieldInverse(x) : modInverseVartime(x, p);
  const equal = acc === fromEuclid && fromEuclid === library && acc === modPow(x, p - 2n, p);
  return {
    a: x,
    p,
    fermat,
    euclid,
    inverse: acc,
    product: (x * acc) % p,
    check: {
      against:
        p === P256_P ? 'fieldInverse (addition chain) and modPow' : 'modInverseVartime and modPow',
      equal,
    },
  };
}

/**
 * The trace as text lines; long tables (P-256) show their first and last `show` rows.
 * @example renderInverse(traceInverse(17n, 223n)).join('\n')
 */
export function renderInverse(t: InverseTrace, show = 4): string[] {
  const clip = (rows: string[][]): string[][] =>
    rows.length <= 2 * show + 1
      ? rows
      : [
          ...rows.slice(0, show),
          ['…', '', `(${rows.length - 2 * show} rows omitted)`, ''],
          ...rows.slice(-show),
        ];
  const fermatRows = t.fermat.map((s, i) => [
    String(i + 1),
    String(s.bit),
    formatNumber(s.e),
    formatNumber(s.acc),
  ]);
  const euclidRows = t.euclid.map((s, i) => [
    String(i),
    i < 2 ? '' : formatNumber(s.q),
    formatNumber(s.r),
    s.s < 0n ? '−' + formatNumber(-s.s) : formatNumber(s.s),
  ]);
  const rOne = euclidRows[euclidRows.length - 2][3];
  const inverse = formatNumber(mod(t.euclid[t.euclid.length - 2].s, t.p));
  const product = formatNumber(t.product);
  const agree = t.check.equal ? 'yes' : 'NO';
  return [
    ...firstThatFits(
      [`Inverse of a = ${formatNumber(t.a)} modulo p = ${formatNumber(t.p)}`],
      [`Inverse of a = ${formatNumber(t.a)} modulo p,`, ...labelled('  p = ', formatNumber(t.p))],
    ),
    '',
    ...firstThatFits(
      [
        `Fermat: a^−1 = a^(p−2), p − 2 = ${formatNumber(t.p - 2n)}, by square-and-multiply (${t.fermat.length} bits)`,
      ],
      [
        `Fermat: a^−1 = a^(p−2), by square-and-multiply over the ${t.fermat.length} bits of`,
        ...labelled('  p − 2 = ', formatNumber(t.p - 2n)),
      ],
    ),
    ...fitTable(['step', 'bit', 'e (bits read)', 'a^e mod p'], clip(fermatRows)),
    ...labelled('  a^(p−2) = ', formatNumber(t.inverse)),
    '',
    'extended Euclid: r_i ≡ s_i·a (mod p); q = ⌊r_(i−2)/r_(i−1)⌋, r_i = r_(i−2) − q·r_(i−1), s likewise',
    ...fitTable(['i', 'q', 'r', 's'], clip(euclidRows)),
    ...firstThatFits(
      [`  r = 1 at s = ${rOne} → a^−1 = s mod p = ${inverse}`],
      [...labelled('  r = 1 at s = ', rOne), ...labelled('  → a^−1 = s mod p = ', inverse)],
    ),
    '',
    ...firstThatFits(
      [`check: a · a^−1 mod p = ${product}; both agree with ${t.check.against}: ${agree}`],
      [`check: a · a^−1 mod p = ${product}; both agree with`, `  ${t.check.against}: ${agree}`],
    ),
  ];
}
