/**
 * Every `@example` in src/ runs. test/channel/examples.test.ts and test/tls/examples.test.ts
 * run those of src/channel and src/tls with their own scopes; this file runs all the others.
 * Each example is cut out of its doc comment and run by ./support/examples.ts (TypeScript,
 * `await` allowed, stated results such as `// 'cafe'` checked) with the exports of the
 * package's entry points (and of the example's own module) in scope, plus the few free names
 * the examples use, bound to small real values below. The examples that talk to a server, use
 * a certificate chain or build DOM elements get their context from ./support/example-harness.ts:
 * real servers on 127.0.0.1 port 0, all closed after the example (checked: no TCP handle
 * left). cli/playground-server.ts's example serves the built page: `npm run build` first
 * (`npm ci` does).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as root from '../src/index';
import * as math from '../src/math';
import * as noise from '../src/noise';
import * as x509 from '../src/x509';
import * as tlsEntry from '../src/tls';
import { expandKey } from '../src/cipher/aes';
import { createGhashKey, GHASH_TABLE_8BIT } from '../src/cipher/ghash';
import * as der from '../src/keys/der';
import { parsePrivateScalar } from '../src/math/scalar';
import * as node from '../src/node';
import { contextFor, pki, pkiFiles, signerOf, tcpHandles } from './support/example-harness';
import { examplesOf, runExample } from './support/examples';

const SRC = path.join(__dirname, '..', 'src');
const COVERED_ELSEWHERE = new Set(['channel', 'tls']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return COVERED_ELSEWHERE.has(entry.name) ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const { PrivateKey, utf8ToBytes, sha256, sha384, hexToBytes } = root;

/** Small real values for the free names the examples use, made once. */
const shared = (() => {
  const alice = PrivateKey.fromRaw(new Uint8Array(32).fill(1));
  const bob = PrivateKey.fromRaw(new Uint8Array(32).fill(2));
  const message = utf8ToBytes('hello');
  const signature = alice.sign(message);
  const aesKey = hexToBytes('000102030405060708090a0b0c0d0e0f');
  const nonce = new Uint8Array(12);
  const sealed = root.aesGcm(aesKey, nonce).encrypt(message);
  const files: Record<string, string | Uint8Array> = {
    'key.der': alice.toDer(),
    'key.pem': alice.toPem(),
    'peer.der': bob.publicKey.toDer(),
    'peer.pem': bob.publicKey.toPem(),
    'peers.pem': alice.publicKey.toPem() + bob.publicKey.toPem(),
    ...pkiFiles(), // leaf.der, ca.crt, chain.pem, req.csr (./support/example-harness.ts)
  };
  const fs = {
    readFileSync: (name: string, encoding?: string) => {
      const content = files[name];
      if (content === undefined) throw new Error(`example fs: no file ${name}`);
      return encoding === undefined && typeof content !== 'string'
        ? content
        : typeof content === 'string'
          ? content
          : Buffer.from(content).toString(encoding as BufferEncoding);
    },
    writeFileSync: () => {},
  };
  return {
    fs,
    alice,
    bob,
    dA: 17n,
    dB: 42n,
    d: 0x1234n,
    Q: alice.publicKey.point,
    P: math.G,
    x: fieldBytes(math.G.x),
    y: fieldBytes(math.G.y),
    r: 1n,
    s: 2n,
    a: Uint8Array.of(1),
    b: Uint8Array.of(2),
    c: Uint8Array.of(3),
    m1: Uint8Array.of(1),
    m2: Uint8Array.of(2),
    part1: Uint8Array.of(1),
    part2: Uint8Array.of(2),
    message,
    signature,
    receivedTag: root.hmac(sha256, aesKey, message),
    expectedTag: new Uint8Array(16),
    receivedTag16: new Uint8Array(16),
    nonce,
    aad: new Uint8Array(3),
    plaintext: message,
    forged: sealed.map((v, i) => (i === 0 ? v ^ 1 : v)),
    ikm: new Uint8Array(22).fill(0x0b),
    salt: hexToBytes('000102030405060708090a0b0c'),
    info: hexToBytes('f0f1f2f3f4f5f6f7f8f9'),
    prk: new Uint8Array(32).fill(7),
    text: JSON.stringify(alice.publicKey.toJwk()),
    pem: alice.publicKey.toPem(),
    peerBytes: bob.publicKey.toRaw(),
    other: bob.publicKey,
    length: 32,
    spkiDer: alice.publicKey.toDer(),
    sec1Point: alice.publicKey.toRaw(),
    derBytes: signature,
    block: hexToBytes('00112233445566778899aabbccddeeff'),
    alicePrivate: new Uint8Array(32).fill(5),
    bobPrivate: new Uint8Array(32).fill(6),
    toy: math.TOY,
    sha384,
    parsePrivateScalar, // internal (not exported): the examples of curve/ and ecdh/ use it
    // console.log/error of the examples print nothing into the test's output.
    console: { log: () => {}, error: () => {} },
  };
})();

function fieldBytes(value: bigint): Uint8Array {
  return root.bigIntToBytes(value, 32);
}

/** Per-file meanings of a name (an AES key in cipher/, a key object in keys/). */
function perFile(file: string): Record<string, unknown> {
  const aesKey = hexToBytes('000102030405060708090a0b0c0d0e0f');
  const w = expandKey(aesKey);
  const zeros = (n: number) => new Uint8Array(n);
  if (file === 'bytes/words.ts') return { out: zeros(8) };
  if (file === 'bytes/assert.ts') return { key: aesKey, n: math.P256.n };
  if (file === 'cipher/gcm.ts') return { key: aesKey, header: Uint8Array.of(23, 3, 3, 0, 21) };
  if (file === 'cipher/aes.ts')
    return { key: aesKey, w, out: new Int32Array(4), c0: 1, c1: 2, c2: 3, c3: 4 };
  if (file === 'cipher/gctr.ts')
    return { w, J0: Int32Array.of(0, 0, 0, 1), ciphertext: zeros(shared.plaintext.length) };
  if (file === 'cipher/ghash.ts') {
    const one = zeros(16);
    one[0] = 0x80;
    return {
      x: zeros(16).fill(3),
      one,
      H: zeros(16).fill(0x42),
      A: zeros(16), // the AAD and the ciphertext, each zero-padded to whole blocks (§6.4)
      C: zeros(32),
      lengths: zeros(16),
      X: zeros(48).fill(1),
      h0: 1,
      h1: 2,
      h2: 3,
      h3: 4,
      key: createGhashKey(Int32Array.of(1, 2, 3, 4), GHASH_TABLE_8BIT),
      Y: new Int32Array(4),
      c0: 1,
      c1: 2,
      c2: 3,
      c3: 4,
    };
  }
  if (file === 'curve/jacobian-formulas.ts') return { Gx: math.G.x, Gy: math.G.y };
  if (file === 'curve/encoding.ts') return { bytes: shared.alice.publicKey.toRaw() };
  if (file === 'curve/affine.ts') return { key: aesKey, p: math.P256.p };
  if (file === 'kdf/hkdf.ts') return { sharedSecret: zeros(32).fill(9) };
  if (file === 'ecdsa/rfc6979.ts')
    return { x: 0xc9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721n };
  if (file === 'keys/algorithm.ts' || file === 'keys/der.ts')
    return {
      ...der,
      der: shared.alice.publicKey.toDer(),
      d: zeros(32).fill(1),
      point: shared.alice.publicKey.toRaw(),
      prime256v1: der.oidFromString('1.2.840.10045.3.1.7'),
    };
  if (file === 'keys/pem.ts')
    return { text: shared.alice.publicKey.toPem() + shared.alice.toPem() };
  if (file === 'x25519/curve.ts' || file === 'x25519/field.ts') return { p: 2n ** 255n - 19n };
  if (file === 'ecdsa/ecdsa.ts') {
    const d = 0x1234n; // a signature by d, and its public key, for ecdsaVerify
    return {
      d,
      Q: math.publicPointFromScalar(d),
      ...math.ecdsaSign(d, sha256(utf8ToBytes('sample'))),
    };
  }
  if (file === 'ecdsa/reference.ts') {
    const { r, s } = math.ecdsaSignReference(72n, 101n, 19n, math.TOY); // the sign example's signature
    return { Q: math.scalarMultiply(101n, math.TOY.G, math.TOY), r, s };
  }
  if (file === 'playground/nonce-reuse.ts') {
    const one = math.ecdsaSignReference(72n, 17n, 100n, math.TOY);
    const two = math.ecdsaSignReference(150n, 17n, 100n, math.TOY);
    return { e1: 72n, e2: 150n, r: one.r, s1: one.s, s2: two.s };
  }
  if (file === 'x509/asn1.ts') {
    const attribute = (oid: string, value: string) =>
      der.derSequence(
        der.derObjectIdentifier(der.oidFromString(oid)),
        der.derElement(0x0c, utf8ToBytes(value)),
      );
    return { ...der, cn: attribute('2.5.4.3', 'Test CA'), o: attribute('2.5.4.10', 'Example') };
  }
  if (file.startsWith('x509/')) {
    const { rootKey, root: rootCertificate, inter, leaf, leafKey, csr } = pki();
    return {
      signer: signerOf(rootKey),
      root: rootCertificate,
      rootSigner: signerOf(rootKey),
      inter,
      leaf,
      leafKey,
      cert: leaf,
      ca: file === 'x509/csr.ts' ? rootCertificate : inter,
      issuerSigner: signerOf(rootKey),
      verifier: x509.DEFAULT_VERIFIER,
      csr,
      der: csr.toDer(),
      issuerKey: inter.publicKey,
      tbsCertificate: leaf.tbsCertificate(),
      signature: leaf.signatureValue(),
    };
  }
  if (file === 'keys/private-key.ts')
    return {
      key: shared.alice,
      a: shared.alice,
      text: JSON.stringify(shared.alice.toJwk()),
      k: zeros(32).fill(9),
    };
  if (file === 'keys/public-key.ts')
    return {
      key: shared.alice.publicKey,
      a: { publicKey: shared.alice.publicKey },
      u: zeros(32).fill(9),
    };
  // It would write key.pem into the working directory: the call is checked, not made.
  if (file === 'cli/atomic-file.ts') return { writeFileAtomically: () => {}, pem: '' };
  if (file === 'keys/x25519-formats.ts') {
    const x25519Key = PrivateKey.fromRaw(zeros(32).fill(9), { curve: 'X25519' });
    return {
      parseSpki: require('../src/keys/spki').parseSpki,
      der: x25519Key.publicKey.toDer(),
      u: x25519Key.publicKey.toRaw(),
      k: zeros(32).fill(9),
      text: JSON.stringify(x25519Key.publicKey.toJwk()),
    };
  }
  if (file === 'keys/pkcs8.ts')
    return {
      der: shared.alice.toDer('pkcs8'),
      Q: shared.alice.publicKey.toRaw(),
      d: new Uint8Array(32).fill(1),
    };
  if (file === 'keys/sec1.ts')
    return {
      der: shared.alice.toDer('sec1'),
      Q: shared.alice.publicKey.toRaw(),
      d: new Uint8Array(32).fill(1),
    };
  if (file === 'keys/spki.ts' || file === 'keys/der.ts')
    return { der: shared.alice.publicKey.toDer(), d: new Uint8Array(32).fill(1) };
  return { key: aesKey };
}

function scope(file: string): Record<string, unknown> {
  const own = require(path.join(SRC, file)) as Record<string, unknown>;
  return { ...root, ...math, ...noise, ...x509, ...own, ...shared, ...perFile(file) };
}

const cases = sourceFiles(SRC).flatMap((file) =>
  examplesOf(fs.readFileSync(file, 'utf8')).map((code): [string, string, string] => [
    path.relative(SRC, file),
    code.split('\n')[0].slice(0, 80),
    code,
  ]),
);

/** Each example's own values, where two examples of a file need different ones. */
function perExample(name: string): Record<string, unknown> {
  if (name === 'keys/x25519-formats.ts: const { privateKey } = parseX25519Pkcs8(der)')
    return { der: PrivateKey.fromRaw(new Uint8Array(32).fill(9), { curve: 'X25519' }).toDer() };
  return {};
}

const modules: Record<string, Record<string, unknown>> = {
  'ecdh-lab': root,
  'ecdh-lab/math': math,
  'ecdh-lab/noise': noise,
  'ecdh-lab/node': node,
  'ecdh-lab/x509': x509,
  'ecdh-lab/tls': tlsEntry,
};

describe('@example blocks in src/ (outside channel/ and tls/)', () => {
  it('finds them', () => expect(cases.length).toBeGreaterThan(200));
  let checked = 0;
  it.each(cases)('%s: %s', async (file, first, code) => {
    const name = `${file}: ${first}`;
    const handles = tcpHandles();
    const context = await contextFor(name, code);
    try {
      const bindings = { ...scope(file), ...perExample(name), ...context?.bindings };
      checked += (await runExample(code, bindings, modules)).checks;
      await context?.after?.();
    } finally {
      await context?.close();
    }
    // Everything the example and its context opened is closed again.
    for (let i = 0; i < 50 && tcpHandles() > handles; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(tcpHandles()).toBeLessThanOrEqual(handles);
  });
  it('checks the stated results of many of them', () => expect(checked).toBeGreaterThan(100));
});
