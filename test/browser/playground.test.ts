/**
 * The playground (src/playground/, served by src/cli/playground-server.ts) in Chromium: each
 * view is opened and clicked through as a learner would, and the numbers it shows are checked
 * here, in Node, against the library (the sources under src/) and against node:crypto. Every
 * view must run without a console error, failed request or uncaught exception, and fit a narrow
 * screen (390 × 844) without sideways scrolling (scrollWidth ≤ clientWidth). A screenshot of
 * each view is written under test/artifacts/playground/ (git-ignored; CI keeps it as an
 * artifact). The WebCrypto benchmark view runs with a small budget and its table is printed.
 * How long each view takes to load (navigation start to the view built and listening, as the
 * page measures it) is printed, not asserted: only a generous bound, against a page that hangs.
 */
import {
  createCipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  verify as nodeVerify,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/cli/playground-server';
import {
  type AffinePoint,
  isOnCurve,
  pointAdd,
  pointDouble,
  pointNegate,
  scalarMultiply,
} from '../../src/curve/affine';
import { G as P256_G, P256 } from '../../src/curve/p256';
import { TOY } from '../../src/curve/toy';
import { utf8ToBytes } from '../../src/bytes';
import { ecdsaSignReference, ecdsaVerifyReference } from '../../src/ecdsa/reference';
import { bits2int } from '../../src/ecdsa/rfc6979';
import { decodeSignature } from '../../src/ecdsa/signature';
import { traceEcdsa } from '../../src/explain/ecdsa';
import { formatNumber, formatPoint } from '../../src/explain/format';
import { sha256 } from '../../src/hash/sha256';
import { sha384 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { mod, modInverseVartime } from '../../src/math/modular';
import { scalarToBytes } from '../../src/math/scalar';
import {
  ARTIFACTS,
  type Chromium,
  chromiumAvailable,
  launchChromium,
  watchErrors,
} from '../support/browser';
import { assertDistFresh } from '../support/dist';
import { examplesOf, mismatch, parseStated } from '../support/examples';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

const RUN = chromiumAvailable('test/browser/playground.test.ts');
const SHOTS = path.join(ARTIFACTS, 'playground');
const VIEWS = ['field', 'curve', 'scalar', 'ecdh', 'attack', 'ecdsa', 'bench'] as const;
/** The last thing a view computes after its first paint (its P-256 part), where it has one. */
const COMPLETE: Partial<Record<(typeof VIEWS)[number], string>> = {
  ecdh: 'ecdh-decrypted',
  ecdsa: 'ecdsa-reuse-p256-check',
};
/** Whether the page scrolls sideways: its content wider than its viewport. */
const overflows = (target: Page) =>
  target.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );

(RUN ? describe : describe.skip)('the playground in Chromium', () => {
  let server: PlaygroundServer;
  let browser: Chromium;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startPlaygroundServer({ port: 0 });
    browser = await launchChromium({ width: 1280, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a view in a fresh page and waits until the page says it is ready. */
  async function open(view: string): Promise<void> {
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await page.goto(`${server.url}#${view}`);
    await page.waitForSelector('html[data-ready]');
    expect(await page.getAttribute('html', 'data-view')).toBe(view);
  }

  /** The text of the element with this data-testid (the first one). */
  const text = async (testid: string) =>
    (await page.getByTestId(testid).first().textContent()) ?? '';

  /** Screenshot; the page must not scroll sideways and must have logged no error. */
  async function finish(view: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${view}.png`), fullPage: true });
    expect({ view, overflows: await overflows(page) }).toEqual({ view, overflows: false });
    expect(errors).toEqual([]);
    await page.close();
  }

  const point = (P: AffinePoint) => formatPoint(P);

  it('/ leads to the page, which loads and reports how long it took', async () => {
    await open('field');
    expect(page.url()).toBe(`${server.url}dist/esm/playground/#field`);
    const loaded = (await page.locator('#loaded').textContent()) ?? '';
    expect(loaded).toMatch(/^Loaded and computed in \d+ ms\.$/);
    console.log(`playground: ${loaded} (Chromium, this machine, as loaded now)`);
    await page.close();
  });

  it('each view, opened in a fresh page: the time from navigation to the view being interactive (printed)', async () => {
    const rows: string[] = [];
    let slowest = 0;
    for (const view of VIEWS) {
      const fresh = await browser.context.newPage();
      const freshErrors = watchErrors(fresh);
      await fresh.goto(`${server.url}dist/esm/playground/#${view}`);
      await fresh.waitForSelector('html[data-ready]');
      // data-ready-ms: performance.now() when the view is built and listening (main.ts).
      const ready = Number(await fresh.getAttribute('html', 'data-ready-ms'));
      const built = Number(
        await fresh.getAttribute(`section[data-view="${view}"]`, 'data-mount-ms'),
      );
      let complete = '';
      const last = COMPLETE[view];
      if (last !== undefined) {
        await fresh.getByTestId(last).first().waitFor();
        complete = `, its P-256 part done by ${Math.round(await fresh.evaluate(() => performance.now()))} ms`;
      }
      rows.push(
        `  ${view.padEnd(7)} interactive at ${ready} ms (view built in ${built} ms)${complete}`,
      );
      slowest = Math.max(slowest, ready);
      expect(freshErrors).toEqual([]);
      await fresh.close();
    }
    const [load1] = os.loadavg();
    console.log(
      `playground load times in Chromium (navigation start → view interactive; ${os.cpus().length} CPUs, load average ${load1.toFixed(1)}):\n${rows.join('\n')}`,
    );
    expect(slowest).toBeLessThan(30_000); // a page that hangs, not a speed test
  }, 180_000);

  it('field: sums, products, both inverses and square roots, as the library computes them', async () => {
    await open('field');
    const p = 223n;
    const [a, b] = [17n, 5n];
    expect(await text('field-sum')).toBe(String(mod(a + b, p)));
    expect(await text('field-difference')).toBe(String(mod(a - b, p)));
    expect(await text('field-product')).toBe(String(mod(a * b, p)));
    expect(await text('field-quotient')).toBe(String(mod(a * modInverseVartime(b, p), p)));
    const inverse = String(modInverseVartime(a, p));
    expect(await text('field-inverse-fermat')).toBe(inverse);
    expect(await text('field-inverse-euclid')).toBe(inverse);
    const roots = (x: bigint, q: bigint) =>
      Array.from({ length: Number(q) }, (_, y) => BigInt(y)).filter(
        (y) => mod(y * y - x, q) === 0n,
      );
    expect(await text('field-sqrt')).toBe(roots(a, p).join(', ') || 'none');
    // p ≡ 1 (mod 4): Tonelli–Shanks; a whole table for a small p; a square and a non-square.
    await page.getByTestId('field-p').fill('17');
    await page.getByTestId('field-a').fill('2');
    expect(await text('field-sqrt')).toBe(roots(2n, 17n).join(', '));
    expect(await page.locator('table.op-table').first().locator('tbody tr').count()).toBe(17);
    await page.getByTestId('field-a').fill('3');
    expect(await text('field-sqrt')).toBe('none');
    // A cell click picks a and b.
    await page
      .locator('table.op-table')
      .nth(1)
      .locator('tbody tr')
      .nth(4)
      .locator('td')
      .nth(6)
      .click();
    expect(await text('field-product')).toBe(String(mod(4n * 6n, 17n)));
    // Not a prime: refused, with the reason.
    await page.getByTestId('field-p').fill('221');
    await expect(page.getByText('221 = 13 · 17 is not a prime').count()).resolves.toBe(1);
    await page.getByTestId('field-p').fill('223');
    await finish('field');
  });

  it('curve: two points give the chord and the sum, one the tangent and the double; O; refusal of a singular curve', async () => {
    await open('curve');
    const P = { x: 4n, y: 27n }; // G of the toy curve
    const Q = { x: 147n, y: 149n };
    expect(isOnCurve(Q, TOY)).toBe(true);
    expect(await page.getByTestId('curve-point').count()).toBe(232);
    const click = (R: AffinePoint) =>
      page.locator(`[data-testid=curve-point][data-x="${R.x}"][data-y="${R.y}"]`).click();

    await click(P);
    expect(await text('curve-result')).toBe(point(pointDouble(P, TOY)));
    expect(await text('curve-order-p')).toBe('233');
    const tangent = mod((3n * P.x * P.x + TOY.a) * modInverseVartime(2n * P.y, TOY.p), TOY.p);
    expect(await text('curve-lambda')).toBe(String(tangent));
    await page.getByTestId('curve-walk').click();
    await page.getByTestId('curve-walk').click();
    await expect(
      page.getByText(`3·P = ${point(scalarMultiply(3n, P, TOY))}`).count(),
    ).resolves.toBe(1);

    await click(Q);
    expect(await text('curve-result')).toBe(point(pointAdd(P, Q, TOY)));
    const chord = mod((Q.y - P.y) * modInverseVartime(Q.x - P.x, TOY.p), TOY.p);
    expect(await text('curve-lambda')).toBe(String(chord));
    await page.screenshot({ path: path.join(SHOTS, 'curve-chord.png') });

    // Third click starts again: P and −P meet at O; P + O = P.
    await click(P);
    await click(pointNegate(P, TOY));
    expect(await text('curve-result')).toBe('O');
    await click(P);
    await page.getByTestId('curve-infinity').click();
    expect(await text('curve-result')).toBe(point(P));

    // Another curve: every point drawn, #E by brute force.
    await page.getByTestId('curve-p').fill('17');
    await page.getByTestId('curve-a').fill('2');
    await page.getByTestId('curve-b').fill('2');
    let count = 0;
    for (let x = 0n; x < 17n; x++)
      for (let y = 0n; y < 17n; y++) if (isOnCurve({ x, y }, { p: 17n, a: 2n, b: 2n })) count++;
    expect(await page.getByTestId('curve-point').count()).toBe(count);
    expect(await text('curve-status')).toContain(`#E = ${count + 1} points`);

    // Singular: y² = x³ (a = b = 0) is refused with the reason.
    await page.getByTestId('curve-a').fill('0');
    await page.getByTestId('curve-b').fill('0');
    expect(await text('curve-refusal')).toMatch(/^singular: 4a³ \+ 27b² ≡ 0 \(mod 17\)/);
    expect(await page.getByTestId('curve-point').count()).toBe(0);
    await page.getByTestId('curve-a').fill('-3');
    await page.getByTestId('curve-b').fill('8');
    await page.getByTestId('curve-p').fill('223');
    await finish('curve');
  });

  it('scalar: three ladder steps keep R0 = j·P, R1 = (j+1)·P and R1 − R0 = P; double-and-add leaks k', async () => {
    await open('scalar');
    const k = 200n; // 0b11001000 over the 8 bits of n = 233
    await page.getByTestId('scalar-k').fill(String(k));
    for (let step = 1; step <= 3; step++) {
      await page.getByTestId('scalar-step').click();
      const j = k >> BigInt(8 - step);
      expect(await text('scalar-step-number')).toBe(String(step));
      expect(await text('scalar-bit')).toBe(String(j & 1n));
      expect(await text('scalar-j')).toBe(String(j));
      expect(await text('scalar-r0')).toBe(point(scalarMultiply(j, TOY.G!, TOY)));
      expect(await text('scalar-r1')).toBe(point(scalarMultiply(j + 1n, TOY.G!, TOY)));
      expect(await text('scalar-difference')).toBe(point(TOY.G!));
      expect(await text('scalar-invariant')).toBe('R1 − R0 = P ✓');
      expect(await text('scalar-daa-operations')).toBe(j & 1n ? 'double + add' : 'double');
    }
    await page.getByTestId('scalar-finish').click();
    expect(await text('scalar-result')).toBe(point(scalarMultiply(k, TOY.G!, TOY)));
    expect(await text('scalar-leak')).toBe(`0b${k.toString(2)}`);
    await page.screenshot({ path: path.join(SHOTS, 'scalar-toy.png'), fullPage: true });

    // P-256: a random k (read back from the page), coordinates in hex.
    await page.getByTestId('scalar-curve').selectOption('p256');
    const k256 = BigInt((await page.getByTestId('scalar-k').inputValue()).replace(/\s/g, ''));
    for (let step = 1; step <= 3; step++) await page.getByTestId('scalar-step').click();
    const j = k256 >> 253n;
    expect(await text('scalar-r0')).toBe(point(scalarMultiply(j, P256_G, P256)));
    expect(await text('scalar-r1')).toBe(point(scalarMultiply(j + 1n, P256_G, P256)));
    expect(await text('scalar-difference')).toBe(point(P256_G));
    await page.getByTestId('scalar-finish').click();
    expect(await text('scalar-result')).toBe(point(scalarMultiply(k256, P256_G, P256)));
    await finish('scalar');
  });

  it('ecdh: the toy exchange, then P-256, HKDF and AES-GCM as node:crypto computes them; a flipped byte gives AUTH_FAILED', async () => {
    await open('ecdh');
    const [dA, dB] = [17n, 42n];
    const G = TOY.G!;
    expect(await text('ecdh-toy-qa')).toBe(point(scalarMultiply(dA, G, TOY)));
    expect(await text('ecdh-toy-qb')).toBe(point(scalarMultiply(dB, G, TOY)));
    const shared = scalarMultiply(dA * dB, G, TOY);
    expect(await text('ecdh-toy-alice')).toBe(point(shared));
    expect(await text('ecdh-toy-bob')).toBe(point(shared));
    expect(await text('ecdh-toy-z')).toBe(String(shared.x));

    const hex = async (testid: string) =>
      Buffer.from((await text(testid)).replace(/\s/g, ''), 'hex');
    const [da, db, qa, qb, z] = await Promise.all(
      ['ecdh-da', 'ecdh-db', 'ecdh-qa', 'ecdh-qb', 'ecdh-z-alice'].map(hex),
    );
    expect(Buffer.from(PrivateKey.fromRaw(da).publicKey.toRaw())).toEqual(qa);
    expect(Buffer.from(PrivateKey.fromRaw(db).publicKey.toRaw())).toEqual(qb);
    const node = createECDH('prime256v1');
    node.setPrivateKey(da);
    expect(node.computeSecret(qb)).toEqual(z);
    expect(await hex('ecdh-z-bob')).toEqual(z);
    const key = Buffer.from(hkdfSync('sha256', z, Buffer.alloc(0), 'ecdh-lab playground', 32));
    expect(await hex('ecdh-key')).toEqual(key);
    const nonce = await hex('ecdh-nonce');
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const sealed = Buffer.concat([
      cipher.update('attack at dawn'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(await page.getByTestId('ecdh-sealed').getAttribute('data-hex')).toBe(
      sealed.toString('hex'),
    );
    expect(await text('ecdh-decrypted')).toBe('attack at dawn');

    // Tamper: a ciphertext byte, then back, then a tag byte.
    const bytes = page.getByTestId('ecdh-byte');
    expect(await bytes.count()).toBe(sealed.length);
    await bytes.nth(0).click();
    expect(await text('ecdh-auth')).toBe('AUTH_FAILED');
    expect(await page.getByTestId('ecdh-decrypted').count()).toBe(0);
    await bytes.nth(0).click();
    expect(await text('ecdh-decrypted')).toBe('attack at dawn');
    await bytes.nth(sealed.length - 1).click();
    expect(await text('ecdh-auth')).toBe('AUTH_FAILED');
    await finish('ecdh');
  });

  it('attack: the naive server gives its key away; ecdh-lab refuses every point; on P-256 INVALID_POINT', async () => {
    await open('attack');
    // The plan is the one chapter 5 of the tour prints (docs/tour/05-ecdh.md).
    const plan = await page.getByTestId('attack-plan').locator('tbody tr').allInnerTexts();
    expect(plan.map((row) => row.split('\t'))).toEqual([
      ['0', '224', '2', '(0, 0)'],
      ['1', '213', '3', '(27, 47)'],
      ['3', '234', '13', '(151, 148)'],
      ['5', '210', '5', '(156, 173)'],
    ]);
    for (let i = 0; i < 4; i++) await page.getByTestId('attack-send').click();
    await page.getByTestId('attack-recover').click();
    await page.getByTestId('attack-reveal').check();
    const d = BigInt(await text('attack-secret'));
    expect(await text('attack-public')).toBe(point(scalarMultiply(d, TOY.G!, TOY)));
    expect(await text('attack-recovered')).toBe(String(d));
    expect(await text('attack-validated')).toContain('ecdh-lab answered 0 of 4 points');
    expect(await page.locator('td.refused').count()).toBe(4);

    expect(await text('attack-p256-refusal')).toBe('INVALID_POINT');
    const leak = (await page.getByTestId('attack-p256-leak').locator('..').textContent()) ?? '';
    const [, leaked, real] = /d mod 3 = (\d) \(really (\d)\)/.exec(leak) ?? [];
    expect(leaked).toBe(real);
    await finish('attack');
  });

  it('ecdsa: the toy signature step by step and a tampered one refused; P-256 signatures node:crypto verifies; the key from a reused k, on both curves', async () => {
    await open('ecdsa');
    const n = TOY.n!;
    // The toy curve: the page's trace is the library's (d = 17, "hello, ecdsa": chapter 9).
    const t = traceEcdsa('toy', { d: 17n, message: 'hello, ecdsa' });
    expect(await text('ecdsa-toy-q')).toBe(point(t.Q));
    expect(await text('ecdsa-toy-e')).toBe(String(t.e));
    expect(await text('ecdsa-toy-k')).toBe(String(t.k));
    expect(await text('ecdsa-toy-r')).toBe(String(t.r));
    expect(await text('ecdsa-toy-sig')).toBe(`${t.r}, ${t.s}`);
    expect(ecdsaVerifyReference(t.e, t.Q, t.r, t.s, TOY)).toBe(true);
    expect(await text('ecdsa-toy-valid')).toBe('valid');
    // s + 1: refused, as the reference verifier refuses it.
    await page.getByTestId('ecdsa-toy-tamper').click();
    expect(await page.getByTestId('ecdsa-toy-vs').inputValue()).toBe(String(mod(t.s + 1n, n)));
    expect(ecdsaVerifyReference(t.e, t.Q, t.r, mod(t.s + 1n, n), TOY)).toBe(false);
    expect(await text('ecdsa-toy-valid')).toBe('invalid');
    await page.getByTestId('ecdsa-toy-restore').click();
    expect(await text('ecdsa-toy-valid')).toBe('valid');
    // Another message (whose e differs from the signed one's): refused.
    const other = 'hello, ecdsb';
    const e2 = bits2int(sha256(utf8ToBytes(other)), n);
    expect(e2).not.toBe(t.e);
    await page.getByTestId('ecdsa-toy-vmessage').fill(other);
    expect(await text('ecdsa-toy-ve')).toBe(String(e2));
    expect(await text('ecdsa-toy-valid')).toBe('invalid');

    // P-256: the page's key signs as the library does in Node (RFC 6979), and node:crypto
    // verifies the signature, for SHA-256 and then SHA-384.
    const hexOf = async (testid: string) =>
      Buffer.from((await text(testid)).replace(/\s/g, ''), 'hex');
    const [d, q] = await Promise.all([hexOf('ecdsa-d'), hexOf('ecdsa-q')]);
    const key = PrivateKey.fromRaw(d);
    expect(Buffer.from(key.publicKey.toRaw())).toEqual(q);
    const nodeKey = createPublicKey({
      key: Buffer.from(PublicKey.fromRaw(q).toDer()),
      format: 'der',
      type: 'spki',
    });
    const message = utf8ToBytes('pay Bob 10 coins');
    const shown = async () =>
      Buffer.from(
        (await page.getByTestId('ecdsa-signature').getAttribute('data-hex')) ?? '',
        'hex',
      );
    for (const [name, hash, nodeHash] of [
      ['SHA-256', sha256, 'sha256'],
      ['SHA-384', sha384, 'sha384'],
    ] as const) {
      await page.getByTestId('ecdsa-hash').selectOption(name);
      await expect(text('ecdsa-verified')).resolves.toBe('valid');
      const signature = await shown();
      expect(signature).toEqual(Buffer.from(key.sign(message, { hash })));
      expect(nodeVerify(nodeHash, message, { key: nodeKey, dsaEncoding: 'der' }, signature)).toBe(
        true,
      );
      const { r, s } = decodeSignature(signature);
      expect(await text('ecdsa-r')).toBe(formatNumber(r));
      expect(await text('ecdsa-s')).toBe(formatNumber(s));
    }
    // Flip a bit of s's last byte: the page and node:crypto both refuse; undo; another message.
    const bytes = page.getByTestId('ecdsa-sig-byte');
    await bytes.nth((await bytes.count()) - 1).click();
    expect(await text('ecdsa-verified')).toBe('invalid');
    const flipped = await shown();
    expect(nodeVerify('sha384', message, { key: nodeKey, dsaEncoding: 'der' }, flipped)).toBe(
      false,
    );
    await page.getByTestId('ecdsa-untamper').click();
    expect(await text('ecdsa-verified')).toBe('valid');
    await page.getByTestId('ecdsa-vmessage').fill('pay Bob 1000 coins');
    expect(await text('ecdsa-verified')).toBe('invalid');

    // A reused k on the toy curve (d = 17, k = 100: the tour's example): the page's two
    // signatures are the reference signer's, and it recovers k and d.
    const [m1, m2] = ['pay Bob 10 coins', 'pay Bob 20 coins'];
    const eToy = [m1, m2].map((m) => bits2int(sha256(utf8ToBytes(m)), n));
    const [toy1, toy2] = eToy.map((e) => ecdsaSignReference(e, 17n, 100n, TOY));
    expect(await text('ecdsa-reuse-toy-r1')).toBe(String(toy1.r));
    expect(await text('ecdsa-reuse-toy-r2')).toBe(String(toy2.r));
    expect(await text('ecdsa-reuse-toy-s1')).toBe(String(toy1.s));
    expect(await text('ecdsa-reuse-toy-s2')).toBe(String(toy2.s));
    expect(await text('ecdsa-reuse-toy-k')).toBe('100');
    expect(await text('ecdsa-reuse-toy-d-found')).toBe('17');
    expect(await text('ecdsa-reuse-toy-check')).toBe('yes');

    // A reused k on P-256, with a random key: from what the page publishes, Node finds the same
    // k and d, d·G is the public key, and node:crypto accepts both signatures.
    const big = async (testid: string) => BigInt((await text(testid)).replace(/\s/g, ''));
    const N = P256.n!;
    const [r1, r2, s1, s2] = await Promise.all(
      ['r1', 'r2', 's1', 's2'].map((name) => big(`ecdsa-reuse-p256-${name}`)),
    );
    expect(r1).toBe(r2);
    const [e1, e2p] = [m1, m2].map((m) => bits2int(sha256(utf8ToBytes(m)), N));
    const kFound = mod((e1 - e2p) * modInverseVartime(s1 - s2, N), N);
    const dFound = mod((s1 * kFound - e1) * modInverseVartime(r1, N), N);
    expect(await big('ecdsa-reuse-p256-k')).toBe(kFound);
    expect(await big('ecdsa-reuse-p256-d-found')).toBe(dFound);
    expect(await big('ecdsa-reuse-p256-secret-d')).toBe(dFound);
    expect(await text('ecdsa-reuse-p256-check')).toBe('yes');
    const Q = PrivateKey.fromRaw(scalarToBytes(dFound)).publicKey;
    expect(await text('ecdsa-reuse-p256-q')).toBe(point(Q.point));
    const qKey = createPublicKey({ key: Buffer.from(Q.toDer()), format: 'der', type: 'spki' });
    for (const [m, sig] of [
      [m1, { r: r1, s: s1 }],
      [m2, { r: r2, s: s2 }],
    ] as const) {
      const p1363 = Buffer.concat([scalarToBytes(sig.r), scalarToBytes(sig.s)]);
      expect(
        nodeVerify('sha256', Buffer.from(m), { key: qKey, dsaEncoding: 'ieee-p1363' }, p1363),
      ).toBe(true);
    }
    await finish('ecdsa');
  });

  it('bench: ecdh-lab and WebCrypto give the same bytes on every row; the table (a short run) is printed', async () => {
    await open('bench');
    await page.getByTestId('bench-budget').fill('20');
    await page.getByTestId('bench-rounds').fill('1');
    await page.getByTestId('bench-run').click();
    await page.getByTestId('bench-done').waitFor({ timeout: 120_000 });
    const rows = page.getByTestId('bench-table').locator('tbody tr');
    expect(await rows.count()).toBe(7);
    for (const row of await rows.allInnerTexts()) expect(row).toMatch(/same bytes$/);
    const markdown = await page.getByTestId('bench-markdown').textContent();
    console.log(
      `ecdh-lab vs WebCrypto in Chromium (20 ms per cell, 1 round: a smoke run, not figures)\n${markdown}`,
    );
    await finish('bench');
  }, 180_000);

  it("src/playground/dom.ts's @examples give here the outerHTML they state (test/examples.test.ts checks them on a fake DOM)", async () => {
    await open('field');
    const source = fs.readFileSync(path.join(__dirname, '../../src/playground/dom.ts'), 'utf8');
    const examples = examplesOf(source);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const module = `${server.url}dist/esm/playground/dom.js`;
    for (const example of examples) {
      const [, expression, comment] = /^(.*?)\s*\/\/(.*)$/.exec(example) ?? [];
      const stated = parseStated(comment);
      expect({ example, stated: stated !== undefined }).toEqual({ example, stated: true });
      const actual = await page.evaluate(
        `import(${JSON.stringify(module)}).then(({ h, svg }) => ${expression})`,
      );
      expect({ example, mismatch: mismatch(actual, stated!) }).toEqual({
        example,
        mismatch: undefined,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a narrow screen (390 × 844): no view scrolls sideways', async () => {
    const narrow = await browser.context.newPage();
    const narrowErrors = watchErrors(narrow);
    await narrow.setViewportSize({ width: 390, height: 844 });
    await narrow.goto(server.url);
    await narrow.waitForSelector('html[data-ready]');
    for (const view of VIEWS) {
      await narrow.evaluate((name) => {
        location.hash = name; // the page switches views on hashchange, without reloading
      }, view);
      await narrow.waitForSelector(`html[data-view="${view}"]`);
      const last = COMPLETE[view];
      if (last !== undefined) await narrow.getByTestId(last).first().waitFor();
      expect({ view, overflows: await overflows(narrow) }).toEqual({ view, overflows: false });
      await narrow.screenshot({ path: path.join(SHOTS, `narrow-${view}.png`), fullPage: true });
    }
    expect(narrowErrors).toEqual([]);
    await narrow.close();
  });
});
