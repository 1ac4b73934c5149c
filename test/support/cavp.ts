/**
 * The shared parser for NIST CAVP response files (.rsp, .fax, optionally gzipped), as committed
 * under vectors/nist/ (from Debian's python3-cryptography-vectors 38.0.4).
 *
 * The format, as the CAVS tools write it:
 *   # comment lines
 *   [Keylen = 128]          header lines: "[name = value]" parameters, or bare labels such as
 *   [IVlen = 96]            "[P-256,SHA-256]"; consecutive headers form one section
 *
 *   Count = 0               a record: "Name = value" lines (value may be empty), ended by a
 *   Key = cf06…             blank line, a header or the end of file; a line "FAIL" (no "=")
 *   FAIL                    marks the record as an expected failure
 *
 * Nothing is specific to one algorithm: SHA, GCM, ECDSA and KAS files all parse with it. Field
 * names are kept as written (case matters: "Msg", "MD", "Qx"). Duplicate names within a record
 * throw, as does any line the format does not allow, so a file cannot be half read silently.
 */
import * as fs from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface CavpRecord {
  /** "Name = value" fields of the record, in file order. */
  fields: Record<string, string>;
  /** True when the record carries a bare "FAIL" line. */
  fail: boolean;
  /** 1-based line number of the record's first line, for messages. */
  line: number;
}

export interface CavpSection {
  /** "[name = value]" header parameters. */
  params: Record<string, string>;
  /** Bare "[label]" headers, e.g. "P-256,SHA-256". */
  labels: string[];
  records: CavpRecord[];
}

/** Parses the text of a CAVP response file. */
export function parseCavp(text: string): CavpSection[] {
  const sections: CavpSection[] = [];
  let section: CavpSection | undefined;
  let record: CavpRecord | undefined;
  let inHeaders = false;
  const lines = text.split(/\r?\n/);
  const endRecord = () => {
    if (record) {
      if (!section) {
        section = { params: {}, labels: [], records: [] };
        sections.push(section);
      }
      section.records.push(record);
    }
    record = undefined;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) {
      if (line === '') endRecord();
      continue;
    }
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new Error(`cavp: line ${n + 1}: unterminated header`);
      endRecord();
      if (!inHeaders || !section) {
        section = { params: {}, labels: [], records: [] };
        sections.push(section);
        inHeaders = true;
      }
      const body = line.slice(1, -1);
      const eq = body.indexOf('=');
      if (eq < 0) section.labels.push(body.trim());
      else section.params[body.slice(0, eq).trim()] = body.slice(eq + 1).trim();
      continue;
    }
    inHeaders = false;
    record ??= { fields: {}, fail: false, line: n + 1 };
    if (line === 'FAIL') {
      record.fail = true;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`cavp: line ${n + 1}: expected "Name = value" or FAIL`);
    const name = line.slice(0, eq).trim();
    if (name in record.fields) throw new Error(`cavp: line ${n + 1}: duplicate field ${name}`);
    record.fields[name] = line.slice(eq + 1).trim();
  }
  endRecord();
  return sections;
}

/** Reads and parses a CAVP file; names ending in .gz are gunzipped first. */
export function loadCavp(file: string): CavpSection[] {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return parseCavp(text);
}

/** Decodes a CAVP hex field (possibly empty). */
export function cavpHex(value: string | undefined): Uint8Array {
  if (value === undefined) throw new Error('cavp: missing hex field');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(value)) throw new Error(`cavp: bad hex ${value.slice(0, 16)}…`);
  return Uint8Array.from(Buffer.from(value, 'hex'));
}
