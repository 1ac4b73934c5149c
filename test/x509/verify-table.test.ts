/**
 * Path validation, one row per case, each checked three ways on the same files: ecdh-lab's
 * verifyChain, `openssl verify` (OpenSSL 3, with -purpose and -verify_hostname/-verify_ip)
 * and Python's cryptography.x509.verification (pyca/cryptography, the webpki policy).
 *
 * The negative rows are the reasons verification must give (one defect each); the positive
 * rows show the three agree on what is fine. Where a peer answers differently the row says
 * so and why (`note`). Certificates come from the library's builder, signed by the
 * test-only node:crypto stand-in (test/x509/fixtures.ts), written to a temp dir.
 */
import type { CryptoErrorCode } from '../../src/errors.js';
import { Certificate } from '../../src/x509/certificate.js';
import { selfSignedCertificate } from '../../src/x509/builder.js';
import { type Purpose, verifyChain } from '../../src/x509/verify.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { thrownBy } from '../support/errors';
import {
  DAY,
  intermediate,
  keyFor,
  leaf,
  root,
  rsaPublicKeyDer,
  T,
  VALID,
  withBadSignature,
} from './fixtures';
import {
  openssl,
  opensslAvailable,
  pythonAvailable,
  pythonVerify,
  TempDir,
  type PythonCase,
} from './peers';

interface Chain {
  leaf: Certificate;
  intermediates: Certificate[];
  anchors: Certificate[];
}

interface Row {
  name: string;
  build: () => Chain;
  host?: string;
  purpose?: Purpose;
  /** What ecdh-lab answers: 'OK' or the CryptoError code. */
  ours: 'OK' | CryptoErrorCode;
  /** Whether `openssl verify` accepts. */
  openssl: boolean;
  /** Whether Python's verifier accepts. */
  python: boolean;
  /** Why a peer differs from ecdh-lab, when it does. */
  note?: string;
}

const R = root();
const chain1 = (l: Certificate): Chain => ({ leaf: l, intermediates: [], anchors: [R.cert] });

const rows: Row[] = [
  // --- accepted -------------------------------------------------------------------------
  {
    name: 'leaf → root',
    build: () => chain1(leaf(R)),
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'leaf → intermediate → root',
    build: () => {
      const I = intermediate(R);
      return { leaf: leaf(I), intermediates: [I.cert], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'leaf → two intermediates → root',
    build: () => {
      const I1 = intermediate(R, 'intermediate 1');
      const I2 = intermediate(I1, 'intermediate 2');
      return { leaf: leaf(I2), intermediates: [I2.cert, I1.cert], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'wildcard *.example.com for www.example.com',
    build: () => chain1(leaf(R, { subjectAltNames: { dns: ['*.example.com'] } })),
    host: 'www.example.com',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'host names compare case-insensitively',
    build: () => chain1(leaf(R)),
    host: 'LEAF.Example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'IPv4 address in iPAddress',
    build: () => chain1(leaf(R)),
    host: '127.0.0.1',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'IPv6 address in iPAddress',
    build: () => chain1(leaf(R, { subjectAltNames: { ip: ['::1'] } })),
    host: '::1',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'clientAuth leaf for a client',
    build: () => chain1(leaf(R, { extendedKeyUsage: ['clientAuth'] })),
    purpose: 'clientAuth',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'ecdsa-with-SHA384 and -SHA512 signatures',
    build: () => {
      const I = intermediate(R, 'intermediate', { hash: 'SHA-512' });
      return { leaf: leaf(I, { hash: 'SHA-384' }), intermediates: [I.cert], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'pathLen 0 root issuing a leaf directly',
    build: () => {
      const R0 = root('root pathlen 0', { ca: { pathLength: 0 } });
      return { leaf: leaf(R0), intermediates: [], anchors: [R0.cert] };
    },
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  {
    name: 'leaf without extendedKeyUsage',
    build: () => chain1(leaf(R, { extendedKeyUsage: undefined })),
    host: 'leaf.example',
    ours: 'OK',
    openssl: true,
    python: true,
  },
  // --- refused, one reason each -----------------------------------------------------------
  {
    name: 'expired',
    build: () =>
      chain1(leaf(R, { notBefore: new Date(T - 60 * DAY), notAfter: new Date(T - DAY) })),
    host: 'leaf.example',
    ours: 'CERT_EXPIRED',
    openssl: false,
    python: false,
  },
  {
    name: 'not yet valid',
    build: () =>
      chain1(leaf(R, { notBefore: new Date(T + DAY), notAfter: new Date(T + 60 * DAY) })),
    host: 'leaf.example',
    ours: 'CERT_NOT_YET_VALID',
    openssl: false,
    python: false,
  },
  {
    name: 'wrong host',
    build: () => chain1(leaf(R)),
    host: 'other.example',
    ours: 'CERT_HOST_MISMATCH',
    openssl: false,
    python: false,
  },
  {
    name: 'wildcard in the middle (www.*.example.com)',
    build: () => chain1(leaf(R, { subjectAltNames: { dns: ['www.*.example.com'] } })),
    host: 'www.a.example.com',
    ours: 'CERT_HOST_MISMATCH',
    openssl: false,
    python: false,
  },
  {
    name: 'wildcard across labels (*.example.com for a.b.example.com)',
    build: () => chain1(leaf(R, { subjectAltNames: { dns: ['*.example.com'] } })),
    host: 'a.b.example.com',
    ours: 'CERT_HOST_MISMATCH',
    openssl: false,
    python: false,
  },
  {
    name: 'IP address matched against a DNS SAN',
    build: () => chain1(leaf(R, { subjectAltNames: { dns: ['127.0.0.1'] } })),
    host: '127.0.0.1',
    ours: 'CERT_HOST_MISMATCH',
    openssl: false,
    python: false,
  },
  {
    name: 'CA:false intermediate',
    build: () => {
      const I = intermediate(R, 'intermediate', {
        ca: false,
        keyUsage: ['digitalSignature', 'keyCertSign'],
      });
      return { leaf: leaf(I), intermediates: [I.cert], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'CERT_NOT_CA',
    openssl: false,
    python: false,
  },
  {
    name: 'pathLen exceeded',
    build: () => {
      const R0 = root('root pathlen 0', { ca: { pathLength: 0 } });
      const I = intermediate(R0);
      return { leaf: leaf(I), intermediates: [I.cert], anchors: [R0.cert] };
    },
    host: 'leaf.example',
    ours: 'CERT_PATH_TOO_LONG',
    openssl: false,
    python: false,
  },
  {
    name: 'keyUsage without keyCertSign',
    build: () => {
      const I = intermediate(R, 'intermediate', { keyUsage: ['digitalSignature', 'cRLSign'] });
      return { leaf: leaf(I), intermediates: [I.cert], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'CERT_WRONG_USAGE',
    openssl: false,
    python: false,
  },
  {
    name: 'EKU clientAuth only, for a server',
    build: () => chain1(leaf(R, { extendedKeyUsage: ['clientAuth'] })),
    host: 'leaf.example',
    ours: 'CERT_WRONG_USAGE',
    openssl: false,
    python: false,
  },
  {
    name: 'bad signature',
    build: () => chain1(Certificate.fromDer(withBadSignature(leaf(R)))),
    host: 'leaf.example',
    ours: 'CERT_BAD_SIGNATURE',
    openssl: false,
    python: false,
  },
  {
    name: 'unknown critical extension',
    build: () =>
      chain1(
        leaf(R, {
          extraExtensions: [
            { oid: '1.3.6.1.4.1.55738.1', critical: true, value: Uint8Array.of(5, 0) },
          ],
        }),
      ),
    host: 'leaf.example',
    ours: 'CERT_UNKNOWN_CRITICAL_EXTENSION',
    openssl: false,
    python: false,
  },
  {
    name: 'self-signed leaf without trust',
    build: () => {
      const key = keyFor('self-signed leaf');
      const self = selfSignedCertificate({
        signer: nodeSigner(key),
        subject: 'CN=leaf.example',
        ca: false,
        subjectAltNames: { dns: ['leaf.example'] },
        extendedKeyUsage: ['serverAuth'],
        ...VALID,
      });
      return { leaf: self, intermediates: [], anchors: [R.cert] };
    },
    host: 'leaf.example',
    ours: 'CERT_UNKNOWN_ISSUER',
    openssl: false,
    python: false,
  },
  {
    name: 'RSA leaf (unsupported)',
    build: () => chain1(leaf(R, { publicKey: rsaPublicKeyDer() })),
    host: 'leaf.example',
    ours: 'CERT_UNSUPPORTED_KEY',
    openssl: true,
    python: true,
    note: 'the chain is sound; ecdh-lab refuses a leaf whose key it cannot use (only P-256)',
  },
];

const chains = new Map<string, Chain>();
let dir: TempDir;
const files = new Map<string, { leaf: string; intermediates: string[]; anchors: string[] }>();

beforeAll(() => {
  dir = new TempDir();
  rows.forEach((row, i) => {
    const chain = row.build();
    chains.set(row.name, chain);
    const pem = (list: Certificate[]) => list.map((c) => c.toPem()).join('');
    files.set(row.name, {
      leaf: dir.write(`${i}-leaf.pem`, chain.leaf.toPem()),
      intermediates: chain.intermediates.length
        ? [dir.write(`${i}-inter.pem`, pem(chain.intermediates))]
        : [],
      anchors: [dir.write(`${i}-anchors.pem`, pem(chain.anchors))],
    });
  });
});
afterAll(() => dir?.remove());

function ours(row: Row): string {
  const chain = chains.get(row.name)!;
  const error = (() => {
    try {
      verifyChain(chain.leaf, {
        anchors: chain.anchors,
        intermediates: chain.intermediates,
        time: T,
        host: row.host,
        purpose: row.purpose ?? 'serverAuth',
        verifier: nodeVerifier,
      });
      return undefined;
    } catch (e) {
      return e;
    }
  })();
  return error === undefined ? 'OK' : ((error as { code?: string }).code ?? String(error));
}

describe('verification table: ecdh-lab', () => {
  it.each(rows.map((r) => [r.name, r]))('%s', (_name, row) => {
    expect(ours(row)).toBe(row.ours);
  });

  it('every refusal names the certificate and the reason', () => {
    const row = rows.find((r) => r.name === 'expired')!;
    const chain = chains.get(row.name)!;
    const error = thrownBy(() =>
      verifyChain(chain.leaf, { anchors: chain.anchors, time: T, verifier: nodeVerifier }),
    ) as Error;
    expect(error.message).toBe(
      "x509: leaf 'CN=leaf.example': expired at 2029-12-31T00:00:00Z (checked at 2030-01-01T00:00:00Z)",
    );
  });

  it('covers every reason the issue lists, one negative row each', () => {
    const codes = new Set(rows.map((r) => r.ours));
    for (const code of [
      'CERT_EXPIRED',
      'CERT_NOT_YET_VALID',
      'CERT_UNKNOWN_ISSUER',
      'CERT_NOT_CA',
      'CERT_PATH_TOO_LONG',
      'CERT_WRONG_USAGE',
      'CERT_HOST_MISMATCH',
      'CERT_BAD_SIGNATURE',
      'CERT_UNSUPPORTED_KEY',
      'CERT_UNKNOWN_CRITICAL_EXTENSION',
    ])
      expect(codes).toContain(code);
  });
});

describe('verification table: openssl verify agrees', () => {
  it.each(rows.map((r) => [r.name, r]))('%s', (_name, row) => {
    if (!opensslAvailable()) return;
    const f = files.get(row.name)!;
    const host =
      row.host === undefined
        ? []
        : /^[\d.]+$|:/.test(row.host)
          ? ['-verify_ip', row.host]
          : ['-verify_hostname', row.host];
    const result = openssl(
      [
        'verify',
        '-CAfile',
        f.anchors[0],
        ...(f.intermediates.length ? ['-untrusted', f.intermediates[0]] : []),
        '-attime',
        String(T / 1000),
        '-purpose',
        row.purpose === 'clientAuth' ? 'sslclient' : 'sslserver',
        ...host,
        f.leaf,
      ],
      dir.path,
    );
    expect({ accepted: result.status === 0, output: result.stdout + result.stderr }).toEqual({
      accepted: row.openssl,
      output: expect.any(String),
    });
  });
});

describe('verification table: Python cryptography.x509.verification agrees', () => {
  let verdicts: Map<string, { ok: boolean; error?: string }> | undefined;
  beforeAll(() => {
    if (!pythonAvailable()) return;
    const cases: PythonCase[] = rows.map((row) => ({
      name: row.name,
      ...files.get(row.name)!,
      time: T / 1000,
      purpose: row.purpose ?? 'serverAuth',
      ...(row.host === undefined ? {} : { host: row.host }),
    }));
    verdicts = pythonVerify(cases);
  });

  it.each(rows.map((r) => [r.name, r]))('%s', (_name, row) => {
    if (verdicts === undefined) return;
    const verdict = verdicts.get(row.name)!;
    expect({ accepted: verdict.ok, error: verdict.error }).toEqual({
      accepted: row.python,
      error: row.python ? undefined : expect.any(String),
    });
  });
});
