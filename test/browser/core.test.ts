/**
 * The browser-safe core in a real browser: Chromium (test/support/browser.ts) imports the
 * package's ES module build (dist/esm/index.js, math.js and noise.js, served by the playground's
 * server from 127.0.0.1) and runs there:
 *   - SHA-256: NIST CAVP SHAVS ShortMsg and LongMsg (vectors/nist/sha2/), one-shot and streamed,
 *     and the FIPS 180-2 Appendix B.3 million-'a' message;
 *   - SHA-384 and SHA-512: NIST CAVP SHAVS ShortMsg and LongMsg, one-shot and streamed;
 *   - HMAC-SHA256: RFC 4231 §4.3 and Wycheproof hmac_sha256_test.json, every case;
 *   - HKDF-SHA256: RFC 5869 A.1 and Wycheproof hkdf_sha256_test.json, every case;
 *   - AES-GCM: Wycheproof aes_gcm_test.json, every case (81 of them tampered tags), and a
 *     message whose tag and ciphertext are tampered with here;
 *   - P-256 ECDH: Wycheproof ecdh_secp256r1_test.json, all 612 cases, with the decisions of
 *     test/support/ecdh-wycheproof.ts (the Node suite test/keys/wycheproof-ecdh.test.ts runs the
 *     same ones);
 *   - a key exchange with node:crypto's ECDH: the shared secret computed in the page must equal
 *     the one Node computes;
 *   - ECDSA P-256: Wycheproof ecdsa_secp256r1_sha256_test.json, all 484 cases (valid ones must
 *     verify, invalid ones must not), with the flag policy of test/support/ecdsa-wycheproof.ts
 *     (test/ecdsa/wycheproof.test.ts runs the same file in Node); deterministic signatures
 *     (RFC 6979) on the key of RFC 6979 §A.2.5, which must be the RFC's r and s; and signatures by
 *     a key generated in the page, which node:crypto must verify.
 * The browser computes; every comparison with the expected values is made here, on the Node
 * side. That the modules load at all proves they import no `node:` module; the page also has
 * no Node globals, and key generation is seen to draw from crypto.getRandomValues.
 */
import { createECDH, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/cli/playground-server';
import { type Chromium, chromiumAvailable, launchChromium, watchErrors } from '../support/browser';
import { loadCavp } from '../support/cavp';
import { decideEcdh, ECDH_FILE, ECDH_POLICY, type EcdhTest } from '../support/ecdh-wycheproof';
import { ECDSA_POLICY } from '../support/ecdsa-wycheproof';
import { loadWycheproof } from '../support/wycheproof';

/** What the page holds once the entry points are imported (typed, for the page functions). */
interface InPage {
  ecdhLab: typeof import('../../src/index');
  ecdhLabMath: typeof import('../../src/math');
  ecdhLabNoise: typeof import('../../src/noise');
}

/** An outcome computed in the page: a hex value, or the error's code (or class name). */
type Outcome = { value: string } | { error: string };

const RUN = chromiumAvailable('test/browser/core.test.ts');
const NIST = path.resolve(__dirname, '..', '..', 'vectors', 'nist', 'sha2');

(RUN ? describe : describe.skip)('the core in Chromium (dist/esm)', () => {
  let server: PlaygroundServer;
  let browser: Chromium;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startPlaygroundServer({ port: 0 });
    browser = await launchChromium();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    // A document on the server's origin (the module itself, shown as text), then the imports.
    await page.goto(`${server.url}dist/esm/index.js`);
    await page.evaluate(
      `Promise.all([import('/dist/esm/index.js'), import('/dist/esm/math.js'), import('/dist/esm/noise.js')])
        .then(([lib, math, noise]) => { globalThis.ecdhLab = lib; globalThis.ecdhLabMath = math; globalThis.ecdhLabNoise = noise; })`,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the page', () => {
    it('loads the three browser-safe entry points, all from dist/esm, with no Node globals', async () => {
      const seen = await page.evaluate(() => {
        const { ecdhLab, ecdhLabMath, ecdhLabNoise } = globalThis as unknown as InPage;
        const g = globalThis as Record<string, unknown>;
        return {
          globals: ['process', 'Buffer', 'require', 'module', '__dirname'].map(
            (name) => typeof g[name],
          ),
          sha256: typeof ecdhLab.sha256,
          double: ecdhLabMath.pointDouble(ecdhLabMath.TOY.G!, ecdhLabMath.TOY),
          noise: typeof ecdhLabNoise.NoiseChannel,
          modules: performance.getEntriesByType('resource').map((entry) => entry.name),
        };
      });
      expect(seen.globals).toEqual(Array(5).fill('undefined'));
      expect(seen.sha256).toBe('function');
      expect(seen.double).toEqual({ x: 98n, y: 192n }); // chapter 2 of the tour: 2·(4, 27)
      expect(seen.noise).toBe('function');
      const modules = seen.modules.filter((url) => url.endsWith('.js'));
      expect(modules.length).toBeGreaterThan(30); // the whole module graph, unbundled
      for (const url of modules) expect(url.startsWith(`${server.url}dist/esm/`)).toBe(true);
    });

    it('a key exchange with node:crypto: the page generates a key from crypto.getRandomValues, Node checks the secret', async () => {
      const node = createECDH('prime256v1');
      node.generateKeys();
      const fromPage = await page.evaluate((nodePublic) => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        const source = globalThis.crypto;
        const original = source.getRandomValues.bind(source);
        let calls = 0;
        source.getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
          calls++;
          return original(array as never) as T;
        };
        try {
          const key = lib.generatePrivateKey();
          const z = key.exchange(lib.PublicKey.fromRaw(lib.hexToBytes(nodePublic)));
          return { publicKey: lib.bytesToHex(key.publicKey.toRaw()), z: lib.bytesToHex(z), calls };
        } finally {
          source.getRandomValues = original;
        }
      }, node.getPublicKey('hex'));
      expect(fromPage.calls).toBeGreaterThan(0);
      expect(fromPage.z).toBe(
        node.computeSecret(Buffer.from(fromPage.publicKey, 'hex')).toString('hex'),
      );
    });
  });

  describe('SHA-256 (NIST CAVP SHAVS, FIPS 180-2 B.3)', () => {
    const messages = ['SHA256ShortMsg.rsp', 'SHA256LongMsg.rsp.gz'].flatMap((file) =>
      loadCavp(path.join(NIST, file)).flatMap((section) =>
        section.records.map(({ fields }) => ({
          file,
          msg: fields.Len === '0' ? '' : fields.Msg,
          md: fields.MD,
        })),
      ),
    );
    let digests: { oneShot: string; streamed: string }[];
    beforeAll(async () => {
      digests = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          return inputs.map((msg) => {
            const bytes = lib.hexToBytes(msg);
            const third = Math.floor(bytes.length / 3);
            const streamed = lib.sha256
              .create()
              .update(bytes.subarray(0, third))
              .update(bytes.subarray(third, 2 * third))
              .update(bytes.subarray(2 * third))
              .digest();
            return {
              oneShot: lib.bytesToHex(lib.sha256(bytes)),
              streamed: lib.bytesToHex(streamed),
            };
          });
        },
        messages.map((m) => m.msg),
      );
    });

    it('ShortMsg (65) and LongMsg (64): every digest, one-shot and streamed in three chunks', () => {
      expect(messages.filter((m) => m.file.includes('Short'))).toHaveLength(65);
      expect(messages.filter((m) => m.file.includes('Long'))).toHaveLength(64);
      const wrong = messages.filter(
        (m, i) => digests[i].oneShot !== m.md || digests[i].streamed !== m.md,
      );
      expect(wrong.map((m) => `${m.file} Len=${m.msg.length * 4}`)).toEqual([]);
    });

    it("one million 'a' (FIPS 180-2 Appendix B.3)", async () => {
      const digest = await page.evaluate(() => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        return lib.bytesToHex(lib.sha256(new Uint8Array(1_000_000).fill(0x61)));
      });
      expect(digest).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    });
  });

  describe.each([
    { name: 'SHA-384', hash: 'sha384', prefix: 'SHA384' },
    { name: 'SHA-512', hash: 'sha512', prefix: 'SHA512' },
  ] as const)('$name (NIST CAVP SHAVS)', ({ hash, prefix }) => {
    const messages = [`${prefix}ShortMsg.rsp`, `${prefix}LongMsg.rsp.gz`].flatMap((file) =>
      loadCavp(path.join(NIST, file)).flatMap((section) =>
        section.records.map(({ fields }) => ({
          file,
          msg: fields.Len === '0' ? '' : fields.Msg,
          md: fields.MD,
        })),
      ),
    );
    let digests: { oneShot: string; streamed: string }[];
    beforeAll(async () => {
      digests = await page.evaluate(
        ({ name, inputs }) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          const fn = lib[name];
          return inputs.map((msg) => {
            const bytes = lib.hexToBytes(msg);
            const third = Math.floor(bytes.length / 3);
            const streamed = fn
              .create()
              .update(bytes.subarray(0, third))
              .update(bytes.subarray(third, 2 * third))
              .update(bytes.subarray(2 * third))
              .digest();
            return { oneShot: lib.bytesToHex(fn(bytes)), streamed: lib.bytesToHex(streamed) };
          });
        },
        { name: hash, inputs: messages.map((m) => m.msg) },
      );
    });

    it('ShortMsg (129) and LongMsg (128): every digest, one-shot and streamed in three chunks', () => {
      expect(messages.filter((m) => m.file.includes('Short'))).toHaveLength(129);
      expect(messages.filter((m) => m.file.includes('Long'))).toHaveLength(128);
      const wrong = messages.filter(
        (m, i) => digests[i].oneShot !== m.md || digests[i].streamed !== m.md,
      );
      expect(wrong.map((m) => `${m.file} Len=${m.msg.length * 4}`)).toEqual([]);
    });
  });

  describe('HMAC-SHA256 (RFC 4231, Wycheproof)', () => {
    it('RFC 4231 §4.3, test case 2', async () => {
      const tag = await page.evaluate(() => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        const text = lib.utf8ToBytes;
        return lib.bytesToHex(
          lib.hmac(lib.sha256, text('Jefe'), text('what do ya want for nothing?')),
        );
      });
      expect(tag).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    });

    const { cases } = loadWycheproof<
      { tagSize: number },
      { key: string; msg: string; tag: string }
    >('hmac_sha256_test.json', {
      Pseudorandom: 'valid tags computed on random inputs: must verify',
      ModifiedTag: 'tags with flipped bits: must not verify',
    });
    let results: { verified: boolean; tag: string }[];
    beforeAll(async () => {
      results = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          return inputs.map(({ key, msg, tag }) => {
            const [k, m, t] = [key, msg, tag].map(lib.hexToBytes);
            return {
              verified: lib.hmac.verify(lib.sha256, k, m, t),
              tag: lib.bytesToHex(lib.hmac(lib.sha256, k, m).subarray(0, t.length)),
            };
          });
        },
        cases.map((c) => c.test),
      );
    });
    it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
      if (c.result === 'valid') expect(results[i]).toEqual({ verified: true, tag: c.test.tag });
      else expect(results[i].verified).toBe(false);
    });
    it('ran all 174 cases (none acceptable, none skipped)', () => {
      expect(cases).toHaveLength(174);
      expect(cases.filter((c) => c.result === 'acceptable')).toHaveLength(0);
    });
  });

  describe('HKDF-SHA256 (RFC 5869, Wycheproof)', () => {
    it('RFC 5869 A.1: PRK and OKM', async () => {
      const out = await page.evaluate(() => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        const ikm = lib.hexToBytes('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
        const prk = lib.extract(lib.sha256, ikm, lib.hexToBytes('000102030405060708090a0b0c'));
        const okm = lib.expand(lib.sha256, prk, lib.hexToBytes('f0f1f2f3f4f5f6f7f8f9'), 42);
        return [lib.bytesToHex(prk), lib.bytesToHex(okm)];
      });
      expect(out).toEqual([
        '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
        '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
      ]);
    });

    const { cases } = loadWycheproof<
      Record<string, unknown>,
      { ikm: string; salt: string; info: string; size: number; okm: string }
    >('hkdf_sha256_test.json', {
      Normal: 'ordinary inputs: the OKM must match',
      EmptySalt: 'salt of length 0, which HMAC pads to HashLen zeros: the OKM must match',
      MaximalOutputSize: 'size = 255·HashLen = 8160: the OKM must match',
      OutputCollision: 'inputs chosen to give equal outputs: the OKM must match',
      SizeTooLarge: 'size = 8161 > 255·HashLen: must throw RangeError',
    });
    let results: Outcome[];
    beforeAll(async () => {
      results = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          return inputs.map(({ ikm, salt, info, size }) => {
            try {
              const okm = lib.hkdf(
                lib.sha256,
                lib.hexToBytes(ikm),
                lib.hexToBytes(salt),
                lib.hexToBytes(info),
                size,
              );
              return { value: lib.bytesToHex(okm) };
            } catch (error) {
              return { error: (error as Error).name };
            }
          });
        },
        cases.map((c) => c.test),
      );
    });
    it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
      if (c.result === 'valid') expect(results[i]).toEqual({ value: c.test.okm });
      else expect(results[i]).toEqual({ error: 'RangeError' });
    });
    it('ran all 86 cases (none acceptable, none skipped)', () => {
      expect(cases).toHaveLength(86);
      expect(cases.filter((c) => c.result === 'acceptable')).toHaveLength(0);
    });
  });

  describe('AES-GCM (Wycheproof, and a tampered message)', () => {
    const { cases } = loadWycheproof<
      { tagSize: number },
      { key: string; iv: string; aad: string; msg: string; ct: string; tag: string }
    >('aes_gcm_test.json', {
      Ktv: 'known test vector: must match exactly',
      Pseudorandom: 'random sizes of key, IV, AAD and message: must match exactly',
      SpecialCase: 'special IV and tag values: must match exactly',
      CounterWrap: 'the 32-bit counter (inc32) wraps around: must match exactly',
      LongIv: 'IVs longer than 12 bytes go through GHASH for J0: must match exactly',
      SmallIv: 'IVs shorter than 12 bytes (at least 1): must match exactly',
      ModifiedTag: 'invalid: decrypt must throw CryptoError AUTH_FAILED',
      ZeroLengthIv: 'invalid: a 0-byte IV is refused with RangeError',
    });
    type GcmOutcomes = Record<'encrypt' | 'encryptKeyed' | 'decrypt' | 'decryptKeyed', Outcome>;
    let results: GcmOutcomes[];
    beforeAll(async () => {
      results = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          const attempt = (run: () => Uint8Array): Outcome => {
            try {
              return { value: lib.bytesToHex(run()) };
            } catch (error) {
              return {
                error: error instanceof lib.CryptoError ? error.code : (error as Error).name,
              };
            }
          };
          return inputs.map(({ key, iv, aad, msg, ct, tag, tagSize }) => {
            const [k, n, a, m] = [key, iv, aad, msg].map(lib.hexToBytes);
            const sealed = lib.hexToBytes(ct + tag);
            const options = { tagLength: (tagSize / 8) as 16 };
            return {
              encrypt: attempt(() => lib.aesGcm(k, n, a, options).encrypt(m)),
              encryptKeyed: attempt(() => lib.aesGcm.withKey(k, options).encrypt(n, m, a)),
              decrypt: attempt(() => lib.aesGcm(k, n, a, options).decrypt(sealed)),
              decryptKeyed: attempt(() => lib.aesGcm.withKey(k, options).decrypt(n, sealed, a)),
            };
          });
        },
        cases.map((c) => ({ ...c.test, tagSize: c.group.tagSize })),
      );
    });
    it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
      const sealed = { value: c.test.ct + c.test.tag };
      const opened = { value: c.test.msg };
      if (c.result === 'valid') {
        expect(results[i]).toEqual({
          encrypt: sealed,
          encryptKeyed: sealed,
          decrypt: opened,
          decryptKeyed: opened,
        });
      } else if (c.flags.includes('ZeroLengthIv')) {
        const refused = { error: 'RangeError' };
        expect(results[i]).toEqual({
          encrypt: refused,
          encryptKeyed: refused,
          decrypt: refused,
          decryptKeyed: refused,
        });
      } else {
        expect(c.flags).toContain('ModifiedTag');
        expect([results[i].decrypt, results[i].decryptKeyed]).toEqual([
          { error: 'AUTH_FAILED' },
          { error: 'AUTH_FAILED' },
        ]);
      }
    });
    it('ran all 316 cases: 229 valid, 81 tampered tags, 6 empty IVs (none skipped)', () => {
      expect(cases).toHaveLength(316);
      expect(cases.filter((c) => c.result === 'valid')).toHaveLength(229);
      expect(cases.filter((c) => c.flags.includes('ModifiedTag'))).toHaveLength(81);
      expect(cases.filter((c) => c.flags.includes('ZeroLengthIv'))).toHaveLength(6);
    });

    it('a message sealed in the page: a flipped tag or ciphertext bit gives AUTH_FAILED, no plaintext', async () => {
      const out = await page.evaluate(() => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        const key = lib.randomBytes(32);
        const nonce = lib.randomBytes(12);
        const sealed = lib.aesGcm(key, nonce).encrypt(lib.utf8ToBytes('attack at dawn'));
        const open = (bytes: Uint8Array): string => {
          try {
            return lib.bytesToUtf8(lib.aesGcm(key, nonce).decrypt(bytes));
          } catch (error) {
            return error instanceof lib.CryptoError ? error.code : String(error);
          }
        };
        const tag = sealed.slice();
        tag[tag.length - 1] ^= 1;
        const body = sealed.slice();
        body[0] ^= 0x80;
        return [open(sealed), open(tag), open(body)];
      });
      expect(out).toEqual(['attack at dawn', 'AUTH_FAILED', 'AUTH_FAILED']);
    });
  });

  describe(`P-256 ECDH (Wycheproof ${ECDH_FILE})`, () => {
    const { cases } = loadWycheproof<Record<string, unknown>, EcdhTest>(ECDH_FILE, ECDH_POLICY);
    let results: Outcome[];
    beforeAll(async () => {
      results = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          return inputs.map(({ priv, pub }) => {
            // `private` is a DER INTEGER body: big-endian, possibly with a leading 00.
            const d = lib.bigIntToBytes(lib.bytesToBigInt(lib.hexToBytes(priv)), 32);
            const privateKey = lib.PrivateKey.fromRaw(d);
            try {
              return {
                value: lib.bytesToHex(
                  privateKey.exchange(lib.PublicKey.fromDer(lib.hexToBytes(pub))),
                ),
              };
            } catch (error) {
              return { error: error instanceof lib.CryptoError ? error.code : String(error) };
            }
          });
        },
        cases.map((c) => ({ priv: c.test.private, pub: c.test.public })),
      );
    }, 120_000);
    it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
      const decision = decideEcdh(c.flags, c.result);
      if (decision.accept) expect(results[i]).toEqual({ value: c.test.shared });
      else {
        expect(results[i]).not.toHaveProperty('value');
        expect(decision.codes).toContain((results[i] as { error: string }).error);
      }
    });
    it('decided all 612 cases in the page, none skipped', () => {
      expect(cases).toHaveLength(612);
      expect(results).toHaveLength(612);
    });
  });

  describe('ECDSA P-256 (Wycheproof ecdsa_secp256r1_sha256_test.json, RFC 6979, node:crypto)', () => {
    const { cases } = loadWycheproof<
      { publicKeyDer: string; sha: string },
      { msg: string; sig: string }
    >('ecdsa_secp256r1_sha256_test.json', ECDSA_POLICY);
    let verdicts: (boolean | string)[];
    beforeAll(async () => {
      verdicts = await page.evaluate(
        (inputs) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          const keys = new Map<string, ReturnType<typeof lib.PublicKey.fromDer>>();
          return inputs.map(({ spki, msg, sig }) => {
            try {
              let key = keys.get(spki);
              if (key === undefined) {
                key = lib.PublicKey.fromDer(lib.hexToBytes(spki));
                keys.set(spki, key);
              }
              return key.verify(lib.hexToBytes(msg), lib.hexToBytes(sig));
            } catch (error) {
              return `threw ${error instanceof lib.CryptoError ? error.code : String(error)}`;
            }
          });
        },
        cases.map((c) => ({ spki: c.group.publicKeyDer, msg: c.test.msg, sig: c.test.sig })),
      );
    }, 120_000);
    it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
      expect(c.group.sha).toBe('SHA-256');
      expect(verdicts[i]).toBe(c.result === 'valid');
    });
    it('decided all 484 cases in the page: valid ones accepted, invalid ones rejected, none skipped', () => {
      expect(cases).toHaveLength(484);
      expect(verdicts).toHaveLength(484);
      expect(cases.filter((c) => c.result === 'acceptable')).toHaveLength(0);
      const valid = cases.filter((c) => c.result === 'valid').length;
      expect(verdicts.filter((v) => v === true)).toHaveLength(valid);
    });

    // RFC 6979 §A.2.5: the P-256 key and the signatures of "sample" and "test" (k from §3.2).
    const A25_KEY = 'C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721';
    const A25 = [
      {
        hash: 'sha256',
        message: 'sample',
        r: 'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716',
        s: 'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
      },
      {
        hash: 'sha384',
        message: 'sample',
        r: '0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719',
        s: '4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954',
      },
      {
        hash: 'sha512',
        message: 'sample',
        r: '8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00',
        s: '2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE',
      },
      {
        hash: 'sha256',
        message: 'test',
        r: 'F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367',
        s: '019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083',
      },
      {
        hash: 'sha384',
        message: 'test',
        r: '83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6',
        s: '8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C',
      },
      {
        hash: 'sha512',
        message: 'test',
        r: '461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04',
        s: '39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55',
      },
    ] as const;

    it('RFC 6979 §A.2.5: the page signs "sample" and "test" with the RFC\'s r and s (SHA-256/384/512), and node:crypto verifies them', async () => {
      const signed = await page.evaluate(
        ({ key, vectors }) => {
          const { ecdhLab: lib } = globalThis as unknown as InPage;
          const privateKey = lib.PrivateKey.fromRaw(lib.hexToBytes(key));
          return {
            spki: lib.bytesToHex(privateKey.publicKey.toDer()),
            signatures: vectors.map(({ hash, message }) => ({
              p1363: lib.bytesToHex(
                privateKey.sign(lib.utf8ToBytes(message), { hash: lib[hash], format: 'p1363' }),
              ),
              der: lib.bytesToHex(privateKey.sign(lib.utf8ToBytes(message), { hash: lib[hash] })),
            })),
          };
        },
        {
          key: A25_KEY.toLowerCase(),
          vectors: A25.map(({ hash, message }) => ({ hash, message })),
        },
      );
      const publicKey = createPublicKey({
        key: Buffer.from(signed.spki, 'hex'),
        format: 'der',
        type: 'spki',
      });
      A25.forEach(({ hash, message, r, s }, i) => {
        const { p1363, der } = signed.signatures[i];
        expect(p1363).toBe(`${r}${s}`.toLowerCase());
        const data = Buffer.from(message);
        expect(
          nodeVerify(
            hash,
            data,
            { key: publicKey, dsaEncoding: 'ieee-p1363' },
            Buffer.from(p1363, 'hex'),
          ),
        ).toBe(true);
        expect(
          nodeVerify(hash, data, { key: publicKey, dsaEncoding: 'der' }, Buffer.from(der, 'hex')),
        ).toBe(true);
      });
    });

    it('a key generated in the page signs (RFC 6979); node:crypto verifies every signature, and refuses a tampered one', async () => {
      const messages = ['', 'hello, ecdsa', 'x'.repeat(1000)];
      const signed = await page.evaluate((inputs) => {
        const { ecdhLab: lib } = globalThis as unknown as InPage;
        const key = lib.generatePrivateKey();
        return {
          spki: lib.bytesToHex(key.publicKey.toDer()),
          signatures: inputs.map((m) => lib.bytesToHex(key.sign(lib.utf8ToBytes(m)))),
          again: inputs.map((m) => lib.bytesToHex(key.sign(lib.utf8ToBytes(m)))),
        };
      }, messages);
      const publicKey = createPublicKey({
        key: Buffer.from(signed.spki, 'hex'),
        format: 'der',
        type: 'spki',
      });
      expect(signed.again).toEqual(signed.signatures); // deterministic
      messages.forEach((m, i) => {
        const signature = Buffer.from(signed.signatures[i], 'hex');
        expect(
          nodeVerify('sha256', Buffer.from(m), { key: publicKey, dsaEncoding: 'der' }, signature),
        ).toBe(true);
        signature[signature.length - 1] ^= 1;
        expect(
          nodeVerify('sha256', Buffer.from(m), { key: publicKey, dsaEncoding: 'der' }, signature),
        ).toBe(false);
      });
    });
  });

  it('no console error, uncaught exception or failed request in the page', () => {
    expect(errors).toEqual([]);
  });
});
