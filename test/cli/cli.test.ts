/**
 * The command line (src/cli/): help, version, unknown commands and options, and the demo.
 * Runs the built CLI (dist/cjs/cli/main.js, the package's bin) as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'cli', 'main.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });

describe('ecdh-lab CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: ecdh-lab <command>/);
    expect(r.stdout).toMatch(/demo/);
  });
  it('no arguments prints the list of commands on stderr and exits 2', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: ecdh-lab <command>/);
  });
  it('an unknown command exits 2 with a message on stderr', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
  it('an unknown option exits 2 with one line and a pointer to --help', () => {
    const r = run('demo', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "ecdh-lab demo: unknown option --bogus\nrun 'ecdh-lab demo --help' for usage\n",
    );
  });
  it('demo --help explains the demo', () => {
    const r = run('demo', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: ecdh-lab demo/);
  });
  it('--version and version print the version in package.json, which no source file repeats', () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'),
    );
    for (const args of [['--version'], ['version']]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`ecdh-lab ${version}\n`);
    }
    const cli = path.resolve(__dirname, '..', '..', 'src', 'cli');
    for (const name of fs.readdirSync(cli))
      expect({
        name,
        repeats: fs.readFileSync(path.join(cli, name), 'utf8').includes(`'${version}'`),
      }).toEqual({ name, repeats: false });
  });
  it("the README's command table lists every command; docs/README.md every explain topic", () => {
    const root = path.resolve(__dirname, '..', '..');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| command | does |'));
    for (const name of Object.keys(COMMANDS))
      expect({ name, listed: new RegExp(`^\\| \`${name}\\b`, 'm').test(table) }).toEqual({
        name,
        listed: true,
      });
    const docs = fs.readFileSync(path.join(root, 'docs', 'README.md'), 'utf8');
    for (const topic of Object.keys(COMMANDS.explain.subcommands ?? {})) {
      expect({ topic, listed: docs.includes(`| \`explain ${topic} `) }).toEqual({
        topic,
        listed: true,
      });
      expect(readme).toMatch(new RegExp(`explain <[a-z|\\\\]*\\b${topic}\\b`));
    }
  });
  it('help CMD is CMD --help', () => {
    const r = run('help', 'keygen');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run('keygen', '--help').stdout);
  });
  it('demo prints the hash, HMAC and HKDF walkthrough and exits 0', () => {
    const r = run('demo');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SHA-256\(message\)/);
    expect(r.stdout).toMatch(/HKDF-Expand/);
  });

  /** A usage error: exit 2, one line naming the problem, then the pointer to --help. */
  const expectUsageError = (args: string[], where: string, problem: RegExp) => {
    const r = run(...args);
    const lines = r.stderr.split('\n');
    expect({ args, status: r.status, lines: lines.length, stdout: r.stdout }).toEqual({
      args,
      status: 2,
      lines: 3,
      stdout: '',
    });
    expect({ args, line: lines[0] }).toEqual({
      args,
      line: expect.stringMatching(new RegExp(`^ecdh-lab ${where}: ${problem.source}`)),
    });
    expect(lines[1]).toBe(`run 'ecdh-lab ${where} --help' for usage`);
  };

  it('every command refuses unknown and prototype-named options with one line, exit 2', () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      const paths = command.subcommands
        ? Object.keys(command.subcommands).map((sub) => [name, sub])
        : [[name]];
      for (const path of paths)
        expectUsageError([...path, '--bogus'], path.join(' '), /unknown option --bogus$/);
    }
    // The parser is shared (test/cli/args.test.ts checks every name); a few end to end.
    for (const path of [['keygen'], ['explain', 'hkdf'], ['serve']])
      for (const option of ['--constructor', '--__proto__', '--toString'])
        expectUsageError(
          [...path, option, 'x'],
          path.join(' '),
          new RegExp(`unknown option ${option}$`),
        );
  });

  it('prototype names are no commands or topics', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = run(name);
      expect({ name, status: r.status, stderr: r.stderr }).toEqual({
        name,
        status: 2,
        stderr: `ecdh-lab: unknown command '${name}'\nrun 'ecdh-lab --help' for usage\n`,
      });
      expectUsageError(['explain', name], 'explain', new RegExp(`unknown topic '${name}'`));
    }
  });

  it('an option the command does not use in that mode is refused, not ignored', () => {
    const cases: [string[], string, RegExp][] = [
      [['keygen', '--force'], 'keygen', /--force is not used without --out$/],
      [
        ['explain', 'ladder', '--full', '5'],
        'explain ladder',
        /--full is not used on the toy curve/,
      ],
      [['explain', 'ecdh', '--scalar', '5'], 'explain ecdh', /unknown option --scalar$/],
      [['explain', 'field', '--full', '5'], 'explain field', /unknown option --full$/],
      [
        ['serve', '--protocol', 'nn', '--key', 'k.pem'],
        'serve',
        /--key is not used with --protocol nn$/,
      ],
      [
        ['serve', '--protocol', 'nk', '--allow', 'a.pem'],
        'serve',
        /--allow is not used with --protocol nk$/,
      ],
      [
        ['connect', '--protocol', 'nn', '--server-key', 's.pem'],
        'connect',
        /--server-key is not used with --protocol nn$/,
      ],
      [
        ['connect', '--protocol', 'tutorial', '--key', 'k.pem'],
        'connect',
        /--key is not used with --protocol tutorial$/,
      ],
      [
        ['serve', '--protocol', 'tutorial', '--key', 'k.pem'],
        'serve',
        /--key is not used with --protocol tutorial$/,
      ],
      [
        ['serve', '--protocol', 'nn', '--max-per-address', '0'],
        'serve',
        /--max-per-address must be an integer from 1 to 1000000, got '0'$/,
      ],
      [
        ['serve', '--protocol', 'nn', '--frame-timeout', 'soon'],
        'serve',
        /--frame-timeout must be an integer from 0 to/,
      ],
      [
        ['derive', '--key', 'a', '--peer', 'b', '--length', '5'],
        'derive',
        /--length needs --hkdf$/,
      ],
    ];
    for (const [args, where, problem] of cases) expectUsageError(args, where, problem);
  });
});
