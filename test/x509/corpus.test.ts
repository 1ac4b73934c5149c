/**
 * Every certificate and certification request in the x509/ tree of Debian's
 * python3-cryptography-vectors (vectors/x509/debian-x509-corpus.json.gz, built by
 * vectors/x509/make-debian-corpus.mjs; see vectors/README.md) is parsed or refused with a
 * typed error, and the counts are asserted. The corpus is pyca/cryptography's: real
 * certificates (Let's Encrypt, DigiCert, government CAs), NIST's PKITS path validation suite
 * (405 certificates) and hand-made oddities. Each refusal is listed with its reason, so a
 * change in what the parser accepts shows up here.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { CryptoError } from '../../src/errors.js';
import { decodePemBlocks } from '../../src/keys/pem.js';
import { Certificate } from '../../src/x509/certificate.js';
import { CertificationRequest } from '../../src/x509/csr.js';
import { verifyChain } from '../../src/x509/verify.js';
import { nodeVerifier } from '../support/node-ecdsa';

interface CorpusFile {
  path: string;
  kind: 'certificate' | 'request';
  format: 'pem' | 'der';
  sha256: string;
  data: string;
}

const FILE = path.resolve(__dirname, '../../vectors/x509/debian-x509-corpus.json.gz');
const corpus = JSON.parse(zlib.gunzipSync(fs.readFileSync(FILE)).toString('utf8')) as {
  source: string;
  files: CorpusFile[];
};

/** What is refused, and why (file, or file#block for PEM). */
const REFUSED: Record<string, RegExp> = {
  // The PEM armor: text outside the blocks (the project's PEM reader refuses it, keys/pem.ts).
  'cryptography.io.with_garbage.pem': /^pem: unexpected text outside a BEGIN\/END block/,
  'requests/basic_constraints.pem': /^pem: unexpected text outside/,
  'requests/two_basic_constraints.pem': /^pem: unexpected text outside/,
  'requests/unsupported_extension.pem': /^pem: unexpected text outside/,
  'requests/unsupported_extension_critical.pem': /^pem: unexpected text outside/,
  // Not DER, or not what RFC 5280 / RFC 2986 allow.
  'badasn1time.pem#0': /notAfter: time at offset 105 is not in the DER form YYMMDDHHMMSSZ/,
  'custom/invalid_utf8_common_name.pem#0': /issuer CN: UTF8String at offset 45 is not valid UTF-8/,
  'custom/invalid_version.pem#0': /unknown version 8/,
  'custom/long-form-name-attribute.pem#0': /^der: high tag number at offset 42/,
  'custom/two_basic_constraints.pem#0': /extension 2\.5\.29\.19 appears twice \(RFC 5280 §4\.2\)/,
  'ed25519/ed25519-rfc8410.pem#0': /basicConstraints encodes the DEFAULT cA FALSE/,
  'requests/bad-version.pem#0': /version must be 0/,
  'requests/freeipa-bad-critical.pem#0':
    /extension 2\.5\.29\.17 encodes the DEFAULT critical FALSE/,
  'requests/long-form-attribute.pem#0': /^der: high tag number at offset 337/,
  'utf8-dnsname.pem#0': /dNSName: IA5String at offset 1469 has a character outside its alphabet/,
  'v1_cert.pem#0': /signature algorithm inside and outside tbsCertificate differ/,
};

interface Outcome {
  name: string;
  kind: 'certificate' | 'request';
  parsed?: Certificate | CertificationRequest;
  error?: unknown;
}

const outcomes: Outcome[] = [];
for (const file of corpus.files) {
  const bytes = new Uint8Array(Buffer.from(file.data, 'base64'));
  const parse = (der: Uint8Array) =>
    file.kind === 'certificate' ? Certificate.fromDer(der) : CertificationRequest.fromDer(der);
  const attempt = (name: string, fn: () => Certificate | CertificationRequest) => {
    try {
      outcomes.push({ name, kind: file.kind, parsed: fn() });
    } catch (error) {
      outcomes.push({ name, kind: file.kind, error });
    }
  };
  if (file.format === 'der') {
    attempt(file.path, () => parse(bytes));
    continue;
  }
  let blocks: { label: string; der: Uint8Array }[];
  try {
    blocks = decodePemBlocks(Buffer.from(bytes).toString('latin1'));
  } catch (error) {
    outcomes.push({ name: file.path, kind: file.kind, error });
    continue;
  }
  blocks.forEach((block, i) => {
    attempt(`${file.path}#${i}`, () => parse(block.der));
  });
}
const parsed = outcomes.filter((o) => o.parsed !== undefined);
const refused = outcomes.filter((o) => o.error !== undefined);
const certificates = parsed
  .map((o) => o.parsed)
  .filter((p): p is Certificate => p instanceof Certificate);

describe(`Debian corpus: ${corpus.source}`, () => {
  it('the committed files are intact (SHA-256 of each) and counted', () => {
    for (const file of corpus.files)
      expect(createHash('sha256').update(Buffer.from(file.data, 'base64')).digest('hex')).toBe(
        file.sha256,
      );
    expect(corpus.files.length).toBe(538);
    expect(corpus.files.filter((f) => f.kind === 'certificate').length).toBe(513);
    expect(corpus.files.filter((f) => f.path.startsWith('PKITS_data/certs/')).length).toBe(405);
    expect(corpus.files.filter((f) => f.kind === 'request').length).toBe(25);
  });

  it('every item is parsed or refused with a CryptoError (never another error)', () => {
    for (const outcome of refused) {
      expect({ name: outcome.name, error: outcome.error }).toEqual({
        name: outcome.name,
        error: expect.any(CryptoError),
      });
      expect((outcome.error as CryptoError).code).toBe('INVALID_ENCODING');
    }
  });

  it('counts: 539 items (a chain file holds two), 523 parsed (505 certificates, 18 requests), 16 refused', () => {
    expect(outcomes.length).toBe(539);
    expect(parsed.length).toBe(523);
    expect(certificates.length).toBe(505);
    expect(parsed.length - certificates.length).toBe(18);
    expect(refused.length).toBe(16);
  });

  it('each refusal is the listed one, for the listed reason', () => {
    expect(refused.map((o) => o.name).sort()).toEqual(Object.keys(REFUSED).sort());
    for (const outcome of refused)
      expect((outcome.error as Error).message).toMatch(REFUSED[outcome.name]);
  });

  it('the subject keys: P-256 as PublicKey, the rest as data', () => {
    const kinds: Record<string, number> = {};
    for (const cert of certificates) {
      const info = cert.publicKeyInfo;
      const kind = info.kind === 'unsupported' ? info.name : info.kind;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    expect(kinds).toEqual(KEY_KINDS);
  });

  it('every parsed certificate prints, and verifying one with an unsupported key fails cleanly', () => {
    for (const cert of certificates) expect(cert.describe()).toMatch(/^Certificate:\n {4}Data:\n/);
    const rsa = certificates.filter((c) => c.publicKeyInfo.kind === 'unsupported');
    for (const cert of rsa.slice(0, 20))
      expect(() =>
        verifyChain(cert, { anchors: [cert], time: cert.notBefore, verifier: nodeVerifier }),
      ).toThrow(expect.objectContaining({ code: 'CERT_UNSUPPORTED_KEY' }));
  });
});

const KEY_KINDS: Record<string, number> = {
  RSA: 483,
  DSA: 8,
  'P-256': 4,
  'RSA-PSS': 2,
  Ed25519: 2,
  Ed448: 2,
  'P-384': 1,
  'EC (explicit parameters)': 1,
  '1.2.643.2.2.19': 1, // GOST R 34.10-2001
  '1.3.6.1.4.1.8432.1.1.2': 1,
};
