/**
 * Distinguished names (src/x509/name.ts): RFC 4514 strings both ways, the string types
 * RFC 5280 §4.1.2.4 asks for, OpenSSL's one-line form (as `openssl x509 -subject` printed
 * these names), and a fast-check round trip (1000 runs): DER → string → DER.
 */
import fc from 'fast-check';
import { bytesToHex } from '../../src/bytes/index.js';
import { derSequence } from '../../src/keys/der.js';
import { derOid, derSetOf, Tag } from '../../src/x509/asn1.js';
import { derString } from '../../src/x509/strings.js';
import { Name } from '../../src/x509/name.js';
import { expectCryptoError } from '../support/errors';

describe('Name.parse and toString (RFC 4514)', () => {
  it('RDNs are written last to first: the DER starts with the last one', () => {
    const name = Name.parse('CN=Test CA,O=Example,C=US');
    expect(name.rdns.map((rdn) => rdn[0].name)).toEqual(['C', 'O', 'CN']);
    expect(name.toString()).toBe('CN=Test CA,O=Example,C=US');
    expect(name.toOneLine()).toBe('C = US, O = Example, CN = Test CA');
    expect(name.commonName).toBe('Test CA');
  });

  it('chooses the string types RFC 5280 expects', () => {
    const name = Name.parse('CN=x,emailAddress=a@b.c,DC=example,serialNumber=42,C=FR');
    const types = Object.fromEntries(name.rdns.map((rdn) => [rdn[0].name, rdn[0].valueType]));
    expect(types).toEqual({
      C: 'PrintableString',
      serialNumber: 'PrintableString',
      DC: 'IA5String',
      emailAddress: 'IA5String',
      CN: 'UTF8String',
    });
  });

  it.each([
    [
      'CN=a\\,b+OU=x y,O=q\\"uote',
      'CN=a\\,b+OU=x y,O=q\\"uote',
      'O = q\\"uote, CN = "a,b" + OU = x y',
    ],
    ['L=\\#lead,ST=\\ sp\\ ', 'L=\\#lead,ST=\\ sp\\ ', 'ST = " sp ", L = "#lead"'],
    ['OU=semi\\;colon\\<\\>', 'OU=semi\\;colon\\<\\>', 'OU = "semi;colon<>"'],
    ['CN=caf\\C3\\A9', 'CN=café', 'CN = café'],
    [
      'commonName=long names, organizationName=too',
      'CN=long names,O=too',
      'O = too, CN = long names',
    ],
    ['2.5.4.3=by OID ; 1.2.3.4=#0c0178', 'CN=by OID,1.2.3.4=x', '1.2.3.4 = x, CN = by OID'],
    ['1.2.3.4=#020101', '1.2.3.4=#020101', '1.2.3.4 = #020101'],
    ['  CN = spaced ,  O = around  ', 'CN=spaced,O=around', 'O = around, CN = spaced'],
    ['CN=a=b', 'CN=a=b', 'CN = a=b'],
    ['', '', ''],
  ])('%s', (input, rfc4514, oneLine) => {
    const name = Name.parse(input);
    expect(name.toString()).toBe(rfc4514);
    expect(name.toOneLine()).toBe(oneLine);
    expect(Name.parse(name.toString()).equals(name)).toBe(true);
  });

  it('multi-valued RDNs are sorted into DER order whatever the input order', () => {
    expect(Name.parse('OU=x+CN=a').equals(Name.parse('CN=a+OU=x'))).toBe(true);
  });

  it.each([
    ['an unknown type', 'XX=1', /unknown attribute type 'XX'/],
    ['a missing "="', 'CN', /expected "="/],
    ['an unescaped quote', 'CN=a"b', /must be escaped/],
    ['a bad escape', 'CN=a\\x', /"\\" must be followed/],
    ['escaped octets that are not UTF-8', 'CN=\\C3', /not valid UTF-8/],
    ['a country that is not two letters', 'C=USA', /two-letter country code/],
    [
      'a PrintableString that cannot hold "@"',
      'serialNumber=a@b',
      /cannot be written as a PrintableString/,
    ],
    ['an odd "#hex" value', '1.2.3=#020', /hex pairs/],
    ['a "#hex" value that is not one element', '1.2.3=#02010100', /not one DER element/],
    ['a trailing comma', 'CN=a,', /expected "="/],
  ])('refuses %s', (_reason, input, message) => {
    expect(() => Name.parse(input)).toThrow(RangeError);
    expect(() => Name.parse(input)).toThrow(message);
  });

  it('refuses a non-string', () => {
    expect(() => Name.parse(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('Name.fromDer', () => {
  it('keeps values of other types as #hex (RFC 4514 §2.4)', () => {
    const der = derSequence(derSetOf(derSequence(derOid('1.2.3.4'), Uint8Array.of(2, 1, 7))));
    expect(Name.fromDer(der).toString()).toBe('1.2.3.4=#020107');
  });
  it('refuses an empty RDN, an attribute that is not a SEQUENCE, trailing bytes', () => {
    for (const der of [
      derSequence(Uint8Array.of(0x31, 0)),
      derSequence(derSetOf(Uint8Array.of(4, 0))),
      Uint8Array.of(0x30, 0, 0),
    ])
      expectCryptoError(() => Name.fromDer(der), 'INVALID_ENCODING');
  });
});

describe('DER → RFC 4514 string → DER is the identity (fast-check)', () => {
  const types = ['2.5.4.3', '2.5.4.10', '2.5.4.11', '2.5.4.7', '2.5.4.8', '1.2.3.4.5'];
  const atv = fc.record({
    type: fc.constantFrom(...types),
    value: fc.string({ unit: 'grapheme', maxLength: 12 }),
  });
  const rdn = fc.uniqueArray(atv, { minLength: 1, maxLength: 3, selector: (a) => a.type });
  it('for UTF8String values with any characters, including the special ones', () => {
    fc.assert(
      fc.property(fc.array(rdn, { maxLength: 5 }), (rdns) => {
        const der = derSequence(
          ...rdns.map((r) =>
            derSetOf(
              ...r.map((a) => derSequence(derOid(a.type), derString(Tag.UTF8_STRING, a.value))),
            ),
          ),
        );
        const name = Name.fromDer(der);
        expect(bytesToHex(Name.parse(name.toString()).toDer())).toBe(bytesToHex(der));
      }),
      { numRuns: 1000 },
    );
  });
});
