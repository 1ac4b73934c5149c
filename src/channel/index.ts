/**
 * The secure channel's protocol logic, free of sockets: Noise (recommended) and the tutorial's
 * exchange. See docs/PROTOCOL.md for the wire formats.
 */
export { CipherState, MAX_NONCE } from './cipher-state.js';
export { SymmetricState, noiseHkdf } from './symmetric-state.js';
export { HandshakeState } from './handshake-state.js';
export type { HandshakeOptions, TransportKeys } from './handshake-state.js';
export { PATTERNS, protocolName } from './patterns.js';
export type { HandshakePattern, PatternName, Token } from './patterns.js';
export type { NoiseCipher, NoiseKeyPair, NoiseSuite } from './suite.js';
export { p256Suite, noiseKeyPair, aesGcmNonce } from './p256-suite.js';
export type { P256KeyPair } from './p256-suite.js';
export { NoiseChannel, PROLOGUE, MAX_NOISE_MESSAGE, MAX_NOISE_PAYLOAD } from './noise-channel.js';
export type { ChannelEngine, ChannelOutput, NoiseChannelOptions } from './noise-channel.js';
export {
  TutorialChannel,
  TUTORIAL_MAX_PEM,
  TUTORIAL_MAX_MESSAGE,
  TUTORIAL_MAX_RECORDS,
} from './tutorial-channel.js';
export type { TutorialChannelOptions } from './tutorial-channel.js';
export { ByteQueue } from './byte-queue.js';
