/// <reference types="node" />
/**
 * `ecdh-lab serve`: an echo service over the secure channel (each message received is sent
 * back unchanged), for any of the four protocols.
 */
import type { PrivateKey } from '../keys/private-key.js';
import type { PublicKey } from '../keys/public-key.js';
import { createServer, formatAddress } from '../net/server.js';
import { defineCommand } from './command.js';
import {
  CONNECTION_FLAGS,
  checkKeyCurve,
  connectionFlags,
  curveFlag,
  ephemeralStaticKey,
} from './channel-flags.js';
import { integerOption, refuseOption } from './args.js';
import { readPrivateKeyFile, readPublicKeyListFile, reportErrors } from './key-files.js';
import { errnoWords, listenFailure } from './network-errors.js';

export const serve = defineCommand({
  summary: 'run an echo server over the secure channel (tutorial, Noise NN/NK/XX)',
  synopsis:
    'serve --protocol tutorial|nn|nk|xx [--curve p256|x25519] [--host 127.0.0.1] [--port 65432] [--key server.pem] [--allow clients.pem]',
  description:
    'Listens for connections and echoes every message back. The first line on stdout is\n' +
    '"listening on HOST:PORT" with the real port (also for --port 0). nk and xx need a static\n' +
    'key: --key (a PKCS#8 or SEC 1 PEM private key); without it a fresh key is generated and its\n' +
    'public PEM printed on stderr. With xx, --allow (concatenated PEM public keys) admits only\n' +
    'those clients. With --curve x25519 the Noise protocols run Noise_*_25519_AESGCM_SHA256\n' +
    'instead of the default Noise_*_P256_AESGCM_SHA256, and key files must be X25519 keys\n' +
    '(`ecdh-lab keygen --curve x25519`). Each failed connection is logged as one line on stderr.\n' +
    'SIGINT or SIGTERM stops accepting, closes every channel and exits 0.',
  options: {
    ...CONNECTION_FLAGS,
    key: {
      type: 'string',
      placeholder: 'FILE',
      help: 'static private key, PEM (nk, xx; tutorial: use instead of a fresh key)',
    },
    allow: {
      type: 'string',
      placeholder: 'FILE',
      help: 'xx: accept only these client public keys (PEM, concatenated)',
    },
    'max-connections': {
      type: 'string',
      placeholder: 'N',
      help: 'most simultaneous connections',
      default: '1024',
    },
  },
  async main(args) {
    const flags = connectionFlags(args);
    const { protocol, curve } = flags;
    if (protocol === 'nn') refuseOption(args, 'key', `with --protocol ${protocol}`);
    if (protocol !== 'xx') refuseOption(args, 'allow', `with --protocol ${protocol}`);
    const maxConnections = integerOption(args, 'max-connections', 1, 1_000_000)!;
    let staticKey: PrivateKey | undefined;
    let allow: PublicKey[] | undefined;
    const read = await reportErrors('serve', () => {
      const keyPath = args.options.key;
      if (typeof keyPath === 'string')
        staticKey = checkKeyCurve(readPrivateKeyFile(keyPath), curve, keyPath);
      const allowPath = args.options.allow;
      if (typeof allowPath === 'string')
        allow = readPublicKeyListFile(allowPath).map((k) => checkKeyCurve(k, curve, allowPath));
      return 0;
    });
    if (read !== 0) return read;
    if (staticKey === undefined && (protocol === 'nk' || protocol === 'xx'))
      staticKey = ephemeralStaticKey('serve', curve);
    const server = createServer(
      {
        ...flags,
        staticKey,
        allow,
        maxConnections,
        log: (line) => process.stderr.write(`${logLine(line, protocol, curveFlag(curve))}\n`),
      },
      async (channel) => {
        try {
          for await (const message of channel) await channel.send(message);
        } catch {
          // the server logs why the channel closed
        }
      },
    );
    // Signal handlers go in before the port is announced, so a signal sent as soon as the
    // "listening on" line is read always finds them.
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    let address: { host: string; port: number };
    try {
      address = await server.listen(flags.port, flags.host);
    } catch (error) {
      process.stderr.write(`ecdh-lab serve: ${listenFailure(error, flags.host, flags.port)}\n`);
      stop();
      await server.close();
      return 1;
    }
    process.stdout.write(`listening on ${formatAddress(address.host, address.port)}\n`);
    await stopped;
    await server.close();
    return 0;
  },
});

/**
 * A server log line as printed: an errno code gets its meaning ("(ECONNRESET: connection reset
 * by peer)"), and a peer that speaks another protocol gets a hint about --protocol.
 */
function logLine(line: string, protocol: string, curve: string): string {
  const explained = line.replace(
    /\((E[A-Z0-9_]+)\)$/,
    (_all, code: string) => `(${errnoWords(code)})`,
  );
  return /another protocol|the tutorial protocol/.test(line)
    ? `${explained}; this server uses --protocol ${protocol}: check the client's --protocol`
    : protocol !== 'tutorial' && /handshake/i.test(line)
      ? `${explained} (this server uses --protocol ${protocol} --curve ${curve})`
      : explained;
}
