// @ts-check
/**
 * `npm run bench:browser [-- --budget MS] [--rounds N]`
 *
 * ecdh-lab against the browser's own WebCrypto, in Chromium: opens the playground's benchmark
 * view (src/playground/bench.ts: SHA-256, AES-256-GCM, P-256 ECDH, each row checked to give
 * the same bytes first), runs it, and prints its table in the README's Markdown form.
 */
import { withPlayground } from './chromium.mjs';

function parse(argv) {
  const options = { budget: 1000, rounds: 5, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--budget') options.budget = Number(argv[++i]);
    else if (a === '--rounds') options.rounds = Number(argv[++i]);
    else if (a === '--help' || a === '-h') options.help = true;
    else throw new Error(`bench:browser: unknown argument ${a}`);
  }
  return options;
}

const options = parse(process.argv.slice(2));
if (options.help) {
  console.log(
    'usage: npm run bench:browser -- [--budget MS] [--rounds N]\n\n' +
      '  --budget MS   timing per implementation, per row and round (default 1000)\n' +
      '  --rounds N    interleaved rounds per row; the median is reported (default 5)',
  );
  process.exit(0);
}

const markdown = await withPlayground({ width: 1280, height: 800 }, async (page, url) => {
  await page.goto(
    `${url}dist/esm/playground/?budget=${options.budget}&rounds=${options.rounds}#bench`,
  );
  await page.waitForSelector('html[data-ready]');
  await page.getByTestId('bench-run').click();
  await page.getByTestId('bench-done').waitFor({ timeout: 30 * 60 * 1000 });
  return page.getByTestId('bench-markdown').textContent();
});
console.log(
  `ecdh-lab vs WebCrypto, Chromium on ${process.platform} ${process.arch}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(markdown);
