/**
 * The `--curve p256|x25519` flag of keygen, serve and connect: its spellings on the command
 * line, and the library's names for them (KeyCurve).
 */
import type { KeyCurve } from '../keys/key-curve.js';

/** The values `--curve` takes, the default first. */
export const CLI_CURVES = ['p256', 'x25519'] as const;
export type CliCurve = (typeof CLI_CURVES)[number];

/** The library's name for a `--curve` value: 'P-256' or 'X25519'. */
export function keyCurve(curve: CliCurve): KeyCurve {
  return curve === 'x25519' ? 'X25519' : 'P-256';
}
