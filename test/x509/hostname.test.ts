/**
 * Host names and addresses (src/x509/ip.ts, src/x509/hostname.ts): IPv4/IPv6 text both ways
 * — checked against the WHATWG URL parser's IPv6 serialiser (RFC 5952 compression) with
 * fast-check, 1000 runs — and the matching rules of RFC 6125 / RFC 9525 as browsers apply
 * them, table by table.
 */
import fc from 'fast-check';
import { isIP } from 'node:net';
import type { GeneralName } from '../../src/x509/general-name.js';
import { matchDnsName, matchesHost, parseHost } from '../../src/x509/hostname.js';
import { ipFromBytes, ipToBytes } from '../../src/x509/ip.js';

describe('IP addresses as text', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['::1', [...new Array(15).fill(0), 1]],
    ['::', new Array(16).fill(0)],
    ['2001:db8::1', [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]],
    ['::ffff:192.0.2.1', [...new Array(10).fill(0), 0xff, 0xff, 192, 0, 2, 1]],
    ['1:2:3:4:5:6:7::', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]],
    ['FE80::A', [0xfe, 0x80, ...new Array(13).fill(0), 0x0a]],
  ])('%s', (text, bytes) => {
    expect(Array.from(ipToBytes(text)!)).toEqual(bytes);
  });

  it.each([
    '010.0.0.1',
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    ' 1.2.3.4',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':1',
    '1:',
    '12345::',
    'g::',
    '::1.2.3',
    '::1.2.3.4:5',
    'fe80::1%eth0',
    'localhost',
    '',
  ])('refuses %j', (text) => {
    expect(ipToBytes(text)).toBeUndefined();
  });

  it('agrees with node:net on which strings are addresses (fast-check)', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 24 }), (text) => {
        // node accepts IPv4 parts with leading zeros ("01.2.3.4"); we refuse them on purpose.
        if (/(^|[.:])0\d/.test(text) && text.includes('.')) return;
        expect(ipToBytes(text) !== undefined).toBe(isIP(text) !== 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes IPv6 as RFC 5952 does, like the WHATWG URL serialiser (fast-check)', () => {
    // Zero-heavy groups so that runs of zeros, ties and single zeros all occur.
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const bytes = new Uint8Array(16);
        groups.forEach((g, i) => {
          bytes[2 * i] = g >> 8;
          bytes[2 * i + 1] = g & 0xff;
        });
        const text = ipFromBytes(bytes);
        expect(`[${text}]`).toBe(new URL(`http://[${text}]/`).hostname);
        expect(Array.from(ipToBytes(text)!)).toEqual(Array.from(bytes));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseHost', () => {
  it('reads names (lower case, one trailing dot dropped) and IP literals (IPv6 in brackets too)', () => {
    expect(parseHost('WWW.Example.COM.')).toEqual({ kind: 'dns', name: 'www.example.com' });
    expect(parseHost('[::1]')).toMatchObject({ kind: 'ip', text: '::1' });
    expect(parseHost('10.1.2.3')).toMatchObject({ kind: 'ip', text: '10.1.2.3' });
    expect(parseHost('under_score.example')).toEqual({ kind: 'dns', name: 'under_score.example' });
  });
  it.each([
    '',
    '.',
    'a..b',
    '-a.example',
    'a-.example',
    'exa mple.com',
    'bücher.example',
    '[127.0.0.1',
    'a'.repeat(64) + '.example',
    '*.example.com',
  ])('refuses %j', (host) => {
    expect(() => parseHost(host)).toThrow(RangeError);
  });
  it('refuses a non-string', () => {
    expect(() => parseHost(1 as unknown as string)).toThrow(TypeError);
  });
});

describe('dNSName matching (RFC 6125 §6.4, RFC 9525 §6.3)', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['EXAMPLE.com', 'example.com', true],
    ['example.com', 'www.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.EXAMPLE.com', 'www.example.com', true],
    ['*.example.com', 'example.com', false], // the wildcard needs a label
    ['*.example.com', 'a.b.example.com', false], // never across a dot
    ['www.*.example.com', 'www.a.example.com', false], // only the left-most label
    ['w*.example.com', 'www.example.com', false], // only a whole label
    ['*w.example.com', 'ww.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['*.com', 'example.com', false], // at least two labels after the wildcard
    ['*', 'example', false],
    ['example.com.', 'example.com', false], // a dNSName ends without a dot
    ['', 'example.com', false],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', true],
  ])('%j against %j → %s', (pattern, host, expected) => {
    const target = parseHost(host);
    expect(target.kind === 'dns' && matchDnsName(pattern, target.name)).toBe(expected);
  });
});

describe('matching a host against subjectAltName', () => {
  const names: GeneralName[] = [
    { type: 'dns', value: 'a.example' },
    { type: 'dns', value: '10.0.0.1' },
    { type: 'ip', value: '192.0.2.1' },
    { type: 'ip', value: '::1' },
    { type: 'email', value: 'x@b.example' },
    { type: 'uri', value: 'https://c.example/' },
  ];
  it.each([
    ['a.example', true],
    ['192.0.2.1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true], // same octets, another spelling
    ['10.0.0.1', false], // an IP never matches a dNSName
    ['::ffff:192.0.2.1', false], // IPv4-mapped IPv6 is 16 octets, not 4
    ['b.example', false], // rfc822Name does not name a host
    ['c.example', false], // nor does a URI
  ])('%s → %s', (host, expected) => {
    expect(matchesHost(names, parseHost(host))).toBe(expected);
  });
});
