/**
 * `ecdh-lab explain` through the built CLI (dist/cjs/cli/main.js), with fixed inputs; the
 * values shown are recomputed here (toy oracle, node:crypto), not taken from src/.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { PrivateKey } from '../../src/keys/private-key';
import { add, multiply, show, type ToyPoint } from '../explain/toy-oracle';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'explain', ...args], { encoding: 'utf8', timeout: 30000 });
const G: ToyPoint = [4, 27];

describe('ecdh-lab explain', () => {
  it('ladder --scalar 13 --curve toy: one aligned row per bit, values from naive double-and-add', () => {
    const r = run('ladder', '--scalar', '13', '--curve', 'toy');
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\d+\s+[01]\s/.test(l));
    expect(rows).toHaveLength(8);
    const bits = '00001101';
    rows.forEach((row, i) => {
      const j = parseInt(bits.slice(0, i + 1), 2);
      const cells = row.split(/\s{2,}/);
      expect(cells.slice(0, 4)).toEqual([
        String(i + 1),
        bits[i],
        bits[i] === '1' ? 'yes' : 'no',
        String(j),
      ]);
      expect(cells[4]).toBe(show(multiply(j, G)));
      expect(cells[5]).toBe(show(multiply(j + 1, G)));
      expect(cells[6]).toBe(show(G));
      expect(cells[7]).toBe('✓');
    });
    // Aligned columns: every row has the 'R0' column at the same offset as the header.
    const header = r.stdout.split('\n').find((l) => l.startsWith('step'))!;
    for (const row of rows) expect(row.indexOf(cells(row)[4])).toBe(header.indexOf('R0'));
    expect(r.stdout).toContain(`result  k·P = ${show(multiply(13, G))}`);
  });

  it('ladder --json gives the same data', () => {
    const r = run('ladder', '--scalar', '13', '--json');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.k).toBe('13');
    expect(data.steps).toHaveLength(8);
    data.steps.forEach(
      (s: { j: string; R0: { x: string; y: string } | null; invariantHolds: boolean }) => {
        const expected = multiply(Number(s.j), G);
        expect(s.R0 === null ? null : [Number(s.R0.x), Number(s.R0.y)]).toEqual(expected);
        expect(s.invariantHolds).toBe(true);
      },
    );
  });

  it("ladder --curve p256 --scalar 0x…: the result is node:crypto's public key", () => {
    const k = 'c0ffee' + '11'.repeat(29);
    const r = run('ladder', '--curve', 'p256', '--scalar', '0x' + k, '--json');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(k, 'hex'));
    const pub = ecdh.getPublicKey('hex', 'uncompressed');
    expect(BigInt(data.result.x)).toBe(BigInt('0x' + pub.slice(2, 66)));
    expect(BigInt(data.result.y)).toBe(BigInt('0x' + pub.slice(66)));
    const text = run('ladder', '--curve', 'p256', '--scalar', '0x' + k).stdout;
    expect(text).toMatch(/steps 4–256: 253 more iterations/);
    expect(text).toContain(`x = 0x${pub.slice(2, 10)} ${pub.slice(10, 18)}`);
  });

  it('ecdh: toy and P-256; the P-256 secret and key agree with node:crypto', () => {
    const r = run('ecdh', '--json');
    expect(r.status).toBe(0);
    const { toy, p256 } = JSON.parse(r.stdout);
    expect([Number(toy.alicePoint.x), Number(toy.alicePoint.y)]).toEqual(
      multiply((17 * 42) % 233, G),
    );
    const a = crypto.createECDH('prime256v1');
    a.setPrivateKey(Buffer.from(BigInt(p256.dA).toString(16).padStart(64, '0'), 'hex'));
    const b = crypto.createECDH('prime256v1');
    b.setPrivateKey(Buffer.from(BigInt(p256.dB).toString(16).padStart(64, '0'), 'hex'));
    const Z = a.computeSecret(b.getPublicKey());
    expect(p256.Z).toBe(Z.toString('hex'));
    expect(p256.key).toBe(
      Buffer.from(crypto.hkdfSync('sha256', Z, Buffer.alloc(32), Buffer.alloc(0), 32)).toString(
        'hex',
      ),
    );
    const text = run('ecdh').stdout;
    expect(text).toContain(`shared secret Z = x-coordinate = ${multiply((17 * 42) % 233, G)![0]}`);
    expect(text).toContain(Z.toString('hex').slice(0, 8) + ' ' + Z.toString('hex').slice(8, 16));
  });

  it('ecdsa on the toy curve: points from the oracle, r and s from the textbook steps, valid', () => {
    const r = run('ecdsa', '--private-key', '101', '--message', 'by hand', '--json');
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout);
    const n = 233;
    const [d, k, e] = [Number(t.d), Number(t.k), Number(t.e)];
    expect(d).toBe(101);
    // e: the leftmost 8 bits (qlen of n = 233) of SHA-256(M), i.e. its first byte
    expect(e).toBe(crypto.createHash('sha256').update('by hand').digest()[0]);
    expect([Number(t.Q.x), Number(t.Q.y)]).toEqual(multiply(d, G));
    const R = multiply(k, G)!;
    expect(Number(t.r)).toBe(R[0] % n);
    const kInverse = [...Array(n).keys()].find((c) => (k * c) % n === 1)!;
    expect(Number(t.s)).toBe((kInverse * ((e + Number(t.r) * d) % n)) % n);
    // verification by the oracle: x(u1·G + u2·Q) mod n = r
    const w = [...Array(n).keys()].find((c) => (Number(t.s) * c) % n === 1)!;
    const sum = add(multiply((e * w) % n, G), multiply((Number(t.r) * w) % n, multiply(d, G)));
    expect(sum![0] % n).toBe(Number(t.r));
    expect(t.valid && t.check.equal).toBe(true);
    expect(run('ecdsa').stdout).toContain('signature (r, s) = (31, 69)'); // chapter 9's numbers
  });

  it('ecdsa --curve p256: the same r and s as PrivateKey.sign (RFC 6979), node:crypto verifies', () => {
    const d = `0x${'5a'.repeat(32)}`;
    const r = run('ecdsa', '--curve', 'p256', '--private-key', d, '--message', 'pay Bob', '--json');
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout);
    const key = PrivateKey.fromRaw(Buffer.from('5a'.repeat(32), 'hex'));
    const p1363 = Buffer.from(key.sign(Buffer.from('pay Bob'), { format: 'p1363' }));
    expect(BigInt(t.r)).toBe(BigInt(`0x${p1363.subarray(0, 32).toString('hex')}`));
    expect(BigInt(t.s)).toBe(BigInt(`0x${p1363.subarray(32).toString('hex')}`));
    const nodeKey = crypto.createPublicKey(key.publicKey.toPem());
    expect(
      crypto.verify('sha256', Buffer.from('pay Bob'), nodeKey, Buffer.from(t.der, 'hex')),
    ).toBe(true);
    const text = run('ecdsa', '--curve', 'p256', '--private-key', d, '--message', 'pay Bob').stdout;
    expect(text).toContain('checked against ecdsaSign / ecdsaVerify');
    const sHex = BigInt(t.s).toString(16).padStart(64, '0');
    expect(text).toContain(`0x${sHex.slice(0, 8)} ${sHex.slice(8, 16)}`);
  });

  it("hkdf: RFC 5869 A.1 inputs give the RFC's PRK and OKM, grouped", () => {
    const r = run(
      'hkdf',
      '--ikm',
      '0b'.repeat(22),
      '--salt',
      '000102030405060708090a0b0c',
      '--info-hex',
      'f0f1f2f3f4f5f6f7f8f9',
      '--length',
      '42',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'PRK   07770936 2c2e32df 0ddc3f0d c47bba63 90b6c73b b50f9c31 22ec844a d7c2b3e5',
    );
    expect(r.stdout).toContain(
      'OKM (first 42 bytes)  3cb25f25 faacd57a 90434f64 d0362f2a 2d2d0a90 cf1a5a4c 5db02d56 ecc4c5bf\n' +
        '                      34007208 d5b88718 5865\n',
    );
    const json = JSON.parse(
      run('hkdf', '--ikm', '00ff', '--info', 'ctx', '--length', '40', '--json').stdout,
    );
    expect(json.okm).toBe(
      Buffer.from(
        crypto.hkdfSync('sha256', Buffer.from('00ff', 'hex'), Buffer.alloc(32), 'ctx', 40),
      ).toString('hex'),
    );
  });

  it('field: 17⁻¹ mod 223 and a P-256 inverse', () => {
    const r = run('field', '--value', '17');
    expect(r.status).toBe(0);
    const inv = [...Array(223).keys()].find((c) => (17 * c) % 223 === 1);
    expect(r.stdout).toContain(`a^(p−2) = ${inv}`);
    const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
    const json = JSON.parse(run('field', '--curve', 'p256', '--value', '5', '--json').stdout);
    expect((5n * BigInt(json.inverse)) % p).toBe(1n);
  });

  it('aes: FIPS 197 C.1, the state after each round function; --json has every step', () => {
    const r = run(
      'aes',
      '--key',
      '000102030405060708090a0b0c0d0e0f',
      '--block',
      '00112233445566778899aabbccddeeff',
    );
    expect(r.status).toBe(0);
    // biome-ignore lint/complexity/noAdjacentSpacesInRegex: the line as explain prints it
    expect(r.stdout).toMatch(/round  1  SubBytes     63cab704 0953d051 cd60e0e7 ba70e18c/); // FIPS 197 C.1 round[1].s_box
    const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const out = crypto
      .createCipheriv('aes-128-ecb', key, null)
      .setAutoPadding(false)
      .update(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))
      .toString('hex');
    expect(r.stdout).toContain(`output  ${out.match(/.{8}/g)!.join(' ')}`);
    const json = JSON.parse(
      run('aes', '--key', key.toString('hex'), '--block', '00'.repeat(16), '--json').stdout,
    );
    expect(json.steps).toHaveLength(40);
    expect(json.output).toBe(
      crypto
        .createCipheriv('aes-128-ecb', key, null)
        .setAutoPadding(false)
        .update(Buffer.alloc(16))
        .toString('hex'),
    );
  });

  it('usage errors exit 2 with one line and a pointer to --help; --help lists every topic', () => {
    for (const [args, where, message] of [
      [[], 'explain', /^which topic\? ladder, ecdh, ecdsa, hkdf, aes, field, tls$/],
      [['bogus'], 'explain', /^unknown topic 'bogus'/],
      [['__proto__'], 'explain', /^unknown topic '__proto__'/],
      [['--json', 'ladder'], 'explain', /^the topic comes first/],
      [['ladder', '--curve', 'p384'], 'explain ladder', /^--curve must be one of toy, p256/],
      [['ladder', '--scalar', 'x1'], 'explain ladder', /^--scalar must be a decimal or 0x-hex/],
      [['ladder', '--full', '5'], 'explain ladder', /^--full is not used on the toy curve/],
      [['ecdh', '--scalar', '5'], 'explain ecdh', /^unknown option --scalar$/],
      [['ecdsa', '--curve', 'p384'], 'explain ecdsa', /^--curve must be one of toy, p256/],
      [
        ['ecdsa', '--private-key', '233'],
        'explain ecdsa',
        /^--private-key must be in \[1, n − 1\]/,
      ],
      [['ecdsa', '--private-key', '0'], 'explain ecdsa', /^--private-key must be in \[1, n − 1\]/],
      [['ecdsa', '--scalar', '5'], 'explain ecdsa', /^unknown option --scalar$/],
      [['hkdf'], 'explain hkdf', /^--ikm HEX is required$/],
      [['hkdf', '--ikm', 'abc'], 'explain hkdf', /^--ikm must be hex/],
      [['hkdf', '--ikm', '00', '--info', 'a', '--info-hex', '00'], 'explain hkdf', /not both/],
      [['field', '--value', '0'], 'explain field', /^--value must not be a multiple of p/],
      [['aes', '--key', '00'], 'explain aes', /^--key HEX and --block HEX are required$/],
      [['aes', '--key', '00'.repeat(16), '--block', '00'], 'explain aes', /^--block must be 16/],
      [['tls', '--port', '443'], 'explain tls', /^--port is not used without --host/],
      [['tls', '--host', 'localhost'], 'explain tls', /^--port P is required with --host$/],
      [['tls', '--host', 'localhost', '--port', '1'], 'explain tls', /^--ca FILE is required/],
      [
        ['tls', '--host', 'h', '--port', '1', '--hello-retry'],
        'explain tls',
        /^--hello-retry is not used with --host/,
      ],
      [['tls', '--group', 'x448'], 'explain tls', /^--group must be one of x25519, secp256r1/],
    ] as [string[], string, RegExp][]) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      const lines = r.stderr.split('\n');
      expect({ args, lines: lines.length }).toEqual({ args, lines: 3 });
      expect(lines[0].startsWith(`ecdh-lab ${where}: `)).toBe(true);
      expect(lines[0].slice(`ecdh-lab ${where}: `.length)).toMatch(message);
      expect(lines[1]).toBe(`run 'ecdh-lab ${where} --help' for usage`);
    }
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const topic of ['ladder', 'ecdh', 'ecdsa', 'hkdf', 'aes', 'field', 'tls'])
      expect(help.stdout).toContain(`explain ${topic}`);
  });

  it('tls: a whole handshake with the in-process server; --json gives the same steps', () => {
    const r = run('tls');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[1]).toBe(
      'negotiated: TLS_AES_128_GCM_SHA256, x25519, ecdsa_secp256r1_sha256, no HelloRetryRequest',
    );
    for (const heading of ['ClientHello', 'ServerHello', 'Certificate', 'CertificateVerify'])
      expect(r.stdout).toMatch(new RegExp(`^── ${heading} · `, 'm'));
    expect(r.stdout).toContain('valid ✓');
    expect(r.stdout.match(/= the message ✓/g)).toHaveLength(2);
    const json = JSON.parse(run('tls', '--json').stdout);
    expect(json.negotiated.group).toBe('x25519');
    expect(json.steps.filter((s: { kind: string }) => s.kind === 'secret')).toHaveLength(9);
  });

  it('tls --hello-retry --suite TLS_AES_256_GCM_SHA384: a HelloRetryRequest, 48-byte secrets', () => {
    const r = run('tls', '--hello-retry', '--suite', 'TLS_AES_256_GCM_SHA384', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.negotiated).toMatchObject({ group: 'secp256r1', helloRetryRequest: true });
    const secret = json.steps.find((s: { name?: string }) => s.name === 'master_secret');
    expect(secret.secret).toHaveLength(96);
  });
});

function cells(row: string): string[] {
  return row.split(/\s{2,}/);
}
