// Chapter 3: Jacobian coordinates. (X : Y : Z) stands for (X/Z², Y/Z³). On the toy curve the
// formulas are written out here, counting multiplications (M), squarings (S) and inversions (I);
// on P-256 the library's own jacobianDouble / jacobianAdd give the same points as the affine law.
import {
  G,
  P256,
  TOY,
  jacobianAdd,
  jacobianDouble,
  mod,
  modInverseVartime,
  pointAdd,
  pointDouble,
  toAffine,
  toJacobian,
} from 'ecdh-lab/math';

const p = TOY.p;
const count = { M: 0, S: 0, I: 0 };
const mul = (x: bigint, y: bigint) => {
  count.M++;
  return mod(x * y, p);
};
const sqr = (x: bigint) => {
  count.S++;
  return mod(x * x, p);
};
const inv = (x: bigint) => {
  count.I++;
  return modInverseVartime(x, p);
};
const reset = () => Object.assign(count, { M: 0, S: 0, I: 0 });
const cost = () => `${count.M}M + ${count.S}S + ${count.I}I`;

// EFD dbl-2001-b (a = −3): 3M + 5S (multiplications by small constants not counted).
function double(X1: bigint, Y1: bigint, Z1: bigint) {
  const delta = sqr(Z1); //                                   δ = Z1²
  const gamma = sqr(Y1); //                                   γ = Y1²
  const beta = mul(X1, gamma); //                             β = X1·γ
  const alpha = mod(3n * mul(X1 - delta, X1 + delta), p); //  α = 3(X1 − δ)(X1 + δ) = 3X1² + a·Z1⁴
  const X3 = mod(sqr(alpha) - 8n * beta, p); //               X3 = α² − 8β
  const Z3 = mod(sqr(Y1 + Z1) - gamma - delta, p); //         Z3 = (Y1 + Z1)² − γ − δ = 2·Y1·Z1
  const Y3 = mod(mul(alpha, 4n * beta - X3) - 8n * sqr(gamma), p); // Y3 = α(4β − X3) − 8γ²
  return { X: X3, Y: Y3, Z: Z3 };
}

// The affine doubling, for comparison: λ = (3x² + a)/(2y) costs an inversion.
function affineDouble(x: bigint, y: bigint) {
  const lambda = mul(mod(3n * sqr(x) + TOY.a, p), inv(2n * y));
  const x3 = mod(sqr(lambda) - 2n * x, p);
  return { x: x3, y: mod(mul(lambda, x - x3) - y, p) };
}

export function main(): void {
  const P = TOY.G!;
  reset();
  const A = affineDouble(P.x, P.y);
  console.log(`affine   2G = (${A.x}, ${A.y})            cost ${cost()}`);
  reset();
  const J = double(P.x, P.y, 1n);
  console.log(`Jacobian 2G = (${J.X} : ${J.Y} : ${J.Z})     cost ${cost()}`);
  reset();
  const zi = inv(J.Z);
  const x = mul(J.X, sqr(zi));
  const y = mul(J.Y, mul(sqr(zi), zi));
  console.log(`back to affine: (X/Z², Y/Z³) = (${x}, ${y})  cost ${cost()}`);

  // One point, many names: (λ²X : λ³Y : λZ) is the same point for every λ ≠ 0.
  const lambda = 5n;
  const S = {
    X: mod(lambda ** 2n * J.X, p),
    Y: mod(lambda ** 3n * J.Y, p),
    Z: mod(lambda * J.Z, p),
  };
  const zs = inv(S.Z);
  console.log(
    `λ = 5: (${S.X} : ${S.Y} : ${S.Z}) → (${mul(S.X, sqr(zs))}, ${mul(S.Y, mul(sqr(zs), zs))})`,
  );

  // Ten doublings: affine pays ten inversions, Jacobian one at the end.
  reset();
  let a = { x: P.x, y: P.y };
  for (let i = 0; i < 10; i++) a = affineDouble(a.x, a.y);
  const affineCost = cost();
  reset();
  let j = { X: P.x, Y: P.y, Z: 1n };
  for (let i = 0; i < 10; i++) j = double(j.X, j.Y, j.Z);
  const zj = inv(j.Z);
  const same = mul(j.X, sqr(zj)) === a.x && mul(j.Y, mul(sqr(zj), zj)) === a.y;
  console.log(
    `1024·G by 10 doublings: affine ${affineCost}; Jacobian ${cost()}; same point: ${same}`,
  );

  // P-256: the library's formulas against the affine reference.
  const G2 = jacobianDouble(toJacobian(G));
  const G3 = jacobianAdd(G2, toJacobian(G));
  const a2 = pointDouble(G);
  const a3 = pointAdd(G, a2);
  const b2 = toAffine(G2);
  const b3 = toAffine(G3);
  console.log(
    `P-256: toAffine(jacobianDouble(G)) = pointDouble(G): ${b2.x === a2.x && b2.y === a2.y}`,
  );
  console.log(
    `P-256: toAffine(jacobianAdd(2G, G)) = pointAdd(G, 2G): ${b3.x === a3.x && b3.y === a3.y}`,
  );
  console.log(`P-256: 2G in Jacobian has Z = 2·Gy mod p: ${G2.Z === mod(2n * G.y, P256.p)}`);
}
