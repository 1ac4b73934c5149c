/**
 * The playground (src/playground/, served by src/cli/playground-server.ts) in Chromium: each
 * view is opened and clicked through as a learner would, and the numbers it shows are checked
 * here, in Node, against the library (the sources under src/) and against node:crypto. Every
 * view must run without a console error, failed request or uncaught exception, and fit a narrow
 * screen without sideways scrolling. A screenshot of each view is written under
 * test/artifacts/playground/ (git-ignored; CI keeps it as an artifact). The WebCrypto benchmark
 * view runs with a small budget and its table is printed.
 */
import { createCipheriv, createECDH, hkdfSync } from 'node:crypto';
import * as fs from 'node:fs';
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
import { formatPoint } from '../../src/explain/format';
import { PrivateKey } from '../../src/keys/private-key';
import { mod, modInverseVartime } from '../../src/math/modular';
import {
  ARTIFACTS,
  type Chromium,
  chromiumAvailable,
  launchChromium,
  watchErrors,
} from '../support/browser';
import { assertDistFresh } from '../support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

const RUN = chromiumAvailable('test/browser/playground.test.ts');
const SHOTS = path.join(ARTIFACTS, 'playground');
const VIEWS = ['field', 'curve', 'scalar', 'ecdh', 'attack', 'bench'] as const;

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
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect({ view, overflow }).toEqual({ view, overflow: 0 });
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
      const overflow = await narrow.evaluate(
        () => document.documentElement.scrollWidth - innerWidth,
      );
      expect({ view, overflow }).toEqual({ view, overflow: 0 });
      await narrow.screenshot({ path: path.join(SHOTS, `narrow-${view}.png`), fullPage: true });
    }
    expect(narrowErrors).toEqual([]);
    await narrow.close();
  });
});
