// The load-and-abuse soak (npm run soak; needs `npm run build`): `ecdh-lab serve --protocol nn`
// as its own process, N good clients × M echoed messages each, while attackers run at the same
// time: peers that send full-size frames and never read, slot-holders from one address
// (127.0.0.1), trickled frames, a handshake flood and garbage. Good clients come from 127.0.1.x
// (25 per address, under the default per-address cap of 32); Linux routes all of 127/8 to lo.
//
// Prints good-client handshake and echo latency (median, p99), the server's peak RSS (VmHWM),
// handshakes per second completed under the flood, and the failures; progress goes to stderr.
// Exit 1 if a good client failed or an echo was lost, duplicated or altered.
//
//   node bench/soak.mjs [--clients 1000] [--messages 100] [--json]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { fileURLToPath } from 'node:url';
import { connect } from '../dist/esm/node.js';
import { NoiseChannel, p256Suite } from '../dist/esm/noise.js';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const CLIENTS = arg('clients', 1000);
const MESSAGES = arg('messages', 100);
const JSON_OUT = process.argv.includes('--json');
const FRAME_TIMEOUT = 3000;
// 1,000 handshakes in a few seconds queue up on a 2-core machine: the server's deadline is
// generous so that queueing is measured as latency, not turned into failures.
const HANDSHAKE_TIMEOUT = 30000;
/** Good clients start this many ms apart (1,000 clients: over 10 s), all then run at once. */
const RAMP_MS = 10;
const CLI = fileURLToPath(new URL('../dist/cjs/cli/main.js', import.meta.url));
const progress = (line) => process.stderr.write(`soak: ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ── the server ──
const attackers = { slots: 64, nonReaders: 8, tricklers: 4, flooders: 8, garbage: 4 };
const maxConnections =
  CLIENTS +
  32 +
  attackers.nonReaders +
  attackers.tricklers +
  2 * attackers.flooders +
  attackers.garbage +
  16;
const server = spawn(process.execPath, [
  CLI,
  'serve',
  '--protocol',
  'nn',
  '--port',
  '0',
  '--max-connections',
  String(maxConnections),
  '--frame-timeout',
  String(FRAME_TIMEOUT),
  '--handshake-timeout',
  String(HANDSHAKE_TIMEOUT),
]);
let serverLog = '';
server.stderr.setEncoding('utf8').on('data', (c) => (serverLog += c));
const port = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.setEncoding('utf8').on('data', (c) => {
    out += c;
    const m = /^listening on 127\.0\.0\.1:(\d+)\n/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${serverLog}`)));
});
const serverStatus = (field) => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${server.pid}/status`, 'utf8'),
  );
  return m ? Number(m[1]) * 1024 : Number.NaN;
};
progress(`server pid ${server.pid} on 127.0.0.1:${port}, --max-connections ${maxConnections}`);

// ── attackers (each loop runs until `stop`) ──
let stop = false;
const counts = {
  slotsRefused: 0,
  nonReaderBytes: 0,
  trickledClosed: 0,
  floodHandshakes: 0,
  garbageClosed: 0,
};
const raw = (localAddress) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => {});
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
const closings = new WeakMap();
const closed = (socket) => {
  if (!closings.has(socket))
    closings.set(
      socket,
      new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', resolve))),
    );
  return closings.get(socket);
};
async function handshake(localAddress) {
  const engine = new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true });
  const socket = await raw(localAddress);
  if (socket.destroyed) return undefined;
  for (const frame of engine.start()) socket.write(frame);
  const ok = await new Promise((resolve) => {
    const onData = (chunk) => {
      try {
        for (const frame of engine.receive(chunk).frames) socket.write(frame);
      } catch {
        return resolve(false);
      }
      if (engine.established) {
        socket.off('data', onData);
        resolve(true);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(false));
  });
  if (!ok) {
    socket.destroy();
    return undefined;
  }
  return { socket, engine };
}
const loops = [];
// slot-holders: 64 silent sockets from one address; only 32 are admitted, each until the
// handshake timeout; every closed one is replaced at once
for (let i = 0; i < attackers.slots; i++)
  loops.push(
    (async () => {
      while (!stop) {
        const socket = await raw('127.0.0.1');
        const t = Date.now();
        await closed(socket);
        if (Date.now() - t < 1000) counts.slotsRefused++;
        await sleep(50);
      }
    })(),
  );
// non-readers: full-size frames, never read (until their writes are stuck; then they hold)
for (let i = 0; i < attackers.nonReaders; i++)
  loops.push(
    (async () => {
      while (!stop) {
        const peer = await handshake(`127.0.2.${1 + i}`);
        if (!peer) {
          await sleep(200);
          continue;
        }
        peer.socket.pause();
        const message = new Uint8Array(65519).fill(i);
        while (!stop && !peer.socket.destroyed) {
          if (peer.socket.write(peer.engine.seal(message))) {
            counts.nonReaderBytes += 65537;
            await sleep(0);
            continue;
          }
          counts.nonReaderBytes += 65537;
          await new Promise((resolve) => {
            const done = () => {
              clearTimeout(timer);
              peer.socket.off('drain', done);
              resolve();
            };
            const timer = setTimeout(done, 2000);
            peer.socket.once('drain', done);
            closed(peer.socket).then(done);
          });
        }
        peer.socket.destroy();
      }
    })(),
  );
// tricklers: a frame header announcing 65 535 bytes, then one byte every 500 ms
for (let i = 0; i < attackers.tricklers; i++)
  loops.push(
    (async () => {
      while (!stop) {
        const peer = await handshake(`127.0.3.${1 + i}`);
        if (!peer) {
          await sleep(200);
          continue;
        }
        peer.socket.on('data', () => {});
        peer.socket.write(Buffer.of(0xff, 0xff));
        while (!stop && !peer.socket.destroyed) {
          peer.socket.write(Buffer.of(0));
          await Promise.race([sleep(500), closed(peer.socket)]);
        }
        if (peer.socket.destroyed) counts.trickledClosed++;
        peer.socket.destroy();
      }
    })(),
  );
// handshake flood: full NN handshakes, dropped at once, from 8 addresses, 2 at a time each
for (let i = 0; i < 2 * attackers.flooders; i++)
  loops.push(
    (async () => {
      while (!stop) {
        const peer = await handshake(`127.0.4.${1 + (i % attackers.flooders)}`);
        if (peer) {
          counts.floodHandshakes++;
          peer.socket.destroy();
        } else await sleep(50);
      }
    })(),
  );
// garbage: 4 KiB of random bytes instead of a handshake
for (let i = 0; i < attackers.garbage; i++)
  loops.push(
    (async () => {
      while (!stop) {
        const socket = await raw(`127.0.5.${1 + i}`);
        if (!socket.destroyed)
          socket.write(globalThis.crypto.getRandomValues(new Uint8Array(4096)));
        socket.resume();
        await closed(socket);
        counts.garbageClosed++;
      }
    })(),
  );

// ── RSS sampling ──
let rssPeak = 0;
const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, serverStatus('VmRSS'))), 200);

// ── good clients ──
await sleep(500); // the attacks are under way first
const floodStart = counts.floodHandshakes;
const t0 = performance.now();
const handshakeMs = [];
const echoMs = [];
const failures = [];
let done = 0;
async function goodClient(c) {
  await sleep(c * RAMP_MS);
  const started = performance.now();
  let channel;
  try {
    channel = await connect({
      protocol: 'nn',
      port,
      localAddress: `127.0.1.${1 + Math.floor(c / 25)}`,
      handshakeTimeout: 120000,
    });
  } catch (error) {
    failures.push(`client ${c} handshake: ${error.message}`);
    return;
  }
  handshakeMs.push(performance.now() - started);
  const replies = channel[Symbol.asyncIterator]();
  try {
    for (let m = 0; m < MESSAGES; m++) {
      const text = `client ${c} message ${m} ${'x'.repeat((c * 7 + m) % 200)}`;
      const sent = performance.now();
      await channel.send(Buffer.from(text));
      const reply = await replies.next();
      echoMs.push(performance.now() - sent);
      if (reply.done || Buffer.from(reply.value).toString() !== text) {
        failures.push(
          `client ${c} message ${m}: ${reply.done ? 'lost' : 'altered or out of order'}`,
        );
        break;
      }
    }
  } catch (error) {
    failures.push(`client ${c}: ${error.message}`);
  }
  await channel.close(); // a reply beyond the last would have been read as the next message above
  if (++done % 100 === 0)
    progress(
      `${done}/${CLIENTS} clients done, server RSS ${(serverStatus('VmRSS') / 2 ** 20).toFixed(0)} MiB`,
    );
}
await Promise.all(Array.from({ length: CLIENTS }, (_, c) => goodClient(c)));
const seconds = (performance.now() - t0) / 1000;
const floodRate = (counts.floodHandshakes - floodStart) / seconds;
// The attacks run on until the frame deadline has had its chance to close a trickler (a quick
// run of good clients can end before the first deadline passes).
while (counts.trickledClosed === 0 && performance.now() - t0 < 4 * FRAME_TIMEOUT) await sleep(100);
stop = true;
clearInterval(rssTimer);
rssPeak = Math.max(rssPeak, serverStatus('VmRSS'));
const hwm = serverStatus('VmHWM');
await Promise.race([Promise.all(loops), sleep(5000)]);
server.kill('SIGTERM');
const exitCode = await new Promise((resolve) => server.on('exit', resolve));

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const result = {
  clients: CLIENTS,
  messages: MESSAGES,
  echoed: echoMs.length,
  failures,
  seconds: Number(seconds.toFixed(1)),
  handshakeMs: { median: Math.round(pct(handshakeMs, 50)), p99: Math.round(pct(handshakeMs, 99)) },
  echoMs: { median: Number(pct(echoMs, 50).toFixed(1)), p99: Number(pct(echoMs, 99).toFixed(1)) },
  serverRssPeakMiB: Number((Math.max(rssPeak, hwm) / 2 ** 20).toFixed(1)),
  floodHandshakesPerSecond: Number(floodRate.toFixed(1)),
  attacks: counts,
  serverLogLines: serverLog.split('\n').filter(Boolean).length,
  serverExit: exitCode,
  node: process.version,
};
if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  console.log(
    `${CLIENTS} clients × ${MESSAGES} messages (Noise NN), under attack, in ${result.seconds} s (node ${process.version})`,
  );
  console.log(
    `  echoes intact and once   ${result.echoed} of ${CLIENTS * MESSAGES}${failures.length ? `; FAILURES: ${failures.length}, first: ${failures[0]}` : ''}`,
  );
  console.log(
    `  handshake latency        median ${result.handshakeMs.median} ms, p99 ${result.handshakeMs.p99} ms`,
  );
  console.log(
    `  echo latency             median ${result.echoMs.median} ms, p99 ${result.echoMs.p99} ms`,
  );
  console.log(`  server RSS peak          ${result.serverRssPeakMiB} MiB`);
  console.log(`  flood handshakes/s       ${result.floodHandshakesPerSecond}`);
  console.log(`  attacks                  ${JSON.stringify(counts)}`);
}
process.exitCode = failures.length === 0 && echoMs.length === CLIENTS * MESSAGES ? 0 : 1;
