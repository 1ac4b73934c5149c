/// <reference types="node" />
/**
 * The TLS 1.3 modes of `serve` and `connect` (--protocol tls):
 *
 *   serve --protocol tls --cert CHAIN.pem --key KEY.pem          echo over TLS
 *   serve --protocol tls --http …                                one HTTP/1.x request per
 *       connection, answered as `openssl s_server -www` does: `HTTP/1.0 200 ok` and a short text
 *       page naming what the handshake negotiated, then close_notify and close
 *   connect --protocol tls --ca CA.crt [--servername NAME]       a byte stream, as
 *       `openssl s_client -quiet`: stdin to the connection, the connection to stdout; at the end
 *       of stdin a close_notify (half-close), and the exit once the server has closed
 *   --keylog FILE (both)                                         appends the NSS key log lines
 *       (SSLKEYLOGFILE format) with which Wireshark decrypts a capture
 */
import * as fs from 'node:fs';
import { createServer, describeError } from '../net/server.js';
import type { TlsChannel } from '../net/tls-channel.js';
import { tlsConnect } from '../net/tls-client.js';
import { pemCertificateVerifier, pemServerCredential } from '../net/tls-credentials.js';
import { TlsError } from '../tls/alert.js';
import type { TlsServerCredential } from '../tls/authentication.js';
import type { TlsCertificateVerifier } from '../tls/authentication.js';
import { type KeyShareGroup, secp256r1, x25519Group } from '../tls/groups.js';
import { signatureSchemeName } from '../tls/registry.js';
import { UsageError } from './args.js';
import { CommandError, readBytes, reportErrors } from './key-files.js';
import { connectFailure, errnoWords, words } from './network-errors.js';
import { listenUntilSignal } from './listen-until-signal.js';

/** The connection flags as `connectionFlags` returns them. */
interface Flags {
  host: string;
  port: number;
  handshakeTimeout?: number;
  idleTimeout?: number;
  frameTimeout?: number;
  maxMessageLength?: number;
  /** Key-share groups, in order (default: the engine's). */
  groups?: readonly KeyShareGroup[];
}

const GROUP_NAMES: Record<string, KeyShareGroup> = {
  x25519: x25519Group,
  'p-256': secp256r1,
  secp256r1,
  prime256v1: secp256r1,
};

/**
 * --groups: names separated by commas (x25519, P-256 or its aliases secp256r1 and prime256v1).
 * @throws UsageError for an unknown or repeated name
 */
export function tlsGroupsOption(text: string | undefined): KeyShareGroup[] | undefined {
  if (text === undefined) return undefined;
  const groups = text.split(',').map((name) => {
    const group = Object.hasOwn(GROUP_NAMES, name.toLowerCase())
      ? GROUP_NAMES[name.toLowerCase()]
      : undefined;
    if (group === undefined)
      throw new UsageError(`--groups: unknown group '${name}' (x25519, P-256)`);
    return group;
  });
  if (new Set(groups).size !== groups.length) throw new UsageError('--groups: a group is repeated');
  return groups;
}

/** The largest HTTP request head `serve --http` reads before it answers 400. */
const MAX_REQUEST_HEAD = 16384;

/**
 * A key log writer appending to FILE (created with mode 0600: the lines are secrets).
 * @throws CommandError when the file cannot be opened
 */
function keyLogFile(path: string | undefined): ((line: string) => void) | undefined {
  if (path === undefined) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(path, 'a', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(`cannot open the key log ${path}${code ? ` (${code})` : ''}`);
  }
  return (line) => fs.writeSync(fd, `${line}\n`);
}

function readCredential(certPath: string, keyPath: string): TlsServerCredential {
  const cert = readBytes(certPath, 'the certificate chain');
  const key = readBytes(keyPath, 'the private key');
  try {
    return pemServerCredential(cert, key);
  } catch (error) {
    throw new CommandError(`--cert ${certPath} with --key ${keyPath}: ${describeError(error)}`);
  }
}

function readVerifier(caPath: string): TlsCertificateVerifier {
  const ca = readBytes(caPath, 'the CA certificates');
  try {
    return pemCertificateVerifier(ca);
  } catch (error) {
    throw new CommandError(`--ca ${caPath}: ${describeError(error)}`);
  }
}

/** The text page of `serve --http`: what this connection negotiated. */
export function negotiatedPage(channel: TlsChannel, requestLine: string): string {
  const n = channel.negotiated;
  const lines = [
    'ecdh-lab TLS 1.3 server (serve --protocol tls --http)',
    '',
    `Protocol:          ${n.version ?? '?'}`,
    `Cipher suite:      ${n.cipherSuite ?? '?'}`,
    `Group:             ${n.group ?? '?'}`,
    `Signature scheme:  ${n.signatureScheme === undefined ? '?' : signatureSchemeName(n.signatureScheme)}`,
    `HelloRetryRequest: ${n.helloRetryRequest ? 'yes' : 'no'}`,
    `Server name:       ${n.serverName ?? '(none)'}`,
    `ALPN:              ${n.alpn ?? '(none)'}`,
    `Client:            ${channel.remote}`,
    `Request:           ${requestLine}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads one request head, answers it, closes: `openssl s_server -www`'s behaviour. */
async function answerHttp(channel: TlsChannel): Promise<void> {
  let head = '';
  // Not `for await`: leaving that loop early would close the channel before the answer.
  const incoming = channel[Symbol.asyncIterator]();
  while (!/\r?\n\r?\n/.test(head) && head.length <= MAX_REQUEST_HEAD) {
    const { value, done } = await incoming.next();
    if (done) break;
    head += Buffer.from(value).toString('latin1');
  }
  const requestLine = head.split(/\r?\n/, 1)[0];
  const ok = /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(requestLine) && head.length <= MAX_REQUEST_HEAD;
  const body = ok ? negotiatedPage(channel, requestLine) : 'bad request\n';
  const response =
    `HTTP/1.0 ${ok ? '200 ok' : '400 bad request'}\r\n` +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    '\r\n' +
    body;
  if (channel.isOpen) await channel.send(Buffer.from(response, 'utf8'));
  await channel.close();
}

/** `serve --protocol tls`: echo (or --http) over TLS until SIGINT/SIGTERM. */
export async function serveTls(
  flags: Flags & { maxConnections: number; maxConnectionsPerAddress: number },
  files: { cert: string; key: string; keylog?: string },
  http: boolean,
): Promise<number> {
  let credential!: TlsServerCredential;
  let keyLog: ((line: string) => void) | undefined;
  const read = await reportErrors('serve', () => {
    credential = readCredential(files.cert, files.key);
    keyLog = keyLogFile(files.keylog);
    return 0;
  });
  if (read !== 0) return read;
  const server = createServer(
    {
      protocol: 'tls',
      credential,
      alpn: http ? ['http/1.1'] : undefined,
      groups: flags.groups,
      keyLog,
      handshakeTimeout: flags.handshakeTimeout,
      idleTimeout: flags.idleTimeout,
      frameTimeout: flags.frameTimeout,
      maxMessageLength: flags.maxMessageLength,
      maxConnections: flags.maxConnections,
      maxConnectionsPerAddress: flags.maxConnectionsPerAddress,
      log: (line) => process.stderr.write(`${explainLog(line)}\n`),
    },
    async (channel) => {
      try {
        if (http) await answerHttp(channel);
        else for await (const data of channel) await channel.send(data);
      } catch {
        // the server logs why the channel closed
      }
    },
  );
  return listenUntilSignal(server, flags.host, flags.port);
}

function explainLog(line: string): string {
  return line.replace(/\((E[A-Z0-9_]+)\)$/, (_all, code: string) => `(${errnoWords(code)})`);
}

/** `connect --protocol tls`: stdin → connection → stdout; resolves with the exit code. */
export async function connectTls(
  flags: Flags,
  files: { ca: string; servername?: string; keylog?: string },
): Promise<number> {
  let verifier!: TlsCertificateVerifier;
  let keyLog: ((line: string) => void) | undefined;
  const read = await reportErrors('connect', () => {
    verifier = readVerifier(files.ca);
    keyLog = keyLogFile(files.keylog);
    return 0;
  });
  if (read !== 0) return read;
  let channel: TlsChannel;
  try {
    channel = await tlsConnect({
      host: flags.host,
      port: flags.port,
      servername: files.servername,
      groups: flags.groups,
      verifier,
      keyLog,
      handshakeTimeout: flags.handshakeTimeout,
      idleTimeout: flags.idleTimeout,
      frameTimeout: flags.frameTimeout,
      maxMessageLength: flags.maxMessageLength,
    });
  } catch (error) {
    process.stderr.write(
      error instanceof TlsError || (error as { code?: string }).code === 'TIMEOUT'
        ? `ecdh-lab connect: TLS handshake failed: ${describeError(error)}\n`
        : `ecdh-lab connect: ${connectFailure(error, flags.host, flags.port)}\n`,
    );
    return 1;
  }
  return relayBytes(channel);
}

/** stdin → channel (then close_notify), channel → stdout; 0 once the server has closed cleanly. */
function relayBytes(channel: TlsChannel): Promise<number> {
  return new Promise((resolve) => {
    let sending = Promise.resolve();
    channel.on('message', (data: Uint8Array) => process.stdout.write(data));
    const onData = (chunk: Buffer) => {
      process.stdin.pause(); // read no faster than we send
      sending = sending
        .then(() => (channel.isOpen ? channel.send(new Uint8Array(chunk)) : undefined))
        .then(
          () => {
            process.stdin.resume();
          },
          (error) => {
            process.stderr.write(`ecdh-lab connect: cannot send: ${words(error)}\n`);
            void channel.close();
          },
        );
    };
    process.stdin.on('data', onData);
    process.stdin.on('end', () => void sending.then(() => channel.end()));
    channel.closed.then((error) => {
      process.stdin.off('data', onData);
      process.stdin.destroy();
      if (error !== undefined)
        process.stderr.write(`ecdh-lab connect: connection closed: ${describeError(error)}\n`);
      // stdout is flushed before the process exits (main waits for the exit code).
      resolve(error === undefined ? 0 : 1);
    });
  });
}
