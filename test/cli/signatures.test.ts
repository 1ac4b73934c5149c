/**
 * `ecdh-lab sign` and `ecdh-lab verify` (src/cli/signatures.ts), run from the built bin
 * (dist/cjs/cli/main.js) as a user would. The peer is the openssl command line (OpenSSL 3):
 * `openssl dgst -sha256|-sha384|-sha512 -sign/-verify`, both directions, DER. P1363 (r ‖ s)
 * signatures, which openssl dgst does not write, are checked with node:crypto's
 * `verify({ dsaEncoding: 'ieee-p1363' })`. Under CI=true a missing openssl fails the run
 * (test/x509/peers.ts); elsewhere the openssl tests print why and do nothing.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { bytesToHex } from '../../src/bytes/index.js';
import { sha256 } from '../../src/hash/sha256.js';
import { sha384, sha512 } from '../../src/hash/sha512.js';
import { generatePrivateKey } from '../../src/keys/private-key.js';
import { openssl, opensslAvailable, TempDir } from '../x509/peers';
import { CLI } from './helpers';

/** Runs the CLI with optional stdin; stdout as bytes. */
function run(args: string[], input?: Uint8Array | string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const key = generatePrivateKey();
const message = new TextEncoder().encode('a message to sign\n'.repeat(10));
let dir: TempDir;
let keyFile: string;
let pubFile: string;
let messageFile: string;
beforeAll(() => {
  dir = new TempDir();
  keyFile = dir.write('key.pem', key.toPem('sec1')); // SEC1 "EC PRIVATE KEY", as openssl ecparam writes
  pubFile = dir.write('pub.pem', key.publicKey.toPem());
  messageFile = dir.write('message.txt', message);
});
afterAll(() => dir?.remove());

const HASHES = [
  ['sha256', sha256],
  ['sha384', sha384],
  ['sha512', sha512],
] as const;

describe('ecdh-lab sign / verify against openssl dgst', () => {
  it.each(HASHES)('-%s: openssl verifies ours, and we verify openssl’s (DER)', (name, hash) => {
    if (!opensslAvailable()) return;
    const ours = run(['sign', '--key', keyFile, '--hash', name, '--in', messageFile]);
    expect(ours.status).toBe(0);
    // RFC 6979: the library signs the same bytes.
    expect(bytesToHex(ours.stdout)).toBe(bytesToHex(key.sign(message, { hash })));
    const ourSignature = dir.write(`ours-${name}.sig`, ours.stdout);
    const checked = openssl(
      ['dgst', `-${name}`, '-verify', pubFile, '-signature', ourSignature, messageFile],
      dir.path,
    );
    expect({ status: checked.status, stdout: checked.stdout }).toEqual({
      status: 0,
      stdout: 'Verified OK\n',
    });

    const theirs = dir.file(`theirs-${name}.sig`);
    const signed = openssl(
      ['dgst', `-${name}`, '-sign', keyFile, '-out', theirs, messageFile],
      dir.path,
    );
    expect(signed.status).toBe(0);
    const verified = run([
      'verify',
      '--key',
      pubFile,
      '--signature',
      theirs,
      '--hash',
      name,
      '--in',
      messageFile,
    ]);
    expect({ status: verified.status, stdout: verified.stdout.toString() }).toEqual({
      status: 0,
      stdout: 'Verified OK\n',
    });
  });

  it('a changed message or signature: "Verification failure", exit 1 (as openssl says)', () => {
    const signature = dir.write('tamper.sig', key.sign(message));
    const other = dir.write('other.txt', 'another message\n');
    const verify = (sig: string, msg: string) =>
      run(['verify', '--key', pubFile, '--signature', sig, '--in', msg]);
    expect(verify(signature, messageFile).status).toBe(0);
    const flipped = key.sign(message);
    flipped[flipped.length - 1] ^= 1;
    const garbage = dir.write('garbage.sig', 'not a signature at all');
    for (const [sig, msg] of [
      [signature, other],
      [dir.write('flipped.sig', flipped), messageFile],
      [garbage, messageFile],
    ]) {
      const r = verify(sig, msg);
      expect({ status: r.status, stdout: r.stdout.toString(), stderr: r.stderr }).toEqual({
        status: 1,
        stdout: 'Verification failure\n',
        stderr: '',
      });
    }
    if (!opensslAvailable()) return;
    const r = openssl(
      ['dgst', '-sha256', '-verify', pubFile, '-signature', signature, other],
      dir.path,
    );
    expect({ status: r.status, stdout: r.stdout }).toEqual({
      status: 1,
      stdout: 'Verification failure\n',
    });
  });
});

describe('ecdh-lab sign / verify', () => {
  it('--format p1363: 64 bytes r ‖ s that node:crypto accepts; round trips; not DER', () => {
    for (const [name, hash] of HASHES) {
      const r = run(['sign', '--key', keyFile, '--format', 'p1363', '--hash', name], message);
      expect(r.status).toBe(0);
      expect(r.stdout.length).toBe(64);
      expect(bytesToHex(r.stdout)).toBe(bytesToHex(key.sign(message, { hash, format: 'p1363' })));
      const nodeKey = crypto.createPublicKey(key.publicKey.toPem());
      expect(
        crypto.verify(name, message, { key: nodeKey, dsaEncoding: 'ieee-p1363' }, r.stdout),
      ).toBe(true);
      const file = dir.write(`p1363-${name}.sig`, r.stdout);
      const args = ['verify', '--key', pubFile, '--signature', file, '--hash', name];
      expect(run([...args, '--format', 'p1363'], message).stdout.toString()).toBe('Verified OK\n');
      expect(run(args, message).status).toBe(1); // read as DER: malformed, so invalid
    }
  });

  it('--hex writes the same signature in hex; verify --hex reads it', () => {
    const raw = run(['sign', '--key', keyFile, '--in', messageFile]);
    const hex = run(['sign', '--key', keyFile, '--in', messageFile, '--hex']);
    expect(hex.stdout.toString()).toBe(`${bytesToHex(raw.stdout)}\n`);
    const file = dir.write('hex.sig', hex.stdout);
    const args = ['verify', '--key', pubFile, '--signature', file, '--in', messageFile];
    expect(run([...args, '--hex']).stdout.toString()).toBe('Verified OK\n');
    const notHex = run(['verify', '--key', pubFile, '--signature', messageFile, '--hex'], message);
    expect(notHex.status).toBe(1);
    expect(notHex.stderr).toMatch(/^ecdh-lab verify: .* is not hex/);
  });

  it('reads the message from stdin without --in, or with --in -', () => {
    const fromFile = run(['sign', '--key', keyFile, '--in', messageFile]).stdout;
    const fromStdin = run(['sign', '--key', keyFile], message);
    const dash = run(['sign', '--key', keyFile, '--in', '-'], message);
    expect(fromStdin.status).toBe(0);
    expect(bytesToHex(fromStdin.stdout)).toBe(bytesToHex(fromFile));
    expect(bytesToHex(dash.stdout)).toBe(bytesToHex(fromFile));
    const file = dir.write('stdin.sig', fromFile);
    expect(run(['verify', '--key', pubFile, '--signature', file], message).stdout.toString()).toBe(
      'Verified OK\n',
    );
    expect(run(['verify', '--key', pubFile, '--signature', file], 'other').status).toBe(1);
  });

  it('usage mistakes exit 2 with one line; unreadable or wrong files exit 1', () => {
    const usage: [string[], RegExp][] = [
      [['sign'], /^ecdh-lab sign: --key PRIVATE\.pem is required$/],
      [['sign', '--key', keyFile, '--hash', 'md5'], /^ecdh-lab sign: --hash must be one of/],
      [['sign', '--key', keyFile, '--format', 'raw'], /^ecdh-lab sign: --format must be one of/],
      [['sign', '--key', '-'], /^ecdh-lab sign: --key needs a file/],
      [['verify', '--key', pubFile], /^ecdh-lab verify: --signature FILE is required$/],
      [['verify', '--signature', 'x'], /^ecdh-lab verify: --key PUBLIC\.pem is required$/],
      [['sign', '--key', keyFile, 'extra'], /^ecdh-lab sign: unexpected argument 'extra'$/],
    ];
    for (const [args, line] of usage) {
      const r = run(args, message);
      const lines = r.stderr.split('\n');
      expect({ args, status: r.status, lines: lines.length, stdout: r.stdout.length }).toEqual({
        args,
        status: 2,
        lines: 3,
        stdout: 0,
      });
      expect(lines[0]).toMatch(line);
    }
    const missing = run(['sign', '--key', dir.file('absent.pem')], message);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^ecdh-lab sign: cannot read private key \(PEM\) .*absent\.pem \(ENOENT\)\n$/,
    );
    const publicAsPrivate = run(['sign', '--key', pubFile], message);
    expect(publicAsPrivate.status).toBe(1);
    expect(publicAsPrivate.stderr).toMatch(/is not a valid private key/);
    expect(publicAsPrivate.stderr).not.toMatch(/-----BEGIN/);
  });
});
