/// <reference types="node" />
/**
 * HKDF's info, given as text or as hex bytes: the two options `derive` and `explain hkdf`
 * share, with one line of help that says which to use.
 */
import { utf8ToBytes } from '../bytes/index.js';
import { hexOption, UsageError, type OptionSpecs, type ParsedArgs } from './args.js';

export const INFO_OPTIONS = {
  info: {
    type: 'string',
    placeholder: 'TEXT',
    help: 'HKDF info as UTF-8 text (default: empty); for other bytes use --info-hex',
  },
  'info-hex': {
    type: 'string',
    placeholder: 'HEX',
    help: 'HKDF info as hex bytes, instead of --info',
  },
} as const satisfies OptionSpecs;

/** The info bytes from --info or --info-hex, or undefined if neither. @throws UsageError */
export function infoOption(args: ParsedArgs<typeof INFO_OPTIONS>): Uint8Array | undefined {
  if (args.given.has('info') && args.given.has('info-hex'))
    throw new UsageError('give --info or --info-hex, not both');
  const text = args.options.info;
  return hexOption(args, 'info-hex') ?? (text === undefined ? undefined : utf8ToBytes(text));
}
