/// <reference types="node" />
/**
 * `ecdh-lab pubkey --in FILE`: the public key of a private key file, as SPKI PEM.
 */
import { defineCommand } from './command.js';
import { UsageError } from './args.js';
import { readPrivateKeyFile, reportErrors } from './key-files.js';

export const pubkey = defineCommand({
  summary: 'print the public key (SPKI PEM) of a private key file',
  synopsis: 'pubkey --in FILE',
  description:
    'Reads a P-256 private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY" PEM, as written by\n' +
    '`ecdh-lab keygen`, `openssl genpkey` or `openssl ecparam -genkey`) and prints its public key\n' +
    'Q = d·G as a SubjectPublicKeyInfo "PUBLIC KEY" PEM, as `openssl pkey -pubout` does.',
  options: {
    in: { type: 'string', placeholder: 'FILE', help: 'the private key file (PEM)' },
  },
  async main({ options }) {
    const path = options.in;
    if (path === undefined) throw new UsageError('--in FILE is required');
    return reportErrors('pubkey', () => {
      process.stdout.write(readPrivateKeyFile(path).publicKey.toPem());
      return 0;
    });
  },
});
