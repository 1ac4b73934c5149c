/// <reference types="node" />
/**
 * `ecdh-lab cert new` and `ecdh-lab cert csr`: issuing certificates and PKCS #10 requests
 * with the builder of src/x509 (builder.ts, csr.ts), signed by ecdh-lab's ECDSA.
 *
 *   cert new --key KEY.pem --subject S [--ca [--path-len N]] …            self-signed (a root CA with --ca)
 *   cert new --key|--pub|--csr FILE … --issuer-cert CA.crt --issuer-key CA.pem   issued by a CA
 *   cert csr --key KEY.pem --subject S [--dns NAME]… [--ip ADDR]…        a request to send to a CA
 *
 * Certificates and requests are public: they are written with the usual file mode. An existing
 * --out file is not replaced without --force, so that a slip (`--out ca.pem` for the key's
 * own name) cannot destroy a key.
 */
import { CryptoError } from '../errors.js';
import type { PublicKey } from '../keys/public-key.js';
import { selfSignedCertificate, issueCertificate } from '../x509/builder.js';
import type { Certificate } from '../x509/certificate.js';
import { createCertificationRequest, issueFromRequest } from '../x509/csr.js';
import { integerOption, refuseOption, UsageError, type ParsedArgs } from './args.js';
import { defineCommand } from './command.js';
import {
  altNamesOption,
  HASH_OPTION,
  keySigner,
  readCertificate,
  readRequest,
  signatureHash,
  subjectOption,
} from './cert-files.js';
import {
  CommandError,
  readPrivateKeyFile,
  readPublicKeyFile,
  reportErrors,
  writePublicFile,
} from './key-files.js';

const NAME_OPTIONS = {
  dns: {
    type: 'string',
    placeholder: 'NAME',
    help: 'a DNS name for subjectAltName, e.g. localhost or *.example.com',
    multiple: true,
  },
  ip: {
    type: 'string',
    placeholder: 'ADDR',
    help: 'an IPv4 or IPv6 address for subjectAltName, e.g. 127.0.0.1 or ::1',
    multiple: true,
  },
} as const;

const OUTPUT_OPTIONS = {
  hash: HASH_OPTION,
  out: {
    type: 'string',
    placeholder: 'FILE',
    help: 'write the PEM to FILE instead of stdout',
  },
  force: { type: 'boolean', help: 'overwrite FILE if it exists' },
} as const;

/** Writes PEM to stdout, or to --out FILE (saying so on stderr). */
function output(
  command: string,
  args: ParsedArgs<typeof OUTPUT_OPTIONS>,
  pem: string,
  what: string,
): void {
  const { out, force } = args.options;
  if (out === undefined) {
    process.stdout.write(pem);
    return;
  }
  writePublicFile(out, pem, force);
  process.stderr.write(`ecdh-lab ${command}: wrote ${what} to ${out}\n`);
}

/** Runs a library call, turning its refusals (a bad request signature, say) into CommandError. */
function build<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof CryptoError) throw new CommandError(error.message);
    throw error;
  }
}

export const certNew = defineCommand({
  summary:
    'a certificate: self-signed (a root CA with --ca), or issued by a CA (--issuer-cert and ' +
    '--issuer-key) for a private key, a public key or a certificate request',
  synopsis:
    'cert new (--key KEY.pem | --pub PUB.pem | --csr REQ.pem) [--subject NAME] [--dns NAME]… ' +
    '[--ip ADDR]… [--server] [--client] [--ca [--path-len N]] ' +
    '[--issuer-cert CA.crt --issuer-key CA.pem] [--days N] [--hash …] [--out FILE [--force]]',
  description:
    "Without --issuer-cert, makes a self-signed certificate for --key, signed by that key: with --ca, a root CA (basicConstraints cA TRUE, keyUsage keyCertSign, cRLSign, digitalSignature). With --issuer-cert and --issuer-key, the CA signs a certificate for the subject's key, given as a private key (--key), a public key (--pub) or a PKCS #10 request (--csr, whose self-signature is checked; its subject and requested names are used unless --subject, --dns or --ip are given). A leaf has basicConstraints cA FALSE and keyUsage digitalSignature; --server and --client add extendedKeyUsage serverAuth and clientAuth; --ca issues an intermediate CA instead. Serial numbers are 16 random octets; validity starts now. The certificate is written as PEM:\n\n" +
    '  ecdh-lab keygen --out ca.pem && ecdh-lab keygen --out leaf.pem\n' +
    '  ecdh-lab cert new --key ca.pem --subject "CN=Test CA,O=Example" --ca --out ca.crt\n' +
    '  ecdh-lab cert new --key leaf.pem --subject CN=localhost --dns localhost --ip 127.0.0.1 \\\n' +
    '    --server --issuer-cert ca.crt --issuer-key ca.pem --out leaf.crt',
  options: {
    key: {
      type: 'string',
      placeholder: 'FILE',
      help: "the subject's private key (PEM); self-signed: the key that signs",
    },
    pub: {
      type: 'string',
      placeholder: 'FILE',
      help: "with --issuer-cert: the subject's public key (PEM) instead of --key",
    },
    csr: {
      type: 'string',
      placeholder: 'FILE',
      help: 'with --issuer-cert: a certificate request (PEM or DER) instead of --key',
    },
    subject: {
      type: 'string',
      placeholder: 'NAME',
      help: 'the subject, RFC 4514: "CN=Test CA,O=Example" (required, except with --csr)',
    },
    ...NAME_OPTIONS,
    server: { type: 'boolean', help: 'extendedKeyUsage serverAuth (a TLS server)' },
    client: { type: 'boolean', help: 'extendedKeyUsage clientAuth (a TLS client)' },
    ca: { type: 'boolean', help: 'a CA certificate, which may sign certificates' },
    'path-len': {
      type: 'string',
      placeholder: 'N',
      help: 'with --ca: at most N intermediate CAs below this one (pathLenConstraint)',
    },
    'issuer-cert': {
      type: 'string',
      placeholder: 'FILE',
      help: "the issuing CA's certificate (PEM or DER)",
    },
    'issuer-key': {
      type: 'string',
      placeholder: 'FILE',
      help: "the issuing CA's private key (PEM)",
    },
    days: { type: 'string', placeholder: 'N', help: 'days of validity', default: '365' },
    ...OUTPUT_OPTIONS,
  },
  async main(args) {
    const o = args.options;
    if (o.out === undefined) refuseOption(args, 'force', 'without --out');
    if (!o.ca) refuseOption(args, 'path-len', 'without --ca');
    const issuing = o['issuer-cert'] !== undefined || o['issuer-key'] !== undefined;
    if (issuing && (o['issuer-cert'] === undefined || o['issuer-key'] === undefined))
      throw new UsageError('--issuer-cert and --issuer-key go together');
    if (!issuing) {
      refuseOption(args, 'pub', 'without --issuer-cert (a self-signed certificate needs --key)');
      refuseOption(args, 'csr', 'without --issuer-cert (a self-signed certificate needs --key)');
      if (o.key === undefined)
        throw new UsageError(
          '--key FILE is required (or --issuer-cert and --issuer-key to issue for another key)',
        );
    }
    const sources = [o.key, o.pub, o.csr].filter((source) => source !== undefined);
    if (sources.length !== 1)
      throw new UsageError("give one of --key, --pub or --csr: the subject's key");
    if (o.subject === undefined && o.csr === undefined)
      throw new UsageError('--subject NAME is required, e.g. --subject "CN=localhost"');
    const subject = o.subject === undefined ? undefined : subjectOption(o.subject);
    const subjectAltNames = altNamesOption(o.dns, o.ip);
    const pathLength = integerOption(args, 'path-len', 0, 255);
    const days = integerOption(args, 'days', 1, 36500)!;
    const hash = signatureHash(o.hash);
    const purposes = [...(o.server ? ['serverAuth'] : []), ...(o.client ? ['clientAuth'] : [])];
    const template = {
      days,
      hash,
      ca: o.ca ? (pathLength === undefined ? true : { pathLength }) : false,
      ...(purposes.length > 0 ? { extendedKeyUsage: purposes } : {}),
      ...(subjectAltNames === undefined ? {} : { subjectAltNames }),
    };

    return reportErrors('cert new', () => {
      let cert: Certificate;
      if (!issuing) {
        const signer = keySigner(readPrivateKeyFile(o.key!), o.key!);
        cert = build(() => selfSignedCertificate({ ...template, signer, subject: subject! }));
      } else {
        const issuerPath = o['issuer-cert']!;
        const issuerCertificate = readCertificate(issuerPath, 'issuer certificate');
        const issuerKey = readPrivateKeyFile(o['issuer-key']!);
        if (!issuerCertificate.publicKey?.equals(issuerKey.publicKey))
          throw new CommandError(
            `--issuer-key ${o['issuer-key']} is not the key of --issuer-cert ${issuerPath}`,
          );
        if (issuerCertificate.extensions.basicConstraints?.ca !== true)
          process.stderr.write(
            `ecdh-lab cert new: warning: ${issuerPath} is not a CA certificate (basicConstraints cA is not TRUE); what it issues will not verify\n`,
          );
        const issuer = { issuerCertificate, issuerSigner: keySigner(issuerKey, o['issuer-key']!) };
        if (o.csr !== undefined) {
          const request = readRequest(o.csr);
          cert = build(() =>
            issueFromRequest(request, {
              ...template,
              ...issuer,
              ...(subject === undefined ? {} : { subject }),
            }),
          );
        } else {
          const publicKey: PublicKey =
            o.key !== undefined ? readPrivateKeyFile(o.key).publicKey : readPublicKeyFile(o.pub!);
          cert = build(() =>
            issueCertificate({ ...template, ...issuer, subject: subject!, publicKey }),
          );
        }
      }
      output('cert new', args, cert.toPem(), `the certificate for '${cert.subject}'`);
      return 0;
    });
  },
});

export const certCsr = defineCommand({
  summary: 'a certificate request (PKCS #10) for a key, to be signed by a CA',
  synopsis:
    'cert csr --key KEY.pem --subject NAME [--dns NAME]… [--ip ADDR]… [--hash …] [--out FILE [--force]]',
  description:
    'Makes a PKCS #10 certificate request (RFC 2986): the subject, the public key of --key and the names asked for (subjectAltName, in an extensionRequest attribute), signed with that key to prove that the requester holds it. A CA issues from it with `ecdh-lab cert new --csr` or `openssl x509 -req`; `openssl req -verify` checks it:\n\n' +
    '  ecdh-lab cert csr --key leaf.pem --subject CN=localhost --dns localhost --out leaf.csr\n' +
    '  ecdh-lab cert new --csr leaf.csr --server --issuer-cert ca.crt --issuer-key ca.pem',
  options: {
    key: { type: 'string', placeholder: 'FILE', help: 'the private key (PEM; required)' },
    subject: {
      type: 'string',
      placeholder: 'NAME',
      help: 'the subject, RFC 4514: "CN=localhost,O=Example" (required)',
    },
    ...NAME_OPTIONS,
    ...OUTPUT_OPTIONS,
  },
  async main(args) {
    const o = args.options;
    if (o.out === undefined) refuseOption(args, 'force', 'without --out');
    if (o.key === undefined) throw new UsageError('--key FILE is required');
    if (o.subject === undefined)
      throw new UsageError('--subject NAME is required, e.g. --subject "CN=localhost"');
    const subject = subjectOption(o.subject);
    const subjectAltNames = altNamesOption(o.dns, o.ip);
    const hash = signatureHash(o.hash);
    return reportErrors('cert csr', () => {
      const signer = keySigner(readPrivateKeyFile(o.key!), o.key!);
      const request = build(() =>
        createCertificationRequest({
          signer,
          subject,
          hash,
          ...(subjectAltNames === undefined ? {} : { subjectAltNames }),
        }),
      );
      output('cert csr', args, request.toPem(), `a request for '${request.subject}'`);
      return 0;
    });
  },
});
