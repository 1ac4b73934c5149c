/**
 * View 2, the curve: every point of y² = x³ + a·x + b over F_p drawn on the p × p grid (the toy
 * curve by default). Click one point for the tangent and its double, two for the chord and
 * their sum; the line over F_p is drawn as its p points, and it meets the curve a third time at
 * −(P + Q), whose reflection is the sum. The panel shows λ, x3 and y3 with their numbers, the
 * order of the point picked, and a walk P, 2P, 3P, … until the point at infinity. Changing p, a
 * or b redraws; a singular curve is refused with the reason.
 */
import { INFINITY, type AffinePoint, pointAdd, pointNegate, TOY } from '../math.js';
import { button, field, formatPoint, h, notice, parseInteger, replace, svg } from './dom.js';
import { formatFactors } from './numbers.js';
import {
  checkCurve,
  curvePoints,
  lineThrough,
  linePoints,
  pointOrder,
  samePoint,
  type SmallCurve,
} from './small-curve.js';

/** The drawing's size in SVG units, and its margin for the axis labels. */
const SIZE = 1000;
const MARGIN = 44;

interface Presets {
  readonly label: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
}

const PRESETS: readonly Presets[] = [
  { label: 'the toy curve', p: TOY.p, a: TOY.a - TOY.p, b: TOY.b },
  { label: 'y² = x³ + 2x + 2 over F_17', p: 17n, a: 2n, b: 2n },
  { label: 'y² = x³ + 7 over F_223', p: 223n, a: 0n, b: 7n },
  { label: 'singular: y² = x³', p: 223n, a: 0n, b: 0n },
];

export function mountCurve(root: HTMLElement): void {
  let curve: SmallCurve | undefined;
  let points: AffinePoint[] = [];
  let groupOrder = 0n;
  let selected: AffinePoint[] = [];
  let walk: { k: bigint; point: AffinePoint; visited: AffinePoint[] } | undefined;

  const inputs = {
    p: field('p', { value: String(TOY.p), inputmode: 'numeric', 'data-testid': 'curve-p' }, () =>
      update(),
    ),
    a: field(
      'a',
      { value: String(TOY.a - TOY.p), inputmode: 'numeric', 'data-testid': 'curve-a' },
      () => update(),
    ),
    b: field('b', { value: String(TOY.b), inputmode: 'numeric', 'data-testid': 'curve-b' }, () =>
      update(),
    ),
  };
  const presets = h(
    'div',
    { class: 'presets' },
    ...PRESETS.map((preset) =>
      button(preset.label, { class: 'chip' }, () => {
        inputs.p.input.value = String(preset.p);
        inputs.a.input.value = String(preset.a);
        inputs.b.input.value = String(preset.b);
        update();
      }),
    ),
  );
  const status = h('div', { 'data-testid': 'curve-status' });
  const plot = svg('svg', {
    viewBox: `0 0 ${SIZE + 2 * MARGIN} ${SIZE + 2 * MARGIN}`,
    class: 'plot',
    role: 'img',
    'data-testid': 'curve-plot',
  });
  const panel = h('div', { class: 'stack', 'data-testid': 'curve-panel' });
  root.append(
    h(
      'div',
      { class: 'grid plot-and-panel' },
      h('div', { class: 'plot-box' }, plot),
      h(
        'div',
        { class: 'stack' },
        h('div', { class: 'controls' }, inputs.p.wrapper, inputs.a.wrapper, inputs.b.wrapper),
        presets,
        status,
        panel,
      ),
    ),
  );

  // One click handler for the whole drawing: the nearest point (the dots are small).
  plot.addEventListener('click', (event) => {
    if (curve === undefined || points.length === 0) return;
    const matrix = plot.getScreenCTM();
    if (matrix === null) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const cell = SIZE / Number(curve.p);
    const x = (at.x - MARGIN) / cell - 0.5;
    const y = (SIZE + MARGIN - at.y) / cell - 0.5;
    let best: AffinePoint | undefined;
    let bestDistance = 4; // at most 2 cells away (squared distance in cells)
    for (const P of points) {
      const d = (Number(P.x) - x) ** 2 + (Number(P.y) - y) ** 2;
      if (d < bestDistance) {
        best = P;
        bestDistance = d;
      }
    }
    if (best !== undefined) select(best);
  });

  function select(P: AffinePoint): void {
    selected = selected.length >= 2 ? [P] : [...selected, P];
    walk = undefined;
    render();
  }

  function update(): void {
    const p = parseInteger(inputs.p.input.value);
    const a = parseInteger(inputs.a.input.value);
    const b = parseInteger(inputs.b.input.value);
    selected = [];
    walk = undefined;
    if (p === undefined || a === undefined || b === undefined) {
      refuse('p, a and b must be integers.');
      return;
    }
    const check = checkCurve(p, a, b);
    if (!check.ok) {
      refuse(check.reason);
      return;
    }
    curve = check.curve;
    points = curvePoints(curve);
    groupOrder = BigInt(points.length + 1);
    replace(
      status,
      notice(
        'ok',
        `${curve.name}: 4a³ + 27b² ≢ 0, so the curve is smooth. #E = ${groupOrder} points (${points.length} drawn, plus O)`,
        ` = ${formatFactors(groupOrder)}.`,
        groupOrder === TOY.n && curve.p === TOY.p && curve.b === TOY.b
          ? ' A prime: every point but O generates the whole group.'
          : '',
      ),
    );
    render();
  }

  function refuse(reason: string): void {
    curve = undefined;
    points = [];
    replace(
      status,
      notice('error', 'Refused: ', h('span', { 'data-testid': 'curve-refusal' }, reason)),
    );
    replace(plot);
    replace(panel, h('p', { class: 'note' }, 'Pick another a, b or p to draw a curve.'));
  }

  /** SVG coordinates of the centre of the cell of (x, y). */
  function at(P: AffinePoint): { cx: number; cy: number } {
    const cell = SIZE / Number(curve!.p);
    return {
      cx: MARGIN + (Number(P.x) + 0.5) * cell,
      cy: SIZE + MARGIN - (Number(P.y) + 0.5) * cell,
    };
  }

  function render(): void {
    if (curve === undefined) return;
    const p = curve.p;
    const cell = SIZE / Number(p);
    const r = Math.min(12, Math.max(4.5, cell * 0.42));
    const children: SVGElement[] = [
      svg('rect', { x: MARGIN, y: MARGIN, width: SIZE, height: SIZE, class: 'frame' }),
    ];
    for (const t of [0n, p / 4n, p / 2n, (3n * p) / 4n, p - 1n]) {
      const { cx, cy } = at({ x: t, y: t });
      children.push(
        svg('text', { x: cx, y: SIZE + MARGIN + 30, class: 'tick', 'text-anchor': 'middle' }, t),
        svg('text', { x: MARGIN - 8, y: cy + 6, class: 'tick', 'text-anchor': 'end' }, t),
      );
    }
    const [P, Q] = selected;
    const line =
      P !== undefined && P !== INFINITY && (Q === undefined || Q !== INFINITY)
        ? lineThrough(P, Q ?? P, curve)
        : undefined;
    if (line?.lambda !== undefined) {
      for (const L of linePoints(line.lambda, P, curve)) {
        const { cx, cy } = at(L);
        children.push(svg('circle', { cx, cy, r: r * 0.7, class: 'line-dot' }));
      }
    } else if (line?.kind === 'vertical') {
      const { cx } = at(P);
      children.push(
        svg('line', { x1: cx, x2: cx, y1: MARGIN, y2: SIZE + MARGIN, class: 'vertical' }),
      );
    }
    if (walk !== undefined) {
      for (const V of walk.visited) {
        if (V === INFINITY) continue;
        const { cx, cy } = at(V);
        children.push(svg('circle', { cx, cy, r: r * 1.5, class: 'visited' }));
      }
    }
    for (const point of points) {
      const { cx, cy } = at(point);
      children.push(
        svg(
          'circle',
          {
            cx,
            cy,
            r,
            class: 'pt',
            'data-testid': 'curve-point',
            'data-x': point.x,
            'data-y': point.y,
          },
          svg('title', {}, `(${point.x}, ${point.y})`),
        ),
      );
    }
    const mark = (M: AffinePoint, kind: string, label: string) => {
      if (M === INFINITY) return;
      const { cx, cy } = at(M);
      children.push(
        svg('circle', { cx, cy, r: Math.max(14, r * 2.2), class: `mark ${kind}` }),
        svg(
          'text',
          {
            x: cx + Math.max(16, r * 2.6),
            y: cy - Math.max(12, r * 2.2),
            class: `mark-label ${kind}`,
          },
          label,
        ),
      );
    };
    if (line !== undefined) {
      if (line.third !== INFINITY && line.sum !== INFINITY) {
        const a = at(line.third);
        const b = at(line.sum);
        children.push(svg('line', { x1: a.cx, y1: a.cy, x2: b.cx, y2: b.cy, class: 'reflect' }));
      }
      mark(line.third, 'third', Q === undefined || samePoint(P, Q) ? '−2P' : '−(P+Q)');
      mark(line.sum, 'sum', Q === undefined || samePoint(P, Q) ? '2P' : 'P+Q');
    }
    if (walk !== undefined) mark(walk.point, 'walk', `${walk.k}P`);
    if (P !== undefined) mark(P, 'p', 'P');
    if (Q !== undefined && !samePoint(P, Q)) mark(Q, 'q', 'Q');
    replace(plot, ...children);
    renderPanel(line);
  }

  function renderPanel(line: ReturnType<typeof lineThrough> | undefined): void {
    const c = curve!;
    const p = c.p;
    const [P, Q] = selected;
    const infinityButton = button(
      'O, the point at infinity',
      { class: 'chip', 'data-testid': 'curve-infinity' },
      () => select(INFINITY),
    );
    const clear = button('clear', { class: 'chip' }, () => {
      selected = [];
      walk = undefined;
      render();
    });
    const parts: (HTMLElement | string)[] = [h('div', { class: 'presets' }, infinityButton, clear)];
    if (P === undefined) {
      parts.push(
        h(
          'p',
          { class: 'note' },
          'Click a point to see the tangent there and its double 2P; click a second one for the chord and the sum P + Q.',
        ),
      );
      replace(panel, ...parts);
      return;
    }
    const describe = (name: string, M: AffinePoint, testid: string) => {
      if (M === INFINITY)
        return h('p', {}, `${name} = O, the point at infinity: the identity, P + O = P.`);
      const order = pointOrder(M, c, groupOrder);
      return h(
        'p',
        {},
        `${name} = ${formatPoint(M)}, −${name} = ${formatPoint(pointNegate(M, c))}; order `,
        h('output', { 'data-testid': testid }, order),
        order === groupOrder ? ' (it generates the whole group)' : ` (divides #E = ${groupOrder})`,
      );
    };
    parts.push(describe('P', P, 'curve-order-p'));
    if (Q !== undefined && !samePoint(P, Q)) parts.push(describe('Q', Q, 'curve-order-q'));
    const result = (label: string, value: AffinePoint) =>
      h(
        'p',
        { class: 'result' },
        `${label} = `,
        h('output', { 'data-testid': 'curve-result' }, formatPoint(value)),
      );

    if (P === INFINITY || Q === INFINITY) {
      const other = P === INFINITY ? (Q ?? INFINITY) : P;
      parts.push(
        h(
          'p',
          { class: 'note' },
          'O is the identity: adding it changes nothing, and no line is drawn.',
        ),
        result(Q === undefined ? 'O + O' : 'P + Q', pointAdd(P, Q ?? INFINITY, c)),
      );
      if (other === INFINITY) parts.push(h('p', { class: 'note' }, 'O + O = O.'));
    } else if (line !== undefined) {
      const [x1, y1] = [P.x, P.y];
      const name = line.kind === 'tangent' ? '2P' : 'P + Q';
      if (line.kind === 'vertical') {
        parts.push(
          h(
            'p',
            { class: 'note' },
            line.kind === 'vertical' && (Q === undefined || samePoint(P, Q))
              ? 'y = 0: the tangent is vertical and meets no third point: 2P = O.'
              : 'Q = −P: the line through them is vertical and meets the curve nowhere else. Its third point is O, the point at infinity.',
          ),
          result(name, line.sum),
        );
      } else {
        const Q2 = Q ?? P;
        const lambda = line.lambda!;
        const x3 = line.sum === INFINITY ? 0n : line.sum.x;
        parts.push(
          h(
            'ol',
            { class: 'derivation' },
            h(
              'li',
              {},
              line.kind === 'tangent'
                ? `tangent: λ = (3x₁² + a) / (2y₁) = ${line.rise} / ${line.run} = ${line.rise} · ${line.run}⁻¹ mod ${p} = `
                : `chord: λ = (y₂ − y₁) / (x₂ − x₁) = ${line.rise} / ${line.run} = ${line.rise} · ${line.run}⁻¹ mod ${p} = `,
              h('output', { 'data-testid': 'curve-lambda' }, lambda),
            ),
            h('li', {}, `x₃ = λ² − x₁ − x₂ = ${lambda}² − ${x1} − ${Q2.x} mod ${p} = ${x3}`),
            h(
              'li',
              {},
              `y₃ = λ(x₁ − x₃) − y₁ = ${lambda}·(${x1} − ${x3}) − ${y1} mod ${p} = ${line.sum === INFINITY ? '–' : line.sum.y}`,
            ),
            h(
              'li',
              {},
              `the line meets the curve again at −(${name}) = ${formatPoint(line.third)}; reflect it (y → p − y):`,
            ),
          ),
          result(name, line.sum),
        );
      }
    }
    if (P !== INFINITY && (Q === undefined || samePoint(P, Q))) {
      const step = button('add P', { class: 'chip', 'data-testid': 'curve-walk' }, () => {
        const current = walk ?? { k: 1n, point: P, visited: [P] };
        const next = pointAdd(current.point, P, c);
        walk = { k: current.k + 1n, point: next, visited: [...current.visited, next] };
        render();
      });
      parts.push(
        h(
          'div',
          { class: 'walk' },
          h('h4', {}, 'Walk the group of P'),
          h(
            'p',
            {},
            walk === undefined
              ? '1·P = P. Press "add P" to visit 2P, 3P, …'
              : walk.point === INFINITY
                ? `${walk.k}·P = O: back to the identity after ${walk.k} steps, the order of P.`
                : `${walk.k}·P = ${formatPoint(walk.point)}`,
            ' ',
            step,
          ),
        ),
      );
    }
    replace(panel, ...parts);
  }

  update();
}
