/**
 * The `curve` option of createServer/connect: the Noise protocols over X25519
 * (Noise_*_25519_AESGCM_SHA256, src/channel/x25519-suite.ts) with X25519 key objects, end to
 * end over 127.0.0.1; P-256 stays the default; keys of the other curve and the tutorial with
 * X25519 are refused when the options are checked.
 */
import { connect } from '../../src/net/client.js';
import type { ProtocolName } from '../../src/net/options.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { echoServer } from './helpers.js';

const X25519 = { curve: 'X25519' } as const;
const serverKey = PrivateKey.generate(X25519);
const clientKey = PrivateKey.generate(X25519);
const p256Key = PrivateKey.generate();

const CASES: { protocol: ProtocolName; server: object; client: object }[] = [
  { protocol: 'nn', server: { curve: 'X25519' }, client: { curve: 'X25519' } },
  // nk and xx: the curve follows from the keys given.
  {
    protocol: 'nk',
    server: { staticKey: serverKey },
    client: { remoteStaticKey: serverKey.publicKey },
  },
  {
    protocol: 'xx',
    server: { staticKey: serverKey, allow: [clientKey.publicKey] },
    client: { staticKey: clientKey, remoteStaticKey: serverKey.publicKey, curve: 'X25519' },
  },
];

describe.each(CASES)('protocol $protocol over X25519', ({ protocol, server, client }) => {
  it('echoes messages; the static keys travel as 32-byte u-coordinates', async () => {
    const { server: s, port } = await echoServer({ protocol, ...server });
    const channel = await connect({ protocol, port, ...client });
    if (protocol !== 'nn') expect(channel.remoteStaticKey).toEqual(serverKey.publicKey.toRaw());
    const messages = ['first', '', 'x'.repeat(60000)].map((t) => Buffer.from(t));
    for (const m of messages) await channel.send(m);
    const replies: Buffer[] = [];
    for await (const reply of channel) {
      replies.push(Buffer.from(reply));
      if (replies.length === messages.length) break;
    }
    expect(replies).toEqual(messages);
    await channel.close();
    await s.close();
  });
});

describe('curve option', () => {
  it('P-256 stays the default: a P-256 client cannot talk to an X25519 server', async () => {
    const { server, port } = await echoServer({ protocol: 'nn', curve: 'X25519' });
    await expect(connect({ protocol: 'nn', port, handshakeTimeout: 5000 })).rejects.toThrow();
    await server.close();
  });

  it('refuses keys of the other curve, an unknown curve, and the tutorial over X25519', async () => {
    await expect(
      connect({ protocol: 'nk', port: 1, curve: 'X25519', remoteStaticKey: p256Key.publicKey }),
    ).rejects.toThrow(/remoteStaticKey is a P-256 key, but the curve is X25519/);
    await expect(
      connect({
        protocol: 'xx',
        port: 1,
        staticKey: serverKey,
        remoteStaticKey: p256Key.publicKey,
      }),
    ).rejects.toThrow(/remoteStaticKey is a P-256 key, but the curve is X25519/);
    await expect(
      echoServer({ protocol: 'xx', staticKey: serverKey, allow: [p256Key.publicKey] }),
    ).rejects.toThrow(/allow\[0\] is a P-256 key/);
    await expect(connect({ protocol: 'nn', port: 1, curve: 'P-521' as never })).rejects.toThrow(
      TypeError,
    );
    await expect(connect({ protocol: 'tutorial', port: 1, curve: 'X25519' })).rejects.toThrow(
      /P-256 only/,
    );
  });
});
