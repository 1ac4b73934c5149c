/** Helpers for the network tests: an echo server, and a hand-driven raw client for misbehaving. */
import * as net from 'node:net';
import type { ChannelEngine } from '../../src/channel/engine.js';
import { createServer, type ServerOptions, type SecureServer } from '../../src/net/server.js';

export interface EchoServer {
  server: SecureServer;
  port: number;
  logs: string[];
}

/** An echo server on 127.0.0.1, port 0, collecting its log lines. */
export async function echoServer(options: ServerOptions): Promise<EchoServer> {
  const logs: string[] = [];
  const server = createServer({ log: (line) => logs.push(line), ...options }, async (channel) => {
    try {
      for await (const message of channel) await channel.send(message);
    } catch {
      // the server already logs why the channel closed
    }
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port, logs };
}

/** A raw socket to the server. */
export function rawSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Waits until the socket is closed by the other side (or errors). */
export function closedBy(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    socket.on('close', () => resolve());
    socket.on('error', () => {});
    socket.resume();
  });
}

/** Runs `engine`'s handshake over a raw socket by hand, leaving the socket open. */
export async function rawHandshake(
  port: number,
  engine: ChannelEngine,
): Promise<{ socket: net.Socket; received: Uint8Array[] }> {
  const socket = await rawSocket(port);
  const received: Uint8Array[] = [];
  for (const frame of engine.start()) socket.write(frame);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      try {
        const out = engine.receive(chunk);
        for (const frame of out.frames) socket.write(frame);
        received.push(...out.messages);
        if (engine.established) {
          socket.off('data', onData);
          resolve();
        }
      } catch (error) {
        reject(error);
      }
    };
    socket.on('data', onData);
  });
  return { socket, received };
}

/** Polls `condition` every 10 ms until true or `ms` elapse. */
export async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
