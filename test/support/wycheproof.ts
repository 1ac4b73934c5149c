/**
 * The one Wycheproof loader every suite uses (source: C2SP/wycheproof, testvectors_v1/,
 * at the commit pinned in vectors/wycheproof.lock). The files are committed gzipped under
 * vectors/wycheproof/; global-setup.cjs checks each one's SHA-256 before any suite runs.
 *
 * A suite declares a *flag policy*: every flag it knows, with a sentence saying how it is
 * treated. Loading fails on a flag the policy does not know, so a new upstream flag cannot
 * slip through unexamined. Each case is named "file #tcId comment"; suites assert how many
 * cases they skip (see `expectSkipped`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export type WycheproofResult = 'valid' | 'invalid' | 'acceptable';

export interface WycheproofTest {
  tcId: number;
  comment: string;
  flags: string[];
  result: WycheproofResult;
  [field: string]: unknown;
}

export interface WycheproofGroup {
  type: string;
  tests: WycheproofTest[];
  [field: string]: unknown;
}

export interface WycheproofCase<G = Record<string, unknown>, T = Record<string, unknown>> {
  /** "file #tcId comment", used as the jest test name. */
  name: string;
  tcId: number;
  comment: string;
  flags: string[];
  result: WycheproofResult;
  group: G & WycheproofGroup;
  test: T & WycheproofTest;
}

/** Flag name → how this suite treats it (documentation that the loader enforces). */
export type FlagPolicy = Record<string, string>;

/** Where the committed (gzipped) Wycheproof files live. */
export const WYCHEPROOF_DIR = path.resolve(__dirname, '..', '..', 'vectors', 'wycheproof');

/**
 * Loads `file` and flattens its groups into cases.
 * @throws when the file is missing (never a silent skip) or a case has a flag `policy` does not list
 */
export function loadWycheproof<G = Record<string, unknown>, T = Record<string, unknown>>(
  file: string,
  policy: FlagPolicy,
): { algorithm: string; numberOfTests: number; cases: WycheproofCase<G, T>[] } {
  const full = path.join(WYCHEPROOF_DIR, `${file}.gz`);
  if (!fs.existsSync(full))
    throw new Error(`wycheproof: ${full} not found (see vectors/README.md)`);
  const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(full)).toString('utf8')) as {
    algorithm: string;
    numberOfTests: number;
    testGroups: WycheproofGroup[];
  };
  const cases: WycheproofCase<G, T>[] = [];
  for (const group of json.testGroups) {
    for (const test of group.tests) {
      for (const flag of test.flags) {
        if (!(flag in policy))
          throw new Error(
            `wycheproof: ${file} #${test.tcId} has flag ${flag}, which the suite's policy does not know`,
          );
      }
      cases.push({
        name: `${file} #${test.tcId} ${test.comment}`.trim(),
        tcId: test.tcId,
        comment: test.comment,
        flags: test.flags,
        result: test.result,
        group: group as G & WycheproofGroup,
        test: test as T & WycheproofTest,
      });
    }
  }
  if (cases.length !== json.numberOfTests)
    throw new Error(
      `wycheproof: ${file} declares ${json.numberOfTests} tests, found ${cases.length}`,
    );
  return { algorithm: json.algorithm, numberOfTests: json.numberOfTests, cases };
}

/** Decodes Wycheproof hex (possibly empty). */
export function hex(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new Error('wycheproof: expected a hex string');
  return Uint8Array.from(Buffer.from(value, 'hex'));
}
