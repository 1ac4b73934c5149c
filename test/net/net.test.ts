/**
 * The node:net transport (src/net) on 127.0.0.1, port 0: many concurrent clients, misbehaving
 * peers, timeouts, clean shutdown. Jest fails on open handles only with --detectOpenHandles;
 * every test here closes what it opens, and the suite was checked with that flag.
 */
import * as net from 'node:net';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import type { ChannelEngine } from '../../src/channel/engine.js';
import { connect } from '../../src/net/client.js';
import type { ChannelOptions } from '../../src/net/options.js';
import type { SecureChannel } from '../../src/net/secure-channel.js';
import { p256Suite } from '../../src/channel/p256-suite.js';
import { TutorialChannel } from '../../src/channel/tutorial-channel.js';
import { nodeSuite } from '../channel/node-suite.js';
import { closedBy, echoServer, rawHandshake, rawSocket, waitFor } from './helpers.js';

// The server side is ecdh-lab's own NN (protocol 'nn'); the 200-client test uses NN because
// it needs the fewest scalar multiplications (4 per connection), which keeps it within a few
// seconds on 2 cores. Raw misbehaving clients drive an NN engine by hand.
const NN = (initiator: boolean) => () =>
  new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator });
const serverSide: ChannelOptions = { protocol: 'nn', maxMessageLength: 1000 };
const clientSide: ChannelOptions = { protocol: 'nn' };

async function goodClientRoundTrip(port: number, text: string): Promise<string> {
  const channel = await connect({ ...clientSide, port });
  await channel.send(Buffer.from(text));
  const iterator = channel[Symbol.asyncIterator]();
  const reply = await iterator.next();
  await channel.close();
  return Buffer.from(reply.value as Uint8Array).toString();
}

describe('secure channel over TCP', () => {
  it('echoes 200 concurrent clients × 50 messages, each exactly once and intact', async () => {
    // 200 handshakes at once on a loaded 2-core machine can take longer than the default 10 s
    // handshake deadline: this test is about delivery, so its deadlines are generous. The
    // clients come from 8 loopback addresses (25 each), within the default per-address cap.
    const { server, port } = await echoServer({ ...serverSide, handshakeTimeout: 50000 });
    const CLIENTS = 200;
    const MESSAGES = 50;
    const channels: SecureChannel[] = [];
    try {
      const settled = await Promise.allSettled(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const channel = await connect({
            ...clientSide,
            port,
            localAddress: `127.0.1.${1 + (c % 8)}`,
            handshakeTimeout: 50000,
          });
          channels.push(channel);
          const sent = Array.from(
            { length: MESSAGES },
            (_, m) => `client ${c} message ${m} ${'x'.repeat((c * 7 + m) % 300)}`,
          );
          const replies: string[] = [];
          const done = new Promise<void>((resolve, reject) => {
            channel.on('message', (message: Uint8Array) => {
              replies.push(Buffer.from(message).toString());
              if (replies.length === MESSAGES) resolve();
            });
            channel.on('close', (error?: Error) =>
              reject(error ?? new Error(`client ${c} closed after ${replies.length} replies`)),
            );
          });
          await Promise.all(sent.map((text) => channel.send(Buffer.from(text))));
          await done;
          await channel.close();
          return { sent, replies };
        }),
      );
      const failed = settled.filter((r) => r.status === 'rejected');
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      for (const r of settled)
        if (r.status === 'fulfilled') expect(r.value.replies).toEqual(r.value.sent);
    } finally {
      // every socket and the server are closed whatever happened (no open handle left)
      await Promise.all(channels.map((channel) => channel.close()));
      await server.close();
    }
    expect(server.connections).toBe(0);
  });

  it('survives misbehaving peers while good clients keep working', async () => {
    // Long enough for the good clients' handshakes on a loaded machine.
    const { server, port, logs } = await echoServer({ ...serverSide, handshakeTimeout: 2000 });
    const before = logs.length;

    // garbage instead of a handshake
    const garbage = await rawSocket(port);
    garbage.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    // an invalid point as the ephemeral key
    const invalid = await rawSocket(port);
    invalid.write(Buffer.concat([Buffer.of(0, 65, 4), Buffer.alloc(64, 1)]));
    // stops half-way through the first handshake message
    const halfway = await rawSocket(port);
    halfway.write(Buffer.of(0, 65, 4, 1, 2));
    // a forged record after a genuine handshake
    const forgerEngine = NN(true)();
    const forgerConn = await rawHandshake(port, forgerEngine);
    const record = Buffer.from(forgerEngine.seal(Buffer.from('hello')));
    record[record.length - 1] ^= 1;
    forgerConn.socket.write(record);
    // a replayed record
    const replayEngine = NN(true)();
    const replayer = await rawHandshake(port, replayEngine);
    const genuine = replayEngine.seal(Buffer.from('once'));
    replayer.socket.write(genuine);
    replayer.socket.write(genuine);
    // a frame larger than the server allows (1000 + 16)
    const bigEngine = NN(true)();
    const big = await rawHandshake(port, bigEngine);
    big.socket.write(Buffer.of(0x04, 0x00, ...new Uint8Array(100)));
    // an abrupt disconnect mid-session
    const abrupt = await rawHandshake(port, NN(true)());
    abrupt.socket.resetAndDestroy();
    // tutorial mode: a replayed record on a tutorial server
    const tutorial = await echoServer({ protocol: 'tutorial' });
    const tutorialEngine = new TutorialChannel();
    const tutorialPeer = await rawHandshake(tutorial.port, tutorialEngine);
    const tutorialRecord = tutorialEngine.seal(Buffer.from('twice'));
    tutorialPeer.socket.write(tutorialRecord);
    tutorialPeer.socket.write(tutorialRecord);

    expect(await goodClientRoundTrip(port, 'still here')).toBe('still here');
    await Promise.all(
      [
        garbage,
        invalid,
        halfway,
        forgerConn.socket,
        replayer.socket,
        big.socket,
        tutorialPeer.socket,
      ].map(closedBy),
    );
    expect(tutorial.logs.join('\n')).toMatch(/replayed or reflected record \(AUTH_FAILED\)/);
    await tutorial.server.close();
    expect(await goodClientRoundTrip(port, 'and still here')).toBe('and still here');

    await waitFor(() => server.connections === 0);
    const lines = logs.slice(before);
    expect(lines.some((l) => /HANDSHAKE_FAILED/.test(l) && /invalid/.test(l))).toBe(true);
    expect(lines.some((l) => /AUTH_FAILED/.test(l))).toBe(true);
    expect(lines.some((l) => /LIMIT_EXCEEDED/.test(l))).toBe(true);
    expect(lines.some((l) => /handshake timeout/.test(l))).toBe(true);
    for (const line of lines) expect(line.split('\n').length).toBe(1);
    await server.close();
  });

  it('fires the handshake and idle timeouts', async () => {
    const { server, port, logs } = await echoServer({
      ...serverSide,
      handshakeTimeout: 1000, // the idle client's handshake must fit, on a loaded machine too
      idleTimeout: 300,
    });
    const silent = await rawSocket(port);
    const t0 = Date.now();
    await closedBy(silent);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    const idle = await connect({ ...clientSide, port, idleTimeout: 0 });
    const t1 = Date.now();
    await idle.closed;
    expect(Date.now() - t1).toBeGreaterThanOrEqual(250);
    await waitFor(() => logs.some((l) => /idle timeout/.test(l)));
    expect(logs.some((l) => /handshake timeout \(TIMEOUT\)/.test(l))).toBe(true);
    // and the client's own handshake timeout, against a server that never answers
    const mute = net.createServer((socket) => socket.resume());
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const mutePort = (mute.address() as { port: number }).port;
    await expect(
      connect({ ...clientSide, port: mutePort, handshakeTimeout: 200 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    await new Promise((r) => mute.close(r));
    await server.close();
  });

  it('shuts down cleanly: stops accepting, closes open channels', async () => {
    const { server, port } = await echoServer({ ...serverSide });
    const a = await connect({ ...clientSide, port });
    const b = await connect({ ...clientSide, port });
    const iterated = (async () => {
      const seen: string[] = [];
      for await (const m of a) seen.push(Buffer.from(m).toString());
      return seen;
    })();
    await a.send(Buffer.from('before shutdown'));
    await waitFor(() => server.connections === 2);
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    expect(await iterated).toEqual(['before shutdown']);
    expect(await b.closed).toBeUndefined();
    await expect(connect({ ...clientSide, port })).rejects.toThrow();
    await expect(a.send(Buffer.from('late'))).rejects.toMatchObject({
      name: 'CryptoError',
      code: 'CHANNEL_CLOSED',
    });
  });

  it('rejects an oversized message at send with a RangeError and refuses connection floods', async () => {
    const { server, port, logs } = await echoServer({ ...serverSide, maxConnections: 2 });
    const a = await connect({ ...clientSide, port });
    await expect(a.send(new Uint8Array(65520))).rejects.toThrow(RangeError);
    const b = await connect({ ...clientSide, port });
    await expect(connect({ ...clientSide, port })).rejects.toThrow();
    expect(logs.some((l) => /refused/.test(l))).toBe(true);
    await Promise.all([a.close(), b.close()]);
    await server.close();
  });

  it('reports a handshake failure to the client and leaves no socket behind', async () => {
    // with the node:crypto suite on both sides: the transport does not care whose primitives run
    const mismatched: () => ChannelEngine = () =>
      new NoiseChannel({
        suite: nodeSuite,
        pattern: 'XX',
        initiator: false,
        staticKey: nodeSuite.generateKeyPair(),
      });
    const { server, port } = await echoServer({ engine: mismatched });
    const pin = nodeSuite.generateKeyPair().publicKey;
    await expect(
      connect({
        port,
        engine: () =>
          new NoiseChannel({
            suite: nodeSuite,
            pattern: 'XX',
            initiator: true,
            staticKey: nodeSuite.generateKeyPair(),
            remoteStaticKey: pin,
          }),
      }),
    ).rejects.toMatchObject({ code: 'HANDSHAKE_FAILED' });
    await waitFor(() => server.connections === 0);
    await server.close();
  });
});
