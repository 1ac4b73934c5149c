/**
 * Interop with the tutorial's own library: test/net/tutorial_peer.py (Python, pyca/cryptography,
 * the tutorial's code path — SPKI PEM exchange, HKDF(SHA256, 32, salt=None, info=None), AES-GCM
 * records) against ecdh-lab's server and client in the 'tutorial' protocol, both directions.
 *
 * Under CI=true Python and `cryptography` must be present (their absence fails the test);
 * elsewhere the tests print why and return early.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { connect } from '../../src/net/client.js';
import { echoServer } from './helpers.js';

const PEER = path.join(__dirname, 'tutorial_peer.py');
const MESSAGES = ['hello from the other side', 'ünïcödé ✓', '', 'x'.repeat(100000)];

function pythonAvailable(): boolean {
  const probe = spawnSync(
    'python3',
    ['-c', 'import cryptography; print(cryptography.__version__)'],
    { encoding: 'utf8' },
  );
  if (probe.status === 0) return true;
  const reason = probe.error
    ? `python3 not found (${probe.error.message})`
    : `cryptography not importable: ${probe.stderr.trim().split('\n').pop()}`;
  if (process.env.CI === 'true') throw new Error(`Python interop must run under CI: ${reason}`);
  console.log(`python interop not run: ${reason}`);
  return false;
}

function run(
  args: string[],
  onLine?: (line: string) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [PEER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (onLine) for (const line of chunk.split('\n')) if (line) onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tutorial protocol vs the Python tutorial (pyca/cryptography)', () => {
  it('a Python client talks to the TypeScript server', async () => {
    if (!pythonAvailable()) return;
    const { server, port, logs } = await echoServer({ protocol: 'tutorial' });
    const result = await run(['client', String(port), ...MESSAGES]);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 0,
      stdout: `ok ${MESSAGES.length}\n`,
      stderr: '',
    });
    await server.close();
    expect(logs).toEqual([]);
  });

  it('the TypeScript client talks to a Python server', async () => {
    if (!pythonAvailable()) return;
    let announced!: (port: number) => void;
    const portPromise = new Promise<number>((resolve) => (announced = resolve));
    const python = run(['server'], (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) announced(Number(match[1]));
    });
    const port = await Promise.race([
      portPromise,
      python.then((r) => Promise.reject(new Error(`python server exited: ${r.stderr}`))),
    ]);
    const channel = await connect({ protocol: 'tutorial', port });
    for (const m of MESSAGES) await channel.send(Buffer.from(m));
    const replies: string[] = [];
    for await (const reply of channel) {
      replies.push(Buffer.from(reply).toString());
      if (replies.length === MESSAGES.length) break;
    }
    await channel.close();
    expect(replies).toEqual(MESSAGES);
    const result = await python;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`echoed ${MESSAGES.length}`);
  });
});
