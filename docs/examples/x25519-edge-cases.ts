// Chapter 10: why the X25519 ladder has no special case. The same branch-free formulas run for
// every scalar, including the ones that break P-256's co-Z ladder (0, 1, n − 2, n − 1), and for
// the point at infinity itself; they agree with the textbook group law every time.
import {
  CURVE25519,
  CURVE25519_BASE_POINT as B,
  CURVE25519_INFINITY as O,
  G,
  coZAddConjugate,
  curve25519Multiply,
  mod,
  modPow,
  x25519Ladder,
} from 'ecdh-lab/math';

export function main(): void {
  const { p, A, n } = CURVE25519;
  // Bernstein's condition: A² − 4 is not a square mod p (Euler: (A² − 4)^((p−1)/2) = −1).
  const euler = modPow(A * A - 4n, (p - 1n) / 2n, p);
  console.log(
    `(A² − 4)^((p−1)/2) mod p = ${euler === p - 1n ? 'p − 1, i.e. −1: not a square' : euler}`,
  );

  const names: [string, bigint][] = [
    ['0', 0n],
    ['1', 1n],
    ['2', 2n],
    ['n − 2', n - 2n],
    ['n − 1', n - 1n],
    ['n', n],
    ['n + 1', n + 1n],
    ['2^254', 2n ** 254n],
  ];
  for (const [name, k] of names) {
    const reference = curve25519Multiply(k, B); //       affine double-and-add, with its ifs
    const expected = reference === O ? 0n : reference.u; // O encodes as u = 0
    const ladder = x25519Ladder(k, 9n); //                  no if anywhere
    console.log(
      `k = ${name.padEnd(6)} ladder = affine: ${ladder === expected}${reference === O ? '   (k·B = O → u = 0)' : ''}`,
    );
  }

  // The first step starts from R0 = O = (1 : 0). Doubling it by the formulas gives O again;
  // adding it to P = (u : 1) (difference P) gives (4u² : 4u), which is P.
  const u = 9n;
  const [AA, BB] = [1n, 1n]; //                 (x2 + z2)², (x2 − z2)² for (1 : 0)
  const E = AA - BB;
  console.log(
    `2·(1 : 0) = (AA·BB : E·(AA + a24·E)) = (${AA * BB} : ${E * (AA + CURVE25519.a24 * E)})`,
  );
  const DA = mod((u - 1n) * (1n + 0n), p); //  (x3 − z3)(x2 + z2)
  const CB = mod((u + 1n) * (1n - 0n), p); //  (x3 + z3)(x2 − z2)
  const X = mod((DA + CB) ** 2n, p);
  const Z = mod(u * (DA - CB) ** 2n, p);
  console.log(`(1 : 0) + (9 : 1) = (${X} : ${Z}) = (${X / Z} : 1)`);

  // P-256's co-Z formulas, by contrast, divide by X2 − X1 in disguise: for P = Q they give Z = 0.
  const broken = coZAddConjugate({ X1: G.x, Y1: G.y, X2: G.x, Y2: G.y, Z: 1n });
  console.log(
    `P-256 XYcZ-ADDC(G, G): Z3 = ${broken.Z} (meaningless; ladder.ts masks k = 0, 1, n − 2, n − 1)`,
  );
}
