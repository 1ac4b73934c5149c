/**
 * Does a certificate name the host a client meant to reach? (RFC 6125 §6, RFC 9525;
 * RFC 5280 §4.2.1.6.) As browsers and Go's crypto/x509 do it:
 *
 *   - only subjectAltName counts; the subject's CN is never consulted (RFC 9525 §6.3);
 *   - a host that is an IP literal matches iPAddress entries, octet for octet, and never a
 *     dNSName (not even "127.0.0.1" written as a dNSName);
 *   - a DNS host matches a dNSName case-insensitively (ASCII only: internationalised
 *     names must be in their A-label form, "xn--…");
 *   - a wildcard "*" matches exactly one whole label, only as the left-most label of the
 *     pattern, and only with at least two labels after it: "*.example.com" matches
 *     "www.example.com" but not "example.com", "a.b.example.com" (across a dot) or
 *     "*.com"-style patterns; "www.*.example.com" (wildcard in the middle) and
 *     "w*.example.com" (partial label) match nothing.
 */
import type { GeneralName } from './general-name.js';
import { ipToBytes } from './ip.js';

/** A host to match: a DNS name (lower case, no trailing dot) or an IP address's octets. */
export type HostTarget =
  | { readonly kind: 'dns'; readonly name: string }
  | { readonly kind: 'ip'; readonly bytes: Uint8Array; readonly text: string };

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Reads the host a caller wants to reach: an IPv4 or IPv6 literal (brackets allowed for
 * IPv6: "[::1]"), or a DNS name (one trailing dot allowed and dropped).
 * @throws TypeError when not a string; RangeError for an empty or malformed host, or one with
 *   characters outside ASCII
 */
export function parseHost(host: string): HostTarget {
  if (typeof host !== 'string') throw new TypeError(`host must be a string, got ${typeof host}`);
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const bytes = ipToBytes(literal);
  if (bytes !== undefined) return Object.freeze({ kind: 'ip', bytes, text: literal });
  if (literal !== host) throw new RangeError(`host '${host}' is not an IPv6 address`);
  if (/[^\x21-\x7e]/.test(host))
    throw new RangeError('host must be ASCII (write internationalised names as A-labels, xn--…)');
  const name = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  if (
    name.length === 0 ||
    name.length > 253 ||
    !name.split('.').every((label) => LABEL.test(label))
  )
    throw new RangeError(`host '${host}' is not a DNS name or an IP address`);
  return Object.freeze({ kind: 'dns', name });
}

/**
 * Whether a dNSName pattern from a certificate matches a host (both as in the file header).
 * @param pattern - the dNSName as the certificate holds it
 * @param host - a lower-case DNS name from `parseHost`
 * @example matchDnsName('*.example.com', 'www.example.com') // true
 */
export function matchDnsName(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.length === 0 || p.endsWith('.')) return false;
  const patternLabels = p.split('.');
  const hostLabels = host.split('.');
  if (patternLabels.length !== hostLabels.length) return false;
  if (p.includes('*')) {
    if (patternLabels[0] !== '*' || patternLabels.slice(1).some((label) => label.includes('*')))
      return false; // only "*" as the whole left-most label
    if (patternLabels.length < 3) return false; // "*.com": at least two labels after the wildcard
    return (
      patternLabels.slice(1).join('.') === hostLabels.slice(1).join('.') && hostLabels[0] !== ''
    );
  }
  return p === host;
}

/**
 * Whether any subjectAltName entry names the host.
 * @param names - the certificate's subjectAltName entries (none when it has no such extension)
 */
export function matchesHost(names: readonly GeneralName[], target: HostTarget): boolean {
  for (const name of names) {
    if (target.kind === 'dns' && name.type === 'dns' && matchDnsName(name.value, target.name))
      return true;
    if (target.kind === 'ip' && name.type === 'ip') {
      const bytes = ipToBytes(name.value)!;
      if (bytes.length === target.bytes.length && bytes.every((b, i) => b === target.bytes[i]))
        return true;
    }
  }
  return false;
}
