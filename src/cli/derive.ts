/// <reference types="node" />
/**
 * `ecdh-lab derive --key PRIVATE.pem --peer PUBLIC.pem [--hkdf [--salt HEX] [--info TEXT |
 * --info-hex HEX] [--length N]]`: the Diffie-Hellman shared secret (P-256: SEC 1 §3.3.1;
 * X25519: RFC 7748 §6.1), or a key derived from it with HKDF-SHA256 (RFC 5869), in hex.
 */
import { CryptoError } from '../errors.js';
import { bytesToHex } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { hkdf } from '../kdf/hkdf.js';
import { hexOption, integerOption, UsageError } from './args.js';
import { defineCommand } from './command.js';
import { INFO_OPTIONS, infoOption } from './info-options.js';
import { CommandError, readPrivateKeyFile, readPublicKeyFile, reportErrors } from './key-files.js';

const MAX_LENGTH = 255 * 32; // RFC 5869 §2.3: L ≤ 255·HashLen

export const derive = defineCommand({
  summary:
    'ECDH / X25519 shared secret (or an HKDF-SHA256 key) from a private and a peer public key',
  synopsis:
    'derive --key PRIVATE.pem --peer PUBLIC.pem [--hkdf [--salt HEX] [--info TEXT | --info-hex HEX] [--length N]]',
  description:
    'Computes Z = x(d·Q), the P-256 ECDH shared secret (SEC 1 §3.3.1), from your private key d ' +
    '(PKCS#8 or SEC1 PEM) and the peer\'s public key Q (SPKI "PUBLIC KEY" PEM, validated per ' +
    'SP 800-56A §5.6.2.3.3); or, for X25519 key files (RFC 8410), K = X25519(k, u) (RFC 7748 ' +
    '§6.1; an all-zero K, from a peer key of small order, is refused). Both keys must be on the ' +
    'same curve. Prints the secret in hex: the same bytes as ' +
    '`openssl pkeyutl -derive -inkey PRIVATE.pem -peerkey PUBLIC.pem`. Z is raw key material: ' +
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
    ...INFO_OPTIONS,
    length: {
      type: 'string',
      placeholder: 'N',
      help: `HKDF output length in bytes, 1 to ${MAX_LENGTH} (default: 32)`,
    },
  },
  async main(args) {
    const { key: keyPath, peer: peerPath } = args.options;
    if (keyPath === undefined || peerPath === undefined)
      throw new UsageError('--key FILE and --peer FILE are required');
    const useHkdf = args.options.hkdf;
    for (const name of ['salt', 'info', 'info-hex', 'length'] as const) {
      if (args.given.has(name) && !useHkdf) throw new UsageError(`--${name} needs --hkdf`);
    }
    const salt = hexOption(args, 'salt');
    const info = infoOption(args);
    const length = integerOption(args, 'length', 1, MAX_LENGTH) ?? 32;
    return reportErrors('derive', () => {
      const privateKey = readPrivateKeyFile(keyPath);
      const peer = readPublicKeyFile(peerPath);
      let z: Uint8Array;
      try {
        z = privateKey.exchange(peer);
      } catch (error) {
        // CURVE_MISMATCH (keys of two curves) or INVALID_POINT (an all-zero X25519 secret).
        if (error instanceof CryptoError)
          throw new CommandError(`--key ${keyPath} with --peer ${peerPath}: ${error.message}`);
        throw error;
      }
      process.stdout.write(bytesToHex(useHkdf ? hkdf(sha256, z, salt, info, length) : z) + '\n');
      return 0;
    });
  },
});
