/// <reference types="node" />
/**
 * The options server and client share, and their translation into a ChannelEngine factory.
 */
import type { ChannelEngine } from '../channel/noise-channel.js';
import type { ChannelTimeouts } from './secure-channel.js';

/** The four protocols: the tutorial's exchange, and Noise NN, NK, XX. */
export type ProtocolName = 'tutorial' | 'nn' | 'nk' | 'xx';

export interface ChannelOptions {
  protocol?: ProtocolName;
  /** Handshake deadline in ms from connect (default 10 000; 0 disables). */
  handshakeTimeout?: number;
  /** Close an open channel after this many ms without data from the peer (default 300 000; 0 disables). */
  idleTimeout?: number;
  /** Advanced: builds the engine for each connection instead of `protocol` (tests, custom suites). */
  engine?: () => ChannelEngine;
}

export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
export const DEFAULT_IDLE_TIMEOUT = 300_000;

function timeout(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) throw new RangeError(`${name} must be an integer number of milliseconds in [0, 2^31 - 1]`);
  return value;
}

/** @internal Validates options once and returns the per-connection factory. */
export function resolveOptions(options: ChannelOptions, _side: 'server' | 'client'): { engine: () => ChannelEngine; timeouts: ChannelTimeouts } {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const timeouts = {
    handshakeTimeout: timeout(options.handshakeTimeout, DEFAULT_HANDSHAKE_TIMEOUT, 'handshakeTimeout'),
    idleTimeout: timeout(options.idleTimeout, DEFAULT_IDLE_TIMEOUT, 'idleTimeout'),
  };
  if (options.engine !== undefined) return { engine: options.engine, timeouts };
  throw new TypeError(`protocol ${String(options.protocol)} is not available yet`);
}
