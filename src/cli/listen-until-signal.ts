/// <reference types="node" />
/**
 * The life of a long-running command (`serve`, whatever the protocol, and `playground`): start
 * listening, print the line that says where, run until SIGINT or SIGTERM, then close every
 * connection and return the exit code.
 */
import { formatAddress } from '../net/address.js';
import type { SecureServer } from '../net/server.js';
import { listenFailure } from './network-errors.js';

/** A server that is listening: the line that announces it, and how to close it. */
export interface Listening {
  readonly announcement: string;
  close(): Promise<void>;
}

/**
 * Runs `start()` and then waits for a signal; 0 after a clean shutdown, 1 when `start` fails
 * (its error on stderr, as "ecdh-lab COMMAND: …" for host:port).
 */
export async function runUntilSignal(
  command: string,
  host: string,
  port: number,
  start: () => Promise<Listening>,
): Promise<number> {
  // Signal handlers go in before the address is announced, so a signal sent as soon as that
  // line is read always finds them.
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
  let listening: Listening;
  try {
    listening = await start();
  } catch (error) {
    stop();
    process.stderr.write(`ecdh-lab ${command}: ${listenFailure(error, host, port)}\n`);
    return 1;
  }
  process.stdout.write(`${listening.announcement}\n`);
  await stopped;
  await listening.close();
  return 0;
}

/**
 * `serve`: listens on host:port until a signal, announced as "listening on HOST:PORT"; 0 after
 * a clean shutdown, 1 when listening fails.
 */
export function listenUntilSignal(
  server: SecureServer,
  host: string,
  port: number,
): Promise<number> {
  return runUntilSignal('serve', host, port, async () => {
    let address: { host: string; port: number };
    try {
      address = await server.listen(port, host);
    } catch (error) {
      await server.close();
      throw error;
    }
    return {
      announcement: `listening on ${formatAddress(address.host, address.port)}`,
      close: () => server.close(),
    };
  });
}
