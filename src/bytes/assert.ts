/**
 * Argument checks shared by every public function.
 *
 * Nothing is coerced: a string, an array of numbers or an ArrayBuffer where a
 * Uint8Array is expected is a TypeError, and a wrong length is a RangeError; both
 * name the argument. (Node's Buffer is a Uint8Array subclass and is accepted.)
 */

/** Describes a value's type for error messages without printing its contents. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Throws unless `value` is a Uint8Array (of one of `lengths`, when given).
 *
 * @param value - the argument to check
 * @param name - the argument's name, used in the message
 * @param lengths - allowed lengths in bytes; any length when omitted
 * @throws TypeError when `value` is not a Uint8Array; RangeError when its length is not allowed
 * @example assertBytes(key, 'key', 16, 24, 32)
 */
export function assertBytes(
  value: unknown,
  name: string,
  ...lengths: number[]
): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describeType(value)}`);
  }
  if (lengths.length > 0 && !lengths.includes(value.length)) {
    const want = lengths.length === 1 ? `${lengths[0]}` : `one of ${lengths.join(', ')}`;
    throw new RangeError(`${name} must be ${want} bytes long, got ${value.length}`);
  }
}

/**
 * Throws unless `value` is a safe integer in [min, max].
 *
 * @throws TypeError when `value` is not an integer number; RangeError when out of range
 * @example assertInteger(length, 'length', 0, 8160)
 */
export function assertInteger(
  value: unknown,
  name: string,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${describeType(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${name} must be in [${min}, ${max}], got ${value}`);
  }
}

/**
 * Throws unless `value` is a bigint (in [min, max] when bounds are given).
 *
 * @throws TypeError when `value` is not a bigint; RangeError when out of range
 * @example assertBigInt(d, 'd', 1n, n - 1n)
 */
export function assertBigInt(
  value: unknown,
  name: string,
  min?: bigint,
  max?: bigint,
): asserts value is bigint {
  if (typeof value !== 'bigint')
    throw new TypeError(`${name} must be a bigint, got ${describeType(value)}`);
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new RangeError(`${name} is out of range`);
  }
}
