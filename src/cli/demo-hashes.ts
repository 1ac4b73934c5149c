/// <reference types="node" />
/**
 * The first part of the demo: SHA-256, HMAC-SHA256 and HKDF-SHA256 on sample inputs, with
 * every value printed (the tutorial's `derive_key` is the last step).
 */
import { utf8ToBytes } from '../bytes/index.js';
import { groupHex, labelled } from '../explain/format.js';
import { sha256 } from '../hash/sha256.js';
import { extract, expand } from '../kdf/hkdf.js';
import { hmac } from '../mac/hmac.js';

/** Prints lines; every line fits in 100 columns. */
export type Print = (...lines: string[]) => void;

export function demoHashes(print: Print): void {
  const message = utf8ToBytes('Alice and Bob say hello');
  print('── SHA-256, HMAC and HKDF (FIPS 180-4, RFC 2104, RFC 5869) ──');
  print(...labelled('message            ', groupHex(message), '= "Alice and Bob say hello"'));
  print(...labelled('SHA-256(message)   ', groupHex(sha256(message))));
  const key = utf8ToBytes('a shared MAC key');
  print(...labelled('HMAC key           ', groupHex(key), '= "a shared MAC key"'));
  print(...labelled('HMAC-SHA256        ', groupHex(hmac(sha256, key, message))));
  const ikm = sha256(utf8ToBytes('stand-in for an ECDH shared secret'));
  print('IKM, a stand-in for an ECDH shared secret: SHA-256 of a sample string');
  print(...labelled('IKM                ', groupHex(ikm)));
  const prk = extract(sha256, ikm, undefined);
  print('HKDF-Extract       PRK = HMAC(salt = 32 zero bytes, IKM)');
  print(...labelled('                   PRK = ', groupHex(prk)));
  const okm = expand(sha256, prk, undefined, 32);
  print('HKDF-Expand        T(1) = HMAC(PRK, info ‖ 0x01), info empty');
  print(...labelled('                   T(1) = ', groupHex(okm)));
  print(
    "                   → the 32-byte key the tutorial's derive_key() returns (salt=None, info=None)",
  );
  print('');
}
