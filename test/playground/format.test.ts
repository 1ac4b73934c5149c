/**
 * The playground's number parsing and formatting (src/playground/dom.ts, src/playground/bench.ts):
 * what a person types is read as they mean it, numbers print as the tour prints them (as
 * src/explain/format.ts does), and the benchmark's units match the README's tables.
 */
import { G } from '../../src/curve/p256';
import { INFINITY } from '../../src/curve/affine';
import {
  formatNumber as explainNumber,
  formatPoint as explainPoint,
} from '../../src/explain/format';
import { benchMarkdown, formatMeasure, formatRatio } from '../../src/playground/bench';
import { formatNumber, formatPoint, groupedHex, parseInteger } from '../../src/playground/dom';

describe('parseInteger', () => {
  it('reads decimal and 0x hex, ignoring spaces and underscores; refuses anything else', () => {
    expect(parseInteger(' 223 ')).toBe(223n);
    expect(parseInteger('-3')).toBe(-3n);
    expect(parseInteger('0xDEAD_beef')).toBe(0xdeadbeefn);
    expect(parseInteger('0x1234 5678')).toBe(0x12345678n);
    for (const bad of ['', 'x', '1.5', '1e3', '0x', '--1', '12a'])
      expect(parseInteger(bad)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('prints numbers and points as src/explain/format.ts does', () => {
    for (const v of [0n, 1n, 223n, 2n ** 32n - 1n, 2n ** 32n, G.x, G.y])
      expect(formatNumber(v)).toBe(explainNumber(v));
    for (const P of [INFINITY, { x: 4n, y: 27n }, G]) expect(formatPoint(P)).toBe(explainPoint(P));
    expect(groupedHex(1n, 4)).toBe('00000001');
  });
  it('gives bench figures in the README units, and the ratio as ecdh-lab speed / WebCrypto speed', () => {
    expect(formatMeasure(0.00038)).toBe('0.38 µs');
    expect(formatMeasure(0.0156)).toBe('15.6 µs');
    expect(formatMeasure(0.2329)).toBe('232.9 µs');
    expect(formatMeasure(1.05)).toBe('1.05 ms');
    expect(formatMeasure(0.5, 65536)).toBe('131 MB/s');
    const row = { name: 'SHA-256 — 1 KiB', lib: 0.004, web: 0.002, agree: true };
    expect(formatRatio(row)).toBe('0.50×');
    expect(benchMarkdown([row]).split('\n')).toEqual([
      '| operation | ecdh-lab | WebCrypto | × |',
      '|---|---|---|---|',
      '| SHA-256 — 1 KiB | 4.00 µs | 2.00 µs | 0.50× |',
    ]);
  });
});
