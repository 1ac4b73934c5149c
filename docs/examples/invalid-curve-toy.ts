// Chapter 5: the invalid-curve attack, worked on the toy curve. A server holds a static key d
// and multiplies whatever point it receives, without checking that the point is on the curve.
// The addition and doubling formulas never use b, so a point of another curve
// y² = x³ − 3x + b' is multiplied on THAT curve, where it may have a tiny order.
import {
  INFINITY,
  TOY,
  isOnCurve,
  pointAdd,
  scalarMultiply,
  type AffinePoint,
  type Curve,
  traceLadder,
} from 'ecdh-lab/math';

const p = TOY.p;
const d = 157n; //                               the server's secret (the attacker does not know it)
const publicKey = scalarMultiply(d, TOY.G!, TOY); // d·G, published

// The victim: x(d·Q) for any Q (in a real protocol the attacker learns it indirectly, e.g. by
// trying to decrypt the server's reply with each candidate key). No validation: that is the bug.
// The ladder is the plain Montgomery ladder of src/explain/ladder.ts over the toy field.
function unvalidatedServer(Q: AffinePoint, b: bigint): AffinePoint {
  return traceLadder(d, Q, { p, a: TOY.a, b, n: TOY.n }).result;
}

const sameX = (A: AffinePoint, B: AffinePoint) =>
  A === B || (A !== INFINITY && B !== INFINITY && A.x === B.x);

// All points of y² = x³ − 3x + b' (brute force; the attacker does this offline).
function points(b: bigint): AffinePoint[] {
  const out: AffinePoint[] = [];
  for (let x = 0n; x < p; x++)
    for (let y = 0n; y < p; y++) if (isOnCurve({ x, y }, { p, a: TOY.a, b })) out.push({ x, y });
  return out;
}

const isPrime = (r: number) => r > 1 && [...Array(r).keys()].slice(2).every((q) => r % q !== 0);

export function main(): void {
  console.log(`server's public key d·G = (${publicKey.x}, ${publicKey.y}); d is secret`);
  console.log('');
  console.log(
    "b'   #E'   r   point Q of order r".padEnd(38) +
      'server returns d·Q'.padEnd(20) +
      ' ⇒ d ≡ ± e (mod r)',
  );
  const residues: { r: bigint; e: bigint }[] = [];
  const sent: AffinePoint[] = [];
  let modulus = 1n;
  for (let b = 0n; b < p && modulus <= TOY.n!; b++) {
    if (b === TOY.b) continue;
    if ((4n * TOY.a ** 3n + 27n * b * b) % p === 0n) continue; // singular (a cusp or node): not an elliptic curve
    const all = points(b);
    const order = BigInt(all.length + 1); // + O
    // The smallest prime r dividing #E' that we have not used yet, and a point of order r.
    const r = [...Array(50).keys()]
      .map(BigInt)
      .find((q) => isPrime(Number(q)) && order % q === 0n && modulus % q !== 0n);
    if (r === undefined) continue;
    const curve: Curve = { p, a: TOY.a, b };
    const Q = all.map((P) => scalarMultiply(order / r, P, curve)).find((P) => P !== INFINITY)!; // order r
    const R = unvalidatedServer(Q, b);
    // Which e in [0, r) gives x(e·Q) = x(R)? Then d ≡ ±e (mod r): x alone leaves the sign.
    let e = 0n;
    for (let T: AffinePoint = INFINITY; !sameX(T, R); e++) T = pointAdd(T, Q, curve);
    residues.push({ r, e });
    sent.push(Q);
    modulus *= r;
    const shown = R === INFINITY ? 'O' : `(${R.x}, ${R.y})`;
    console.log(
      `${String(b).padEnd(4)} ${String(order).padEnd(5)} ${String(r).padEnd(3)} (${Q.x}, ${Q.y})`.padEnd(
        38,
      ) + `${shown.padEnd(20)} e = ${e}`,
    );
  }

  // Chinese remainder theorem over every choice of signs; keep the candidate with c·G = public key.
  console.log('');
  const crt = (parts: { r: bigint; e: bigint }[]) =>
    parts.reduce(
      (acc, { r, e }) => {
        let x = acc.x;
        while (x % r !== ((e % r) + r) % r) x += acc.m;
        return { x, m: acc.m * r };
      },
      { x: 0n, m: 1n },
    );
  const found: bigint[] = [];
  for (let signs = 0; signs < 1 << residues.length; signs++) {
    const { x } = crt(residues.map(({ r, e }, i) => ({ r, e: (signs >> i) & 1 ? -e : e })));
    if (x > 0n && x < TOY.n!) {
      const P = scalarMultiply(x, TOY.G!, TOY);
      if (P.x === publicKey.x && P.y === publicKey.y && !found.includes(x)) found.push(x);
    }
  }
  console.log(
    `moduli ${residues.map((v) => v.r).join('·')} = ${modulus} > n = ${TOY.n}: ${2 ** residues.length} sign choices, CRT, test c·G = d·G`,
  );
  console.log(
    `recovered d = ${found.join(', ')}   (the real d is ${d}: ${found.length === 1 && found[0] === d ? 'broken' : 'not found'})`,
  );

  // The fix: full public-key validation. None of the attacker's points is on the toy curve.
  console.log('');
  const accepted = sent.filter((Q) => isOnCurve(Q, TOY)).length;
  console.log(
    `with validation (is Q on y² = x³ − 3x + 8?): ${sent.length} points sent, ${accepted} accepted, ${sent.length - accepted} rejected`,
  );
}
