/**
 * Every `@example` in src/channel/*.ts runs (every public function has one runnable example). Each example
 * is cut out of its doc comment and evaluated as a function body with the channel's exports in
 * scope plus the few free names the examples use (`socket`, `prologue`, `serverKey`, `myKey`,
 * `cs`, `h`, `payload`, `ck`, `dhOutput`, `suite`, `randomBytes`), bound to small real values.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as channel from '../../src/noise.js';
import { NonceSet } from '../../src/channel/nonce-set.js';
import { utf8ToBytes } from '../../src/bytes/index.js';
import { randomBytes } from '../../src/random.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { examplesOf, runExample } from '../support/examples';

const dir = path.join(__dirname, '../../src/channel');

function scope(): Record<string, unknown> {
  const myKey = PrivateKey.generate();
  const cs = new channel.CipherState(channel.p256Suite);
  cs.initializeKey(new Uint8Array(32));
  return {
    ...channel,
    NonceSet, // internal (not exported from the package)
    utf8ToBytes,
    randomBytes,
    PrivateKey,
    socket: { write: (bytes: Uint8Array) => expect(bytes).toBeInstanceOf(Uint8Array) },
    prologue: channel.PROLOGUE,
    serverKey: PrivateKey.generate().publicKey.toRaw(),
    myKey,
    nonce: new Uint8Array(12),
    cs,
    h: new Uint8Array(32),
    payload: utf8ToBytes('payload'),
    ck: new Uint8Array(32),
    dhOutput: new Uint8Array(32),
    suite: channel.p256Suite,
  };
}

const cases = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) =>
    examplesOf(fs.readFileSync(path.join(dir, file), 'utf8')).map((code): [string, string] => [
      file,
      code,
    ]),
  );

describe('@example blocks in src/channel', () => {
  it('finds them', () => expect(cases.length).toBeGreaterThanOrEqual(11));

  // Run as test/support/examples.ts says: stated results (`// true`) are checked.
  it.each(cases)('%s: %s', async (_file, code) => {
    await runExample(code, scope());
  });
});
