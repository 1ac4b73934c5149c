/// <reference types="node" />
/**
 * `ecdh-lab playground`: serves the interactive playground (src/playground/, built into
 * dist/esm/playground/) to a browser on this machine. The server is ./playground-server.ts.
 */
import { integerOption } from './args.js';
import { defineCommand } from './command.js';
import { runUntilSignal } from './listen-until-signal.js';
import { startPlaygroundServer } from './playground-server.js';

export const playground = defineCommand({
  summary: 'serve the interactive playground (field, curve, ladder, ECDH, attack) to a browser',
  synopsis: 'playground [--host 127.0.0.1] [--port 8223]',
  description:
    'Serves a page where the library runs in your browser: the field F_p, the toy curve you can ' +
    'click on, the Montgomery ladder step by step beside double-and-add, ECDH then HKDF and ' +
    'AES-GCM (tamper with a byte: AUTH_FAILED), the invalid-curve attack, and ecdh-lab against ' +
    "the browser's WebCrypto. Every number is computed in the page; nothing leaves the machine.\n\n" +
    'Prints "playground at http://HOST:PORT/" first (the real port, also for --port 0), then ' +
    "serves only the package's files until SIGINT or SIGTERM, and exits 0.",
  options: {
    host: {
      type: 'string',
      placeholder: 'HOST',
      help: 'address to listen on (a non-loopback address exposes the page to your network)',
      default: '127.0.0.1',
    },
    port: {
      type: 'string',
      placeholder: 'PORT',
      help: 'TCP port, 0 picks a free one',
      default: '8223',
    },
  },
  async main(args) {
    const port = integerOption(args, 'port', 0, 65535)!;
    const host = args.options.host;
    return runUntilSignal('playground', host, port, async () => {
      const server = await startPlaygroundServer({ host, port });
      return { announcement: `playground at ${server.url}`, close: () => server.close() };
    });
  },
});
