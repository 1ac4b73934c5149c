/**
 * verifyChain beyond the table in verify-table.test.ts: argument checks, how paths are
 * built (key identifiers, look-alike issuers, loops, self-issued CAs and pathLen, maxDepth,
 * anchors), which certificate each error names, and the default verifier (ecdh-lab's own
 * ECDSA) against node:crypto both ways. Certificates from test/x509/fixtures.ts.
 */
import { hexToBytes } from '../../src/bytes/index.js';
import { decodeSignature, encodeSignature } from '../../src/ecdsa/signature.js';
import { P256 } from '../../src/curve/p256.js';
import { CryptoError } from '../../src/errors.js';
import { sha256 } from '../../src/hash/sha256.js';
import { sha384, sha512 } from '../../src/hash/sha512.js';
import { issueCertificate, selfSignedCertificate } from '../../src/x509/builder.js';
import { Certificate } from '../../src/x509/certificate.js';
import { DEFAULT_VERIFIER, type SignatureVerifier } from '../../src/x509/signature.js';
import {
  DEFAULT_MAX_DEPTH,
  MAX_SIGNATURE_CHECKS,
  verifyChain,
  type VerifyChainOptions,
} from '../../src/x509/verify.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { thrownBy } from '../support/errors';
import {
  certificateWith,
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

const nodeHashes = { sha256, sha384, sha512 } as const;

const R = root();
const I = intermediate(R);
const L = leaf(I);

function counting(): SignatureVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    verify(...args: Parameters<SignatureVerifier['verify']>) {
      verifier.calls++;
      return nodeVerifier.verify(...args);
    },
  };
  return verifier;
}

function refusal(leafCert: Certificate, options: Partial<VerifyChainOptions>): CryptoError {
  const error = thrownBy(() =>
    verifyChain(leafCert, { anchors: [R.cert], time: T, verifier: nodeVerifier, ...options }),
  );
  expect(error).toBeInstanceOf(CryptoError);
  return error as CryptoError;
}

describe('arguments', () => {
  const ok: VerifyChainOptions = {
    anchors: [R.cert],
    intermediates: [I.cert],
    time: T,
    verifier: nodeVerifier,
  };
  it('a chain verifies with a Date or a number as the time', () => {
    expect(verifyChain(L, ok).chain).toEqual([L, I.cert, R.cert]);
    expect(verifyChain(L, { ...ok, time: new Date(T) }).chain.length).toBe(3);
    expect(Object.isFrozen(verifyChain(L, ok).chain)).toBe(true);
  });
  it.each<[string, () => unknown, ErrorConstructor]>([
    [
      'leaf not a Certificate',
      () => verifyChain(L.toDer() as unknown as Certificate, ok),
      TypeError,
    ],
    [
      'options missing',
      () => verifyChain(L, undefined as unknown as VerifyChainOptions),
      TypeError,
    ],
    [
      'anchors not an array',
      () => verifyChain(L, { ...ok, anchors: R.cert as unknown as Certificate[] }),
      TypeError,
    ],
    [
      'intermediates holding bytes',
      () => verifyChain(L, { ...ok, intermediates: [I.cert.toDer() as unknown as Certificate] }),
      TypeError,
    ],
    [
      'time a string',
      () => verifyChain(L, { ...ok, time: '2030' as unknown as number }),
      TypeError,
    ],
    ['time NaN', () => verifyChain(L, { ...ok, time: Number.NaN }), TypeError],
    [
      'purpose unknown',
      () => verifyChain(L, { ...ok, purpose: 'codeSigning' as 'serverAuth' }),
      TypeError,
    ],
    ['maxDepth negative', () => verifyChain(L, { ...ok, maxDepth: -1 }), RangeError],
    [
      'verifier without verify()',
      () => verifyChain(L, { ...ok, verifier: {} as SignatureVerifier }),
      TypeError,
    ],
    ['host not a name', () => verifyChain(L, { ...ok, host: 'not a host' }), RangeError],
  ])('%s', (_what, fn, type) => {
    expect(fn).toThrow(type);
  });
  it('options are read once (a getter answering differently later changes nothing)', () => {
    let reads = 0;
    const options = {
      anchors: [R.cert],
      intermediates: [I.cert],
      time: T,
      verifier: nodeVerifier,
      get host() {
        reads++;
        return reads === 1 ? 'leaf.example' : 'other.example';
      },
    };
    expect(verifyChain(L, options).chain.length).toBe(3);
    expect(reads).toBe(1);
  });
  it("the default verifier is ecdh-lab's own ECDSA: it checks what node:crypto signed", () => {
    // The fixtures are signed by node:crypto (random k, s high or low): no verifier is passed.
    expect(verifyChain(L, { anchors: [R.cert], intermediates: [I.cert], time: T }).chain).toEqual([
      L,
      I.cert,
      R.cert,
    ]);
    expect(L.isSignedBy(I.cert)).toBe(true);
    expect(L.isSignedBy(R.cert)).toBe(false);
    const bad = Certificate.fromDer(withBadSignature(L));
    expect(bad.isSignedBy(I.cert, DEFAULT_VERIFIER)).toBe(false);
    expect(
      thrownBy(() => verifyChain(bad, { anchors: [R.cert], intermediates: [I.cert], time: T })),
    ).toMatchObject({ code: 'CERT_BAD_SIGNATURE' });
  });
  it('the default verifier accepts both s and n − s, each hash, and refuses what it should', () => {
    const key = keyFor('default verifier');
    const message = new TextEncoder().encode('tbsCertificate stand-in');
    for (const [hash, nodeHash] of [
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ] as const) {
      const signature = nodeSigner(key).sign(message, hash);
      const { r, s } = decodeSignature(signature);
      const twin = encodeSignature({ r, s: P256.n - s });
      expect(DEFAULT_VERIFIER.verify(key.publicKey, message, signature, hash)).toBe(true);
      expect(DEFAULT_VERIFIER.verify(key.publicKey, message, twin, hash)).toBe(true);
      // …and what ecdh-lab signs, node:crypto verifies (the other direction).
      const ours = key.sign(message, { hash: nodeHashes[nodeHash], format: 'der' });
      expect(nodeVerifier.verify(key.publicKey, message, ours, hash)).toBe(true);
    }
    const signature = nodeSigner(key).sign(message, 'SHA-256');
    expect(DEFAULT_VERIFIER.verify(key.publicKey, message, signature, 'SHA-384')).toBe(false);
    expect(DEFAULT_VERIFIER.verify(keyFor('other').publicKey, message, signature, 'SHA-256')).toBe(
      false,
    );
    expect(DEFAULT_VERIFIER.verify(key.publicKey, message, signature.slice(1), 'SHA-256')).toBe(
      false,
    );
    expect(() =>
      DEFAULT_VERIFIER.verify(key.publicKey, message, signature, 'MD5' as 'SHA-256'),
    ).toThrow(TypeError);
  });
});

describe('path building', () => {
  it('a leaf that is itself a trust anchor is trusted directly (its own checks still apply)', () => {
    expect(verifyChain(L, { anchors: [L], time: T, verifier: nodeVerifier }).chain).toEqual([L]);
    expect(refusal(L, { anchors: [L], host: 'other.example' }).code).toBe('CERT_HOST_MISMATCH');
  });

  it('the issuer whose subjectKeyIdentifier matches the authorityKeyIdentifier is tried first', () => {
    const impostor = intermediate(root('impostor root'), 'intermediate', {}, 'impostor').cert; // same name, other key
    const verifier = counting();
    const result = verifyChain(L, {
      anchors: [R.cert],
      intermediates: [impostor, I.cert],
      time: T,
      verifier,
    });
    expect(result.chain[1]).toBe(I.cert);
    expect(verifier.calls).toBe(2); // leaf ← I, I ← R: the impostor was never tried
  });

  it('a look-alike issuer (same name, other key) is tried last; alone, its bad signature is the reason', () => {
    const I2 = intermediate(R, 'plain intermediate');
    const l = leaf(I2);
    const impostor = intermediate(root('impostor root'), 'plain intermediate', {}, 'impostor').cert;
    // The impostor's subjectKeyIdentifier differs from the leaf's authorityKeyIdentifier: tried last.
    expect(
      verifyChain(l, {
        anchors: [R.cert],
        intermediates: [impostor, I2.cert],
        time: T,
        verifier: nodeVerifier,
      }).chain[1],
    ).toBe(I2.cert);
    // With only the impostor, its signature fails: the reason is the bad signature, not "unknown issuer".
    expect(refusal(l, { intermediates: [impostor] }).code).toBe('CERT_BAD_SIGNATURE');
  });

  it('an intermediate cross-signed by an untrusted root and a trusted one: the trusted path is found', () => {
    const other = root('other root');
    const crossFromOther = issueCertificate({
      issuerCertificate: other.cert,
      issuerSigner: nodeSigner(other.key),
      subject: I.cert.subject,
      publicKey: I.key.publicKey,
      ca: true,
      ...VALID,
    });
    const result = verifyChain(L, {
      anchors: [R.cert],
      intermediates: [crossFromOther, I.cert],
      time: T,
      verifier: nodeVerifier,
    });
    expect(result.chain.map((c) => c.issuer.commonName)).toEqual([
      'Test intermediate',
      'Test root',
      'Test root',
    ]);
  });

  it('two CAs that sign each other do not loop', () => {
    const a = root('loop a');
    const b = root('loop b');
    const aByB = intermediate(b, 'loop a', {}, 'loop a');
    const bByA = intermediate(a, 'loop b', {}, 'loop b');
    const l = leaf(aByB);
    expect(refusal(l, { intermediates: [aByB.cert, bByA.cert] }).code).toBe('CERT_UNKNOWN_ISSUER');
  });

  it('a self-issued CA (key rollover) does not count against pathLenConstraint (RFC 5280 §4.2.1.9)', () => {
    const R0 = root('rollover root', { ca: { pathLength: 0 } });
    const rolled = issueCertificate({
      issuerCertificate: R0.cert,
      issuerSigner: nodeSigner(R0.key),
      subject: R0.cert.subject,
      publicKey: I.key.publicKey,
      ca: true,
      ...VALID,
    });
    const l = leaf({ cert: rolled, key: I.key });
    const result = verifyChain(l, {
      anchors: [R0.cert],
      intermediates: [rolled],
      time: T,
      verifier: nodeVerifier,
    });
    expect(result.chain).toEqual([l, rolled, R0.cert]);
  });

  it('maxDepth bounds the intermediates', () => {
    const I2 = intermediate(I, 'intermediate 2');
    const l = leaf(I2);
    const options = { intermediates: [I.cert, I2.cert] };
    expect(
      verifyChain(l, {
        ...options,
        anchors: [R.cert],
        time: T,
        maxDepth: 2,
        verifier: nodeVerifier,
      }).chain.length,
    ).toBe(4);
    const error = refusal(l, { ...options, maxDepth: 1 });
    expect(error.code).toBe('CERT_PATH_TOO_LONG');
    expect(error.message).toMatch(/exceed 1 intermediates \(maxDepth\)/);
    expect(
      verifyChain(leaf(R), { anchors: [R.cert], time: T, maxDepth: 0, verifier: nodeVerifier })
        .chain.length,
    ).toBe(2);
  });
});

describe('each refusal names the right certificate', () => {
  it.each<[string, () => CryptoError, string, RegExp]>([
    [
      'an expired intermediate',
      () =>
        refusal(leaf(intermediate(R, 'old', { notAfter: new Date(T - DAY) })), {
          intermediates: [intermediate(R, 'old', { notAfter: new Date(T - DAY) }).cert],
        }),
      'CERT_EXPIRED',
      /^x509: intermediate 'CN=Test old,O=ecdh-lab tests': expired at/,
    ],
    [
      'an expired trust anchor',
      () =>
        refusal(L, {
          anchors: [root('root', { notAfter: new Date(T - DAY) }).cert],
          intermediates: [I.cert],
        }),
      'CERT_EXPIRED',
      /^x509: trust anchor 'CN=Test root,O=ecdh-lab tests': expired/,
    ],
    [
      'a trust anchor that is not a CA',
      () =>
        refusal(
          leaf(root('leafy root', { ca: false, keyUsage: ['digitalSignature', 'keyCertSign'] })),
          {
            anchors: [
              root('leafy root', { ca: false, keyUsage: ['digitalSignature', 'keyCertSign'] }).cert,
            ],
          },
        ),
      'CERT_NOT_CA',
      /^x509: trust anchor 'CN=Test leafy root,O=ecdh-lab tests': basicConstraints cA is FALSE/,
    ],
    [
      'a leaf without digitalSignature',
      () => refusal(leaf(R, { keyUsage: ['keyEncipherment'] }), {}),
      'CERT_WRONG_USAGE',
      /^x509: leaf 'CN=leaf.example': keyUsage does not allow digitalSignature$/,
    ],
    [
      'an intermediate limited to clientAuth, for a server',
      () => {
        const C = intermediate(R, 'client ca', { extendedKeyUsage: ['clientAuth'] });
        return refusal(leaf(C), { intermediates: [C.cert] });
      },
      'CERT_WRONG_USAGE',
      /^x509: intermediate 'CN=Test client ca,O=ecdh-lab tests': extendedKeyUsage does not allow serverAuth$/,
    ],
    [
      'a host mismatch',
      () => refusal(L, { intermediates: [I.cert], host: '10.9.8.7' }),
      'CERT_HOST_MISMATCH',
      /^x509: leaf 'CN=leaf.example': subjectAltName does not name '10.9.8.7'$/,
    ],
    [
      'a missing intermediate',
      () => refusal(L, {}),
      'CERT_UNKNOWN_ISSUER',
      /^x509: leaf 'CN=leaf.example': issuer 'CN=Test intermediate,O=ecdh-lab tests' not found among the trust anchors and intermediates$/,
    ],
    [
      'an RSA-keyed look-alike anchor',
      () =>
        refusal(leaf(R), {
          anchors: [
            issueCertificate({
              issuerCertificate: R.cert,
              issuerSigner: nodeSigner(R.key),
              subject: R.cert.subject,
              publicKey: rsaPublicKeyDer(),
              ca: true,
              ...VALID,
            }),
          ],
        }),
      'CERT_UNSUPPORTED_KEY',
      /^x509: trust anchor 'CN=Test root,O=ecdh-lab tests': RSA keys are not supported/,
    ],
  ])('%s', (_what, run, code, message) => {
    const error = run();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('a certificate signed with an algorithm other than ECDSA-SHA2 is CERT_UNSUPPORTED_ALGORITHM', () => {
    // ecdsa-with-SHA256 (…04 03 02) → ecdsa-with-SHA224 (…04 03 01), same length, both places.
    const hex = Buffer.from(leaf(R).toDer())
      .toString('hex')
      .replaceAll('2a8648ce3d040302', '2a8648ce3d040301');
    const error = refusal(Certificate.fromDer(hexToBytes(hex)), {});
    expect(error.code).toBe('CERT_UNSUPPORTED_ALGORITHM');
    expect(error.message).toMatch(/signed with ecdsa-with-SHA224/);
  });
});

// Mutation testing (stryker.module.config.mjs, group x509-verify): each option's exact error,
// validity at its exact bounds, every refusal's exact message and the certificate it names, the
// order candidates are tried in (key identifiers, anchors first, the first error kept) and the
// signature-check budget at its exact value. Certificates from test/x509/fixtures.ts (the
// builder with node:crypto's signer; certificateWith for an anchor without extensions).
describe('exact options, bounds and messages', () => {
  const chainOf = (leafCert: Certificate, options: Partial<VerifyChainOptions> = {}) =>
    verifyChain(leafCert, { anchors: [R.cert], time: T, verifier: nodeVerifier, ...options }).chain;
  const messageOf = (leafCert: Certificate, options: Partial<VerifyChainOptions>) =>
    refusal(leafCert, options).message;
  const ok: VerifyChainOptions = {
    anchors: [R.cert],
    intermediates: [I.cert],
    time: T,
    verifier: nodeVerifier,
  };

  it('each malformed option is named', () => {
    const rows: [() => unknown, Error][] = [
      [
        () => verifyChain(L.toDer() as unknown as Certificate, ok),
        new TypeError('leaf must be a Certificate'),
      ],
      [
        () => verifyChain(L, null as unknown as VerifyChainOptions),
        new TypeError('options must be an object'),
      ],
      [
        () => verifyChain(L, 'x' as unknown as VerifyChainOptions),
        new TypeError('options must be an object'),
      ],
      [
        () => verifyChain(L, { ...ok, anchors: R.cert as unknown as Certificate[] }),
        new TypeError('options.anchors must be an array of Certificates'),
      ],
      [
        () => verifyChain(L, { ...ok, intermediates: [I.cert.toDer() as unknown as Certificate] }),
        new TypeError('options.intermediates must hold only Certificates'),
      ],
      [
        () => verifyChain(L, { ...ok, time: '2030' as unknown as number }),
        new TypeError('options.time must be a Date or a number of milliseconds'),
      ],
      [
        () => verifyChain(L, { ...ok, time: Number.POSITIVE_INFINITY }),
        new TypeError('options.time must be a Date or a number of milliseconds'),
      ],
      [
        () => verifyChain(L, { ...ok, purpose: 'codeSigning' as 'serverAuth' }),
        new TypeError(`options.purpose must be 'serverAuth' or 'clientAuth'`),
      ],
    ];
    for (const maxDepth of [-1, 65, 1.5])
      rows.push([
        () => verifyChain(L, { ...ok, maxDepth }),
        new RangeError('options.maxDepth must be an integer from 0 to 64'),
      ]);
    for (const [fn, error] of rows) {
      const thrown = thrownBy(fn);
      expect(thrown).toBeInstanceOf(error.constructor);
      expect((thrown as Error).message).toBe(error.message);
    }
    expect(chainOf(L, { intermediates: [I.cert], maxDepth: 64 }).length).toBe(3);
    expect(DEFAULT_MAX_DEPTH).toBe(8);
    expect(MAX_SIGNATURE_CHECKS).toBe(100);
  });

  it('defaults: no intermediates, the current time, serverAuth, at most 8 intermediates', () => {
    expect(chainOf(leaf(R)).length).toBe(2);
    // Without a time, now (2026 and later) is checked: the fixtures are valid from T − 30 days.
    const now = thrownBy(() => verifyChain(leaf(R), { anchors: [R.cert], verifier: nodeVerifier }));
    expect(now).toMatchObject({
      code: Date.now() < VALID.notBefore.getTime() ? 'CERT_NOT_YET_VALID' : 'CERT_EXPIRED',
    });
    const clientOnly = leaf(R, { extendedKeyUsage: ['clientAuth'] });
    expect(refusal(clientOnly, {}).message).toBe(
      "x509: leaf 'CN=leaf.example': extendedKeyUsage does not allow serverAuth",
    );
    expect(chainOf(clientOnly, { purpose: 'clientAuth' }).length).toBe(2);
    expect(refusal(leaf(R), { purpose: 'clientAuth' }).message).toBe(
      "x509: leaf 'CN=leaf.example': extendedKeyUsage does not allow clientAuth",
    );
    expect(
      chainOf(leaf(R, { extendedKeyUsage: ['anyExtendedKeyUsage'] }), { purpose: 'clientAuth' })
        .length,
    ).toBe(2);
    // Nine intermediates exceed the default of 8; eight do not.
    const cas = [R];
    for (let i = 1; i <= 9; i++) cas.push(intermediate(cas[i - 1], `depth ${i}`));
    const pool = cas.slice(1).map((ca) => ca.cert);
    expect(chainOf(leaf(cas[8]), { intermediates: pool }).length).toBe(10);
    expect(messageOf(leaf(cas[9]), { intermediates: pool })).toBe(
      "x509: intermediate 'CN=Test depth 1,O=ecdh-lab tests': the path would exceed 8 intermediates (maxDepth)",
    );
  });

  it('the result and its chain are frozen, whether the leaf is an anchor or not', () => {
    for (const result of [
      verifyChain(L, ok),
      verifyChain(L, { anchors: [L], time: T, verifier: nodeVerifier }),
    ]) {
      expect(Object.isFrozen(result)).toBe(true);
      expect(Object.isFrozen(result.chain)).toBe(true);
      expect(result.chain[0]).toBe(L);
    }
  });

  it('validity includes both bounds; the messages give the times (milliseconds only when set)', () => {
    const window = { notBefore: new Date(T), notAfter: new Date(T + DAY) };
    const l = leaf(R, window);
    expect(chainOf(l, { time: T }).length).toBe(2);
    expect(chainOf(l, { time: T + DAY }).length).toBe(2);
    expect(messageOf(l, { time: T - 1 })).toBe(
      "x509: leaf 'CN=leaf.example': not valid before 2030-01-01T00:00:00Z (checked at 2029-12-31T23:59:59.999Z)",
    );
    expect(messageOf(l, { time: T + DAY + 1000 })).toBe(
      "x509: leaf 'CN=leaf.example': expired at 2030-01-02T00:00:00Z (checked at 2030-01-02T00:00:01Z)",
    );
    const young = intermediate(R, 'young', { notBefore: new Date(T + 1000) });
    expect(messageOf(leaf(young), { intermediates: [young.cert] })).toBe(
      "x509: intermediate 'CN=Test young,O=ecdh-lab tests': not valid before 2030-01-01T00:00:01Z (checked at 2030-01-01T00:00:00Z)",
    );
  });

  it('the leaf: critical extensions, key, keyUsage and host, each message exact', () => {
    const critical = { oid: '1.3.6.1.4.1.55738.1', critical: true, value: Uint8Array.of(5, 0) };
    expect(messageOf(leaf(R, { extraExtensions: [critical] }), {})).toBe(
      "x509: leaf 'CN=leaf.example': unknown critical extension 1.3.6.1.4.1.55738.1",
    );
    expect(chainOf(leaf(R, { extraExtensions: [{ ...critical, critical: false }] })).length).toBe(
      2,
    );
    const C = intermediate(R, 'critical', { extraExtensions: [critical] });
    expect(messageOf(leaf(C), { intermediates: [C.cert] })).toBe(
      "x509: intermediate 'CN=Test critical,O=ecdh-lab tests': unknown critical extension 1.3.6.1.4.1.55738.1",
    );
    expect(messageOf(leaf(R, { publicKey: rsaPublicKeyDer() }), {})).toBe(
      "x509: leaf 'CN=leaf.example': RSA keys are not supported (P-256 only)",
    );
    expect(chainOf(leaf(R, { keyUsage: ['digitalSignature'] })).length).toBe(2);
    expect(messageOf(leaf(R), { host: 'other.example' })).toBe(
      "x509: leaf 'CN=leaf.example': subjectAltName does not name 'other.example'",
    );
    expect(chainOf(leaf(R), { host: 'leaf.example' }).length).toBe(2);
    const noSan = leaf(R, { subjectAltNames: undefined });
    expect(noSan.extensions.subjectAltName).toBeUndefined();
    expect(refusal(noSan, { host: 'leaf.example' }).code).toBe('CERT_HOST_MISMATCH');
  });

  it('an issuer: signature, CA, keyUsage, purpose and pathLen, each message naming the right certificate', () => {
    const badI = Certificate.fromDer(withBadSignature(I.cert));
    expect(messageOf(L, { intermediates: [badI] })).toBe(
      "x509: intermediate 'CN=Test intermediate,O=ecdh-lab tests': signature does not verify with the key of 'CN=Test root,O=ecdh-lab tests'",
    );
    const notCa = intermediate(R, 'not ca', {
      ca: false,
      keyUsage: ['keyCertSign', 'digitalSignature'],
    });
    expect(messageOf(leaf(notCa), { intermediates: [notCa.cert] })).toBe(
      "x509: intermediate 'CN=Test not ca,O=ecdh-lab tests': basicConstraints cA is FALSE: not a CA",
    );
    const noSign = intermediate(R, 'no sign', { keyUsage: ['digitalSignature'] });
    expect(messageOf(leaf(noSign), { intermediates: [noSign.cert] })).toBe(
      "x509: intermediate 'CN=Test no sign,O=ecdh-lab tests': keyUsage does not allow keyCertSign",
    );
    const anyPurpose = intermediate(R, 'any', { extendedKeyUsage: ['anyExtendedKeyUsage'] });
    expect(chainOf(leaf(anyPurpose), { intermediates: [anyPurpose.cert] }).length).toBe(3);
    // pathLenConstraint 1 on the root: one intermediate below it is fine, two are not.
    const R1 = root('pathlen one', { ca: { pathLength: 1 } });
    const A = intermediate(R1, 'below one');
    const B = intermediate(A, 'below two');
    expect(chainOf(leaf(A), { anchors: [R1.cert], intermediates: [A.cert] }).length).toBe(3);
    expect(messageOf(leaf(B), { anchors: [R1.cert], intermediates: [A.cert, B.cert] })).toBe(
      "x509: trust anchor 'CN=Test pathlen one,O=ecdh-lab tests': pathLenConstraint 1 allows 1 intermediate(s) below it, the path has 2",
    );
  });

  it('an anchor without extensions: no basicConstraints, and no subjectKeyIdentifier (ranked between a match and a mismatch)', () => {
    // certificateWith(): CN=parts, the key of keyFor('parts'), version 3 without extensions.
    const bare = Certificate.fromDer(certificateWith());
    expect(bare.extensions.basicConstraints).toBeUndefined();
    expect(bare.extensions.subjectKeyIdentifier).toBeUndefined();
    const child = leaf({ cert: bare, key: keyFor('parts') });
    expect(messageOf(child, { anchors: [bare] })).toBe(
      "x509: trust anchor 'CN=parts': no basicConstraints: not a CA",
    );
    // A look-alike with a subjectKeyIdentifier that differs from the leaf's
    // authorityKeyIdentifier is tried after the anchor that has none, whatever the order given.
    const lookalike = selfSignedCertificate({
      signer: nodeSigner(keyFor('parts look-alike')),
      subject: 'CN=parts',
      ...VALID,
    });
    for (const anchors of [
      [lookalike, bare],
      [bare, lookalike],
    ])
      expect(refusal(child, { anchors }).code).toBe('CERT_NOT_CA');
  });

  it('among equals, anchors come before intermediates and the given order is kept; the first error wins', () => {
    const expired = root('root', { notAfter: new Date(T - DAY) }).cert; // R's name and key
    const notCa = root('root', { ca: false, keyUsage: ['keyCertSign'] }).cert;
    expect(refusal(leaf(R), { anchors: [expired, notCa] }).code).toBe('CERT_EXPIRED');
    expect(refusal(leaf(R), { anchors: [notCa, expired] }).code).toBe('CERT_NOT_CA');
    expect(refusal(leaf(R), { anchors: [notCa], intermediates: [expired] }).code).toBe(
      'CERT_NOT_CA',
    );
    expect(refusal(leaf(R), { anchors: [expired], intermediates: [notCa] }).code).toBe(
      'CERT_EXPIRED',
    );
    // A failed candidate does not hide a later good one.
    expect(chainOf(leaf(R), { anchors: [expired, notCa, R.cert] }).length).toBe(2);
  });

  it('unknown issuers: a self-signed leaf, an intermediate whose issuer is missing, an empty issuer name', () => {
    const self = selfSignedCertificate({
      signer: nodeSigner(keyFor('self')),
      subject: 'CN=self.example',
      ca: false,
      ...VALID,
    });
    expect(messageOf(self, {})).toBe(
      "x509: leaf 'CN=self.example': self-signed and not among the trust anchors",
    );
    expect(messageOf(L, { anchors: [root('elsewhere').cert], intermediates: [I.cert] })).toBe(
      "x509: intermediate 'CN=Test intermediate,O=ecdh-lab tests': issuer 'CN=Test root,O=ecdh-lab tests' not found among the trust anchors and intermediates",
    );
    const nameless = {
      cert: Certificate.fromDer(certificateWith({ subject: hexToBytes('3000') })),
      key: keyFor('parts'),
    };
    expect(nameless.cert.subject.toString()).toBe('');
    expect(messageOf(leaf(nameless), {})).toBe(
      "x509: leaf 'CN=leaf.example': issuer (empty name) not found among the trust anchors and intermediates",
    );
  });

  it(`at most ${MAX_SIGNATURE_CHECKS} signature checks, cached ones included; a repeated pair is verified once`, () => {
    const impostor = intermediate(root('budget root'), 'intermediate', {}, 'budget').cert;
    const verifier = counting();
    const run = (copies: number) =>
      refusal(L, { intermediates: Array(copies).fill(impostor), verifier });
    expect(run(MAX_SIGNATURE_CHECKS).code).toBe('CERT_BAD_SIGNATURE');
    expect(verifier.calls).toBe(1);
    const over = run(MAX_SIGNATURE_CHECKS + 1);
    expect(over.code).toBe('LIMIT_EXCEEDED');
    expect(over.message).toBe('x509: path building gave up after 100 signature checks');
  });

  it('codes, roles and the verifier option named exactly; a leaf among several anchors; children without an authorityKeyIdentifier', () => {
    expect(() => verifyChain(L, { ...ok, verifier: {} as SignatureVerifier })).toThrow(
      new TypeError('options.verifier must be a SignatureVerifier (an object with verify())'),
    );
    // The leaf is trusted directly when it is any one of the anchors, and never without one.
    expect(chainOf(L, { anchors: [R.cert, L], intermediates: [I.cert] })).toEqual([L]);
    expect(refusal(L, { anchors: [], intermediates: [I.cert] }).code).toBe('CERT_UNKNOWN_ISSUER');
    const critical = { oid: '1.3.6.1.4.1.55738.1', critical: true, value: Uint8Array.of(5, 0) };
    expect(refusal(leaf(R, { extraExtensions: [critical] }), {}).code).toBe(
      'CERT_UNKNOWN_CRITICAL_EXTENSION',
    );
    expect(refusal(leaf(R, { publicKey: rsaPublicKeyDer() }), {}).code).toBe(
      'CERT_UNSUPPORTED_KEY',
    );
    const noSign = intermediate(R, 'no sign', { keyUsage: ['digitalSignature'] });
    expect(refusal(leaf(noSign), { intermediates: [noSign.cert] }).code).toBe('CERT_WRONG_USAGE');
    const R1 = root('pathlen one', { ca: { pathLength: 1 } });
    const A = intermediate(R1, 'below one');
    const B = intermediate(A, 'below two');
    expect(refusal(leaf(B), { anchors: [R1.cert], intermediates: [A.cert, B.cert] }).code).toBe(
      'CERT_PATH_TOO_LONG',
    );
    // What checkIssuer says about a leaf child names it as the leaf.
    expect(messageOf(Certificate.fromDer(withBadSignature(L)), { intermediates: [I.cert] })).toBe(
      "x509: leaf 'CN=leaf.example': signature does not verify with the key of 'CN=Test intermediate,O=ecdh-lab tests'",
    );
    const sha224 = Buffer.from(leaf(R).toDer())
      .toString('hex')
      .replaceAll('2a8648ce3d040302', '2a8648ce3d040301');
    expect(messageOf(Certificate.fromDer(hexToBytes(sha224)), {})).toBe(
      "x509: leaf 'CN=leaf.example': signed with ecdsa-with-SHA224 (only ECDSA with SHA-256/384/512)",
    );
    // certificateWith() has no extensions, so no authorityKeyIdentifier: every candidate ranks
    // alike and the given order is kept. Its signature is not valid (parse-only fixture).
    const bare = Certificate.fromDer(certificateWith());
    const lookalike = selfSignedCertificate({
      signer: nodeSigner(keyFor('parts look-alike')),
      subject: 'CN=parts',
      ...VALID,
    });
    const rsaBare = Certificate.fromDer(certificateWith({ spki: rsaPublicKeyDer() }));
    expect(refusal(bare, { anchors: [lookalike] }).code).toBe('CERT_BAD_SIGNATURE');
    expect(refusal(bare, { anchors: [lookalike, rsaBare] }).code).toBe('CERT_BAD_SIGNATURE');
    expect(refusal(bare, { anchors: [rsaBare, lookalike] }).code).toBe('CERT_UNSUPPORTED_KEY');
  });
});

// Equivalent mutants in src/x509/verify.ts (no test can kill them; the reasoning, not a run):
//   - `typeof now !== 'number' ||` dropped (`false`): Number.isFinite is false for every
//     non-number, so the same TypeError is thrown.
//   - `subjectAltName?.names ?? []` as `?? ["Stryker was here"]`: matchesHost matches only
//     GeneralNames of type dns or ip, and a string has no type, so no host matches either way.
//   - the candidates' order `a.order - b.order` as `a.order + b.order`: orders are distinct and
//     non-negative, so the comparator is positive for any two candidates of equal rank, and V8's
//     TimSort then keeps them in the given order (one ascending run), as the subtraction does.
//   - `if (bc.pathLength !== undefined)` as `true`: `below > undefined` is false, so nothing is
//     refused when there is no pathLenConstraint.
