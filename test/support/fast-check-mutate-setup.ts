/**
 * fast-check under mutation testing only (stryker.module.config.mjs adds it after
 * fast-check-setup.ts): a property that fails stops at its first counterexample instead of
 * shrinking it. Whether a property fails is unchanged, so a mutant is killed exactly when it
 * would be otherwise; only the minutes spent shrinking a counterexample of a large generated
 * input (which Stryker would count as a timeout) are saved.
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
