// @ts-check
/**
 * Chromium for the npm scripts that drive the playground in a browser (bench/browser.mjs and
 * docs/tools/playground-screenshot.mjs): Debian's `chromium` package through playwright-core,
 * launched headless with a fresh profile and the same flags as the tests
 * (test/support/browser.ts), and the playground's server from the built package (dist/).
 * Nothing is downloaded; without Chromium the scripts stop and say how to install it.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the playground's server (dist/cjs/cli/playground-server.js) and Chromium, runs
 * `task(page, url)`, and closes both whatever happens.
 * @template T
 * @param {{ width: number, height: number }} viewport
 * @param {(page: import('playwright-core').Page, url: string) => Promise<T>} task
 * @returns {Promise<T>}
 */
export async function withPlayground(viewport, task) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const require = createRequire(import.meta.url);
  const { startPlaygroundServer } = require('../dist/cjs/cli/playground-server.js');
  const server = await startPlaygroundServer({ port: 0 });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      return await task(page, server.url);
    } finally {
      await context.close();
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}
