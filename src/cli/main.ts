#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `ecdh-lab` command line. Each subcommand lives in its own file beside this one; the
 * list is in ./commands.ts.
 *
 * Output to a closed pipe (`ecdh-lab explain … | head -1`) ends the process quietly with
 * exit code 0, as a Unix filter does: the reader has all it wanted.
 */
import { findCommand, usage } from './commands.js';
import { runCommand, usageFailure } from './command.js';
import { packageVersion } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      process.stdout.write(usage());
      return 0;
    }
    const command = findCommand(rest[0]);
    if (command === undefined) return usageFailure('ecdh-lab', `unknown command '${rest[0]}'`);
    return runCommand([rest[0]], command, [...rest.slice(1), '--help']);
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`ecdh-lab ${packageVersion()}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (command === undefined)
    return usageFailure(
      'ecdh-lab',
      name.startsWith('-') ? `unknown option ${name}` : `unknown command '${name}'`,
    );
  return runCommand([name], command, rest);
}

/** A closed pipe on stdout or stderr: the reader is gone, so stop, successfully and silently. */
function onStreamError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
}
process.stdout.on('error', onStreamError);
process.stderr.on('error', onStreamError);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ecdh-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
