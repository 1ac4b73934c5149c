// @ts-check
/**
 * `npm run playground:screenshot` regenerates docs/screenshots/playground.png, the picture of
 * the playground in the README: the curve view at 1280 × 800 with the chord through
 * P = (4, 27) and Q = (147, 149) on the toy curve and their sum, in Chromium (bench/chromium.mjs).
 * The tests take their own screenshots elsewhere (test/artifacts/, not committed); this one
 * changes only when someone runs this command.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPlayground } from '../../bench/chromium.mjs';

const OUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'screenshots',
  'playground.png',
);

await withPlayground({ width: 1280, height: 800 }, async (page, url) => {
  await page.goto(`${url}#curve`);
  await page.waitForSelector('html[data-ready]');
  for (const [x, y] of [
    [4, 27],
    [147, 149],
  ]) {
    await page.locator(`[data-testid=curve-point][data-x="${x}"][data-y="${y}"]`).click();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: OUT });
});
console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
