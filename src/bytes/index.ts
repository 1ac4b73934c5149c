export { assertBytes, assertInteger, assertBigInt } from './assert.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { concatBytes, equalBytes, utf8ToBytes, bytesToUtf8 } from './bytes.js';
export { readUint32BE, writeUint32BE, writeUint64BE } from './words.js';
export { bytesToBigInt, bigIntToBytes } from './bigint.js';
export { bytesToBase64, base64ToBytes, bytesToBase64Url, base64UrlToBytes } from './base64.js';
