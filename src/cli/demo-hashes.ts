/// <reference types="node" />
/**
 * The first part of the demo: SHA-256, HMAC-SHA256 and HKDF-SHA256 on sample inputs, with
 * every value printed (the tutorial's `derive_key` is the last step).
 */
import { bytesToHex, utf8ToBytes } from '../bytes/index.js';
import { sha256 } from '../hash/sha256.js';
import { hmac } from '../mac/hmac.js';
import { extract, expand } from '../kdf/hkdf.js';

export type Print = (line: string) => void;

/** Prints hex split into groups of 8 digits, so long values stay readable. */
export function groupedHex(bytes: Uint8Array): string {
  return (bytesToHex(bytes).match(/.{1,8}/g) ?? ['']).join(' ');
}

export function demoHashes(print: Print): void {
  const message = utf8ToBytes('Alice and Bob say hello');
  print('── SHA-256, HMAC and HKDF (FIPS 180-4, RFC 2104, RFC 5869) ──');
  print(`message            "Alice and Bob say hello" = ${groupedHex(message)}`);
  print(`SHA-256(message)   ${groupedHex(sha256(message))}`);
  const key = utf8ToBytes('a shared MAC key');
  print(`HMAC key           "a shared MAC key" = ${groupedHex(key)}`);
  print(`HMAC-SHA256        ${groupedHex(hmac(sha256, key, message))}`);
  const ikm = sha256(utf8ToBytes('stand-in for an ECDH shared secret'));
  print(`IKM                ${groupedHex(ikm)}   (SHA-256 of a sample string)`);
  const prk = extract(sha256, ikm, undefined);
  print(`HKDF-Extract       PRK = HMAC(salt = 32 zero bytes, IKM) = ${groupedHex(prk)}`);
  const okm = expand(sha256, prk, undefined, 32);
  print(`HKDF-Expand        T(1) = HMAC(PRK, info ‖ 0x01) = ${groupedHex(okm)}`);
  print(
    "                   → the 32-byte key the tutorial's derive_key() returns (salt=None, info=None)",
  );
  print('');
}
