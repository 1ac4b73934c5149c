/// <reference types="node" />
/**
 * The shape of a subcommand, its --help text, and the runner that turns usage mistakes into
 * one line on stderr and exit code 2:
 *
 *   ecdh-lab keygen: unknown option --bogus
 *   run 'ecdh-lab keygen --help' for usage
 *
 * A command with `subcommands` (explain's topics) dispatches on its first argument; each
 * subcommand is a Command of its own, with its own options and --help.
 *
 * Every line of help fits in WIDTH (100) columns: descriptions are written as paragraphs and
 * wrapped here (a line that starts with a space is kept as written, for examples and lists).
 */
import {
  formatOptions,
  parseCommandLine,
  UsageError,
  WIDTH,
  wrap,
  type OptionSpecs,
  type ParsedArgs,
} from './args.js';

export interface Command<S extends OptionSpecs = OptionSpecs> {
  /** One line for the list of commands. */
  readonly summary: string;
  /** What follows "usage: ecdh-lab ", e.g. "keygen [--out FILE] [--force]". */
  readonly synopsis: string;
  /** Paragraphs for --help, separated by blank lines; wrapped to fit. */
  readonly description: string;
  /** The options, by long name (./args.ts). */
  readonly options: S;
  /** How many positional arguments `main` accepts (default 0). */
  readonly maxPositionals?: number;
  /** Named subcommands, chosen by the first argument (explain's topics). */
  readonly subcommands?: Readonly<Record<string, Command>>;
  /** What a subcommand is called in messages (default 'subcommand'; explain: 'topic'). */
  readonly subcommandKind?: string;
  /** Runs with the parsed arguments and resolves with the exit code. @throws UsageError */
  main?(args: ParsedArgs<S>): Promise<number>;
}

/** Declares a command; the option values `main` receives are typed from `options`. */
export function defineCommand<S extends OptionSpecs>(command: Command<S>): Command<S> {
  return command;
}

const HELP = { help: { type: 'boolean', short: 'h', help: 'show this help' } } as const;

/** Paragraphs wrapped to `width`; lines that start with a space are kept as they are. */
export function formatParagraphs(text: string, width = WIDTH): string {
  return text
    .split('\n\n')
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      if (lines.some((line) => line.startsWith(' '))) return paragraph;
      return wrap(lines.join(' '), width).join('\n');
    })
    .join('\n\n');
}

/** Splits a synopsis into words, keeping each bracketed group (nested too) whole. */
function synopsisWords(synopsis: string): string[] {
  const words: string[] = [];
  let word = '';
  let depth = 0;
  for (const ch of synopsis) {
    if (ch === ' ' && depth === 0) {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    word += ch;
  }
  if (word !== '') words.push(word);
  return words;
}

/**
 * `prefix` + SYNOPSIS, wrapped between words and bracketed groups; continuation lines are
 * indented under the first option (a group too long for a line is split at its spaces).
 */
function formatUsage(synopsis: string, prefix = 'usage: ecdh-lab '): string {
  const words = synopsisWords(synopsis);
  const first = prefix + (words.shift() ?? '');
  const indent = ' '.repeat(Math.min(first.length + 1, 40));
  const lines = [first];
  for (const word of words.flatMap((w) =>
    indent.length + w.length > WIDTH ? w.split(' ') : [w],
  )) {
    const last = lines[lines.length - 1];
    if (last.length + 1 + word.length > WIDTH) lines.push(indent + word);
    else lines[lines.length - 1] = `${last} ${word}`;
  }
  return lines.join('\n');
}

/** The full --help text of a command. */
export function commandHelp(command: Command): string {
  const parts = [formatUsage(command.synopsis), formatParagraphs(command.description)];
  if (command.subcommands !== undefined) {
    const list = Object.values(command.subcommands).map((sub) => {
      const summary = wrap(sub.summary, WIDTH - 6).map((line) => `      ${line}`);
      return [formatUsage(sub.synopsis, '  '), ...summary].join('\n');
    });
    parts.push(`${command.subcommandKind ?? 'subcommand'}s:\n${list.join('\n')}`);
  } else {
    parts.push(`options:\n${formatOptions({ ...command.options, ...HELP }).trimEnd()}`);
  }
  return `${parts.join('\n\n')}\n`;
}

/** Prints a usage error the way every command does, and returns exit code 2. */
export function usageFailure(label: string, message: string): number {
  process.stderr.write(`${label}: ${message}\nrun '${label} --help' for usage\n`);
  return 2;
}

/** True when argv asks for help (-h or --help before any `--`). */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs `command` (reached as `ecdh-lab NAMES…`) with `argv`: --help prints its help; a usage
 * mistake, from parsing or from `main`, prints one line and a pointer to --help, exit 2.
 */
export async function runCommand(
  names: readonly string[],
  command: Command,
  argv: readonly string[],
): Promise<number> {
  const label = `ecdh-lab ${names.join(' ')}`;
  const subcommands = command.subcommands;
  if (subcommands !== undefined) {
    const [first, ...rest] = argv;
    const choices = Object.keys(subcommands).join(', ');
    if (first === '--help' || first === '-h') {
      process.stdout.write(commandHelp(command));
      return 0;
    }
    const kind = command.subcommandKind ?? 'subcommand';
    if (first === undefined) return usageFailure(label, `which ${kind}? ${choices}`);
    if (!Object.hasOwn(subcommands, first))
      return usageFailure(
        label,
        first.startsWith('-')
          ? `the ${kind} comes first (${choices}), then its options; got '${first}'`
          : `unknown ${kind} '${first}' (one of ${choices})`,
      );
    return runCommand([...names, first], subcommands[first], rest);
  }
  if (wantsHelp(argv)) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const args = parseCommandLine(argv, command.options, command.maxPositionals ?? 0);
    if (command.main === undefined) throw new Error(`${label} has nothing to run`);
    return await command.main(args);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(label, error.message);
    throw error;
  }
}
