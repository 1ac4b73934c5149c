/**
 * fast-check on the TLS parsers: whatever the bytes — random, or an RFC 8448 message with bytes
 * flipped, cut, inserted or its length fields rewritten — a parser returns a frozen object or
 * throws a TlsError carrying an alert; never another error (no TypeError from a read past the
 * end, no RangeError from a bad length). Arrays reach 4 KiB (`size: 'max'`). The state machines
 * get the same treatment in negative.test.ts (every byte of every handshake message flipped).
 */
import fc from 'fast-check';
import { parseAlert, TlsError } from '../../src/tls/alert';
import {
  clientKeyShares,
  cookie,
  namedGroupList,
  protocolNameList,
  selectedGroup,
  serverKeyShare,
  serverNameList,
  signatureSchemeList,
  supportedVersionsList,
} from '../../src/tls/extensions';
import { parseClientHello, parseServerHello } from '../../src/tls/hello';
import {
  parseCertificate,
  parseCertificateRequest,
  parseCertificateVerify,
  parseEncryptedExtensions,
  parseFinished,
  parseKeyUpdate,
  parseNewSessionTicket,
} from '../../src/tls/messages';
import { SECTION_3, SECTION_5, SECTION_6 } from './rfc8448-vectors';
import { hex } from './support';

const PARSERS: Record<string, (bytes: Uint8Array) => unknown> = {
  ClientHello: parseClientHello,
  ServerHello: parseServerHello,
  EncryptedExtensions: parseEncryptedExtensions,
  Certificate: parseCertificate,
  CertificateVerify: parseCertificateVerify,
  CertificateRequest: parseCertificateRequest,
  NewSessionTicket: parseNewSessionTicket,
  KeyUpdate: parseKeyUpdate,
  Finished: (bytes) => parseFinished(bytes, 32),
  Alert: parseAlert,
  supported_versions: supportedVersionsList.parse,
  supported_groups: namedGroupList.parse,
  signature_algorithms: signatureSchemeList.parse,
  key_share_client: clientKeyShares.parse,
  key_share_server: serverKeyShare.parse,
  key_share_hrr: selectedGroup.parse,
  cookie: cookie.parse,
  server_name: serverNameList.parse,
  alpn: protocolNameList.parse,
};

/** The RFC's messages, bodies only, by the parser that reads them. */
const SAMPLES: [string, string][] = [
  ['ClientHello', SECTION_3.clientHello],
  ['ClientHello', SECTION_5.clientHello2],
  ['ServerHello', SECTION_3.serverHello],
  ['ServerHello', SECTION_5.helloRetryRequest],
  ['EncryptedExtensions', SECTION_3.encryptedExtensions],
  ['Certificate', SECTION_6.certificate],
  ['CertificateVerify', SECTION_6.certificateVerify],
  ['CertificateRequest', SECTION_6.certificateRequest],
  ['NewSessionTicket', SECTION_3.newSessionTicket],
  ['Finished', SECTION_3.serverFinished],
];

/** Runs `parse` and accepts only success or a TlsError with an alert. */
function parsesOrRefuses(parse: (bytes: Uint8Array) => unknown, bytes: Uint8Array): boolean {
  try {
    const value = parse(bytes);
    return (
      typeof value !== 'object' ||
      value === null ||
      value instanceof Uint8Array ||
      Object.isFrozen(value) ||
      Array.isArray(value)
    );
  } catch (error) {
    return error instanceof TlsError && error.alert !== undefined && error.origin === 'local';
  }
}

const bytes = fc.uint8Array({ maxLength: 4096, size: 'max' });

describe('TLS parsers on arbitrary bytes', () => {
  it('each parser returns a value or throws a TlsError with an alert (random bytes)', () => {
    const names = Object.keys(PARSERS);
    fc.assert(
      fc.property(fc.constantFrom(...names), bytes, (name, input) =>
        parsesOrRefuses(PARSERS[name], input),
      ),
      { numRuns: 1000 },
    );
  });

  /** A mutation of a byte array: flip, cut, insert, or overwrite a 2-byte length. */
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip'), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('cut'), at: fc.nat() }),
    fc.record({
      kind: fc.constant('insert'),
      at: fc.nat(),
      data: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
    fc.record({
      kind: fc.constant('length'),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 0xffff }),
    }),
  );
  type Mutation = { kind: string; at: number; mask?: number; data?: Uint8Array; value?: number };

  function mutate(input: Uint8Array, changes: Mutation[]): Uint8Array {
    let out = input.slice();
    for (const change of changes) {
      if (out.length === 0) break;
      const at = change.at % out.length;
      if (change.kind === 'flip') out[at] ^= change.mask!;
      else if (change.kind === 'cut') out = out.slice(0, at);
      else if (change.kind === 'insert')
        out = new Uint8Array([...out.subarray(0, at), ...change.data!, ...out.subarray(at)]);
      else if (at + 1 < out.length) {
        out[at] = change.value! >> 8;
        out[at + 1] = change.value! & 0xff;
      }
    }
    return out;
  }

  it('each parser returns a value or throws a TlsError with an alert (mutated RFC 8448 messages)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        ([name, message], changes) =>
          parsesOrRefuses(PARSERS[name], mutate(hex(message).subarray(4), changes)),
      ),
      { numRuns: 1000 },
    );
  });
});
