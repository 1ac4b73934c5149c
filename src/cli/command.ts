/// <reference types="node" />
/**
 * The shape every subcommand has, and the shared runner that turns usage errors into
 * exit code 2 with the command's help.
 */
import { formatOptions, parseArgs, UsageError, type OptionSpecs, type ParsedArgs } from './args.js';

export interface Command {
  /** One line for the command list. */
  summary: string;
  /** The synopsis, e.g. "keygen [--out FILE]". */
  synopsis: string;
  /** A paragraph explaining the command (printed by --help). */
  description: string;
  options: OptionSpecs;
  maxPositionals?: number;
  /** Runs with parsed arguments and returns the exit code. */
  main(args: ParsedArgs): Promise<number>;
}

export function commandHelp(command: Command): string {
  return `usage: ecdh-lab ${command.synopsis}\n\n${command.description}\n\noptions:\n${formatOptions(
    {
      ...command.options,
      help: { type: 'boolean', help: 'show this help' },
    },
  )}`;
}

/** Parses argv for `command` and runs it; --help prints the help, usage errors (from parsing or from main) exit 2. */
export async function runCommand(name: string, command: Command, argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const args: ParsedArgs = parseArgs(argv, command.options, command.maxPositionals ?? 0);
    return await command.main(args); // main may throw UsageError too (e.g. a missing required option)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ecdh-lab ${name}: ${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    throw error;
  }
}
