/**
 * Interop with the openssl command line (OpenSSL 3), both directions:
 *   - a chain made by `openssl req -x509` and `openssl ca` (P-256 root signing with
 *     SHA-384, an intermediate with pathlen:0, a server leaf with DNS, wildcard and IP
 *     names) verifies under ecdh-lab, as it does under `openssl verify` and Python;
 *   - certificates and requests ecdh-lab writes are read by `openssl x509 -text`,
 *     `openssl req -verify` and pass `openssl verify -CAfile … -untrusted …`;
 *   - an OpenSSL-made request is parsed, its signature checked, and issued from;
 *   - `describe()` prints what `openssl x509 -text -noout` prints, line for line, for every
 *     certificate here (all their extensions are ones this library decodes).
 * The chain is generated in a temp dir at test time. Under CI=true a missing openssl or
 * python3 fails; elsewhere the tests print why and do nothing.
 */
import { Certificate } from '../../src/x509/certificate.js';
import {
  CertificationRequest,
  createCertificationRequest,
  issueFromRequest,
} from '../../src/x509/csr.js';
import { verifyChain } from '../../src/x509/verify.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { intermediate, keyFor, leaf, root, T } from './fixtures';
import {
  OPENSSL_VERSION,
  openssl,
  opensslAvailable,
  opensslOk,
  pythonAvailable,
  pythonVerify,
  TempDir,
} from './peers';

const CA_CONFIG = `
[ ca ]
default_ca = CA_default
[ CA_default ]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = policy_any
email_in_dn = no
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
organizationName = optional
countryName = optional
[ v3_intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ server ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:openssl-leaf.example, DNS:*.openssl-leaf.example, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

const run = OPENSSL_VERSION !== undefined;
let dir: TempDir;
let chain: { root: Certificate; inter: Certificate; leaf: Certificate };

beforeAll(() => {
  dir = new TempDir();
  if (!run) return;
  const cwd = dir.path;
  dir.write('ca.cnf', CA_CONFIG);
  dir.write('index.txt', '');
  dir.write('serial', '1000\n');
  const genkey = (out: string) =>
    opensslOk(
      ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out],
      cwd,
    );
  genkey('root.key');
  genkey('inter.key');
  genkey('leaf.key');
  opensslOk(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-subj',
      '/C=US/O=OpenSSL Test/CN=OpenSSL Root',
      '-days',
      '3650',
      '-sha384',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'root.crt',
    ],
    cwd,
  );
  opensslOk(
    [
      'req',
      '-new',
      '-key',
      'inter.key',
      '-subj',
      '/O=OpenSSL Test/CN=OpenSSL Intermediate',
      '-out',
      'inter.csr',
    ],
    cwd,
  );
  opensslOk(
    [
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'root.crt',
      '-keyfile',
      'root.key',
      '-extensions',
      'v3_intermediate',
      '-days',
      '1000',
      '-in',
      'inter.csr',
      '-out',
      'inter.crt',
      '-notext',
    ],
    cwd,
  );
  opensslOk(
    ['req', '-new', '-key', 'leaf.key', '-subj', '/CN=openssl-leaf.example', '-out', 'leaf.csr'],
    cwd,
  );
  opensslOk(
    [
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'inter.crt',
      '-keyfile',
      'inter.key',
      '-extensions',
      'server',
      '-days',
      '100',
      '-in',
      'leaf.csr',
      '-out',
      'leaf.crt',
      '-notext',
    ],
    cwd,
  );
  chain = {
    root: Certificate.fromPem(dir.read('root.crt')),
    inter: Certificate.fromPem(dir.read('inter.crt')),
    leaf: Certificate.fromPem(dir.read('leaf.crt')),
  };
});
afterAll(() => dir?.remove());

describe(`an OpenSSL-made chain (${OPENSSL_VERSION ?? 'openssl not found'}) verifies under ecdh-lab`, () => {
  it('root (ecdsa-with-SHA384) → intermediate (pathlen:0) → leaf, for each of its names', () => {
    if (!opensslAvailable()) return;
    expect(chain.root.signatureAlgorithm.name).toBe('ecdsa-with-SHA384');
    expect(chain.inter.extensions.basicConstraints).toEqual({
      critical: true,
      ca: true,
      pathLength: 0,
    });
    for (const host of ['openssl-leaf.example', 'www.openssl-leaf.example', '127.0.0.1', '::1']) {
      const result = verifyChain(chain.leaf, {
        anchors: [chain.root],
        intermediates: [chain.inter],
        host,
        verifier: nodeVerifier,
      });
      expect(result.chain.map((c) => c.subject.commonName)).toEqual([
        'openssl-leaf.example',
        'OpenSSL Intermediate',
        'OpenSSL Root',
      ]);
    }
    verifyChain(chain.leaf, {
      anchors: [chain.root],
      intermediates: [chain.inter],
      purpose: 'clientAuth',
      verifier: nodeVerifier,
    });
  });

  it('the same chain: openssl verify and Python accept it too', () => {
    if (!opensslAvailable()) return;
    const args = [
      'verify',
      '-CAfile',
      'root.crt',
      '-untrusted',
      'inter.crt',
      '-verify_hostname',
      'openssl-leaf.example',
      'leaf.crt',
    ];
    expect(openssl(args, dir.path).stdout.trim()).toBe('leaf.crt: OK');
    if (!pythonAvailable()) return;
    const verdict = pythonVerify([
      {
        name: 'openssl chain',
        leaf: dir.file('leaf.crt'),
        intermediates: [dir.file('inter.crt')],
        anchors: [dir.file('root.crt')],
        time: Math.floor(Date.now() / 1000),
        purpose: 'serverAuth',
        host: 'openssl-leaf.example',
      },
    ]);
    expect(verdict.get('openssl chain')).toEqual({ ok: true });
  });

  it('without the intermediate, or with another root, the issuer is unknown', () => {
    if (!opensslAvailable()) return;
    for (const options of [
      { anchors: [chain.root] },
      { anchors: [root().cert], intermediates: [chain.inter] },
    ])
      expect(() => verifyChain(chain.leaf, { ...options, verifier: nodeVerifier })).toThrow(
        expect.objectContaining({ code: 'CERT_UNKNOWN_ISSUER' }),
      );
  });

  it('describe() prints what `openssl x509 -text -noout` prints', () => {
    if (!opensslAvailable()) return;
    for (const name of ['root.crt', 'inter.crt', 'leaf.crt']) {
      const expected = opensslOk(['x509', '-in', name, '-text', '-noout'], dir.path);
      expect(Certificate.fromPem(dir.read(name)).describe()).toBe(expected.trimEnd());
    }
  });
});

describe('what ecdh-lab writes, OpenSSL reads', () => {
  it('`openssl x509 -text -noout` prints our root, intermediate and leaf as describe() does', () => {
    if (!opensslAvailable()) return;
    const R = root('root', { ca: { pathLength: 1 } });
    const I = intermediate(R);
    const certs = [
      R.cert,
      I.cert,
      leaf(I, {
        subjectAltNames: {
          dns: ['a.example', '*.b.example'],
          ip: ['10.0.0.1', '2001:db8::1'],
          email: ['x@a.example'],
          uri: ['https://a.example/'],
        },
      }),
      leaf(R, {
        serialNumber: 4096n,
        extendedKeyUsage: ['serverAuth', 'clientAuth', '1.3.6.1.5.5.7.3.3'],
      }),
      leaf(R, { notAfter: new Date(Date.UTC(2051, 5, 1, 12, 30, 15)) }), // GeneralizedTime
    ];
    certs.forEach((cert, i) => {
      const file = dir.write(`ours-${i}.crt`, cert.toPem());
      expect(opensslOk(['x509', '-in', file, '-text', '-noout'], dir.path).trimEnd()).toBe(
        cert.describe(),
      );
    });
  });

  it('`openssl verify -CAfile root -untrusted intermediate leaf` says OK for our chain', () => {
    if (!opensslAvailable()) return;
    const R = root();
    const I = intermediate(R);
    dir.write('our-root.crt', R.cert.toPem());
    dir.write('our-inter.crt', I.cert.toPem());
    dir.write('our-leaf.crt', leaf(I).toPem());
    const result = openssl(
      [
        'verify',
        '-attime',
        String(T / 1000),
        '-CAfile',
        'our-root.crt',
        '-untrusted',
        'our-inter.crt',
        'our-leaf.crt',
      ],
      dir.path,
    );
    expect(result.stdout.trim()).toBe('our-leaf.crt: OK');
  });

  it('our request passes `openssl req -verify`, and OpenSSL prints its subject and names', () => {
    if (!opensslAvailable()) return;
    const csr = createCertificationRequest({
      signer: nodeSigner(keyFor('csr')),
      subject: 'CN=csr.example,O=Example',
      subjectAltNames: { dns: ['csr.example'], ip: ['192.0.2.1'] },
    });
    dir.write('ours.csr', csr.toPem());
    const result = openssl(['req', '-in', 'ours.csr', '-verify', '-noout', '-text'], dir.path);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/verify OK/);
    expect(result.stdout).toMatch(/Subject: O = Example, CN = csr.example/);
    expect(result.stdout).toMatch(/DNS:csr.example, IP Address:192.0.2.1/);
  });
});

describe('an OpenSSL-made request', () => {
  it('parses, its self-signature verifies, and the certificate issued from it passes openssl verify', () => {
    if (!opensslAvailable()) return;
    const cwd = dir.path;
    opensslOk(
      [
        'req',
        '-new',
        '-key',
        'leaf.key',
        '-subj',
        '/CN=from-openssl.example/O=Requester',
        '-addext',
        'subjectAltName=DNS:from-openssl.example,IP:127.0.0.1',
        '-out',
        'req.csr',
      ],
      cwd,
    );
    const csr = CertificationRequest.fromPem(dir.read('req.csr'));
    expect(csr.subject.toString()).toBe('O=Requester,CN=from-openssl.example');
    expect(csr.subjectAltNames).toEqual([
      { type: 'dns', value: 'from-openssl.example' },
      { type: 'ip', value: '127.0.0.1' },
    ]);
    expect(csr.verifySignature(nodeVerifier)).toBe(true);
    const R = root();
    const cert = issueFromRequest(csr, {
      issuerCertificate: R.cert,
      issuerSigner: nodeSigner(R.key),
      verifier: nodeVerifier,
      extendedKeyUsage: ['serverAuth'],
      notBefore: new Date(T - 86400e3),
    });
    expect(cert.publicKey!.equals(csr.publicKey!)).toBe(true);
    dir.write('from-req.crt', cert.toPem());
    dir.write('from-req-root.crt', R.cert.toPem());
    const args = [
      'verify',
      '-attime',
      String(T / 1000),
      '-CAfile',
      'from-req-root.crt',
      '-verify_hostname',
      'from-openssl.example',
      '-verify_ip',
      '127.0.0.1',
      'from-req.crt',
    ];
    expect(openssl(args, cwd).stdout.trim()).toBe('from-req.crt: OK');
  });
});
