/// <reference types="node" />
/**
 * `ecdh-lab demo` (also `npm start`): the tutorial retold with every intermediate value.
 */
import type { Command } from './command.js';
import { bytesToHex, utf8ToBytes } from '../bytes/index.js';

export const demo: Command = {
  summary: 'walk through the tutorial, printing every intermediate value',
  synopsis: 'demo',
  description: 'Hashes, MACs and derives a key from sample inputs, printing each value.',
  options: {},
  async main() {
    const message = utf8ToBytes('hello, ecdh-lab');
    process.stdout.write(`message (utf-8): ${bytesToHex(message)}\n`);
    return 0;
  },
};
