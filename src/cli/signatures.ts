/// <reference types="node" />
/**
 * `ecdh-lab sign` and `ecdh-lab verify`: ECDSA P-256 signatures of a file or of stdin, in the
 * shape of `openssl dgst -sha256 -sign KEY` and `openssl dgst -sha256 -verify PUB -signature
 * SIG` (FIPS 186-5 §6.4; the library's PrivateKey.sign and PublicKey.verify, src/ecdsa).
 *
 *   sign     writes the raw signature bytes to stdout (DER by default, or r ‖ s with
 *            --format p1363), or hex and a newline with --hex;
 *   verify   prints "Verified OK" and exits 0, or "Verification failure" and exits 1, as
 *            OpenSSL does. A malformed signature is a failure like any other.
 *
 * Signing is deterministic (RFC 6979): the same key, hash and message give the same bytes.
 */
import { bytesToHex, hexToBytes } from '../bytes/hex.js';
import type { HashFunction } from '../hash/hash.js';
import { sha256 } from '../hash/sha256.js';
import { sha384, sha512 } from '../hash/sha512.js';
import { choiceOption, UsageError, type ParsedArgs } from './args.js';
import { defineCommand } from './command.js';
import {
  CommandError,
  readBytes,
  readPrivateKeyFile,
  readPublicKeyFile,
  requireCurve,
  readStdinBytes,
  reportErrors,
} from './key-files.js';

const HASHES: Readonly<Record<'sha256' | 'sha384' | 'sha512', HashFunction>> = {
  sha256,
  sha384,
  sha512,
};
const HASH_NAMES = ['sha256', 'sha384', 'sha512'] as const;
const FORMATS = ['der', 'p1363'] as const;

const COMMON = {
  hash: {
    type: 'string',
    placeholder: 'HASH',
    help: 'sha256, sha384 or sha512: the hash of the message (signer and verifier must agree)',
    default: 'sha256',
  },
  format: {
    type: 'string',
    placeholder: 'der|p1363',
    help: "the signature's encoding: DER, as OpenSSL and X.509 use, or r ‖ s (64 bytes), as WebCrypto and JOSE use",
    default: 'der',
  },
  in: {
    type: 'string',
    placeholder: 'FILE',
    help: "the message; '-' or no --in: stdin",
  },
} as const;

/** --hash and --format, checked. */
function scheme(args: ParsedArgs<typeof COMMON>): {
  hash: HashFunction;
  format: 'der' | 'p1363';
} {
  const hash = HASHES[choiceOption(args, 'hash', HASH_NAMES)!];
  return { hash, format: choiceOption(args, 'format', FORMATS)! };
}

/** A file named by an option must be a file: stdin is the message's. */
function fileOption(value: string | undefined, name: string, placeholder: string): string {
  if (value === undefined) throw new UsageError(`--${name} ${placeholder} is required`);
  if (value === '-')
    throw new UsageError(`--${name} needs a file ('-' is not read here: stdin is the message)`);
  return value;
}

/** Reads the message from --in FILE, or stdin; refuses a terminal (a message is data). */
async function readMessage(args: ParsedArgs<typeof COMMON>, command: string): Promise<Uint8Array> {
  const path = args.options.in ?? '-';
  if (path !== '-') return readBytes(path, 'message');
  if (process.stdin.isTTY)
    throw new UsageError(
      `--in FILE is required when stdin is a terminal (or pipe the message in: … | ecdh-lab ${command} …)`,
    );
  return readStdinBytes();
}

export const sign = defineCommand({
  summary: 'sign a file or stdin with ECDSA P-256 (as openssl dgst -sign)',
  synopsis:
    'sign --key PRIVATE.pem [--hash sha256|sha384|sha512] [--format der|p1363] [--in FILE] [--hex]',
  description:
    'Signs the message with ECDSA on P-256 (FIPS 186-5 §6.4) and writes the raw signature bytes to stdout, as `openssl dgst -sha256 -sign PRIVATE.pem` does, or in hex with --hex. The key is a PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY" PEM (from `ecdh-lab keygen` or `openssl genpkey`). The nonce k comes from RFC 6979, so the same key and message always give the same signature. Without --in, or with --in -, the message is read from stdin:\n\n' +
    '  ecdh-lab sign --key key.pem --in message.txt > message.sig\n' +
    '  openssl dgst -sha256 -verify key-pub.pem -signature message.sig message.txt',
  options: {
    key: {
      type: 'string',
      placeholder: 'FILE',
      help: 'the private key (PEM; required)',
    },
    ...COMMON,
    hex: { type: 'boolean', help: 'write the signature in hex, with a newline' },
  },
  async main(args) {
    const keyPath = fileOption(args.options.key, 'key', 'PRIVATE.pem');
    const { hash, format } = scheme(args);
    const { hex } = args.options;
    if (!hex && process.stdout.isTTY)
      throw new UsageError(
        'the signature is binary: redirect stdout to a file (> message.sig), or use --hex',
      );
    return reportErrors('sign', async () => {
      const key = requireCurve(readPrivateKeyFile(keyPath), 'P-256', keyPath, 'signing (ECDSA)');
      const message = await readMessage(args, 'sign');
      const signature = key.sign(message, { hash, format });
      process.stdout.write(hex ? `${bytesToHex(signature)}\n` : signature);
      return 0;
    });
  },
});

export const verify = defineCommand({
  summary: 'verify an ECDSA P-256 signature of a file or stdin (as openssl dgst -verify)',
  synopsis:
    'verify --key PUBLIC.pem --signature FILE [--hash sha256|sha384|sha512] [--format der|p1363] [--in FILE] [--hex]',
  description:
    'Checks an ECDSA P-256 signature of the message (FIPS 186-5 §6.4.2) with a public key (SPKI "PUBLIC KEY" PEM, from `ecdh-lab pubkey` or `openssl pkey -pubout`). Prints "Verified OK" and exits 0, or prints "Verification failure" and exits 1, as `openssl dgst -sha256 -verify PUBLIC.pem -signature FILE` does. A malformed signature (not strict DER, r or s out of range, the wrong length for p1363) is a failure like a wrong one. Without --in, or with --in -, the message is read from stdin:\n\n' +
    '  ecdh-lab verify --key key-pub.pem --signature message.sig --in message.txt',
  options: {
    key: {
      type: 'string',
      placeholder: 'FILE',
      help: 'the public key (PEM; required)',
    },
    signature: {
      type: 'string',
      placeholder: 'FILE',
      help: 'the signature: raw bytes, as sign writes them (required)',
    },
    ...COMMON,
    hex: {
      type: 'boolean',
      help: 'the signature file holds hex (as sign --hex writes it) instead of raw bytes',
    },
  },
  async main(args) {
    const keyPath = fileOption(args.options.key, 'key', 'PUBLIC.pem');
    const signaturePath = fileOption(args.options.signature, 'signature', 'FILE');
    const { hash, format } = scheme(args);
    return reportErrors('verify', async () => {
      const key = requireCurve(readPublicKeyFile(keyPath), 'P-256', keyPath, 'ECDSA verification');
      const signature = readSignature(signaturePath, args.options.hex);
      const message = await readMessage(args, 'verify');
      const valid = key.verify(message, signature, { hash, format });
      process.stdout.write(valid ? 'Verified OK\n' : 'Verification failure\n');
      return valid ? 0 : 1;
    });
  },
});

/** The signature file: raw bytes, or hex (whitespace and a 0x prefix allowed) with --hex. */
function readSignature(path: string, hex: boolean): Uint8Array {
  const bytes = readBytes(path, 'signature');
  if (!hex) return bytes;
  const digits = Buffer.from(bytes)
    .toString('latin1')
    .replace(/\s/g, '')
    .replace(/^0[xX]/, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits))
    throw new CommandError(`${path} is not hex (an even number of 0-9a-f digits)`);
  return hexToBytes(digits.toLowerCase());
}
