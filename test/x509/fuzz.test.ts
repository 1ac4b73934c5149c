/**
 * Hostile input for the X.509 parsers.
 *
 * Mutations (fast-check, 1000 runs each): bytes flipped, inserted, deleted, truncated or
 * duplicated in a real certificate, request and name; whatever comes out, parsing either
 * succeeds or throws a CryptoError — never a TypeError, RangeError or anything untyped —
 * and a certificate that still parses can be printed and put through verification.
 *
 * Size: inputs far larger than any real certificate (a megabyte-long OID or serial, 40 000
 * RDNs, extensions or names, a bundle of 1000 certificates) are parsed or refused promptly.
 * Nothing here is timed: a parser that decoded a megabyte OID into a BigInt, or copied the
 * rest of its input for each of 40 000 elements (gigabytes moved), would stall the suite
 * past its timeout instead.
 * Path building checks at most MAX_SIGNATURE_CHECKS signatures against a pool of look-alike
 * intermediates (counted, not timed).
 */
import fc from 'fast-check';
import { concatBytes } from '../../src/bytes/index.js';
import { CryptoError } from '../../src/errors.js';
import {
  derElement,
  derInteger,
  derOctetString,
  derSequence,
  oidFromString,
} from '../../src/keys/der.js';
import { derContext, derOid, derSetOf, Tag } from '../../src/x509/asn1.js';
import { derString } from '../../src/x509/strings.js';
import { Certificate } from '../../src/x509/certificate.js';
import { CertificationRequest, createCertificationRequest } from '../../src/x509/csr.js';
import { derExtension } from '../../src/x509/extensions.js';
import { Name } from '../../src/x509/name.js';
import { MAX_SIGNATURE_CHECKS, verifyChain } from '../../src/x509/verify.js';
import { derSignatureAlgorithm, type SignatureVerifier } from '../../src/x509/signature.js';
import { nodeSigner, nodeVerifier } from '../support/node-ecdsa';
import { intermediate, keyFor, leaf, root, T } from './fixtures';

const R = root();
const LEAF = leaf(intermediate(R), {
  subjectAltNames: {
    dns: ['a.example', '*.b.example'],
    ip: ['10.0.0.1', '::1'],
    email: ['x@a.example'],
  },
  extendedKeyUsage: ['serverAuth', 'clientAuth'],
});
const CSR = createCertificationRequest({
  signer: nodeSigner(keyFor('csr')),
  subject: 'CN=csr.example,O=Example,C=US',
  subjectAltNames: { dns: ['csr.example'] },
});

type Mutation =
  | { op: 'set'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; count: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; at: number; count: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 16 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 64 }),
  }),
);

function mutate(input: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes: Uint8Array = input.slice();
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === 'set') bytes[at] = m.value;
    else if (m.op === 'insert')
      bytes = concatBytes(bytes.subarray(0, at), Uint8Array.from(m.bytes), bytes.subarray(at));
    else if (m.op === 'delete')
      bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(at + m.count));
    else if (m.op === 'truncate') bytes = bytes.slice(0, at);
    else bytes = concatBytes(bytes.subarray(0, at + m.count), bytes.subarray(at));
  }
  return bytes;
}

/** Runs `fn`; fails unless it returns or throws a CryptoError. */
function typedOnly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CryptoError) return undefined;
    throw error;
  }
}

describe('mutated input: CryptoError or success, nothing else (fast-check)', () => {
  const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

  it('certificates', () => {
    const der = LEAF.toDer();
    let parsedCount = 0;
    fc.assert(
      fc.property(mutations, (ms) => {
        const cert = typedOnly(() => Certificate.fromDer(mutate(der, ms)));
        if (cert === undefined) return;
        parsedCount++;
        expect(typeof cert.describe()).toBe('string');
        typedOnly(() => verifyChain(cert, { anchors: [R.cert], time: T, verifier: nodeVerifier }));
      }),
      { numRuns: 1000 },
    );
    expect(parsedCount).toBeGreaterThan(0); // some mutations (in names, times, signatures) still parse
  });

  it('certification requests', () => {
    const der = CSR.toDer();
    fc.assert(
      fc.property(mutations, (ms) => {
        const csr = typedOnly(() => CertificationRequest.fromDer(mutate(der, ms)));
        if (csr !== undefined) typedOnly(() => csr.verifySignature(nodeVerifier));
      }),
      { numRuns: 1000 },
    );
  });

  it('names', () => {
    const der = LEAF.issuer.toDer();
    fc.assert(
      fc.property(mutations, (ms) => {
        const name = typedOnly(() => Name.fromDer(mutate(der, ms)));
        if (name !== undefined)
          expect(typeof `${name.toString()}${name.toOneLine()}`).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes behind a SEQUENCE header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (body) => {
        typedOnly(() => Certificate.fromDer(derElement(Tag.SEQUENCE, body)));
        typedOnly(() => CertificationRequest.fromDer(derElement(Tag.SEQUENCE, body)));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Concatenates many parts without spreading them into one call (which would overflow the stack). */
function joinParts(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The OID 1.3.6.1.4.1.55738.i, built by hand (fast enough for tens of thousands). */
function privateOid(i: number): Uint8Array {
  const septets = [i & 0x7f];
  for (let rest = i >>> 7; rest > 0; rest >>>= 7) septets.unshift((rest & 0x7f) | 0x80);
  return derElement(Tag.OBJECT_IDENTIFIER, concatBytes(PRIVATE_ARC, Uint8Array.from(septets)));
}
const PRIVATE_ARC = oidFromString('1.3.6.1.4.1.55738');

/** A certificate whose tbsCertificate is assembled from parts (no signature check needed to parse). */
function certificateWith(parts: {
  serial?: Uint8Array;
  issuer?: Uint8Array;
  extensions?: Uint8Array[];
}): Uint8Array {
  const algorithm = derSignatureAlgorithm('SHA-256');
  const name = Name.parse('CN=x').toDer();
  const tbs = derSequence(
    derContext(0, true, derInteger(2n)),
    parts.serial ?? derInteger(1n),
    algorithm,
    parts.issuer ?? name,
    derSequence(
      derElement(Tag.UTC_TIME, new TextEncoder().encode('300101000000Z')),
      derElement(Tag.UTC_TIME, new TextEncoder().encode('310101000000Z')),
    ),
    name,
    keyFor('big').publicKey.toDer(),
    ...(parts.extensions
      ? [derContext(3, true, derElement(Tag.SEQUENCE, joinParts(parts.extensions)))]
      : []),
  );
  return derSequence(tbs, algorithm, derElement(Tag.BIT_STRING, Uint8Array.of(0, 0x30, 0)));
}

describe('oversized input: parsed or refused promptly (linear time)', () => {
  const MiB = 1 << 20;

  it('a 1 MiB OBJECT IDENTIFIER is refused before it is decoded', () => {
    const oid = new Uint8Array(MiB).fill(0x81);
    oid[oid.length - 1] = 0x01;
    const ext = derSequence(
      derElement(Tag.OBJECT_IDENTIFIER, oid),
      derOctetString(Uint8Array.of(5, 0)),
    );
    expect(() => Certificate.fromDer(certificateWith({ extensions: [ext] }))).toThrow(
      /longer than 128 octets/,
    );
  });

  it('a 1 MiB serial number is refused before it is decoded', () => {
    const serial = derElement(Tag.INTEGER, new Uint8Array(MiB).fill(0x11));
    expect(() => Certificate.fromDer(certificateWith({ serial }))).toThrow(/longer than 64 octets/);
  });

  it('40 000 RDNs in the issuer parse', () => {
    const rdn = derSetOf(derSequence(derOid('2.5.4.11'), derString(Tag.UTF8_STRING, 'unit')));
    const issuer = derElement(Tag.SEQUENCE, joinParts(new Array(40000).fill(rdn)));
    const cert = Certificate.fromDer(certificateWith({ issuer }));
    expect(cert.issuer.rdns.length).toBe(40000);
  });

  it('40 000 extensions parse (each unknown, not critical)', () => {
    const value = derOctetString(Uint8Array.of(5, 0));
    const extensions = Array.from({ length: 40000 }, (_, i) =>
      derElement(Tag.SEQUENCE, concatBytes(privateOid(i), value)),
    );
    expect(Certificate.fromDer(certificateWith({ extensions })).extensions.all.length).toBe(40000);
  });

  it('40 000 subjectAltName entries parse', () => {
    const names = Array.from({ length: 40000 }, (_, i) =>
      derContext(2, false, new TextEncoder().encode(`h${i}.example`)),
    );
    const san = derExtension('2.5.29.17', false, derElement(Tag.SEQUENCE, joinParts(names)));
    const cert = Certificate.fromDer(certificateWith({ extensions: [san] }));
    expect(cert.extensions.subjectAltName!.names.length).toBe(40000);
  });

  it('a bundle of 1000 certificates parses', () => {
    expect(Certificate.fromPemBundle(LEAF.toPem().repeat(1000)).length).toBe(1000);
  });

  it(`path building checks at most ${MAX_SIGNATURE_CHECKS} signatures among 150 look-alike intermediates`, () => {
    // 150 CAs with the leaf's issuer name but another key: a search without a budget would
    // try every one of them (and, in a deeper pool, every combination).
    const impostorRoot = root('impostor root');
    const impostors = Array.from(
      { length: 150 },
      (_, i) =>
        intermediate(impostorRoot, 'intermediate', { serialNumber: BigInt(i + 1) }, 'impostor')
          .cert,
    );
    let checks = 0;
    const counting: SignatureVerifier = {
      verify: (...args) => {
        checks++;
        return nodeVerifier.verify(...args);
      },
    };
    expect(() =>
      verifyChain(LEAF, {
        anchors: [R.cert],
        intermediates: impostors,
        time: T,
        verifier: counting,
      }),
    ).toThrow(
      expect.objectContaining({
        code: expect.stringMatching(/^(LIMIT_EXCEEDED|CERT_BAD_SIGNATURE)$/),
      }),
    );
    expect(checks).toBeLessThanOrEqual(MAX_SIGNATURE_CHECKS);
  });
});
