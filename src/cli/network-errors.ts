/// <reference types="node" />
/**
 * Network failures in words that say what to do: "no server is listening on 127.0.0.1:65432
 * (ECONNREFUSED: connection refused)" rather than Node's "connect ECONNREFUSED 127.0.0.1:65432".
 * Every errno code is followed by its meaning, from the system's own table.
 */
import { getSystemErrorMap } from 'node:util';
import { formatAddress } from '../net/address.js';
import { describeError } from '../net/server.js';

/** "CODE: meaning" for an errno code such as ECONNRESET, or the code alone if unknown. */
export function errnoWords(code: string): string {
  for (const [name, meaning] of getSystemErrorMap().values())
    if (name === code) return `${code}: ${meaning}`;
  if (code === 'ENOTFOUND') return `${code}: no such host`;
  return code;
}

/** The errno code of a Node system error, if it is one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code) ? code : undefined;
}

/** Why `serve` cannot listen on host:port, and what to try. */
export function listenFailure(error: unknown, host: string, port: number): string {
  const code = codeOf(error);
  const where = formatAddress(host, port);
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (${errnoWords(code)}); try --port 0 for a free port`;
    case 'EACCES':
      return `not allowed to listen on ${where} (${errnoWords(code)}); ports below 1024 need privileges, try --port 0`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine (${errnoWords(code)}); try --host 127.0.0.1`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve --host ${host} (${errnoWords(code)})`;
    default:
      return `cannot listen on ${where}: ${words(error)}`;
  }
}

/** Why `connect` could not reach host:port. */
export function connectFailure(error: unknown, host: string, port: number): string {
  const code = codeOf(error);
  const where = formatAddress(host, port);
  switch (code) {
    case 'ECONNREFUSED':
      return `no server is listening on ${where} (${errnoWords(code)}); is serve running, with this --host and --port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve --host ${host} (${errnoWords(code)})`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach ${where} (${errnoWords(code)})`;
    case 'ECONNRESET':
      return `${where} reset the connection (${errnoWords(code)})`;
    default:
      return `cannot connect to ${where}: ${words(error)}`;
  }
}

/** An error's message, with its errno code (if any) explained: "read ECONNRESET (ECONNRESET: connection reset by peer)". */
export function words(error: unknown): string {
  const code = codeOf(error);
  if (code === undefined) return describeError(error);
  const message = (error as { message?: unknown }).message;
  return `${typeof message === 'string' ? message : code} (${errnoWords(code)})`;
}
