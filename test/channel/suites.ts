/** The suites the channel tests run on (see noise.test.ts). */
import type { NoiseKeyPair, NoiseSuite } from '../../src/channel/suite.js';
import { nodeKeyPair, nodeSuite } from './node-suite.js';

export const SUITES: { name: string; suite: NoiseSuite; keyPair: (d: Uint8Array) => NoiseKeyPair }[] = [
  { name: 'node:crypto', suite: nodeSuite, keyPair: nodeKeyPair },
];
