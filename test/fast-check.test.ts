/**
 * The properties reach the ranges their names promise. fast-check 4 sized arrays and strings
 * "small" (about 10 elements) unless told otherwise; test/support/fast-check-setup.ts makes every
 * arbitrary with a maxLength size 'max', in every test file. This file checks that the setting is
 * in force, that the
 * arbitraries of the properties the audit named now reach their stated ranges (the same
 * arbitraries, sampled here with fast-check's own generator), and that every array or string
 * arbitrary under test/ and docs/ states a maxLength (an unbounded one would stay "small").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

const ROOT = path.resolve(__dirname, '..');
const sample = <T>(arb: fc.Arbitrary<T>) => fc.sample(arb, { numRuns: 300, seed: 42 });
const longest = (xs: { length: number }[]) => Math.max(...xs.map((x) => x.length));

describe("fast-check sizes every bounded arbitrary 'max'", () => {
  it('the setup file set it', () => {
    expect(fc.readConfigureGlobal().defaultSizeToMaxWhenMaxSpecified).toBe(true);
  });
  it.each([
    // [property, its arbitrary's maxLength]
    ['SHA-256 / SHA-512 messages and streaming chunkings (hash/)', 600],
    ['HMAC keys longer than a block, messages (mac/)', 200],
    ['HKDF IKM (kdf/)', 80],
    ['PEM bodies (keys/pem.test.ts)', 300],
    ['DER OCTET STRINGs (keys/der.test.ts)', 300],
    ['base64 inputs (bytes/base64.test.ts)', 200],
    ['byte-queue chunks (channel/)', 3000],
  ] as const)('%s: lengths reach the top of [0, %i]', (_name, max) => {
    const lengths = sample(fc.uint8Array({ maxLength: max })).map((b) => b.length);
    expect(Math.max(...lengths)).toBeGreaterThan(0.9 * max);
    // and spread over the range, not only at its ends
    expect(lengths.filter((l) => l > 0.25 * max && l < 0.75 * max).length).toBeGreaterThan(50);
  });
  it('HMAC: more than a third of the keys are longer than SHA-256’s 64-byte block (the hashed-key path)', () => {
    const keys = sample(fc.uint8Array({ maxLength: 200 }));
    expect(keys.filter((k) => k.length > 64).length).toBeGreaterThan(100);
  });
  it('the byte queue’s operation lists and the nonce set’s histories grow to their maxima', () => {
    expect(longest(sample(fc.array(fc.nat(), { maxLength: 60 })))).toBeGreaterThan(50);
    expect(longest(sample(fc.array(fc.boolean(), { maxLength: 300 })))).toBeGreaterThan(250);
  });
});

describe('every array or string arbitrary states its maxLength', () => {
  const sizeBased =
    /fc\.(uint8Array|array|string|uniqueArray|subarray|shuffledSubarray|stringMatching|dictionary|object|anything|json|jsonValue|sparseArray|base64String|mixedCase|set)\(/g;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'test'));
  walk(path.join(ROOT, 'docs'));
  it('in test/ and docs/', () => {
    const unbounded: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes("from 'fast-check'")) continue;
      for (const m of text.matchAll(sizeBased)) {
        // the call's own argument list, up to its closing parenthesis
        let depth = 1;
        let i = m.index! + m[0].length;
        while (depth > 0 && i < text.length) {
          if (text[i] === '(') depth++;
          else if (text[i] === ')') depth--;
          i++;
        }
        const call = text.slice(m.index!, i);
        // the last argument is the constraints object: it must name maxLength (or be 'max'-free
        // by construction: a fixed length, minLength = maxLength)
        const own = call.slice(call.lastIndexOf('{'));
        if (!/maxLength/.test(own))
          unbounded.push(
            `${path.relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`,
          );
      }
    }
    expect(unbounded).toEqual([]);
  });
});
