/// <reference types="node" />
/**
 * Command-line options, parsed by Node's own `node:util` parseArgs (in its tokens mode), then
 * checked here against a command's option table, so that every mistake is one line:
 *
 *   --name VALUE, --name=VALUE     a 'string' option (a value that starts with '-' needs the
 *                                  '=' form, except '-' itself, which means stdin)
 *   --flag                         a 'boolean' option (no value)
 *   --name A --name B              a 'string' option with `multiple: true` (a list, in order)
 *   --                             everything after it is a positional argument
 *
 * Unknown options, repeated options (other than `multiple` ones), missing values and extra positionals throw UsageError;
 * the runner (./command.ts) prints its message and exits 2. Names are looked up as own
 * properties only, so `--constructor` or `--__proto__` is just an unknown option.
 *
 * To add an option to a command, add one entry to the command's `options` table, e.g.
 *
 *   'frame-timeout': {
 *     type: 'string',
 *     placeholder: 'MS',
 *     help: 'close a connection silent for MS milliseconds in the middle of a frame',
 *     default: '10000',
 *   },
 *
 * It is then listed by --help, parsed, and typed: `args.options['frame-timeout']` is a string
 * (or `string | undefined` without a default; a boolean option is `boolean`, a `multiple` one
 * `readonly string[]`, empty when absent). Convert it with
 * the helpers below (integerOption, hexOption, bigintOption, choiceOption), which throw
 * UsageError with a message that names the option. An option that only some modes of a command
 * use is refused in the others with refuseOption (a command never ignores an option silently).
 */
import { parseArgs } from 'node:util';

/** One option of a command. */
export interface OptionSpec {
  /** 'string' takes a value; 'boolean' is a flag. */
  readonly type: 'string' | 'boolean';
  /** One line for --help (wrapped to fit). */
  readonly help: string;
  /** The value's placeholder in --help, e.g. FILE. */
  readonly placeholder?: string;
  /** The value when the option is absent (string options only; shown in --help). */
  readonly default?: string;
  /** A one-letter alias, e.g. 'h' for -h. */
  readonly short?: string;
  /** String options only: may be given several times; the value is the list (parseArgs' `multiple`). */
  readonly multiple?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed value of each option, typed from the table. */
export type OptionValues<S extends OptionSpecs> = {
  readonly [K in keyof S]: S[K]['type'] extends 'boolean'
    ? boolean
    : S[K] extends { readonly multiple: true }
      ? readonly string[]
      : S[K] extends { readonly default: string }
        ? string
        : string | undefined;
};

export interface ParsedArgs<S extends OptionSpecs = OptionSpecs> {
  readonly options: OptionValues<S>;
  readonly positionals: readonly string[];
  /** The options written on the command line (an option left at its default is not given). */
  readonly given: ReadonlySet<string>;
}

/** A usage mistake: the CLI prints "ecdh-lab CMD: <message>" and a pointer to --help, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` against `specs`.
 * @throws UsageError for an unknown or repeated option, a missing or unexpected value, or
 *   more than `maxPositionals` positional arguments
 */
export function parseCommandLine<S extends OptionSpecs>(
  argv: readonly string[],
  specs: S,
  maxPositionals = 0,
): ParsedArgs<S> {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> =
    Object.create(null);
  const values: Record<string, string | boolean | string[] | undefined> = Object.create(null);
  const lists: Record<string, string[]> = Object.create(null);
  for (const [name, spec] of Object.entries(specs)) {
    const multiple = spec.type === 'string' && spec.multiple === true;
    config[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(multiple ? { multiple: true } : {}),
    };
    if (multiple) lists[name] = [];
    values[name] = multiple ? lists[name] : spec.type === 'boolean' ? false : spec.default;
  }
  // strict: false, so that every mistake comes back as a token and is reported below in one line.
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    const flag = `--${token.name}`;
    const list = Object.hasOwn(lists, token.name) ? lists[token.name] : undefined;
    if (given.has(token.name) && list === undefined) throw new UsageError(`${flag} is given twice`);
    given.add(token.name);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${flag} needs a value`);
    if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')
      throw new UsageError(
        `${flag} needs a value (write ${flag}=VALUE for one that starts with '-')`,
      );
    if (list === undefined) values[token.name] = token.value;
    else list.push(token.value);
  }
  for (const list of Object.values(lists)) Object.freeze(list);
  if (positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument '${positionals[maxPositionals]}'`);
  return { options: values as OptionValues<S>, positionals, given };
}

/** The string value of an option, or undefined. */
function text<S extends OptionSpecs>(args: ParsedArgs<S>, name: string): string | undefined {
  const value = (args.options as Readonly<Record<string, unknown>>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A decimal integer option in [min, max]; undefined when absent without a default.
 * @throws UsageError
 */
export function integerOption<S extends OptionSpecs>(
  args: ParsedArgs<S>,
  name: keyof S & string,
  min: number,
  max: number,
): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return Number(value);
}

/**
 * A non-negative integer option, decimal or 0x-hex, as a bigint; undefined when absent.
 * @throws UsageError
 */
export function bigintOption<S extends OptionSpecs>(
  args: ParsedArgs<S>,
  name: keyof S & string,
): bigint | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(value))
    throw new UsageError(`--${name} must be a decimal or 0x-hex integer, got '${value}'`);
  return BigInt(value);
}

/**
 * A byte-string option in hex: an even number of hex digits, with or without a 0x prefix
 * (spaces and colons between digits are allowed, as in `openssl` and `xxd` output); undefined
 * when absent. The value is not repeated in the message: it may be key material.
 * @throws UsageError
 */
export function hexOption<S extends OptionSpecs>(
  args: ParsedArgs<S>,
  name: keyof S & string,
): Uint8Array | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  const digits = value.replace(/^0[xX]/, '').replace(/[\s:]/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits))
    throw new UsageError(`--${name} must be hex: an even number of 0-9a-f digits, 0x optional`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * An option whose value is one of `choices`; undefined when absent without a default.
 * @throws UsageError
 */
export function choiceOption<S extends OptionSpecs, C extends string>(
  args: ParsedArgs<S>,
  name: keyof S & string,
  choices: readonly C[],
): C | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as C;
}

/** Refuses an option given on the command line where it has no effect. @throws UsageError */
export function refuseOption<S extends OptionSpecs>(
  args: ParsedArgs<S>,
  name: keyof S & string,
  where: string,
): void {
  if (args.given.has(name)) throw new UsageError(`--${name} is not used ${where}`);
}

/** Requires an option; `message` says what is missing. @throws UsageError */
export function requireOption<S extends OptionSpecs>(
  args: ParsedArgs<S>,
  name: keyof S & string,
  message = `--${name} is required`,
): string {
  const value = text(args, name);
  if (value === undefined) throw new UsageError(message);
  return value;
}

/** The width every line of help and explain output fits in. */
export const WIDTH = 100;

/** Splits `text` into lines of at most `width` columns at spaces (a longer word stays whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** The options table for --help, each description wrapped to fit in WIDTH columns. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const names = spec.short === undefined ? `    --${name}` : `-${spec.short}, --${name}`;
    const left = `  ${names}${spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : ''}`;
    const right =
      spec.help +
      (spec.default !== undefined ? ` (default: ${spec.default})` : '') +
      (spec.multiple === true ? ' (repeatable)' : '');
    return [left, right] as const;
  });
  const column = Math.min(34, Math.max(0, ...rows.map(([left]) => left.length)) + 2);
  const out: string[] = [];
  for (const [left, right] of rows) {
    const lines = wrap(right, WIDTH - column);
    if (left.length + 2 > column) out.push(left);
    else out.push(left.padEnd(column) + lines.shift());
    for (const line of lines) out.push(' '.repeat(column) + line);
  }
  return `${out.join('\n')}\n`;
}
