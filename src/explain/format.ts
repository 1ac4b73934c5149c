/**
 * Formatting for the traced computations of src/explain: numbers, points and hex grouped so a
 * person can read them in a terminal, tables with aligned columns, and a JSON form of the same
 * data for tools.
 *
 * Conventions:
 *   small numbers (below 2^32) are printed in decimal, as a learner checks them by hand;
 *   large ones (P-256 values) in hex, grouped by 8 digits (32-bit words), most significant first;
 *   in JSON every bigint is a decimal string (read it back with BigInt(s)), every byte string hex.
 *
 * Deliberately not here: colour, terminal width detection, or anything that touches node:.
 */
import { bytesToHex } from '../bytes/hex.js';
import { INFINITY, type AffinePoint } from '../curve/affine.js';

/** Hex split into groups of `group` digits (default 8), e.g. 'deadbeef 01020304'. */
export function groupHex(value: Uint8Array | string, group = 8): string {
  const hex = typeof value === 'string' ? value : bytesToHex(value);
  return (hex.match(new RegExp(`.{1,${group}}`, 'g')) ?? ['']).join(' ');
}

/** A bigint as decimal when small, else as 0x-prefixed hex grouped by 32-bit words (zero-padded to `bytes`). */
export function formatNumber(value: bigint, bytes = 32): string {
  if (value >= 0n && value < 2n ** 32n) return value.toString(10);
  const hex = value.toString(16).padStart(bytes * 2, '0');
  return '0x' + groupHex(hex);
}

/** A point as '(x, y)', or 'O' for the point at infinity. */
export function formatPoint(P: AffinePoint): string {
  if (P === INFINITY) return 'O';
  return `(${formatNumber(P.x)}, ${formatNumber(P.y)})`;
}

/** A table with a header row and aligned columns (left-aligned text, two spaces between). */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

/** JSON.stringify with bigints as decimal strings, byte arrays as hex and INFINITY as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function replace(this: unknown, _key: string, v: unknown) {
      if (typeof v === 'bigint') return v.toString(10);
      if (v instanceof Uint8Array) return bytesToHex(v);
      if (v === INFINITY) return null;
      return v;
    },
    2,
  );
}
