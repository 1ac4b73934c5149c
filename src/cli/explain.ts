/// <reference types="node" />
/**
 * `ecdh-lab explain <topic>`: a computation printed step by step with every intermediate value
 * (the traces themselves are pure functions in src/explain/). `--json` prints the same data
 * for tools: bigints as decimal strings, bytes as hex, the point at infinity as null.
 */
import { hexToBytes } from '../bytes/hex.js';
import { utf8ToBytes } from '../bytes/bytes.js';
import type { Curve } from '../curve/affine.js';
import { P256 } from '../curve/p256.js';
import { TOY } from '../curve/toy.js';
import { renderAes, traceAes } from '../explain/aes.js';
import { demoScalar, renderEcdh, traceEcdh } from '../explain/ecdh.js';
import { renderInverse, traceInverse } from '../explain/field.js';
import { toJson } from '../explain/format.js';
import { renderHkdf, traceHkdf } from '../explain/hkdf.js';
import { renderLadder, traceLadder } from '../explain/ladder.js';
import { UsageError, type ParsedArgs } from './args.js';
import { commandHelp, type Command } from './command.js';

interface Topic {
  synopsis: string;
  help: string;
  run(args: ParsedArgs): { lines: string[]; data: unknown };
}

function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

function parseCurve(args: ParsedArgs): 'toy' | 'p256' {
  const value = option(args, 'curve') ?? 'toy';
  if (value !== 'toy' && value !== 'p256')
    throw new UsageError(`--curve must be toy or p256, got '${value}'`);
  return value;
}

function parseInteger(text: string, name: string): bigint {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(text))
    throw new UsageError(`--${name} must be a decimal or 0x-hex integer, got '${text}'`);
  return BigInt(text);
}

function parseHex(text: string | undefined, name: string): Uint8Array | undefined {
  if (text === undefined) return undefined;
  const clean = text.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean))
    throw new UsageError(`--${name} must be hex with an even number of digits`);
  return hexToBytes(clean);
}

const CURVES: Record<'toy' | 'p256', Curve> = { toy: TOY, p256: P256 };

const topics: Record<string, Topic> = {
  ladder: {
    synopsis: 'ladder [--scalar N] [--curve toy|p256] [--full N]',
    help:
      "k·G by the Montgomery ladder: each iteration's bit, swap, R0 = j·G and R1 = (j+1)·G, and a check of R1 − R0 = G. " +
      'Default scalar: 13 on the toy curve, a fixed demo scalar on P-256 (whose first --full iterations are shown, then a summary).',
    run(args) {
      const curve = parseCurve(args);
      const text = option(args, 'scalar');
      const k =
        text === undefined
          ? curve === 'toy'
            ? 13n
            : demoScalar('ecdh-lab Alice')
          : parseInteger(text, 'scalar');
      const bits = CURVES[curve].n!.toString(2).length;
      if (k >= 1n << BigInt(bits))
        throw new UsageError(`--scalar must be below 2^${bits} on this curve`);
      const full = parseInteger(option(args, 'full') ?? '3', 'full');
      const trace = traceLadder(k, undefined, CURVES[curve]);
      return { lines: renderLadder(trace, Number(full)), data: trace };
    },
  },
  ecdh: {
    synopsis: 'ecdh [--curve toy|p256]',
    help:
      'Alice and Bob exchange public keys and compute the same point (dA·dB)·G, with fixed, published demo scalars; ' +
      "on P-256 also the 32-byte shared secret and the tutorial's HKDF key. Without --curve: both curves.",
    run(args) {
      const which =
        option(args, 'curve') === undefined ? (['toy', 'p256'] as const) : [parseCurve(args)];
      const traces = which.map((c) => traceEcdh(c));
      const lines = traces.flatMap((t, i) => (i === 0 ? renderEcdh(t) : ['', ...renderEcdh(t)]));
      return { lines, data: traces.length === 1 ? traces[0] : { toy: traces[0], p256: traces[1] } };
    },
  },
  hkdf: {
    synopsis: 'hkdf --ikm HEX [--salt HEX] [--info TEXT] [--length N]',
    help:
      'HKDF-SHA256 (RFC 5869): PRK = HMAC(salt, IKM), then each T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i). ' +
      '--info is UTF-8 text (use --info-hex for bytes); no --salt means 32 zero bytes.',
    run(args) {
      const ikm = parseHex(option(args, 'ikm'), 'ikm');
      if (ikm === undefined) throw new UsageError('hkdf needs --ikm HEX');
      const infoHex = parseHex(option(args, 'info-hex'), 'info-hex');
      const info = infoHex ?? utf8ToBytes(option(args, 'info') ?? '');
      const length = Number(parseInteger(option(args, 'length') ?? '32', 'length'));
      if (length > 8160) throw new UsageError('--length must be at most 8160 (255·32)');
      const trace = traceHkdf(ikm, parseHex(option(args, 'salt'), 'salt'), info, length);
      return { lines: renderHkdf(trace), data: trace };
    },
  },
  aes: {
    synopsis: 'aes --key HEX --block HEX',
    help:
      'One AES block encryption (FIPS 197), printing the state after each round function: SubBytes, ShiftRows, ' +
      'MixColumns, AddRoundKey. Key: 16, 24 or 32 bytes; block: 16 bytes. Example: FIPS 197 Appendix C.1, ' +
      '--key 000102030405060708090a0b0c0d0e0f --block 00112233445566778899aabbccddeeff.',
    run(args) {
      const key = parseHex(option(args, 'key'), 'key');
      const block = parseHex(option(args, 'block'), 'block');
      if (key === undefined || block === undefined)
        throw new UsageError('aes needs --key HEX and --block HEX');
      if (![16, 24, 32].includes(key.length))
        throw new UsageError('--key must be 16, 24 or 32 bytes');
      if (block.length !== 16) throw new UsageError('--block must be 16 bytes');
      const trace = traceAes(key, block);
      return { lines: renderAes(trace), data: trace };
    },
  },
  field: {
    synopsis: 'field [--value N] [--curve toy|p256]',
    help:
      "The inverse of N modulo p (toy: 223; p256: P-256's p) by Fermat (a^(p−2), square-and-multiply) and by the " +
      'extended Euclidean algorithm, side by side. Default N: 17.',
    run(args) {
      const curve = parseCurve(args);
      const a = parseInteger(option(args, 'value') ?? '17', 'value');
      if (a % CURVES[curve].p === 0n)
        throw new UsageError('--value must not be a multiple of p: 0 has no inverse');
      const trace = traceInverse(a, CURVES[curve].p);
      return { lines: renderInverse(trace), data: trace };
    },
  },
};

const topicHelp = Object.entries(topics)
  .map(([, t]) => `  explain ${t.synopsis}\n${wrap(t.help, 6)}`)
  .join('\n\n');

function wrap(text: string, indent: number): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length + word.length + 1 > 92 - indent && line !== '') {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

export const explain: Command = {
  summary: 'print a computation step by step (ladder, ecdh, hkdf, aes, field)',
  synopsis: `explain <topic> [options]   topics: ${Object.keys(topics).join(', ')}`,
  description:
    'Prints a computation with every intermediate value, recomputed and checked against the library.\n' +
    'Use --json for the same data as JSON (bigints as decimal strings, bytes as hex, O as null).\n\n' +
    'topics:\n' +
    topicHelp,
  options: {
    curve: {
      type: 'string',
      help: 'toy (y² = x³ − 3x + 8 over F_223) or p256',
      placeholder: 'toy|p256',
    },
    scalar: { type: 'string', help: 'ladder: the scalar k (decimal or 0x-hex)', placeholder: 'N' },
    full: {
      type: 'string',
      help: 'ladder on p256: iterations shown in full (default 3)',
      placeholder: 'N',
    },
    value: { type: 'string', help: 'field: the value to invert (default 17)', placeholder: 'N' },
    ikm: { type: 'string', help: 'hkdf: input keying material', placeholder: 'HEX' },
    salt: { type: 'string', help: 'hkdf: salt (default: 32 zero bytes)', placeholder: 'HEX' },
    info: { type: 'string', help: 'hkdf: context, as UTF-8 text', placeholder: 'TEXT' },
    'info-hex': { type: 'string', help: 'hkdf: context, as hex bytes', placeholder: 'HEX' },
    length: { type: 'string', help: 'hkdf: output length in bytes (default 32)', placeholder: 'N' },
    key: { type: 'string', help: 'aes: the key, 16, 24 or 32 bytes', placeholder: 'HEX' },
    block: { type: 'string', help: 'aes: the 16-byte block to encrypt', placeholder: 'HEX' },
    json: { type: 'boolean', help: 'print the data as JSON instead of text' },
  },
  maxPositionals: 1,
  async main(args) {
    const name = args.positionals[0];
    const topic = name === undefined ? undefined : topics[name];
    let result: { lines: string[]; data: unknown };
    try {
      if (topic === undefined) {
        throw new UsageError(
          name === undefined
            ? `which topic? ${Object.keys(topics).join(', ')}`
            : `unknown topic '${name}'`,
        );
      }
      result = topic.run(args);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`ecdh-lab explain: ${error.message}\n\n${commandHelp(explain)}`);
      return 2;
    }
    const { lines, data } = result;
    process.stdout.write((args.options.json === true ? toJson(data) : lines.join('\n')) + '\n');
    return 0;
  },
};
