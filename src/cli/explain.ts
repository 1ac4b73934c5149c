/// <reference types="node" />
/**
 * `ecdh-lab explain <topic>`: a computation printed step by step with every intermediate value
 * (the traces themselves are pure functions in src/explain/). `--json` prints the same data
 * for tools: bigints as decimal strings, bytes as hex, the point at infinity as null.
 *
 * Each topic is a subcommand with its own options: an option another topic uses is refused.
 */
import * as net from 'node:net';
import type { Curve } from '../curve/affine.js';
import { P256 } from '../curve/p256.js';
import { TOY } from '../curve/toy.js';
import { renderAes, traceAes } from '../explain/aes.js';
import { demoScalar, renderEcdh, traceEcdh } from '../explain/ecdh.js';
import { renderEcdsa, traceEcdsa } from '../explain/ecdsa.js';
import { renderInverse, traceInverse } from '../explain/field.js';
import { toJson } from '../explain/format.js';
import { renderHkdf, traceHkdf } from '../explain/hkdf.js';
import { renderLadder, traceLadder } from '../explain/ladder.js';
import { renderX25519Ladder, traceX25519Ladder } from '../explain/x25519-ladder.js';
import { decodeLittleEndian } from '../x25519/field.js';
import { hexToBytes } from '../bytes/index.js';
import {
  renderTls,
  type TlsExplainTransport,
  type TlsHandshakeTrace,
  traceTlsInProcess,
  traceTlsOver,
} from '../explain/tls.js';
import { readCertificates } from './cert-files.js';
import { CommandError } from './key-files.js';
import { connectFailure } from './network-errors.js';
import {
  bigintOption,
  choiceOption,
  hexOption,
  integerOption,
  refuseOption,
  requireOption,
  UsageError,
  type ParsedArgs,
} from './args.js';
import { defineCommand, type Command } from './command.js';
import { INFO_OPTIONS, infoOption } from './info-options.js';

const CURVES: Record<'toy' | 'p256', Curve> = { toy: TOY, p256: P256 };
const CURVE_NAMES = ['toy', 'p256'] as const;

const CURVE = {
  type: 'string',
  placeholder: 'toy|p256',
  help: 'toy (y² = x³ − 3x + 8 over F_223) or p256',
} as const;
const JSON_FLAG = { type: 'boolean', help: 'print the data as JSON instead of text' } as const;

/** Prints a trace as text, or its data as JSON with --json. */
function show(
  args: ParsedArgs<{ json: typeof JSON_FLAG }>,
  lines: string[],
  data: unknown,
): number {
  process.stdout.write(`${args.options.json ? toJson(data) : lines.join('\n')}\n`);
  return 0;
}

/**
 * The default X25519 scalar: RFC 7748 §6.1's published example private key of Alice, read
 * little-endian as X25519 reads its 32 bytes, so the result is her published public key.
 */
const RFC7748_ALICE = decodeLittleEndian(
  hexToBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
);

const LADDER_CURVES = ['toy', 'p256', 'x25519'] as const;

const ladder = defineCommand({
  summary:
    "k·G by the Montgomery ladder: each iteration's bit, swap, R0 = j·G and R1 = (j+1)·G, and a " +
    'check of R1 − R0 = G. Default scalar: 13 on the toy curve, a fixed demo scalar on P-256 ' +
    "(whose first --full iterations are shown, then a summary); --curve x25519 traces RFC 7748's " +
    'x-only ladder with every cswap.',
  synopsis: 'explain ladder [--scalar N] [--curve toy|p256|x25519] [--full N] [--json]',
  description:
    'Computes k·G with the Montgomery ladder and prints every iteration: the key bit, the swap, R0 = j·G and R1 = (j+1)·G, and a check of the invariant R1 − R0 = G. On the toy curve every iteration is a row of one table; on P-256 the first --full iterations are shown in full and the rest summarised.\n\n' +
    "With --curve x25519 it traces X25519's ladder on Curve25519 (RFC 7748 §5): the scalar is clamped (bits 0-2 and 255 cleared, bit 254 set), then 255 steps run whatever k is, on u-coordinates only. Each step shows the key bit, the cswap (RFC 7748 swaps by previous bit ⊕ k_t and never swaps back), the projective registers (x2 : z2) and (x3 : z3), R0 = j·B and R1 = (j+1)·B, and the invariant R1 − R0 = B checked against the affine group law; then every step's k_t and cswap bit, the last cswap and the final division x2 · z2^(p−2). The default scalar is Alice's published example key of RFC 7748 §6.1 (as a little-endian integer), so the result is her public key 8520f009…4e6a.\n\n" +
    '  ecdh-lab explain ladder --curve x25519 --full 2',
  options: {
    scalar: {
      type: 'string',
      placeholder: 'N',
      help: 'the scalar k, decimal or 0x-hex (default: 13 on toy, a fixed demo scalar on p256, RFC 7748 §6.1 Alice on x25519)',
    },
    curve: {
      type: 'string',
      placeholder: 'toy|p256|x25519',
      help: 'toy (y² = x³ − 3x + 8 over F_223), p256, or x25519 (Curve25519, x-only)',
      default: 'toy',
    },
    full: {
      type: 'string',
      placeholder: 'N',
      help: 'p256, x25519: iterations shown in full (default 3)',
    },
    json: JSON_FLAG,
  },
  async main(args) {
    const curve = choiceOption(args, 'curve', LADDER_CURVES)!;
    if (curve === 'toy') refuseOption(args, 'full', 'on the toy curve (every iteration is shown)');
    if (curve === 'x25519') {
      const k = bigintOption(args, 'scalar') ?? RFC7748_ALICE;
      if (k >= 1n << 256n) throw new UsageError('--scalar must be below 2^256 on x25519');
      const full = integerOption(args, 'full', 0, 255) ?? 3;
      const trace = traceX25519Ladder(k);
      return show(args, renderX25519Ladder(trace, full), trace);
    }
    const bits = CURVES[curve].n!.toString(2).length;
    const k =
      bigintOption(args, 'scalar') ?? (curve === 'toy' ? 13n : demoScalar('ecdh-lab Alice'));
    if (k >= 1n << BigInt(bits))
      throw new UsageError(`--scalar must be below 2^${bits} on this curve`);
    const full = integerOption(args, 'full', 0, bits) ?? 3;
    const trace = traceLadder(k, undefined, CURVES[curve]);
    return show(args, renderLadder(trace, full), trace);
  },
});

const ecdh = defineCommand({
  summary:
    'Alice and Bob exchange public keys and compute the same point (dA·dB)·G, with fixed, ' +
    "published demo scalars; on P-256 also the 32-byte shared secret and the tutorial's HKDF " +
    'key. Without --curve: both curves.',
  synopsis: 'explain ecdh [--curve toy|p256] [--json]',
  description:
    "Alice and Bob each take a scalar (fixed, published demo values, never keys), exchange dA·G and dB·G, and compute the same point (dA·dB)·G. On P-256 it also prints the 32-byte shared secret, as SEC 1 §3.3.1 defines it, and the tutorial's HKDF key. Without --curve both curves are shown.",
  options: { curve: CURVE, json: JSON_FLAG },
  async main(args) {
    const chosen = choiceOption(args, 'curve', CURVE_NAMES);
    const traces = (chosen === undefined ? CURVE_NAMES : [chosen]).map((c) => traceEcdh(c));
    const lines = traces.flatMap((t, i) => (i === 0 ? renderEcdh(t) : ['', ...renderEcdh(t)]));
    return show(args, lines, traces.length === 1 ? traces[0] : { toy: traces[0], p256: traces[1] });
  },
});

const hkdf = defineCommand({
  summary:
    'HKDF-SHA256 (RFC 5869): PRK = HMAC(salt, IKM), then each T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i).',
  synopsis:
    'explain hkdf --ikm HEX [--salt HEX] [--info TEXT | --info-hex HEX] [--length N] [--json]',
  description:
    "HKDF-SHA256 (RFC 5869) step by step: PRK = HMAC(salt, IKM), then T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i) until there are --length bytes. No --salt means 32 zero bytes (the tutorial's salt=None). Example, RFC 5869 A.1:\n\n" +
    '  ecdh-lab explain hkdf --ikm 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b \\\n' +
    '    --salt 000102030405060708090a0b0c --info-hex f0f1f2f3f4f5f6f7f8f9 --length 42',
  options: {
    ikm: { type: 'string', placeholder: 'HEX', help: 'input keying material (required)' },
    salt: { type: 'string', placeholder: 'HEX', help: 'salt (default: 32 zero bytes)' },
    ...INFO_OPTIONS,
    length: {
      type: 'string',
      placeholder: 'N',
      help: 'output length in bytes, 1 to 8160 (255·32)',
      default: '32',
    },
    json: JSON_FLAG,
  },
  async main(args) {
    const ikm = hexOption(args, 'ikm');
    if (ikm === undefined) throw new UsageError('--ikm HEX is required');
    const info = infoOption(args) ?? new Uint8Array(0);
    const length = integerOption(args, 'length', 1, 8160)!;
    const trace = traceHkdf(ikm, hexOption(args, 'salt'), info, length);
    return show(args, renderHkdf(trace), trace);
  },
});

const aes = defineCommand({
  summary:
    'One AES block encryption (FIPS 197), the state after each round function: SubBytes, ' +
    'ShiftRows, MixColumns, AddRoundKey.',
  synopsis: 'explain aes --key HEX --block HEX [--json]',
  description:
    'Encrypts one 16-byte block with AES (FIPS 197) and prints the state after each round function: SubBytes, ShiftRows, MixColumns, AddRoundKey, with the round keys. Example, FIPS 197 Appendix C.1:\n\n' +
    '  ecdh-lab explain aes --key 000102030405060708090a0b0c0d0e0f \\\n' +
    '    --block 00112233445566778899aabbccddeeff',
  options: {
    key: { type: 'string', placeholder: 'HEX', help: 'the key: 16, 24 or 32 bytes (required)' },
    block: { type: 'string', placeholder: 'HEX', help: 'the 16-byte block to encrypt (required)' },
    json: JSON_FLAG,
  },
  async main(args) {
    const key = hexOption(args, 'key');
    const block = hexOption(args, 'block');
    if (key === undefined || block === undefined)
      throw new UsageError('--key HEX and --block HEX are required');
    if (![16, 24, 32].includes(key.length))
      throw new UsageError('--key must be 16, 24 or 32 bytes');
    if (block.length !== 16) throw new UsageError('--block must be 16 bytes');
    const trace = traceAes(key, block);
    return show(args, renderAes(trace), trace);
  },
});

const field = defineCommand({
  summary:
    "The inverse of N modulo p (toy: 223; p256: P-256's p) by Fermat (a^(p−2), " +
    'square-and-multiply) and by the extended Euclidean algorithm, side by side.',
  synopsis: 'explain field [--value N] [--curve toy|p256] [--json]',
  description:
    "Inverts N modulo p (toy: 223; p256: P-256's p) two ways, side by side: by Fermat's little theorem, a^(p−2) by square-and-multiply, and by the extended Euclidean algorithm.",
  options: {
    value: {
      type: 'string',
      placeholder: 'N',
      help: 'the value to invert, decimal or 0x-hex',
      default: '17',
    },
    curve: { ...CURVE, default: 'toy' },
    json: JSON_FLAG,
  },
  async main(args) {
    const curve = choiceOption(args, 'curve', CURVE_NAMES)!;
    const a = bigintOption(args, 'value')!;
    if (a % CURVES[curve].p === 0n)
      throw new UsageError('--value must not be a multiple of p: 0 has no inverse');
    const trace = traceInverse(a, CURVES[curve].p);
    return show(args, renderInverse(trace), trace);
  },
});

const ecdsa = defineCommand({
  summary:
    'An ECDSA signature with SHA-256 and its verification (FIPS 186-5 §6.4): e, the RFC 6979 ' +
    "nonce k, R = k·G, r, s; then w, u1, u2, R' = u1·G + u2·Q; and why R' = R.",
  synopsis: 'explain ecdsa [--curve toy|p256] [--message TEXT] [--private-key N] [--json]',
  description:
    "Signs a message with ECDSA (FIPS 186-5 §6.4.1, SEC 1 §4.1.3) and verifies the signature (§6.4.2), printing every value: e (the leftmost bits of SHA-256(M)), the RFC 6979 nonce k, R = k·G, r = x(R) mod n and s = k⁻¹·(e + r·d) mod n; then w = s⁻¹, u1 = e·w, u2 = r·w and R' = u1·G + u2·Q, whose x gives back r, and why: u1 + u2·d = k. On the toy curve (n = 233) every number can be checked by hand; on P-256 the values are compared with the library's own signing and verification, and the DER signature is shown. The default keys are fixed, published demo values (17 on the toy curve): never trace a real key.\n\n" +
    "  ecdh-lab explain ecdsa --curve p256 --message 'pay Bob 10 coins'",
  options: {
    curve: { ...CURVE, default: 'toy' },
    message: {
      type: 'string',
      placeholder: 'TEXT',
      help: 'the message M, signed as UTF-8',
      default: 'hello, ecdsa',
    },
    'private-key': {
      type: 'string',
      placeholder: 'N',
      help: 'the private key d in [1, n − 1], decimal or 0x-hex (default: 17 on toy, a fixed demo key on p256)',
    },
    json: JSON_FLAG,
  },
  async main(args) {
    const curve = choiceOption(args, 'curve', CURVE_NAMES)!;
    const n = CURVES[curve].n!;
    const d = bigintOption(args, 'private-key');
    if (d !== undefined && (d < 1n || d >= n))
      throw new UsageError(
        `--private-key must be in [1, n − 1] on this curve (n = ${curve === 'toy' ? n : 'the order of P-256'})`,
      );
    const trace = traceEcdsa(curve, { d, message: args.options.message });
    return show(args, renderEcdsa(trace), trace);
  },
});

/** A TCP socket as the byte stream `traceTlsOver` drives (a thin transport: no TLS here). */
function socketTransport(host: string, port: number): Promise<TlsExplainTransport> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const chunks: Uint8Array[] = [];
    const waiting: ((chunk: Uint8Array | undefined) => void)[] = [];
    let ended = false;
    const deliver = (chunk: Uint8Array | undefined) => {
      const next = waiting.shift();
      if (next !== undefined) next(chunk);
      else if (chunk !== undefined) chunks.push(chunk);
    };
    socket.setTimeout(10000, () => socket.destroy(new Error('no answer for 10 s')));
    socket.on('data', (data: Buffer) => deliver(new Uint8Array(data)));
    socket.on('close', () => {
      ended = true;
      while (waiting.length > 0) deliver(undefined);
    });
    socket.once('error', (error) => reject(new CommandError(connectFailure(error, host, port))));
    socket.once('connect', () => {
      socket.on('error', () => {}); // the close that follows ends the trace
      resolve({
        write: (bytes) => void socket.write(bytes),
        read: () =>
          chunks.length > 0
            ? Promise.resolve(chunks.shift())
            : ended
              ? Promise.resolve(undefined)
              : new Promise((r) => waiting.push(r)),
        close: () => void socket.end(),
      });
    });
  });
}

const tls = defineCommand({
  summary:
    'A TLS 1.3 handshake (RFC 8446) from the client side: every message annotated byte by byte, ' +
    'the (EC)DHE exchange, every secret of the key schedule as it is derived with its traffic ' +
    'key and IV, the CertificateVerify and Finished checks. Against an in-process ecdh-lab ' +
    'server by default, or a real one (--host, --port, --ca).',
  synopsis:
    'explain tls [--group G] [--suite S] [--hello-retry] [--host H --port P --ca FILE] [--json]',
  description:
    "Performs a TLS 1.3 handshake with ecdh-lab's client and prints it from the client's side: the records on the wire, each handshake message field by field (hex on the left, meaning on the right), the key shares and the (EC)DHE secret, every secret of the key schedule (§7.1) with the transcript hash it is derived over and, for traffic secrets, the AES-GCM key and IV (§7.3), the CertificateVerify content and its verification (§4.4.3), both Finished values recomputed (§4.4.4), then one message each way and close_notify. By default the server is an ecdh-lab server in the same process, with fixed demo keys and randoms, so the output is the same on every run. --hello-retry makes that server accept P-256 only while the client sends an x25519 share: a HelloRetryRequest. With --host and --port the client connects to a real TLS 1.3 server over TCP and checks its chain against --ca (its key shares are then fresh). The output shows secrets: never point it at a connection that matters.\n\n" +
    '  ecdh-lab explain tls --hello-retry --suite TLS_AES_256_GCM_SHA384\n' +
    '  ecdh-lab explain tls --host 127.0.0.1 --port 8443 --ca ca.pem --servername localhost',
  options: {
    group: {
      type: 'string',
      placeholder: 'x25519|secp256r1',
      help: 'in-process: the group the client sends a key share for',
      default: 'x25519',
    },
    suite: {
      type: 'string',
      placeholder: 'NAME',
      help: 'in-process: TLS_AES_128_GCM_SHA256 or TLS_AES_256_GCM_SHA384',
      default: 'TLS_AES_128_GCM_SHA256',
    },
    'hello-retry': {
      type: 'boolean',
      help: 'in-process: the server takes P-256 only, so it answers with a HelloRetryRequest',
    },
    host: { type: 'string', placeholder: 'H', help: 'a real server: its host name or address' },
    port: { type: 'string', placeholder: 'P', help: 'a real server: its TCP port' },
    ca: { type: 'string', placeholder: 'FILE', help: 'a real server: the CA certificate(s), PEM' },
    servername: {
      type: 'string',
      placeholder: 'NAME',
      help: 'a real server: the name sent and checked (default: --host)',
    },
    json: JSON_FLAG,
  },
  async main(args) {
    let trace: TlsHandshakeTrace;
    if (args.options.host === undefined) {
      for (const name of ['port', 'ca', 'servername'] as const)
        refuseOption(args, name, 'without --host (the in-process server needs none)');
      trace = traceTlsInProcess({
        group: choiceOption(args, 'group', ['x25519', 'secp256r1'] as const),
        suite: choiceOption(args, 'suite', [
          'TLS_AES_128_GCM_SHA256',
          'TLS_AES_256_GCM_SHA384',
        ] as const),
        helloRetry: args.options['hello-retry'] === true,
      });
    } else {
      for (const name of ['group', 'suite', 'hello-retry'] as const)
        refuseOption(args, name, 'with --host (they shape the in-process handshake)');
      const host = args.options.host;
      const port = integerOption(args, 'port', 1, 65535);
      if (port === undefined) throw new UsageError('--port P is required with --host');
      const caFile = requireOption(args, 'ca', '--ca FILE is required with --host');
      const ca = readCertificates(caFile, 'CA certificate');
      const transport = await socketTransport(host, port);
      trace = await traceTlsOver(transport, {
        serverName: args.options.servername ?? host,
        ca,
        peer: `${host}:${port}`,
      });
    }
    show(args, renderTls(trace), trace);
    return trace.failed ? 1 : 0;
  },
});

const topics: Readonly<Record<string, Command>> = Object.freeze({
  ladder,
  ecdh,
  ecdsa,
  hkdf,
  aes,
  field,
  tls,
});

export const explain = defineCommand({
  summary: 'print a computation step by step (ladder, ecdh, ecdsa, hkdf, aes, field, tls)',
  synopsis: 'explain <topic> [options]',
  description:
    "Prints a computation with every intermediate value, recomputed and checked against the library. Each topic has its own options ('ecdh-lab explain TOPIC --help'); --json prints the same data as JSON (bigints as decimal strings, bytes as hex, O as null).",
  options: {},
  subcommands: topics,
  subcommandKind: 'topic',
});
