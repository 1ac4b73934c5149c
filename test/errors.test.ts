/**
 * One error taxonomy (src/errors.ts, docs/errors.md):
 * - the docs table has one row per CryptoErrorCode and no other, every code is thrown
 *   somewhere in src/, and each row names every src/ folder whose code uses its code;
 * - the same mistake gets the same error everywhere (an out-of-range private key);
 * - lifecycle misuse (a finished hash or HMAC) and a missing CSPRNG are CryptoErrors with codes;
 * - CryptoError takes { cause }, and `instanceof CryptoError` holds across two copies of the
 *   class (as the ESM and CJS builds are; test/package.test.ts checks the two builds in dist/).
 * Vectors: none; the values are the standard's bounds (n from SEC 2 §2.4.2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CryptoError } from '../src/errors';
import * as root from '../src/index';
import * as math from '../src/math';
import { TlsError } from '../src/tls/alert';
import { expectCryptoError } from './support/errors';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const codes = [
  ...fs.readFileSync(path.join(SRC, 'errors.ts'), 'utf8').matchAll(/^\s*\| '([A-Z_]+)'/gm),
].map((m) => m[1]);

/** Every src/**.ts file but errors.ts, with its comments removed. */
function sources(): { where: string; code: string }[] {
  const out: { where: string; code: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && full !== path.join(SRC, 'errors.ts')) {
        const rel = path.relative(SRC, full).split(path.sep);
        const text = fs
          .readFileSync(full, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:])\/\/.*$/gm, '$1');
        out.push({ where: rel.length > 1 ? `${rel[0]}/` : rel[0], code: text });
      }
    }
  };
  walk(SRC);
  return out;
}

/** code → the folders (or top-level files) of src/ whose code (not comments) names it. */
function usedIn(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>(codes.map((c) => [c, new Set<string>()]));
  for (const { where, code } of sources())
    for (const c of codes) if (code.includes(`'${c}'`)) map.get(c)!.add(where);
  return map;
}

/** The docs table: code → its "Thrown by" cell. */
function table(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const m of text.matchAll(/^\| `([A-Z_]+)` \| (.*) \| (.*) \|$/gm)) rows.set(m[1], m[3]);
  return rows;
}

describe('docs/errors.md: every CryptoError code', () => {
  it('src/errors.ts lists the codes (and no longer INVALID_LENGTH, which nothing threw)', () => {
    expect(codes.length).toBeGreaterThan(10);
    expect(codes).not.toContain('INVALID_LENGTH');
  });
  it('the table has one row per code, and no other row', () => {
    expect([...table().keys()].sort()).toEqual([...codes].sort());
  });
  it('every code is used by the code of src/ (a code nothing throws is removed)', () => {
    const unused = [...usedIn()].filter(([, where]) => where.size === 0).map(([c]) => c);
    expect(unused).toEqual([]);
  });
  it('each row names every folder of src/ that uses its code', () => {
    const rows = table();
    const missing: string[] = [];
    for (const [c, where] of usedIn())
      for (const w of where) if (!rows.get(c)?.includes(w)) missing.push(`${c}: ${w}`);
    expect(missing).toEqual([]);
  });
  it('docs/README.md links to it', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'README.md'), 'utf8')).toContain('(errors.md)');
  });
});

describe('the same mistake, the same error: an out-of-range private key is INVALID_SCALAR', () => {
  const n = math.P256.n;
  const bad = [0n, n, 2n ** 256n - 1n, -1n];
  const digest = root.sha256(new Uint8Array(0));
  const calls: [string, (d: bigint) => unknown][] = [
    ['PrivateKey.fromRaw', (d) => root.PrivateKey.fromRaw(root.bigIntToBytes(d < 0n ? 0n : d, 32))],
    ['publicPointFromScalar', (d) => math.publicPointFromScalar(d)],
    ['fixedBaseMultiply', (d) => math.fixedBaseMultiply(d)],
    ['sharedSecret', (d) => math.sharedSecret(d, math.G)],
    ['assertScalarRange', (d) => math.assertScalarRange(d)],
    ['ecdsaSign', (d) => math.ecdsaSign(d, digest)],
    ['ecdsaSignReference', (d) => math.ecdsaSignReference(1n, d, 1n)],
    ['rfc6979Nonces', (d) => math.rfc6979Nonces(root.sha256, n, d, digest)],
    ['traceEcdh', (d) => math.traceEcdh('p256', d, 1n)],
    ['traceEcdsa', (d) => math.traceEcdsa('p256', { d })],
  ];
  it.each(calls)('%s', (_name, call) => {
    for (const d of bad) expectCryptoError(() => call(d), 'INVALID_SCALAR');
  });
  it('the toy curve too: its own order bounds the key', () => {
    expectCryptoError(() => math.traceEcdsa('toy', { d: math.TOY.n! }), 'INVALID_SCALAR');
    expectCryptoError(() => math.ecdsaSignReference(1n, 0n, 1n, math.TOY), 'INVALID_SCALAR');
  });
});

describe('lifecycle misuse and a missing CSPRNG are CryptoErrors with codes', () => {
  it.each([
    ['sha256', root.sha256],
    ['sha384', root.sha384],
    ['sha512', root.sha512],
  ])('a finished %s: update, clone and a second digest are INVALID_STATE', (_name, hash) => {
    const h = hash.create();
    h.digest();
    expectCryptoError(() => h.update(new Uint8Array(1)), 'INVALID_STATE');
    expectCryptoError(() => h.clone(), 'INVALID_STATE');
    expectCryptoError(() => h.digest(), 'INVALID_STATE');
  });
  it('a finished HMAC: update, clone and a second digest are INVALID_STATE', () => {
    const h = root.hmac.create(root.sha256, new Uint8Array(16));
    h.digest();
    expectCryptoError(() => h.update(new Uint8Array(1)), 'INVALID_STATE');
    expectCryptoError(() => h.clone(), 'INVALID_STATE');
    expectCryptoError(() => h.digest(), 'INVALID_STATE');
  });
  it('randomBytes without globalThis.crypto.getRandomValues is NO_RANDOM_SOURCE', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      expectCryptoError(() => root.randomBytes(8), 'NO_RANDOM_SOURCE');
      expectCryptoError(() => root.generatePrivateKey(), 'NO_RANDOM_SOURCE');
    } finally {
      Object.defineProperty(globalThis, 'crypto', saved!);
    }
    expect(root.randomBytes(8).length).toBe(8);
  });
});

describe('the CryptoError class', () => {
  it('takes { cause }, like Error', () => {
    const cause = new RangeError('inner');
    const e = new CryptoError('AUTH_FAILED', 'outer', { cause });
    expect(e.cause).toBe(cause);
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.name).toBe('CryptoError');
    expect(e.message).toBe('outer');
    expect('cause' in new CryptoError('AUTH_FAILED', 'no cause')).toBe(false);
  });
  it('instanceof holds across two copies of the class (the brand), both ways', () => {
    let Other: typeof CryptoError | undefined;
    jest.isolateModules(() => {
      Other = require('../src/errors').CryptoError;
    });
    expect(Other).toBeDefined();
    expect(Other).not.toBe(CryptoError); // two classes, as the ESM and CJS builds are
    expect(new Other!('AUTH_FAILED', 'x') instanceof CryptoError).toBe(true);
    expect(new CryptoError('AUTH_FAILED', 'x') instanceof Other!).toBe(true);
  });
  it('and not for look-alikes: a plain Error, an object with a code, null', () => {
    expect(new Error('x') instanceof CryptoError).toBe(false);
    expect(Object.assign(new Error('x'), { code: 'AUTH_FAILED' }) instanceof CryptoError).toBe(
      false,
    );
    expect((null as unknown) instanceof CryptoError).toBe(false);
    expect(('AUTH_FAILED' as unknown) instanceof CryptoError).toBe(false);
  });
  it('a subclass (TlsError) is a CryptoError, and keeps its own instanceof', () => {
    const tls = new TlsError('decode_error', 'tls: x');
    expect(tls instanceof CryptoError).toBe(true);
    expect(tls instanceof TlsError).toBe(true);
    expect(new CryptoError('PROTOCOL_ERROR', 'x') instanceof TlsError).toBe(false);
  });
});
