/**
 * The line layout of the traces (src/explain/format.ts): everything within LINE_WIDTH, hex
 * wrapped under its first column in whole 32-bit groups, tables that do not fit printed as
 * records.
 */
import { firstThatFits, fitTable, groupHex, labelled, LINE_WIDTH } from '../../src/explain/format';

const width = (lines: string[]) => Math.max(...lines.map((l) => [...l].length));

describe('labelled', () => {
  it('keeps a short value on the label line, with its note', () => {
    expect(labelled('key  ', 'abcd', '(note)')).toEqual(['key  abcd   (note)']);
    expect(labelled('info (0 bytes)  ', '')).toEqual(['info (0 bytes)']); // an empty value
    expect(labelled('info  ', '', '(none)')).toEqual(['info   (none)']);
  });

  it('wraps long hex in groups of 4 or 8 words, aligned under the value', () => {
    const value = groupHex(new Uint8Array(100).fill(0xab)); // 25 groups
    const lines = labelled('T(2) input (100 bytes)  ', value);
    expect(width(lines)).toBeLessThanOrEqual(LINE_WIDTH);
    expect(lines.map((l) => l.slice(24).split(' ').length)).toEqual([8, 8, 8, 1]);
    for (const line of lines.slice(1)) expect(line.indexOf('ab')).toBe(24);
    expect(lines.join(' ').replace(/T\(2\) input \(100 bytes\)|\s/g, '')).toBe('ab'.repeat(100));
  });

  it('moves a note that does not fit to a line of its own, and a very long label above', () => {
    const lines = labelled(
      'salt  (32 bytes)  ',
      groupHex(new Uint8Array(32)),
      '(none given: 32 zero bytes)',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${' '.repeat(18)}(none given: 32 zero bytes)`);
    const long = labelled(`${'x'.repeat(70)}  `, groupHex(new Uint8Array(32)));
    expect(long[0]).toBe('x'.repeat(70));
    expect(width(long)).toBeLessThanOrEqual(LINE_WIDTH);
  });
});

describe('fitTable and firstThatFits', () => {
  it('prints a narrow table as a table and a wide one as records', () => {
    expect(fitTable(['i', 'r'], [['0', '5']])).toEqual(['i  r', '─  ─', '0  5']);
    const big = `0x${groupHex('f'.repeat(64))}`;
    const records = fitTable(
      ['i', 'q', 'r'],
      [
        ['0', '', big],
        ['…', '', '(9 rows omitted)'],
        ['1', big, big],
      ],
    );
    expect(records).toEqual([
      'i 0',
      `  r  ${big}`,
      '…  (9 rows omitted)',
      'i 1',
      `  q  ${big}`,
      `  r  ${big}`,
    ]);
    expect(width(records)).toBeLessThanOrEqual(LINE_WIDTH);
  });

  it('picks the first layout whose lines all fit', () => {
    expect(firstThatFits(['x'.repeat(101)], ['short'])).toEqual(['short']);
    expect(firstThatFits(['fits'], ['short'])).toEqual(['fits']);
  });
});
