// @ts-check
/**
 * `npm run memory [-- --connections N] [--protocol nn|nk|xx]`
 *
 * What an idle established connection costs the server: a child process runs the built
 * library's server (dist/esm, node.ts `createServer`, an echo handler); this process opens
 * N connections to it (default 1,000, Noise NN), exchanges one short message on each so both
 * directions' keys have been used, and leaves them open and idle. The child reports its RSS
 * (and V8's heap and external memory) after a full GC, before and after; the difference over
 * N is the cost per connection.
 */
import { fork } from 'node:child_process';
import * as os from 'node:os';

const DIST = new URL('../dist/esm/', import.meta.url);
/** Connections opened at once. */
const BATCH = 25;
/** Connections opened and closed before the baseline. */
const WARM_UP = 500;

function parse(argv) {
  const options = { connections: 1000, protocol: 'nn', help: false, server: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--connections') options.connections = Number(argv[++i]);
    else if (a === '--protocol') options.protocol = argv[++i];
    else if (a === '--server') options.server = true;
    else if (a === '--help' || a === '-h') options.help = true;
    else throw new Error(`memory: unknown argument ${a}`);
  }
  if (!Number.isInteger(options.connections) || options.connections < 1)
    throw new Error('memory: --connections must be a positive integer');
  if (!['nn', 'nk', 'xx'].includes(options.protocol))
    throw new Error('memory: --protocol must be nn, nk or xx');
  return options;
}

/** The child: a server that answers 'measure' with its memory after a full GC. */
async function server(protocol) {
  const { createServer } = await import(new URL('node.js', DIST).href);
  const { generatePrivateKey } = await import(new URL('index.js', DIST).href);
  const staticKey = protocol === 'nn' ? undefined : generatePrivateKey();
  let open = 0;
  const srv = createServer(
    {
      protocol,
      staticKey,
      maxConnections: 100_000,
      // All clients come from 127.0.0.1; a per-address cap, where the server has one, must not bite.
      maxConnectionsPerAddress: 100_000,
      log: () => {},
    },
    async (channel) => {
      open++;
      try {
        for await (const message of channel) await channel.send(message);
      } finally {
        open--;
      }
    },
  );
  const { port } = await srv.listen(0, '127.0.0.1');
  const publicKey = staticKey ? staticKey.publicKey.toPem() : undefined;
  process.send?.({ type: 'listening', port, publicKey });
  process.on('disconnect', () => process.exit(0)); // the parent is gone: do not linger
  process.on('message', (message) => {
    if (message === 'measure') {
      for (let i = 0; i < 3; i++) globalThis.gc?.();
      const m = process.memoryUsage();
      process.send?.({
        type: 'memory',
        open,
        rss: m.rss,
        heap: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
      });
      if (process.env.MEMORY_DEBUG) console.error(JSON.stringify(m));
    } else if (message === 'exit') {
      srv.close().then(() => process.exit(0));
    }
  });
}

function request(child, type) {
  return new Promise((resolve) => {
    const on = (message) => {
      if (message.type === type) {
        child.off('message', on);
        resolve(message);
      }
    };
    child.on('message', on);
    if (type === 'memory') child.send('measure');
  });
}

async function main(options) {
  const { connect } = await import(new URL('node.js', DIST).href);
  const { PublicKey, generatePrivateKey } = await import(new URL('index.js', DIST).href);
  const child = fork(new URL(import.meta.url), ['--server', '--protocol', options.protocol], {
    execArgv: ['--expose-gc'],
  });
  const { port, publicKey } = await request(child, 'listening');
  const clientOptions = {
    protocol: options.protocol,
    port,
    host: '127.0.0.1',
    ...(publicKey ? { remoteStaticKey: PublicKey.fromPem(publicKey) } : {}),
    ...(options.protocol === 'xx' ? { staticKey: generatePrivateKey() } : {}),
  };
  const hello = new TextEncoder().encode('hello');
  const open = async () => {
    const channel = await connect(clientOptions);
    await channel.send(hello);
    // The echo, read without leaving a for-await loop (which would close the channel).
    await channel[Symbol.asyncIterator]().next();
    return channel;
  };
  /** Opens `count` connections, BATCH at a time, as the measured run does. */
  const openMany = async (count) => {
    const channels = [];
    for (let i = 0; i < count; i += BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(count, i + BATCH); j++) batch.push(open());
      channels.push(...(await Promise.all(batch)));
    }
    return channels;
  };
  // Warm-up: the same handshake load as the measured run, then every connection closed. Code
  // is compiled and V8's young generation has grown to what this load needs (handshakes make
  // much short-lived garbage), so the baseline is a server that has been serving handshakes.
  const warm = await openMany(Math.min(options.connections, WARM_UP));
  await Promise.all(warm.map((channel) => channel.close()));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = await request(child, 'memory');
  const started = Date.now();
  const channels = await openMany(options.connections);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = await request(child, 'memory');
  const n = options.connections;
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  console.log(
    `ecdh-lab memory — Node ${process.versions.node}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${process.platform}`,
  );
  console.log(
    `${n} idle ${options.protocol.toUpperCase()} connections (one 5-byte echo each, opened in ${seconds.toFixed(1)} s); server open channels ${after.open}`,
  );
  console.log(
    `server RSS ${kib(before.rss)} KiB → ${kib(after.rss)} KiB: ${kib((after.rss - before.rss) / n)} KiB per connection`,
  );
  console.log(
    `V8 heap + external ${kib(before.heap + before.external)} KiB → ${kib(after.heap + after.external)} KiB: ${kib((after.heap + after.external - before.heap - before.external) / n)} KiB per connection`,
  );
  await Promise.all(channels.map((channel) => channel.close()));
  child.send('exit');
}

const options = parse(process.argv.slice(2));
if (options.help) {
  console.log(
    'usage: npm run memory -- [--connections N] [--protocol nn|nk|xx]\n\n' +
      '  --connections N   idle connections to open (default 1000)\n' +
      '  --protocol NAME   the Noise pattern: nn (default), nk or xx',
  );
} else if (options.server) {
  await server(options.protocol);
} else {
  await main(options);
}
