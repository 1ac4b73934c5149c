/**
 * PEM armor (RFC 7468): DER bytes as base64 text between BEGIN and END lines.
 *
 *   -----BEGIN PUBLIC KEY-----
 *   MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…      ← base64 (RFC 4648 §4), 64 characters a line
 *   …
 *   -----END PUBLIC KEY-----
 *
 * Writing follows RFC 7468 §3's strict form exactly as OpenSSL, Python and node do:
 * 64-character lines, "\n" line ends, a final newline.
 *
 * Reading accepts what those tools and text editors produce, and nothing looser:
 *   - "\r\n" or "\n" line ends, whitespace around lines, blank lines between blocks and
 *     inside the body, any body line length;
 *   - several blocks in one text (`decodePemBlocks`), e.g. a list of peer keys;
 *   - the body must be canonical base64 (src/bytes/base64.ts) once lines are joined.
 * It rejects: text outside blocks (RFC 7468 §2 lets parsers skip explanatory text; we
 * refuse it so a wrong file is noticed), a missing or mismatched END line, RFC 1421
 * headers such as "Proc-Type: 4,ENCRYPTED" (encrypted keys are not supported), malformed
 * labels, and — in `decodePem` — any label but the expected one(s).
 * Errors are CryptoError('INVALID_ENCODING', 'pem: …') and never quote the body.
 */
import { describeType } from '../bytes/assert.js';
import { assertBytes, base64ToBytes, bytesToBase64 } from '../bytes/index.js';
import { CryptoError } from '../errors.js';

/** One decoded PEM block. */
export interface PemBlock {
  /** The label between "BEGIN " and "-----", e.g. "PUBLIC KEY". */
  label: string;
  /** The decoded body. */
  der: Uint8Array;
}

// RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ], labelchar = %x21-2C / %x2E-7E
const LABEL = '((?:[\\x21-\\x2c\\x2e-\\x7e](?:[- ]?[\\x21-\\x2c\\x2e-\\x7e])*)?)';
const BEGIN_LINE = new RegExp(`^-----BEGIN ${LABEL}-----$`);
const END_LINE = new RegExp(`^-----END ${LABEL}-----$`);
const LABEL_ONLY = new RegExp(`^${LABEL}$`);

function fail(message: string): never {
  throw new CryptoError('INVALID_ENCODING', `pem: ${message}`);
}

/** A label as messages quote it: cut after 40 characters, so a message stays short. */
export function quotePemLabel(label: string): string {
  return `"${label.length > 40 ? `${label.slice(0, 40)}…` : label}"`;
}

function assertLabel(label: unknown, name: string): asserts label is string {
  if (typeof label !== 'string')
    throw new TypeError(`${name} must be a string, got ${describeType(label)}`);
  if (!LABEL_ONLY.test(label))
    throw new RangeError(`${name} is not a valid PEM label (RFC 7468 §3)`);
}

/**
 * Armors DER bytes: BEGIN line, base64 in 64-character lines, END line, final newline.
 * @param label - e.g. "PUBLIC KEY", "PRIVATE KEY", "EC PRIVATE KEY"
 * @param der - the bytes to armor
 * @returns the PEM text
 * @throws TypeError for wrong types; RangeError for a malformed label
 * @example encodePem('PUBLIC KEY', spkiDer) // '-----BEGIN PUBLIC KEY-----\nMFkw…\n-----END PUBLIC KEY-----\n'
 */
export function encodePem(label: string, der: Uint8Array): string {
  assertLabel(label, 'label');
  assertBytes(der, 'der');
  const body = bytesToBase64(der);
  let lines = '';
  for (let i = 0; i < body.length; i += 64) lines += body.slice(i, i + 64) + '\n';
  return `-----BEGIN ${label}-----\n${lines}-----END ${label}-----\n`;
}

/**
 * Reads every PEM block in `text`, in order.
 * @param text - one or more concatenated PEM blocks
 * @returns the blocks (at least one)
 * @throws TypeError when `text` is not a string; CryptoError INVALID_ENCODING for no block,
 *   text outside blocks, an unterminated block, headers, or a body that is not base64
 * @example decodePemBlocks(fs.readFileSync('peers.pem', 'utf8')).map((b) => PublicKey.fromDer(b.der))
 */
export function decodePemBlocks(text: string): PemBlock[] {
  if (typeof text !== 'string')
    throw new TypeError(`pem must be a string, got ${describeType(text)}`);
  const blocks: PemBlock[] = [];
  let label: string | undefined; // inside a block when defined
  let body = '';
  let beginLine = 0;
  // One pass over the text, a line at a time (no array of every line).
  for (let i = 0, next = 0; next <= text.length; i++) {
    let end = text.indexOf('\n', next);
    if (end === -1) end = text.length;
    const line = text.slice(next, end).trim(); // trim() also drops the "\r" of "\r\n"
    next = end + 1;
    if (label === undefined) {
      if (line === '') continue;
      const begin = BEGIN_LINE.exec(line);
      if (begin === null) fail(`unexpected text outside a BEGIN/END block at line ${i + 1}`);
      label = begin[1];
      body = '';
      beginLine = i + 1;
      continue;
    }
    if (line.startsWith('-----')) {
      const end = END_LINE.exec(line);
      if (end === null || end[1] !== label)
        fail(
          `block ${quotePemLabel(label)} opened at line ${beginLine} has no matching END line (line ${i + 1})`,
        );
      let der: Uint8Array;
      try {
        der = base64ToBytes(body);
      } catch (error) {
        if (error instanceof RangeError)
          fail(`body of block ${quotePemLabel(label)} at line ${beginLine} is not valid base64`);
        throw error;
      }
      if (der.length === 0) fail(`block ${quotePemLabel(label)} at line ${beginLine} is empty`);
      blocks.push({ label, der });
      label = undefined;
      continue;
    }
    if (line.includes(':'))
      fail(
        `block ${quotePemLabel(label)} at line ${beginLine} has RFC 1421 headers (encrypted PEM is not supported)`,
      );
    body += line;
  }
  if (label !== undefined)
    fail(`block ${quotePemLabel(label)} opened at line ${beginLine} has no END line`);
  if (blocks.length === 0) fail('no PEM block found');
  return blocks;
}

/**
 * Picks the one block a caller expects out of already-decoded blocks.
 * @param blocks - from `decodePemBlocks`
 * @param labels - the accepted labels
 * @returns the block
 * @throws CryptoError INVALID_ENCODING unless there is exactly one block, with an accepted label
 * @example selectPemBlock(decodePemBlocks(fs.readFileSync('key.pem', 'utf8')), ['PRIVATE KEY', 'EC PRIVATE KEY']).label
 *   // 'PRIVATE KEY'
 */
export function selectPemBlock(blocks: readonly PemBlock[], labels: readonly string[]): PemBlock {
  const expected = labels.map((label) => `"${label}"`).join(' or ');
  if (blocks.length !== 1) fail(`expected one ${expected} block, found ${blocks.length} blocks`);
  if (!labels.includes(blocks[0].label))
    fail(`expected a ${expected} block, found ${quotePemLabel(blocks[0].label)}`);
  return blocks[0];
}

/**
 * Reads a text that must hold exactly one PEM block with one of the expected labels.
 * @param text - the PEM text
 * @param labels - the accepted label, or several
 * @returns the block (its label says which was found)
 * @throws TypeError for wrong types; CryptoError INVALID_ENCODING for anything but one
 *   well-formed block with an accepted label
 * @example decodePem(fs.readFileSync('peer.pem', 'utf8'), 'PUBLIC KEY').der
 */
export function decodePem(text: string, labels: string | readonly string[]): PemBlock {
  const accepted = typeof labels === 'string' ? [labels] : labels;
  if (!Array.isArray(accepted) || accepted.length === 0)
    throw new TypeError('labels must be a string or a non-empty array of strings');
  for (let i = 0; i < accepted.length; i++) assertLabel(accepted[i], `labels[${i}]`);
  return selectPemBlock(decodePemBlocks(text), accepted);
}
