/**
 * A peer's or a listener's address for logs and messages: "host:port", with an IPv6 host in
 * brackets as in a URL (RFC 3986 §3.2.2), so that the port cannot be read as part of it.
 */

/**
 * "host:port", or "[v6 host]:port": "[::1]:65432".
 * @example formatAddress('::1', 65432) // '[::1]:65432'
 */
export function formatAddress(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
