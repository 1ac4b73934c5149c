// Chapter 11: a real leaf certificate (made by `openssl ca`, docs/examples/certs/) printed
// as `openssl x509 -text` does, then its DER walked element by element: offset, tag and
// length octets, what RFC 5280 §4.1 calls the field, and its first contents octets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bytesToHex } from 'ecdh-lab';
import { Certificate, type DerElement, DerReader } from 'ecdh-lab/x509';

// RFC 5280 §4.1's field names, in order, for the two levels opened below.
const CERTIFICATE = ['tbsCertificate', 'signatureAlgorithm', 'signatureValue'];
const TBS = [
  'version [0]',
  'serialNumber',
  'signature',
  'issuer',
  'validity',
  'subject',
  'subjectPublicKeyInfo',
  'extensions [3]',
];

/** One element: offset, tag and length octets, name, and (unless it is opened) its first contents octets. */
function line(element: DerElement, depth: number, name: string, opened = false): string {
  const headerLength = element.encoding.length - element.contents.length;
  const header = bytesToHex(element.encoding.subarray(0, headerLength));
  const offset = element.offset.toString(16).padStart(4, '0');
  const more = element.contents.length > 10 ? '…' : '';
  const preview = opened ? '' : bytesToHex(element.contents.subarray(0, 10)) + more;
  return `${offset}  ${header.padEnd(9)}${'  '.repeat(depth)}${name.padEnd(24 - 2 * depth)} ${preview}`.trimEnd();
}

/** A reader over an element's contents, keeping offsets relative to the whole certificate. */
function inside(element: DerElement): DerReader {
  return new DerReader(
    element.contents,
    element.offset + element.encoding.length - element.contents.length,
  );
}

export function main(): void {
  const cert = Certificate.fromPem(
    fs.readFileSync(path.join(__dirname, 'certs', 'leaf.pem'), 'utf8'),
  );
  console.log(cert.describe());
  console.log('');
  console.log('offset header   field                    contents (first 10 octets)');
  const der = cert.toDer();
  const outer = new DerReader(der).readAny(); // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
  console.log(line(outer, 0, 'Certificate', true));
  const certificate = inside(outer);
  for (const name of CERTIFICATE) {
    const element = certificate.readAny();
    console.log(line(element, 1, name, name === 'tbsCertificate'));
    if (name !== 'tbsCertificate') continue;
    const tbs = inside(element);
    for (const field of TBS) console.log(line(tbs.readAny(), 2, field));
  }
  console.log(
    `${der.length} bytes; the signature covers the ${cert.tbsCertificate().length} of tbsCertificate`,
  );
}
