/// <reference types="node" />
/**
 * The list of subcommands and the top-level help.
 *
 * To add a command:
 *   1. write src/cli/NAME.ts exporting `defineCommand({ summary, synopsis, description,
 *      options, main })` (see ./command.ts; options are described in ./args.ts);
 *   2. add it to COMMANDS below, where the order is the order of `ecdh-lab --help`;
 *   3. test it under test/cli/ (test/cli/width.test.ts checks its --help automatically).
 * `main` returns the exit code: 0 for success, 1 for a failure it has reported on stderr; a
 * UsageError it throws becomes one line on stderr and exit code 2.
 */
import { WIDTH, wrap } from './args.js';
import { cert } from './cert.js';
import { defineCommand, type Command } from './command.js';
import { connect } from './connect.js';
import { demo } from './demo.js';
import { derive } from './derive.js';
import { explain } from './explain.js';
import { keygen } from './keygen.js';
import { pubkey } from './pubkey.js';
import { serve } from './serve.js';
import { sign, verify } from './signatures.js';
import { playground } from './playground.js';
import { packageVersion } from './version.js';

const version = defineCommand({
  summary: 'print the version of ecdh-lab',
  synopsis: 'version',
  description: 'Prints "ecdh-lab VERSION", the version in the package.json it was installed with.',
  options: {},
  async main() {
    process.stdout.write(`ecdh-lab ${packageVersion()}\n`);
    return 0;
  },
});

export const COMMANDS: Readonly<Record<string, Command>> = Object.freeze({
  demo,
  keygen,
  pubkey,
  derive,
  sign,
  verify,
  cert,
  explain,
  serve,
  connect,
  playground,
  version,
});

/** The command called `name` (own properties only: `__proto__` is no command). */
export function findCommand(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** `ecdh-lab --help`. */
export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 4;
  const rows = names.map((name) => {
    const [first, ...rest] = wrap(COMMANDS[name].summary, WIDTH - 2 - width);
    return [`  ${name.padEnd(width)}${first}`, ...rest.map((l) => ' '.repeat(2 + width) + l)];
  });
  return (
    'usage: ecdh-lab <command> [options]\n\n' +
    'P-256 ECDH and ECDSA, SHA-2, HMAC, HKDF, AES-GCM and X.509 from scratch, explained.\n\n' +
    'commands:\n' +
    rows.flat().join('\n') +
    "\n\nRun 'ecdh-lab <command> --help' for a command's options.\n"
  );
}
