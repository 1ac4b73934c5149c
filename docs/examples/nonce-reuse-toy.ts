// Chapter 9: why k must never repeat, worked on the toy curve. The signer has a bug: it uses the
// same k for two messages. Anyone who sees the two signatures recovers k, then the private key.
import { sha256, utf8ToBytes } from 'ecdh-lab';
import {
  TOY,
  bits2int,
  ecdsaSignReference,
  mod,
  modInverseVartime,
  scalarMultiply,
} from 'ecdh-lab/math';

export function main(): void {
  const n = TOY.n;
  const d = 17n; //  the signer's secret
  const Q = scalarMultiply(d, TOY.G, TOY); // published
  const k = 100n; // the bug: one k for both messages
  const [m1, m2] = ['pay Bob 10 coins', 'pay Bob 20 coins'];
  const e1 = bits2int(sha256(utf8ToBytes(m1)), n);
  const e2 = bits2int(sha256(utf8ToBytes(m2)), n);
  const sig1 = ecdsaSignReference(e1, d, k, TOY);
  const sig2 = ecdsaSignReference(e2, d, k, TOY);
  console.log(`public key Q = (${Q.x}, ${Q.y})`);
  console.log(`"${m1}": e1 = ${e1}, signature (r, s1) = (${sig1.r}, ${sig1.s})`);
  console.log(`"${m2}": e2 = ${e2}, signature (r, s2) = (${sig2.r}, ${sig2.s})`);
  console.log(`the same r twice: ${sig1.r === sig2.r} — so the same k, since r = x(k·G)`);
  console.log('');
  // s1 − s2 = k⁻¹·(e1 − e2)  ⇒  k = (e1 − e2)·(s1 − s2)⁻¹ mod n
  const ds = mod(sig1.s - sig2.s, n);
  const de = mod(e1 - e2, n);
  const kFound = mod(de * modInverseVartime(ds, n), n);
  console.log(
    `s1 − s2 = k⁻¹·(e1 − e2)   ⇒  k = (e1 − e2)/(s1 − s2) = ${de}/${ds} = ${de}·${modInverseVartime(ds, n)} mod ${n} = ${kFound}`,
  );
  // s1·k = e1 + r·d  ⇒  d = (s1·k − e1)·r⁻¹ mod n
  const dFound = mod((sig1.s * kFound - e1) * modInverseVartime(sig1.r, n), n);
  console.log(
    `s1·k = e1 + r·d          ⇒  d = (s1·k − e1)/r = (${sig1.s}·${kFound} − ${e1})/${sig1.r} mod ${n} = ${dFound}`,
  );
  const P = scalarMultiply(dFound, TOY.G, TOY);
  console.log(
    `check: ${dFound}·G = (${P.x}, ${P.y}) = Q: ${P.x === Q.x && P.y === Q.y} — the private key is out`,
  );
}
