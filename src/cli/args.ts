/// <reference types="node" />
/**
 * A small, strict option parser for the CLI: `--name value`, `--name=value` and boolean
 * `--flag`. Unknown options, missing values and stray arguments are errors (exit 2), never
 * ignored.
 */

export interface OptionSpec {
  /** 'string' takes a value; 'boolean' is a flag. */
  type: 'string' | 'boolean';
  /** One line for --help. */
  help: string;
  /** The value's placeholder in --help, e.g. FILE. */
  placeholder?: string;
  default?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Thrown for a usage error; the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` against `specs`.
 * @throws UsageError for an unknown option, a missing value, or too many positionals
 */
export function parseArgs(argv: string[], specs: OptionSpecs, maxPositionals = 0): ParsedArgs {
  const options: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = spec.type === 'boolean' ? false : spec.default;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (spec === undefined) throw new UsageError(`unknown option --${name}`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  if (positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument '${positionals[maxPositionals]}'`);
  return { options, positionals };
}

/** Formats the options table for --help. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `  --${name}${spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : ''}`;
    const right = spec.help + (spec.default !== undefined ? ` (default: ${spec.default})` : '');
    return [left, right] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => left.padEnd(width) + right).join('\n') + '\n';
}
