/**
 * The key commands of the CLI (src/cli/keygen.ts, pubkey.ts, derive.ts), run from the
 * built bin (dist/cjs/cli/main.js) as a user would. Reference values: the library itself
 * and node:crypto (hkdfSync for RFC 5869 HKDF-SHA256).
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesToHex } from '../../src/bytes/index.js';
import { generatePrivateKey, PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-cli-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, contents?: string) => {
  const full = path.join(dir, name);
  if (contents !== undefined) fs.writeFileSync(full, contents);
  return full;
};

describe('ecdh-lab keygen', () => {
  it('writes a PKCS#8 PEM private key to stdout', () => {
    const r = run('keygen');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(PrivateKey.fromPem(r.stdout).toPem()).toBe(r.stdout);
  });
  it('--out creates the file with mode 0600 and refuses to overwrite it without --force', () => {
    const out = file('key.pem');
    let r = run('keygen', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const first = fs.readFileSync(out, 'utf8');
    PrivateKey.fromPem(first);
    r = run('keygen', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already exists; use --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe(first);
    fs.chmodSync(out, 0o644);
    r = run('keygen', '--out', out, '--force');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).not.toBe(first);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600); // an overwritten file is made private too
  });
  it('--out DIR says that it is a directory', () => {
    const r = run('keygen', '--out', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `ecdh-lab keygen: ${dir} is a directory; give the name of the file to create, e.g. ${path.join(dir, 'key.pem')}\n`,
    );
    expect(run('keygen', '--out', dir, '--force').stderr).toMatch(/is a directory/);
  });
  it('--help explains it; an unknown option exits 2', () => {
    expect(run('keygen', '--help').stdout).toMatch(
      /usage: ecdh-lab keygen \[--curve p256\|x25519\] \[--out FILE\]/,
    );
    expect(run('keygen', '--bogus').status).toBe(2);
    expect(run('keygen', '--force').stderr).toMatch(
      /^ecdh-lab keygen: --force is not used without --out\n/,
    );
  });
});

describe('ecdh-lab keygen --out writes atomically (new 0600 file, fsync, rename)', () => {
  // Each case in its own directory, so leftovers (a temporary file) would be seen.
  let n = 0;
  const fresh = () => fs.mkdtempSync(path.join(dir, `atomic-${n++}-`));
  const oldKey = generatePrivateKey().toPem();
  const names = (d: string) => fs.readdirSync(d).sort();

  it('refuses a symbolic link, with or without --force, and leaves its target untouched', () => {
    const d = fresh();
    const victim = path.join(d, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const link = path.join(d, 'key.pem');
    fs.symlinkSync(victim, link);
    for (const flags of [['--force'], []]) {
      const r = run('keygen', '--out', link, ...flags);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `ecdh-lab keygen: ${link} is a symbolic link; refusing to write to it (give a new file name)\n`,
      );
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(names(d)).toEqual(['key.pem', 'victim.txt']);
  });
  it('refuses a dangling symbolic link without creating the file it points to', () => {
    const d = fresh();
    const link = path.join(d, 'key.pem');
    fs.symlinkSync(path.join(d, 'elsewhere.pem'), link);
    const r = run('keygen', '--out', link, '--force');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is a symbolic link/);
    expect(names(d)).toEqual(['key.pem']);
  });
  it('does not write through a hard link: the other name keeps the old key', () => {
    const d = fresh();
    const out = path.join(d, 'key.pem');
    const other = path.join(d, 'backup.pem');
    fs.writeFileSync(out, oldKey, { mode: 0o600 });
    fs.linkSync(out, other);
    const r = run('keygen', '--out', out, '--force');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(other, 'utf8')).toBe(oldKey);
    const written = fs.readFileSync(out, 'utf8');
    expect(written).not.toBe(oldKey);
    PrivateKey.fromPem(written);
    expect(fs.statSync(out).nlink).toBe(1);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(names(d)).toEqual(['backup.pem', 'key.pem']);
  });
  it('refuses a FIFO at once instead of hanging on it', () => {
    const d = fresh();
    const fifo = path.join(d, 'key.pem');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const flags of [['--force'], []]) {
      const r = run('keygen', '--out', fifo, ...flags);
      expect(r.error).toBeUndefined(); // not killed by the 30 s timeout
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/key\.pem is a FIFO; refusing to write to it/);
    }
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });
  it('refuses a directory, with --force too, and leaves it alone', () => {
    const d = fresh();
    const target = path.join(d, 'keys');
    fs.mkdirSync(target);
    const r = run('keygen', '--out', target, '--force');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/keys is a directory; give the name of the file to create/);
    expect(names(target)).toEqual([]);
  });
  it('creates mode 0600 whatever the umask, and leaves no temporary file behind', () => {
    const d = fresh();
    const out = path.join(d, 'key.pem');
    const r = spawnSync(
      'sh',
      ['-c', 'umask 000; exec "$0" "$@"', process.execPath, CLI, 'keygen', '--out', out],
      {
        encoding: 'utf8',
        timeout: 30000,
      },
    );
    expect(r.status).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(names(d)).toEqual(['key.pem']);
  });
  it('keeps the old key when the write fails (file size limit 0: EFBIG)', () => {
    const d = fresh();
    const out = path.join(d, 'key.pem');
    fs.writeFileSync(out, oldKey, { mode: 0o600 });
    // POSIX setrlimit(RLIMIT_FSIZE): no write may grow a file; stdout and stderr are pipes.
    const r = spawnSync(
      'sh',
      [
        '-c',
        'ulimit -f 0; exec "$0" "$@"',
        process.execPath,
        CLI,
        'keygen',
        '--out',
        out,
        '--force',
      ],
      { encoding: 'utf8', timeout: 30000 },
    );
    expect(r.status).not.toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(oldKey);
    if (r.status === 1) {
      expect(r.stderr).toMatch(new RegExp(`^ecdh-lab keygen: cannot write ${out} \\(EFBIG\\)\n$`));
      expect(names(d)).toEqual(['key.pem']); // the temporary file was removed
    }
  });
  it('cert new --out refuses a symbolic link too', () => {
    const d = fresh();
    const keyFile = path.join(d, 'ca.key');
    fs.writeFileSync(keyFile, oldKey);
    const victim = path.join(d, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const link = path.join(d, 'ca.crt');
    fs.symlinkSync(victim, link);
    const r = run(
      'cert',
      'new',
      '--key',
      keyFile,
      '--subject',
      'CN=Test',
      '--ca',
      '--out',
      link,
      '--force',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ca\.crt is a symbolic link; refusing to write to it/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
  });
});

describe('ecdh-lab pubkey', () => {
  const key = generatePrivateKey();
  it('prints the SPKI PEM of a PKCS#8 or SEC1 key file', () => {
    for (const [name, text] of [
      ['p8.pem', key.toPem()],
      ['sec1.pem', key.toPem('sec1')],
    ]) {
      const r = run('pubkey', '--in', file(name, text));
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(key.publicKey.toPem());
    }
  });
  it('bad files: clear message, exit 1, no key material', () => {
    const missing = run('pubkey', '--in', file('missing.pem'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.pem \(ENOENT\)/);
    const publicInstead = run('pubkey', '--in', file('pub.pem', key.publicKey.toPem()));
    expect(publicInstead.status).toBe(1);
    expect(publicInstead.stderr).toMatch(
      /is not a valid private key \(PEM\): pem: expected a "PRIVATE KEY" or "EC PRIVATE KEY" block, found "PUBLIC KEY"/,
    );
    const corrupt = key.toPem().replace(/\n(.)/, '\n!');
    const r = run('pubkey', '--in', file('corrupt.pem', corrupt));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not valid base64/);
    for (const text of [r.stderr, publicInstead.stderr]) {
      expect(text).not.toContain(bytesToHex(key.toRaw()));
      expect(text).not.toContain(key.toPem().split('\n')[1].slice(4, 20));
    }
  });
  it('reads the key from stdin without --in or with --in -, so keygen | pubkey works', () => {
    const pem = run('keygen').stdout;
    const expected = PrivateKey.fromPem(pem).publicKey.toPem();
    for (const args of [[], ['--in', '-']]) {
      const r = spawnSync(process.execPath, [CLI, 'pubkey', ...args], {
        input: pem,
        encoding: 'utf8',
      });
      expect({ args, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        args,
        status: 0,
        stdout: expected,
        stderr: '',
      });
    }
    const piped = spawnSync(
      'bash',
      ['-c', `'${process.execPath}' '${CLI}' keygen | '${process.execPath}' '${CLI}' pubkey`],
      {
        encoding: 'utf8',
      },
    );
    expect(piped.status).toBe(0);
    expect(PublicKey.fromPem(piped.stdout)).toBeInstanceOf(PublicKey);
    const empty = spawnSync(process.execPath, [CLI, 'pubkey'], { input: '', encoding: 'utf8' });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^ecdh-lab pubkey: stdin is not a valid private key \(PEM\)/);
  });
});

describe('ecdh-lab derive', () => {
  const a = generatePrivateKey();
  const b = generatePrivateKey();
  let aFile: string;
  let bPublicFile: string;
  beforeAll(() => {
    aFile = file('a.pem', a.toPem());
    bPublicFile = file('b-pub.pem', b.publicKey.toPem());
  });
  it('prints the shared secret x(d·Q) in hex, the same from both sides', () => {
    const r = run('derive', '--key', aFile, '--peer', bPublicFile);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(bytesToHex(a.exchange(b.publicKey)) + '\n');
    const back = run(
      'derive',
      '--key',
      file('b.pem', b.toPem('sec1')),
      '--peer',
      file('a-pub.pem', a.publicKey.toPem()),
    );
    expect(back.stdout).toBe(r.stdout);
  });
  it('--hkdf derives HKDF-SHA256 like node:crypto hkdfSync (defaults, and with --salt/--info/--length)', () => {
    const z = a.exchange(b.publicKey);
    const plain = run('derive', '--key', aFile, '--peer', bPublicFile, '--hkdf');
    expect(plain.status).toBe(0);
    expect(plain.stdout.trim()).toBe(
      Buffer.from(crypto.hkdfSync('sha256', z, new Uint8Array(0), new Uint8Array(0), 32)).toString(
        'hex',
      ),
    );
    const full = run(
      'derive',
      '--key',
      aFile,
      '--peer',
      bPublicFile,
      '--hkdf',
      '--salt',
      '000102ff',
      '--info',
      'ecdh-lab v1 ✓',
      '--length',
      '42',
    );
    expect(full.status).toBe(0);
    expect(full.stdout.trim()).toBe(
      Buffer.from(
        crypto.hkdfSync(
          'sha256',
          z,
          Buffer.from('000102ff', 'hex'),
          Buffer.from('ecdh-lab v1 ✓', 'utf8'),
          42,
        ),
      ).toString('hex'),
    );
    // --info-hex gives the same bytes as --info, and hex may carry a 0x prefix everywhere.
    const hex = run(
      'derive',
      '--key',
      aFile,
      '--peer',
      bPublicFile,
      '--hkdf',
      '--salt',
      '0x000102ff',
      '--info-hex',
      `0x${Buffer.from('ecdh-lab v1 ✓', 'utf8').toString('hex')}`,
      '--length',
      '42',
    );
    expect(hex.stdout).toBe(full.stdout);
  });
  it('usage errors exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--key', aFile], /--key FILE and --peer FILE are required/],
      [['--key', aFile, '--peer', bPublicFile, '--salt', '00'], /--salt needs --hkdf/],
      [['--key', aFile, '--peer', bPublicFile, '--hkdf', '--salt', 'xyz'], /--salt must be hex/],
      [['--key', aFile, '--peer', bPublicFile, '--info-hex', '00'], /--info-hex needs --hkdf/],
      [
        ['--key', aFile, '--peer', bPublicFile, '--hkdf', '--info', 'a', '--info-hex', '00'],
        /give --info or --info-hex, not both/,
      ],
      [
        ['--key', aFile, '--peer', bPublicFile, '--hkdf', '--length', '0'],
        /--length must be an integer from 1 to 8160/,
      ],
      [['--key', aFile, '--peer', bPublicFile, '--hkdf', '--length', '8161'], /--length must be/],
      [['--key', aFile, '--peer', bPublicFile, '--hkdf', '--length', '3.5'], /--length must be/],
    ];
    for (const [args, message] of cases) {
      const r = run('derive', ...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
    }
  });
  it('bad key files exit 1 with a clear message: swapped roles, off-curve peer, not PEM', () => {
    const swapped = run('derive', '--key', bPublicFile, '--peer', aFile);
    expect(swapped.status).toBe(1);
    expect(swapped.stderr).toMatch(/b-pub\.pem is not a valid private key/);
    const peerIsPrivate = run('derive', '--key', aFile, '--peer', aFile);
    expect(peerIsPrivate.status).toBe(1);
    expect(peerIsPrivate.stderr).toMatch(
      /a\.pem is not a valid public key \(PEM\): pem: expected a "PUBLIC KEY" block, found "PRIVATE KEY"/,
    );
    const der = b.publicKey.toDer();
    der[der.length - 1] ^= 1; // the point leaves the curve
    const offCurve = run(
      'derive',
      '--key',
      aFile,
      '--peer',
      file(
        'off.pem',
        `-----BEGIN PUBLIC KEY-----\n${Buffer.from(der).toString('base64')}\n-----END PUBLIC KEY-----\n`,
      ),
    );
    expect(offCurve.status).toBe(1);
    expect(offCurve.stderr).toMatch(/not on the curve/);
    const garbage = run('derive', '--key', file('garbage.pem', 'hello\n'), '--peer', bPublicFile);
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toMatch(/unexpected text outside a BEGIN\/END block/);
    for (const r of [swapped, peerIsPrivate, offCurve, garbage])
      expect(r.stderr).not.toContain(bytesToHex(a.toRaw()));
  });
  it('the peer may be a compressed-point SPKI', () => {
    const compressed = file(
      'b-compressed.pem',
      `-----BEGIN PUBLIC KEY-----\n${Buffer.from(PublicKey.fromRaw(b.publicKey.toRaw({ compressed: true })).toDer()).toString('base64')}\n-----END PUBLIC KEY-----\n`,
    );
    expect(run('derive', '--key', aFile, '--peer', compressed).stdout).toBe(
      bytesToHex(a.exchange(b.publicKey)) + '\n',
    );
  });
});
