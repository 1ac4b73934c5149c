/// <reference types="node" />
/**
 * `ecdh-lab connect`: a line-oriented client for `ecdh-lab serve` (or any peer of the same
 * protocol): each stdin line becomes one message, each reply is printed as one line.
 */
import * as readline from 'node:readline';
import { utf8ToBytes } from '../bytes/index.js';
import type { PrivateKey } from '../keys/private-key.js';
import type { PublicKey } from '../keys/public-key.js';
import { connect as dial } from '../net/client.js';
import type { SecureChannel } from '../net/secure-channel.js';
import { describeError } from '../net/server.js';
import { defineCommand } from './command.js';
import { CONNECTION_FLAGS, connectionFlags, ephemeralStaticKey } from './channel-flags.js';
import { refuseOption, UsageError } from './args.js';
import { readPrivateKeyFile, readPublicKeyFile, reportErrors } from './key-files.js';

export const connect = defineCommand({
  summary: 'send stdin lines over the secure channel and print the replies',
  synopsis:
    'connect --protocol tutorial|nn|nk|xx [--host 127.0.0.1] [--port 65432] [--server-key server-pub.pem] [--key client.pem]',
  description:
    'Connects, runs the handshake, then sends each line of stdin (without its newline) as one\n' +
    'message and prints each reply as one line. Exits 0 once stdin has ended and every reply has\n' +
    "arrived. nk needs --server-key (the server's PEM public key); with xx, --server-key pins the\n" +
    "server's key and --key is the client's static key (without it a fresh key is generated and\n" +
    'its public PEM printed on stderr). A handshake or authentication failure prints the reason\n' +
    'on stderr and exits 1.',
  options: {
    ...CONNECTION_FLAGS,
    'server-key': {
      type: 'string',
      placeholder: 'FILE',
      help: "the server's static public key, PEM (nk: required; xx: pin)",
    },
    key: { type: 'string', placeholder: 'FILE', help: 'xx: the client static private key, PEM' },
  },
  async main(args) {
    const flags = connectionFlags(args);
    const { protocol } = flags;
    if (protocol === 'tutorial' || protocol === 'nn')
      refuseOption(args, 'server-key', `with --protocol ${protocol}`);
    if (protocol !== 'xx') refuseOption(args, 'key', `with --protocol ${protocol}`);
    if (protocol === 'nk' && args.options['server-key'] === undefined)
      throw new UsageError("--protocol nk needs --server-key (the server's public key)");
    let staticKey: PrivateKey | undefined;
    let remoteStaticKey: PublicKey | undefined;
    const read = await reportErrors('connect', () => {
      if (typeof args.options.key === 'string') staticKey = readPrivateKeyFile(args.options.key);
      if (typeof args.options['server-key'] === 'string')
        remoteStaticKey = readPublicKeyFile(args.options['server-key']);
      return 0;
    });
    if (read !== 0) return read;
    if (protocol === 'xx' && staticKey === undefined) staticKey = ephemeralStaticKey('connect');
    let channel: SecureChannel;
    try {
      channel = await dial({ ...flags, staticKey, remoteStaticKey });
    } catch (error) {
      const handshake = (error as { code?: string }).code === 'HANDSHAKE_FAILED';
      process.stderr.write(
        `ecdh-lab connect: ${handshake ? 'handshake failed' : 'connection failed'}: ${describeError(error)}\n`,
      );
      if (handshake && (protocol === 'nk' || remoteStaticKey !== undefined))
        process.stderr.write('ecdh-lab connect: (is --server-key the key this server uses?)\n');
      return 1;
    }
    return relay(channel, protocol === 'xx');
  },
});

/**
 * Sends stdin lines, prints replies; resolves with the exit code: 0 once stdin has ended and
 * every reply has arrived, 1 if the server ends the connection before that.
 */
function relay(channel: SecureChannel, xx: boolean): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    let inputDone = false;
    let finished = false;
    const finish = (code: number, message?: string) => {
      if (finished) return;
      finished = true;
      if (message !== undefined) process.stderr.write(`ecdh-lab connect: ${message}\n`);
      lines.close();
      process.stdin.destroy();
      void channel.close().then(() => resolve(code));
    };
    channel.on('message', (message: Uint8Array) => {
      received++;
      process.stdout.write(Buffer.concat([message, Buffer.of(0x0a)]));
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
        finish(1, `${error ? `connection closed: ${describeError(error)}` : early()}${hint()}`);
    });
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (finished) return;
      sent++;
      channel
        .send(utf8ToBytes(line))
        .catch((error) => finish(1, `cannot send: ${describeError(error)}`));
    });
    lines.on('close', () => {
      inputDone = true;
      if (received === sent) finish(0);
    });
  });
}
