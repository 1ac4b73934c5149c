/**
 * The built CLI (dist/cjs/cli/main.js) as processes, for the CLI tests: `serve` in the
 * background, `connect` with given stdin.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { assertDistFresh } from '../support/dist';

assertDistFresh(); // these tests run dist/: fail loudly when it is older than src/

export const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');

export interface Server {
  child: ChildProcessWithoutNullStreams;
  host: string;
  port: number;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `serve --port 0 …`, resolving once its first stdout line announces the address. */
export function serve(...args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const first = stdout.split('\n')[0];
      const match = /^listening on (127\.0\.0\.1|\[::1\]):(\d+)$/.exec(first);
      if (match && stdout.includes('\n'))
        resolve({ child, host: match[1], port: Number(match[2]), stderr: () => stderr, exit });
      else if (stdout.includes('\n')) reject(new Error(`unexpected first line: ${first}`));
    });
    exit.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

/** Runs `connect --port PORT …` with `input` on stdin; stdout as raw bytes. */
export function connectBytes(
  port: number,
  input: string | Uint8Array,
  ...args: string[]
): Promise<{ code: number | null; bytes: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'connect', '--port', String(port), ...args]);
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, bytes: Buffer.concat(chunks), stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Runs `connect --port PORT …` with `input` on stdin; stdout as UTF-8 text. */
export async function connect(
  port: number,
  input: string | Uint8Array,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, bytes, stderr } = await connectBytes(port, input, ...args);
  return { code, stdout: bytes.toString('utf8'), stderr };
}

/** SIGTERM, then the exit code. */
export async function stop(server: Server): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exit;
}
