/**
 * Every line the CLI prints for a person fits in 100 columns: the demo (random and seeded),
 * every explain topic in its text form (on both curves, with long inputs), and the --help of
 * every command and subcommand, found in the command list itself (src/cli/commands.ts), so a
 * new command is checked without touching this file. Runs the built CLI (dist/cjs/cli/main.js).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');
const WIDTH = 100;

function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Runs every command line, two at a time, and checks each line's width (in code points). */
async function checkWidths(commandLines: string[][]): Promise<void> {
  const queue = [...commandLines];
  const results: { args: string; code: number | null; lines: number; wide: string[] }[] = [];
  await Promise.all(
    [0, 1].map(async () => {
      for (let args = queue.shift(); args !== undefined; args = queue.shift()) {
        const { code, stdout } = await run(args);
        const lines = stdout.split('\n');
        results.push({
          args: args.join(' '),
          code,
          lines: lines.length,
          wide: lines.filter((line) => [...line].length > WIDTH),
        });
      }
    }),
  );
  for (const r of results) {
    expect({ args: r.args, code: r.code, wide: r.wide }).toEqual({
      args: r.args,
      code: 0,
      wide: [],
    });
    expect(r.lines).toBeGreaterThan(2);
  }
}

describe('no line of demo, explain or help output is wider than 100 columns', () => {
  it('--help of every command and subcommand, and of ecdh-lab itself', async () => {
    const lines: string[][] = [['--help']];
    for (const [name, command] of Object.entries(COMMANDS)) {
      lines.push([name, '--help']);
      for (const sub of Object.keys(command.subcommands ?? {})) lines.push([name, sub, '--help']);
    }
    expect(lines.length).toBeGreaterThan(10);
    await checkWidths(lines);
  });

  it('every explain topic, on both curves and with long inputs', async () => {
    const lines = [
      ['explain', 'ladder'],
      ['explain', 'ladder', '--curve', 'p256', '--full', '256'],
      ['explain', 'ladder', '--curve', 'p256', '--full', '256', '--scalar', `0x${'f'.repeat(64)}`],
      ['explain', 'ecdh'],
      ['explain', 'ecdh', '--curve', 'p256'],
      ['explain', 'ecdsa'],
      ['explain', 'ecdsa', '--curve', 'p256', '--message', 'a long message, '.repeat(20)],
      ['explain', 'ecdsa', '--curve', 'p256', '--private-key', `0x${'f'.repeat(63)}`],
      ['explain', 'hkdf', '--ikm', 'ab'.repeat(100), '--salt', 'cd'.repeat(90), '--length', '200'],
      ['explain', 'hkdf', '--ikm', '0b', '--info', 'a long context string '.repeat(10)],
      ['explain', 'aes', '--key', '00'.repeat(32), '--block', '11'.repeat(16)],
      ['explain', 'field'],
      ['explain', 'field', '--curve', 'p256', '--value', `0x${'e'.repeat(63)}`],
      ['explain', 'tls'],
      ['explain', 'tls', '--hello-retry', '--suite', 'TLS_AES_256_GCM_SHA384'],
    ];
    const topics = new Set(lines.map((l) => l[1]));
    expect([...topics].sort()).toEqual(Object.keys(COMMANDS.explain.subcommands ?? {}).sort());
    await checkWidths(lines);
  });

  it('the demo, with random and with seeded keys', async () => {
    await checkWidths([['demo'], ['demo', '--seed', '1']]);
  });
});
