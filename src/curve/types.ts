/**
 * The shapes the curve modules share: an affine point, a short Weierstrass curve, a curve with
 * its domain parameters, and a point validated as a P-256 public key. Types only; they sit in
 * their own module so that every curve module can name them without importing another's code.
 */

/** A point (x, y) with x, y ∈ [0, p−1]; the identity is INFINITY (affine.ts). */
export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

/** A short Weierstrass curve y² = x³ + a·x + b over F_p, with optional group data. */
export interface Curve {
  readonly name?: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly n?: bigint;
  readonly h?: bigint;
  readonly G?: AffinePoint;
}

/**
 * A curve with all of its domain parameters, SEC 1 §3.1.1's T = (p, a, b, G, n, h): the base
 * point G, its prime order n and the cofactor h. P256 and TOY are these.
 */
export interface DomainParameters extends Curve {
  readonly name: string;
  readonly n: bigint;
  readonly h: bigint;
  readonly G: AffinePoint;
}

declare const publicPointBrand: unique symbol;

/**
 * A frozen affine point that passed P-256 public-key validation (SP 800-56A rev3 §5.6.2.3.3):
 * not O, coordinates in [0, p − 1], on the curve. Only the validating functions produce one
 * (decodePoint, parsePublicPoint in src/ecdh/validate.ts, and d·G for a valid d), so a
 * function that takes a PublicPoint does not validate again: the type is the proof.
 */
export type PublicPoint = AffinePoint & { readonly [publicPointBrand]: true };
