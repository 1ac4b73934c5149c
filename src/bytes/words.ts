/**
 * Big-endian words, as FIPS 180-4, SP 800-38D and the Noise nonce all use them.
 */

/** Reads the big-endian 32-bit word at `offset` (an unsigned number). */
export function readUint32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** Writes `value` as a big-endian 32-bit word at `offset`. */
export function writeUint32BE(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

/**
 * Writes a non-negative integer below 2^64 as a big-endian 64-bit word at `offset`.
 * Numbers above 2^53 − 1 must be passed as bigint.
 */
export function writeUint64BE(bytes: Uint8Array, offset: number, value: number | bigint): void {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`value must be in [0, 2^64), got ${v}`);
  writeUint32BE(bytes, offset, Number(v >> 32n));
  writeUint32BE(bytes, offset + 4, Number(v & 0xffffffffn));
}
