/// <reference types="node" />
/**
 * `ecdh-lab demo` (also `npm start`): the tutorial retold with every intermediate value.
 */
import { defineCommand } from './command.js';
import { demoKeyExchange, demoNoise } from './demo-channel.js';
import { demoHashes } from './demo-hashes.js';

export const demo = defineCommand({
  summary: 'walk through the tutorial, printing every intermediate value',
  synopsis: 'demo',
  description:
    'Hashes, MACs and derives a key from sample inputs; then Alice and Bob generate keys, exchange\n' +
    'them as PEM, agree on a secret, derive a key and encrypt with AES-GCM, printing each value;\n' +
    'then a Noise NN server and client talk over 127.0.0.1, showing the wire bytes.',
  options: {},
  async main() {
    const print = (line: string): void => {
      process.stdout.write(line + '\n');
    };
    demoHashes(print);
    demoKeyExchange(print);
    await demoNoise(print);
    return 0;
  },
});
