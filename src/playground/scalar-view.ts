/**
 * View 3, scalar multiplication: the Montgomery ladder stepped bit by bit (the library's
 * traceLadder: the bit, the swap, R0 = j·P, R1 = (j+1)·P and the invariant R1 − R0 = P), on the
 * toy curve and on P-256 (coordinates in hex), with double-and-add beside it and the work each
 * does per bit drawn as bars: the ladder's are all the same height, double-and-add's spell k.
 */
import { bytesToBigInt, randomBytes } from '../index.js';
import {
  type AffinePoint,
  type Curve,
  INFINITY,
  type LadderTrace,
  P256,
  TOY,
  traceLadder,
} from '../math.js';
import { type DoubleAndAddTrace, traceDoubleAndAdd } from './double-and-add.js';
import {
  button,
  field,
  formatNumber,
  formatPoint,
  h,
  notice,
  parseInteger,
  replace,
  svg,
} from './dom.js';
import { randomInRange } from './numbers.js';

type CurveName = 'toy' | 'p256';

interface Run {
  readonly curve: Curve;
  readonly G: AffinePoint;
  readonly ladder: LadderTrace;
  readonly doubleAndAdd: DoubleAndAddTrace;
}

export function mountScalar(root: HTMLElement): void {
  let curveName: CurveName = 'toy';
  let run: Run | undefined;
  let shown = 0; // ladder steps revealed so far

  const kInput = field('k', { value: '13', 'data-testid': 'scalar-k' }, () => restart());
  const curveSelect = h(
    'select',
    { 'data-testid': 'scalar-curve' },
    h('option', { value: 'toy' }, `toy curve (n = ${TOY.n})`),
    h('option', { value: 'p256' }, 'P-256'),
  );
  curveSelect.addEventListener('change', () => {
    curveName = curveSelect.value as CurveName;
    kInput.input.value = curveName === 'toy' ? '13' : randomP256Scalar();
    restart();
  });
  const random = button('random k', { class: 'chip' }, () => {
    kInput.input.value =
      curveName === 'toy' ? String(randomInRange(1n, TOY.n! - 1n)) : randomP256Scalar();
    restart();
  });
  const step = button('step', { class: 'primary', 'data-testid': 'scalar-step' }, () => advance(1));
  const finish = button('run to the end', { 'data-testid': 'scalar-finish' }, () =>
    advance(Number.POSITIVE_INFINITY),
  );
  const reset = button('reset', {}, () => {
    shown = 0;
    render();
  });
  const status = h('div');
  const bits = h('div', { class: 'bits', 'aria-label': 'the bits of k' });
  const ladderCard = h('section', { class: 'card', 'data-testid': 'scalar-ladder' });
  const daaCard = h('section', { class: 'card', 'data-testid': 'scalar-double-and-add' });
  const work = h('section', { class: 'card' });
  root.append(
    h(
      'div',
      { class: 'controls' },
      h('label', { class: 'field' }, h('span', {}, 'curve'), curveSelect),
      kInput.wrapper,
      random,
      step,
      finish,
      reset,
    ),
    status,
    bits,
    h('div', { class: 'grid two' }, ladderCard, daaCard),
    work,
  );

  function randomP256Scalar(): string {
    const k = (bytesToBigInt(randomBytes(32)) % (P256.n! - 1n)) + 1n;
    return `0x${k.toString(16).padStart(64, '0')}`;
  }

  function advance(count: number): void {
    if (run === undefined) return;
    shown = Math.min(run.ladder.steps.length, shown + count);
    render();
  }

  function restart(): void {
    const curve = curveName === 'toy' ? TOY : P256;
    const k = parseInteger(kInput.input.value);
    const bitLength = curve.n!.toString(2).length;
    if (k === undefined || k < 0n || k >= 1n << BigInt(bitLength)) {
      run = undefined;
      replace(
        status,
        notice(
          'error',
          `k must be an integer from 0 to 2^${bitLength} − 1 (the ladder reads ${bitLength} bits, those of n).`,
        ),
      );
      replace(bits);
      replace(ladderCard);
      replace(daaCard);
      replace(work);
      return;
    }
    const G = curve.G!;
    run = {
      curve,
      G,
      ladder: traceLadder(k, G, curve),
      doubleAndAdd: traceDoubleAndAdd(k, G, curve),
    };
    shown = 0;
    replace(
      status,
      h(
        'p',
        { class: 'note' },
        `k·G on ${curveName === 'toy' ? curve.name : 'P-256'}, G = ${formatPoint(G)}. `,
        `The ladder reads ${bitLength} bits whatever k is; press "step" to run one.`,
      ),
    );
    render();
  }

  function render(): void {
    if (run === undefined) return;
    const { ladder, doubleAndAdd } = run;
    const total = ladder.steps.length;
    const bitText = ladder.k.toString(2).padStart(total, '0');
    replace(
      bits,
      ...[...bitText].map((bit, i) =>
        h('span', { class: i < shown - 1 ? 'done' : i === shown - 1 ? 'current' : undefined }, bit),
      ),
    );
    renderLadder(ladder);
    renderDoubleAndAdd(doubleAndAdd, total);
    renderWork(ladder, doubleAndAdd);
  }

  function point(label: string, P: AffinePoint, testid: string): HTMLElement {
    return h(
      'div',
      { class: 'kv' },
      h('span', {}, label),
      h('output', { 'data-testid': testid }, formatPoint(P)),
    );
  }

  function renderLadder(trace: LadderTrace): void {
    const total = trace.steps.length;
    const parts: (HTMLElement | string)[] = [h('h3', {}, 'Montgomery ladder')];
    if (shown === 0) {
      parts.push(
        h('p', { class: 'note' }, 'Start: R0 = O (0·P), R1 = P (1·P), so R1 − R0 = P and j = 0.'),
        h(
          'p',
          { class: 'note' },
          'Each step: swap (R0, R1) if the bit is 1; R1 ← R0 + R1; R0 ← 2·R0; swap back. Then ',
          'j ← 2j + bit, R0 = j·P and R1 = (j+1)·P. In the library the swap is done with a mask, ',
          'never an if.',
        ),
      );
    } else {
      const s = trace.steps[shown - 1];
      parts.push(
        h(
          'p',
          {},
          'step ',
          h('output', { 'data-testid': 'scalar-step-number' }, s.step),
          ` of ${total}: bit `,
          h('output', { 'data-testid': 'scalar-bit' }, s.bit),
          s.swapped
            ? ' = 1: swap, add, double the (old R1), swap back'
            : ' = 0: no swap (the masked swap still runs), add, double R0',
        ),
        h(
          'div',
          { class: 'kv' },
          h('span', {}, 'j'),
          h('output', { 'data-testid': 'scalar-j' }, formatNumber(s.j)),
        ),
        point('R0 = j·P', s.R0, 'scalar-r0'),
        point('R1 = (j+1)·P', s.R1, 'scalar-r1'),
        h(
          'div',
          { class: 'kv' },
          h('span', {}, 'R1 − R0'),
          h('output', { 'data-testid': 'scalar-difference' }, formatPoint(s.difference)),
        ),
        notice(
          s.invariantHolds ? 'ok' : 'error',
          h(
            'span',
            { 'data-testid': 'scalar-invariant' },
            s.invariantHolds ? 'R1 − R0 = P ✓' : 'R1 − R0 ≠ P ✗',
          ),
        ),
      );
      const history = trace.steps.slice(Math.max(0, shown - 8), shown);
      parts.push(
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'steps compact' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'step'),
                h('th', {}, 'bit'),
                h('th', {}, 'swap'),
                h('th', {}, 'j'),
                h('th', {}, 'R0.x'),
                h('th', {}, 'R1 − R0 = P'),
              ),
            ),
            h(
              'tbody',
              {},
              ...history.map((row) =>
                h(
                  'tr',
                  { class: row === s ? 'current' : undefined },
                  h('td', {}, row.step),
                  h('td', {}, row.bit),
                  h('td', {}, row.swapped ? 'yes' : 'no'),
                  h('td', {}, formatNumber(row.j)),
                  h('td', { class: 'mono' }, row.R0 === INFINITY ? 'O' : short(row.R0.x)),
                  h('td', {}, row.invariantHolds ? '✓' : '✗'),
                ),
              ),
            ),
          ),
        ),
      );
      if (shown === total) {
        parts.push(
          h(
            'p',
            { class: 'result' },
            'k·P = R0 = ',
            h('output', { 'data-testid': 'scalar-result' }, formatPoint(trace.result)),
          ),
          notice(
            trace.check.equal ? 'ok' : 'error',
            `agrees with the library's ${trace.check.against}: ${trace.check.equal ? 'yes' : 'NO'}`,
          ),
        );
      }
    }
    replace(ladderCard, ...parts);
  }

  /** A coordinate in one short cell: decimal when small, else its first hex word and the last. */
  function short(value: bigint): string {
    const text = formatNumber(value);
    return text.length > 20 ? `${text.slice(0, 10)}…${text.slice(-8)}` : text;
  }

  function renderDoubleAndAdd(trace: DoubleAndAddTrace, total: number): void {
    // Double-and-add reads only k's significant bits: its step for ladder step i is i − offset.
    const offset = total - trace.steps.length;
    const index = shown - offset;
    const parts: (HTMLElement | string)[] = [h('h3', {}, 'Double-and-add, beside it')];
    if (index <= 0) {
      parts.push(
        h(
          'p',
          { class: 'note' },
          shown === 0
            ? 'R = O. For each bit of k: R ← 2·R, then R ← R + P if the bit is 1.'
            : `Leading zero: double-and-add has not started (it skips to k's first 1 bit), so even the length of k shows.`,
        ),
      );
    } else {
      const s = trace.steps[index - 1];
      parts.push(
        h(
          'p',
          {},
          `bit ${s.bit}: `,
          h('output', { 'data-testid': 'scalar-daa-operations' }, s.operations.join(' + ')),
          s.bit === 1 ? ' (two operations: this bit is a 1)' : ' (one operation: this bit is a 0)',
        ),
        h('div', { class: 'kv' }, h('span', {}, 'j'), h('output', {}, formatNumber(s.j))),
        point('R = j·P', s.R, 'scalar-daa-r'),
      );
    }
    if (shown === total) {
      parts.push(
        notice(
          trace.agrees ? 'ok' : 'error',
          `${trace.doublings} doublings + ${trace.additions} additions; result agrees with scalarMultiply: ${trace.agrees ? 'yes' : 'NO'}`,
        ),
      );
    }
    replace(daaCard, ...parts);
  }

  function renderWork(ladder: LadderTrace, daa: DoubleAndAddTrace): void {
    const total = ladder.steps.length;
    const offset = total - daa.steps.length;
    const width = 1000;
    const bar = width / total;
    const rowHeight = 46;
    const children: SVGElement[] = [];
    const rows: [string, (i: number) => number][] = [
      ['ladder', (i) => (i < shown ? 2 : 0)],
      [
        'double-and-add',
        (i) => (i < shown && i >= offset ? daa.steps[i - offset].operations.length : 0),
      ],
    ];
    rows.forEach(([, height], row) => {
      const base = (row + 1) * (rowHeight + 30) - 4;
      children.push(svg('line', { x1: 0, x2: width, y1: base, y2: base, class: 'axis' }));
      for (let i = 0; i < total; i++) {
        const units = height(i);
        if (units === 0) continue;
        children.push(
          svg('rect', {
            x: i * bar + bar * 0.1,
            width: Math.max(bar * 0.8, 0.8),
            y: base - (units * rowHeight) / 2,
            height: (units * rowHeight) / 2,
            class: units === 2 ? 'work two' : 'work one',
          }),
        );
      }
    });
    const read = daa.steps
      .slice(0, Math.max(0, shown - offset))
      .map((s) => (s.operations.length === 2 ? '1' : '0'))
      .join('');
    replace(
      work,
      h('h3', {}, 'Work per bit: what a stopwatch sees'),
      h(
        'p',
        { class: 'note' },
        'Each bar is one iteration, its height the operations it ran (one bar unit = one addition or doubling). ',
        'Top: the ladder, always one addition and one doubling. Bottom: double-and-add, an extra addition on every 1 bit.',
      ),
      svg(
        'svg',
        {
          viewBox: `0 0 ${width} ${2 * (rowHeight + 30)}`,
          class: 'work-chart',
          role: 'img',
          'aria-label': 'operations per bit',
        },
        svg('text', { x: 0, y: 14, class: 'tick' }, 'Montgomery ladder'),
        svg('text', { x: 0, y: rowHeight + 44, class: 'tick' }, 'double-and-add'),
        ...children,
      ),
      h(
        'p',
        {},
        'Read off the double-and-add bars so far: ',
        h(
          'output',
          { class: 'mono', 'data-testid': 'scalar-leak' },
          read === '' ? '–' : `0b${read}`,
        ),
        shown === total
          ? ` = ${formatNumber(BigInt(`0b${read || '0'}`))}, which is k. The ladder's bars say nothing.`
          : '',
      ),
    );
  }

  restart();
}
