/**
 * View 1, the field F_p: pick a prime p and two elements a, b; see the addition and
 * multiplication tables (all of them for a small p, a window around (a, b) otherwise), the
 * inverse of a by Fermat and by extended Euclid (the library's traceInverse, step by step), and
 * the square roots of a (numbers.ts).
 */
import { mod, modAdd, modInverseVartime, modSub, TOY, traceInverse } from '../math.js';
import { button, field, h, notice, parseInteger, replace } from './dom.js';
import { isPrime, MAX_FIELD_PRIME, smallestFactor, squareRoot } from './numbers.js';

/** Tables up to this p are shown whole; above it, a window of WINDOW × WINDOW cells. */
const FULL_TABLE_MAX = 23n;
const WINDOW = 11n;

interface State {
  p: bigint;
  a: bigint;
  b: bigint;
}

export function mountField(root: HTMLElement): void {
  const state: State = { p: TOY.p, a: 17n, b: 5n };
  const output = h('div', { class: 'stack' });
  const inputs = {
    p: field(
      'p (a prime)',
      { value: String(TOY.p), inputmode: 'numeric', 'data-testid': 'field-p' },
      () => update(),
    ),
    a: field('a', { value: '17', inputmode: 'numeric', 'data-testid': 'field-a' }, () => update()),
    b: field('b', { value: '5', inputmode: 'numeric', 'data-testid': 'field-b' }, () => update()),
  };
  const presets = h(
    'div',
    { class: 'presets' },
    ...[7n, 13n, 17n, TOY.p, 257n].map((p) =>
      button(`p = ${p}`, { class: 'chip' }, () => {
        inputs.p.input.value = String(p);
        update();
      }),
    ),
  );
  root.append(
    h('div', { class: 'controls' }, inputs.p.wrapper, inputs.a.wrapper, inputs.b.wrapper, presets),
    output,
  );

  /** Sets a and b (from a table click) and redraws. */
  function pick(a: bigint, b: bigint): void {
    inputs.a.input.value = String(a);
    inputs.b.input.value = String(b);
    update();
  }

  function update(): void {
    const p = parseInteger(inputs.p.input.value);
    const a = parseInteger(inputs.a.input.value);
    const b = parseInteger(inputs.b.input.value);
    if (p === undefined || a === undefined || b === undefined) {
      replace(output, notice('error', 'p, a and b must be integers (decimal, or hex with 0x).'));
      return;
    }
    if (p < 2n || p > MAX_FIELD_PRIME || !isPrime(p)) {
      const why =
        p > MAX_FIELD_PRIME
          ? `p = ${p} is larger than this page shows (p ≤ ${MAX_FIELD_PRIME}); P-256's field works the same way with 256-bit numbers`
          : p < 2n
            ? `p = ${p} is not a prime`
            : `p = ${p} = ${smallestFactor(p)} · ${p / smallestFactor(p)} is not a prime: ${smallestFactor(p)} has no inverse mod ${p} (${smallestFactor(p)} · ${p / smallestFactor(p)} ≡ 0), so the integers mod ${p} are not a field`;
      replace(output, notice('error', why));
      return;
    }
    state.p = p;
    state.a = mod(a, p);
    state.b = mod(b, p);
    render();
  }

  function render(): void {
    const { p, a, b } = state;
    replace(
      output,
      h(
        'p',
        { class: 'lead' },
        `F_${p} = {0, 1, …, ${p - 1n}}: add, subtract and multiply as integers, then take the remainder mod ${p}. `,
        `Because ${p} is prime every element but 0 has an inverse, so you can divide too.`,
      ),
      operations(p, a, b),
      h('div', { class: 'grid two' }, table('+', p, a, b), table('·', p, a, b)),
      inverse(p, a),
      squareRoots(p, a),
    );
  }

  function operations(p: bigint, a: bigint, b: bigint): HTMLElement {
    const quotient =
      b === 0n ? 'undefined: 0 has no inverse' : String(mod(a * modInverseVartime(b, p), p));
    const row = (label: string, value: string, testid: string) =>
      h(
        'div',
        { class: 'kv' },
        h('span', {}, label),
        h('output', { 'data-testid': testid }, value),
      );
    return h(
      'section',
      { class: 'card' },
      h('h3', {}, `a = ${a}, b = ${b} in F_${p}`),
      h(
        'div',
        { class: 'kvs' },
        row('a + b', String(modAdd(a, b, p)), 'field-sum'),
        row('a − b', String(modSub(a, b, p)), 'field-difference'),
        row('a · b', String(mod(a * b, p)), 'field-product'),
        row('a / b = a · b⁻¹', quotient, 'field-quotient'),
      ),
    );
  }

  function table(op: '+' | '·', p: bigint, a: bigint, b: bigint): HTMLElement {
    const full = p <= FULL_TABLE_MAX;
    const size = full ? p : WINDOW;
    const half = (WINDOW - 1n) / 2n;
    const rows = Array.from({ length: Number(size) }, (_, i) =>
      full ? BigInt(i) : mod(a - half + BigInt(i), p),
    );
    const cols = Array.from({ length: Number(size) }, (_, i) =>
      full ? BigInt(i) : mod(b - half + BigInt(i), p),
    );
    const value = (x: bigint, y: bigint) => (op === '+' ? modAdd(x, y, p) : mod(x * y, p));
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, op),
      ...cols.map((y) => h('th', { scope: 'col' }, y)),
    );
    const body = rows.map((x) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, x),
        ...cols.map((y) => {
          const cell = h(
            'td',
            {
              class: x === a && y === b ? 'hit' : x === a || y === b ? 'line' : undefined,
              title: `${x} ${op} ${y} = ${value(x, y)} (click: a = ${x}, b = ${y})`,
            },
            value(x, y),
          );
          cell.addEventListener('click', () => pick(x, y));
          return cell;
        }),
      ),
    );
    return h(
      'section',
      { class: 'card' },
      h(
        'h3',
        {},
        op === '+' ? 'Addition' : 'Multiplication',
        ` mod ${p}`,
        full ? '' : h('small', {}, ` (rows ${rows[0]}…, columns ${cols[0]}…; click a cell)`),
      ),
      h(
        'div',
        { class: 'scroll' },
        h('table', { class: 'op-table' }, h('thead', {}, head), h('tbody', {}, ...body)),
      ),
      op === '·' && a !== 0n
        ? h(
            'p',
            { class: 'note' },
            `Row a = ${a} holds every nonzero value once: that is why a has an inverse.`,
          )
        : '',
    );
  }

  function inverse(p: bigint, a: bigint): HTMLElement {
    const card = h('section', { class: 'card' }, h('h3', {}, `The inverse of a = ${a}`));
    if (a === 0n) {
      card.append(notice('info', '0 has no inverse: 0 · x = 0 for every x.'));
      return card;
    }
    const t = traceInverse(a, p);
    const fermatRows = t.fermat.map((s, i) =>
      h('tr', {}, h('td', {}, i + 1), h('td', {}, s.bit), h('td', {}, s.e), h('td', {}, s.acc)),
    );
    const euclidRows = t.euclid.map((s, i) =>
      h(
        'tr',
        {},
        h('td', {}, i),
        h('td', {}, i < 2 ? '' : s.q),
        h('td', {}, s.r),
        h('td', {}, s.s),
      ),
    );
    const lastS = t.euclid[t.euclid.length - 2].s;
    card.append(
      h(
        'div',
        { class: 'grid two' },
        h(
          'div',
          {},
          h('h4', {}, 'Fermat: a⁻¹ = a^(p−2)'),
          h(
            'p',
            { class: 'note' },
            `a^(p−1) = 1 for a ≠ 0, so a · a^(p−2) = 1. Square-and-multiply over the bits of p − 2 = ${p - 2n} = 0b${(p - 2n).toString(2)}: square, then multiply by a when the bit is 1.`,
          ),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'steps' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'step'),
                  h('th', {}, 'bit'),
                  h('th', {}, 'e'),
                  h('th', {}, 'a^e mod p'),
                ),
              ),
              h('tbody', {}, ...fermatRows),
            ),
          ),
          h(
            'p',
            {},
            'a^(p−2) = ',
            h('output', { 'data-testid': 'field-inverse-fermat' }, t.inverse),
          ),
        ),
        h(
          'div',
          {},
          h('h4', {}, 'Extended Euclid'),
          h(
            'p',
            { class: 'note' },
            'Keep r ≡ s · a (mod p), from (p, 0) and (a, 1); divide, r_i = r_(i−2) − q·r_(i−1), and s likewise. When r reaches 1, s is the inverse.',
          ),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'steps' },
              h(
                'thead',
                {},
                h('tr', {}, h('th', {}, 'i'), h('th', {}, 'q'), h('th', {}, 'r'), h('th', {}, 's')),
              ),
              h('tbody', {}, ...euclidRows),
            ),
          ),
          h(
            'p',
            {},
            `r = 1 at s = ${lastS}, so a⁻¹ = ${lastS} mod ${p} = `,
            h('output', { 'data-testid': 'field-inverse-euclid' }, mod(lastS, p)),
          ),
        ),
      ),
      notice(
        t.check.equal && t.product === 1n ? 'ok' : 'error',
        `Check: ${a} · ${t.inverse} mod ${p} = ${t.product}; both agree with the library's ${t.check.against}: ${t.check.equal ? 'yes' : 'NO'}.`,
      ),
    );
    return card;
  }

  function squareRoots(p: bigint, a: bigint): HTMLElement {
    const s = squareRoot(a, p);
    const card = h('section', { class: 'card' }, h('h3', {}, `Square roots of a = ${a}`));
    if (s.method === 'zero') {
      card.append(
        h('p', {}, '0 = 0²: its only root is ', h('output', { 'data-testid': 'field-sqrt' }, '0')),
      );
      return card;
    }
    card.append(
      h(
        'p',
        {},
        `Euler's criterion: a^((p−1)/2) = ${a}^${(p - 1n) / 2n} mod ${p} = ${s.euler}`,
        s.euler === 1n
          ? ', so a is a square.'
          : s.euler === p - 1n
            ? ' ≡ −1, so a is not a square.'
            : '.',
        ` Exactly (p − 1)/2 = ${(p - 1n) / 2n} of the nonzero elements are squares.`,
      ),
    );
    if (s.roots.length === 0) {
      card.append(h('p', {}, 'Roots: ', h('output', { 'data-testid': 'field-sqrt' }, 'none')));
      return card;
    }
    const [r1, r2] = s.roots;
    if (s.method === '(p+1)/4') {
      card.append(
        h(
          'p',
          { class: 'note' },
          `p ≡ 3 (mod 4), so r = a^((p+1)/4) = ${a}^${(p + 1n) / 4n} is a root: r² = a^((p+1)/2) = a · a^((p−1)/2) = a. (P-256's fieldSqrt uses the same exponent.)`,
        ),
      );
    } else if (s.method === 'tonelli-shanks') {
      card.append(
        h(
          'p',
          { class: 'note' },
          `p ≡ 1 (mod 4): Tonelli–Shanks. p − 1 = ${s.Q} · 2^${s.S}; z = ${s.z} is the least non-square. `,
          `Start from R = a^((Q+1)/2), t = a^Q and lower the order of t until t = 1, keeping R² = a·t: `,
          (s.steps ?? [])
            .map((step) => `(order 2^${step.i}: b = ${step.b}, R = ${step.R}, t = ${step.t})`)
            .join(' '),
          '.',
        ),
      );
    }
    card.append(
      h(
        'p',
        {},
        'Roots: ',
        h('output', { 'data-testid': 'field-sqrt' }, r2 === undefined ? `${r1}` : `${r1}, ${r2}`),
        r2 === undefined ? '' : ` (r and p − r; check: ${r1}² mod ${p} = ${mod(r1 * r1, p)})`,
      ),
    );
    return card;
  }

  update();
}
