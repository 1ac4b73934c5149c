/**
 * The server under hostile peers (src/net): memory per connection bounded in bytes, a cap per
 * address, the frame deadline, and tutorial mode's fresh key per connection. Peers are raw
 * sockets driving an engine by hand; servers listen on 127.0.0.1, port 0. Linux routes the
 * whole of 127.0.0.0/8 to lo, so a second client address (127.0.0.2) needs no setup.
 */
import * as net from 'node:net';
import type { ChannelEngine } from '../../src/channel/engine.js';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import { p256Suite } from '../../src/channel/p256-suite.js';
import { TutorialChannel } from '../../src/channel/tutorial-channel.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { connect } from '../../src/net/client.js';
import type { SecureChannel } from '../../src/net/secure-channel.js';
import { createServer } from '../../src/net/server.js';
import { closedBy, echoServer, rawHandshake, waitFor } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nnClient = () => new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true });

/** A raw socket from `localAddress` to 127.0.0.1:port. */
function rawFrom(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress }, () => resolve(socket));
    socket.on('error', reject);
  });
}

/**
 * A peer that writes full-size messages as fast as the socket takes them and never reads,
 * until its writes stay stuck for 1 s (the server has stopped reading), or `frames` are out.
 * Returns the server's channel for it and the largest `buffered` figures seen (sampled every
 * millisecond), after a further `holdMs`.
 */
async function nonReadingPeer(
  protocol: 'nn' | 'tutorial',
  engine: ChannelEngine,
  frames: number,
  holdMs: number,
) {
  const { server, port, logs } = await echoServer({ protocol, frameTimeout: 300 });
  const serverChannel = new Promise<SecureChannel>((resolve) => server.once('channel', resolve));
  const { socket } = await rawHandshake(port, engine);
  socket.pause(); // never reads the echoes
  const channel = await serverChannel;
  const peak = { incoming: 0, outgoing: 0 };
  const sample = setInterval(() => {
    const { incoming, outgoing } = channel.buffered;
    peak.incoming = Math.max(peak.incoming, incoming);
    peak.outgoing = Math.max(peak.outgoing, outgoing);
  }, 1);
  const message = new Uint8Array(engine.maxMessageLength).fill(0x5a);
  let written = 0;
  for (let i = 0; i < frames; i++) {
    written += message.length;
    // waits whenever the client's own buffer is full, so the test process stays small too
    if (socket.write(engine.seal(message))) continue;
    const drained = await Promise.race([
      new Promise((r) => socket.once('drain', () => r(true))),
      sleep(1000).then(() => false),
    ]);
    if (!drained || socket.destroyed) break;
  }
  await sleep(holdMs); // longer than frameTimeout: a frame stuck because WE stopped reading is not the peer's fault
  clearInterval(sample);
  return { server, logs, socket, channel, peak, written };
}

describe('memory per connection is bounded in bytes', () => {
  it('Noise: a peer that sends full-size messages and never reads holds at most bufferBudget each way', async () => {
    const engine = nnClient();
    // up to 600 × 64 KiB ≈ 39 MiB: more than the kernel's socket buffers on both sides
    const { server, socket, channel, peak, written, logs } = await nonReadingPeer(
      'nn',
      engine,
      600,
      1000,
    );
    expect(channel.bufferBudget).toBe(2 * (65519 + 64) + 128 * 1024); // 262 238 B
    expect(peak.incoming).toBeGreaterThan(0);
    expect(peak.incoming).toBeLessThanOrEqual(channel.bufferBudget);
    expect(peak.outgoing).toBeLessThanOrEqual(channel.bufferBudget);
    expect({ open: channel.isOpen, logs }).toEqual({ open: true, logs: [] }); // paused, not failed
    expect(server.buffered.incoming).toBeLessThanOrEqual(channel.bufferBudget);
    expect(written).toBeGreaterThan(4 * channel.bufferBudget); // the writer got well past the budget
    socket.destroy();
    await server.close();
    expect(logs.filter((l) => /frame not complete/.test(l))).toEqual([]);
  }, 60000);

  it('tutorial: the same with 1 MiB records', async () => {
    const engine = new TutorialChannel();
    const { server, socket, channel, peak, written } = await nonReadingPeer(
      'tutorial',
      engine,
      24,
      500,
    );
    expect(channel.bufferBudget).toBe(2 * ((1 << 20) + 64) + 128 * 1024); // 2.1 MiB
    expect(written).toBeGreaterThanOrEqual(4 * channel.bufferBudget);
    expect(peak.incoming).toBeGreaterThan(0);
    expect(peak.incoming).toBeLessThanOrEqual(channel.bufferBudget);
    expect(peak.outgoing).toBeLessThanOrEqual(channel.bufferBudget);
    expect(channel.isOpen).toBe(true);
    socket.destroy();
    await server.close();
  }, 60000);

  it('send() waits, in order, while the peer does not read; the messages arrive once it does', async () => {
    const { server, port } = await echoServer({ protocol: 'nn' });
    const serverChannel = new Promise<SecureChannel>((resolve) => server.once('channel', resolve));
    // a server-side sender: the client reads nothing at first
    const client = await connect({ protocol: 'nn', port });
    const channel = await serverChannel;
    const big = (i: number) => new Uint8Array(65519).fill(i);
    let settled = 0;
    const sends = Array.from({ length: 200 }, (_, i) => channel.send(big(i)).then(() => settled++));
    await sleep(200);
    expect(settled).toBeLessThan(200); // 13 MiB cannot all be in the kernel
    expect(channel.buffered.outgoing).toBeLessThanOrEqual(channel.bufferBudget);
    const seen: number[] = [];
    for await (const message of client) {
      seen.push(message[0]);
      if (seen.length === 200) break;
    }
    await Promise.all(sends);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i & 0xff));
    await server.close();
  }, 60000);
});

describe('one address cannot take every slot', () => {
  it('beyond maxConnectionsPerAddress a connection is refused at accept; 127.0.0.2 is still served', async () => {
    const { server, port, logs } = await echoServer({
      protocol: 'nn',
      maxConnectionsPerAddress: 3,
      handshakeTimeout: 20000,
    });
    const holders = await Promise.all([1, 2, 3].map(() => rawFrom(port, '127.0.0.1')));
    await waitFor(() => server.connections === 3);
    const fourth = await rawFrom(port, '127.0.0.1');
    const t0 = Date.now();
    await closedBy(fourth);
    expect(Date.now() - t0).toBeLessThan(5000); // at once, not at a timeout
    expect(logs.some((l) => /refused: 3 connections from 127\.0\.0\.1 already open/.test(l))).toBe(
      true,
    );
    // another address is served while 127.0.0.1 is at its cap
    const good = await connect({ protocol: 'nn', port, localAddress: '127.0.0.2' });
    await good.send(Buffer.from('served'));
    const reply = await good[Symbol.asyncIterator]().next();
    expect(Buffer.from(reply.value as Uint8Array).toString()).toBe('served');
    await good.close();
    // a slot given back is a slot free again
    holders[0].destroy();
    await waitFor(() => server.connections === 2);
    const again = await connect({ protocol: 'nn', port, localAddress: '127.0.0.1' });
    await again.close();
    for (const socket of holders) socket.destroy();
    await server.close();
  });

  it('the option is checked', () => {
    expect(() => createServer({ protocol: 'nn', maxConnectionsPerAddress: 0 })).toThrow(RangeError);
    expect(() => createServer({ protocol: 'nn', frameTimeout: -1 })).toThrow(RangeError);
  });
});

describe('a started frame must finish', () => {
  it('a frame trickled one byte at a time is closed at the frame deadline', async () => {
    const { server, port, logs } = await echoServer({
      protocol: 'nn',
      frameTimeout: 300,
      idleTimeout: 10000,
    });
    const engine = nnClient();
    const { socket } = await rawHandshake(port, engine);
    const frame = engine.seal(new Uint8Array(1000));
    const t0 = Date.now();
    let i = 0;
    const trickle = setInterval(() => {
      if (i < frame.length && !socket.destroyed) socket.write(frame.subarray(i, ++i));
    }, 20);
    await closedBy(socket);
    const elapsed = Date.now() - t0;
    clearInterval(trickle);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
    await waitFor(() => logs.some((l) => /frame not complete within 300 ms \(TIMEOUT\)/.test(l)));
    await server.close();
  });

  it('a frame that arrives in pieces within the deadline is fine', async () => {
    const { server, port } = await echoServer({ protocol: 'nn', frameTimeout: 2000 });
    const engine = nnClient();
    const { socket, received } = await rawHandshake(port, engine);
    const frame = engine.seal(Buffer.from('in two pieces'));
    socket.write(frame.subarray(0, 5));
    await sleep(100);
    socket.write(frame.subarray(5));
    await new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        received.push(...engine.receive(chunk).messages);
        if (received.length > 0) resolve();
      }),
    );
    expect(Buffer.from(received[0]).toString()).toBe('in two pieces');
    socket.destroy();
    await server.close();
  });
});

describe('tutorial mode: a record from one connection is refused on another', () => {
  it('the server uses a fresh key per connection, so a peer with a static key gets a new AES key each time', async () => {
    const { server, port, logs } = await echoServer({ protocol: 'tutorial' });
    const peerKey = PrivateKey.generate(); // the peer keeps its key across connections
    const first = new TutorialChannel({ privateKey: peerKey });
    const a = await rawHandshake(port, first);
    const second = new TutorialChannel({ privateKey: peerKey });
    const b = await rawHandshake(port, second);
    expect(Buffer.from(first.key!).equals(Buffer.from(second.key!))).toBe(false);
    b.socket.write(first.seal(Buffer.from('recorded on the first connection')));
    await closedBy(b.socket);
    await waitFor(() => logs.some((l) => /AUTH_FAILED/.test(l)));
    a.socket.destroy();
    await server.close();
  });

  it('staticKey is refused for the tutorial protocol on both sides', async () => {
    const staticKey = PrivateKey.generate();
    expect(() => createServer({ protocol: 'tutorial', staticKey })).toThrow(
      /staticKey is refused for protocol 'tutorial'/,
    );
    await expect(connect({ protocol: 'tutorial', staticKey })).rejects.toThrow(
      /staticKey is refused/,
    );
  });
});
