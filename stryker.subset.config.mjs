// A subset of `npm run mutate` that fits a short session: DER (src/keys/der.ts) against its own
// tests. `npx stryker run stryker.subset.config.mjs` (the README gives the score it measured).
import base from './stryker.config.mjs';

export default {
  ...base,
  mutate: ['src/keys/der.ts'],
  jest: {
    ...base.jest,
    config: { testMatch: ['**/test/keys/der.test.ts', '**/test/keys/pem.test.ts'] },
  },
  htmlReporter: { fileName: 'reports/mutation/subset.html' },
};
