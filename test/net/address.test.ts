/**
 * src/net/address.ts: the one formatting of "host:port" (RFC 3986 §3.2.2 brackets for IPv6),
 * used by the server's log lines, a channel's `remote` and the CLI's messages. The values are
 * the loopback addresses and ports of the test's own connection.
 */
import { formatAddress } from '../../src/net/address.js';
import { connect } from '../../src/net/client.js';
import { createServer } from '../../src/net/server.js';

describe('formatAddress', () => {
  it('IPv4 and names as host:port, IPv6 in brackets', () => {
    expect(formatAddress('127.0.0.1', 8223)).toBe('127.0.0.1:8223');
    expect(formatAddress('localhost', '?')).toBe('localhost:?');
    expect(formatAddress('::1', 65432)).toBe('[::1]:65432');
    expect(formatAddress('::ffff:127.0.0.1', 1)).toBe('[::ffff:127.0.0.1]:1');
    expect(formatAddress('?', '?')).toBe('?:?');
  });
});

describe("a channel's remote", () => {
  it("is the peer's socket address, formatted by formatAddress, on both sides", async () => {
    const seen: string[] = [];
    const server = createServer({ protocol: 'nn', log: () => {} }, async (channel) => {
      seen.push(channel.remote);
      for await (const message of channel) await channel.send(message);
    });
    const { port } = await server.listen(0, '127.0.0.1');
    try {
      const channel = await connect({ protocol: 'nn', host: '127.0.0.1', port });
      await channel.send(Uint8Array.of(1));
      await channel[Symbol.asyncIterator]().next();
      expect(channel.remote).toBe(formatAddress('127.0.0.1', port));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^127\.0\.0\.1:\d+$/);
      await channel.close();
    } finally {
      await server.close();
    }
  });
});
