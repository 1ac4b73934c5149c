/// <reference types="node" />
/**
 * `ecdh-lab keygen [--curve p256|x25519] [--out FILE] [--force]`: a new private key as PKCS#8
 * PEM, the format `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` (or
 * `openssl genpkey -algorithm X25519`) writes.
 */
import { defineCommand } from './command.js';
import { generatePrivateKey } from '../keys/private-key.js';
import { reportErrors, writeSecretFile } from './key-files.js';
import { choiceOption, refuseOption } from './args.js';
import { CLI_CURVES, keyCurve } from './curve-flag.js';

export const keygen = defineCommand({
  summary: 'generate a P-256 or X25519 private key (PKCS#8 PEM)',
  synopsis: 'keygen [--curve p256|x25519] [--out FILE] [--force]',
  description:
    'Generates a private key from the system CSPRNG: P-256 (d uniform in [1, n-1]; the default)\n' +
    'or, with --curve x25519, X25519 (32 random bytes, clamped as RFC 7748 §5 says, as OpenSSL\n' +
    'does). Writes it as PKCS#8 PEM ("PRIVATE KEY"; RFC 8410 for X25519) to stdout, or to FILE,\n' +
    'created with mode 0600. An existing FILE is not overwritten unless --force is given; then\n' +
    'the key goes to a new file beside it, which is renamed over FILE, so FILE holds the old key\n' +
    'or the new one, never a mix. A FILE that is a symbolic link, a directory or a FIFO is\n' +
    'refused. Get the public key with `ecdh-lab pubkey --in FILE`.',
  options: {
    curve: {
      type: 'string',
      placeholder: 'p256|x25519',
      help: 'the curve: p256 (ECDH and ECDSA) or x25519 (key agreement only)',
      default: 'p256',
    },
    out: {
      type: 'string',
      placeholder: 'FILE',
      help: 'write the key to FILE (mode 0600) instead of stdout',
    },
    force: { type: 'boolean', help: 'overwrite FILE if it exists' },
  },
  async main(args) {
    const { out, force } = args.options;
    if (out === undefined) refuseOption(args, 'force', 'without --out');
    const curve = keyCurve(choiceOption(args, 'curve', CLI_CURVES)!);
    return reportErrors('keygen', () => {
      const pem = generatePrivateKey({ curve }).toPem();
      if (out === undefined) {
        process.stdout.write(pem);
      } else {
        writeSecretFile(out, pem, force);
        process.stderr.write(
          `ecdh-lab keygen: wrote ${curve === 'X25519' ? 'an' : 'a'} ${curve} private key to ${out} (mode 0600)\n`,
        );
      }
      return 0;
    });
  },
});
