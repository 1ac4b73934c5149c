/// <reference types="node" />
/**
 * `ecdh-lab demo [--seed N]` (also `npm start`): the tutorial retold with every intermediate
 * value, then the Noise channel with every value of its handshake.
 */
import { UsageError } from './args.js';
import { defineCommand } from './command.js';
import { demoKeyExchange } from './demo-exchange.js';
import { demoHashes, type Print } from './demo-hashes.js';
import { demoNoise } from './demo-noise.js';
import { seededRandom, systemRandom } from './demo-random.js';

export const demo = defineCommand({
  summary: 'walk through the tutorial, printing every intermediate value',
  synopsis: 'demo [--seed N]',
  description:
    'Hashes, MACs and derives a key from sample inputs; then Alice and Bob generate keys, ' +
    'exchange them as PEM, agree on a secret, derive a key and encrypt with AES-GCM, printing ' +
    'each value; then a Noise NN server and client talk over 127.0.0.1, printing each token of ' +
    'the handshake with the values it changes (e, ee, h, ck, k, the split keys) and every frame.\n\n' +
    'Keys and nonces are random, so every run differs. With --seed N they are derived from N ' +
    'instead and every run prints the same values, to compare with the tour and `ecdh-lab explain`. ' +
    'Seeded keys are for study only: anyone who knows N knows every key.',
  options: {
    seed: {
      type: 'string',
      placeholder: 'N',
      help: 'derive every key and nonce from N (a decimal integer): for study only',
    },
  },
  async main(args) {
    const seed = args.options.seed;
    if (seed !== undefined && !/^\d{1,30}$/.test(seed))
      throw new UsageError(`--seed must be a decimal integer, got '${seed}'`);
    const print: Print = (...lines) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
    };
    const random = seed === undefined ? systemRandom : seededRandom(seed);
    if (seed !== undefined)
      print(
        `Seeded run (--seed ${seed}): every key and nonce below is derived from the seed, so every`,
        'run with this seed prints the same values. These keys are for study only: anyone who',
        'knows the seed knows them.',
        '',
      );
    demoHashes(print);
    demoKeyExchange(print, random);
    await demoNoise(print, random);
    return 0;
  },
});
