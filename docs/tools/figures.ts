/**
 * The tour's figures, as SVG text generated from the library's computations (no image
 * dependencies). test/docs/figures.test.ts regenerates them and compares them with the files
 * committed under docs/figures/ byte for byte; UPDATE_DOCS=1 rewrites the files instead.
 *
 *   real-curve.svg   y² = x³ − 3x + 1 over the real numbers: the chord P + Q and the tangent 2S.
 *                    The reals are not a finite field, so this figure evaluates the same
 *                    formulas as src/curve/affine.ts (λ, x3 = λ² − x1 − x2, y3 = λ(x1 − x3) − y1)
 *                    in floating point; every coordinate is printed with 2 decimals.
 *   toy-points.svg   every point of the toy curve y² = x³ − 3x + 8 over F_223 (isOnCurve), with
 *                    G + 2G = 3G (pointAdd) and the chord's line y = λ(x − x1) + y1 mod 223.
 *   ladder-path.svg  the Montgomery ladder for k = 13 on the toy curve (traceLadder): the
 *                    multiple j held in R0 and j + 1 in R1 at each iteration.
 */
import {
  INFINITY,
  isOnCurve,
  mod,
  modInverseVartime,
  pointAdd,
  pointDouble,
  pointNegate,
  TOY,
  type AffinePoint,
} from '../../src/math';
import { traceLadder } from '../../src/explain/ladder';

const f2 = (v: number): string => (Math.round(v * 100) / 100).toFixed(2);
const header = (w: number, h: number, title: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">\n` +
  `<title>${title}</title>\n<rect width="${w}" height="${h}" fill="white"/>\n`;

// ---- real-curve.svg -------------------------------------------------------------------------

const B = 1; // y² = x³ − 3x + 1
const rhs = (x: number): number => x * x * x - 3 * x + B;

/** The root of rhs in [lo, hi] (rhs changes sign there), by bisection. */
function root(lo: number, hi: number): number {
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (Math.sign(rhs(mid)) === Math.sign(rhs(lo))) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Real {
  x: number;
  y: number;
}
const realAdd = (P: Real, Q: Real, lambda: number): { third: Real; sum: Real } => {
  const x3 = lambda * lambda - P.x - Q.x; //       x3 = λ² − x1 − x2
  const y3 = lambda * (P.x - x3) - P.y; //         y3 = λ(x1 − x3) − y1
  return { third: { x: x3, y: -y3 }, sum: { x: x3, y: y3 } };
};

function realCurve(): string {
  const W = 340;
  const H = 340;
  const pad = 20;
  const [x0, x1, y0, y1] = [-2.5, 3, -4, 4];
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0)) * (W - 2 * pad);
  const sy = (y: number) => pad + ((y1 - y) / (y1 - y0)) * (H - 2 * pad);
  const pt = (p: Real) => `${f2(sx(p.x))},${f2(sy(p.y))}`;
  const [r1, r2, r3] = [root(-2.5, -1), root(0, 1), root(1, 2)];
  // Sample x between roots densely near the ends (vertical tangents), with x = a + (b − a)·s².
  const branch = (a: number, b: number, steps: number): number[] =>
    Array.from({ length: steps + 1 }, (_, i) => a + (b - a) * (i / steps) ** 2);
  const oval = [...branch(r1, (r1 + r2) / 2, 60), ...branch(r2, (r1 + r2) / 2, 60).reverse()];
  const ovalPath = [
    ...oval.map((x) => ({ x, y: Math.sqrt(Math.max(0, rhs(x))) })),
    ...oval
      .slice()
      .reverse()
      .map((x) => ({ x, y: -Math.sqrt(Math.max(0, rhs(x))) })),
  ];
  const open = branch(r3, 2.62, 120).filter((x) => Math.sqrt(rhs(x)) <= y1);
  const openPath = [
    ...open
      .slice()
      .reverse()
      .map((x) => ({ x, y: Math.sqrt(rhs(x)) })),
    ...open.map((x) => ({ x, y: -Math.sqrt(Math.max(0, rhs(x))) })),
  ];
  const curve = (pts: Real[], closed: boolean) =>
    `<path d="M${pts.map(pt).join(' L')}${closed ? ' Z' : ''}" fill="none" stroke="#1f4e9e" stroke-width="2"/>\n`;

  const panel = (title: string, lines: string): string => {
    let s = `<text x="${pad}" y="14" font-weight="bold">${title}</text>\n`;
    s += `<line x1="${f2(sx(x0))}" y1="${f2(sy(0))}" x2="${f2(sx(x1))}" y2="${f2(sy(0))}" stroke="#aaa"/>\n`;
    s += `<line x1="${f2(sx(0))}" y1="${f2(sy(y0))}" x2="${f2(sx(0))}" y2="${f2(sy(y1))}" stroke="#aaa"/>\n`;
    return s + curve(ovalPath, true) + curve(openPath, false) + lines;
  };
  const dot = (p: Real, label: string, colour: string, dx = 6, dy = -6) =>
    `<circle cx="${f2(sx(p.x))}" cy="${f2(sy(p.y))}" r="4" fill="${colour}"/>\n<text x="${f2(sx(p.x) + dx)}" y="${f2(sy(p.y) + dy)}">${label}</text>\n`;
  const line = (a: Real, b: Real, dash = false) =>
    `<line x1="${f2(sx(a.x))}" y1="${f2(sy(a.y))}" x2="${f2(sx(b.x))}" y2="${f2(sy(b.y))}" stroke="#c0392b" stroke-width="1.5"${dash ? ' stroke-dasharray="4 3"' : ''}/>\n`;
  const lineThrough = (p: Real, lambda: number) =>
    line({ x: x0, y: p.y + lambda * (x0 - p.x) }, { x: x1, y: p.y + lambda * (x1 - p.x) });

  // Chord: P on the oval, Q on the open branch.
  const P = { x: -1.5, y: -Math.sqrt(rhs(-1.5)) };
  const Q = { x: 2.5, y: Math.sqrt(rhs(2.5)) };
  const lc = (Q.y - P.y) / (Q.x - P.x); //          λ = (y2 − y1)/(x2 − x1)
  const chord = realAdd(P, Q, lc);
  // Tangent at S on the oval.
  const S = { x: -1.2, y: Math.sqrt(rhs(-1.2)) };
  const lt = (3 * S.x * S.x - 3) / (2 * S.y); //     λ = (3x² + a)/(2y)
  const tangent = realAdd(S, S, lt);

  let svg = header(2 * W, H, 'Chord and tangent on y^2 = x^3 - 3x + 1 over the real numbers');
  svg += panel(
    'chord: P + Q',
    lineThrough(P, lc) +
      line(chord.third, chord.sum, true) +
      dot(P, `P (${f2(P.x)}, ${f2(P.y)})`, '#c0392b', 6, 16) +
      dot(Q, 'Q', '#c0392b', -16, 4) +
      dot(chord.third, '−(P+Q)', '#888', 6, -8) +
      dot(chord.sum, `P+Q (${f2(chord.sum.x)}, ${f2(chord.sum.y)})`, '#27ae60', 6, 16),
  );
  svg +=
    `<g transform="translate(${W},0)">\n` +
    panel(
      'tangent: S + S',
      lineThrough(S, lt) +
        line(tangent.third, tangent.sum, true) +
        dot(S, `S (${f2(S.x)}, ${f2(S.y)})`, '#c0392b', -10, -10) +
        dot(tangent.third, '−2S', '#888', -30, 4) +
        dot(tangent.sum, `2S (${f2(tangent.sum.x)}, ${f2(tangent.sum.y)})`, '#27ae60', -110, -8),
    ) +
    '</g>\n';
  return svg + '</svg>\n';
}

// ---- toy-points.svg -------------------------------------------------------------------------

function toyPoints(): string {
  const p = TOY.p;
  const size = 2;
  const pad = 40;
  const N = Number(p);
  const W = N * size + 2 * pad + 150;
  const H = N * size + 2 * pad;
  const sx = (x: bigint) => pad + Number(x) * size;
  const sy = (y: bigint) => pad + (N - 1 - Number(y)) * size;
  const G = TOY.G!;
  const G2 = pointDouble(G, TOY);
  const G3 = pointAdd(G, G2, TOY);
  const third = pointNegate(G3, TOY);
  const lambda = mod((G2.y - G.y) * modInverseVartime(G2.x - G.x, p), p);

  let svg = header(W, H, 'All points of y^2 = x^3 - 3x + 8 over F_223, and G + 2G = 3G');
  svg += `<rect x="${pad}" y="${pad}" width="${N * size}" height="${N * size}" fill="none" stroke="#ccc"/>\n`;
  svg += `<text x="${pad}" y="${pad - 22}" font-weight="bold">y² = x³ − 3x + 8 over F_223: all ${countPoints()} affine points (+ O)</text>\n`;
  svg += `<text x="${pad}" y="${pad - 8}" fill="#c0392b">the line y = ${lambda}(x − ${G.x}) + ${G.y} mod 223 (small dots) meets G, 2G and −3G</text>\n`;
  for (const v of [0n, 50n, 100n, 150n, 200n, 222n]) {
    svg += `<text x="${sx(v)}" y="${pad + N * size + 14}" text-anchor="middle" font-size="10">${v}</text>\n`;
    svg += `<text x="${pad - 6}" y="${sy(v) + 3}" text-anchor="end" font-size="10">${v}</text>\n`;
  }
  // The wrapped line through G and 2G.
  for (let x = 0n; x < p; x++) {
    const y = mod(lambda * (x - G.x) + G.y, p);
    svg += `<circle cx="${sx(x)}" cy="${sy(y)}" r="0.8" fill="#e6a59e"/>\n`;
  }
  for (let x = 0n; x < p; x++)
    for (let y = 0n; y < p; y++) {
      if (isOnCurve({ x, y }, TOY))
        svg += `<circle cx="${sx(x)}" cy="${sy(y)}" r="1.6" fill="#1f4e9e"/>\n`;
    }
  svg += `<line x1="${sx(third.x)}" y1="${sy(third.y)}" x2="${sx(G3.x)}" y2="${sy(G3.y)}" stroke="#888" stroke-dasharray="4 3"/>\n`;
  const mark = (P: AffinePoint, label: string, colour: string) =>
    `<circle cx="${sx(P.x)}" cy="${sy(P.y)}" r="4.5" fill="none" stroke="${colour}" stroke-width="2"/>\n` +
    `<text x="${sx(P.x) + 7}" y="${sy(P.y) - 5}" fill="${colour}" font-weight="bold">${label}</text>\n`;
  svg +=
    mark(G, 'G', '#c0392b') +
    mark(G2, '2G', '#c0392b') +
    mark(third, '−3G', '#888') +
    mark(G3, '3G', '#27ae60');
  const lx = pad + N * size + 16;
  const legend = [
    `G = (${G.x}, ${G.y})`,
    `2G = (${G2.x}, ${G2.y})`,
    `λ = ${lambda}`,
    `−3G = (${third.x}, ${third.y})`,
    `3G = (${G3.x}, ${G3.y})`,
  ];
  legend.forEach((t, i) => {
    svg += `<text x="${lx}" y="${pad + 14 + 18 * i}">${t}</text>\n`;
  });
  return svg + '</svg>\n';
}

function countPoints(): number {
  let count = 0;
  for (let x = 0n; x < TOY.p; x++)
    for (let y = 0n; y < TOY.p; y++) if (isOnCurve({ x, y }, TOY)) count++;
  return count;
}

// ---- ladder-path.svg ------------------------------------------------------------------------

function ladderPath(k = 13n): string {
  const trace = traceLadder(k, TOY.G, TOY);
  const steps = trace.steps;
  const maxJ = Number(steps[steps.length - 1].j) + 1;
  const pad = 50;
  const colW = 78;
  const rowH = 24;
  const W = pad * 2 + colW * steps.length + 60;
  const H = pad * 2 + rowH * maxJ + 40;
  const sx = (i: number) => pad + 30 + i * colW;
  const sy = (j: number) => pad + 20 + (maxJ - j) * rowH;
  const fmt = (P: AffinePoint) => (P === INFINITY ? 'O' : `(${P.x},${P.y})`);
  let svg = header(W, H, `Montgomery ladder for k = ${k} on the toy curve`);
  svg += `<text x="${pad}" y="20" font-weight="bold">Montgomery ladder, k = ${k} = 0b${k.toString(2).padStart(trace.bitLength, '0')}: R0 = j·G (blue), R1 = (j+1)·G (green), R1 − R0 = G at every step</text>\n`;
  for (let j = 0; j <= maxJ; j++) {
    svg += `<line x1="${sx(0)}" y1="${sy(j)}" x2="${sx(steps.length)}" y2="${sy(j)}" stroke="#eee"/>\n`;
    svg += `<text x="${sx(0) - 10}" y="${sy(j) + 4}" text-anchor="end" font-size="10">${j}</text>\n`;
  }
  svg += `<text x="${sx(0) - 10}" y="${sy(maxJ) - 14}" text-anchor="end" font-size="10">j</text>\n`;
  let prev = { j: 0 };
  svg += `<circle cx="${sx(0)}" cy="${sy(0)}" r="5" fill="#1f4e9e"/>\n<circle cx="${sx(0)}" cy="${sy(1)}" r="5" fill="#27ae60"/>\n`;
  steps.forEach((s, i) => {
    const j = Number(s.j);
    // bit 0: R0 is doubled and R1 ← R0 + R1; bit 1: R1 is doubled and R0 ← R0 + R1.
    const doubledFrom = s.bit === 0 ? prev.j : prev.j + 1;
    const doubledTo = s.bit === 0 ? j : j + 1;
    const sumTo = s.bit === 0 ? j + 1 : j;
    svg += `<line x1="${sx(i)}" y1="${sy(doubledFrom)}" x2="${sx(i + 1)}" y2="${sy(doubledTo)}" stroke="#333" stroke-width="1.5"/>\n`;
    for (const from of [prev.j, prev.j + 1]) {
      svg += `<line x1="${sx(i)}" y1="${sy(from)}" x2="${sx(i + 1)}" y2="${sy(sumTo)}" stroke="#999" stroke-width="1" stroke-dasharray="3 2"/>\n`;
    }
    svg += `<circle cx="${sx(i + 1)}" cy="${sy(j)}" r="5" fill="#1f4e9e"/>\n<circle cx="${sx(i + 1)}" cy="${sy(j + 1)}" r="5" fill="#27ae60"/>\n`;
    svg += `<text x="${sx(i + 1)}" y="${sy(maxJ) - 14}" text-anchor="middle">bit ${s.bit}</text>\n`;
    svg += `<text x="${sx(i + 1)}" y="${H - pad + 4}" text-anchor="middle" font-size="10">${fmt(s.R0)}</text>\n`;
    svg += `<text x="${sx(i + 1)}" y="${H - pad + 18}" text-anchor="middle" font-size="10" fill="#27ae60">${fmt(s.R1)}</text>\n`;
    prev = { j };
  });
  svg += `<text x="${sx(0)}" y="${H - pad + 4}" text-anchor="middle" font-size="10">R0: O</text>\n`;
  svg += `<text x="${sx(0)}" y="${H - pad + 18}" text-anchor="middle" font-size="10" fill="#27ae60">R1: G</text>\n`;
  svg += `<text x="${pad}" y="${H - 8}" font-size="11">solid: the doubling; dashed: the addition R0 + R1 (both every step). Result ${k}·G = ${fmt(trace.result)}</text>\n`;
  return svg + '</svg>\n';
}

/** Every figure, by file name under docs/figures/. */
export function figures(): Record<string, string> {
  return {
    'real-curve.svg': realCurve(),
    'toy-points.svg': toyPoints(),
    'ladder-path.svg': ladderPath(),
  };
}
