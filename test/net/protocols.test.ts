/**
 * Library API end to end for each protocol over 127.0.0.1: echo through createServer/connect,
 * static keys and allow lists, option checking.
 */
import { connect } from '../../src/net/client.js';
import type { ProtocolName } from '../../src/net/options.js';
import { createServer } from '../../src/net/server.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { echoServer } from './helpers.js';

const serverKey = PrivateKey.generate();
const clientKey = PrivateKey.generate();
const strangerKey = PrivateKey.generate();

const CASES: { protocol: ProtocolName; server: object; client: object }[] = [
  { protocol: 'tutorial', server: {}, client: {} },
  { protocol: 'nn', server: {}, client: {} },
  {
    protocol: 'nk',
    server: { staticKey: serverKey },
    client: { remoteStaticKey: serverKey.publicKey },
  },
  {
    protocol: 'xx',
    server: { staticKey: serverKey, allow: [clientKey.publicKey] },
    client: { staticKey: clientKey, remoteStaticKey: serverKey.publicKey },
  },
];

describe.each(CASES)(
  'protocol $protocol',
  ({ protocol, server: serverOptions, client: clientOptions }) => {
    it('echoes messages in order, through the iterator and the event', async () => {
      const { server, port } = await echoServer({ protocol, ...serverOptions });
      const channel = await connect({ protocol, port, ...clientOptions });
      expect(channel.protocol).toBe(protocol);
      if (protocol === 'nk' || protocol === 'xx')
        expect(channel.remoteStaticKey).toEqual(serverKey.publicKey.toRaw());
      const messages = ['first', '', 'third ✓', 'x'.repeat(60000)].map((t) => Buffer.from(t));
      for (const m of messages) await channel.send(m);
      const replies: Buffer[] = [];
      for await (const reply of channel) {
        replies.push(Buffer.from(reply));
        if (replies.length === messages.length) break;
      }
      expect(replies).toEqual(messages);
      await channel.close();
      await server.close();
    });
  },
);

describe('authentication', () => {
  it('xx: a client outside --allow is refused; a client pinning the wrong server key fails', async () => {
    const { server, port, logs } = await echoServer({
      protocol: 'xx',
      staticKey: serverKey,
      allow: [clientKey.publicKey],
    });
    // XX's initiator finishes its handshake when it writes message 3; the server judges the
    // client's key on reading it. So a refused client's connect() resolves, and the server then
    // drops the connection before any message is answered.
    const stranger = await connect({ protocol: 'xx', port, staticKey: strangerKey });
    await stranger.send(Buffer.from('let me in')).catch(() => {});
    const replies: Uint8Array[] = [];
    stranger.on('message', (m: Uint8Array) => replies.push(m));
    await stranger.closed;
    expect(replies).toEqual([]);
    await expect(
      connect({
        protocol: 'xx',
        port,
        staticKey: clientKey,
        remoteStaticKey: strangerKey.publicKey,
      }),
    ).rejects.toMatchObject({ code: 'HANDSHAKE_FAILED' });
    expect(logs.some((l) => /not allowed/.test(l))).toBe(true);
    const ok = await connect({ protocol: 'xx', port, staticKey: clientKey });
    expect(ok.remoteStaticKey).toEqual(serverKey.publicKey.toRaw());
    await ok.close();
    await server.close();
  });

  it('nk: a client expecting another server key fails the handshake', async () => {
    const { server, port } = await echoServer({ protocol: 'nk', staticKey: serverKey });
    await expect(
      connect({ protocol: 'nk', port, remoteStaticKey: strangerKey.publicKey }),
    ).rejects.toMatchObject({ code: 'HANDSHAKE_FAILED' });
    await server.close();
  });

  it('the server channel reports the client static key (xx), and allow may be a predicate', async () => {
    let seen: Uint8Array | undefined;
    const server = createServer(
      {
        protocol: 'xx',
        staticKey: serverKey,
        allow: (peer) => peer.equals(clientKey.publicKey),
        log: () => {},
      },
      async (channel) => {
        seen = channel.remoteStaticKey;
        await channel.close();
      },
    );
    expect(server.address()).toBeUndefined();
    const { port } = await server.listen(0);
    expect(server.address()).toEqual({ host: '127.0.0.1', port });
    const channel = await connect({ protocol: 'xx', port, staticKey: clientKey });
    await channel.closed;
    expect(seen).toEqual(clientKey.publicKey.toRaw());
    await server.close();
  });
});

describe('options', () => {
  it('are checked up front: missing or unused keys, bad protocol, bad numbers', () => {
    expect(() => createServer({ protocol: 'nk' })).toThrow(/staticKey/);
    expect(() => createServer({ protocol: 'xx' })).toThrow(/staticKey/);
    expect(() => createServer({ protocol: 'nn', staticKey: serverKey })).toThrow(/not used/);
    expect(() => createServer({ protocol: 'nk', staticKey: serverKey, allow: [] })).toThrow(
      /not used/,
    );
    expect(() => createServer({ protocol: 'tls' as ProtocolName })).toThrow(TypeError);
    expect(() => createServer({ protocol: 'nn', handshakeTimeout: -1 })).toThrow(RangeError);
    expect(() => createServer({ protocol: 'nn', maxMessageLength: 65520 })).toThrow(RangeError);
    expect(() => createServer({ protocol: 'nn', maxConnections: 0 })).toThrow(RangeError);
    expect(() =>
      createServer({ protocol: 'xx', staticKey: 'key' as unknown as PrivateKey }),
    ).toThrow(TypeError);
    return expect(connect({ protocol: 'nk' })).rejects.toThrow(/remoteStaticKey/);
  });
});
