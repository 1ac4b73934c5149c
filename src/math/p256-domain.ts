/**
 * The domain parameters of P-256 (secp256r1, prime256v1), as numbers, with the standards'
 * names: SEC 2 v2 §2.4.2 and SP 800-186 §3.2.1.3. This is the one place they are written down;
 * the field (fp.ts, field.ts), the scalars (scalar.ts) and the curve (src/curve/p256.ts) import them.
 *
 *   E : y² = x³ + a·x + b over F_p, with a = −3 (stored as p − 3)
 *   p = 2^256 − 2^224 + 2^192 + 2^96 − 1            the field prime
 *   G = (Gx, Gy)                                     the base point
 *   n                                                the prime order of G
 *   h = #E(F_p) / n = 1                              the cofactor: every point ≠ O has order n
 *
 * Deliberately not here: arithmetic, and other curves (the toy curve lives in src/curve/toy.ts).
 */

/** The field prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1. */
export const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;

/** The order n of the base point G (a prime). */
export const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The coefficient a = −3, as the residue p − 3. */
export const a = p - 3n;

/** The coefficient b (SEC 2 v2 §2.4.2). */
export const b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/** The x-coordinate of the base point G. */
export const Gx = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;

/** The y-coordinate of the base point G. */
export const Gy = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

/** The cofactor h = 1. */
export const h = 1n;

/** The base point G = (Gx, Gy), frozen (an AffinePoint of src/curve). */
export const G: { readonly x: bigint; readonly y: bigint } = Object.freeze({ x: Gx, y: Gy });
