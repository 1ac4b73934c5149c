/// <reference types="node" />
/**
 * Shared by the key commands (keygen, pubkey, derive, sign, verify, cert): reading key files
 * with messages that name the file and the problem but never the key, reading input bytes
 * from a file or stdin, and writing a private key file with mode 0600 (or a public one, such
 * as a certificate, with the usual mode), atomically.
 */
import * as fs from 'node:fs';
import { type AtomicWriteOptions, FileWriteError, writeFileAtomically } from './atomic-file.js';
import { CryptoError } from '../errors.js';
import { PrivateKey } from '../keys/private-key.js';
import { decodePemBlocks } from '../keys/pem.js';
import { PublicKey } from '../keys/public-key.js';
import type { KeyCurve } from '../keys/key-curve.js';

/** A failure the CLI reports as "ecdh-lab <command>: <message>" with exit code 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

function readText(path: string, what: string): string {
  return Buffer.from(readBytes(path, what)).toString('utf8');
}

/** The bytes of a file; `what` names it in the error. @throws CommandError */
export function readBytes(path: string, what: string): Uint8Array {
  try {
    return fs.readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(`cannot read ${what} ${path}${code ? ` (${code})` : ''}`);
  }
}

/** Parses key text read from `source` (a path, or 'stdin'). @throws CommandError */
function parseKeyText<K>(
  text: string,
  source: string,
  what: string,
  parse: (text: string) => K,
): K {
  try {
    return parse(text);
  } catch (error) {
    // CryptoError messages never carry key material (src/errors.ts).
    if (error instanceof CryptoError)
      throw new CommandError(`${source} is not a valid ${what}: ${error.message}`);
    throw error;
  }
}

function parseKey<K>(path: string, what: string, parse: (text: string) => K): K {
  return parseKeyText(readText(path, what), path, what, parse);
}

/** All of stdin, as bytes (read asynchronously: a pipe may not be ready at once). */
export async function readStdinBytes(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** All of stdin, as UTF-8 text. */
export async function readStdin(): Promise<string> {
  return Buffer.from(await readStdinBytes()).toString('utf8');
}

/** Parses a private key PEM given as text (e.g. read from stdin). @throws CommandError */
export function parsePrivateKeyText(text: string, source: string): PrivateKey {
  return parseKeyText(text, source, 'private key (PEM)', (t) => PrivateKey.fromPem(t));
}

/**
 * Reads a PKCS#8 "PRIVATE KEY" (P-256 or X25519) or SEC1 "EC PRIVATE KEY" PEM file.
 * @throws CommandError
 */
export function readPrivateKeyFile(path: string): PrivateKey {
  return parseKey(path, 'private key (PEM)', (text) => PrivateKey.fromPem(text));
}

/** Reads a "PUBLIC KEY" (SubjectPublicKeyInfo, P-256 or X25519) PEM file. @throws CommandError */
export function readPublicKeyFile(path: string): PublicKey {
  return parseKey(path, 'public key (PEM)', (text) => PublicKey.fromPem(text));
}

/**
 * Refuses a key of another curve than a command needs, naming the file, e.g. an X25519 key
 * given to `sign` (ECDSA is P-256 only).
 * @param key - the key read from `source`
 * @param curve - the curve needed
 * @param use - what for, e.g. "signing (ECDSA)"
 * @throws CommandError
 */
export function requireCurve<K extends PrivateKey | PublicKey>(
  key: K,
  curve: KeyCurve,
  source: string,
  use: string,
): K {
  if (key.curve !== curve)
    throw new CommandError(`${source} is an ${key.curve} key; ${use} needs a ${curve} key`);
  return key;
}

/**
 * Reads one or more concatenated "PUBLIC KEY" PEM blocks (e.g. `serve --allow clients.pem`).
 * @throws CommandError
 */
export function readPublicKeyListFile(path: string): PublicKey[] {
  return parseKey(path, 'list of public keys (PEM)', (text) => {
    const blocks = decodePemBlocks(text);
    if (blocks.length === 0) throw new CryptoError('INVALID_ENCODING', 'pem: no PEM block found');
    return blocks.map((block) => {
      if (block.label !== 'PUBLIC KEY')
        throw new CryptoError(
          'INVALID_ENCODING',
          `pem: expected PUBLIC KEY blocks, found ${block.label}`,
        );
      return PublicKey.fromDer(block.der);
    });
  });
}

/**
 * Writes a private key file: mode 0600, atomically (atomic-file.ts), never through a link
 * or into a FIFO or directory; an existing file is replaced only with `force`.
 * @throws CommandError
 */
export function writeSecretFile(path: string, text: string, force: boolean): void {
  writeFile(path, text, { secret: true, force });
}

/**
 * Writes a public file (a certificate or request) the same way, with the usual mode. An
 * existing file is refused unless `force`, so that `--out` cannot replace a key by a slip
 * of the keyboard.
 * @throws CommandError
 */
export function writePublicFile(path: string, text: string, force: boolean): void {
  writeFile(path, text, { secret: false, force });
}

function writeFile(path: string, text: string, options: AtomicWriteOptions): void {
  try {
    writeFileAtomically(path, text, options);
  } catch (error) {
    if (error instanceof FileWriteError) throw new CommandError(error.message);
    throw error;
  }
}

/** Runs a command body, turning CommandError into a message on stderr and exit code 1. */
export async function reportErrors(
  command: string,
  body: () => Promise<number> | number,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CommandError) {
      process.stderr.write(`ecdh-lab ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
