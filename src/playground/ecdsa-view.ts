/**
 * View 6, ECDSA (FIPS 186-5 §6.4, SEC 1 v2 §4.1.3–§4.1.4, nonces by RFC 6979):
 *   - on the toy curve, a signature with every step (traceEcdsa, the trace `ecdh-lab explain
 *     ecdsa` prints), then a verifier that recomputes w, u1, u2 and R' = u1·G + u2·Q for the
 *     message, r and s it is given: change any of them and it says invalid;
 *   - on P-256 with the key objects (PrivateKey.sign, PublicKey.verify): a deterministic DER
 *     signature whose bytes can be clicked to flip a bit, and a message the verifier may edit;
 *   - a signer that reuses k, on the toy curve and on P-256 (signed by the textbook
 *     ecdsaSignReference, which takes k as an argument): from the two signatures and the public
 *     values alone, k = (e1 − e2)/(s1 − s2) and d = (s1·k − e1)/r (mod n), and the recovered d
 *     is checked against the public key.
 *
 * The private keys are shown because this is a playground: they live only in this page.
 */
import {
  bytesToHex,
  CryptoError,
  generatePrivateKey,
  PrivateKey,
  type PublicKey,
  sha256,
  sha384,
  sha512,
  utf8ToBytes,
} from '../index.js';
import {
  type AffinePoint,
  bits2int,
  decodeSignature,
  ecdsaSignReference,
  ecdsaVerifyReference,
  INFINITY,
  mod,
  modInverseVartime,
  P256,
  pointAdd,
  randomScalar,
  scalarMultiply,
  scalarToBytes,
  TOY,
  traceEcdsa,
} from '../math.js';
import {
  afterPaint,
  button,
  bytesHex,
  field,
  formatNumber,
  formatPoint,
  h,
  notice,
  parseInteger,
  replace,
} from './dom.js';
import { recoverFromReusedNonce } from './nonce-reuse.js';
import { randomInRange } from './numbers.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
type HashName = keyof typeof HASHES;

export function mountEcdsa(root: HTMLElement): void {
  root.append(toySignature(), p256Signature(), nonceReuse('toy'), nonceReuse('p256'));
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

/** e for a message: the leftmost bits of SHA-256(M) as an integer mod n's length (bits2int). */
function messageRepresentative(message: string, n: bigint): bigint {
  return bits2int(sha256(utf8ToBytes(message)), n);
}

// ---------------------------------------------------------------------------------------------
// The toy curve: sign, then verify whatever the verifier is given.

function toySignature(): HTMLElement {
  const n = TOY.n!;
  const G = TOY.G!;
  const signOut = h('div', { class: 'stack' });
  const verifyOut = h('div', { class: 'stack' });
  const dInput = field('private key d', { value: '17', 'data-testid': 'ecdsa-toy-d' }, () =>
    sign(),
  );
  const message = field(
    'message M',
    { value: 'hello, ecdsa', class: 'message', 'data-testid': 'ecdsa-toy-message' },
    () => sign(),
  );
  const vMessage = field('message', { class: 'message', 'data-testid': 'ecdsa-toy-vmessage' }, () =>
    verify(),
  );
  const vR = field('r', { inputmode: 'numeric', 'data-testid': 'ecdsa-toy-vr' }, () => verify());
  const vS = field('s', { inputmode: 'numeric', 'data-testid': 'ecdsa-toy-vs' }, () => verify());
  const tamper = button('tamper: s + 1', { 'data-testid': 'ecdsa-toy-tamper' }, () => {
    const s = parseInteger(vS.input.value) ?? 0n;
    vS.input.value = String(mod(s + 1n, n));
    verify();
  });
  const restore = button('as signed', { 'data-testid': 'ecdsa-toy-restore' }, () => sign());
  let Q: AffinePoint | undefined;

  function sign(): void {
    const d = parseInteger(dInput.input.value);
    if (d === undefined || d < 1n || d >= n) {
      Q = undefined;
      replace(signOut, notice('error', `d is an integer in [1, n − 1] = [1, ${n - 1n}].`));
      replace(verifyOut);
      return;
    }
    const t = traceEcdsa('toy', { d, message: message.input.value });
    Q = t.Q;
    replace(
      signOut,
      kv('public key Q = d·G', formatPoint(t.Q), 'ecdsa-toy-q'),
      kv('SHA-256(M)', bytesHex(t.digest)),
      kv(`e = leftmost ${n.toString(2).length} bits of SHA-256(M)`, String(t.e), 'ecdsa-toy-e'),
      kv('k = RFC 6979 nonce for (d, SHA-256(M))', String(t.k), 'ecdsa-toy-k'),
      kv('R = k·G', formatPoint(t.R)),
      kv('r = x(R) mod n', String(t.r), 'ecdsa-toy-r'),
      kv('k⁻¹ mod n', String(t.kInverse)),
      kv('s = k⁻¹·(e + r·d) mod n', `${t.kInverse}·(${t.e} + ${t.r}·${t.d}) = ${t.s}`),
      notice(
        'info',
        'signature (r, s) = (',
        h('output', { 'data-testid': 'ecdsa-toy-sig' }, `${t.r}, ${t.s}`),
        ')',
      ),
    );
    vMessage.input.value = message.input.value;
    vR.input.value = String(t.r);
    vS.input.value = String(t.s);
    verify();
  }

  function verify(): void {
    if (Q === undefined) return;
    const r = parseInteger(vR.input.value);
    const s = parseInteger(vS.input.value);
    if (r === undefined || s === undefined) {
      replace(verifyOut, notice('error', 'r and s are integers.'));
      return;
    }
    const e = messageRepresentative(vMessage.input.value, n);
    const valid = ecdsaVerifyReference(e, Q, r, s, TOY);
    const parts: (HTMLElement | string)[] = [
      kv('e = leftmost bits of SHA-256(message)', String(e), 'ecdsa-toy-ve'),
    ];
    if (r < 1n || r >= n || s < 1n || s >= n) {
      parts.push(
        h('p', { class: 'note' }, `r and s must be in [1, ${n - 1n}]: refused before any work.`),
      );
    } else {
      const w = modInverseVartime(s, n);
      const u1 = mod(e * w, n);
      const u2 = mod(r * w, n);
      const R = pointAdd(scalarMultiply(u1, G, TOY), scalarMultiply(u2, Q, TOY), TOY);
      parts.push(
        kv('w = s⁻¹ mod n', String(w)),
        kv('u1 = e·w, u2 = r·w (mod n)', `${u1}, ${u2}`),
        kv("R' = u1·G + u2·Q", formatPoint(R), 'ecdsa-toy-vpoint'),
        kv("x(R') mod n", R === INFINITY ? '— (R′ = O)' : String(mod(R.x, n))),
      );
    }
    parts.push(
      valid
        ? notice(
            'ok',
            'x(R′) mod n = r: ',
            h('output', { 'data-testid': 'ecdsa-toy-valid' }, 'valid'),
            '. (With n = 233 about one message in 233 has the same e and passes too; P-256’s n is near 2^256.)',
          )
        : notice(
            'error',
            h('output', { 'data-testid': 'ecdsa-toy-valid' }, 'invalid'),
            ': the verifier does not reach R = k·G, so x(R′) mod n ≠ r.',
          ),
    );
    replace(verifyOut, ...parts);
  }

  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, `On the toy curve (n = ${n}, G = ${formatPoint(G)}): sign`),
    h('div', { class: 'controls' }, dInput.wrapper, message.wrapper),
    signOut,
    h('h3', {}, 'Verify (FIPS 186-5 §6.4.2): change the message, r or s'),
    h('div', { class: 'controls' }, vMessage.wrapper, vR.wrapper, vS.wrapper, tamper, restore),
    verifyOut,
  );
  sign();
  return card;
}

// ---------------------------------------------------------------------------------------------
// P-256 with the key objects: a DER signature whose bytes can be flipped.

function p256Signature(): HTMLElement {
  const keyOut = h('div', { class: 'stack' });
  const signOut = h('div', { class: 'stack' });
  const verifyOut = h('div', { class: 'stack' });
  const message = field(
    'message',
    { value: 'pay Bob 10 coins', class: 'message', 'data-testid': 'ecdsa-message' },
    () => sign(),
  );
  const hashSelect = h(
    'select',
    { 'data-testid': 'ecdsa-hash' },
    ...Object.keys(HASHES).map((name) => h('option', { value: name }, name)),
  );
  hashSelect.addEventListener('change', () => sign());
  const vMessage = field(
    'the verifier’s message',
    { class: 'message', 'data-testid': 'ecdsa-vmessage' },
    () => verify(),
  );
  const newKey = button('new key', { class: 'primary', 'data-testid': 'ecdsa-new-key' }, () => {
    key = generatePrivateKey();
    showKey();
    sign();
  });
  let key: PrivateKey = generatePrivateKey();
  let signature: Uint8Array = new Uint8Array(0);
  let tampered: Uint8Array = new Uint8Array(0);

  function showKey(): void {
    replace(
      keyOut,
      kv('d (private, 32 bytes)', bytesHex(key.toRaw()), 'ecdsa-d'),
      kv('Q = d·G (public, SEC 1 uncompressed)', bytesHex(key.publicKey.toRaw()), 'ecdsa-q'),
    );
  }

  function sign(): void {
    const hash = HASHES[hashSelect.value as HashName];
    const bytes = utf8ToBytes(message.input.value);
    signature = key.sign(bytes, { hash });
    const again = key.sign(bytes, { hash });
    const { r, s } = decodeSignature(signature);
    replace(
      signOut,
      kv(`${hashSelect.value}(message)`, bytesHex(hash(bytes))),
      kv('r', formatNumber(r), 'ecdsa-r'),
      kv('s', formatNumber(s), 'ecdsa-s'),
      h(
        'p',
        { class: 'note' },
        `k comes from RFC 6979: HMAC-DRBG seeded with d and the hash, so signing again gives the same bytes (${bytesToHex(again) === bytesToHex(signature) ? 'it did' : 'IT DID NOT'}) and a new message a new k.`,
      ),
    );
    vMessage.input.value = message.input.value;
    tampered = signature.slice();
    verify();
  }

  function verify(): void {
    const hash = HASHES[hashSelect.value as HashName];
    const cells = Array.from(tampered, (value, i) => {
      const cell = h(
        'button',
        {
          type: 'button',
          class: `byte${value !== signature[i] ? ' flipped' : ''}`,
          title: `signature byte ${i}: click to flip its low bit`,
          'data-testid': 'ecdsa-sig-byte',
        },
        value.toString(16).padStart(2, '0'),
      );
      cell.addEventListener('click', () => {
        tampered[i] ^= 1;
        verify();
      });
      return cell;
    });
    const publicKey: PublicKey = key.publicKey;
    const valid = publicKey.verify(utf8ToBytes(vMessage.input.value), tampered, { hash });
    let parsed = 'parses as DER';
    try {
      decodeSignature(tampered);
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      parsed = `no longer parses as DER (${error.code}): verify just says false`;
    }
    const changed = tampered.some((value, i) => value !== signature[i]);
    replace(
      verifyOut,
      h(
        'div',
        { class: 'kv stacked' },
        h(
          'span',
          {},
          `the signature, DER (${tampered.length} bytes): click a byte to flip a bit; it ${parsed}`,
        ),
        h(
          'div',
          {
            class: 'bytes',
            'data-testid': 'ecdsa-signature',
            'data-hex': bytesToHex(tampered),
          },
          ...cells,
        ),
      ),
      valid
        ? notice(
            'ok',
            'Q.verify(message, signature): ',
            h('output', { 'data-testid': 'ecdsa-verified' }, 'valid'),
          )
        : notice(
            'error',
            'Q.verify(message, signature): ',
            h('output', { 'data-testid': 'ecdsa-verified' }, 'invalid'),
            ' — the message or the signature is not what the key signed.',
          ),
      changed
        ? button('undo the tampering', { 'data-testid': 'ecdsa-untamper' }, () => {
            tampered = signature.slice();
            verify();
          })
        : '',
    );
  }

  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, 'On P-256, with the key objects'),
    h(
      'p',
      { class: 'note' },
      'generatePrivateKey() draws d from crypto.getRandomValues; sign() hashes the message, takes k from RFC 6979 and returns DER; verify() parses strictly and checks x(u1·G + u2·Q) mod n = r.',
    ),
    h('div', { class: 'controls' }, newKey),
    keyOut,
    h(
      'div',
      { class: 'controls' },
      message.wrapper,
      h('label', { class: 'field' }, h('span', {}, 'hash'), hashSelect),
    ),
    signOut,
    h('h3', {}, 'Verify: edit the message or flip a byte'),
    h('div', { class: 'controls' }, vMessage.wrapper),
    verifyOut,
  );
  replace(keyOut, h('p', { class: 'note' }, 'computing…'));
  afterPaint(() => {
    showKey();
    sign();
  });
  return card;
}

// ---------------------------------------------------------------------------------------------
// A signer that reuses k, and what anyone who sees two signatures learns.

function nonceReuse(curveName: 'toy' | 'p256'): HTMLElement {
  const toy = curveName === 'toy';
  const curve = toy ? TOY : P256;
  const n = curve.n!;
  const G = curve.G!;
  const id = (name: string) => `ecdsa-reuse-${curveName}-${name}`;
  const num = (value: bigint) => (toy ? String(value) : formatNumber(value));
  const out = h('div', { class: 'stack' });
  const m1 = field(
    'message 1',
    { value: 'pay Bob 10 coins', class: 'message', 'data-testid': id('m1') },
    () => render(),
  );
  const m2 = field(
    'message 2',
    { value: 'pay Bob 20 coins', class: 'message', 'data-testid': id('m2') },
    () => render(),
  );
  // The buggy signer's secrets: on the toy curve typed in, on P-256 drawn at random.
  const dInput = field('signer’s d', { value: '17', 'data-testid': id('d') }, () => render());
  const kInput = field('the reused k', { value: '100', 'data-testid': id('k-used') }, () =>
    render(),
  );
  let signer: PrivateKey = generatePrivateKey();
  let kP256 = randomScalar();
  const newSigner = button(
    toy ? 'random d and k' : 'new signer (random d and k)',
    { class: 'chip', 'data-testid': id('new') },
    () => {
      if (toy) {
        dInput.input.value = String(randomInRange(1n, n - 1n));
        kInput.input.value = String(randomInRange(1n, n - 1n));
      } else {
        signer = generatePrivateKey();
        kP256 = randomScalar();
      }
      render();
    },
  );

  function render(): void {
    let d: bigint;
    let k: bigint;
    if (toy) {
      const dt = parseInteger(dInput.input.value);
      const kt = parseInteger(kInput.input.value);
      if (dt === undefined || kt === undefined || dt < 1n || dt >= n || kt < 1n || kt >= n) {
        replace(out, notice('error', `d and k are integers in [1, n − 1] = [1, ${n - 1n}].`));
        return;
      }
      [d, k] = [dt, kt];
    } else {
      d = bits2int(signer.toRaw(), n);
      k = kP256;
    }
    const Q = scalarMultiply(d, G, curve);
    const e1 = messageRepresentative(m1.input.value, n);
    const e2 = messageRepresentative(m2.input.value, n);
    let sig1: { r: bigint; s: bigint };
    let sig2: { r: bigint; s: bigint };
    try {
      sig1 = ecdsaSignReference(e1, d, k, curve);
      sig2 = ecdsaSignReference(e2, d, k, curve);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      replace(out, notice('error', `This k cannot sign: ${error.message}.`));
      return;
    }
    const signerSide = h(
      'div',
      { class: 'party alice' },
      h('h4', {}, 'The signer (secret)'),
      kv('d', num(d), id('secret-d')),
      kv('k, used twice', num(k), id('secret-k')),
    );
    const published = h(
      'div',
      { class: 'party bob' },
      h('h4', {}, 'What everyone sees'),
      kv('public key Q', formatPoint(Q), id('q')),
      kv('e1, e2 (from the messages)', `${num(e1)}, ${num(e2)}`),
      kv('signature 1: r', num(sig1.r), id('r1')),
      kv('signature 1: s1', num(sig1.s), id('s1')),
      kv('signature 2: r', num(sig2.r), id('r2')),
      kv('signature 2: s2', num(sig2.s), id('s2')),
    );
    const parts: (HTMLElement | string)[] = [
      h('div', { class: 'grid two' }, signerSide, published),
      notice(
        sig1.r === sig2.r ? 'info' : 'error',
        sig1.r === sig2.r
          ? 'The same r twice: r = x(k·G), so the same k. Both signatures verify, and they give k away:'
          : 'Different r?!',
      ),
    ];
    const found = recoverFromReusedNonce({ n, e1, e2, r: sig1.r, s1: sig1.s, s2: sig2.s });
    if (found === undefined) {
      parts.push(
        notice(
          'error',
          `e1 ≡ e2 (mod ${toy ? n : 'n'}): s1 = s2 and the two equations are the same one. Change a message.`,
        ),
      );
      replace(out, ...parts);
      return;
    }
    const R = scalarMultiply(found.d, G, curve);
    const same = found.d !== 0n && R.x === Q.x && R.y === Q.y;
    parts.push(
      kv('k = (e1 − e2) / (s1 − s2) mod n', num(found.k), id('k')),
      kv('d = (s1·k − e1) / r mod n', num(found.d), id('d-found')),
      notice(
        same ? 'ok' : 'error',
        `recovered d·G = Q: `,
        h('output', { 'data-testid': id('check') }, same ? 'yes' : 'no'),
        same ? ' — the private key is out.' : '',
      ),
    );
    if (!toy && same) {
      const stolen = PrivateKey.fromRaw(scalarToBytes(found.d));
      const forged = utf8ToBytes('pay Mallory 1000 coins');
      const a = decodeSignature(signer.sign(utf8ToBytes(m1.input.value)));
      const b = decodeSignature(signer.sign(utf8ToBytes(m2.input.value)));
      parts.push(
        h(
          'p',
          { class: 'note' },
          `The recovered key signs "pay Mallory 1000 coins" byte for byte as the signer would: ${bytesToHex(stolen.sign(forged)) === bytesToHex(signer.sign(forged)) ? 'yes' : 'no'}. `,
          `The library's own PrivateKey.sign takes k from RFC 6979, a different k per message: its r for the two messages differ (${a.r === b.r ? 'NOT' : 'they do'}).`,
        ),
      );
    }
    replace(out, ...parts);
  }

  const card = h(
    'section',
    { class: 'card' },
    h('h3', {}, toy ? 'A reused k, on the toy curve' : 'A reused k, on P-256'),
    h(
      'p',
      { class: 'note' },
      toy
        ? 'A buggy signer uses the same k for two messages. From s1·k = e1 + r·d and s2·k = e2 + r·d, subtracting: k = (e1 − e2)/(s1 − s2), then d. Chapter 9 of the tour.'
        : 'The same algebra at full size: a random key and a random k, signed by the textbook ecdsaSignReference (which takes k as an argument, so the bug can be simulated).',
    ),
    h(
      'div',
      { class: 'controls' },
      m1.wrapper,
      m2.wrapper,
      toy ? dInput.wrapper : '',
      toy ? kInput.wrapper : '',
      newSigner,
    ),
    out,
  );
  if (toy) render();
  else {
    replace(out, h('p', { class: 'note' }, 'computing…'));
    afterPaint(render);
  }
  return card;
}
