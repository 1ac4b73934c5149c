export { assertBytes, assertInteger, assertBigInt } from './assert.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { concatBytes, equalBytes, utf8ToBytes, bytesToUtf8 } from './bytes.js';
export { readUint32BE, writeUint32BE, writeUint64BE } from './words.js';
export { bytesToBigInt, bigIntToBytes } from './bigint.js';
