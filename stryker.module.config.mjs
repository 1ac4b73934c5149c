// `npm run mutate` one module group at a time, each against the test files that exercise it
// directly, so that a group fits a short session on a shared machine:
//   MUTATE_MODULE=der npx stryker run stryker.module.config.mjs --incremental --concurrency 1
// The README ("Mutation testing") gives each group's score and how it was run. The incremental
// file (mutation/<group>.incremental.json, committed) lets a rerun test only changed mutants.
//
// Honesty of the score: a group's mutants run only against the test files listed for it, not
// against every test in the suite that reaches the module (the CLI, network, browser and other
// layers' tests are left out for time). A mutant killed only by a left-out test counts here as
// surviving, so each score is a lower bound of the full run's.
//
// Test selection: Jest indexes only its `roots`. Stryker adds the mutated file's folder to them,
// but a test that reaches the module through another src folder (through src/index.ts, say)
// would then not be found by --findRelatedTests. All of src/ is added to the roots here, so
// every listed test file that imports the module, directly or not, runs in the dry run, and
// perTest coverage then gives each mutant every listed test that executes it.
//
// fast-check stops at a property's first counterexample here (test/support/
// fast-check-mutate-setup.ts): the same mutants fail, without minutes of shrinking each.
import base from './stryker.config.mjs';

/** Module groups: the files mutated and the test files run against them. */
export const groups = {
  der: {
    mutate: ['src/keys/der.ts'],
    tests: ['keys/der'],
  },
  validate: {
    mutate: ['src/ecdh/validate.ts', 'src/curve/encoding.ts'],
    tests: ['ecdh/ecdh', 'curve/encoding', 'keys/getters'],
  },
  gcm: {
    mutate: ['src/cipher/gcm.ts', 'src/cipher/gctr.ts'],
    tests: [
      'cipher/gcm',
      'cipher/gctr',
      'cipher/gcm-order',
      'cipher/gcm-tables',
      'cipher/gcm-wycheproof',
    ],
  },
  // ECDSA, in two groups and without the Wycheproof file (1078 verifications, which Jest runs
  // in full for every mutant they execute before a faster file can fail): one group of the three
  // files with it did not fit a session. Its cases are still in the suite, not in these scores.
  'ecdsa-sign': {
    mutate: ['src/ecdsa/ecdsa.ts', 'src/ecdsa/rfc6979.ts'],
    tests: ['ecdsa/ecdsa', 'ecdsa/rfc6979'],
  },
  'ecdsa-signature': {
    mutate: ['src/ecdsa/signature.ts'],
    tests: ['ecdsa/signature'],
  },
  'tls-record': {
    mutate: ['src/tls/record.ts', 'src/tls/handshake-buffer.ts'],
    tests: ['tls/record', 'tls/parsers.property'],
  },
  'tls-messages': {
    mutate: ['src/tls/messages.ts', 'src/tls/extensions.ts'],
    tests: ['tls/messages', 'tls/parsers.property'],
  },
  'x509-asn1': {
    mutate: ['src/x509/asn1.ts'],
    tests: ['x509/asn1'],
  },
  'x509-verify': {
    mutate: ['src/x509/verify.ts'],
    tests: ['x509/verify'],
  },
  'x509-certificate': {
    mutate: ['src/x509/certificate.ts'],
    tests: ['x509/certificate'],
  },
  // The channel state machines, split per file so that each group fits a short session.
  'channel-cipher': {
    mutate: ['src/channel/cipher-state.ts', 'src/channel/symmetric-state.ts'],
    tests: ['channel/cipher-state', 'channel/noise', 'channel/cacophony'],
  },
  'channel-handshake': {
    mutate: ['src/channel/handshake-state.ts'],
    tests: ['channel/handshake-state', 'channel/noise', 'channel/cacophony', 'channel/observe'],
  },
  'channel-noise': {
    mutate: ['src/channel/noise-channel.ts'],
    tests: [
      'channel/noise-channel',
      'channel/noise',
      'channel/cacophony',
      'channel/lifecycle',
      'channel/getters',
    ],
  },
  'channel-tutorial': {
    mutate: ['src/channel/tutorial-channel.ts', 'src/channel/engine-lifecycle.ts'],
    tests: ['channel/tutorial', 'channel/lifecycle', 'channel/getters'],
  },
  // The ladder, split in two: the ladder itself, and the formulas and lazy field arithmetic it
  // runs on. Every ladder property covers every mutant of the second group.
  ladder: {
    mutate: ['src/curve/ladder.ts'],
    tests: ['curve/ladder', 'curve/ladder-edges'],
  },
  'ladder-field': {
    mutate: ['src/curve/coz-xy.ts', 'src/math/field-lazy.ts'],
    tests: ['curve/ladder', 'curve/ladder-edges'],
  },
};

const name = process.env.MUTATE_MODULE;
const group = groups[name];
if (!group) {
  throw new Error(`MUTATE_MODULE must be one of: ${Object.keys(groups).join(', ')}`);
}

export default {
  ...base,
  mutate: group.mutate,
  jest: {
    ...base.jest,
    config: {
      roots: ['<rootDir>/test', '<rootDir>/src'],
      setupFiles: [
        '<rootDir>/test/support/fast-check-setup.ts',
        '<rootDir>/test/support/fast-check-mutate-setup.ts',
      ],
      testMatch: group.tests.map((t) => `**/test/${t}.test.ts`),
    },
  },
  // A group's tests take seconds, not the minute the full suite's slowest test may need; a
  // mutant that loops forever is cut off sooner (and counted as a timeout, reported apart).
  timeoutMS: 10000,
  incrementalFile: `mutation/${name}.incremental.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
};
