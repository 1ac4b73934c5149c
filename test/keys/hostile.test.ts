/**
 * Every parser that takes untrusted bytes refuses 1 MiB hostile inputs quickly, with a typed
 * error and a short message: a denial-of-service guard (the parsers must be linear in their
 * input), not a benchmark — the 1 s bound is generous on purpose.
 *
 * Inputs: valid encodings made here (a P-256 key as SPKI, PKCS#8 and SEC1; an ECDSA
 * signature; a certificate and a request from the X.509 builder) are walked element by
 * element, and each element is replaced by a hostile one of about 1 MiB, the enclosing
 * lengths re-encoded so that only the replaced element is wrong:
 *   - an OBJECT IDENTIFIER with one 1 MiB arc, or with a million one-octet arcs (X.690 §8.19);
 *   - an INTEGER of 1 MiB, positive or negative (X.690 §8.3);
 *   - about 1 MiB of SEQUENCEs nested 200,000 deep;
 *   - a long-form length declaring 4 GiB over 1 MiB of contents (X.690 §8.1.3.5).
 * The same inputs, scaled to about 1 MiB of text, go through PEM armor (RFC 7468), and PEM
 * and JWK (RFC 7517) get their own: a 1 MiB label, line or header, and 1 MiB members. The
 * bound is on CPU time, so that other processes on a busy machine do not count; a parse over
 * it is timed once more before the test fails, and a super-linear parser is slow both times.
 */
import { utf8ToBytes } from '../../src/bytes/index.js';
import { decodeSignature } from '../../src/ecdsa/signature.js';
import { CryptoError } from '../../src/errors.js';
import { sha256 } from '../../src/hash/sha256.js';
import { DerReader, derElement } from '../../src/keys/der.js';
import { encodePem } from '../../src/keys/pem.js';
import { parsePkcs8 } from '../../src/keys/pkcs8.js';
import { PrivateKey } from '../../src/keys/private-key.js';
import { PublicKey } from '../../src/keys/public-key.js';
import { parseEcPrivateKey } from '../../src/keys/sec1.js';
import { parseSpki } from '../../src/keys/spki.js';
import { selfSignedCertificate } from '../../src/x509/builder.js';
import { Certificate } from '../../src/x509/certificate.js';
import { CertificationRequest, createCertificationRequest } from '../../src/x509/csr.js';

const MiB = 1 << 20;
/** The bound per input: generous, a guard against super-linear parsing, not a benchmark. */
const BOUND_MS = 1000;
/** Error messages stay short whatever the input. */
const MAX_MESSAGE = 400;
/** DER that armors to about 1 MiB of PEM text (base64 is 4/3 of it, plus line ends). */
const PEM_DER_SIZE = 3 * (MiB >> 2) - (MiB >> 6);

// --- hostile elements (about 1 MiB each) ---

/** An OBJECT IDENTIFIER whose second subidentifier is one arc of ~1 MiB of base-128 digits. */
function longOidArc(size = MiB): Uint8Array {
  const contents = new Uint8Array(size).fill(0xff);
  contents[0] = 0x2a; // 1.2
  contents[contents.length - 1] = 0x7f;
  return derElement(0x06, contents);
}

/** An OBJECT IDENTIFIER with a million arcs of one octet each. */
function manyOidArcs(size = MiB): Uint8Array {
  return derElement(0x06, new Uint8Array(size).fill(0x01));
}

/** A minimal INTEGER of 1 MiB: positive (leading 01) or negative (leading ff 7f…). */
function longInteger(negative: boolean, size = MiB): Uint8Array {
  const contents = new Uint8Array(size).fill(negative ? 0x80 : 0x5a);
  contents[0] = negative ? 0xff : 0x01;
  return derElement(0x02, contents);
}

/** SEQUENCE { SEQUENCE { … } } nested `depth` deep, built from the inside out in one buffer. */
function deepNesting(depth = MiB / 5): Uint8Array {
  const headerLength = (length: number) =>
    length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : 5;
  const lengths: number[] = [];
  let total = 0;
  for (let i = 0; i < depth; i++) {
    lengths.push(total);
    total += headerLength(total);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = depth - 1; i >= 0; i--) {
    const length = lengths[i];
    out[at++] = 0x30;
    const header = headerLength(length);
    if (header === 2) out[at++] = length;
    else {
      out[at++] = 0x80 | (header - 2);
      for (let k = header - 3; k >= 0; k--) out[at++] = (length >>> (8 * k)) & 0xff;
    }
  }
  return out;
}

/** An element of `tag` declaring 0xffffffff content octets over 1 MiB of them. */
function longLength(tag: number, size = MiB): Uint8Array {
  const out = new Uint8Array(6 + size);
  out.set([tag, 0x84, 0xff, 0xff, 0xff, 0xff]);
  return out;
}

// --- walking a valid encoding and replacing one element ---

interface Node {
  tag: number;
  contents: Uint8Array;
  children?: Node[];
}

function parseTree(bytes: Uint8Array): Node[] {
  const reader = new DerReader(bytes);
  const nodes: Node[] = [];
  while (!reader.done) {
    const { tag, contents } = reader.readAny();
    nodes.push(tag & 0x20 ? { tag, contents, children: parseTree(contents) } : { tag, contents });
  }
  return nodes;
}

function encodeNode(node: Node): Uint8Array {
  if (!node.children) return derElement(node.tag, node.contents);
  return derElement(node.tag, concat(node.children.map(encodeNode)));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Re-encodes `nodes` with the element at `path` replaced by `replacement`. */
function replaceAt(nodes: Node[], path: number[], replacement: Uint8Array): Uint8Array {
  const [index, ...rest] = path;
  return concat(
    nodes.map((node, i) => {
      if (i !== index) return encodeNode(node);
      if (rest.length === 0) return replacement;
      return derElement(node.tag, replaceAt(node.children!, rest, replacement));
    }),
  );
}

interface Mutant {
  name: string;
  der: Uint8Array;
}

/** Every element of `der` replaced, in turn, by each hostile element that fits its type. */
function mutants(der: Uint8Array, size = MiB): Mutant[] {
  const tree = parseTree(der);
  const out: Mutant[] = [];
  const visit = (nodes: Node[], path: number[]) => {
    nodes.forEach((node, i) => {
      const at = [...path, i];
      const where = `element ${at.join('.')} (tag 0x${node.tag.toString(16)})`;
      const hostile: [string, () => Uint8Array][] = [];
      if (node.tag === 0x06)
        hostile.push(
          ['a 1 MiB OID arc', () => longOidArc(size)],
          ['a million OID arcs', () => manyOidArcs(size)],
        );
      if (node.tag === 0x02)
        hostile.push(
          ['a 1 MiB INTEGER', () => longInteger(false, size)],
          ['a 1 MiB negative INTEGER', () => longInteger(true, size)],
        );
      if (node.children) hostile.push(['SEQUENCEs nested 1 MiB deep', () => deepNesting(size / 5)]);
      hostile.push(['a 4 GiB length over 1 MiB', () => longLength(node.tag, size)]);
      for (const [what, make] of hostile)
        out.push({ name: `${where} → ${what}`, der: replaceAt(tree, at, make()) });
      if (node.children) visit(node.children, at);
    });
  };
  visit(tree, []);
  return out;
}

// --- the check ---

/**
 * CPU time (user + system, all threads of this process) spent in `run`, in ms. CPU time, not
 * wall-clock time: on a machine busy with other processes the wall clock counts their time too.
 */
function cpuMilliseconds(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function expectQuickTypedRefusal(parse: () => unknown): void {
  let thrown: unknown;
  let elapsed = cpuMilliseconds(() => {
    try {
      parse();
    } catch (error) {
      thrown = error;
    }
  });
  if (elapsed >= BOUND_MS) {
    // Once more before failing (a GC of an earlier input may have landed here). Super-linear
    // parsing stays slow.
    elapsed = cpuMilliseconds(() => {
      try {
        parse();
      } catch {}
    });
  }
  if (thrown === undefined) throw new Error('expected a refusal, but the input was accepted');
  const typed =
    thrown instanceof CryptoError || thrown instanceof TypeError || thrown instanceof RangeError;
  if (!typed) throw thrown;
  if (thrown instanceof CryptoError) expect(typeof thrown.code).toBe('string');
  expect((thrown as Error).message.length).toBeLessThan(MAX_MESSAGE);
  expect(elapsed).toBeLessThan(BOUND_MS);
}

// --- the valid encodings that are mutated ---

const key = PrivateKey.fromRaw(sha256(utf8ToBytes('ecdh-lab hostile-input test key')));
const spki = key.publicKey.toDer();
const pkcs8 = key.toDer('pkcs8');
const sec1 = key.toDer('sec1');
const signature = key.sign(utf8ToBytes('message'));
const signer = {
  publicKey: key.publicKey,
  sign: (message: Uint8Array) => key.sign(message, { hash: sha256 }),
};
const certificate = selfSignedCertificate({
  signer,
  subject: 'CN=hostile,O=ecdh-lab tests',
  notBefore: new Date(Date.UTC(2030, 0, 1)),
  notAfter: new Date(Date.UTC(2031, 0, 1)),
  ca: true,
  subjectAltNames: { dns: ['hostile.example'], ip: ['127.0.0.1'] },
}).toDer();
const request = createCertificationRequest({
  signer,
  subject: 'CN=hostile request',
  subjectAltNames: { dns: ['hostile.example'] },
}).toDer();

type Parser = [string, (der: Uint8Array) => unknown];

const DER_PARSERS: [string, Uint8Array, Parser[]][] = [
  [
    'SubjectPublicKeyInfo (RFC 5480)',
    spki,
    [
      ['PublicKey.fromDer', (d) => PublicKey.fromDer(d)],
      ['parseSpki', (d) => parseSpki(d)],
    ],
  ],
  [
    'PKCS#8 PrivateKeyInfo (RFC 5208)',
    pkcs8,
    [
      ['PrivateKey.fromDer', (d) => PrivateKey.fromDer(d)],
      ['parsePkcs8', (d) => parsePkcs8(d)],
    ],
  ],
  [
    'SEC1 ECPrivateKey (RFC 5915)',
    sec1,
    [
      ['PrivateKey.fromDer', (d) => PrivateKey.fromDer(d)],
      ['parseEcPrivateKey', (d) => parseEcPrivateKey(d)],
    ],
  ],
  ['ECDSA-Sig-Value (SEC 1 §C.8)', signature, [['decodeSignature', (d) => decodeSignature(d)]]],
  [
    'X.509 certificate (RFC 5280)',
    certificate,
    [['Certificate.fromDer', (d) => Certificate.fromDer(d)]],
  ],
  [
    'PKCS#10 request (RFC 2986)',
    request,
    [['CertificationRequest.fromDer', (d) => CertificationRequest.fromDer(d)]],
  ],
];

const PEM_PARSERS: [string, Uint8Array, string, (pem: string) => unknown][] = [
  ['PublicKey.fromPem', spki, 'PUBLIC KEY', (p) => PublicKey.fromPem(p)],
  ['PrivateKey.fromPem (PKCS#8)', pkcs8, 'PRIVATE KEY', (p) => PrivateKey.fromPem(p)],
  ['PrivateKey.fromPem (SEC1)', sec1, 'EC PRIVATE KEY', (p) => PrivateKey.fromPem(p)],
  ['Certificate.fromPem', certificate, 'CERTIFICATE', (p) => Certificate.fromPem(p)],
  ['Certificate.fromPemBundle', certificate, 'CERTIFICATE', (p) => Certificate.fromPemBundle(p)],
  [
    'CertificationRequest.fromPem',
    request,
    'CERTIFICATE REQUEST',
    (p) => CertificationRequest.fromPem(p),
  ],
];

describe('the valid encodings parse (so each mutant differs from an accepted input in one element)', () => {
  it.each(
    DER_PARSERS.flatMap(([format, der, parsers]) =>
      parsers.map((p) => [format, p[0], der, p[1]] as const),
    ),
  )('%s: %s', (_format, _name, der, parse) => {
    expect(parse(der)).toBeDefined();
  });
});

describe.each(DER_PARSERS)('1 MiB hostile DER in a %s', (_format, der, parsers) => {
  const cases = mutants(der);
  it.each(parsers)(
    '%s refuses every mutant with a typed error, each within 1 s',
    (_name, parse) => {
      expect(cases.length).toBeGreaterThan(3);
      for (const { name, der: input } of cases) {
        try {
          expectQuickTypedRefusal(() => parse(input));
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      }
    },
  );
  it.each(parsers)(
    '%s refuses 1 MiB of nesting, long lengths and junk as the whole input',
    (_name, parse) => {
      for (const input of [
        deepNesting(),
        longLength(0x30),
        longOidArc(),
        longInteger(false),
        new Uint8Array(MiB).fill(0x30),
        new Uint8Array(MiB),
      ])
        expectQuickTypedRefusal(() => parse(input));
    },
  );
});

describe('1 MiB hostile PEM', () => {
  // One mutant of each kind per format, armored: the PEM layer adds a base64 pass.
  it.each(PEM_PARSERS)('%s refuses armored hostile DER', (_name, der, label, parse) => {
    const seen = new Set<string>();
    for (const { name, der: input } of mutants(der, PEM_DER_SIZE)) {
      const kind = name.slice(name.indexOf('→'));
      if (seen.has(kind)) continue;
      seen.add(kind);
      expectQuickTypedRefusal(() => parse(encodePem(label, input)));
    }
    expectQuickTypedRefusal(() => parse(encodePem(label, deepNesting(PEM_DER_SIZE / 5))));
  });

  const body = 'A'.repeat(MiB);
  const texts: [string, string][] = [
    [
      'a 1 MiB label',
      `-----BEGIN ${'K'.repeat(MiB)}-----\nAAAA\n-----END ${'K'.repeat(MiB)}-----\n`,
    ],
    ['a 1 MiB BEGIN line without its dashes', `-----BEGIN ${'K'.repeat(MiB)}\n`],
    ['an unterminated 1 MiB label', `-----BEGIN ${'K '.repeat(MiB / 2)}`],
    ['a 1 MiB line outside a block', `${'x'.repeat(MiB)}\n`],
    [
      'a 1 MiB header line',
      `-----BEGIN PUBLIC KEY-----\nProc-Type: ${'4'.repeat(MiB)}\n-----END PUBLIC KEY-----\n`,
    ],
    [
      'a 1 MiB body that is not base64',
      `-----BEGIN PUBLIC KEY-----\n${'*'.repeat(MiB)}\n-----END PUBLIC KEY-----\n`,
    ],
    [
      'a 1 MiB body of one zero-filled DER',
      `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`,
    ],
    ['a 1 MiB body without an END line', `-----BEGIN PUBLIC KEY-----\n${body}\n`],
    ['a million blank lines', '\n'.repeat(MiB)],
    ['a million empty blocks', '-----BEGIN A-----\n-----END A-----\n'.repeat(MiB / 32)],
  ];
  it.each(PEM_PARSERS)('%s refuses malformed 1 MiB armor', (_name, _der, _label, parse) => {
    for (const [what, text] of texts) {
      try {
        expectQuickTypedRefusal(() => parse(text));
      } catch (error) {
        throw new Error(`${what}: ${(error as Error).message}`);
      }
    }
  });
});

describe('1 MiB hostile JWK (RFC 7517) and raw keys', () => {
  const jwk = key.toJwk() as unknown as Record<string, unknown>;
  const huge = 'A'.repeat(MiB);
  const members: [string, Record<string, unknown>][] = [
    ['x', { ...jwk, x: huge }],
    ['y', { ...jwk, y: huge }],
    ['d', { ...jwk, d: huge }],
    ['kty', { ...jwk, kty: huge }],
    ['crv', { ...jwk, crv: huge }],
    ['x not base64url', { ...jwk, x: '*'.repeat(MiB) }],
    ['x an array', { ...jwk, x: new Array(MiB).fill('A') }],
  ];
  it.each(members)('PrivateKey.fromJwk and PublicKey.fromJwk refuse a 1 MiB %s', (_what, input) => {
    expectQuickTypedRefusal(() => PrivateKey.fromJwk(input));
    const { d: _d, ...pub } = input;
    if (_what !== 'd') expectQuickTypedRefusal(() => PublicKey.fromJwk(pub));
  });
  it('fromRaw refuses 1 MiB', () => {
    const raw = new Uint8Array(MiB).fill(0x04);
    expectQuickTypedRefusal(() => PublicKey.fromRaw(raw));
    expectQuickTypedRefusal(() => PrivateKey.fromRaw(raw));
  });
});
