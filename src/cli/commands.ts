/// <reference types="node" />
/**
 * The list of subcommands. Each lives in its own file; add new ones here.
 */
import { runCommand, type Command } from './command.js';
import { demo } from './demo.js';
import { derive } from './derive.js';
import { explain } from './explain.js';
import { keygen } from './keygen.js';
import { pubkey } from './pubkey.js';
import { serve } from './serve.js';
import { connect } from './connect.js';
import { playground } from './playground.js';

const registry: Record<string, Command> = {
  demo,
  keygen,
  pubkey,
  derive,
  explain,
  serve,
  connect,
  playground,
};

export const VERSION = '0.1.0';

export const commands: Record<string, { summary: string; run(argv: string[]): Promise<number> }> = {
  version: {
    summary: `ecdh-lab ${VERSION}`,
    run: async () => {
      process.stdout.write(`ecdh-lab ${VERSION}\n`);
      return 0;
    },
  },
};
for (const [name, command] of Object.entries(registry)) {
  commands[name] = { summary: command.summary, run: (argv) => runCommand(name, command, argv) };
}

export function usage(): string {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((n) => n.length)) + 4;
  return (
    'usage: ecdh-lab <command> [options]\n\n' +
    'P-256 ECDH, SHA-256, HMAC, HKDF and AES-GCM from scratch, explained.\n\ncommands:\n' +
    names.map((n) => `  ${n.padEnd(width)}${registry[n].summary}`).join('\n') +
    "\n\nRun `ecdh-lab <command> --help` for a command's options.\n"
  );
}
