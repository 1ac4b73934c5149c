// StrykerJS over the security-critical modules: `npm run mutate` (long: not part of npm test).
// Each mutant is one small bug; the suite must fail for it. The score and what was run are in
// the README ("Mutation testing"). One module group at a time, against its own tests:
// stryker.module.config.mjs.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // --findRelatedTests finds only the tests whose imports Jest can follow inside its roots:
  // with jest.config.js's roots (test/, docs/) plus the mutated file's folder, which Stryker
  // adds, a test that reaches a module through another src folder (src/index.ts, say) would not
  // run for its mutants. So all of src/ is a root here.
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: true,
    config: { roots: ['<rootDir>/test', '<rootDir>/docs', '<rootDir>/src'] },
  },
  coverageAnalysis: 'perTest',
  mutate: [
    // GCM
    'src/cipher/gcm.ts',
    'src/cipher/gctr.ts',
    // ECDH validation and the point decoder
    'src/ecdh/validate.ts',
    'src/ecdh/ecdh.ts',
    'src/curve/encoding.ts',
    // DER
    'src/keys/der.ts',
    // the ladder, its (X, Y)-only co-Z formulas and its lazy field arithmetic
    'src/curve/ladder.ts',
    'src/curve/coz-xy.ts',
    'src/math/field-lazy.ts',
    // the channel state machines
    'src/channel/cipher-state.ts',
    'src/channel/symmetric-state.ts',
    'src/channel/handshake-state.ts',
    'src/channel/noise-channel.ts',
    'src/channel/tutorial-channel.ts',
    'src/channel/engine-lifecycle.ts',
    // ECDSA
    'src/ecdsa/ecdsa.ts',
    'src/ecdsa/signature.ts',
    'src/ecdsa/rfc6979.ts',
    // X.509 parsing and path validation
    'src/x509/asn1.ts',
    'src/x509/certificate.ts',
    'src/x509/verify.ts',
    // TLS record and handshake parsing
    'src/tls/record.ts',
    'src/tls/handshake-buffer.ts',
    'src/tls/messages.ts',
    'src/tls/extensions.ts',
  ],
  // The sandbox needs the sources, the tests, their vectors and the docs the tests read.
  ignorePatterns: ['dist', 'coverage', 'bench/results', '.stryker-tmp', 'reports'],
  tempDirName: '.stryker-tmp',
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 80, break: null },
};
