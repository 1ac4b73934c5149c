/**
 * One way for every suite to check a refusal: `expectCryptoError(fn, code)` runs `fn`,
 * asserts it threw a CryptoError with one of the given codes (and, optionally, a message
 * matching a pattern), and returns the error for further checks.
 */
import { CryptoError, type CryptoErrorCode } from '../../src/errors';

/** Runs `fn` and returns what it threw (fails the test when it returns normally). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

export function expectCryptoError(
  fn: () => unknown,
  codes: CryptoErrorCode | CryptoErrorCode[],
  message?: RegExp,
): CryptoError {
  const thrown = thrownBy(fn);
  expect(thrown).toBeInstanceOf(CryptoError);
  expect([codes].flat()).toContain((thrown as CryptoError).code);
  if (message) expect((thrown as CryptoError).message).toMatch(message);
  return thrown as CryptoError;
}
