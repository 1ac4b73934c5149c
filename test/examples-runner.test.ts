/**
 * The `@example` runner (./support/examples.ts) checks what it says it checks: a wrong stated
 * result, a wrong `equals`, a missing throw or a missing import fails the example. (Its inputs
 * are made up here: the runner's own behaviour is under test, not the library's.)
 */
import { parseStated, runExample } from './support/examples';

const scope = { double: (x: bigint) => 2n * x, bytes: Uint8Array.of(1, 2) };

describe('the @example runner', () => {
  it.each([
    ['double(2n) // 4n', 1],
    ['double(2n) // 4n: 2 + 2', 1],
    ["'ab' + 'c' // 'a…c'", 1],
    ['bytes // Uint8Array [1, 2]', 1],
    ['({ x: 1n, y: [2] }) // { x: 1n, y: [2] }', 1],
    ['double(3n) // equals 6n', 1],
    ['const z = double(3n) // = double(1n) * 3n', 1],
    ['double(2n) // 2n or 4n, prose', 0],
    ['double(2n) // 03 02 (hex prose)', 0],
    ['const x = await Promise.resolve(1 as number)!\nx // 1', 1],
    ["throw new RangeError('no') // throws RangeError", 1],
  ])('runs %j and checks %d stated results', async (code, checks) => {
    expect((await runExample(code, scope)).checks).toBe(checks);
  });

  it.each([
    'double(2n) // 5n',
    "'abc' // 'b…'",
    'bytes // Uint8Array [1, 3]',
    '({ x: 1n, y: 2n }) // { x: 1n }',
    'double(3n) // equals 7n',
    '1 // throws RangeError',
    "throw new TypeError('no') // throws RangeError",
  ])('refuses %j', async (code) => {
    await expect(runExample(code, scope)).rejects.toThrow();
  });

  it('reads imports from the entry points it is given, and refuses a name they lack', async () => {
    const modules = { 'ecdh-lab': { one: 1 } };
    await expect(
      runExample("import { one } from 'ecdh-lab'\none // 1", {}, modules),
    ).resolves.toEqual({ checks: 1 });
    await expect(runExample("import { two } from 'ecdh-lab'", {}, modules)).rejects.toThrow(
      'ecdh-lab does not export two',
    );
  });

  it('reads a literal only when prose does not continue it', () => {
    expect(parseStated('81 mod 7 = 4n')).toBeUndefined();
    expect(parseStated('5n, since 3·5 = 15')).toEqual({ kind: 'value', value: 5n });
    expect(parseStated('[2n, 3n]')).toEqual({
      kind: 'array',
      items: [
        { kind: 'value', value: 2n },
        { kind: 'value', value: 3n },
      ],
    });
  });
});
