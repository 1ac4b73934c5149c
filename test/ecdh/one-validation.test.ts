/**
 * Parse once, then trust: a peer's public key from the wire is checked to be on the curve
 * exactly once on its way to the shared secret, and a private scalar is range-checked exactly
 * once between its making and the ladder, or the ECDSA signatures made with it.
 *
 * How it counts: isOnCurve (src/curve/affine.ts) and assertScalarRange (src/math/scalar.ts)
 * each count their runs in a module-level counter (onCurveChecks, scalarChecks). No entry point
 * exports the counters (checked below); these tests import the internal modules. The counts
 * are of calls, not of time. Keys: fresh random ones, and the SEC 2 v2 §2.4.2 base point.
 */
import { HandshakeState } from '../../src/channel/handshake-state';
import { p256Suite } from '../../src/channel/p256-suite';
import { TutorialChannel } from '../../src/channel/tutorial-channel';
import { onCurveChecks } from '../../src/curve/affine';
import { G } from '../../src/curve/p256';
import { sharedSecret } from '../../src/ecdh/ecdh';
import { PrivateKey } from '../../src/keys/private-key';
import { PublicKey } from '../../src/keys/public-key';
import { scalarChecks } from '../../src/math/scalar';
import * as root from '../../src/index';
import * as math from '../../src/math';

/** How many on-curve checks and private-scalar range checks `work` runs. */
function checksDuring<T>(work: () => T): { onCurve: number; scalarRange: number; result: T } {
  const onCurve = onCurveChecks.count;
  const scalarRange = scalarChecks.count;
  const result = work();
  return {
    onCurve: onCurveChecks.count - onCurve,
    scalarRange: scalarChecks.count - scalarRange,
    result,
  };
}

const PROLOGUE = new TextEncoder().encode('ecdh-lab/1');

describe('a peer key from the wire is checked on the curve once, through to the shared secret', () => {
  const ours = PrivateKey.generate();
  const peer = PrivateKey.generate();
  const expected = peer.exchange(ours.publicKey); // ECDH is symmetric

  const readers: [string, () => PublicKey][] = [
    ['PublicKey.fromRaw (65-byte SEC 1)', () => PublicKey.fromRaw(peer.publicKey.toRaw())],
    ['PublicKey.fromDer (SPKI)', () => PublicKey.fromDer(peer.publicKey.toDer())],
    ['PublicKey.fromPem', () => PublicKey.fromPem(peer.publicKey.toPem())],
    ['PublicKey.fromJwk', () => PublicKey.fromJwk(peer.publicKey.toJwk())],
    [
      'PublicKey.fromPoint',
      () => PublicKey.fromPoint({ x: peer.publicKey.point.x, y: peer.publicKey.point.y }),
    ],
  ];
  for (const [name, read] of readers) {
    it(`${name}, then exchange: 1 on-curve check, 0 scalar checks`, () => {
      const counted = checksDuring(() => ours.exchange(read()));
      expect(counted.result).toEqual(expected);
      expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
        onCurve: 1,
        scalarRange: 0,
      });
    });
  }

  it('a validated PublicKey is not validated again: exchange, verify and the exports check nothing', () => {
    const key = PublicKey.fromRaw(peer.publicKey.toRaw());
    const message = new TextEncoder().encode('parse once');
    const signature = peer.sign(message);
    const counted = checksDuring(() => {
      ours.exchange(key);
      ours.exchange(key);
      key.verify(message, signature);
      key.toRaw({ compressed: true });
      key.toDer();
      key.toJwk();
      return ours.toDer(); // writes our public key too
    });
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 0,
      scalarRange: 0,
    });
  });

  it("one Noise NN read of the peer's ephemeral key plus the ee DH: 1 on-curve check", () => {
    const initiator = new HandshakeState({
      suite: p256Suite,
      pattern: 'NN',
      initiator: true,
      prologue: PROLOGUE,
    });
    const responder = new HandshakeState({
      suite: p256Suite,
      pattern: 'NN',
      initiator: false,
      prologue: PROLOGUE,
    });
    const first = initiator.writeMessage(new Uint8Array(0));
    responder.readMessage(first);
    const second = responder.writeMessage(new Uint8Array(0)); // e, ee
    const counted = checksDuring(() => initiator.readMessage(second)); // reads e, then DH(e, re)
    expect(initiator.isComplete).toBe(true);
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 1,
      scalarRange: 0,
    });
    expect(initiator.handshakeHash).toEqual(responder.handshakeHash);
  });

  it("the tutorial channel: the peer's PEM read, the exchange, the key derived: 1 on-curve check", () => {
    const a = new TutorialChannel();
    const b = new TutorialChannel();
    a.start();
    const [pemB] = b.start();
    const counted = checksDuring(() => a.receive(pemB));
    expect(a.established).toBe(true);
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 1,
      scalarRange: 0,
    });
  });

  it('the study tier (sharedSecret on bigints) validates what it is given, each call', () => {
    const counted = checksDuring(() => sharedSecret(2n, G));
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 1,
      scalarRange: 1,
    });
  });
});

describe('a private scalar is range-checked once, between its making and the ladder', () => {
  it('PrivateKey.generate, its public key, an exchange: 1 range check', () => {
    const peer = PublicKey.fromRaw(PrivateKey.generate().publicKey.toRaw());
    const counted = checksDuring(() => {
      const key = PrivateKey.generate();
      key.publicKey.toRaw(); // d·G, by the fixed-base method
      return key.exchange(peer); // d·Q, by the ladder
    });
    expect(counted.result).toHaveLength(32);
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 0,
      scalarRange: 1,
    });
  });

  it('PrivateKey.fromRaw (and fromDer, fromPem), an exchange: 1 range check', () => {
    const source = PrivateKey.generate();
    const peer = PublicKey.fromRaw(PrivateKey.generate().publicKey.toRaw());
    const der = source.toDer('pkcs8'); // carries the public key: one on-curve check to compare it
    for (const [parse, onCurve] of [
      [() => PrivateKey.fromRaw(source.toRaw()), 0],
      [() => PrivateKey.fromDer(der), 1],
      [() => PrivateKey.fromPem(source.toPem('sec1')), 1],
    ] as const) {
      const counted = checksDuring(() => parse().exchange(peer));
      expect(counted.result).toEqual(source.exchange(peer));
      expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
        onCurve,
        scalarRange: 1,
      });
    }
  });

  it('PrivateKey.generate, then ECDSA signatures (sign, signDigest, hedged, SHA-384): 1 range check', () => {
    const message = new TextEncoder().encode('parse once, sign often');
    const counted = checksDuring(() => {
      const key = PrivateKey.generate();
      return [
        key,
        key.sign(message),
        key.sign(message, { format: 'p1363', lowS: true }),
        key.signDigest(root.sha256(message)),
        key.sign(message, { extraEntropy: true }),
        key.sign(message, { hash: root.sha384 }),
      ] as const;
    });
    const [key, ...signatures] = counted.result;
    expect(key.publicKey.verify(message, signatures[0])).toBe(true);
    expect(key.publicKey.verify(message, signatures[1], { format: 'p1363', lowS: true })).toBe(
      true,
    );
    expect(key.publicKey.verify(message, signatures[2])).toBe(true);
    expect(key.publicKey.verify(message, signatures[3])).toBe(true);
    expect(key.publicKey.verify(message, signatures[4], { hash: root.sha384 })).toBe(true);
    expect({ onCurve: counted.onCurve, scalarRange: counted.scalarRange }).toEqual({
      onCurve: 0,
      scalarRange: 1,
    });
  });

  it('PrivateKey.fromRaw, then a signature: 1 range check (the read); signing again: 0', () => {
    const raw = PrivateKey.generate().toRaw();
    const message = new TextEncoder().encode('parse once');
    const first = checksDuring(() => PrivateKey.fromRaw(raw).sign(message));
    const key = PrivateKey.fromRaw(raw);
    const again = checksDuring(() => key.sign(message));
    expect(again.result).toEqual(first.result); // RFC 6979: deterministic
    expect([first.scalarRange, again.scalarRange]).toEqual([1, 0]);
  });

  it('the study tier (ecdsaSign on a bigint d, rfc6979Nonces) checks d on each call, once', () => {
    const digest = root.sha256(new TextEncoder().encode('sample'));
    const signed = checksDuring(() => math.ecdsaSign(0x1234n, digest));
    const nonces = checksDuring(() =>
      math.rfc6979Nonces(root.sha256, math.P256.n, 0x1234n, digest)(),
    );
    expect([signed.scalarRange, nonces.scalarRange]).toEqual([1, 1]);
    expect(() => math.rfc6979Nonces(root.sha256, math.P256.n, 0n, digest)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCALAR' }),
    );
  });

  it('a Noise NN initiator, from making its ephemeral key to the ee DH: 1 range check', () => {
    const responder = new HandshakeState({
      suite: p256Suite,
      pattern: 'NN',
      initiator: false,
      prologue: PROLOGUE,
    });
    const counted = checksDuring(() => {
      const initiator = new HandshakeState({
        suite: p256Suite,
        pattern: 'NN',
        initiator: true,
        prologue: PROLOGUE,
      });
      const first = initiator.writeMessage(new Uint8Array(0)); // generates e
      return { initiator, first };
    });
    responder.readMessage(counted.result.first);
    const second = responder.writeMessage(new Uint8Array(0));
    const dh = checksDuring(() => counted.result.initiator.readMessage(second)); // ee: the ladder
    expect(counted.scalarRange + dh.scalarRange).toBe(1);
  });
});

describe('the counters are internal', () => {
  it('neither ecdh-lab nor ecdh-lab/math exports them', () => {
    for (const tier of [root, math] as Record<string, unknown>[]) {
      expect(tier).not.toHaveProperty('onCurveChecks');
      expect(tier).not.toHaveProperty('scalarChecks');
    }
  });
});
