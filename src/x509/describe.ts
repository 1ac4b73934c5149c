/**
 * A certificate as text, laid out as `openssl x509 -text -noout` prints it (OpenSSL 3's
 * X509_print_ex): the same sections, labels, indentation and hex layout, so the two can be
 * read side by side. Where they differ: names are printed with their Unicode characters
 * (OpenSSL escapes non-ASCII octets as \XX), extensions this library does not decode are
 * shown as hex (OpenSSL decodes more of them), and keys other than P-256 are summarised.
 */
import { hexToBytes } from '../bytes/index.js';
import { colonHex } from './asn1.js';
import type { GeneralName } from './general-name.js';
import type { Name } from './name.js';
import { ipToBytes, ipv6Groups } from './ip.js';
import { CURVE_NAMES, EXTENSION_NAMES, EXTENSIONS, KEY_PURPOSE_LABELS } from './oids.js';
import type { ParsedExtensions } from './extensions.js';
import type { SubjectPublicKeyInfo } from './public-key-info.js';
import type { SignatureAlgorithm } from './signature.js';

/**
 * What the text is made of: the parsed fields of a certificate and its signature. Certificate
 * (certificate.ts) is one; naming the fields here, not the class, keeps this module below the
 * parser that calls it.
 */
export interface DescribedCertificate {
  readonly version: 1 | 2 | 3;
  readonly serialNumber: bigint;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKeyInfo: SubjectPublicKeyInfo;
  readonly extensions: ParsedExtensions;
  signatureValue(): Uint8Array;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const KEY_USAGE_LABELS: Record<string, string> = {
  digitalSignature: 'Digital Signature',
  contentCommitment: 'Non Repudiation',
  keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};

/** "Dec  2 16:24:44 2026 GMT", as ASN1_TIME_print writes a time. */
export function formatOpensslTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ` +
    `${date.getUTCFullYear()} GMT`
  );
}

/** Hex lines of `perLine` colon-separated octets, each indented, the last without a trailing colon. */
function hexBlock(bytes: Uint8Array, indent: number, perLine: number, upper = false): string[] {
  const parts = colonHex(bytes, upper).split(':');
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += perLine) {
    const last = i + perLine >= parts.length;
    lines.push(' '.repeat(indent) + parts.slice(i, i + perLine).join(':') + (last ? '' : ':'));
  }
  return lines;
}

function serialLines(cert: DescribedCertificate): string[] {
  // OpenSSL prints the magnitude: values that fit in a signed 64-bit long as decimal and
  // hex on one line, longer ones as colon hex below the label.
  const value = cert.serialNumber;
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  if (magnitude < 1n << 63n && !(negative && magnitude === 1n)) {
    const sign = negative ? '-' : '';
    return [`        Serial Number: ${sign}${magnitude} (${sign}0x${magnitude.toString(16)})`];
  }
  let hex = magnitude.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return [
    '        Serial Number:' + (negative ? ' (Negative)' : ''),
    `            ${colonHex(hexToBytes(hex))}`,
  ];
}

function keyLines(info: SubjectPublicKeyInfo): string[] {
  const lines = [`            Public Key Algorithm: ${info.algorithm}`];
  const key = hexToBytes(info.subjectPublicKey);
  if (info.kind === 'P-256') {
    lines.push(
      '                Public-Key: (256 bit)',
      '                pub:',
      ...hexBlock(key, 20, 15),
    );
    lines.push('                ASN1 OID: prime256v1', '                NIST CURVE: P-256');
  } else if (info.kind === 'X25519') {
    lines.push(
      '                X25519 Public-Key:',
      '                pub:',
      ...hexBlock(key, 20, 15),
    );
  } else {
    if (info.bits !== undefined) lines.push(`                Public-Key: (${info.bits} bit)`);
    const curve = info.curveOid === undefined ? undefined : CURVE_NAMES[info.curveOid];
    if (curve) lines.push(`                ASN1 OID: ${curve.name}`);
    if (curve?.nist) lines.push(`                NIST CURVE: ${curve.nist}`);
    lines.push(`                (${info.name} key: printed as data, not supported by ecdh-lab)`);
  }
  return lines;
}

/** A GeneralName as OpenSSL's GENERAL_NAME_print writes it. */
export function formatGeneralName(name: GeneralName): string {
  switch (name.type) {
    case 'dns':
      return `DNS:${name.value}`;
    case 'email':
      return `email:${name.value}`;
    case 'uri':
      return `URI:${name.value}`;
    case 'ip': {
      const bytes = ipToBytes(name.value)!;
      if (bytes.length === 4) return `IP Address:${name.value}`;
      return `IP Address:${ipv6Groups(bytes)
        .map((g) => g.toString(16).toUpperCase())
        .join(':')}`;
    }
    case 'directoryName':
      return `DirName:${name.name.rdns.map((rdn) => `/${rdn.map((a) => `${a.name}=${a.value}`).join('+')}`).join('')}`;
    case 'registeredId':
      return `Registered ID:${name.value}`;
    case 'otherName':
      return `othername: ${name.typeId}:${name.value}`;
    default:
      return `${name.type}:${name.value}`;
  }
}

function extensionLines(extensions: ParsedExtensions): string[] {
  if (extensions.all.length === 0) return [];
  const lines = ['        X509v3 extensions:'];
  const pad = '                ';
  for (const extension of extensions.all) {
    const label = EXTENSION_NAMES[extension.oid] ?? extension.oid;
    lines.push(`            ${label}: ${extension.critical ? 'critical' : ''}`);
    switch (extension.oid) {
      case EXTENSIONS.basicConstraints: {
        const bc = extensions.basicConstraints!;
        lines.push(
          `${pad}CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLength === undefined ? '' : `, pathlen:${bc.pathLength}`}`,
        );
        break;
      }
      case EXTENSIONS.keyUsage:
        lines.push(pad + extensions.keyUsage!.usages.map((u) => KEY_USAGE_LABELS[u]).join(', '));
        break;
      case EXTENSIONS.extendedKeyUsage:
        lines.push(
          pad +
            extensions.extendedKeyUsage!.purposes.map((p) => KEY_PURPOSE_LABELS[p] ?? p).join(', '),
        );
        break;
      case EXTENSIONS.subjectAltName:
        lines.push(pad + extensions.subjectAltName!.names.map(formatGeneralName).join(', '));
        break;
      case EXTENSIONS.subjectKeyIdentifier:
        lines.push(
          pad + colonHex(hexToBytes(extensions.subjectKeyIdentifier!.keyIdentifier), true),
        );
        break;
      case EXTENSIONS.authorityKeyIdentifier: {
        const aki = extensions.authorityKeyIdentifier!;
        if (aki.keyIdentifier !== undefined)
          lines.push(pad + colonHex(hexToBytes(aki.keyIdentifier), true));
        if (aki.authorityCertIssuer)
          lines.push(pad + aki.authorityCertIssuer.map(formatGeneralName).join(', '));
        if (aki.authorityCertSerialNumber !== undefined) {
          let hex = aki.authorityCertSerialNumber.toString(16);
          if (hex.length % 2 === 1) hex = `0${hex}`;
          lines.push(`${pad}serial:${colonHex(hexToBytes(hex), true)}`);
        }
        break;
      }
      default:
        lines.push(...hexBlock(extension.value, 16, 18));
    }
  }
  return lines;
}

/** The whole text (see the file header). */
export function describeCertificate(cert: DescribedCertificate): string {
  return [
    'Certificate:',
    '    Data:',
    `        Version: ${cert.version} (0x${(cert.version - 1).toString(16)})`,
    ...serialLines(cert),
    `        Signature Algorithm: ${cert.signatureAlgorithm.name}`,
    `        Issuer: ${cert.issuer.toOneLine()}`,
    '        Validity',
    `            Not Before: ${formatOpensslTime(cert.notBefore)}`,
    `            Not After : ${formatOpensslTime(cert.notAfter)}`,
    `        Subject: ${cert.subject.toOneLine()}`,
    '        Subject Public Key Info:',
    ...keyLines(cert.publicKeyInfo),
    ...extensionLines(cert.extensions),
    `    Signature Algorithm: ${cert.signatureAlgorithm.name}`,
    '    Signature Value:',
    ...hexBlock(cert.signatureValue(), 8, 18),
  ].join('\n');
}
