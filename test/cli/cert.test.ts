/**
 * `ecdh-lab cert new|csr|show|verify` (src/cli/cert.ts, cert-new.ts), run from the built bin
 * (dist/cjs/cli/main.js) as a user would. The peer is the openssl command line (OpenSSL 3):
 *   - a CA, an intermediate (pathlen 0, SHA-384) and a leaf issued by the CLI from its own
 *     request pass `openssl verify -CAfile … -untrusted …`, `openssl x509 -text -noout` and
 *     `openssl req -verify`;
 *   - the chain made by `openssl req` and `openssl ca` in docs/examples/certs/ (see its
 *     make-chain.sh) passes `cert verify`;
 *   - `cert show` prints what `openssl x509 -text -noout` prints;
 *   - `cert verify` failures print the code and the reason, exit 1.
 * Keys are written by the library (the key commands have their own tests). Under CI=true a
 * missing openssl fails the run (test/x509/peers.ts); elsewhere the openssl checks are skipped
 * with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePrivateKey } from '../../src/keys/private-key.js';
import { Certificate } from '../../src/x509/certificate.js';
import { openssl, opensslAvailable, TempDir } from '../x509/peers';
import { CLI } from './helpers';

const CERTS = path.resolve(__dirname, '..', '..', 'docs', 'examples', 'certs');

/** A command line split at spaces, except inside single quotes: "new --subject 'CN=a b'". */
function words(line: string): string[] {
  return (line.match(/'[^']*'|[^ ]+/g) ?? []).map((w) => w.replace(/^'(.*)'$/, '$1'));
}

let dir: TempDir;
/** Runs `ecdh-lab cert …` in the temp dir, with `input` on stdin. */
function cert(line: string, input = '') {
  const r = spawnSync(process.execPath, [CLI, 'cert', ...words(line)], {
    cwd: dir.path,
    encoding: 'utf8',
    timeout: 30000,
    input,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** `cert(line)`'s stdout, which must exit 0. */
function ok(line: string): string {
  const r = cert(line);
  if (r.status !== 0) throw new Error(`ecdh-lab cert ${line}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

const ISSUE_BY_CA = '--issuer-cert ca.crt --issuer-key ca.pem';

beforeAll(() => {
  dir = new TempDir();
  for (const name of ['ca', 'inter', 'leaf', 'other'])
    dir.write(`${name}.pem`, generatePrivateKey().toPem());
  dir.write('other-pub.pem', generatePrivateKey().publicKey.toPem());
  ok(
    "new --key ca.pem --subject 'CN=CLI Root,O=Example' --ca --path-len 1 --days 3650 --out ca.crt",
  );
  ok(
    "new --key inter.pem --subject 'CN=CLI Intermediate,O=Example' --ca --path-len 0 " +
      `--hash sha384 ${ISSUE_BY_CA} --out inter.crt`,
  );
  ok(
    'csr --key leaf.pem --subject CN=localhost --dns localhost --dns *.test.example ' +
      '--ip 127.0.0.1 --ip ::1 --out leaf.csr',
  );
  ok(
    'new --csr leaf.csr --server --days 90 --issuer-cert inter.crt --issuer-key inter.pem ' +
      '--out leaf.crt',
  );
});
afterAll(() => dir?.remove());

describe('ecdh-lab cert: what it issues, OpenSSL accepts', () => {
  it('openssl verify accepts the chain; openssl x509 -text reads it as cert show prints it', () => {
    const leaf = Certificate.fromPem(dir.read('leaf.crt'));
    expect(leaf.subject.toString()).toBe('CN=localhost');
    expect(leaf.extensions.basicConstraints?.ca).toBe(false);
    const inter = Certificate.fromPem(dir.read('inter.crt'));
    expect(inter.extensions.basicConstraints).toMatchObject({ ca: true, pathLength: 0 });
    expect(inter.signatureAlgorithm.name).toBe('ecdsa-with-SHA384');
    expect(fs.statSync(dir.file('leaf.crt')).mode & 0o077).not.toBe(0); // an ordinary file
    expect(ok('verify --ca ca.crt --untrusted inter.crt --host ::1 leaf.crt')).toBe('OK\n');
    // without --out, the PEM goes to stdout
    const root = Certificate.fromPem(ok("new --key ca.pem --subject 'CN=To stdout' --ca"));
    expect(root.isSelfIssued && root.extensions.basicConstraints?.ca).toBe(true);
    if (!opensslAvailable()) return;
    const verified = openssl(
      ['verify', '-CAfile', 'ca.crt', '-untrusted', 'inter.crt', 'leaf.crt'],
      dir.path,
    );
    expect({ status: verified.status, stdout: verified.stdout }).toEqual({
      status: 0,
      stdout: 'leaf.crt: OK\n',
    });
    for (const name of ['ca.crt', 'inter.crt', 'leaf.crt']) {
      const text = openssl(['x509', '-text', '-noout', '-in', name], dir.path);
      expect(text.status).toBe(0);
      expect(ok(`show ${name}`)).toBe(text.stdout);
    }
  });

  it('a request made by cert csr passes openssl req -verify; cert new --csr keeps its names', () => {
    const leaf = ok('show leaf.crt');
    expect(leaf).toContain(
      'DNS:localhost, DNS:*.test.example, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(leaf).toContain('TLS Web Server Authentication');
    const request = ok('show leaf.csr');
    expect(request).toContain('    Subject: CN = localhost\n');
    expect(request).toContain('    Self-signature: valid\n');
    // '-' reads stdin
    expect(cert('show -', dir.read('leaf.csr')).stdout).toBe(request);
    expect(cert('show -', dir.read('leaf.crt')).stdout).toBe(leaf);
    expect(cert('show -', 'junk').stderr).toBe(
      'ecdh-lab cert show: stdin is not a valid certificate: neither PEM nor DER\n',
    );
    if (!opensslAvailable()) return;
    const r = openssl(['req', '-verify', '-noout', '-in', 'leaf.csr'], dir.path);
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/verify OK/);
  });
});

describe('ecdh-lab cert verify', () => {
  const docs = (name: string) => path.join(CERTS, `${name}.pem`);

  it('an openssl-made chain (docs/examples/certs, openssl req and ca) verifies', () => {
    const args = `--ca ${docs('root')} --at 2027-01-01T00:00:00Z --host example.com`;
    expect(ok(`verify ${args} --untrusted ${docs('intermediate')} ${docs('leaf')}`)).toBe('OK\n');
    // a "fullchain" file: the leaf first, then the intermediate
    const chain = [docs('leaf'), docs('intermediate')].map((f) => fs.readFileSync(f, 'utf8'));
    dir.write('fullchain.pem', chain.join(''));
    expect(ok(`verify ${args} fullchain.pem`)).toBe('OK\n');
  });

  it('each failure prints its code and reason on stdout, exit 1', () => {
    // an "intermediate" that is not a CA, issuing a leaf (the CLI warns, and issues)
    ok(`new --key other.pem --subject 'CN=Not A CA' ${ISSUE_BY_CA} --out notca.crt`);
    const issued = cert(
      "new --pub other-pub.pem --subject 'CN=under a non-CA' --issuer-cert notca.crt " +
        '--issuer-key other.pem --out under-notca.crt',
    );
    expect(issued.status).toBe(0);
    expect(issued.stderr).toMatch(/warning: notca\.crt is not a CA certificate/);
    const chain = '--ca ca.crt --untrusted inter.crt';
    const cases: [string, RegExp][] = [
      [
        `${chain} --at 2100-01-01 leaf.crt`,
        /^CERT_EXPIRED: leaf 'CN=localhost': expired at .* \(checked at 2100-01-01T00:00:00Z\)$/,
      ],
      [
        `${chain} --at 2001-02-03T04:05:06+01:00 leaf.crt`,
        /^CERT_NOT_YET_VALID: leaf 'CN=localhost': not valid before .* \(checked at 2001-02-03T03:05:06Z\)$/,
      ],
      [
        `${chain} --host www.example.com leaf.crt`,
        /^CERT_HOST_MISMATCH: leaf 'CN=localhost': subjectAltName does not name 'www\.example\.com'$/,
      ],
      [
        `${chain} --host a.b.test.example leaf.crt`, // a wildcard never spans a dot
        /^CERT_HOST_MISMATCH: .*'a\.b\.test\.example'$/,
      ],
      [`${chain} --purpose client leaf.crt`, /^CERT_WRONG_USAGE: .*clientAuth$/],
      [
        '--ca ca.crt leaf.crt',
        /^CERT_UNKNOWN_ISSUER: leaf 'CN=localhost': issuer 'CN=CLI Intermediate,O=Example' not found/,
      ],
      [
        '--ca ca.crt --untrusted notca.crt under-notca.crt',
        /^CERT_NOT_CA: intermediate 'CN=Not A CA': /,
      ],
    ];
    for (const [args, reason] of cases) {
      const r = cert(`verify ${args}`);
      expect({
        args,
        status: r.status,
        stderr: r.stderr,
        lines: r.stdout.split('\n').length,
      }).toEqual({ args, status: 1, stderr: '', lines: 2 });
      expect({ args, reason: r.stdout.trimEnd() }).toEqual({
        args,
        reason: expect.stringMatching(reason),
      });
    }
    if (!opensslAvailable()) return;
    const r = openssl(
      ['verify', '-CAfile', 'ca.crt', '-untrusted', 'notca.crt', 'under-notca.crt'],
      dir.path,
    );
    expect(r.status).not.toBe(0); // OpenSSL refuses the non-CA issuer too
    expect(`${r.stdout}${r.stderr}`).toMatch(/invalid CA certificate/);
  });
});

describe('ecdh-lab cert show', () => {
  it('agrees with openssl x509 -text -noout on the main fields of an openssl-made certificate', () => {
    const pem = path.join(CERTS, 'leaf.pem');
    const ours = ok(`show ${pem}`);
    const der = dir.write('leaf.der', Certificate.fromPem(fs.readFileSync(pem, 'utf8')).toDer());
    expect(ok(`show ${der}`)).toBe(ours); // DER reads the same
    dir.write('bundle.pem', fs.readFileSync(pem, 'utf8') + dir.read('ca.crt'));
    expect(ok('show bundle.pem').match(/^Certificate:$/gm)).toHaveLength(2);
    if (!opensslAvailable()) return;
    const theirs = openssl(['x509', '-text', '-noout', '-in', pem], dir.path);
    expect(theirs.status).toBe(0);
    const FIELDS =
      /^ *(Version|Serial Number|Signature Algorithm|Issuer|Not Before|Not After|Subject|Public-Key|ASN1 OID|NIST CURVE|CA:|DNS:|TLS Web|Digital Signature)/;
    const main = (text: string) => text.split('\n').filter((line) => FIELDS.test(line));
    expect(main(ours)).toEqual(main(theirs.stdout));
    expect(main(ours).length).toBeGreaterThanOrEqual(14);
  });
});

describe('ecdh-lab cert: usage', () => {
  it('mistakes exit 2 with one line naming them', () => {
    const key = "--key ca.pem --subject 'CN=x'";
    const usage: [string, RegExp][] = [
      ['new --subject CN=x', /^new: --key FILE is required/],
      ['new --key ca.pem', /^new: --subject NAME is required/],
      [`new ${key} --path-len 1`, /^new: --path-len is not used without --ca$/],
      ['new --pub other-pub.pem --subject CN=x', /^new: --pub is not used without --issuer-cert/],
      [`new ${key} --issuer-cert ca.crt`, /^new: --issuer-cert and --issuer-key go together$/],
      [
        `new --key leaf.pem --pub other-pub.pem --subject CN=x ${ISSUE_BY_CA}`,
        /^new: give one of --key, --pub or --csr/,
      ],
      [`new ${key} --dns 127.0.0.1`, /^new: --dns 127\.0\.0\.1 is an IP address: give it as --ip/],
      [`new ${key} --dns 'a b'`, /^new: --dns must be a DNS name/],
      [`new ${key} --ip 1.2.3`, /^new: --ip must be an IPv4 or IPv6 address/],
      ['new --key ca.pem --subject CN', /^new: --subject: /],
      [`new ${key} --days 0`, /^new: --days must be an integer from 1/],
      [`new ${key} --force`, /^new: --force is not used without --out$/],
      [`new ${key} --hash md5`, /^new: --hash must be one of sha256, sha384, sha512/],
      ['csr --key leaf.pem', /^csr: --subject NAME is required/],
      ['show', /^show: which file\?/],
      ['show a b', /^show: unexpected argument 'b'$/],
      ['verify --ca ca.crt', /^verify: which certificate\?/],
      ['verify leaf.crt', /^verify: --ca FILE is required/],
      ['verify --ca ca.crt --at 2027-02-30 leaf.crt', /^verify: --at must be an ISO 8601 time/],
      ['verify --ca ca.crt --at 2027-01-01T10:00 leaf.crt', /^verify: --at must be an ISO 8601/],
      ['verify --ca ca.crt --host a..b leaf.crt', /^verify: --host must be a DNS name or an IP/],
      ['verify --ca ca.crt --purpose email leaf.crt', /^verify: --purpose must be one of server/],
      ['bogus', /^: unknown subcommand 'bogus'/],
    ];
    for (const [line, message] of usage) {
      const r = cert(line);
      const lines = r.stderr.split('\n');
      expect({ line, status: r.status, lines: lines.length, stdout: r.stdout }).toEqual({
        line,
        status: 2,
        lines: 3,
        stdout: '',
      });
      expect({ line, first: lines[0].replace(/^ecdh-lab cert ?/, '') }).toEqual({
        line,
        first: expect.stringMatching(message),
      });
    }
  });

  it('files that are wrong exit 1 with the reason; an existing --out is kept without --force', () => {
    const failures: [string, RegExp][] = [
      [
        `new --key leaf.pem --subject CN=x --issuer-cert ca.crt --issuer-key inter.pem`,
        /^ecdh-lab cert new: --issuer-key inter\.pem is not the key of --issuer-cert ca\.crt\n$/,
      ],
      [
        'new --key ca.pem --subject CN=x --out ca.crt',
        /^ecdh-lab cert new: ca\.crt already exists; use --force to overwrite it\n$/,
      ],
      ['show ca.pem', /^ecdh-lab cert show: ca\.pem is not a valid certificate: pem: block 1/],
      ['show absent.crt', /^ecdh-lab cert show: cannot read certificate absent\.crt \(ENOENT\)/],
      [
        'verify --ca leaf.csr leaf.crt',
        /^ecdh-lab cert verify: leaf\.csr is not a valid trust anchor certificate/,
      ],
    ];
    for (const [line, message] of failures) {
      const r = cert(line);
      expect({ line, status: r.status, stdout: r.stdout }).toEqual({ line, status: 1, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
    expect(Certificate.fromPem(dir.read('ca.crt')).subject.toString()).toBe(
      'CN=CLI Root,O=Example',
    );
  });

  it('--help of cert lists every subcommand', () => {
    const help = ok('--help');
    for (const sub of ['new', 'csr', 'show', 'verify']) expect(help).toContain(`  cert ${sub} `);
  });
});
