/**
 * An independent oracle for the toy curve y² = x³ − 3x + 8 over F_223, written for the tests
 * only and sharing no code with src/: brute-force enumeration of the group, the textbook
 * chord-and-tangent law with inverses by brute-force search, and naive double-and-add.
 * Points are [x, y] pairs of numbers; null is the point at infinity.
 */
export type ToyPoint = readonly [number, number] | null;

export const P = 223;
export const A = -3;
export const B = 8;

const m = (v: number, p = P): number => ((v % p) + p) % p;

/** Every affine point of y² = x³ + A·x + b over F_p, by trying all (x, y). */
export function enumerate(b = B, p = P): [number, number][] {
  const out: [number, number][] = [];
  for (let x = 0; x < p; x++)
    for (let y = 0; y < p; y++) if (m(y * y - (x * x * x + A * x + b), p) === 0) out.push([x, y]);
  return out;
}

/** x⁻¹ mod p by trying every candidate. */
export function inverse(x: number, p = P): number {
  for (let c = 1; c < p; c++) if (m(x * c, p) === 1) return c;
  throw new Error('no inverse');
}

export function add(S: ToyPoint, T: ToyPoint, p = P): ToyPoint {
  if (S === null) return T;
  if (T === null) return S;
  const [x1, y1] = S;
  const [x2, y2] = T;
  let lambda: number;
  if (x1 === x2) {
    if (m(y1 + y2, p) === 0) return null; // T = −S (includes y = 0 doubling)
    lambda = m((3 * x1 * x1 + A) * inverse(m(2 * y1, p), p), p);
  } else {
    lambda = m((y2 - y1) * inverse(m(x2 - x1, p), p), p);
  }
  const x3 = m(lambda * lambda - x1 - x2, p);
  return [x3, m(lambda * (x1 - x3) - y1, p)];
}

/** k·S by right-to-left double-and-add. */
export function multiply(k: number, S: ToyPoint, p = P): ToyPoint {
  let R: ToyPoint = null;
  let D = S;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) R = add(R, D, p);
    D = add(D, D, p);
  }
  return R;
}

/** A point as the library's text form: '(x, y)' or 'O'. */
export const show = (S: ToyPoint): string => (S === null ? 'O' : `(${S[0]}, ${S[1]})`);
