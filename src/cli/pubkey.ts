/// <reference types="node" />
/**
 * `ecdh-lab pubkey [--in FILE]`: the public key of a private key, as SPKI PEM. The key is read
 * from FILE, or from stdin when --in is absent or '-', so that `keygen | pubkey` works.
 */
import { UsageError } from './args.js';
import { defineCommand } from './command.js';
import { parsePrivateKeyText, readPrivateKeyFile, readStdin, reportErrors } from './key-files.js';

export const pubkey = defineCommand({
  summary: 'print the public key (SPKI PEM) of a private key (a file, or stdin)',
  synopsis: 'pubkey [--in FILE]',
  description:
    'Reads a private key (PKCS#8 "PRIVATE KEY" for P-256 or X25519, or SEC1 "EC PRIVATE KEY" PEM, ' +
    'as written by `ecdh-lab keygen`, `openssl genpkey` or `openssl ecparam -genkey`) and prints ' +
    'its public key (P-256: Q = d·G; X25519: X25519(k, 9)) as a SubjectPublicKeyInfo "PUBLIC KEY" ' +
    'PEM, byte for byte what `openssl pkey -pubout` prints. Without ' +
    '--in, or with --in -, the key is read from stdin:\n\n' +
    '  ecdh-lab keygen | tee key.pem | ecdh-lab pubkey > key-pub.pem',
  options: {
    in: {
      type: 'string',
      placeholder: 'FILE',
      help: "the private key file (PEM); '-' or no --in: stdin",
    },
  },
  async main({ options }) {
    const path = options.in ?? '-';
    if (path === '-' && process.stdin.isTTY)
      throw new UsageError(
        '--in FILE is required when stdin is a terminal (or pipe a key in: ecdh-lab keygen | ecdh-lab pubkey)',
      );
    const text = path === '-' ? await readStdin() : undefined;
    return reportErrors('pubkey', () => {
      const key =
        text === undefined ? readPrivateKeyFile(path) : parsePrivateKeyText(text, 'stdin');
      process.stdout.write(key.publicKey.toPem());
      return 0;
    });
  },
});
