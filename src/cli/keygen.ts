/// <reference types="node" />
/**
 * `ecdh-lab keygen [--out FILE] [--force]`: a new P-256 private key as PKCS#8 PEM, the
 * format `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes.
 */
import { defineCommand } from './command.js';
import { generatePrivateKey } from '../keys/private-key.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandError, reportErrors, writeSecretFile } from './key-files.js';
import { refuseOption } from './args.js';

export const keygen = defineCommand({
  summary: 'generate a P-256 private key (PKCS#8 PEM)',
  synopsis: 'keygen [--out FILE] [--force]',
  description:
    'Generates a P-256 private key (d uniform in [1, n-1] from the system CSPRNG) and writes it as\n' +
    'PKCS#8 PEM ("PRIVATE KEY") to stdout, or to FILE, created with mode 0600. An existing FILE\n' +
    'is not overwritten unless --force is given. Get the public key with `ecdh-lab pubkey --in FILE`.',
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
        if (isDirectory(out))
          throw new CommandError(
            `--out ${out} is a directory; give the name of the file to create, e.g. ${path.join(out, 'key.pem')}`,
          );
        writeSecretFile(out, pem, force);
        process.stderr.write(`ecdh-lab keygen: wrote a P-256 private key to ${out} (mode 0600)\n`);
      }
      return 0;
    });
  },
});

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false; // absent (the usual case) or unreadable: writeSecretFile reports it
  }
}
