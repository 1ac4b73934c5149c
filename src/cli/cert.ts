/// <reference types="node" />
/**
 * `ecdh-lab cert <new|csr|show|verify>`: X.509 certificates on the command line, over the
 * library in src/x509 (entry point ecdh-lab/x509). `new` and `csr` are in ./cert-new.ts;
 * `show` prints a certificate as `openssl x509 -text -noout` does (Certificate.describe), or a
 * request's contents; `verify` validates a chain (RFC 5280 §6, as verifyChain does it) and
 * prints OK, or the reason and exit code 1.
 */
import { CryptoError } from '../errors.js';
import { keyName } from '../x509/certificate.js';
import type { CertificationRequest } from '../x509/csr.js';
import { formatGeneralName } from '../x509/describe.js';
import { parseHost } from '../x509/hostname.js';
import { verifyChain } from '../x509/verify.js';
import { choiceOption, UsageError } from './args.js';
import { defineCommand, type Command } from './command.js';
import { certCsr, certNew } from './cert-new.js';
import { certificatesFrom, isRequest, readCertificates, requestFrom } from './cert-files.js';
import { readBytes, readStdinBytes, reportErrors } from './key-files.js';

const show = defineCommand({
  summary:
    'print a certificate (or each one of a PEM bundle) as openssl x509 -text -noout does, or a ' +
    'certificate request',
  synopsis: 'cert show FILE',
  description:
    "Prints each certificate in FILE (PEM, a PEM bundle, or DER; '-' reads stdin) in the layout of `openssl x509 -text -noout`: version, serial, signature algorithm, issuer, validity, subject, the public key, the extensions and the signature. For a certificate request (PKCS #10) it prints the subject, the key, the names requested and whether the self-signature verifies. Nothing is verified for a certificate: use `ecdh-lab cert verify` for that.",
  options: {},
  maxPositionals: 1,
  async main(args) {
    const [path] = args.positionals;
    if (path === undefined) throw new UsageError('which file? ecdh-lab cert show FILE');
    if (path === '-' && process.stdin.isTTY)
      throw new UsageError("FILE '-' reads stdin, which is a terminal: pipe a certificate in");
    const stdin = path === '-' ? await readStdinBytes() : undefined;
    return reportErrors('cert show', () => {
      const source = stdin === undefined ? path : 'stdin';
      const bytes = stdin ?? readBytes(path, 'certificate');
      if (isRequest(bytes)) {
        process.stdout.write(describeRequest(requestFrom(bytes, source)));
        return 0;
      }
      const certs = certificatesFrom(bytes, source);
      process.stdout.write(certs.map((cert) => cert.describe()).join('\n\n') + '\n');
      return 0;
    });
  },
});

/** Colon hex, `perLine` octets a line, each line indented. */
function hexLines(bytes: Uint8Array, indent: string, perLine = 15): string[] {
  const octets = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  const lines: string[] = [];
  for (let i = 0; i < octets.length; i += perLine)
    lines.push(
      indent + octets.slice(i, i + perLine).join(':') + (i + perLine < octets.length ? ':' : ''),
    );
  return lines;
}

/** A request's contents, laid out like the certificate's. */
function describeRequest(request: CertificationRequest): string {
  const lines = ['Certificate Request (PKCS #10):', `    Subject: ${request.subject.toOneLine()}`];
  const key = request.publicKey;
  if (key === undefined)
    lines.push(`    Public Key: ${keyName(request.publicKeyInfo)} (not supported)`);
  else
    lines.push(
      `    Public Key: ${key.curve}`,
      '        pub:',
      ...hexLines(key.toRaw(), '            '),
    );
  const names = request.subjectAltNames;
  if (names.length > 0)
    lines.push(
      '    Requested Subject Alternative Name:',
      `        ${names.map(formatGeneralName).join(', ')}`,
    );
  const others = request.extensions.all.filter((e) => e.oid !== '2.5.29.17').map((e) => e.oid);
  if (others.length > 0) lines.push(`    Other requested extensions: ${others.join(', ')}`);
  for (const attribute of request.attributes) lines.push(`    Attribute: ${attribute.oid}`);
  lines.push(`    Signature Algorithm: ${request.signatureAlgorithm.name}`);
  let verdict: string;
  try {
    verdict = request.verifySignature() ? 'valid' : 'INVALID';
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    verdict = `not checked (${error.message.replace(/^x509: /, '')})`;
  }
  lines.push(`    Self-signature: ${verdict}`);
  return `${lines.join('\n')}\n`;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * --at: an ISO 8601 date (midnight UTC) or date and time with Z or an offset, checked field by
 * field (Date.parse would turn February 30 into March 2). @throws UsageError
 */
export function parseTime(text: string): Date {
  const m = ISO_TIME.exec(text);
  const bad = () =>
    new UsageError(
      `--at must be an ISO 8601 time such as 2027-01-01 or 2027-01-01T12:00:00Z, got '${text}'`,
    );
  if (m === null) throw bad();
  const [year, month, day, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .map((field) => (field === undefined ? undefined : Number(field))) as number[];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) throw bad();
  if (hour > 23 || minute > 59 || second > 59) throw bad();
  const time = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(time)) throw bad();
  return new Date(time);
}

const verify = defineCommand({
  summary:
    'verify a certificate chain: prints OK, or the reason (expired, unknown issuer, wrong host, …) ' +
    'and exits 1',
  synopsis:
    'cert verify --ca CA.crt [--untrusted FILE] [--host NAME] [--purpose server|client] ' +
    '[--at ISO-8601-TIME] CERT.crt',
  description:
    'Builds a path from CERT.crt through the --untrusted intermediates to one of the --ca trust anchors and checks every link as a browser or Go does (RFC 5280 §6): signatures (ECDSA with SHA-256/384/512), validity periods at --at (default: now), CA flags, path lengths, key usages, the purpose (serverAuth or clientAuth) and, with --host, the DNS name or IP address in subjectAltName (never the CN). Prints OK and exits 0, or prints the reason with its code and exits 1, e.g.\n\n' +
    "  CERT_EXPIRED: leaf 'CN=localhost': expired at 2027-04-01T00:00:00Z (checked at …)\n\n" +
    'Each file may be PEM (several certificates in one file too) or DER. When CERT.crt holds several certificates (a "fullchain" file), the first is the one verified and the others are added to the untrusted ones. The same question for OpenSSL: `openssl verify -CAfile CA.crt -untrusted FILE CERT.crt`.',
  options: {
    ca: {
      type: 'string',
      placeholder: 'FILE',
      help: 'the trust anchors: one or more certificates (required)',
    },
    untrusted: {
      type: 'string',
      placeholder: 'FILE',
      help: 'intermediate certificates that may complete the path',
    },
    host: {
      type: 'string',
      placeholder: 'NAME',
      help: 'the DNS name or IP address the certificate must be for',
    },
    purpose: {
      type: 'string',
      placeholder: 'server|client',
      help: 'what the certificate will be used for (extendedKeyUsage serverAuth or clientAuth)',
      default: 'server',
    },
    at: {
      type: 'string',
      placeholder: 'TIME',
      help: 'check validity at this time: 2027-01-01 or 2027-01-01T12:00:00Z (default: now)',
    },
  },
  maxPositionals: 1,
  async main(args) {
    const o = args.options;
    const [path] = args.positionals;
    if (path === undefined)
      throw new UsageError('which certificate? ecdh-lab cert verify --ca CA.crt CERT.crt');
    if (o.ca === undefined) throw new UsageError('--ca FILE is required (the trust anchors)');
    const purpose = choiceOption(args, 'purpose', ['server', 'client'] as const)!;
    const time = o.at === undefined ? undefined : parseTime(o.at);
    if (o.host !== undefined) {
      try {
        parseHost(o.host);
      } catch {
        throw new UsageError(`--host must be a DNS name or an IP address, got '${o.host}'`);
      }
    }
    return reportErrors('cert verify', () => {
      const anchors = readCertificates(o.ca!, 'trust anchor certificate');
      const [leaf, ...bundled] = readCertificates(path);
      const untrusted =
        o.untrusted === undefined ? [] : readCertificates(o.untrusted, 'untrusted certificate');
      try {
        verifyChain(leaf, {
          anchors,
          intermediates: [...bundled, ...untrusted],
          purpose: purpose === 'server' ? 'serverAuth' : 'clientAuth',
          ...(time === undefined ? {} : { time }),
          ...(o.host === undefined ? {} : { host: o.host }),
        });
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        process.stdout.write(`${error.code}: ${error.message.replace(/^x509: /, '')}\n`);
        return 1;
      }
      process.stdout.write('OK\n');
      return 0;
    });
  },
});

const subcommands: Readonly<Record<string, Command>> = Object.freeze({
  new: certNew,
  csr: certCsr,
  show,
  verify,
});

export const cert = defineCommand({
  summary: 'X.509 certificates: issue (a CA, a leaf, from a request), request, show, verify',
  synopsis: 'cert <new|csr|show|verify> [options]',
  description:
    "Certificates with ecdh-lab's own X.509 (RFC 5280) and ECDSA: make a CA and issue certificates that `openssl verify` accepts, make certificate requests, print certificates as `openssl x509 -text` does, and verify chains. Each subcommand has its own options ('ecdh-lab cert SUBCOMMAND --help'). A small CA and a server certificate:\n\n" +
    '  ecdh-lab keygen --out ca.pem && ecdh-lab keygen --out server.pem\n' +
    '  ecdh-lab cert new --key ca.pem --subject "CN=Test CA,O=Example" --ca --out ca.crt\n' +
    '  ecdh-lab cert new --key server.pem --subject CN=localhost --dns localhost --server \\\n' +
    '    --issuer-cert ca.crt --issuer-key ca.pem --out server.crt\n' +
    '  ecdh-lab cert verify --ca ca.crt --host localhost server.crt',
  options: {},
  subcommands,
});
