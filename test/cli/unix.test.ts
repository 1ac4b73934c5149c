/**
 * The command line as a Unix tool: writing to a closed pipe ends the command quietly with exit
 * 0; `connect --binary` passes any bytes through unchanged; a client and a server that speak
 * different --protocols fail at once and say so; network errors say what to do. Runs the
 * built CLI (dist/cjs/cli/main.js) and npm as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import { connectFailure, errnoWords, listenFailure } from '../../src/cli/network-errors';
import { CLI, connect, connectBytes, serve, stop } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `left | head -1` in bash; returns head's line, the left side's exit code and stderr. */
function pipeToHead(left: string): { first: string; status: number; stderr: string } {
  const r = spawnSync('bash', ['-c', `${left} | head -1; echo "exit \${PIPESTATUS[0]}"`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60000,
  });
  const lines = r.stdout.split('\n');
  return {
    first: lines[0],
    status: Number(/^exit (\d+)$/m.exec(r.stdout)?.[1]),
    stderr: r.stderr,
  };
}

describe('a closed pipe ends the command quietly with exit 0', () => {
  const cli = `'${process.execPath}' '${CLI}'`;

  it('npm start | head -1', () => {
    const r = pipeToHead('npm start');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('explain ladder --curve p256 --full 256 | head -1', () => {
    const r = pipeToHead(`${cli} explain ladder --curve p256 --full 256`);
    expect(r).toEqual({ first: 'Montgomery ladder: k·P on P-256', status: 0, stderr: '' });
  });

  it('connect … | head -1', async () => {
    const server = await serve('--protocol', 'nn');
    try {
      const r = pipeToHead(`seq 1 5000 | ${cli} connect --protocol nn --port ${server.port}`);
      expect(r).toEqual({ first: '1', status: 0, stderr: '' });
    } finally {
      await stop(server);
    }
  });
});

describe('connect --binary', () => {
  it('round-trips a random 300 KB file through serve --protocol nn byte for byte', async () => {
    const server = await serve('--protocol', 'nn');
    try {
      const data = crypto.randomBytes(300_000);
      const r = await connectBytes(server.port, data, '--protocol', 'nn', '--binary');
      expect({ code: r.code, stderr: r.stderr, length: r.bytes.length }).toEqual({
        code: 0,
        stderr: '',
        length: data.length,
      });
      expect(r.bytes.equals(data)).toBe(true);
      // Small messages (--max-message), and the tutorial protocol, carry the same bytes.
      const small = await connectBytes(
        server.port,
        data.subarray(0, 20_000),
        '--protocol',
        'nn',
        '--binary',
        '--max-message',
        '1000',
      );
      expect(small.code).toBe(0);
      expect(small.bytes.equals(data.subarray(0, 20_000))).toBe(true);
    } finally {
      expect(await stop(server)).toBe(0);
    }
    const tutorial = await serve('--protocol', 'tutorial');
    try {
      const data = crypto.randomBytes(100_000);
      const r = await connectBytes(tutorial.port, data, '--protocol', 'tutorial', '--binary');
      expect(r.code).toBe(0);
      expect(r.bytes.equals(data)).toBe(true);
    } finally {
      await stop(tutorial);
    }
  });

  it('--help says that without it a message is one line of UTF-8 text', () => {
    const help = spawnSync(process.execPath, [CLI, 'connect', '--help'], { encoding: 'utf8' });
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Without --binary a message is one line of UTF-8 text');
    expect(text).toContain('--binary stdin and the replies are raw bytes');
  });
});

describe('a client and a server with different --protocols fail at once, and say so', () => {
  it.each([
    ['tutorial', 'nn', /another protocol/],
    ['nn', 'tutorial', /the tutorial protocol/],
    ['tutorial', 'xx', /another protocol/],
    ['nk', 'tutorial', /the tutorial protocol/],
  ])('serve --protocol %s, connect --protocol %s', async (served, spoken, logged) => {
    const server = await serve('--protocol', served);
    const started = Date.now();
    const r = await connect(server.port, 'hello\n', '--protocol', spoken);
    const elapsed = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`check that the server uses --protocol ${spoken}`);
    expect(elapsed).toBeLessThan(5000); // not the 10 s handshake timeout
    expect(await stop(server)).toBe(0);
    expect(server.stderr()).toMatch(logged);
    expect(server.stderr()).toContain(
      `this server uses --protocol ${served}: check the client's --protocol`,
    );
  });
});

describe('network errors say what to do', () => {
  it('a port in use is reported once, with "try --port 0"', async () => {
    const server = await serve('--protocol', 'nn');
    try {
      const r = spawnSync(
        process.execPath,
        [CLI, 'serve', '--protocol', 'nn', '--port', String(server.port)],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `ecdh-lab serve: port ${server.port} on 127.0.0.1 is already in use (EADDRINUSE: address already in use); try --port 0 for a free port\n`,
      );
    } finally {
      await stop(server);
    }
  });

  it('IPv6 addresses print as [::1]:PORT', async () => {
    const v6 = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!v6) {
      console.log('skipped: this machine has no IPv6 loopback (::1)');
      return;
    }
    const server = await serve('--protocol', 'nn', '--host', '::1');
    expect(server.host).toBe('[::1]');
    const r = await connect(server.port, 'over IPv6\n', '--protocol', 'nn', '--host', '::1');
    expect(r.stdout).toBe('over IPv6\n');
    expect(await stop(server)).toBe(0);
    expect(
      connectFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), '::1', 9),
    ).toMatch(/^no server is listening on \[::1\]:9 /);
  });

  it('errno codes come with words', () => {
    expect(errnoWords('ECONNRESET')).toBe('ECONNRESET: connection reset by peer');
    expect(errnoWords('ENOTFOUND')).toBe('ENOTFOUND: no such host');
    const error = (code: string) => Object.assign(new Error(`op ${code}`), { code });
    expect(listenFailure(error('EACCES'), '127.0.0.1', 80)).toMatch(
      /EACCES: permission denied.*try --port 0/,
    );
    expect(connectFailure(error('ENOTFOUND'), 'nowhere.invalid', 1)).toBe(
      'cannot resolve --host nowhere.invalid (ENOTFOUND: no such host)',
    );
    expect(connectFailure(error('ECONNRESET'), '10.0.0.1', 1)).toBe(
      '10.0.0.1:1 reset the connection (ECONNRESET: connection reset by peer)',
    );
  });
});
