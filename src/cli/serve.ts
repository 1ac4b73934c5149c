/// <reference types="node" />
/**
 * `ecdh-lab serve`: an echo service over the secure channel (each message received is sent
 * back unchanged), for any of the four protocols, or over TLS 1.3 (./tls-modes.ts).
 */
import type { PrivateKey } from '../keys/private-key.js';
import type { PublicKey } from '../keys/public-key.js';
import {
  createServer,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
} from '../net/server.js';
import { defineCommand } from './command.js';
import {
  CONNECTION_FLAGS,
  checkKeyCurve,
  connectionFlags,
  curveFlag,
  ephemeralStaticKey,
} from './channel-flags.js';
import { integerOption, refuseOption, UsageError } from './args.js';
import { readPrivateKeyFile, readPublicKeyListFile, reportErrors } from './key-files.js';
import { errnoWords } from './network-errors.js';
import { serveTls, tlsGroupsOption } from './tls-modes.js';
import { listenUntilSignal } from './listen-until-signal.js';

export const serve = defineCommand({
  summary: 'run an echo server over the secure channel (tutorial, Noise NN/NK/XX) or TLS 1.3',
  synopsis:
    'serve --protocol tutorial|nn|nk|xx|tls [--curve p256|x25519] [--host 127.0.0.1] [--port 65432] [--key server.pem] [--allow clients.pem] [--cert CHAIN.pem] [--http] [--groups LIST] [--keylog FILE] [--max-connections N] [--max-per-address N]',
  description:
    'Listens for connections and echoes every message back. The first line on stdout is ' +
    '"listening on HOST:PORT" with the real port (also for --port 0). nk and xx need a static ' +
    'key: --key (a PKCS#8 or SEC 1 PEM private key); without it a fresh key is generated and its ' +
    'public PEM printed on stderr. With xx, --allow (concatenated PEM public keys) admits only ' +
    'those clients. With --curve x25519 the Noise protocols run Noise_*_25519_AESGCM_SHA256 ' +
    'instead of the default Noise_*_P256_AESGCM_SHA256, and key files must be X25519 keys ' +
    '(`ecdh-lab keygen --curve x25519`). Each failed connection is logged as one line on stderr. ' +
    'SIGINT or SIGTERM stops accepting, closes every channel and exits 0.\n\n' +
    'Limits: at most --max-connections connections, at most --max-per-address from one IP ' +
    'address (more are refused at once, with a log line); a frame must arrive whole within ' +
    '--frame-timeout of its first byte. Each connection buffers at most two largest messages ' +
    'plus 128 KiB in each direction (256 KiB for Noise, 2.1 MiB for tutorial by default) and ' +
    'stops reading while that is spent, so a peer that sends without reading costs no more.\n\n' +
    'tutorial takes no --key: the server uses a fresh key pair for every connection, as the ' +
    "tutorial's program does. Its one AES key (both directions) then differs on every " +
    'connection, so a record replayed from another connection fails; within a connection the ' +
    'server refuses a repeated nonce. The tutorial protocol authenticates nobody: use nk or xx.\n\n' +
    'With --protocol tls the server speaks TLS 1.3 (docs/tls.md): --cert is its certificate chain\n' +
    "(PEM, leaf first, e.g. from `cert new`) and --key the leaf's P-256 private key. It echoes\n" +
    'the bytes it receives; with --http it answers one HTTP/1.x request per connection as\n' +
    '`openssl s_server -www` does (HTTP/1.0 200 ok and a text page naming the negotiated version,\n' +
    'suite, group and signature scheme), then sends close_notify and closes. --keylog appends the\n' +
    'NSS key log lines (SSLKEYLOGFILE) that let Wireshark decrypt a capture: they are secrets.\n' +
    '--groups (default x25519,P-256) lists the key-share groups in order of preference; with\n' +
    '--groups P-256, clients that send only an X25519 share (OpenSSL, Node) get a HelloRetryRequest.',
  options: {
    ...CONNECTION_FLAGS,
    key: {
      type: 'string',
      placeholder: 'FILE',
      help: "static private key, PEM (nk, xx; tls: the leaf's key)",
    },
    cert: {
      type: 'string',
      placeholder: 'FILE',
      help: 'tls: the certificate chain, PEM, leaf first',
    },
    http: {
      type: 'boolean',
      help: 'tls: answer one HTTP request per connection with a page (as openssl s_server -www)',
    },
    groups: {
      type: 'string',
      placeholder: 'LIST',
      help: 'tls: key-share groups in order, from x25519 and P-256 (default x25519,P-256)',
    },
    keylog: {
      type: 'string',
      placeholder: 'FILE',
      help: 'tls: append the NSS key log lines (secrets!) to FILE',
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
      default: String(DEFAULT_MAX_CONNECTIONS),
    },
    'max-per-address': {
      type: 'string',
      placeholder: 'N',
      help: 'most simultaneous connections from one IP address',
      default: String(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
    },
  },
  async main(args) {
    const flags = connectionFlags(args);
    const { protocol, curve } = flags;
    if (protocol !== 'xx') refuseOption(args, 'allow', `with --protocol ${protocol}`);
    const maxConnections = integerOption(args, 'max-connections', 1, 1_000_000)!;
    const maxConnectionsPerAddress = integerOption(args, 'max-per-address', 1, 1_000_000)!;
    if (protocol === 'tls') {
      const { cert, key, keylog } = args.options;
      if (cert === undefined) throw new UsageError('--protocol tls needs --cert (the chain, PEM)');
      if (key === undefined)
        throw new UsageError("--protocol tls needs --key (the leaf's key, PEM)");
      const groups = tlsGroupsOption(args.options.groups);
      return serveTls(
        { ...flags, maxConnections, maxConnectionsPerAddress, groups },
        { cert, key, keylog },
        args.options.http,
      );
    }
    for (const name of ['cert', 'http', 'keylog', 'groups'] as const)
      refuseOption(args, name, `with --protocol ${protocol}`);
    if (protocol === 'nn' || protocol === 'tutorial')
      refuseOption(args, 'key', `with --protocol ${protocol}`);
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
        protocol,
        staticKey,
        allow,
        maxConnections,
        maxConnectionsPerAddress,
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
    return listenUntilSignal(server, flags.host, flags.port);
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
