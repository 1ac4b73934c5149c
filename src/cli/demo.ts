/// <reference types="node" />
/**
 * `ecdh-lab demo` (also `npm start`): the tutorial retold with every intermediate value.
 */
import type { Command } from './command.js';
import { demoHashes } from './demo-hashes.js';

export const demo: Command = {
  summary: 'walk through the tutorial, printing every intermediate value',
  synopsis: 'demo',
  description: 'Hashes, MACs and derives a key from sample inputs, printing each value.',
  options: {},
  async main() {
    const print = (line: string): void => {
      process.stdout.write(line + '\n');
    };
    demoHashes(print);
    return 0;
  },
};
