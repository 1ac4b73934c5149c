/**
 * View 5, the invalid-curve attack (chapter 5 of the tour), played query by query against two
 * servers holding the same static key d on the toy curve: one multiplies whatever point it is
 * sent (and leaks x(d·Q)), the other is ecdh-lab's rule and refuses a point that is not on the
 * curve. Then the same at full size on P-256 with a point of order 3 and the protocol tier's
 * PublicKey. The computations are in attack.ts.
 */
import { bytesToBigInt, generatePrivateKey } from '../index.js';
import { INFINITY, pointAdd, pointDouble, scalarMultiply, TOY } from '../math.js';
import {
  type AttackQuery,
  attackQueries,
  ecdhLabP256,
  naiveP256,
  naiveServer,
  p256OrderThreePoint,
  recoverKey,
  residueOf,
  validatingServer,
} from './attack.js';
import { button, formatNumber, formatPoint, h, notice, replace } from './dom.js';
import { randomInRange } from './numbers.js';

interface Answer {
  readonly query: AttackQuery;
  readonly leakedX: bigint | null;
  readonly e: bigint;
  readonly refusal: string;
}

export function mountAttack(root: HTMLElement): void {
  const queries = attackQueries();
  let d = 0n;
  let answers: Answer[] = [];
  let recovered: ReturnType<typeof recoverKey> | undefined;

  const reveal = h('input', { type: 'checkbox', 'data-testid': 'attack-reveal' });
  reveal.addEventListener('change', () => render());
  const victim = h('div');
  const progress = h('div', { class: 'stack' });
  const send = button(
    'send the next point',
    { class: 'primary', 'data-testid': 'attack-send' },
    () => {
      const query = queries[answers.length];
      if (query === undefined) return;
      const leakedX = naiveServer(d, query.Q);
      answers = [
        ...answers,
        { query, leakedX, e: residueOf(leakedX, query), refusal: validatingServer(query.Q).reason },
      ];
      render();
    },
  );
  const recover = button('recover d', { 'data-testid': 'attack-recover' }, () => {
    recovered = recoverKey(
      answers.map(({ query, e }) => ({ r: query.r, e })),
      scalarMultiply(d, TOY.G!, TOY),
    );
    render();
  });
  const restart = button('new victim (new d)', {}, () => newVictim());

  const plan = h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'steps', 'data-testid': 'attack-plan' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, "b'"),
          h('th', {}, "#E'"),
          h('th', {}, 'r'),
          h('th', {}, 'Q, of order r'),
        ),
      ),
      h(
        'tbody',
        {},
        ...queries.map((q) =>
          h(
            'tr',
            {},
            h('td', {}, q.b),
            h('td', {}, q.groupOrder),
            h('td', {}, q.r),
            h('td', {}, formatPoint(q.Q)),
          ),
        ),
      ),
    ),
  );

  root.append(
    h(
      'section',
      { class: 'card' },
      h('h3', {}, 'The victim'),
      victim,
      h('label', { class: 'check' }, reveal, ' show d (the attacker does not see it)'),
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', {}, "The attacker's plan, made offline"),
      h(
        'p',
        { class: 'note' },
        "For b' = 0, 1, 2, … the attacker counts the points of y² = x³ − 3x + b' and keeps a point Q whose order r is a small new prime, ",
        `until the product of the r exceeds n = ${TOY.n}. None of these Q is on the real curve.`,
      ),
      plan,
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', {}, 'Send them to both servers'),
      h('div', { class: 'controls' }, send, recover, restart),
      progress,
    ),
    p256Card(),
  );

  function newVictim(): void {
    d = randomInRange(1n, TOY.n! - 1n);
    answers = [];
    recovered = undefined;
    render();
  }

  function render(): void {
    const publicKey = scalarMultiply(d, TOY.G!, TOY);
    replace(
      victim,
      h(
        'p',
        {},
        'A server holds a static key d and publishes d·G = ',
        h('output', { 'data-testid': 'attack-public' }, formatPoint(publicKey)),
        '. ',
        reveal.checked
          ? h('span', {}, 'd = ', h('output', { 'data-testid': 'attack-secret' }, d))
          : 'd is secret.',
      ),
    );
    send.disabled = answers.length >= queries.length;
    recover.disabled = answers.length < queries.length;
    const rows = answers.map(({ query, leakedX, e, refusal }) =>
      h(
        'tr',
        {},
        h('td', {}, `Q = ${formatPoint(query.Q)} (r = ${query.r})`),
        h(
          'td',
          {},
          leakedX === null ? 'd·Q = O' : `x(d·Q) = ${leakedX}`,
          h('br'),
          h('strong', {}, e === 0n ? `d ≡ 0 (mod ${query.r})` : `d ≡ ±${e} (mod ${query.r})`),
        ),
        h('td', { class: 'refused' }, 'refused: ', refusal),
      ),
    );
    const parts: (HTMLElement | string)[] = [
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'steps', 'data-testid': 'attack-answers' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'point sent'),
              h('th', {}, 'server that skips validation'),
              h('th', {}, 'ecdh-lab (validates first)'),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
      ),
    ];
    if (answers.length === 0) {
      parts.push(
        h(
          'p',
          { class: 'note' },
          "The naive server computes d·Q with the toy curve's own formulas, which never read b: the product lands on the attacker's curve.",
        ),
      );
    }
    if (recovered !== undefined) {
      const found = recovered.candidates;
      const broken = found.length === 1 && found[0] === d;
      parts.push(
        h(
          'p',
          {},
          `moduli ${answers.map((a) => a.query.r).join('·')} = ${recovered.modulus} > n = ${TOY.n}: ${recovered.tried} sign choices, Chinese remainder theorem, keep c with c·G = d·G → recovered d = `,
          h('output', { 'data-testid': 'attack-recovered' }, found.join(', ') || 'none'),
        ),
        notice(
          broken ? 'error' : 'info',
          broken
            ? `The server that skips validation is broken: its key is ${found[0]}, learned from ${answers.length} points and no discrete logarithm.`
            : 'No unique key recovered.',
        ),
        notice(
          'ok',
          h(
            'span',
            { 'data-testid': 'attack-validated' },
            `ecdh-lab answered 0 of ${answers.length} points: nothing to combine, d stays secret.`,
          ),
        ),
      );
    }
    replace(progress, ...parts);
  }

  newVictim();
}

function p256Card(): HTMLElement {
  const { Q, b, curve } = p256OrderThreePoint();
  const twoQ = pointDouble(Q, curve);
  const threeQ = pointAdd(twoQ, Q, curve);
  const out = h('div', { class: 'stack' });
  const run = button('new P-256 victim', { 'data-testid': 'attack-p256-run' }, () => attack());

  function attack(): void {
    const key = generatePrivateKey();
    const d = bytesToBigInt(key.toRaw());
    const R = naiveP256(d, Q);
    const e = R === INFINITY ? 0n : R.y === Q.y ? 1n : 2n;
    const refusal = ecdhLabP256(Q);
    replace(
      out,
      h(
        'p',
        {},
        'A server with a fresh P-256 key multiplies Q without checking it: d·Q = ',
        R === INFINITY ? 'O' : e === 1n ? 'Q' : '−Q',
        ', so d mod 3 = ',
        h('output', { 'data-testid': 'attack-p256-leak' }, e),
        ` (really ${d % 3n}). Each point of another small order leaks d modulo that order.`,
      ),
      notice(
        refusal.code === null ? 'error' : 'ok',
        'ecdh-lab: PublicKey.fromRaw(04 ‖ x ‖ y) throws CryptoError ',
        h(
          'output',
          { 'data-testid': 'attack-p256-refusal' },
          refusal.code ?? 'nothing (accepted!)',
        ),
        ` (${refusal.message}): Q never reaches the ladder.`,
      ),
    );
  }

  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, 'At full size, on P-256'),
    h(
      'p',
      { class: 'note' },
      "A point of order 3 on y² = x³ − 3x + b' over P-256's own field: a flex, whose x is a root of the 3-division polynomial, so for x = ",
      Q.x,
      " one solves for b'.",
    ),
    h('div', { class: 'kv' }, h('span', {}, "b'"), h('output', { class: 'mono' }, formatNumber(b))),
    h(
      'div',
      { class: 'kv' },
      h('span', {}, 'Q'),
      h('output', { class: 'mono', 'data-testid': 'attack-p256-q' }, formatPoint(Q)),
    ),
    h(
      'p',
      {},
      `2Q = −Q: ${twoQ !== INFINITY && twoQ.x === Q.x && twoQ.y !== Q.y ? 'yes' : 'no'}, so 3Q = ${threeQ === INFINITY ? 'O' : formatPoint(threeQ)}.`,
    ),
    h('div', { class: 'controls' }, run),
    out,
  );
  attack();
  return card;
}
