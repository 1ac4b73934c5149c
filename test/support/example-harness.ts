/**
 * The context of the `@example`s that need more than values: a certificate chain, live sockets,
 * a DOM. test/examples.test.ts asks `contextFor(name)` before each such example and calls the
 * returned `close()` after it, whether it passed or not.
 *
 * - Certificates: a root CA, an intermediate and a leaf for localhost, 127.0.0.1 and
 *   example.com, issued once by ecdh-lab's own X.509 builder and ECDSA (`pki()`), and a
 *   PKCS #10 request; the examples read them as files through a small in-memory `fs`.
 * - Sockets: the servers an example talks to are real (ecdh-lab's own createServer, node:tls,
 *   node:https) and listen on 127.0.0.1 port 0. Every server, channel and stream an example
 *   opens through `createServer`, `connect`, `tlsConnect` or `tlsStream` is recorded by the
 *   harness's thin wrappers (the real functions, plus a note of what to close), and `close()`
 *   closes them all; the test then checks that no TCP handle is left.
 * - DOM: `h` and `svg` of src/playground/dom.ts use five DOM calls; `fakeDom()` installs a
 *   `document` and `Node` with just those, and serialises the tree as HTML for the stated result.
 */
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as node from '../../src/node';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import type { TlsExplainTransport } from '../../src/explain/tls';
import { issueCertificate, selfSignedCertificate } from '../../src/x509/builder';
import type { Certificate } from '../../src/x509/certificate';
import { type CertificationRequest, createCertificationRequest } from '../../src/x509/csr';
import type { SignatureHash, Signer } from '../../src/x509/signature';

// ---- certificates ------------------------------------------------------------------------------

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };

/** X.509's Signer over a private key: ecdh-lab's ECDSA, DER signatures. */
export const signerOf = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message: Uint8Array, hash: SignatureHash) =>
    key.sign(message, { hash: HASHES[hash], format: 'der' }),
});

export interface Pki {
  rootKey: PrivateKey;
  root: Certificate;
  interKey: PrivateKey;
  inter: Certificate;
  leafKey: PrivateKey;
  leaf: Certificate;
  /** A request for CN=localhost, signed by leafKey. */
  csr: CertificationRequest;
}

let made: Pki | undefined;

/** The chain root → intermediate → leaf (localhost, 127.0.0.1, example.com), made once. */
export function pki(): Pki {
  if (made !== undefined) return made;
  const notBefore = new Date(Date.now() - 3600_000);
  const rootKey = PrivateKey.generate();
  const interKey = PrivateKey.generate();
  const leafKey = PrivateKey.generate();
  const root = selfSignedCertificate({
    signer: signerOf(rootKey),
    subject: 'CN=Test Root,O=Example',
    notBefore,
    days: 30,
  });
  const inter = issueCertificate({
    issuerCertificate: root,
    issuerSigner: signerOf(rootKey),
    subject: 'CN=Test Intermediate,O=Example',
    publicKey: interKey.publicKey,
    ca: true,
    notBefore,
    days: 30,
  });
  const leaf = issueCertificate({
    issuerCertificate: inter,
    issuerSigner: signerOf(interKey),
    subject: 'CN=localhost',
    publicKey: leafKey.publicKey,
    subjectAltNames: { dns: ['localhost', 'example.com'], ip: ['127.0.0.1'] },
    extendedKeyUsage: ['serverAuth'],
    notBefore,
    days: 30,
  });
  const csr = createCertificationRequest({
    signer: signerOf(leafKey),
    subject: 'CN=localhost',
    subjectAltNames: { dns: ['localhost'] },
  });
  made = { rootKey, root, interKey, inter, leafKey, leaf, csr };
  return made;
}

/** The files the x509 and net examples read, as a small in-memory `fs`. */
export function pkiFiles(): Record<string, string | Uint8Array> {
  const { root, inter, leaf, leafKey, csr } = pki();
  return {
    'leaf.der': leaf.toDer(),
    'ca.crt': root.toPem(),
    'ca.pem': root.toPem(),
    'chain.pem': leaf.toPem() + inter.toPem(),
    'server.key': leafKey.toPem(),
    'req.csr': csr.toPem(),
  };
}

/** readFileSync over `files`: bytes without an encoding, text with one. */
export function readerOf(
  files: Record<string, string | Uint8Array>,
): (name: string, encoding?: string) => string | Uint8Array {
  return (name, encoding) => {
    const content = files[name];
    if (content === undefined) throw new Error(`example fs: no file ${name}`);
    if (encoding === undefined)
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return typeof content === 'string'
      ? content
      : Buffer.from(content).toString(encoding as BufferEncoding);
  };
}

// ---- sockets -----------------------------------------------------------------------------------

/** What an example needs in scope, and how to close what it and the harness opened. */
export interface ExampleContext {
  bindings: Record<string, unknown>;
  /** After the example (and its stated results) ran: extra checks of what it did. */
  after?: () => Promise<void> | void;
  close: () => Promise<void>;
}

/** Closes what the wrapped functions opened, last first. */
class Tracker {
  readonly #closers: (() => unknown)[] = [];
  add(close: () => unknown): void {
    this.#closers.push(close);
  }
  /** createServer, connect, tlsConnect, tlsStream: the real functions, with a note of what to close. */
  wrapped(): Record<string, unknown> {
    return {
      createServer: ((...args: Parameters<typeof node.createServer>) => {
        const server = node.createServer(...args);
        this.add(() => server.close());
        return server;
      }) as typeof node.createServer,
      connect: async (options: node.ConnectOptions) => {
        const channel = await node.connect(options);
        this.add(() => channel.close());
        return channel;
      },
      tlsConnect: async (options: node.TlsConnectOptions) => {
        const channel = await node.tlsConnect(options);
        this.add(() => channel.close());
        return channel;
      },
      tlsStream: (options: node.TlsConnectOptions) => {
        const stream = node.tlsStream(options);
        this.add(() => void stream.destroy());
        return stream;
      },
    };
  }
  async close(): Promise<void> {
    for (const close of this.#closers.splice(0).reverse()) await close();
  }
}

const echo = async (
  channel: AsyncIterable<Uint8Array> & { send(m: Uint8Array): Promise<void> },
) => {
  for await (const message of channel) await channel.send(message);
};

/** A node:https server (a real peer) for localhost, answering 200 "hello" and closing. */
async function httpsServer(tracker: Tracker): Promise<number> {
  const { leaf, inter, leafKey } = pki();
  const server = https.createServer(
    { cert: leaf.toPem() + inter.toPem(), key: leafKey.toPem(), minVersion: 'TLSv1.3' },
    (_request, response) => response.writeHead(200, { Connection: 'close' }).end('hello'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tracker.add(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

/** A TCP socket as the byte stream traceTlsOver drives. */
async function socketTransport(port: number, tracker: Tracker): Promise<TlsExplainTransport> {
  const socket = net.connect({ host: '127.0.0.1', port });
  tracker.add(() => void socket.destroy());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: (Uint8Array | undefined)[] = [];
  const waiting: ((chunk: Uint8Array | undefined) => void)[] = [];
  const deliver = (chunk: Uint8Array | undefined) => {
    const reader = waiting.shift();
    if (reader !== undefined) reader(chunk);
    else chunks.push(chunk);
  };
  socket.on('data', (data: Buffer) => deliver(new Uint8Array(data)));
  socket.on('end', () => deliver(undefined));
  socket.on('error', () => deliver(undefined));
  return {
    write: (bytes) => void socket.write(bytes),
    read: () =>
      chunks.length > 0
        ? Promise.resolve(chunks.shift())
        : new Promise((resolve) => waiting.push(resolve)),
    close: () => void socket.end(),
  };
}

/** The server end of a connection: an echo client on the other end sends 'hello' and hangs up. */
async function serverSide(
  tracker: Tracker,
  protocol: 'nn' | 'tls',
): Promise<{ channel: unknown; release: () => void; clientDone: Promise<string> }> {
  const { leaf, inter, leafKey, root } = pki();
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let accept: (channel: unknown) => void = () => {};
  const accepted = new Promise((resolve) => (accept = resolve));
  const handler = (channel: unknown) => {
    accept(channel);
    return released; // the example holds the channel until it is done
  };
  const server =
    protocol === 'tls'
      ? node.createServer({ protocol, cert: leaf.toPem() + inter.toPem(), key: leafKey }, handler)
      : node.createServer({ protocol }, handler);
  tracker.add(() => server.close());
  tracker.add(release);
  const { port } = await server.listen(0, '127.0.0.1');
  const client =
    protocol === 'tls'
      ? await node.tlsConnect({
          host: '127.0.0.1',
          servername: 'localhost',
          port,
          ca: root.toPem(),
        })
      : await node.connect({ protocol, port });
  tracker.add(() => client.close());
  const clientDone = (async () => {
    await client.send(new TextEncoder().encode('hello'));
    const iterator = client[Symbol.asyncIterator]();
    const reply = await iterator.next();
    await client.close();
    return new TextDecoder().decode(reply.value as Uint8Array);
  })();
  return { channel: await accepted, release, clientDone };
}

/** A DOM with just what src/playground/dom.ts calls; `outerHTML` for the stated results. */
export function fakeDom(): { install: () => void; remove: () => void } {
  class FakeNode {
    readonly childNodes: FakeNode[] = [];
    appendChild(child: FakeNode): FakeNode {
      this.childNodes.push(child);
      return child;
    }
  }
  class FakeText extends FakeNode {
    constructor(readonly data: string) {
      super();
    }
    get outerHTML(): string {
      return this.data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    }
  }
  class FakeElement extends FakeNode {
    readonly attributes: [string, string][] = [];
    constructor(
      readonly tagName: string,
      readonly namespaceURI: string,
    ) {
      super();
    }
    setAttribute(name: string, value: string): void {
      this.attributes.push([name, value]);
    }
    get outerHTML(): string {
      const attributes = this.attributes.map(([n, v]) => ` ${n}="${v.replace(/"/g, '&quot;')}"`);
      const inner = this.childNodes.map((c) => (c as FakeText | FakeElement).outerHTML).join('');
      return `<${this.tagName}${attributes.join('')}>${inner}</${this.tagName}>`;
    }
  }
  const document = {
    createElement: (tag: string) => new FakeElement(tag, 'http://www.w3.org/1999/xhtml'),
    createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
    createTextNode: (data: string) => new FakeText(data),
  };
  const global = globalThis as Record<string, unknown>;
  return {
    install: () => {
      global.document = document;
      global.Node = FakeNode;
    },
    remove: () => {
      delete global.document;
      delete global.Node;
    },
  };
}

/**
 * The context of the examples that need live servers or a DOM, by test name ("file: first
 * line"); undefined for the others.
 */
export async function contextFor(name: string, code: string): Promise<ExampleContext | undefined> {
  const tracker = new Tracker();
  const base = { ...tracker.wrapped(), https };
  const context = (bindings: Record<string, unknown>, after?: () => Promise<void> | void) => ({
    bindings: { ...base, ...bindings },
    after,
    close: () => tracker.close(),
  });
  const { root, leaf, inter, leafKey } = pki();
  const [file] = name.split(': ', 1);
  try {
    if (file === 'playground/dom.ts') {
      const dom = fakeDom();
      dom.install();
      tracker.add(dom.remove);
      return context({});
    }
    if (name.startsWith('net/client.ts: ')) {
      const staticKey = PrivateKey.generate();
      const server = node.createServer({ protocol: 'nk', staticKey }, echo);
      tracker.add(() => server.close());
      const { port } = await server.listen(0, '127.0.0.1');
      return context({ port, serverKey: staticKey.publicKey });
    }
    if (name.startsWith('net/server.ts: const server = createServer'))
      return context({ staticKey: PrivateKey.generate() });
    if (name.startsWith('net/server.ts: const { port } = server.address()')) {
      const server = node.createServer({ protocol: 'nn' });
      tracker.add(() => server.close());
      const listening = await server.listen(0, '127.0.0.1');
      return context({ server }, () => expect(server.address()).toEqual(listening));
    }
    if (
      name.startsWith('net/secure-channel.ts: for await') ||
      name.startsWith('net/tls-channel.ts: for await')
    ) {
      const protocol = file === 'net/tls-channel.ts' ? 'tls' : 'nn';
      const { channel, release, clientDone } = await serverSide(tracker, protocol);
      return context({ channel }, async () => {
        release(); // the handler settles: the server closes its end once the client has
        expect(await clientDone).toBe('hello');
      });
    }
    if (name.startsWith('net/secure-channel.ts: await channel.close()')) {
      const server = node.createServer({ protocol: 'nn' }, echo);
      tracker.add(() => server.close());
      const { port } = await server.listen(0, '127.0.0.1');
      const channel = await node.connect({ protocol: 'nn', port });
      tracker.add(() => channel.close());
      return context({ channel }, async () => {
        expect(channel.isOpen).toBe(false);
        expect(await channel.closed).toBeUndefined();
      });
    }
    if (file === 'explain/tls.ts' && !name.includes('traceTlsOver')) return undefined;
    if (
      file === 'net/tls-channel.ts' ||
      file === 'net/tls-client.ts' ||
      file === 'explain/tls.ts'
    ) {
      const files = pkiFiles();
      if (code.includes('https.')) {
        const port = await httpsServer(tracker);
        const channel = code.includes('channel.duplex()')
          ? await node.tlsConnect({ host: 'localhost', port, ca: root.toPem() })
          : undefined;
        if (channel !== undefined) tracker.add(() => channel.close());
        return context({ port, channel, ca: root.toPem() });
      }
      if (file === 'explain/tls.ts') {
        const server = tls.createServer(
          { cert: leaf.toPem() + inter.toPem(), key: leafKey.toPem(), minVersion: 'TLSv1.3' },
          (socket) => socket.on('error', () => {}).end(),
        );
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        tracker.add(() => new Promise((resolve) => server.close(resolve)));
        const { port } = server.address() as net.AddressInfo;
        return context({
          port,
          ca: root.toPem(),
          socketTransport: await socketTransport(port, tracker),
        });
      }
      // An ecdh-lab TLS echo server for localhost; `channel` is a client connected to it.
      let accept: (channel: node.TlsChannel) => void = () => {};
      const serverChannel = new Promise<node.TlsChannel>((resolve) => (accept = resolve));
      const server = node.createServer(
        { protocol: 'tls', cert: leaf.toPem() + inter.toPem(), key: leafKey },
        async (channel) => {
          accept(channel);
          await echo(channel);
        },
      );
      tracker.add(() => server.close());
      const { port } = await server.listen(0, '127.0.0.1');
      if (file === 'net/tls-client.ts') return context({ port, readFileSync: readerOf(files) });
      const channel = await node.tlsConnect({ host: 'localhost', port, ca: root.toPem() });
      tracker.add(() => channel.close());
      return context({ channel }, async () => {
        if (!code.includes('exportKeyingMaterial')) {
          expect(channel.isOpen).toBe(false);
          return;
        }
        // Both ends derive the same exporter value (RFC 8446 §7.5).
        const label = 'EXPERIMENTAL my-app';
        expect((await serverChannel).exportKeyingMaterial(label, new Uint8Array(0), 32)).toEqual(
          channel.exportKeyingMaterial(label, new Uint8Array(0), 32),
        );
      });
    }
    if (file === 'cli/playground-server.ts' || file === 'node.ts') return context({});
    return undefined;
  } catch (error) {
    await tracker.close();
    throw error;
  }
}

/** The TCP handles (servers and sockets) open now, to check that an example left none. */
export function tcpHandles(): number {
  return process
    .getActiveResourcesInfo()
    .filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap').length;
}
