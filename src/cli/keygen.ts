/// <reference types="node" />
/**
 * `ecdh-lab keygen [--out FILE] [--force]`: a new P-256 private key as PKCS#8 PEM, the
 * format `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes.
 */
import { defineCommand } from './command.js';
import { generatePrivateKey } from '../keys/private-key.js';
import { reportErrors, writeSecretFile } from './key-files.js';
import { refuseOption } from './args.js';

export const keygen = defineCommand({
  summary: 'generate a P-256 private key (PKCS#8 PEM)',
  synopsis: 'keygen [--out FILE] [--force]',
  description:
    'Generates a P-256 private key (d uniform in [1, n-1] from the system CSPRNG) and writes it as\n' +
    'PKCS#8 PEM ("PRIVATE KEY") to stdout, or to FILE, created with mode 0600. An existing FILE\n' +
    'is not overwritten unless --force is given; then the key goes to a new file beside it,\n' +
    'which is renamed over FILE, so FILE holds the old key or the new one, never a mix. A FILE\n' +
    'that is a symbolic link, a directory or a FIFO is refused. Get the public key with\n' +
    '`ecdh-lab pubkey --in FILE`.',
  options: {
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
    return reportErrors('keygen', () => {
      const pem = generatePrivateKey().toPem();
      if (out === undefined) {
        process.stdout.write(pem);
      } else {
        writeSecretFile(out, pem, force);
        process.stderr.write(`ecdh-lab keygen: wrote a P-256 private key to ${out} (mode 0600)\n`);
      }
      return 0;
    });
  },
});
