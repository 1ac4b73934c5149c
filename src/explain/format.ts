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
 * Every line fits in LINE_WIDTH (100) columns: a long value is wrapped under its own first
 * column (`labelled`), and a table too wide for that is printed one record per row instead
 * (`fitTable`).
 *
 * Deliberately not here: colour, terminal width detection, or anything that touches node:.
 */
import { bytesToHex } from '../bytes/hex.js';
import { INFINITY, type AffinePoint } from '../curve/affine.js';

/** The widest line a trace prints. */
export const LINE_WIDTH = 100;

/** Display columns of a string (code points; the traces use no double-width characters). */
const columns = (text: string): number => [...text].length;

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

/** A group of 8 hex digits; the first may carry a sign and 0x, the last may be shorter. */
const hexGroup = (i: number, count: number): RegExp =>
  i === 0 ? /^−?(0x)?[0-9a-f]{8}$/ : i === count - 1 ? /^[0-9a-f]{1,8}$/ : /^[0-9a-f]{8}$/;

/**
 * `label` followed by `value`, wrapped to LINE_WIDTH: the value's words (hex groups, say) fill
 * each line, and continuation lines start under the value's first column. Groups of 8 hex
 * digits come 4, 8, … to a line, so that bytes stay aligned line after line. A `note` follows
 * the value when it fits, else it gets a line of its own.
 * @example labelled('IKM   (22 bytes)  ', groupHex(ikm))
 */
export function labelled(label: string, value: string, note = ''): string[] {
  let indent = columns(label);
  const lines: string[] = [];
  if (indent > LINE_WIDTH / 2) {
    lines.push(label.trimEnd());
    indent = 4;
    label = ' '.repeat(indent);
  }
  const words = value === '' ? [] : value.split(' ');
  const room = LINE_WIDTH - indent;
  let perLine = Math.max(1, words.length);
  while (perLine > 1 && columns(words.slice(0, perLine).join(' ')) > room) perLine--;
  if (
    perLine < words.length &&
    perLine >= 4 &&
    words.every((w, i) => hexGroup(i, words.length).test(w))
  )
    perLine -= perLine % 4;
  for (let i = 0; i === 0 || i < words.length; i += perLine) {
    const prefix = i === 0 ? label : ' '.repeat(indent);
    lines.push((prefix + words.slice(i, i + perLine).join(' ')).trimEnd());
  }
  if (note !== '') {
    const last = lines[lines.length - 1];
    if (columns(last) + 3 + columns(note) <= LINE_WIDTH)
      lines[lines.length - 1] = `${last}   ${note}`;
    else lines.push(' '.repeat(indent) + note);
  }
  return lines;
}

/** The first of `layouts` whose every line fits in LINE_WIDTH (else the last one). */
export function firstThatFits(...layouts: string[][]): string[] {
  return (
    layouts.find((lines) => lines.every((line) => columns(line) <= LINE_WIDTH)) ??
    layouts[layouts.length - 1]
  );
}

/**
 * formatTable's table when it fits in LINE_WIDTH; else one record per row: the first column's
 * header and value, then every other column on a line of its own (wrapped by `labelled`). A row
 * whose first cell is '…' (rows left out) prints its non-empty cells on one line.
 */
export function fitTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const table = formatTable(header, rows);
  if (table.every((line) => columns(line) <= LINE_WIDTH)) return table;
  const width = Math.max(...header.slice(1).map(columns));
  const lines: string[] = [];
  for (const row of rows) {
    if (row[0] === '…') {
      lines.push(row.filter((cell) => cell !== '').join('  '));
      continue;
    }
    lines.push(`${header[0]} ${row[0]}`);
    for (let i = 1; i < header.length; i++) {
      if ((row[i] ?? '') === '') continue;
      lines.push(...labelled(`  ${header[i]}${' '.repeat(width - columns(header[i]))}  `, row[i]));
    }
  }
  return lines;
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
