/**
 * ECDSA P-256 interop with software no one here wrote, both directions:
 *   - the openssl command line (OpenSSL 3): `openssl dgst -sha256|-sha384|-sha512 -sign KEY`
 *     signatures (DER, random k) verify with PublicKey.verify, and PrivateKey.sign signatures
 *     pass `openssl dgst … -verify PUB -signature SIG` ("Verified OK"); a changed message or
 *     signature fails on both sides;
 *   - python3's `cryptography` with deterministic_signing=True (its own RFC 6979): the same
 *     key and message give byte-identical DER signatures, and each side verifies the other's.
 *
 * Keys go through files in both formats (PKCS#8 and SEC1 from us; `openssl genpkey` from
 * OpenSSL). Under CI=true a missing openssl or python3 fails the run; elsewhere each test
 * prints why it did nothing and returns.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../../src/bytes';
import type { HashFunction } from '../../src/hash/hash';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { generatePrivateKey, PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';

const opensslProbe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const pythonProbe = spawnSync(
  'python3',
  ['-c', 'from cryptography.hazmat.primitives.asymmetric import ec; print("ok")'],
  { encoding: 'utf8' },
);

/** True when the peer is here; fails under CI=true when it is missing. */
function available(ok: boolean, what: string): boolean {
  if (ok) return true;
  const reason = `ECDSA interop tests with ${what} did nothing: it is not available`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires them to run`);
  console.warn(reason);
  return false;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-ecdsa-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, contents?: string | Uint8Array): string {
  const full = path.join(dir, name);
  if (contents !== undefined) fs.writeFileSync(full, contents, { mode: 0o600 });
  return full;
}

function run(command: string, args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 30000 });
  return { status: result.status, stdout: `${result.stdout}${result.stderr}` };
}

const HASHES: [string, HashFunction][] = [
  ['sha256', sha256],
  ['sha384', sha384],
  ['sha512', sha512],
];

describe(`openssl dgst interop (${opensslProbe.status === 0 ? opensslProbe.stdout.trim() : 'openssl not found'})`, () => {
  it.each(HASHES)('-%s: openssl signs, we verify; we sign, openssl verifies', (name, hash) => {
    if (!available(opensslProbe.status === 0, 'openssl')) return;
    const message = utf8ToBytes(`a message to sign with ${name}\n`.repeat(20));
    const messageFile = file(`message-${name}.txt`, message);

    // OpenSSL's key (PKCS#8 from genpkey), OpenSSL's signature → our verify
    const keyFile = file(`openssl-${name}.pem`);
    expect(
      run('openssl', [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        keyFile,
      ]).status,
    ).toBe(0);
    const theirKey = PrivateKey.fromPem(fs.readFileSync(keyFile, 'utf8'));
    const theirSigFile = file(`openssl-${name}.sig`);
    expect(
      run('openssl', ['dgst', `-${name}`, '-sign', keyFile, '-out', theirSigFile, messageFile])
        .status,
    ).toBe(0);
    const theirSignature = new Uint8Array(fs.readFileSync(theirSigFile));
    expect(theirKey.publicKey.verify(message, theirSignature, { hash })).toBe(true);
    expect(
      theirKey.publicKey.verify(utf8ToBytes('another message'), theirSignature, { hash }),
    ).toBe(false);

    // our key (SEC1 and PKCS#8 files), our signature → openssl dgst -verify
    const ours = generatePrivateKey();
    const publicFile = file(`ours-${name}.pub.pem`, ours.publicKey.toPem());
    const signature = ours.sign(message, { hash });
    const sigFile = file(`ours-${name}.sig`, signature);
    const verified = run('openssl', [
      'dgst',
      `-${name}`,
      '-verify',
      publicFile,
      '-signature',
      sigFile,
      messageFile,
    ]);
    expect(verified.stdout.trim()).toBe('Verified OK');
    expect(verified.status).toBe(0);
    // openssl can also sign with our key files, and we verify that
    for (const [label, pem] of [
      ['pkcs8', ours.toPem()],
      ['sec1', ours.toPem('sec1')],
    ] as const) {
      const ourKeyFile = file(`ours-${name}-${label}.pem`, pem);
      const outFile = file(`ours-${name}-${label}.sig`);
      expect(
        run('openssl', ['dgst', `-${name}`, '-sign', ourKeyFile, '-out', outFile, messageFile])
          .status,
      ).toBe(0);
      expect(
        ours.publicKey.verify(message, new Uint8Array(fs.readFileSync(outFile)), { hash }),
      ).toBe(true);
    }
    // a changed signature fails in openssl too
    const bad = signature.slice();
    bad[bad.length - 1] ^= 1;
    const badFile = file(`ours-${name}-bad.sig`, bad);
    const refused = run('openssl', [
      'dgst',
      `-${name}`,
      '-verify',
      publicFile,
      '-signature',
      badFile,
      messageFile,
    ]);
    expect(refused.stdout).toMatch(/Verification failure/);
    expect(refused.status).not.toBe(0);
  });
});

// Reads "KEY_HEX HASH MESSAGE_HEX(- when empty) OUR_SIGNATURE_HEX" lines; prints "SIGNATURE_HEX valid|invalid".
const PYTHON = `
import sys
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes
from cryptography.exceptions import InvalidSignature
H = {'sha256': hashes.SHA256(), 'sha384': hashes.SHA384(), 'sha512': hashes.SHA512()}
for line in sys.stdin:
    key_hex, hash_name, message_hex, our_sig_hex = line.split()
    key = ec.derive_private_key(int(key_hex, 16), ec.SECP256R1())
    message = b'' if message_hex == '-' else bytes.fromhex(message_hex)
    signature = key.sign(message, ec.ECDSA(H[hash_name], deterministic_signing=True))
    try:
        key.public_key().verify(bytes.fromhex(our_sig_hex), message, ec.ECDSA(H[hash_name]))
        ours = 'valid'
    except InvalidSignature:
        ours = 'invalid'
    print(signature.hex(), ours)
`;

describe('python3 cryptography (deterministic_signing=True: an independent RFC 6979)', () => {
  it('byte-identical deterministic signatures for SHA-256/384/512, each side verifies the other', () => {
    if (!available(pythonProbe.status === 0, 'python3 cryptography')) return;
    const cases = HASHES.flatMap(([name, hash]) =>
      [0, 1, 2, 3].map((i) => {
        const key = generatePrivateKey();
        const message = utf8ToBytes(`message ${i} `.repeat(i * 7)); // the first one is empty
        return { name, hash, key, message, ours: key.sign(message, { hash }) };
      }),
    );
    const input = cases
      .map(
        (c) =>
          `${bytesToHex(c.key.toRaw())} ${c.name} ${bytesToHex(c.message) || '-'} ${bytesToHex(c.ours)}`,
      )
      .join('\n');
    const result = spawnSync('python3', ['-c', PYTHON], {
      input,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(cases.length);
    lines.forEach((line, i) => {
      const { hash, key, message, ours } = cases[i];
      const [theirs, verdict] = line.split(' ');
      expect(verdict).toBe('valid');
      expect(theirs).toBe(bytesToHex(ours));
      const publicKey = PublicKey.fromRaw(key.publicKey.toRaw());
      expect(publicKey.verify(message, hexToBytes(theirs), { hash })).toBe(true);
    });
  });
});
