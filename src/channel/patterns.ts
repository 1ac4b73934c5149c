/**
 * The handshake patterns ecdh-lab speaks — Noise Protocol Framework revision 34, §7.
 *
 * The secure channel (noise-channel.ts) offers three interactive patterns:
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
 * The handshake state machine (handshake-state.ts) runs four more, checked against the
 * published test vectors: IK (§7.5, the initiator's static key in the first message) and the
 * one-way patterns N, K and X (§7.4), where only the initiator sends:
 *
 *   IK:                  N:            K:            X:
 *     <- s                 <- s          -> s          <- s
 *     ...                  ...           <- s          ...
 *     -> e, es, s, ss      -> e, es      ...           -> e, es, s, ss
 *     <- e, ee, se                       -> e, es, ss
 *
 * Not here: PSK modifiers, fallback patterns, deferred patterns.
 */

/** A token of a message pattern (§7.1). */
export type Token = 'e' | 's' | 'ee' | 'es' | 'se' | 'ss';

/** The names of the patterns the secure channel (NoiseChannel) offers. */
export type PatternName = 'NN' | 'NK' | 'XX';

/** The names of every pattern the handshake state machine (HandshakeState) runs. */
export type HandshakePatternName = PatternName | 'IK' | 'N' | 'K' | 'X';

export interface HandshakePattern {
  readonly name: HandshakePatternName;
  /**
   * Pre-message public keys of the initiator ("->" before "..."). Only "s": an "e" pre-message
   * appears only in the fallback patterns of §10.2, which are not here.
   */
  readonly initiatorPreMessage: readonly 's'[];
  /** Pre-message public keys of the responder ("<-" before "..."); only "s", as above. */
  readonly responderPreMessage: readonly 's'[];
  /** Message patterns, alternating initiator → responder, responder → initiator, … */
  readonly messages: readonly (readonly Token[])[];
}

/**
 * The table and every array in it, frozen: the table is exported, and a change to it (a token
 * dropped from a message) would change every later handshake.
 */
function frozen(
  table: Record<HandshakePatternName, HandshakePattern>,
): Readonly<Record<HandshakePatternName, HandshakePattern>> {
  for (const pattern of Object.values(table)) {
    for (const message of pattern.messages) Object.freeze(message);
    Object.freeze(pattern.messages);
    Object.freeze(pattern.initiatorPreMessage);
    Object.freeze(pattern.responderPreMessage);
    Object.freeze(pattern);
  }
  return Object.freeze(table);
}

/** The patterns exactly as §7.4 and §7.5 write them. */
export const PATTERNS: Readonly<Record<HandshakePatternName, HandshakePattern>> = frozen({
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
  IK: {
    name: 'IK',
    initiatorPreMessage: [],
    responderPreMessage: ['s'],
    messages: [
      ['e', 'es', 's', 'ss'],
      ['e', 'ee', 'se'],
    ],
  },
  N: {
    name: 'N',
    initiatorPreMessage: [],
    responderPreMessage: ['s'],
    messages: [['e', 'es']],
  },
  K: {
    name: 'K',
    initiatorPreMessage: ['s'],
    responderPreMessage: ['s'],
    messages: [['e', 'es', 'ss']],
  },
  X: {
    name: 'X',
    initiatorPreMessage: [],
    responderPreMessage: ['s'],
    messages: [['e', 'es', 's', 'ss']],
  },
});

/**
 * The full protocol name (§8): `Noise_<pattern>_<DH>_<cipher>_<hash>`.
 * @example protocolName('XX', 'P256', 'AESGCM', 'SHA256') === 'Noise_XX_P256_AESGCM_SHA256'
 */
export function protocolName(
  pattern: HandshakePatternName,
  dhName: string,
  cipherName: string,
  hashName: string,
): string {
  return `Noise_${pattern}_${dhName}_${cipherName}_${hashName}`;
}
