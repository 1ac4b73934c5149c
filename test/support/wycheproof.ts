/**
 * The one Wycheproof loader every suite uses (source: C2SP/wycheproof, testvectors_v1/,
 * at the commit pinned in vectors/wycheproof.lock). The files are committed gzipped under
 * vectors/wycheproof/; global-setup.cjs checks each one's SHA-256 before any suite runs.
 *
 * A suite declares a *flag policy*: every flag it knows, with a sentence saying how it is
 * treated. Loading fails on a flag the policy does not know, so a new upstream flag cannot
 * slip through unexamined. Each case is named "file #tcId comment"; a suite counts what
 * happened to each case with a `CaseTally` and asserts, in its last test, how many cases ran to
 * the end of their assertions and how many it skipped (`expectSkipped`).
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

/**
 * What a suite did with its cases: `decided(c)` at the end of a case's test (after all its
 * assertions passed), `skipped(c, reason)` for a case the suite does not run. Jest runs the tests
 * of a file in order, so a last test calling `expectSkipped` sees every case: a case that
 * failed, was skipped silently or was never reached makes the counts disagree.
 */
export class CaseTally {
  readonly #decided = new Set<number>();
  readonly #skipped = new Map<number, string>();

  decided(c: { tcId: number }): void {
    this.#decided.add(c.tcId);
  }

  skipped(c: { tcId: number }, reason: string): void {
    this.#skipped.set(c.tcId, reason);
  }

  /** The reasons of the skipped cases, by tcId. */
  get skips(): ReadonlyMap<number, string> {
    return this.#skipped;
  }

  /** Asserts that exactly `count` of the `total` cases were skipped and all others decided. */
  expectSkipped(count: number, total: number): void {
    expect({ decided: this.#decided.size, skipped: this.#skipped.size }).toEqual({
      decided: total - count,
      skipped: count,
    });
  }
}

/** Decodes Wycheproof hex (possibly empty). */
export function hex(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new Error('wycheproof: expected a hex string');
  return Uint8Array.from(Buffer.from(value, 'hex'));
}
