/**
 * The handshake's observation hook (HandshakeState / SymmetricState `observe`, Noise rev 34
 * §5.2–5.3): every token and every SymmetricState operation in the order of the spec, with the
 * values both sides agree on; and it changes nothing: the same keys give the same bytes with
 * and without an observer, and an observer that scribbles over what it is given harms no one.
 */
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import type { HandshakeEvent } from '../../src/channel/handshake-state.js';
import { noiseKeyPair, p256Suite } from '../../src/channel/p256-suite.js';
import type { PatternName } from '../../src/channel/patterns.js';
import { bytesToHex, utf8ToBytes } from '../../src/bytes/index.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { handshake } from './helpers.js';

const key = () => noiseKeyPair(PrivateKey.generate());

function run(
  pattern: PatternName,
  observe: { initiator?: (e: HandshakeEvent) => void; responder?: (e: HandshakeEvent) => void },
  keys = { ie: key(), re: key(), is: key(), rs: key() },
) {
  const initiator = new NoiseChannel({
    suite: p256Suite,
    pattern,
    initiator: true,
    ephemeralKey: keys.ie,
    staticKey: pattern === 'XX' ? keys.is : undefined,
    remoteStaticKey: pattern === 'NK' ? keys.rs.publicKey : undefined,
    observe: observe.initiator,
  });
  const responder = new NoiseChannel({
    suite: p256Suite,
    pattern,
    initiator: false,
    ephemeralKey: keys.re,
    staticKey: pattern === 'NN' ? undefined : keys.rs,
    observe: observe.responder,
  });
  const { handshake: frames } = handshake(initiator, responder);
  const message = initiator.seal(utf8ToBytes('after the handshake'));
  return { initiator, responder, frames, message, keys };
}

/** The events as short strings, e.g. 'MixHash', 'token e write', 'WriteMessage 0'. */
const names = (events: HandshakeEvent[]) =>
  events.map((e) =>
    e.op === 'token'
      ? `token ${e.token}${'direction' in e ? ` ${e.direction}` : ''}`
      : e.op === 'WriteMessage' || e.op === 'ReadMessage'
        ? `${e.op} ${e.index}`
        : e.op,
  );

describe('the handshake observer', () => {
  it('NN: the initiator sees → e then ← e, ee in the order of §5.3, each with its values', () => {
    const seen: HandshakeEvent[] = [];
    const other: HandshakeEvent[] = [];
    const { initiator, responder, keys } = run('NN', {
      initiator: (e) => seen.push(e),
      responder: (e) => other.push(e),
    });
    expect(names(seen)).toEqual([
      'InitializeSymmetric',
      'MixHash', // prologue
      'WriteMessage 0',
      'token e write',
      'MixHash', // e.public_key
      'EncryptAndHash', // the empty payload, no key yet: c = p
      'MixHash',
      'ReadMessage 1',
      'token e read',
      'MixHash',
      'token ee',
      'MixKey',
      'DecryptAndHash',
      'MixHash',
      'Split',
    ]);
    expect(names(other)).toEqual([
      'InitializeSymmetric',
      'MixHash',
      'ReadMessage 0',
      'token e read',
      'MixHash',
      'DecryptAndHash',
      'MixHash',
      'WriteMessage 1',
      'token e write',
      'MixHash',
      'token ee',
      'MixKey',
      'EncryptAndHash',
      'MixHash',
      'Split',
    ]);
    const hex = (e: HandshakeEvent | undefined, field: string) =>
      bytesToHex((e as unknown as Record<string, Uint8Array>)[field]);
    const find = (events: HandshakeEvent[], op: string) => events.filter((e) => e.op === op);
    // InitializeSymmetric: the name fits in 32 bytes, so h = ck = the name padded with zeros.
    const init = find(seen, 'InitializeSymmetric')[0];
    expect(hex(init, 'h')).toBe(
      bytesToHex(utf8ToBytes('Noise_NN_P256_AESGCM_SHA256')).padEnd(64, '0'),
    );
    expect(hex(init, 'ck')).toBe(hex(init, 'h'));
    // The public keys are the ones given; both sides see the same values throughout.
    const tokens = find(seen, 'token');
    expect(hex(tokens[0], 'publicKey')).toBe(bytesToHex(keys.ie.publicKey));
    expect(hex(tokens[1], 'publicKey')).toBe(bytesToHex(keys.re.publicKey));
    expect(hex(tokens[2], 'dh')).toBe(hex(find(other, 'token')[2], 'dh'));
    expect(hex(tokens[2], 'dh')).toBe(
      bytesToHex(keys.ie.privateKey.exchange(keys.re.privateKey.publicKey)),
    );
    expect(find(seen, 'MixHash').map((e) => hex(e, 'h'))).toEqual(
      find(other, 'MixHash').map((e) => hex(e, 'h')),
    );
    expect(hex(find(seen, 'MixKey')[0], 'ck')).toBe(hex(find(other, 'MixKey')[0], 'ck'));
    expect(hex(find(seen, 'Split')[0], 'k1')).toBe(hex(find(other, 'Split')[0], 'k1'));
    expect(hex(find(seen, 'Split')[0], 'k2')).not.toBe(hex(find(seen, 'Split')[0], 'k1'));
    // The last h is the handshake hash; the responder's tag is the ciphertext of its payload.
    expect(hex(find(seen, 'MixHash').at(-1), 'h')).toBe(bytesToHex(initiator.handshakeHash));
    expect(hex(find(other, 'MixHash').at(-1), 'h')).toBe(bytesToHex(responder.handshakeHash));
    const sealed = find(other, 'EncryptAndHash').at(-1)!;
    expect(hex(sealed, 'plaintext')).toBe('');
    expect(hex(sealed, 'ciphertext')).toHaveLength(32); // a 16-byte tag
  });

  it('XX: the s tokens are seen with the static keys, es and se with their DH outputs', () => {
    const seen: HandshakeEvent[] = [];
    const { keys } = run('XX', { initiator: (e) => seen.push(e) });
    const tokens = seen.filter((e) => e.op === 'token');
    expect(names(tokens)).toEqual([
      'token e write',
      'token e read',
      'token ee',
      'token s read',
      'token es',
      'token s write',
      'token se',
    ]);
    expect(bytesToHex((tokens[3] as { publicKey: Uint8Array }).publicKey)).toBe(
      bytesToHex(keys.rs.publicKey),
    );
    expect(bytesToHex((tokens[5] as { publicKey: Uint8Array }).publicKey)).toBe(
      bytesToHex(keys.is.publicKey),
    );
  });

  it.each(['NN', 'NK', 'XX'] as const)(
    '%s: the same keys give the same bytes with or without an observer, even one that overwrites what it sees',
    (pattern) => {
      const plain = run(pattern, {});
      const scribble = (e: HandshakeEvent) => {
        for (const value of Object.values(e)) if (value instanceof Uint8Array) value.fill(0xff);
      };
      const observed = run(pattern, { initiator: scribble, responder: scribble }, plain.keys);
      expect(observed.frames.map((f) => bytesToHex(f.frame))).toEqual(
        plain.frames.map((f) => bytesToHex(f.frame)),
      );
      expect(bytesToHex(observed.message)).toBe(bytesToHex(plain.message));
      expect(bytesToHex(observed.initiator.handshakeHash)).toBe(
        bytesToHex(plain.initiator.handshakeHash),
      );
    },
  );
});
