/**
 * Certificate path validation (RFC 5280 §6), simplified the way browsers and Go's
 * crypto/x509 do it: build a path from the leaf up to a trust anchor through the
 * intermediates offered, and check every link.
 *
 *   leaf ← signed by ← intermediate … ← signed by ← trust anchor (a certificate the caller trusts)
 *
 * The leaf (depth 0) must:
 *   - be valid at the time given (notBefore ≤ t ≤ notAfter)           CERT_NOT_YET_VALID / CERT_EXPIRED
 *   - have no critical extension this library does not process          CERT_UNKNOWN_CRITICAL_EXTENSION
 *   - have a P-256 key (the only kind that can sign a TLS handshake here) CERT_UNSUPPORTED_KEY
 *   - have digitalSignature if keyUsage is present, and the purpose
 *     (serverAuth or clientAuth) or anyExtendedKeyUsage if extendedKeyUsage is present  CERT_WRONG_USAGE
 *   - name the host in subjectAltName, if a host is given (hostname.ts)  CERT_HOST_MISMATCH
 * Every issuer (intermediate or anchor) must:
 *   - have the child's issuer name as its subject (identical DER), and a P-256 key that
 *     verifies the child's ECDSA signature                              CERT_UNKNOWN_ISSUER / CERT_BAD_SIGNATURE
 *     (CERT_UNSUPPORTED_KEY / CERT_UNSUPPORTED_ALGORITHM when it cannot be checked)
 *   - be valid at the time, with no unknown critical extension
 *   - be a CA: basicConstraints with cA TRUE                            CERT_NOT_CA
 *   - have keyCertSign if keyUsage is present, and the purpose or
 *     anyExtendedKeyUsage if extendedKeyUsage is present (as Go and OpenSSL check)  CERT_WRONG_USAGE
 *   - respect its pathLenConstraint: at most that many non-self-issued
 *     intermediates below it (§4.2.1.9)                                   CERT_PATH_TOO_LONG
 * and the path may hold at most `maxDepth` intermediates (CERT_PATH_TOO_LONG).
 *
 * Path building: the candidates for a certificate's issuer are the anchors and
 * intermediates whose subject equals its issuer, those whose subjectKeyIdentifier equals
 * its authorityKeyIdentifier first, anchors before intermediates; each is tried in turn
 * (depth first) and the first complete path wins. When none works, the error is the one
 * met first, so a single broken chain reports its own reason. A certificate appears at
 * most once per path, and at most `MAX_SIGNATURE_CHECKS` signatures are checked per call
 * (as Go caps them), so a hostile pool of look-alike intermediates costs a bounded time.
 *
 * Not done (as in Go's verifier): name constraints, certificate policies, revocation
 * (CRL, OCSP). A critical extension of those kinds therefore fails verification. Trust
 * anchors are checked like intermediates (validity, CA, key usage), as Python's
 * cryptography.x509.verification does; a leaf that is itself one of the anchors is trusted directly.
 */
import { CryptoError, type CryptoErrorCode } from '../errors.js';
import { Certificate, describeName, keyName } from './certificate.js';
import { type HostTarget, matchesHost, parseHost } from './hostname.js';
import { KEY_PURPOSES } from './oids.js';
import { assertVerifier, DEFAULT_VERIFIER, type SignatureVerifier } from './signature.js';

/** What the leaf will be used for (RFC 5280 §4.2.1.12 key purposes). */
export type Purpose = 'serverAuth' | 'clientAuth';

/** Inputs of `verifyChain`. */
export interface VerifyChainOptions {
  /** The trust anchors: certificates trusted without further checks of who issued them. */
  anchors: readonly Certificate[];
  /** Untrusted certificates that may complete the path (e.g. what a TLS server sent after its leaf). */
  intermediates?: readonly Certificate[];
  /** The time to check validity at (default: now). */
  time?: Date | number;
  /** The DNS name or IP address the caller meant to reach; omitted = no host check. */
  host?: string;
  /** The purpose the leaf must allow (default 'serverAuth'). */
  purpose?: Purpose;
  /** The most intermediates a path may have (default 8). */
  maxDepth?: number;
  /** The ECDSA verifier (default: `DEFAULT_VERIFIER`, see signature.ts). */
  verifier?: SignatureVerifier;
}

/** The result of a successful verification. */
export interface VerifiedChain {
  /** The path, leaf first, trust anchor last (a trusted leaf alone when it is itself an anchor). */
  readonly chain: readonly Certificate[];
}

/** The most signatures one `verifyChain` call checks. */
export const MAX_SIGNATURE_CHECKS = 100;
/** The default `maxDepth`. */
export const DEFAULT_MAX_DEPTH = 8;

const ROLE = ['leaf', 'intermediate', 'trust anchor'] as const;

class PathError {
  constructor(readonly error: CryptoError) {}
}

function refuse(code: CryptoErrorCode, cert: Certificate, role: string, reason: string): PathError {
  return new PathError(new CryptoError(code, `x509: ${role} ${describeName(cert)}: ${reason}`));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

interface Context {
  time: number;
  purposeOid: string;
  maxDepth: number;
  verifier: SignatureVerifier;
  anchors: readonly Certificate[];
  pool: readonly Certificate[];
  signatureChecks: number;
  signatureCache: Map<string, boolean>;
  ids: Map<Certificate, number>;
}

/**
 * Verifies that `leaf` chains to one of `options.anchors`, as described in the file header.
 * @param leaf - the end-entity certificate
 * @param options - anchors (required), intermediates, time, host, purpose, maxDepth, verifier
 * @returns the chain, leaf first
 * @throws TypeError / RangeError for malformed options; CryptoError with a CERT_… code (see the
 *   file header) naming the certificate and the reason; LIMIT_EXCEEDED after
 *   MAX_SIGNATURE_CHECKS signature checks
 * @example
 * const { chain } = verifyChain(leaf, { anchors: [root], intermediates: [inter], host: 'example.com', verifier });
 */
export function verifyChain(leaf: Certificate, options: VerifyChainOptions): VerifiedChain {
  if (!(leaf instanceof Certificate)) throw new TypeError('leaf must be a Certificate');
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  // Read every option once (a getter could answer differently the second time).
  const {
    anchors,
    intermediates = [],
    time,
    host,
    purpose = 'serverAuth',
    maxDepth = DEFAULT_MAX_DEPTH,
    verifier = DEFAULT_VERIFIER,
  } = options;
  const anchorList = certificateList(anchors, 'options.anchors');
  const pool = certificateList(intermediates, 'options.intermediates');
  const now = time === undefined ? Date.now() : time instanceof Date ? time.getTime() : time;
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new TypeError('options.time must be a Date or a number of milliseconds');
  if (purpose !== 'serverAuth' && purpose !== 'clientAuth')
    throw new TypeError(`options.purpose must be 'serverAuth' or 'clientAuth'`);
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 64)
    throw new RangeError('options.maxDepth must be an integer from 0 to 64');
  assertVerifier(verifier, 'options.verifier');
  const target = host === undefined ? undefined : parseHost(host);

  const context: Context = {
    time: now,
    purposeOid: KEY_PURPOSES[purpose],
    maxDepth,
    verifier,
    anchors: anchorList,
    pool,
    signatureChecks: 0,
    signatureCache: new Map(),
    ids: new Map(),
  };
  try {
    checkLeaf(leaf, context, target);
    if (anchorList.some((anchor) => anchor.equals(leaf)))
      return Object.freeze({ chain: Object.freeze([leaf]) });
    const found = buildPath([leaf], context);
    if (found instanceof PathError) throw found;
    return Object.freeze({ chain: Object.freeze(found) });
  } catch (error) {
    if (error instanceof PathError) throw error.error;
    throw error;
  }
}

function certificateList(value: unknown, name: string): readonly Certificate[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of Certificates`);
  const copy = [...value];
  for (const cert of copy)
    if (!(cert instanceof Certificate)) throw new TypeError(`${name} must hold only Certificates`);
  return copy;
}

function checkValidity(cert: Certificate, role: string, time: number): void {
  const notBefore = cert.notBefore.getTime();
  const notAfter = cert.notAfter.getTime();
  if (time < notBefore)
    throw refuse(
      'CERT_NOT_YET_VALID',
      cert,
      role,
      `not valid before ${iso(notBefore)} (checked at ${iso(time)})`,
    );
  if (time > notAfter)
    throw refuse(
      'CERT_EXPIRED',
      cert,
      role,
      `expired at ${iso(notAfter)} (checked at ${iso(time)})`,
    );
}

function checkCriticalExtensions(cert: Certificate, role: string): void {
  const unhandled = cert.extensions.unhandledCritical;
  if (unhandled.length > 0)
    throw refuse(
      'CERT_UNKNOWN_CRITICAL_EXTENSION',
      cert,
      role,
      `unknown critical extension ${unhandled[0]}`,
    );
}

function checkPurpose(cert: Certificate, role: string, purposeOid: string): void {
  const eku = cert.extensions.extendedKeyUsage;
  if (
    eku &&
    !eku.purposes.includes(purposeOid) &&
    !eku.purposes.includes(KEY_PURPOSES.anyExtendedKeyUsage)
  ) {
    const name = purposeOid === KEY_PURPOSES.serverAuth ? 'serverAuth' : 'clientAuth';
    throw refuse('CERT_WRONG_USAGE', cert, role, `extendedKeyUsage does not allow ${name}`);
  }
}

function checkLeaf(leaf: Certificate, context: Context, target: HostTarget | undefined): void {
  checkValidity(leaf, 'leaf', context.time);
  checkCriticalExtensions(leaf, 'leaf');
  if (leaf.publicKeyInfo.kind !== 'P-256')
    throw refuse(
      'CERT_UNSUPPORTED_KEY',
      leaf,
      'leaf',
      `${keyName(leaf.publicKeyInfo)} keys are not supported (P-256 only)`,
    );
  const keyUsage = leaf.extensions.keyUsage;
  if (keyUsage && !keyUsage.usages.includes('digitalSignature'))
    throw refuse('CERT_WRONG_USAGE', leaf, 'leaf', 'keyUsage does not allow digitalSignature');
  checkPurpose(leaf, 'leaf', context.purposeOid);
  if (target !== undefined && !matchesHost(leaf.extensions.subjectAltName?.names ?? [], target)) {
    const host = target.kind === 'dns' ? target.name : target.text;
    throw refuse('CERT_HOST_MISMATCH', leaf, 'leaf', `subjectAltName does not name '${host}'`);
  }
}

/** How well a candidate's subjectKeyIdentifier fits the child's authorityKeyIdentifier: 0 best. */
function keyIdRank(child: Certificate, candidate: Certificate): number {
  const aki = child.extensions.authorityKeyIdentifier?.keyIdentifier;
  const ski = candidate.extensions.subjectKeyIdentifier?.keyIdentifier;
  if (aki === undefined || ski === undefined) return 1;
  return aki === ski ? 0 : 2;
}

/** Depth-first search for a path; returns it, or the first error met. */
function buildPath(chain: Certificate[], context: Context): Certificate[] | PathError {
  const child = chain[chain.length - 1];
  const childRole = ROLE[chain.length === 1 ? 0 : 1];
  const candidates = [
    ...context.anchors.map((cert) => ({ cert, anchor: true })),
    ...context.pool.map((cert) => ({ cert, anchor: false })),
  ]
    .filter(({ cert }) => cert.subject.equals(child.issuer) && !chain.some((c) => c.equals(cert)))
    .map((candidate, order) => ({ ...candidate, order, rank: keyIdRank(child, candidate.cert) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  if (candidates.length === 0) {
    const reason = child.isSelfIssued
      ? 'self-signed and not among the trust anchors'
      : `issuer ${child.issuer.toString() === '' ? '(empty name)' : `'${child.issuer.toString()}'`} not found among the trust anchors and intermediates`;
    return refuse('CERT_UNKNOWN_ISSUER', child, childRole, reason);
  }
  let firstError: PathError | undefined;
  for (const { cert, anchor } of candidates) {
    const intermediates = chain.length - 1 + (anchor ? 0 : 1);
    try {
      if (intermediates > context.maxDepth)
        throw refuse(
          'CERT_PATH_TOO_LONG',
          cert,
          'intermediate',
          `the path would exceed ${context.maxDepth} intermediates (maxDepth)`,
        );
      checkIssuer(cert, anchor ? 'trust anchor' : 'intermediate', chain, context);
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      firstError ??= error;
      continue;
    }
    const path = [...chain, cert];
    if (anchor) return path;
    const result = buildPath(path, context);
    if (!(result instanceof PathError)) return result;
    firstError ??= result;
  }
  return firstError!;
}

function checkIssuer(
  issuer: Certificate,
  role: string,
  chain: Certificate[],
  context: Context,
): void {
  const child = chain[chain.length - 1];
  const childRole = chain.length === 1 ? 'leaf' : 'intermediate';
  if (issuer.publicKeyInfo.kind !== 'P-256')
    throw refuse(
      'CERT_UNSUPPORTED_KEY',
      issuer,
      role,
      `${keyName(issuer.publicKeyInfo)} keys are not supported (P-256 only)`,
    );
  if (child.signatureAlgorithm.hash === undefined)
    throw refuse(
      'CERT_UNSUPPORTED_ALGORITHM',
      child,
      childRole,
      `signed with ${child.signatureAlgorithm.name} (only ECDSA with SHA-256/384/512)`,
    );
  if (!checkSignature(child, issuer, context))
    throw refuse(
      'CERT_BAD_SIGNATURE',
      child,
      childRole,
      `signature does not verify with the key of ${describeName(issuer)}`,
    );
  checkValidity(issuer, role, context.time);
  checkCriticalExtensions(issuer, role);
  const bc = issuer.extensions.basicConstraints;
  if (bc === undefined || !bc.ca)
    throw refuse(
      'CERT_NOT_CA',
      issuer,
      role,
      bc === undefined ? 'no basicConstraints: not a CA' : 'basicConstraints cA is FALSE: not a CA',
    );
  const keyUsage = issuer.extensions.keyUsage;
  if (keyUsage && !keyUsage.usages.includes('keyCertSign'))
    throw refuse('CERT_WRONG_USAGE', issuer, role, 'keyUsage does not allow keyCertSign');
  checkPurpose(issuer, role, context.purposeOid);
  if (bc.pathLength !== undefined) {
    // §4.2.1.9: intermediates below this CA (the leaf excluded), self-issued ones not counted.
    const below = chain.slice(1).filter((cert) => !cert.isSelfIssued).length;
    if (below > bc.pathLength)
      throw refuse(
        'CERT_PATH_TOO_LONG',
        issuer,
        role,
        `pathLenConstraint ${bc.pathLength} allows ${bc.pathLength} intermediate(s) below it, the path has ${below}`,
      );
  }
}

function checkSignature(child: Certificate, issuer: Certificate, context: Context): boolean {
  // Every check counts against the budget, cached or not, so the search itself is bounded.
  if (++context.signatureChecks > MAX_SIGNATURE_CHECKS)
    throw new CryptoError(
      'LIMIT_EXCEEDED',
      `x509: path building gave up after ${MAX_SIGNATURE_CHECKS} signature checks`,
    );
  const key = `${idOf(child, context)}>${idOf(issuer, context)}`;
  const cached = context.signatureCache.get(key);
  if (cached !== undefined) return cached;
  const valid = child.isSignedBy(issuer, context.verifier);
  context.signatureCache.set(key, valid);
  return valid;
}

function idOf(cert: Certificate, context: Context): number {
  let id = context.ids.get(cert);
  if (id === undefined) {
    id = context.ids.size;
    context.ids.set(cert, id);
  }
  return id;
}
