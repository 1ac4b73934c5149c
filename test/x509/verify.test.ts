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
import { issueCertificate } from '../../src/x509/builder.js';
import { Certificate } from '../../src/x509/certificate.js';
import { DEFAULT_VERIFIER, type SignatureVerifier } from '../../src/x509/signature.js';
import { verifyChain, type VerifyChainOptions } from '../../src/x509/verify.js';
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
