/**
 * Interop with the openssl command line (OpenSSL 3): keys written by
 * `openssl ecparam -name prime256v1 -genkey` (SEC1 "EC PRIVATE KEY") and
 * `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` (PKCS#8) load; keys
 * written by ecdh-lab load in `openssl pkey`; shared secrets agree with
 * `openssl pkeyutl -derive`.
 *
 * These run whenever `openssl` is on PATH. Under CI=true a missing openssl fails the run;
 * elsewhere each test prints why it did nothing and returns.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesToHex } from '../../src/bytes/index.js';
import { generatePrivateKey, PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';

const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const haveOpenssl = probe.status === 0;
const REASON = 'openssl interop tests did nothing: `openssl` is not on PATH';

/** True when the test should run; fails under CI=true when openssl is missing. */
function opensslAvailable(): boolean {
  if (haveOpenssl) return true;
  if (process.env.CI === 'true') throw new Error(`${REASON}, and CI=true requires them to run`);
  console.warn(REASON);
  return false;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-openssl-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs openssl, failing the test (with its stderr) on a non-zero exit. */
function openssl(args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): string | Buffer {
  const result = spawnSync('openssl', args, {
    cwd: dir,
    encoding: encoding === 'utf8' ? 'utf8' : undefined,
    timeout: 30000,
  });
  if (result.status !== 0)
    throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr?.toString()}`);
  return result.stdout;
}

function file(name: string, contents?: string): string {
  const full = path.join(dir, name);
  if (contents !== undefined) fs.writeFileSync(full, contents, { mode: 0o600 });
  return full;
}

describe(`openssl CLI interop (${haveOpenssl ? probe.stdout.trim() : 'openssl not found'})`, () => {
  it('loads SEC1 keys from `openssl ecparam -name prime256v1 -genkey` (with and without -noout)', () => {
    if (!opensslAvailable()) return;
    for (const noout of [true, false]) {
      const keyFile = file(`ecparam-${noout}.pem`);
      openssl([
        'ecparam',
        '-name',
        'prime256v1',
        '-genkey',
        ...(noout ? ['-noout'] : []),
        '-out',
        keyFile,
      ]);
      const text = fs.readFileSync(keyFile, 'utf8');
      expect(text).toContain('-----BEGIN EC PRIVATE KEY-----');
      const key = PrivateKey.fromPem(text);
      const opensslPublic = PublicKey.fromPem(
        openssl(['pkey', '-in', keyFile, '-pubout']) as string,
      );
      expect(key.publicKey.equals(opensslPublic)).toBe(true);
      // openssl's SEC1 output (the EC PRIVATE KEY block) is what we write for the same key.
      expect(text.slice(text.indexOf('-----BEGIN EC PRIVATE KEY-----'))).toBe(key.toPem('sec1'));
    }
  });

  it('loads PKCS#8 keys from `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`, byte-identical on re-export', () => {
    if (!opensslAvailable()) return;
    const keyFile = file('genpkey.pem');
    openssl([
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      keyFile,
    ]);
    const text = fs.readFileSync(keyFile, 'utf8');
    const key = PrivateKey.fromPem(text);
    expect(key.toPem()).toBe(text);
    const der = openssl(['pkey', '-in', keyFile, '-outform', 'DER'], 'buffer') as Buffer;
    expect(PrivateKey.fromDer(new Uint8Array(der)).toRaw()).toEqual(key.toRaw());
    expect(key.publicKey.toPem()).toBe(openssl(['pkey', '-in', keyFile, '-pubout']));
  });

  it('keys written by ecdh-lab load in `openssl pkey` (PKCS#8, SEC1, SPKI), unchanged', () => {
    if (!opensslAvailable()) return;
    const key = generatePrivateKey();
    const pkcs8File = file('ours-pkcs8.pem', key.toPem());
    const sec1File = file('ours-sec1.pem', key.toPem('sec1'));
    const publicFile = file('ours-pub.pem', key.publicKey.toPem());
    expect(openssl(['pkey', '-in', pkcs8File])).toBe(key.toPem());
    expect(openssl(['pkey', '-in', sec1File])).toBe(key.toPem());
    expect(openssl(['pkey', '-in', pkcs8File, '-pubout'])).toBe(key.publicKey.toPem());
    expect(openssl(['pkey', '-pubin', '-in', publicFile])).toBe(key.publicKey.toPem());
    const text = openssl(['pkey', '-pubin', '-in', publicFile, '-noout', '-text']) as string;
    expect(text).toMatch(/NIST CURVE: P-256/);
    // the point openssl prints, hex with colons, is our uncompressed point
    const printed = text
      .slice(text.indexOf('pub:') + 4, text.indexOf('ASN1 OID'))
      .replace(/[\s:]/g, '');
    expect(printed).toBe(bytesToHex(key.publicKey.toRaw()));
  });

  it('shared secrets agree with `openssl pkeyutl -derive`, in both directions and across key sources', () => {
    if (!opensslAvailable()) return;
    for (let i = 0; i < 4; i++) {
      // a: ours; b: from openssl (SEC1 or PKCS#8 alternately)
      const a = generatePrivateKey();
      const bFile = file(`b${i}.pem`);
      if (i % 2 === 0)
        openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', bFile]);
      else
        openssl([
          'genpkey',
          '-algorithm',
          'EC',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-out',
          bFile,
        ]);
      const b = PrivateKey.fromPem(fs.readFileSync(bFile, 'utf8'));
      const aFile = file(`a${i}.pem`, a.toPem());
      const aPublicFile = file(`a${i}-pub.pem`, a.publicKey.toPem());
      const bPublicFile = file(
        `b${i}-pub.pem`,
        openssl(['pkey', '-in', bFile, '-pubout']) as string,
      );

      const ours = bytesToHex(a.exchange(PublicKey.fromPem(fs.readFileSync(bPublicFile, 'utf8'))));
      expect(ours).toBe(bytesToHex(b.exchange(a.publicKey)));
      const derivedAB = openssl(
        ['pkeyutl', '-derive', '-inkey', aFile, '-peerkey', bPublicFile],
        'buffer',
      ) as Buffer;
      const derivedBA = openssl(
        ['pkeyutl', '-derive', '-inkey', bFile, '-peerkey', aPublicFile],
        'buffer',
      ) as Buffer;
      expect(derivedAB.toString('hex')).toBe(ours);
      expect(derivedBA.toString('hex')).toBe(ours);
    }
  });
});

describe(`openssl CLI interop, X25519 (RFC 8410 key files; ${haveOpenssl ? probe.stdout.trim() : 'openssl not found'})`, () => {
  it('loads `openssl genpkey -algorithm X25519` keys (PEM and DER) and writes them back byte for byte, with the same public key as `openssl pkey -pubout`', () => {
    if (!opensslAvailable()) return;
    for (let i = 0; i < 4; i++) {
      const keyFile = file(`x25519-${i}.pem`);
      openssl(['genpkey', '-algorithm', 'X25519', '-out', keyFile]);
      const pem = fs.readFileSync(keyFile, 'utf8');
      const key = PrivateKey.fromPem(pem);
      expect(key.curve).toBe('X25519');
      expect(key.toPem()).toBe(pem);
      const der = openssl(['pkey', '-in', keyFile, '-outform', 'DER'], 'buffer') as Buffer;
      expect(Buffer.from(PrivateKey.fromDer(new Uint8Array(der)).toDer())).toEqual(der);
      const publicPem = openssl(['pkey', '-in', keyFile, '-pubout']) as string;
      expect(key.publicKey.toPem()).toBe(publicPem);
      const publicDer = openssl(
        ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER'],
        'buffer',
      ) as Buffer;
      expect(Buffer.from(key.publicKey.toDer())).toEqual(publicDer);
      expect(PublicKey.fromPem(publicPem).equals(key.publicKey)).toBe(true);
    }
  });

  it('X25519 keys written by ecdh-lab load in `openssl pkey`, unchanged', () => {
    if (!opensslAvailable()) return;
    const key = generatePrivateKey({ curve: 'X25519' });
    const keyFile = file('ours-x25519.pem', key.toPem());
    const publicFile = file('ours-x25519-pub.pem', key.publicKey.toPem());
    expect(openssl(['pkey', '-in', keyFile])).toBe(key.toPem());
    expect(openssl(['pkey', '-in', keyFile, '-pubout'])).toBe(key.publicKey.toPem());
    expect(openssl(['pkey', '-pubin', '-in', publicFile, '-pubout'])).toBe(key.publicKey.toPem());
    expect(openssl(['pkey', '-in', keyFile, '-noout', '-text'])).toMatch(/X25519 Private-Key/);
  });

  it('X25519 shared secrets agree with `openssl pkeyutl -derive`, in both directions', () => {
    if (!opensslAvailable()) return;
    for (let i = 0; i < 4; i++) {
      const aFile = file(`xa-${i}.pem`);
      openssl(['genpkey', '-algorithm', 'X25519', '-out', aFile]); // OpenSSL's key
      const a = PrivateKey.fromPem(fs.readFileSync(aFile, 'utf8'));
      const b = generatePrivateKey({ curve: 'X25519' }); //          ours
      const bFile = file(`xb-${i}.pem`, b.toPem());
      const aPublicFile = file(
        `xa-${i}-pub.pem`,
        openssl(['pkey', '-in', aFile, '-pubout']) as string,
      );
      const bPublicFile = file(`xb-${i}-pub.pem`, b.publicKey.toPem());
      const ours = bytesToHex(a.exchange(PublicKey.fromPem(fs.readFileSync(bPublicFile, 'utf8'))));
      expect(bytesToHex(b.exchange(a.publicKey))).toBe(ours);
      const derivedAB = openssl(
        ['pkeyutl', '-derive', '-inkey', aFile, '-peerkey', bPublicFile],
        'buffer',
      ) as Buffer;
      const derivedBA = openssl(
        ['pkeyutl', '-derive', '-inkey', bFile, '-peerkey', aPublicFile],
        'buffer',
      ) as Buffer;
      expect(derivedAB.toString('hex')).toBe(ours);
      expect(derivedBA.toString('hex')).toBe(ours);
    }
  });

  it('OpenSSL refuses to mix curves in pkeyutl -derive, as exchange does', () => {
    if (!opensslAvailable()) return;
    const x = generatePrivateKey({ curve: 'X25519' });
    const p = generatePrivateKey();
    const xFile = file('mix-x.pem', x.toPem());
    const pPublicFile = file('mix-p-pub.pem', p.publicKey.toPem());
    const result = spawnSync(
      'openssl',
      ['pkeyutl', '-derive', '-inkey', xFile, '-peerkey', pPublicFile],
      { cwd: dir },
    );
    expect(result.status).not.toBe(0);
    expect(() => x.exchange(p.publicKey)).toThrow(/P-256/);
  });
});
