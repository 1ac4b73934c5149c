/// <reference types="node" />
/**
 * `ecdh-lab derive --key PRIVATE.pem --peer PUBLIC.pem [--hkdf [--salt HEX] [--info TEXT] [--length N]]`:
 * the ECDH shared secret (SEC 1 §3.3.1), or a key derived from it with HKDF-SHA256 (RFC 5869), in hex.
 */
import type { Command } from './command.js';
import { UsageError } from './args.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { readPrivateKeyFile, readPublicKeyFile, reportErrors } from './key-files.js';

const MAX_LENGTH = 255 * 32; // RFC 5869 §2.3: L ≤ 255·HashLen

export const derive: Command = {
  summary: 'ECDH shared secret (or an HKDF-SHA256 key) from a private and a peer public key',
  synopsis:
    'derive --key PRIVATE.pem --peer PUBLIC.pem [--hkdf [--salt HEX] [--info TEXT] [--length N]]',
  description:
    'Computes Z = x(d·Q), the P-256 ECDH shared secret (SEC 1 §3.3.1), from your private key d\n' +
    '(PKCS#8 or SEC1 PEM) and the peer\'s public key Q (SPKI "PUBLIC KEY" PEM, validated per\n' +
    'SP 800-56A §5.6.2.3.3), and prints it in hex — the same bytes as\n' +
    '`openssl pkeyutl -derive -inkey PRIVATE.pem -peerkey PUBLIC.pem`. Z is raw key material:\n' +
    'with --hkdf it prints HKDF-SHA256(Z, salt, info) of --length bytes (RFC 5869) instead.',
  options: {
    key: { type: 'string', placeholder: 'FILE', help: 'your private key (PEM)' },
    peer: { type: 'string', placeholder: 'FILE', help: "the peer's public key (PEM)" },
    hkdf: { type: 'boolean', help: 'print HKDF-SHA256(Z) instead of Z' },
    salt: {
      type: 'string',
      placeholder: 'HEX',
      help: 'HKDF salt in hex (default: none, i.e. 32 zero bytes)',
    },
    info: {
      type: 'string',
      placeholder: 'TEXT',
      help: 'HKDF info, as UTF-8 text (default: empty)',
    },
    length: {
      type: 'string',
      placeholder: 'N',
      help: `HKDF output length in bytes, 1..${MAX_LENGTH} (default: 32)`,
    },
  },
  async main({ options }) {
    const keyPath = options.key as string | undefined;
    const peerPath = options.peer as string | undefined;
    if (keyPath === undefined || peerPath === undefined)
      throw new UsageError('--key FILE and --peer FILE are required');
    const useHkdf = options.hkdf === true;
    for (const name of ['salt', 'info', 'length'] as const) {
      if (options[name] !== undefined && !useHkdf) throw new UsageError(`--${name} needs --hkdf`);
    }
    let salt: Uint8Array | undefined;
    if (options.salt !== undefined) {
      try {
        salt = hexToBytes(options.salt as string);
      } catch {
        throw new UsageError('--salt must be hex (an even number of 0-9a-f digits)');
      }
    }
    const info = options.info === undefined ? undefined : utf8ToBytes(options.info as string);
    let length = 32;
    if (options.length !== undefined) {
      const text = options.length as string;
      length = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!(length >= 1 && length <= MAX_LENGTH))
        throw new UsageError(`--length must be an integer in 1..${MAX_LENGTH}`);
    }
    return reportErrors('derive', () => {
      const privateKey = readPrivateKeyFile(keyPath);
      const peer = readPublicKeyFile(peerPath);
      const z = privateKey.exchange(peer);
      process.stdout.write(bytesToHex(useHkdf ? hkdf(sha256, z, salt, info, length) : z) + '\n');
      return 0;
    });
  },
};
