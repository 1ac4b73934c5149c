/** The suites the channel tests run on (see noise.test.ts). */
import { noiseKeyPair, p256Suite } from '../../src/channel/p256-suite.js';
import type { NoiseKeyPair, NoiseSuite } from '../../src/channel/suite.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { nodeKeyPair, nodeSuite } from './node-suite.js';

export const SUITES: {
  name: string;
  suite: NoiseSuite;
  keyPair: (d: Uint8Array) => NoiseKeyPair;
}[] = [
  { name: 'node:crypto', suite: nodeSuite, keyPair: nodeKeyPair },
  {
    name: 'ecdh-lab (p256Suite)',
    suite: p256Suite,
    keyPair: (d) => noiseKeyPair(PrivateKey.fromRaw(d)),
  },
];
