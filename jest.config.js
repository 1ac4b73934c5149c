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
  // The tour's examples import the package by name, as a user does: under Jest the names map
  // to the entry points in src/ (`npm run example` runs them against dist/ instead).
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^ecdh-lab$': '<rootDir>/src/index.ts',
    '^ecdh-lab/(math|noise|node|x509|tls)$': '<rootDir>/src/$1.ts',
  },
  // Checks the committed Wycheproof files against vectors/wycheproof.lock once, before any
  // suite runs; a missing file or a mismatch stops the run.
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  // fast-check generates up to each arbitrary's maxLength (baseSize 'max'), in every file.
  setupFiles: ['<rootDir>/test/support/fast-check-setup.ts'],
  // Generous for the slowest single test under CI load; a stuck test fails with its name
  // instead of stalling the run.
  testTimeout: 60000,
  // Each file's start and result, for npm test's runner (test/support/run-jest.mjs), which
  // names a file that gives no result in 15 min and stops the run instead of hanging.
  reporters: ['default', '<rootDir>/test/support/test-file-log.cjs'],
  // Two workers, each test file in a worker process, also on a 2-core machine (where Jest
  // would otherwise run every file in its own process, one after another).
  maxWorkers: 2,
};
