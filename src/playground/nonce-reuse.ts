/**
 * What two ECDSA signatures made with the same k give away (the playground's ECDSA view; the
 * tour's chapter 9 works it by hand). FIPS 186-5 §6.4.1 step 7 makes every signature satisfy
 *
 *   s·k ≡ e + r·d (mod n)
 *
 * Two messages signed with one k share r = x(k·G) mod n, so subtracting the two equations
 * leaves k, and either equation then gives d:
 *
 *   k = (e1 − e2)·(s1 − s2)⁻¹ mod n,   d = (s1·k − e1)·r⁻¹ mod n
 *
 * Only public values go in: the two message representatives (bits2int of the hashes) and the
 * two signatures. When e1 ≡ e2 (mod n) the signatures are the same and there is nothing to
 * subtract.
 */
import { mod, modInverseVartime } from '../math.js';

/** The public values an observer of two signatures with a reused k holds. */
export interface ReusedNonceSignatures {
  /** The group order. */
  n: bigint;
  /** The message representatives of the two messages. */
  e1: bigint;
  e2: bigint;
  /** The common r, and the two s. */
  r: bigint;
  s1: bigint;
  s2: bigint;
}

/**
 * k and the private key d from two signatures that share k.
 * @returns { k, d }, or undefined when s1 ≡ s2 (mod n) (then e1 ≡ e2: one equation, two unknowns)
 * @example recoverFromReusedNonce({ n: 233n, e1, e2, r, s1, s2 }) // { k: 100n, d: 17n }
 */
export function recoverFromReusedNonce({
  n,
  e1,
  e2,
  r,
  s1,
  s2,
}: ReusedNonceSignatures): { k: bigint; d: bigint } | undefined {
  const ds = mod(s1 - s2, n);
  if (ds === 0n) return undefined;
  const k = mod((e1 - e2) * modInverseVartime(ds, n), n); // k = (e1 − e2)/(s1 − s2)
  const d = mod((s1 * k - e1) * modInverseVartime(r, n), n); // d = (s1·k − e1)/r
  return { k, d };
}
