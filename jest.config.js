import { existsSync } from 'node:fs';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // docs/ holds the tour's runnable examples and their tests.
  roots: [
    '<rootDir>/test',
    ...(existsSync(new URL('./docs', import.meta.url)) ? ['<rootDir>/docs'] : []),
  ],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'CommonJS', moduleResolution: 'bundler', isolatedModules: true } },
    ],
  },
  // Sources import siblings as './x.js' (ESM rules); under Jest they resolve to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Checks the committed Wycheproof files against vectors/wycheproof.lock once, before any
  // suite runs; a missing file or a mismatch stops the run.
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  // Generous for the slowest single test under CI load; a stuck test fails with its name
  // instead of stalling the run.
  testTimeout: 60000,
};
