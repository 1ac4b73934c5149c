/**
 * IP addresses as text and as the octets an iPAddress GeneralName holds (RFC 5280
 * §4.2.1.6: 4 octets for IPv4, 16 for IPv6, network byte order).
 *
 * Text forms read: IPv4 dotted decimal with no leading zeros ("010.0.0.1" is refused: some
 * parsers read it as octal); IPv6 as RFC 4291 §2.2 writes it ("::" once, optionally a
 * dotted IPv4 tail), without a zone. Written: dotted decimal, and IPv6 in RFC 5952's
 * canonical form (lower case, the longest run of two or more zero groups as "::").
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Parses an IPv4 or IPv6 address.
 * @returns 4 or 16 octets, or undefined when `text` is not an address
 * @example ipToBytes('127.0.0.1') // Uint8Array [127, 0, 0, 1]
 */
export function ipToBytes(text: string): Uint8Array | undefined {
  if (IPV4.test(text)) return Uint8Array.from(text.split('.'), Number);
  if (!text.includes(':') || text.length > 45) return undefined;
  let head = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = ipToBytes(text.slice(lastColon + 1));
    if (tail === undefined || tail.length !== 4) return undefined;
    // What precedes the IPv4 tail: "…:" before it belongs to a "::" or is a separator.
    head = text[lastColon - 1] === ':' ? text.slice(0, lastColon + 1) : text.slice(0, lastColon);
  }
  const groupsWanted = tail ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const group of groups) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(group)) return undefined;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (left === undefined || right === undefined) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = groupsWanted - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== groupsWanted) return undefined;
    groups = left;
  }
  const out = new Uint8Array(16);
  groups.forEach((group, i) => {
    out[2 * i] = group >> 8;
    out[2 * i + 1] = group & 0xff;
  });
  if (tail) out.set(tail, 12);
  return out;
}

/**
 * Formats 4 or 16 octets as an address (RFC 5952 for IPv6).
 * @throws RangeError for another length
 * @example ipFromBytes(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)) // '::1'
 */
export function ipFromBytes(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16)
    throw new RangeError(`an IP address has 4 or 16 octets, got ${bytes.length}`);
  const groups = ipv6Groups(bytes);
  // RFC 5952 §4.2: compress the longest run of at least two zero groups (the first if tied).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (part: number[]) => part.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** The eight 16-bit groups of an IPv6 address. */
export function ipv6Groups(bytes: Uint8Array): number[] {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  return groups;
}
