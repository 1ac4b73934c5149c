/**
 * Inputs that run the caller's code in the middle of a call. A Proxy over a Uint8Array passes
 * the `instanceof Uint8Array` check, and its get trap runs on every read, so a function that
 * reads such an input can be entered again before it returns. The tests of the hashes, HMAC and
 * HKDF use it to start a nested call while the outer one holds its working state.
 */

/**
 * A Proxy over `bytes` that runs `nest` at each read of element `index` (inputs copied byte by
 * byte) and of `.buffer` (inputs read in place through a DataView); other reads go to `bytes`.
 */
export function reentrantBytes(bytes: Uint8Array, index: number, nest: () => void): Uint8Array {
  const element = String(index);
  return new Proxy(bytes, {
    get(target, property) {
      if (property === element || property === 'buffer') nest();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
