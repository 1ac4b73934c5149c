/**
 * A real browser for the tests: Debian's `chromium` package, driven by playwright-core through
 * `executablePath` (no browser is ever downloaded; `.ci/run` installs the package under CI).
 *
 * One launch per test file (launchChromium in beforeAll, close in afterAll), headless, with a
 * fresh profile directory that close() deletes. The flags keep Chromium from reaching for the
 * network on its own (component updates, sync, field trials, QUIC): the tests need nothing but
 * 127.0.0.1. bench/chromium.mjs launches it the same way for the npm scripts.
 *
 * Under CI=true a missing Chromium is a failure; elsewhere the browser suites skip with the
 * reason printed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium binary (CHROMIUM_PATH overrides). */
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

/** Where the browser tests write screenshots (git-ignored; CI keeps it as an artifact). */
export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

/**
 * Whether the browser suites can run. Under CI=true a missing Chromium throws (the suite
 * fails); elsewhere the reason is printed and false returned.
 */
export function chromiumAvailable(suite: string): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const reason = `${suite} did nothing: ${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it to run`);
  console.warn(reason);
  return false;
}

export interface Chromium {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile (one per test file). */
export async function launchChromium(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Chromium> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: 120_000,
    });
    return {
      context,
      close: async () => {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Records what went wrong in a page: console errors, uncaught exceptions, failed requests and
 * HTTP errors. Check the returned array at the end of a test (it should be empty).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}
