/**
 * The option parser of the CLI (src/cli/args.ts, on node:util parseArgs) and the command
 * runner (src/cli/command.ts), in process: every mistake is a one-line UsageError, names are
 * own properties only, and help fits in 100 columns.
 */
import {
  bigintOption,
  choiceOption,
  formatOptions,
  hexOption,
  integerOption,
  parseCommandLine,
  refuseOption,
  UsageError,
  wrap,
} from '../../src/cli/args';
import { commandHelp, defineCommand, formatParagraphs } from '../../src/cli/command';

const SPECS = {
  out: { type: 'string', placeholder: 'FILE', help: 'output file' },
  port: { type: 'string', placeholder: 'PORT', help: 'a port', default: '65432' },
  force: { type: 'boolean', help: 'overwrite' },
  verbose: { type: 'boolean', short: 'v', help: 'say more' },
} as const;

const mistake = (argv: string[], max = 0): string => {
  try {
    parseCommandLine(argv, SPECS, max);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`no UsageError for ${JSON.stringify(argv)}`);
};

describe('parseCommandLine', () => {
  it('reads --name VALUE, --name=VALUE, flags, short flags, defaults and positionals after --', () => {
    const args = parseCommandLine(['--out', 'a.pem', '--force', '-v', 'x', '--', '--y'], SPECS, 2);
    expect({ ...args.options }).toEqual({
      out: 'a.pem',
      port: '65432',
      force: true,
      verbose: true,
    });
    expect(args.positionals).toEqual(['x', '--y']);
    expect([...args.given].sort()).toEqual(['force', 'out', 'verbose']);
    expect(parseCommandLine(['--out=-x', '--port=1'], SPECS).options).toMatchObject({
      out: '-x',
      port: '1',
    });
    expect(parseCommandLine(['--out', '-'], SPECS).options.out).toBe('-'); // stdin/stdout
    const none = parseCommandLine([], SPECS);
    expect({ ...none.options }).toEqual({
      out: undefined,
      port: '65432',
      force: false,
      verbose: false,
    });
    expect(none.given.size).toBe(0);
  });

  it('refuses unknown, repeated, valueless and value-carrying options in one line each', () => {
    expect(mistake(['--bogus'])).toBe('unknown option --bogus');
    expect(mistake(['-x'])).toBe('unknown option -x');
    expect(mistake(['--out'])).toBe('--out needs a value');
    expect(mistake(['--out', '--force'])).toMatch(/^--out needs a value \(write --out=VALUE/);
    expect(mistake(['--force=yes'])).toBe('--force takes no value');
    expect(mistake(['--force', '--force'])).toBe('--force is given twice');
    expect(mistake(['stray'])).toBe("unexpected argument 'stray'");
    expect(mistake(['a', 'b'], 1)).toBe("unexpected argument 'b'");
  });

  it('looks names up as own properties only', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(mistake([`--${name}`, 'x'])).toBe(`unknown option --${name}`);
    const args = parseCommandLine([], SPECS);
    expect(Object.getPrototypeOf(args.options)).toBeNull();
  });

  it('collects a `multiple` option into a frozen list, in order, empty when absent', () => {
    const specs = {
      dns: { type: 'string', placeholder: 'NAME', help: 'a name', multiple: true },
      out: { type: 'string', help: 'once' },
    } as const;
    const args = parseCommandLine(['--dns', 'a', '--out', 'o', '--dns=b', '--dns', '-'], specs);
    const dns: readonly string[] = args.options.dns; // typed as a list
    expect(dns).toEqual(['a', 'b', '-']);
    expect(Object.isFrozen(dns)).toBe(true);
    expect(args.given.has('dns')).toBe(true);
    expect(parseCommandLine([], specs).options.dns).toEqual([]);
    expect(parseCommandLine([], specs).given.has('dns')).toBe(false);
    expect(() => parseCommandLine(['--out', 'a', '--out', 'b'], specs)).toThrow(
      '--out is given twice',
    );
    expect(() => parseCommandLine(['--dns'], specs)).toThrow('--dns needs a value');
    expect(() => parseCommandLine(['--dns', '--out', 'x'], specs)).toThrow(
      /^--dns needs a value \(write --dns=VALUE/,
    );
    expect(formatOptions(specs)).toMatch(/--dns NAME +a name \(repeatable\)\n/);
  });
});

describe('value helpers', () => {
  const parse = (argv: string[]) =>
    parseCommandLine(argv, {
      n: { type: 'string', help: '' },
      hex: { type: 'string', help: '' },
      k: { type: 'string', help: '' },
      c: { type: 'string', help: '' },
      f: { type: 'boolean', help: '' },
    });
  const thrown = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('no UsageError');
  };

  it('integerOption: decimal digits in range', () => {
    expect(integerOption(parse(['--n', '42']), 'n', 1, 100)).toBe(42);
    expect(integerOption(parse([]), 'n', 1, 100)).toBeUndefined();
    for (const bad of ['0', '101', '3.5', '-1', '1e2', '0x10', ' 5'])
      expect(thrown(() => integerOption(parse([`--n=${bad}`]), 'n', 1, 100))).toBe(
        `--n must be an integer from 1 to 100, got '${bad}'`,
      );
  });

  it('hexOption: the same forms everywhere, with or without 0x; the value is never echoed', () => {
    for (const form of ['00ff10', '0x00ff10', '0X00FF10', '00:ff:10', '00 ff 10'])
      expect([...hexOption(parse(['--hex', form]), 'hex')!]).toEqual([0, 255, 16]);
    expect(hexOption(parse(['--hex', '']), 'hex')).toEqual(new Uint8Array(0));
    expect(hexOption(parse([]), 'hex')).toBeUndefined();
    for (const bad of ['abc', 'zz', '0xg0', 'secret'])
      expect(thrown(() => hexOption(parse(['--hex', bad]), 'hex'))).toBe(
        '--hex must be hex: an even number of 0-9a-f digits, 0x optional',
      );
  });

  it('bigintOption, choiceOption, refuseOption', () => {
    expect(bigintOption(parse(['--k', '0x10']), 'k')).toBe(16n);
    expect(bigintOption(parse(['--k', '123456789012345678901234567890']), 'k')).toBe(
      123456789012345678901234567890n,
    );
    expect(thrown(() => bigintOption(parse(['--k', '-1']), 'k'))).toMatch(/--k needs a value/);
    expect(thrown(() => bigintOption(parse(['--k=1.5']), 'k'))).toMatch(/decimal or 0x-hex/);
    expect(choiceOption(parse(['--c', 'nn']), 'c', ['nn', 'xx'])).toBe('nn');
    expect(thrown(() => choiceOption(parse(['--c', 'constructor']), 'c', ['nn', 'xx']))).toBe(
      "--c must be one of nn, xx, got 'constructor'",
    );
    expect(() => refuseOption(parse([]), 'f', 'here')).not.toThrow();
    expect(thrown(() => refuseOption(parse(['--f']), 'f', 'with --c nn'))).toBe(
      '--f is not used with --c nn',
    );
  });
});

describe('help text', () => {
  it('wraps option descriptions, paragraphs and long synopses within 100 columns', () => {
    const long = 'word '.repeat(60).trim();
    const command = defineCommand({
      summary: 's',
      synopsis: `test --a VALUE [--bbbbbbbbbb VALUE] [--c [--d VALUE] [--e VALUE]] ${'[--more VALUE] '.repeat(8)}`,
      description: `${long}\n\n  kept as written`,
      options: {
        a: { type: 'string', help: long, default: 'x' },
        'a-very-long-option-name-indeed': { type: 'string', placeholder: 'VALUE', help: long },
      },
      async main() {
        return 0;
      },
    });
    const help = commandHelp(command);
    for (const line of help.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(help).toContain('\n  kept as written\n');
    expect(help).toContain('[--c [--d VALUE] [--e VALUE]]'); // a nested group stays on one line
    expect(formatOptions(command.options).split('\n').length).toBeGreaterThan(4);
    expect(formatParagraphs('a\nb\n\nc')).toBe('a b\n\nc');
    expect(wrap('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
  });
});
