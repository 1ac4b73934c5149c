/**
 * The three handshake patterns ecdh-lab speaks — Noise Protocol Framework revision 34, §7.
 *
 *   NN:                  NK:                  XX:
 *     -> e                 <- s                 -> e
 *     <- e, ee             ...                  <- e, ee, s, es
 *                          -> e, es             -> s, se
 *                          <- e, ee
 *
 * NN is anonymous (the tutorial's situation: a man in the middle wins). In NK the initiator
 * knows the responder's static key in advance, so the responder is authenticated. In XX both
 * sides send their static keys encrypted and each side decides whether it trusts the other's.
 *
 * Not here: PSK modifiers, fallback patterns, one-way patterns.
 */

/** A token of a message pattern (§7.1). */
export type Token = 'e' | 's' | 'ee' | 'es' | 'se' | 'ss';

/** The names of the supported patterns. */
export type PatternName = 'NN' | 'NK' | 'XX';

export interface HandshakePattern {
  readonly name: PatternName;
  /** Pre-message public keys of the initiator ("->" before "...") */
  readonly initiatorPreMessage: readonly ('s' | 'e')[];
  /** Pre-message public keys of the responder ("<-" before "...") */
  readonly responderPreMessage: readonly ('s' | 'e')[];
  /** Message patterns, alternating initiator → responder, responder → initiator, … */
  readonly messages: readonly (readonly Token[])[];
}

/** NN, NK and XX exactly as §7.4/§7.5 write them. */
export const PATTERNS: Readonly<Record<PatternName, HandshakePattern>> = {
  NN: {
    name: 'NN',
    initiatorPreMessage: [],
    responderPreMessage: [],
    messages: [['e'], ['e', 'ee']],
  },
  NK: {
    name: 'NK',
    initiatorPreMessage: [],
    responderPreMessage: ['s'],
    messages: [
      ['e', 'es'],
      ['e', 'ee'],
    ],
  },
  XX: {
    name: 'XX',
    initiatorPreMessage: [],
    responderPreMessage: [],
    messages: [['e'], ['e', 'ee', 's', 'es'], ['s', 'se']],
  },
};

/**
 * The full protocol name (§8): `Noise_<pattern>_<DH>_<cipher>_<hash>`.
 * @example protocolName('XX', 'P256', 'AESGCM', 'SHA256') === 'Noise_XX_P256_AESGCM_SHA256'
 */
export function protocolName(
  pattern: PatternName,
  dhName: string,
  cipherName: string,
  hashName: string,
): string {
  return `Noise_${pattern}_${dhName}_${cipherName}_${hashName}`;
}
