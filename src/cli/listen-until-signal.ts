/// <reference types="node" />
/**
 * The life of `serve`, whatever the protocol: listen, print "listening on HOST:PORT", run
 * until SIGINT or SIGTERM, then close every connection and return the exit code.
 */
import { formatAddress, type SecureServer } from '../net/server.js';
import { listenFailure } from './network-errors.js';

/**
 * Listens on host:port until a signal; 0 after a clean shutdown, 1 when listening fails.
 */
export async function listenUntilSignal(
  server: SecureServer,
  host: string,
  port: number,
): Promise<number> {
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
    address = await server.listen(port, host);
  } catch (error) {
    process.stderr.write(`ecdh-lab serve: ${listenFailure(error, host, port)}\n`);
    stop();
    await server.close();
    return 1;
  }
  process.stdout.write(`listening on ${formatAddress(address.host, address.port)}\n`);
  await stopped;
  await server.close();
  return 0;
}
