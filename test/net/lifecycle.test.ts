/**
 * The life cycle SecureChannel (tutorial, Noise) and TlsChannel share
 * (src/net/connection-lifecycle.ts), run on each over 127.0.0.1, port 0: open, handshake,
 * established, closing, closed; send after close is CryptoError CHANNEL_CLOSED; close is
 * idempotent, also during the handshake; a failure reaches `ready`, `closed`, 'close' and a
 * pending iterator as the same error. No vectors: ecdh-lab talks to itself with fresh keys
 * and certificates issued at run time (./tls-support.ts).
 */
import * as net from 'node:net';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import { p256Suite } from '../../src/channel/p256-suite.js';
import { TutorialChannel } from '../../src/channel/tutorial-channel.js';
import { CryptoError } from '../../src/errors.js';
import { connect } from '../../src/net/client.js';
import { SecureChannel } from '../../src/net/secure-channel.js';
import { createServer, type SecureServer, type ServerOptions } from '../../src/net/server.js';
import { TlsChannel } from '../../src/net/tls-channel.js';
import { tlsConnect } from '../../src/net/tls-client.js';
import { pemCertificateVerifier } from '../../src/net/tls-credentials.js';
import type { TlsListenOptions } from '../../src/net/tls-server.js';
import { TlsClient } from '../../src/tls/client.js';
import { makeTlsFiles, type TlsFiles } from './tls-support.js';

jest.setTimeout(20000);

type Channel = SecureChannel | TlsChannel;

interface Transport {
  name: string;
  /** The error messages' prefix. */
  prefix: string;
  /** A server running `handler` on each channel (by default an echo); returns its port. */
  listen: (handler?: (channel: Channel) => Promise<void>) => Promise<{
    port: number;
    server: SecureServer;
  }>;
  /** An established client channel. */
  dial: (port: number, limits?: { frameTimeout: number }) => Promise<Channel>;
  /** A client channel over `socket`, not yet established. */
  wrap: (socket: net.Socket) => Channel;
}

const NO_TIMEOUTS = { handshakeTimeout: 0, idleTimeout: 0, frameTimeout: 0 };
let files: TlsFiles;
beforeAll(() => {
  files = makeTlsFiles();
});
afterAll(() => files.remove());

const TRANSPORTS: Transport[] = [
  {
    name: 'SecureChannel (tutorial)',
    prefix: 'channel',
    listen: (handler) => listenWith({ protocol: 'tutorial' }, handler),
    dial: (port, limits) => connect({ protocol: 'tutorial', port, ...limits }),
    wrap: (socket) => new SecureChannel(socket, new TutorialChannel(), NO_TIMEOUTS),
  },
  {
    name: 'SecureChannel (Noise NN)',
    prefix: 'channel',
    listen: (handler) => listenWith({ protocol: 'nn' }, handler),
    dial: (port, limits) => connect({ protocol: 'nn', port, ...limits }),
    wrap: (socket) =>
      new SecureChannel(
        socket,
        new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true }),
        NO_TIMEOUTS,
      ),
  },
  {
    name: 'TlsChannel',
    prefix: 'tls',
    listen: (handler) => listenWith({ protocol: 'tls', cert: files.cert, key: files.key }, handler),
    dial: (port, limits) => tlsConnect({ host: '127.0.0.1', port, ca: files.ca, ...limits }),
    wrap: (socket) =>
      new TlsChannel(
        socket,
        new TlsClient({ serverName: 'localhost', verifier: pemCertificateVerifier(files.ca) }),
        NO_TIMEOUTS,
      ),
  },
];

/** An echo server, or one running `handler`, on 127.0.0.1 port 0. */
async function listenWith(
  options: ServerOptions | TlsListenOptions,
  handler: (channel: Channel) => Promise<void> = echo,
): Promise<{ port: number; server: SecureServer }> {
  const server = createServer({ log: () => {}, ...options } as ServerOptions, async (channel) => {
    try {
      await handler(channel);
    } catch {
      // the server logs why a channel closed
    }
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return { port, server };
}

async function echo(channel: Channel): Promise<void> {
  for await (const message of channel) await channel.send(message);
}

/** A TCP server that accepts and then runs `onSocket` (by default: says nothing). */
async function rawServer(
  onSocket: (socket: net.Socket) => void = () => {},
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function dialRaw(port: number): net.Socket {
  return net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
}

describe.each(TRANSPORTS)('$name life cycle', ({ prefix, listen, dial, wrap }) => {
  it('handshaking → open → closing → closed; close() again only waits; send after close is CHANNEL_CLOSED', async () => {
    const { port, server } = await listen();
    const channel = await dial(port);
    expect(channel.isOpen).toBe(true);
    const events: string[] = [];
    channel.on('close', (error?: Error) => events.push(`close ${error}`));
    const echoed = new Promise<Uint8Array>((resolve) => channel.once('message', resolve));
    await channel.send(new Uint8Array([1, 2, 3]));
    expect([...(await echoed)]).toEqual([1, 2, 3]);
    const closing = channel.close();
    expect(channel.isOpen).toBe(false);
    await expect(channel.send(new Uint8Array(1))).rejects.toMatchObject({
      code: 'CHANNEL_CLOSED',
      message: `${prefix}: cannot send, the channel is closing`,
    });
    const again = channel.close();
    await Promise.all([closing, again]);
    expect(await channel.closed).toBeUndefined();
    await channel.close(); // once closed, close() resolves at once
    const late = channel.send(new Uint8Array(1));
    await expect(late).rejects.toBeInstanceOf(CryptoError);
    await expect(late).rejects.toMatchObject({
      code: 'CHANNEL_CLOSED',
      message: `${prefix}: cannot send, the channel is closed`,
    });
    const iterator = channel[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(events).toEqual(['close undefined']); // 'close' once
    await server.close();
  });

  it('send() checks its argument before the state: TypeError, RangeError', async () => {
    const silent = await rawServer();
    const channel = wrap(dialRaw(silent.port));
    await expect(channel.send('hi' as unknown as Uint8Array)).rejects.toThrow(TypeError);
    await expect(channel.send(new Uint8Array(channel.maxMessageLength + 1))).rejects.toThrow(
      RangeError,
    );
    await expect(channel.send(new Uint8Array(1))).rejects.toMatchObject({
      code: 'CHANNEL_CLOSED',
      message: `${prefix}: cannot send, the channel is handshaking`,
    });
    await channel.close();
    await silent.close();
  });

  it('close() during the handshake destroys the socket; ready rejects with the same error closed resolves with', async () => {
    const silent = await rawServer();
    const socket = dialRaw(silent.port);
    const channel = wrap(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    await Promise.all([channel.close(), channel.close()]);
    const error = await channel.closed;
    expect(error?.message).toBe(`${prefix}: closed during the handshake`);
    await expect(channel.ready).rejects.toBe(error);
    expect(socket.destroyed).toBe(true);
    await silent.close();
  });

  it('a refused peer fails the channel once: ready, closed, close and a pending iterator see one error', async () => {
    // Bytes no protocol here accepts: a 2-byte Noise message (too short for a key), not the
    // start of a PEM, an empty TLS record of type 0.
    const garbage = await rawServer((socket) => socket.write(Buffer.from([0, 2, 0x2e, 0, 0])));
    const channel = wrap(dialRaw(garbage.port));
    const closeEvents: (Error | undefined)[] = [];
    channel.on('close', (error?: Error) => closeEvents.push(error));
    const pending = channel[Symbol.asyncIterator]().next();
    const error = await channel.ready.then(
      () => undefined,
      (reason: Error) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect(await channel.closed).toBe(error);
    await expect(pending).rejects.toBe(error);
    expect(closeEvents).toEqual([error]);
    expect(channel.isOpen).toBe(false);
    await garbage.close();
  });

  it("a throwing 'message' listener closes the channel with its error; a pending iterator gets it", async () => {
    const { port, server } = await listen();
    const channel = await dial(port);
    channel.on('message', () => {
      throw new Error('listener bug');
    });
    await channel.send(new Uint8Array([7]));
    const error = await channel.closed;
    expect(error?.message).toBe(`${prefix}: a 'message' listener threw: listener bug`);
    expect((error as Error & { cause?: Error }).cause?.message).toBe('listener bug');
    await expect(channel[Symbol.asyncIterator]().next()).rejects.toBe(error);
    await server.close();
  });

  it('a reader that stops reading pauses the socket; its frame deadline does not run meanwhile', async () => {
    const total = 4 << 20; // far more than the pause threshold and the kernel's buffers
    const { port, server } = await listen(async (channel) => {
      const chunk = new Uint8Array(Math.min(channel.maxMessageLength, 16384)).fill(0x61);
      for (let sent = 0; sent < total; sent += chunk.length) await channel.send(chunk);
    });
    const channel = await dial(port, { frameTimeout: 300 });
    // Not reading for 1.5 s: the channel pauses; it must not close (with the deadline's TIMEOUT).
    const early = await Promise.race([
      channel.closed.then((error) => `closed: ${error?.message}`),
      new Promise((resolve) => setTimeout(() => resolve('open'), 1500)),
    ]);
    expect(early).toBe('open');
    expect(channel.isOpen).toBe(true);
    expect(channel.buffered.incoming).toBeGreaterThan(0);
    let received = 0;
    for await (const message of channel) {
      received += message.length;
      if (received >= total) break;
    }
    expect(received).toBe(total);
    await channel.closed;
    expect(await channel.closed).toBeUndefined();
    await server.close();
  });
});
