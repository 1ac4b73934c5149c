/**
 * X25519 on the CLI, run from the built bin (dist/cjs/cli/main.js): `keygen --curve x25519`,
 * `pubkey` and `derive` on X25519 files against OpenSSL (`openssl genpkey -algorithm X25519`,
 * `openssl pkey -pubout`, `openssl pkeyutl -derive`, both ways), the refusals (curves mixed, an
 * all-zero secret, signing with X25519), `serve`/`connect --curve x25519` for nn, nk and xx,
 * and `explain ladder --curve x25519` (RFC 7748 §6.1's Alice: her published public key).
 *
 * The OpenSSL tests run whenever `openssl` is on PATH; under CI=true a missing openssl fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { CLI, connect, serve, stop } from './helpers';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60000 });
const openssl = (...args: string[]) => {
  const r = spawnSync('openssl', args, { timeout: 30000 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const haveOpenssl = spawnSync('openssl', ['version']).status === 0;
function opensslAvailable(): boolean {
  if (haveOpenssl) return true;
  if (process.env.CI === 'true') throw new Error('openssl is not on PATH, and CI=true needs it');
  console.warn('X25519 CLI interop with openssl did nothing: openssl is not on PATH');
  return false;
}

let dir: string;
const file = (name: string, contents?: string) => {
  const full = path.join(dir, name);
  if (contents !== undefined) fs.writeFileSync(full, contents);
  return full;
};
beforeAll(() => {
  expect(fs.existsSync(CLI)).toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-x25519-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('keygen --curve, pubkey and derive on X25519 files', () => {
  it('keygen --curve x25519 writes an RFC 8410 PKCS#8 key (mode 0600) that OpenSSL reads back unchanged', () => {
    const r = run('keygen', '--curve', 'x25519');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEI/);
    const key = PrivateKey.fromPem(r.stdout);
    expect(key.curve).toBe('X25519');
    const out = file('k.pem');
    expect(run('keygen', '--curve', 'x25519', '--out', out).stderr).toMatch(
      /wrote an X25519 private key/,
    );
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(PrivateKey.fromPem(run('keygen', '--curve', 'p256').stdout).curve).toBe('P-256');
    if (!opensslAvailable()) return;
    expect(openssl('pkey', '-in', out).toString()).toBe(fs.readFileSync(out, 'utf8'));
  });

  it('pubkey prints what `openssl pkey -pubout` prints, for OpenSSL keys and ours', () => {
    if (!opensslAvailable()) return;
    const theirs = file('openssl-x.pem');
    openssl('genpkey', '-algorithm', 'X25519', '-out', theirs);
    const ours = file('ours-x.pem', run('keygen', '--curve', 'x25519').stdout);
    for (const keyFile of [theirs, ours]) {
      const r = run('pubkey', '--in', keyFile);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(openssl('pkey', '-in', keyFile, '-pubout').toString());
    }
  });

  it('derive matches `openssl pkeyutl -derive`, both ways', () => {
    if (!opensslAvailable()) return;
    for (let i = 0; i < 3; i++) {
      const a = file(`a${i}.pem`);
      openssl('genpkey', '-algorithm', 'X25519', '-out', a);
      const b = file(`b${i}.pem`, run('keygen', '--curve', 'x25519').stdout);
      const aPub = file(`a${i}-pub.pem`, openssl('pkey', '-in', a, '-pubout').toString());
      const bPub = file(`b${i}-pub.pem`, run('pubkey', '--in', b).stdout);
      const expected = openssl('pkeyutl', '-derive', '-inkey', a, '-peerkey', bPub).toString('hex');
      expect(openssl('pkeyutl', '-derive', '-inkey', b, '-peerkey', aPub).toString('hex')).toBe(
        expected,
      );
      for (const [key, peer] of [
        [a, bPub],
        [b, aPub],
      ]) {
        const r = run('derive', '--key', key, '--peer', peer);
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(`${expected}\n`);
      }
    }
  });

  it('derive refuses keys of two curves and an all-zero secret, with exit 1', () => {
    const x = file('x.pem', PrivateKey.generate({ curve: 'X25519' }).toPem());
    const p = PrivateKey.generate();
    const pPub = file('p-pub.pem', p.publicKey.toPem());
    let r = run('derive', '--key', x, '--peer', pPub);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^ecdh-lab derive: .*this key is X25519 but the peer's key is P-256\n$/,
    );
    const zero = file(
      'zero-pub.pem',
      PublicKey.fromRaw(new Uint8Array(32), { curve: 'X25519' }).toPem(),
    );
    r = run('derive', '--key', x, '--peer', zero);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/all zeros/);
  });

  it('sign and verify refuse X25519 keys; keygen refuses an unknown curve', () => {
    const x = PrivateKey.generate({ curve: 'X25519' });
    const xFile = file('sx.pem', x.toPem());
    let r = run('sign', '--key', xFile, '--in', xFile, '--hex');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `ecdh-lab sign: ${xFile} is an X25519 key; signing (ECDSA) needs a P-256 key\n`,
    );
    const sig = file('s.sig', '00');
    const xPub = file('sx-pub.pem', x.publicKey.toPem());
    r = run('verify', '--key', xPub, '--signature', sig, '--in', xFile);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is an X25519 key; ECDSA verification needs a P-256 key/);
    r = run('keygen', '--curve', 'ed25519');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--curve must be one of p256, x25519/);
  });
});

describe('serve / connect --curve x25519', () => {
  beforeAll(() => {
    for (const name of ['server', 'client']) {
      const key = PrivateKey.generate({ curve: 'X25519' });
      file(`${name}-x.pem`, key.toPem());
      file(`${name}-x-pub.pem`, key.publicKey.toPem());
    }
  });
  const X = (a: string) => (a.endsWith('.pem') ? file(a) : a);

  it.each([
    ['nn', [], []],
    ['nk', ['--key', 'server-x.pem'], ['--server-key', 'server-x-pub.pem']],
    [
      'xx',
      ['--key', 'server-x.pem', '--allow', 'client-x-pub.pem'],
      ['--key', 'client-x.pem', '--server-key', 'server-x-pub.pem'],
    ],
  ])('--protocol %s --curve x25519 echoes stdin', async (protocol, serverArgs, clientArgs) => {
    const server = await serve('--protocol', protocol, '--curve', 'x25519', ...serverArgs.map(X));
    const result = await connect(
      server.port,
      'hello\nsecond ✓\n',
      '--protocol',
      protocol,
      '--curve',
      'x25519',
      ...clientArgs.map(X),
    );
    expect(result).toEqual({ code: 0, stdout: 'hello\nsecond ✓\n', stderr: '' });
    expect(await stop(server)).toBe(0);
    expect(server.stderr()).toBe('');
  });

  it('a p256 client (the default) fails against an x25519 server, and is told to check --curve', async () => {
    const server = await serve('--protocol', 'nn', '--curve', 'x25519');
    const result = await connect(server.port, 'hi\n', '--protocol', 'nn');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/check that the server uses --protocol nn --curve p256/);
    expect(await stop(server)).toBe(0);
  });

  it('refuses key files of the other curve (exit 1) and the tutorial over x25519 (exit 2)', () => {
    let r = run('serve', '--protocol', 'nk', '--port', '0', '--key', file('server-x.pem'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /is an X25519 key, but --curve is p256 \(the default\): use --curve x25519/,
    );
    r = run('connect', '--protocol', 'nk', '--curve', 'x25519', '--server-key', file('p-pub.pem'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is a P-256 key, but --curve is x25519: use --curve p256/);
    r = run('serve', '--protocol', 'tutorial', '--curve', 'x25519', '--port', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/tutorial is P-256 only/);
  });
});

describe('explain ladder --curve x25519', () => {
  it("traces RFC 7748 §6.1's Alice to her public key, with every cswap and the invariant", () => {
    const r = run('explain', 'ladder', '--curve', 'x25519', '--full', '2');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^X25519 ladder \(RFC 7748 §5\)/);
    expect(out).toContain('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(out).toContain('invariant R1 − R0 = P held at 255 of 255 steps');
    expect(out).toMatch(/agrees with x25519Ladder .*: yes/);
    expect(out.match(/^step \d+ /gm)).toHaveLength(2);
    const swapRows = [...out.matchAll(/^ {17}cswap ([01]+)$/gm)].map((m) => m[1]).join('');
    const bitRows = [...out.matchAll(/ k_t {3}([01]+)$/gm)].map((m) => m[1]).join('');
    expect(swapRows).toHaveLength(255);
    expect(bitRows).toHaveLength(255);
    // Each cswap bit is the previous key bit XOR this one (the first: 0 XOR k_254).
    for (let i = 0; i < 255; i++)
      expect(Number(swapRows[i])).toBe((i === 0 ? 0 : Number(bitRows[i - 1])) ^ Number(bitRows[i]));
  });

  it('--json gives every step; a scalar of 2^256 or more is a usage error', () => {
    const r = run('explain', 'ladder', '--curve', 'x25519', '--scalar', '13', '--json');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.steps).toHaveLength(255);
    expect(data.check.equal).toBe(true);
    expect(data.steps.every((s: { invariantHolds: boolean }) => s.invariantHolds)).toBe(true);
    const big = run('explain', 'ladder', '--curve', 'x25519', '--scalar', `0x1${'0'.repeat(64)}`);
    expect(big.status).toBe(2);
  });
});
