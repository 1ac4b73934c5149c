/**
 * View 6, ecdh-lab against WebCrypto in this browser (bench.ts): a table filled row by row,
 * and the same table as Markdown (the README's form). `?budget=MS&rounds=N` in the page's
 * address preset the controls (bench/browser.mjs uses them).
 */
import { benchMarkdown, type BenchRow, formatMeasure, formatRatio, runBench } from './bench.js';
import { button, field, h, notice, replace } from './dom.js';

export function mountBench(root: HTMLElement): void {
  const query = new URLSearchParams(location.search);
  const budget = field(
    'ms per measurement',
    { value: query.get('budget') ?? '300', inputmode: 'numeric', 'data-testid': 'bench-budget' },
    () => undefined,
  );
  const rounds = field(
    'rounds',
    { value: query.get('rounds') ?? '3', inputmode: 'numeric', 'data-testid': 'bench-rounds' },
    () => undefined,
  );
  const status = h('div', { 'data-testid': 'bench-status' });
  const body = h('tbody');
  const markdown = h('pre', { class: 'mono', 'data-testid': 'bench-markdown' });
  const run = button('run', { class: 'primary', 'data-testid': 'bench-run' }, () => {
    void start();
  });

  async function start(): Promise<void> {
    const budgetMs = Number(budget.input.value);
    const roundCount = Number(rounds.input.value);
    if (
      !(budgetMs >= 1 && budgetMs <= 10000) ||
      !Number.isInteger(roundCount) ||
      roundCount < 1 ||
      roundCount > 15
    ) {
      replace(status, notice('error', 'Choose 1–10000 ms per measurement and 1–15 rounds.'));
      return;
    }
    run.disabled = true;
    replace(body);
    replace(markdown);
    replace(status, notice('info', 'Measuring… (the page is busy while a row runs)'));
    const started = performance.now();
    try {
      const rows: BenchRow[] = await runBench({
        budgetMs,
        rounds: roundCount,
        onRow: (row, index, total) => {
          body.append(
            h(
              'tr',
              {},
              h('td', {}, row.name),
              h('td', { class: 'num' }, formatMeasure(row.lib, row.throughputBytes)),
              h('td', { class: 'num' }, formatMeasure(row.web, row.throughputBytes)),
              h('td', { class: 'num' }, formatRatio(row)),
              h('td', {}, row.agree ? 'same bytes' : 'DIFFERENT'),
            ),
          );
          replace(status, notice('info', `Measured ${index + 1} of ${total} rows…`));
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      replace(
        status,
        notice(
          rows.every((row) => row.agree) ? 'ok' : 'error',
          h('span', { 'data-testid': 'bench-done' }, `Done in ${seconds} s`),
          `: ${rows.length} rows, median of ${roundCount} round${roundCount === 1 ? '' : 's'} of ${budgetMs} ms each. `,
          rows.every((row) => row.agree)
            ? 'Both give the same bytes on every row.'
            : 'Some rows DISAGREE.',
        ),
      );
      replace(
        markdown,
        `${navigator.userAgent}; crossOriginIsolated: ${globalThis.crossOriginIsolated}; median of ${roundCount} rounds, ${budgetMs} ms each.\n\n${benchMarkdown(rows)}\n`,
      );
    } catch (error) {
      replace(status, notice('error', `The benchmark stopped: ${(error as Error).message}`));
    } finally {
      run.disabled = false;
    }
  }

  root.append(
    h('div', { class: 'controls' }, budget.wrapper, rounds.wrapper, run),
    h(
      'p',
      { class: 'note' },
      `This browser: ${navigator.userAgent}. Cross-origin isolated (fine timer): ${globalThis.crossOriginIsolated ? 'yes' : 'no'}.`,
    ),
    status,
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'bench', 'data-testid': 'bench-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'operation'),
            h('th', {}, 'ecdh-lab'),
            h('th', {}, 'WebCrypto'),
            h('th', {}, '× (ecdh-lab speed / WebCrypto)'),
            h('th', {}, 'check'),
          ),
        ),
        body,
      ),
    ),
    h('details', {}, h('summary', {}, 'as Markdown'), markdown),
  );
}
