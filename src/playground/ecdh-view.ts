/**
 * View 4, ECDH: Alice and Bob on the toy curve (dA·(dB·G) = dB·(dA·G), by hand-sized numbers),
 * then on P-256 with the protocol tier (generatePrivateKey, exchange), then the tutorial's key
 * derivation (HKDF-SHA256, RFC 5869: PRK = Extract(salt, Z), key = Expand(PRK, info, 32)) and an
 * AES-256-GCM message (SP 800-38D). Click a byte of the ciphertext or the tag to flip a bit: Bob's
 * decryption then fails with AUTH_FAILED and releases no plaintext.
 *
 * The private keys are shown because this is a playground: they live only in this page.
 */
import {
  aesGcm,
  bytesToHex,
  bytesToUtf8,
  CryptoError,
  equalBytes,
  expand,
  extract,
  generatePrivateKey,
  type PrivateKey,
  randomBytes,
  sha256,
  utf8ToBytes,
} from '../index.js';
import { isOnCurve, scalarMultiply, TOY } from '../math.js';
import {
  afterPaint,
  button,
  bytesHex,
  field,
  formatPoint,
  h,
  notice,
  parseInteger,
  replace,
} from './dom.js';
import { randomInRange } from './numbers.js';

/** HKDF's info string in this view (the tutorial's derive_key uses none; any label works). */
const INFO = 'ecdh-lab playground';

export function mountEcdh(root: HTMLElement): void {
  root.append(toyExchange(), p256Exchange());
}

function kv(label: string, value: string | HTMLElement, testid?: string): HTMLElement {
  return h(
    'div',
    { class: typeof value === 'string' && value.length > 24 ? 'kv stacked' : 'kv' },
    h('span', {}, label),
    typeof value === 'string'
      ? h('output', { class: 'mono', 'data-testid': testid }, value)
      : value,
  );
}

function toyExchange(): HTMLElement {
  const n = TOY.n!;
  const G = TOY.G!;
  const out = h('div', { class: 'stack' });
  const dA = field(
    'Alice dA',
    { value: '17', inputmode: 'numeric', 'data-testid': 'ecdh-toy-da' },
    () => render(),
  );
  const dB = field(
    'Bob dB',
    { value: '42', inputmode: 'numeric', 'data-testid': 'ecdh-toy-db' },
    () => render(),
  );
  const random = button('random keys', { class: 'chip' }, () => {
    dA.input.value = String(randomInRange(1n, n - 1n));
    dB.input.value = String(randomInRange(1n, n - 1n));
    render();
  });

  function render(): void {
    const a = parseInteger(dA.input.value);
    const b = parseInteger(dB.input.value);
    if (a === undefined || b === undefined || a < 1n || a >= n || b < 1n || b >= n) {
      replace(out, notice('error', `Private keys are integers in [1, n − 1] = [1, ${n - 1n}].`));
      return;
    }
    const QA = scalarMultiply(a, G, TOY);
    const QB = scalarMultiply(b, G, TOY);
    const alice = scalarMultiply(a, QB, TOY);
    const bob = scalarMultiply(b, QA, TOY);
    const same = alice.x === bob.x && alice.y === bob.y;
    replace(
      out,
      h(
        'div',
        { class: 'grid two' },
        h(
          'div',
          { class: 'party alice' },
          h('h4', {}, 'Alice'),
          kv('QA = dA·G', formatPoint(QA), 'ecdh-toy-qa'),
          kv('dA·QB', formatPoint(alice), 'ecdh-toy-alice'),
        ),
        h(
          'div',
          { class: 'party bob' },
          h('h4', {}, 'Bob'),
          kv('QB = dB·G', formatPoint(QB), 'ecdh-toy-qb'),
          kv('dB·QA', formatPoint(bob), 'ecdh-toy-bob'),
        ),
      ),
      h(
        'p',
        { class: 'note' },
        `Each checks the other's public key is on the curve first: QA ${isOnCurve(QA, TOY) ? 'yes' : 'NO'}, QB ${isOnCurve(QB, TOY) ? 'yes' : 'NO'}. `,
        `Both computed (dA·dB)·G = ${a * b}·G = ${((a * b) % n).toString()}·G.`,
      ),
      notice(
        same ? 'ok' : 'error',
        same ? 'Same point on both sides. ' : 'The points differ! ',
        'The shared secret is its x-coordinate: Z = ',
        h('output', { 'data-testid': 'ecdh-toy-z' }, alice.x),
      ),
    );
  }
  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, `On the toy curve (n = ${n}, G = ${formatPoint(G)})`),
    h('div', { class: 'controls' }, dA.wrapper, dB.wrapper, random),
    out,
  );
  render();
  return card;
}

function p256Exchange(): HTMLElement {
  const keysOut = h('div', { class: 'stack' });
  const kdfOut = h('div', { class: 'stack' });
  const gcmOut = h('div', { class: 'stack' });
  const message = field('message', { value: 'attack at dawn', 'data-testid': 'ecdh-message' }, () =>
    encrypt(),
  );
  const newKeys = button('new keys', { class: 'primary', 'data-testid': 'ecdh-new-keys' }, () =>
    exchange(),
  );
  const reseal = button('encrypt again (new nonce)', { 'data-testid': 'ecdh-encrypt' }, () =>
    encrypt(),
  );
  let key: Uint8Array | undefined;
  let nonce: Uint8Array = new Uint8Array(12);
  let sealed: Uint8Array = new Uint8Array(0);
  let tampered: Uint8Array = new Uint8Array(0);

  function exchange(): void {
    const alice: PrivateKey = generatePrivateKey();
    const bob: PrivateKey = generatePrivateKey();
    const zAlice = alice.exchange(bob.publicKey);
    const zBob = bob.exchange(alice.publicKey);
    const same = equalBytes(zAlice, zBob);
    replace(
      keysOut,
      h(
        'div',
        { class: 'grid two' },
        h(
          'div',
          { class: 'party alice' },
          h('h4', {}, 'Alice'),
          kv('dA (private, 32 bytes)', bytesHex(alice.toRaw()), 'ecdh-da'),
          kv('QA (public, SEC 1 uncompressed)', bytesHex(alice.publicKey.toRaw()), 'ecdh-qa'),
          kv('Z = x(dA·QB)', bytesHex(zAlice), 'ecdh-z-alice'),
        ),
        h(
          'div',
          { class: 'party bob' },
          h('h4', {}, 'Bob'),
          kv('dB (private, 32 bytes)', bytesHex(bob.toRaw()), 'ecdh-db'),
          kv('QB (public, SEC 1 uncompressed)', bytesHex(bob.publicKey.toRaw()), 'ecdh-qb'),
          kv('Z = x(dB·QA)', bytesHex(zBob), 'ecdh-z-bob'),
        ),
      ),
      notice(
        same ? 'ok' : 'error',
        same
          ? 'Equal: both sides hold the same 32-byte secret Z, and it never crossed the wire.'
          : 'The secrets differ!',
      ),
    );
    const prk = extract(sha256, zAlice, undefined);
    key = expand(sha256, prk, utf8ToBytes(INFO), 32);
    replace(
      kdfOut,
      h(
        'p',
        { class: 'note' },
        `Z is a point's coordinate, not a uniform key: HKDF-SHA256 turns it into one. No salt (as the tutorial), info = "${INFO}".`,
      ),
      kv('PRK = HMAC-SHA256(salt = 32 zero bytes, Z)', bytesHex(prk), 'ecdh-prk'),
      kv('key = Expand(PRK, info, 32)', bytesHex(key), 'ecdh-key'),
    );
    encrypt();
  }

  function encrypt(): void {
    if (key === undefined) return;
    nonce = randomBytes(12); // a fresh nonce for every message under this key
    sealed = aesGcm(key, nonce).encrypt(utf8ToBytes(message.input.value));
    tampered = sealed.slice();
    renderGcm();
  }

  function renderGcm(): void {
    const tagStart = sealed.length - 16;
    const bytes = Array.from(tampered, (value, i) => {
      const changed = value !== sealed[i];
      const cell = h(
        'button',
        {
          type: 'button',
          class: `byte ${i >= tagStart ? 'tag' : 'ct'}${changed ? ' flipped' : ''}`,
          title: `${i >= tagStart ? 'tag' : 'ciphertext'} byte ${i >= tagStart ? i - tagStart : i}: click to flip its low bit`,
          'data-testid': 'ecdh-byte',
          'data-index': i,
        },
        value.toString(16).padStart(2, '0'),
      );
      cell.addEventListener('click', () => {
        tampered[i] ^= 1;
        renderGcm();
      });
      return cell;
    });
    let result: HTMLElement;
    try {
      const plaintext = aesGcm(key!, nonce).decrypt(tampered);
      result = notice(
        'ok',
        'Bob decrypts: "',
        h('output', { 'data-testid': 'ecdh-decrypted' }, bytesToUtf8(plaintext)),
        '"',
      );
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      result = notice(
        'error',
        'Bob refuses: CryptoError ',
        h('output', { 'data-testid': 'ecdh-auth' }, error.code),
        ` (${error.message}). The tag is checked before any plaintext exists, so none is released.`,
      );
    }
    const changed = tampered.some((value, i) => value !== sealed[i]);
    replace(
      gcmOut,
      kv('nonce (12 random bytes)', bytesHex(nonce), 'ecdh-nonce'),
      h(
        'div',
        { class: 'kv stacked' },
        h(
          'span',
          {},
          `ciphertext (${tagStart} bytes) ‖ tag (16 bytes): click a byte to flip a bit`,
        ),
        h(
          'div',
          { class: 'bytes', 'data-testid': 'ecdh-sealed', 'data-hex': bytesToHex(tampered) },
          ...bytes,
        ),
      ),
      result,
      changed
        ? button('undo the tampering', { 'data-testid': 'ecdh-untamper' }, () => {
            tampered = sealed.slice();
            renderGcm();
          })
        : '',
    );
  }

  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, 'On P-256, with the protocol tier'),
    h(
      'p',
      { class: 'note' },
      'generatePrivateKey() draws d from crypto.getRandomValues; exchange() validates the peer key (SP 800-56A §5.6.2.3.3) and returns x(d·Q).',
    ),
    h('div', { class: 'controls' }, newKeys),
    keysOut,
    h('h3', {}, 'Then a key: HKDF-SHA256'),
    kdfOut,
    h('h3', {}, 'And a message: AES-256-GCM'),
    h('div', { class: 'controls' }, message.wrapper, reseal),
    gcmOut,
  );
  replace(keysOut, h('p', { class: 'note' }, 'computing…'));
  afterPaint(exchange);
  return card;
}
