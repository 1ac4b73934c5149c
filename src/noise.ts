/**
 * ecdh-lab/noise — the secure channel's protocol logic, free of sockets: Noise NN/NK/XX
 * (recommended) and the tutorial's exchange, as state machines that take bytes and return
 * bytes, with two Noise suites: P256 (the channel's default) and 25519 (the suite of the
 * published Noise test vectors). Browser-safe. The TCP transport that drives them is
 * `ecdh-lab/node`; the wire formats are in docs/PROTOCOL.md.
 */
export { CipherState, MAX_NONCE } from './channel/cipher-state.js';
export { SymmetricState, noiseHkdf } from './channel/symmetric-state.js';
export type { SymmetricEvent } from './channel/symmetric-state.js';
export { HandshakeState } from './channel/handshake-state.js';
export type { HandshakeEvent, HandshakeOptions, TransportKeys } from './channel/handshake-state.js';
export { PATTERNS, protocolName } from './channel/patterns.js';
export type {
  HandshakePattern,
  HandshakePatternName,
  PatternName,
  Token,
} from './channel/patterns.js';
export type { NoiseCipher, NoiseKeyPair, NoisePublicKey, NoiseSuite } from './channel/suite.js';
export { p256Suite, noiseKeyPair, aesGcmNonce } from './channel/p256-suite.js';
export type { P256KeyPair } from './channel/p256-suite.js';
export { x25519Suite, x25519KeyPair } from './channel/x25519-suite.js';
export {
  NoiseChannel,
  PROLOGUE,
  MAX_NOISE_MESSAGE,
  MAX_NOISE_PAYLOAD,
} from './channel/noise-channel.js';
export type { ChannelEngine, ChannelOutput, NoiseChannelOptions } from './channel/noise-channel.js';
export {
  TutorialChannel,
  TUTORIAL_MAX_PEM,
  TUTORIAL_MAX_MESSAGE,
  TUTORIAL_MAX_RECORDS,
} from './channel/tutorial-channel.js';
export type { TutorialChannelOptions } from './channel/tutorial-channel.js';
