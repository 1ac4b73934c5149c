/**
 * AES, traced: the state after each round function (FIPS 197 §5.1), with the reference round
 * functions of src/cipher/aes-reference.ts, checked against the reference and the fast path.
 *
 *   round 0:        AddRoundKey
 *   rounds 1 … Nr−1: SubBytes, ShiftRows, MixColumns, AddRoundKey
 *   round Nr:       SubBytes, ShiftRows, AddRoundKey               (Nr = 10, 12, 14)
 *
 * States are printed as FIPS 197 Appendix B/C prints them: the 16 bytes column by column.
 *
 * Deliberately not here: decryption, or any protection of the key (this prints it).
 */
import { bytesToHex } from '../bytes/hex.js';
import { createAes } from '../cipher/aes.js';
import {
  addRoundKey,
  aesEncryptBlockReference,
  keyExpansion,
  mixColumns,
  roundCount,
  shiftRows,
  subBytes,
  type State,
} from '../cipher/aes-reference.js';
import { groupHex } from './format.js';

export interface AesStep {
  readonly round: number;
  readonly operation: 'AddRoundKey' | 'SubBytes' | 'ShiftRows' | 'MixColumns';
  /** The state after the operation, as 16 bytes column by column. */
  readonly state: Uint8Array;
}

export interface AesTrace {
  readonly key: Uint8Array;
  readonly input: Uint8Array;
  readonly rounds: number;
  readonly steps: readonly AesStep[];
  readonly output: Uint8Array;
  readonly check: { readonly against: string; readonly equal: boolean };
}

const toState = (b: Uint8Array): State =>
  [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => b[r + 4 * c]));
const fromState = (s: State): Uint8Array =>
  Uint8Array.from({ length: 16 }, (_, i) => s[i % 4][Math.floor(i / 4)]);

/**
 * Encrypts one block, recording the state after every round function.
 * @param key - 16, 24 or 32 bytes
 * @param input - one 16-byte block
 * @throws RangeError for a wrong key or block length
 * @example traceAes(key, block).output // FIPS 197 C.1: 69c4e0d8…
 */
export function traceAes(key: Uint8Array, input: Uint8Array): AesTrace {
  const expected = aesEncryptBlockReference(input, key); // checks the arguments
  const w = keyExpansion(key);
  const Nr = roundCount(key.length / 4);
  const steps: AesStep[] = [];
  let s = addRoundKey(toState(input), w, 0);
  steps.push({ round: 0, operation: 'AddRoundKey', state: fromState(s) });
  for (let round = 1; round <= Nr; round++) {
    s = subBytes(s);
    steps.push({ round, operation: 'SubBytes', state: fromState(s) });
    s = shiftRows(s);
    steps.push({ round, operation: 'ShiftRows', state: fromState(s) });
    if (round < Nr) {
      s = mixColumns(s);
      steps.push({ round, operation: 'MixColumns', state: fromState(s) });
    }
    s = addRoundKey(s, w, round);
    steps.push({ round, operation: 'AddRoundKey', state: fromState(s) });
  }
  const output = fromState(s);
  const fast = createAes(key).encryptBlock(input);
  const equal =
    bytesToHex(output) === bytesToHex(expected) && bytesToHex(output) === bytesToHex(fast);
  return {
    key,
    input,
    rounds: Nr,
    steps,
    output,
    check: { against: 'aesEncryptBlockReference and the T-table createAes', equal },
  };
}

/**
 * The trace as text lines.
 * @example renderAes(traceAes(key, block)).join('\n')
 */
export function renderAes(t: AesTrace): string[] {
  const lines = [
    `AES-${t.key.length * 8} (FIPS 197), ${t.rounds} rounds; states column by column`,
    `key     ${groupHex(t.key)}`,
    `input   ${groupHex(t.input)}`,
    '',
  ];
  let last = -1;
  for (const step of t.steps) {
    const label = step.round === last ? '        ' : `round ${String(step.round).padStart(2)}`;
    last = step.round;
    lines.push(`${label}  ${step.operation.padEnd(11)}  ${groupHex(step.state)}`);
  }
  lines.push(
    '',
    `output  ${groupHex(t.output)}`,
    `agrees with ${t.check.against}: ${t.check.equal ? 'yes' : 'NO'}`,
  );
  return lines;
}
