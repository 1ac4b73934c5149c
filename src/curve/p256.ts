/**
 * P-256 (secp256r1, prime256v1) as a curve object for the affine reference (affine.ts), and its
 * domain parameters p, n, a, b, G and h under the standards' names (SEC 2 v2 §2.4.2,
 * SP 800-186 §3.2.1.3). The numbers themselves are written down once, in src/math/p256-domain.ts.
 *
 * Deliberately not here: other curves (the toy curve for study lives in toy.ts).
 */
import { G, Gx, Gy, a, b, h, n, p } from '../math/p256-domain.js';
import type { DomainParameters } from './types.js';

export { G, Gx, Gy, a, b, h, n, p };

/**
 * P-256 as a curve object for the affine reference (affine.ts).
 * @example pointAdd(P256.G, P256.G, P256) // 2G
 */
export const P256: DomainParameters = Object.freeze({ name: 'P-256', p, a, b, n, h, G });
