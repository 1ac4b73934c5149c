/// <reference types="node" />
/**
 * `ecdh-lab connect`: a client for `ecdh-lab serve` (or any peer of the same protocol). By
 * default each stdin line is one message of UTF-8 text and each reply is printed as one line;
 * with --binary, stdin is raw bytes, sent in messages of at most the largest message size, and
 * replies are written to stdout unchanged. With --protocol tls it is a TLS 1.3 byte-stream
 * client (./tls-modes.ts).
 */
import * as readline from 'node:readline';
import { utf8ToBytes } from '../bytes/index.js';
import type { PrivateKey } from '../keys/private-key.js';
import type { PublicKey } from '../keys/public-key.js';
import { connect as dial } from '../net/client.js';
import type { SecureChannel } from '../net/secure-channel.js';
import { describeError } from '../net/server.js';
import { refuseOption, UsageError } from './args.js';
import {
  CONNECTION_FLAGS,
  checkKeyCurve,
  connectionFlags,
  curveFlag,
  ephemeralStaticKey,
} from './channel-flags.js';
import { defineCommand } from './command.js';
import { readPrivateKeyFile, readPublicKeyFile, reportErrors } from './key-files.js';
import { connectFailure, words } from './network-errors.js';
import { connectTls, tlsGroupsOption } from './tls-modes.js';

export const connect = defineCommand({
  summary: 'send stdin over the secure channel and print the replies (lines, or raw bytes)',
  synopsis:
    'connect --protocol tutorial|nn|nk|xx|tls [--curve p256|x25519] [--host 127.0.0.1] [--port 65432] [--server-key server-pub.pem] [--key client.pem] [--binary] [--ca CA.crt] [--servername NAME] [--groups LIST] [--keylog FILE]',
  description:
    'Connects, runs the handshake, then sends stdin and prints the replies. Without --binary a ' +
    'message is one line of UTF-8 text: each line of stdin (without its newline) is sent as one ' +
    'message, and each reply is printed as one line. With --binary, stdin is read as raw bytes ' +
    'and sent in messages of at most the largest message size (--max-message), and the replies ' +
    'are written to stdout as raw bytes, unchanged. Exits 0 once stdin has ended and every reply ' +
    'has arrived.\n\n' +
    "nk needs --server-key (the server's PEM public key); with xx, --server-key pins the " +
    "server's key and --key is the client's static key (without it a fresh key is generated and " +
    'its public PEM printed on stderr). --curve x25519 selects Noise_*_25519_AESGCM_SHA256 (the ' +
    'server must use it too; key files must then be X25519 keys). A failed connection or ' +
    'handshake prints the reason on stderr and exits 1.\n\n' +
    'With --protocol tls it is a TLS 1.3 client (docs/tls.md) that works like `openssl s_client\n' +
    '-quiet`: stdin goes to the connection and what arrives goes to stdout, as raw bytes. The\n' +
    "server's certificate chain must lead to a certificate in --ca and name --servername (default:\n" +
    '--host). At the end of stdin it sends close_notify and waits for the server to close; exit 0\n' +
    'after a clean close, 1 after a refusal, an alert or a truncated connection. --keylog appends\n' +
    'the NSS key log lines (SSLKEYLOGFILE) for Wireshark: they are secrets. --groups (default\n' +
    'x25519,P-256) lists the groups offered; the first gets a key share.',
  options: {
    ...CONNECTION_FLAGS,
    'server-key': {
      type: 'string',
      placeholder: 'FILE',
      help: "the server's static public key, PEM (nk: required; xx: pin)",
    },
    key: { type: 'string', placeholder: 'FILE', help: 'xx: the client static private key, PEM' },
    ca: {
      type: 'string',
      placeholder: 'FILE',
      help: 'tls: the trust anchors, PEM certificates (required with tls)',
    },
    servername: {
      type: 'string',
      placeholder: 'NAME',
      help: "tls: the name to check the server's certificate for and send as SNI (default: --host)",
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
    binary: {
      type: 'boolean',
      help: 'stdin and the replies are raw bytes (default: lines of UTF-8 text)',
    },
  },
  async main(args) {
    const flags = connectionFlags(args);
    const { protocol, curve } = flags;
    const where = `with --protocol ${protocol}`;
    if (protocol === 'tls') {
      for (const name of ['server-key', 'key', 'binary'] as const) refuseOption(args, name, where);
      const { ca, servername, keylog } = args.options;
      if (ca === undefined)
        throw new UsageError('--protocol tls needs --ca (the trust anchors, PEM)');
      const groups = tlsGroupsOption(args.options.groups);
      return connectTls({ ...flags, groups }, { ca, servername, keylog });
    }
    for (const name of ['ca', 'servername', 'keylog', 'groups'] as const)
      refuseOption(args, name, where);
    if (protocol === 'tutorial' || protocol === 'nn') refuseOption(args, 'server-key', where);
    if (protocol !== 'xx') refuseOption(args, 'key', where);
    if (protocol === 'nk' && args.options['server-key'] === undefined)
      throw new UsageError("--protocol nk needs --server-key (the server's public key)");
    let staticKey: PrivateKey | undefined;
    let remoteStaticKey: PublicKey | undefined;
    const read = await reportErrors('connect', () => {
      const keyPath = args.options.key;
      if (keyPath !== undefined)
        staticKey = checkKeyCurve(readPrivateKeyFile(keyPath), curve, keyPath);
      const serverKeyPath = args.options['server-key'];
      if (serverKeyPath !== undefined)
        remoteStaticKey = checkKeyCurve(readPublicKeyFile(serverKeyPath), curve, serverKeyPath);
      return 0;
    });
    if (read !== 0) return read;
    if (protocol === 'xx' && staticKey === undefined)
      staticKey = ephemeralStaticKey('connect', curve);
    let channel: SecureChannel;
    try {
      channel = await dial({ ...flags, protocol, staticKey, remoteStaticKey });
    } catch (error) {
      const handshake = (error as { code?: string }).code === 'HANDSHAKE_FAILED';
      process.stderr.write(
        handshake
          ? `ecdh-lab connect: handshake failed: ${describeError(error)}\n` +
              `ecdh-lab connect: check that the server uses --protocol ${protocol}` +
              `${protocol === 'tutorial' ? '' : ` --curve ${curveFlag(curve)}`}` +
              `${remoteStaticKey === undefined ? '' : ' and that --server-key is its key'}\n`
          : `ecdh-lab connect: ${connectFailure(error, flags.host, flags.port)}\n`,
      );
      return 1;
    }
    return relay(channel, protocol === 'xx', args.options.binary);
  },
});

/**
 * Sends stdin, prints replies; resolves with the exit code: 0 once stdin has ended and every
 * reply has arrived, 1 if the connection ends before that or a send fails.
 */
function relay(channel: SecureChannel, xx: boolean, binary: boolean): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    let inputDone = false;
    let finished = false;
    let stopInput = () => {};
    const finish = (code: number, message?: string) => {
      if (finished) return;
      finished = true;
      if (message !== undefined) process.stderr.write(`ecdh-lab connect: ${message}\n`);
      stopInput();
      process.stdin.destroy();
      void channel.close().then(() => resolve(code));
    };
    const send = (message: Uint8Array): Promise<void> => {
      sent++;
      return channel.send(message).catch((error) => finish(1, `cannot send: ${words(error)}`));
    };
    const endOfInput = () => {
      inputDone = true;
      if (received === sent) finish(0);
    };
    channel.on('message', (message: Uint8Array) => {
      received++;
      process.stdout.write(binary ? message : Buffer.concat([message, Buffer.of(0x0a)]));
      if (inputDone && received === sent) finish(0);
    });
    // An XX server judges the client's key after our handshake has completed, so a refusal
    // shows up as the connection ending before any reply.
    const hint = () =>
      xx && received === 0
        ? " (the server closed the connection right after the handshake: it may not accept this client's key, see serve --allow)"
        : '';
    const early = () =>
      inputDone
        ? `the server closed the connection with ${sent - received} of ${sent} replies outstanding`
        : 'the server closed the connection before the end of input';
    channel.on('end', () => {
      if (!finished) finish(1, `${early()}${hint()}`);
    });
    channel.on('close', (error?: Error) => {
      if (!finished)
        finish(1, `${error ? `connection closed: ${words(error)}` : early()}${hint()}`);
    });
    if (binary) {
      // Raw bytes: each chunk of stdin is cut into messages of at most the largest size; stdin
      // is paused until they are written, so a large input is not read faster than it is sent.
      const max = channel.maxMessageLength;
      process.stdin.on('data', (chunk: Buffer) => {
        if (finished) return;
        process.stdin.pause();
        const pieces: Promise<void>[] = [];
        for (let offset = 0; offset < chunk.length; offset += max)
          pieces.push(send(new Uint8Array(chunk.subarray(offset, offset + max))));
        void Promise.all(pieces).then(() => {
          if (!finished) process.stdin.resume();
        });
      });
      process.stdin.on('end', endOfInput);
      stopInput = () => process.stdin.removeAllListeners('data');
    } else {
      const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (!finished) void send(utf8ToBytes(line));
      });
      lines.on('close', endOfInput);
      stopInput = () => lines.close();
    }
  });
}
