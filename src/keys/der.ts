/**
 * A small strict DER reader and writer: just what the key formats need (X.690 §8, §10).
 *
 * DER writes every value as tag ‖ length ‖ contents (TLV, X.690 §8.1):
 *   - tag: one octet here — class (bits 8–7), constructed (bit 6), number (bits 5–1);
 *     e.g. SEQUENCE = 0x30, INTEGER = 0x02, context-specific constructed [0] = 0xa0;
 *   - length: short form 0..127 in one octet, or long form 0x80|k followed by k
 *     big-endian octets (§8.1.3); DER requires the shortest form (§10.1) and forbids
 *     the indefinite form 0x80;
 *   - contents: for INTEGER the shortest two's complement (§8.3.2), for BIT STRING an
 *     "unused bits" octet then the bits (§8.6), for OBJECT IDENTIFIER base-128
 *     subidentifiers with the first two arcs joined as 40·X + Y (§8.19).
 *
 * Because DER has exactly one encoding per value, the reader rejects everything else:
 * a tag other than the one expected, indefinite or non-minimal lengths, non-minimal
 * INTEGERs, BIT STRINGs with unused bits, non-empty NULLs, malformed OIDs, truncated
 * input and trailing bytes. Every refusal is CryptoError('INVALID_ENCODING', 'der: …');
 * messages name tags and offsets, never contents.
 *
 * Every read is linear in its input. The values that become numbers are bounded before any
 * arithmetic: an OBJECT IDENTIFIER has at most `MAX_OID_OCTETS` content octets and each
 * subidentifier at most `MAX_SUBIDENTIFIER_OCTETS`; an INTEGER is decoded in one pass, and a
 * format that knows its INTEGER is small (a version field) passes `maxOctets`.
 *
 * Not done here: other types (strings, times, SET), high tag numbers, lengths beyond
 * 2^32 − 1, and BER. OIDs are matched by their exact content bytes, never "normalised".
 */
import { assertBytes, bytesToBigInt, concatBytes } from '../bytes/index.js';
import { CryptoError } from '../errors.js';

/**
 * The longest OBJECT IDENTIFIER read (content octets). X.690 sets no limit; registered OIDs
 * are under 40 octets, and RFC 5280 profiles never come near 128.
 */
export const MAX_OID_OCTETS = 128;
/**
 * The longest subidentifier read (octets). 20 base-128 digits hold 140 bits: enough for the
 * 128-bit UUID arcs under 2.25 (ITU-T X.667 §6.3), the longest arcs in use.
 */
export const MAX_SUBIDENTIFIER_OCTETS = 20;

/** The tags the key formats use (X.690 §8.1.2.2; [0] and [1] are context-specific, constructed). */
export const DerTag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OBJECT_IDENTIFIER: 0x06,
  SEQUENCE: 0x30,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
} as const;

const TAG_NAMES: Record<number, string> = {
  0x02: 'INTEGER',
  0x03: 'BIT STRING',
  0x04: 'OCTET STRING',
  0x05: 'NULL',
  0x06: 'OBJECT IDENTIFIER',
  0x30: 'SEQUENCE',
  0xa0: '[0]',
  0xa1: '[1]',
};

function fail(message: string): never {
  throw new CryptoError('INVALID_ENCODING', `der: ${message}`);
}

function tagName(tag: number): string {
  return TAG_NAMES[tag] ?? `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

/**
 * Reads DER elements one after another from a byte string (the whole input, or the
 * contents of a SEQUENCE or explicit tag). Each `read…` consumes one element of exactly
 * that type or throws.
 *
 * @example
 * const spki = new DerReader(der).readSequence();     // SubjectPublicKeyInfo ::= SEQUENCE {
 * const algorithm = spki.readSequence();               //   algorithm AlgorithmIdentifier,
 * const point = spki.readBitString();                  //   subjectPublicKey BIT STRING }
 * spki.assertEnd();
 */
export class DerReader {
  private readonly bytes: Uint8Array;
  private offset = 0;
  /** Offset of `bytes` within the outermost input, so messages point at the right place. */
  private readonly base: number;

  /**
   * @param bytes - DER input; not copied, never modified
   * @throws TypeError when `bytes` is not a Uint8Array
   */
  constructor(bytes: Uint8Array, base = 0) {
    assertBytes(bytes, 'der');
    this.bytes = bytes;
    this.base = base;
  }

  /** True when every byte has been consumed. */
  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  /** The next element's tag octet, or undefined at the end (for OPTIONAL fields). */
  peekTag(): number | undefined {
    return this.done ? undefined : this.bytes[this.offset];
  }

  /** Throws unless every byte has been consumed (no trailing data). */
  assertEnd(): void {
    if (!this.done)
      fail(
        `${this.bytes.length - this.offset} unexpected trailing byte(s) at offset ${this.base + this.offset}`,
      );
  }

  /** Reads one TLV with tag `tag` and returns its contents (a view into the input). */
  private readElement(tag: number): Uint8Array {
    const start = this.offset;
    const at = this.base + start;
    if (start >= this.bytes.length)
      fail(`expected ${tagName(tag)} at offset ${at}, found the end of the input`);
    if (this.bytes[start] !== tag)
      fail(`expected ${tagName(tag)} at offset ${at}, found ${tagName(this.bytes[start])}`);
    if (start + 1 >= this.bytes.length) fail(`truncated length at offset ${at + 1}`);
    const first = this.bytes[start + 1];
    let length: number;
    let header: number;
    if (first < 0x80) {
      length = first; // short form (§8.1.3.4)
      header = 2;
    } else if (first === 0x80) {
      fail(`indefinite length at offset ${at + 1} (not allowed in DER, X.690 §10.1)`);
    } else {
      const count = first & 0x7f; // long form (§8.1.3.5): count length octets follow
      if (count > 4) fail(`length of ${count} octets at offset ${at + 1} is too large`);
      if (start + 2 + count > this.bytes.length) fail(`truncated length at offset ${at + 1}`);
      if (this.bytes[start + 2] === 0)
        fail(`non-minimal length at offset ${at + 1} (leading zero octet, X.690 §10.1)`);
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + this.bytes[start + 2 + i];
      if (length < 0x80)
        fail(`non-minimal length at offset ${at + 1} (long form for ${length}, X.690 §10.1)`);
      header = 2 + count;
    }
    const end = start + header + length;
    if (end > this.bytes.length)
      fail(
        `truncated ${tagName(tag)} at offset ${at}: ${length} content bytes declared, ${this.bytes.length - start - header} present`,
      );
    this.offset = end;
    return this.bytes.subarray(start + header, end);
  }

  /** Reads a SEQUENCE and returns a reader over its contents (call `assertEnd` on it when done). */
  readSequence(): DerReader {
    const contents = this.readElement(DerTag.SEQUENCE);
    return new DerReader(contents, this.base + this.offset - contents.length);
  }

  /** Reads an explicit context-specific tag [0] or [1] and returns a reader over what it wraps. */
  readExplicit(tagNumber: 0 | 1): DerReader {
    const contents = this.readElement(tagNumber === 0 ? DerTag.CONTEXT_0 : DerTag.CONTEXT_1);
    return new DerReader(contents, this.base + this.offset - contents.length);
  }

  /**
   * Reads an INTEGER (X.690 §8.3): two's complement, big-endian, in the fewest octets.
   * Decoding is linear in the length; `maxOctets` refuses longer contents before decoding
   * (e.g. 1 for a version field).
   * @param maxOctets - the most content octets the format allows (default: no limit)
   * @returns the value (negative values are decoded; callers check ranges)
   */
  readInteger(maxOctets = Number.POSITIVE_INFINITY): bigint {
    const at = this.base + this.offset;
    const contents = this.readElement(DerTag.INTEGER);
    if (contents.length === 0) fail(`empty INTEGER at offset ${at}`);
    if (contents.length > maxOctets)
      fail(`INTEGER at offset ${at} is longer than ${maxOctets} octet(s)`);
    // §8.3.2: the first nine bits must not be all zeros or all ones.
    if (
      contents.length > 1 &&
      ((contents[0] === 0x00 && contents[1] < 0x80) ||
        (contents[0] === 0xff && contents[1] >= 0x80))
    ) {
      fail(`non-minimal INTEGER at offset ${at} (X.690 §8.3.2)`);
    }
    let value = bytesToBigInt(contents); // one pass over hex digits, not a shift per octet
    if (contents[0] >= 0x80) value -= 1n << BigInt(8 * contents.length); // negative: subtract 2^(8·len)
    return value;
  }

  /** Reads an OCTET STRING (primitive form only) and returns a fresh copy of its contents. */
  readOctetString(): Uint8Array {
    return this.readElement(DerTag.OCTET_STRING).slice();
  }

  /**
   * Reads a BIT STRING whose length is a whole number of octets (first contents octet,
   * the count of unused bits, must be 0; X.690 §8.6.2) and returns a fresh copy of the octets.
   */
  readBitString(): Uint8Array {
    const at = this.base + this.offset;
    const contents = this.readElement(DerTag.BIT_STRING);
    if (contents.length === 0)
      fail(`empty BIT STRING at offset ${at} (missing the unused-bits octet)`);
    if (contents[0] !== 0)
      fail(
        `BIT STRING at offset ${at} has ${contents[0]} unused bits; only whole octets are accepted`,
      );
    return contents.slice(1);
  }

  /**
   * Reads an OBJECT IDENTIFIER (X.690 §8.19) and returns its content octets, checked to be
   * well-formed (each subidentifier minimal, the last one terminated) and within
   * `MAX_OID_OCTETS` and `MAX_SUBIDENTIFIER_OCTETS`. Compare the result with `equalBytes`
   * against a known OID from `oidFromString`.
   */
  readObjectIdentifier(): Uint8Array {
    const at = this.base + this.offset;
    const contents = this.readElement(DerTag.OBJECT_IDENTIFIER);
    checkOidContents(contents, (message) => fail(`OBJECT IDENTIFIER at offset ${at} ${message}`));
    return contents.slice();
  }

  /** Reads a NULL, whose contents must be empty (X.690 §8.8). */
  readNull(): void {
    const at = this.base + this.offset;
    if (this.readElement(DerTag.NULL).length !== 0) fail(`NULL at offset ${at} has contents`);
  }

  /**
   * Reads the next element whatever its tag, with the same length rules as every other
   * `read…`. For formats that need types this file does not decode (X.509's times,
   * strings, SETs and context-specific tags, in src/x509/asn1.ts).
   * @returns the tag octet, the contents and the whole encoding (views into the input),
   *   and the offset of the tag octet in the outermost input
   * @throws CryptoError INVALID_ENCODING at the end of the input, for a high tag number
   *   (X.690 §8.1.2.4, not supported), or for a bad length
   */
  readAny(): DerElement {
    const start = this.offset;
    const tag = this.peekTag();
    if (tag === undefined)
      fail(`expected an element at offset ${this.base + start}, found the end of the input`);
    if ((tag & 0x1f) === 0x1f)
      fail(`high tag number at offset ${this.base + start} (X.690 §8.1.2.4, not supported)`);
    const contents = this.readElement(tag);
    return {
      tag,
      contents,
      encoding: this.bytes.subarray(start, this.offset),
      offset: this.base + start,
    };
  }
}

/** One element as `DerReader.readAny` returns it. */
export interface DerElement {
  /** The tag octet (class, constructed bit, number). */
  tag: number;
  /** The contents octets: a view into the input, not a copy. */
  contents: Uint8Array;
  /** tag ‖ length ‖ contents: a view into the input, not a copy. */
  encoding: Uint8Array;
  /** Offset of the tag octet in the outermost input (for messages). */
  offset: number;
}

/** Length octets (X.690 §8.1.3, minimal per §10.1). */
function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Uint8Array.from([0x80 | octets.length, ...octets]);
}

/**
 * Writes one element: tag ‖ length ‖ contents.
 * @example derElement(DerTag.NULL, new Uint8Array(0)) // 05 00
 */
export function derElement(tag: number, contents: Uint8Array): Uint8Array {
  assertBytes(contents, 'contents');
  return concatBytes(Uint8Array.of(tag), encodeLength(contents.length), contents);
}

/**
 * Writes a SEQUENCE of already-encoded elements.
 * @example derSequence(derInteger(1n), derOctetString(d))
 */
export function derSequence(...elements: Uint8Array[]): Uint8Array {
  return derElement(DerTag.SEQUENCE, concatBytes(...elements));
}

/**
 * Writes an INTEGER in minimal two's complement (X.690 §8.3).
 * @throws TypeError when `value` is not a bigint
 * @example derInteger(1n) // 02 01 01
 */
export function derInteger(value: bigint): Uint8Array {
  if (typeof value !== 'bigint') throw new TypeError(`value must be a bigint, got ${typeof value}`);
  const octets: number[] = [];
  let rest = value;
  // Emit low octets until what is left is pure sign extension of the octet below it.
  do {
    octets.unshift(Number(BigInt.asUintN(8, rest)));
    rest >>= 8n;
  } while (!((rest === 0n && octets[0] < 0x80) || (rest === -1n && octets[0] >= 0x80)));
  return derElement(DerTag.INTEGER, Uint8Array.from(octets));
}

/**
 * Writes an OCTET STRING.
 * @example derOctetString(new Uint8Array(32))
 */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(DerTag.OCTET_STRING, bytes);
}

/**
 * Writes a BIT STRING of whole octets (unused-bits octet 0).
 * @example derBitString(sec1Point) // 03 42 00 04 …
 */
export function derBitString(bytes: Uint8Array): Uint8Array {
  assertBytes(bytes, 'bytes');
  return derElement(DerTag.BIT_STRING, concatBytes(Uint8Array.of(0), bytes));
}

/**
 * Writes an OBJECT IDENTIFIER from its content octets (see `oidFromString`).
 * @example derObjectIdentifier(oidFromString('1.2.840.10045.3.1.7'))
 */
export function derObjectIdentifier(contents: Uint8Array): Uint8Array {
  return derElement(DerTag.OBJECT_IDENTIFIER, contents);
}

/** Writes NULL: 05 00. */
export function derNull(): Uint8Array {
  return derElement(DerTag.NULL, new Uint8Array(0));
}

/**
 * Wraps an encoded element in an explicit context-specific tag [0] or [1].
 * @example derExplicit(0, derObjectIdentifier(prime256v1)) // a0 0a 06 08 …
 */
export function derExplicit(tagNumber: 0 | 1, element: Uint8Array): Uint8Array {
  return derElement(tagNumber === 0 ? DerTag.CONTEXT_0 : DerTag.CONTEXT_1, element);
}

/**
 * Encodes a dotted OID as DER content octets (X.690 §8.19): the first two arcs become
 * 40·X + Y, then every arc is written base 128, big-endian, high bit set on all but the last octet.
 * @throws RangeError for a malformed dotted string
 * @example oidFromString('1.2.840.10045.2.1') // 2a 86 48 ce 3d 02 01
 */
export function oidFromString(dotted: string): Uint8Array {
  if (typeof dotted !== 'string') throw new TypeError(`oid must be a string, got ${typeof dotted}`);
  if (!/^[0-2]\.(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(dotted))
    throw new RangeError(`oid '${dotted}' is not a dotted object identifier`);
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  if (arcs[0] < 2n && arcs[1] >= 40n)
    throw new RangeError(`oid '${dotted}': second arc must be < 40 under arc ${arcs[0]}`);
  const out: number[] = [];
  for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
    const septets: number[] = [];
    let rest = arc;
    do {
      septets.unshift(Number(rest & 0x7fn) | (septets.length > 0 ? 0x80 : 0));
      rest >>= 7n;
    } while (rest > 0n);
    out.push(...septets);
  }
  return Uint8Array.from(out);
}

/**
 * Checks OID content octets (X.690 §8.19.2): not empty, the last subidentifier terminated,
 * each subidentifier minimal (no leading 0x80), and the length caps. Calls `refuse` with a
 * short reason (it must throw).
 */
function checkOidContents(contents: Uint8Array, refuse: (message: string) => never): void {
  if (contents.length === 0) refuse('is empty');
  if (contents.length > MAX_OID_OCTETS) refuse(`is longer than ${MAX_OID_OCTETS} octets`);
  if (contents[contents.length - 1] & 0x80) refuse('ends inside a subidentifier');
  let start = 0;
  for (let i = 0; i < contents.length; i++) {
    if (i === start && contents[i] === 0x80)
      refuse('has a non-minimal subidentifier (X.690 §8.19.2)');
    if ((contents[i] & 0x80) === 0) {
      if (i + 1 - start > MAX_SUBIDENTIFIER_OCTETS)
        refuse(`has a subidentifier longer than ${MAX_SUBIDENTIFIER_OCTETS} octets`);
      start = i + 1;
    }
  }
}

/**
 * Decodes OID content octets to dotted form (for messages and study). The input must be a
 * well-formed OID within the caps `readObjectIdentifier` applies, so the text is short.
 * @throws TypeError when `contents` is not a Uint8Array; RangeError when it is not a
 *   well-formed OID within `MAX_OID_OCTETS` and `MAX_SUBIDENTIFIER_OCTETS`
 * @example oidToString(oidFromString('1.3.132.0.34')) // '1.3.132.0.34'
 */
export function oidToString(contents: Uint8Array): string {
  assertBytes(contents, 'contents');
  checkOidContents(contents, (message) => {
    throw new RangeError(`contents ${message}`);
  });
  const arcs: bigint[] = [];
  let value = 0n; // at most MAX_SUBIDENTIFIER_OCTETS septets: a short shift-and-or chain
  for (const byte of contents) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - 40n * first, ...arcs.slice(1)].join('.');
}

/**
 * An OID for a message: its dotted form when that is short, otherwise only its length, so
 * a message stays short whatever the input.
 * @example describeOid(oidFromString('1.3.132.0.34')) // '1.3.132.0.34'
 */
export function describeOid(contents: Uint8Array): string {
  const text = contents.length <= 32 ? safeOidToString(contents) : undefined;
  return text ?? `an OBJECT IDENTIFIER of ${contents.length} octets`;
}

function safeOidToString(contents: Uint8Array): string | undefined {
  try {
    return oidToString(contents);
  } catch {
    return undefined;
  }
}
