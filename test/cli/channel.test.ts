/**
 * `ecdh-lab serve` and `ecdh-lab connect` (src/cli/serve.ts, connect.ts) as processes, for each
 * protocol: echo over 127.0.0.1 with --port 0, key files, a key mismatch failing with a non-zero
 * exit, clean SIGTERM and SIGINT, connect's exit code (0 only once stdin has ended and every reply
 * has arrived). Runs the built CLI (dist/cjs/cli/main.js), which `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { NoiseChannel } from '../../src/channel/noise-channel.js';
import { p256Suite } from '../../src/channel/p256-suite.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { connect as dial } from '../../src/net/client.js';
import { createServer, type ChannelHandler } from '../../src/net/server.js';
import { CLI, connect, serve, stop } from './helpers';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  expect(fs.existsSync(CLI)).toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-cli-'));
  for (const name of ['server', 'client', 'stranger']) {
    const key = PrivateKey.generate();
    fs.writeFileSync(file(`${name}.pem`), key.toPem());
    fs.writeFileSync(file(`${name}-pub.pem`), key.publicKey.toPem());
  }
  fs.writeFileSync(
    file('clients.pem'),
    fs.readFileSync(file('client-pub.pem'), 'utf8') + PrivateKey.generate().publicKey.toPem(),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An NN handshake driven by hand over a raw socket, which stays open (for misbehaving). */
async function rawNn(port: number, localAddress: string): Promise<{ socket: net.Socket }> {
  const engine = new NoiseChannel({ suite: p256Suite, pattern: 'NN', initiator: true });
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => {
      for (const frame of engine.start()) socket.write(frame);
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed during the handshake')));
    const onData = (chunk: Buffer) => {
      for (const frame of engine.receive(chunk).frames) socket.write(frame);
      if (engine.established) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
  return { socket };
}

const INPUT = 'hello\n\nsecond line ✓\nlast';
const OUTPUT = 'hello\n\nsecond line ✓\nlast\n';

describe('ecdh-lab serve / connect', () => {
  it.each([
    ['tutorial', [], []],
    ['nn', [], []],
    ['nk', ['--key', 'server.pem'], ['--server-key', 'server-pub.pem']],
    [
      'xx',
      ['--key', 'server.pem', '--allow', 'clients.pem'],
      ['--key', 'client.pem', '--server-key', 'server-pub.pem'],
    ],
  ])(
    '--protocol %s echoes every stdin line and both exit 0',
    async (protocol, serverArgs, clientArgs) => {
      const server = await serve(
        '--protocol',
        protocol,
        ...serverArgs.map((a) => (a.endsWith('.pem') ? file(a) : a)),
      );
      const result = await connect(
        server.port,
        INPUT,
        '--protocol',
        protocol,
        ...clientArgs.map((a) => (a.endsWith('.pem') ? file(a) : a)),
      );
      expect(result).toEqual({ code: 0, stdout: OUTPUT, stderr: '' });
      expect(await stop(server)).toBe(0);
      expect(server.stderr()).toBe('');
    },
  );

  it('nk: a client with the wrong --server-key fails with a clear message and exit 1', async () => {
    const server = await serve('--protocol', 'nk', '--key', file('server.pem'));
    const result = await connect(
      server.port,
      'hi\n',
      '--protocol',
      'nk',
      '--server-key',
      file('stranger-pub.pem'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/handshake failed/);
    expect(await stop(server)).toBe(0);
    expect(server.stderr()).toMatch(/HANDSHAKE_FAILED/);
  });

  it('xx: a wrong pinned server key and a client outside --allow both fail', async () => {
    const server = await serve(
      '--protocol',
      'xx',
      '--key',
      file('server.pem'),
      '--allow',
      file('clients.pem'),
    );
    const pinned = await connect(
      server.port,
      'hi\n',
      '--protocol',
      'xx',
      '--key',
      file('client.pem'),
      '--server-key',
      file('stranger-pub.pem'),
    );
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toMatch(/does not match/);
    const outsider = await connect(
      server.port,
      'hi\n',
      '--protocol',
      'xx',
      '--key',
      file('stranger.pem'),
    );
    expect(outsider.code).toBe(1);
    expect(outsider.stdout).toBe('');
    // the server ends the connection gracefully (no reset), and connect says what it likely means
    expect(outsider.stderr).toMatch(/may not accept this client's key, see serve --allow/);
    expect(outsider.stderr).not.toMatch(/ECONNRESET/);
    expect(await stop(server)).toBe(0);
    expect(server.stderr()).toMatch(/not allowed/);
  });

  it('nk without --key: a fresh key, its public PEM on stderr, usable as --server-key', async () => {
    const server = await serve('--protocol', 'nk');
    await new Promise((r) => setTimeout(r, 50));
    const pem = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----\n/.exec(
      server.stderr(),
    )?.[0];
    expect(pem).toBeDefined();
    fs.writeFileSync(file('fresh-pub.pem'), pem!);
    const result = await connect(
      server.port,
      'ok',
      '--protocol',
      'nk',
      '--server-key',
      file('fresh-pub.pem'),
    );
    expect(result).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    expect(await stop(server)).toBe(0);
  });

  it('usage errors exit 2: no --protocol, a key the protocol does not use, nk without --server-key', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });
    expect(run('serve').status).toBe(2);
    expect(run('serve', '--protocol', 'quic').stderr).toMatch(/--protocol must be one of/);
    expect(run('serve', '--protocol', 'nn', '--key', 'x.pem').stderr).toMatch(
      /--key is not used with --protocol nn/,
    );
    expect(run('connect', '--protocol', 'nk').status).toBe(2);
    expect(run('connect', '--protocol', 'nn', '--port', '70000').stderr).toMatch(
      /--port must be an integer/,
    );
    const missing = run('serve', '--protocol', 'xx', '--key', file('nope.pem'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.pem \(ENOENT\)/);
    const notAKey = run('serve', '--protocol', 'xx', '--allow', file('server.pem'));
    expect(notAKey.status).toBe(1);
    expect(notAKey.stderr).toMatch(/expected PUBLIC KEY blocks/);
  });

  it('serve --max-per-address and --frame-timeout: one address is capped, another served; a trickled frame is closed', async () => {
    const server = await serve(
      '--protocol',
      'nn',
      '--max-per-address',
      '2',
      '--frame-timeout',
      '300',
      '--handshake-timeout',
      '20000',
    );
    const raw = (localAddress: string) =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ port: server.port, host: '127.0.0.1', localAddress }, () =>
          resolve(socket),
        );
        socket.on('error', reject);
      });
    const closed = (socket: net.Socket) =>
      new Promise<void>((resolve) => {
        socket.on('error', () => {});
        socket.on('close', () => resolve());
        socket.resume();
      });
    const holders = [await raw('127.0.0.1'), await raw('127.0.0.1')];
    await new Promise((r) => setTimeout(r, 100)); // both accepted
    const third = await raw('127.0.0.1');
    await closed(third);
    // 127.0.0.2 is served; once established it starts a frame and trickles it
    const channel = await dial({ protocol: 'nn', port: server.port, localAddress: '127.0.0.2' });
    await channel.send(Buffer.from('ok'));
    expect(Buffer.from((await channel[Symbol.asyncIterator]().next()).value!).toString()).toBe(
      'ok',
    );
    await channel.close();
    const { socket: trickler } = await rawNn(server.port, '127.0.0.3');
    trickler.write(Buffer.of(0x01, 0x00, 0x00)); // a 256-byte frame, 1 byte of it
    const t0 = Date.now();
    await closed(trickler);
    expect(Date.now() - t0).toBeLessThan(5000);
    for (const socket of holders) socket.destroy();
    expect(await stop(server)).toBe(0);
    expect(server.stderr()).toMatch(/refused: 2 connections from 127\.0\.0\.1 already open/);
    expect(server.stderr()).toMatch(/frame not complete within 300 ms \(TIMEOUT\)/);
  });

  it('serve: SIGINT closes open channels and exits 0', async () => {
    const server = await serve('--protocol', 'nn');
    const channel = await dial({ protocol: 'nn', port: server.port });
    server.child.kill('SIGINT');
    expect(await server.exit).toBe(0);
    expect(await channel.closed).toBeUndefined();
    expect(server.stderr()).toBe('');
  });

  /** An in-process server with `handler`, for connect's exit-code rules. */
  async function withServer(
    handler: ChannelHandler,
    run: (port: number) => Promise<void>,
  ): Promise<void> {
    const server = createServer({ protocol: 'nn', log: () => {} }, handler);
    const { port } = await server.listen(0, '127.0.0.1');
    try {
      await run(port);
    } finally {
      await server.close();
    }
  }

  it('connect exits 1 when the server closes with replies outstanding', () =>
    withServer(
      async (channel) => {
        for await (const _ of channel) break; // reads one message, answers nothing, closes
      },
      async (port) => {
        const result = await connect(port, 'one\ntwo\n', '--protocol', 'nn');
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(
          /server closed the connection (with 2 of 2 replies outstanding|before the end of input)/,
        );
      },
    ));

  it('connect exits 0 with every reply when stdin ends long before the (slow) replies', () =>
    withServer(
      async (channel) => {
        for await (const message of channel) {
          await new Promise((r) => setImmediate(r));
          await channel.send(message);
        }
      },
      async (port) => {
        const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'y'.repeat(i % 50)}`);
        const result = await connect(port, `${lines.join('\n')}\n`, '--protocol', 'nn');
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(`${lines.join('\n')}\n`);
      },
    ));

  it('connect to a port nobody listens on fails with exit 1', async () => {
    const server = await serve('--protocol', 'nn');
    const port = server.port;
    expect(await stop(server)).toBe(0);
    const result = await connect(port, 'hi\n', '--protocol', 'nn');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `ecdh-lab connect: no server is listening on 127.0.0.1:${port} (ECONNREFUSED: connection refused); is serve running, with this --host and --port?\n`,
    );
  });
});

describe('ecdh-lab demo (the key-exchange and channel parts)', () => {
  const demo = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'demo', ...args], { encoding: 'utf8', timeout: 30000 });
  /** The hex after `label = ` (or `label  `), continuation lines included, without spaces. */
  const value = (text: string, label: string, from = 0): string => {
    const at = text.indexOf(label, from);
    expect({ label, found: at >= 0 }).toEqual({ label, found: true });
    const lines = text.slice(at + label.length).split('\n');
    let hex = lines[0];
    for (const line of lines.slice(1)) {
      if (!/^ {10,}[0-9a-f]{2,8}( [0-9a-f]{2,8})*$/.test(line)) break;
      hex += line;
    }
    return hex.replace(/\s/g, '');
  };

  it('prints keys, PEM, agreeing secrets, the AES-GCM values and a Noise NN exchange, then exits 0 by itself', () => {
    const started = Date.now();
    const r = demo();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(15000);
    const shared = [
      ...r.stdout.matchAll(/^ {2}(?:Alice|Bob): +x of d[AB]·Q[AB] +([0-9a-f ]+)$/gm),
    ].map((m) => m[1]);
    expect(shared.length).toBe(2);
    expect(shared[0]).toBe(shared[1]);
    for (const pattern of [
      /Alice private d /,
      /-----BEGIN PUBLIC KEY-----/,
      /both sides agree: true/,
      /HKDF-SHA256\(Z, salt none, info none, 32\) = key/,
      /^ {2}nonce .*\(12 random bytes\)$/m,
      /^ {2}tag /m,
      /Bob decrypts: "Meet me/,
      /Noise_NN_P256_AESGCM_SHA256/,
      /^ {2}client ⇒ wire {2}0041 ‖ 65 bytes/m,
      /^ {2}server ⇒ wire {2}0051 ‖ 81 bytes/m,
      /^client {2}DecryptWithAd\(k2, n = 2, ad = empty\) = "bye"$/m,
    ]) {
      expect(r.stdout).toMatch(pattern);
    }
  });

  it('prints every Noise value token by token (e, ee, h, ck, k, the split keys, whole frames), and they are right', () => {
    const { status, stdout } = demo('--seed', '7');
    expect(status).toBe(0);
    const noise = stdout.slice(stdout.indexOf('── The secure channel'));
    // Each side, in the order of Noise rev 34 §5.3 for NN (→ e; ← e, ee).
    const client = noise
      .split('\n')
      .filter((l) => l.startsWith('client  '))
      .map((l) => l.slice(8).split(/[:(]/)[0]);
    expect(client.slice(0, 14)).toEqual([
      'InitializeSymmetric',
      'MixHash',
      'writes handshake message 1',
      'e',
      'MixHash',
      'EncryptAndHash',
      'MixHash',
      'reads handshake message 2',
      'e',
      'MixHash',
      'ee',
      'MixKey',
      'DecryptAndHash',
      'MixHash',
    ]);
    expect(client[14]).toBe('Split');
    expect(noise).not.toContain('…'); // nothing cut
    // The values are the library's: e.pub = e.d·G, both sides' DH equal and = e.d(client)·re.
    const clientD = value(noise, 'e.d = ');
    const serverD = value(noise, 'e.d = ', noise.indexOf('server  writes'));
    const clientKey = PrivateKey.fromRaw(Buffer.from(clientD, 'hex'));
    const serverKey = PrivateKey.fromRaw(Buffer.from(serverD, 'hex'));
    const clientPub = Buffer.from(clientKey.publicKey.toRaw({ compressed: false })).toString('hex');
    expect(value(noise, 'e.pub.x = ')).toBe(clientPub.slice(2, 66));
    expect(value(noise, 'e.pub.y = ')).toBe(clientPub.slice(66));
    const dh = Buffer.from(clientKey.exchange(serverKey.publicKey)).toString('hex');
    const dhLines = [...noise.matchAll(/DH = ([0-9a-f ]+)/g)].map((m) => m[1].replace(/ /g, ''));
    expect(dhLines).toEqual([dh, dh]);
    // Both sides print the same h after each step, and the same ck, k, k1, k2.
    for (const name of ['ck = ', 'k  = ', 'k1 = ', 'k2 = '])
      expect(value(noise, name, noise.indexOf('server  ee'))).toBe(
        value(noise, name, noise.indexOf('client  ee')),
      );
    const hs = (side: string) =>
      [...noise.matchAll(new RegExp(`^${side}  MixHash.*\\n +h  = ([0-9a-f ]+)$`, 'gm'))].map(
        (m) => m[1],
      );
    expect(hs('client')).toHaveLength(5); // prologue, e.pub, c, re, c
    expect(hs('client')).toEqual(hs('server'));
    // The first frame is the whole client e.pub, the second the server's e.pub then the tag.
    expect(value(noise, '0041 ‖ 65 bytes  (u16 length ‖ message)')).toBe(clientPub);
    const serverPub = Buffer.from(serverKey.publicKey.toRaw({ compressed: false })).toString('hex');
    const tag = value(noise, 'c  = ');
    expect(tag).toHaveLength(32);
    expect(value(noise, '0051 ‖ 81 bytes  (u16 length ‖ message)')).toBe(serverPub + tag);
  });

  it('--seed makes every key and nonce reproducible and says seeded keys are for study only', () => {
    const a = demo('--seed', '42');
    const b = demo('--seed', '42');
    const c = demo('--seed', '43');
    const random = demo();
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^Seeded run \(--seed 42\)[\s\S]{0,200}for study only/);
    expect(a.stdout).toMatch(/\(12 bytes from the seed\)/);
    const keys = (text: string) =>
      [...text.matchAll(/(?:private d|e\.d =) +([0-9a-f ]+)/g)].map((m) => m[1]);
    expect(keys(a.stdout)).toHaveLength(4);
    for (const other of [c, random]) {
      const mine = keys(a.stdout);
      const theirs = keys(other.stdout);
      for (let i = 0; i < 4; i++) expect(theirs[i]).not.toBe(mine[i]);
    }
    expect(random.stdout).not.toMatch(/Seeded run/);
    expect(demo('--seed', 'x').status).toBe(2);
    expect(demo('--help').stdout).toMatch(/Seeded\s+keys\s+are\s+for\s+study\s+only/);
  });
});
