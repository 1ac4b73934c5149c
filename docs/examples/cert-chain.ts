// Chapter 11: the chain leaf → Example Issuing CA → Example Root CA, link by link (names,
// key identifiers, signatures), then verifyChain and three ways it refuses. The ECDSA
// signatures OpenSSL made are checked by ecdh-lab's own ECDSA, the default verifier.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CryptoError } from 'ecdh-lab';
import { Certificate, verifyChain } from 'ecdh-lab/x509';

const load = (name: string) =>
  Certificate.fromPem(fs.readFileSync(path.join(__dirname, 'certs', `${name}.pem`), 'utf8'));

export function main(): void {
  const leaf = load('leaf');
  const issuing = load('intermediate');
  const root = load('root');
  const at = Date.UTC(2027, 0, 1); // a fixed "now", inside every validity period
  for (const [child, parent] of [
    [leaf, issuing],
    [issuing, root],
    [root, root],
  ] as const) {
    console.log(`${child.subject}`);
    console.log(
      `  issuer          ${child.issuer}  (= subject of the next: ${child.issuer.equals(parent.subject)})`,
    );
    console.log(
      `  authority key   ${child.extensions.authorityKeyIdentifier?.keyIdentifier ?? '(none: a root names no one above it)'}`,
    );
    console.log(`  next's key id   ${parent.extensions.subjectKeyIdentifier?.keyIdentifier}`);
    console.log(`  signed by next  ${child.isSignedBy(parent)} (${child.signatureAlgorithm.name})`);
    console.log(
      `  CA              ${child.extensions.basicConstraints?.ca ?? false}${child.extensions.basicConstraints?.pathLength === undefined ? '' : `, pathLen ${child.extensions.basicConstraints.pathLength}`}`,
    );
    console.log(
      `  valid           ${child.notBefore.toISOString()} … ${child.notAfter.toISOString()}`,
    );
  }
  const options = {
    anchors: [root],
    intermediates: [issuing],
    time: at,
    host: 'www.example.com',
  };
  const { chain } = verifyChain(leaf, options);
  console.log(`verifyChain: OK, ${chain.map((c) => c.subject.commonName).join(' → ')}`);
  const refusals = [
    { ...options, host: 'mail.example.com' },
    { ...options, time: Date.UTC(2027, 5, 1) },
    { ...options, intermediates: [] },
  ];
  for (const refused of refusals) {
    try {
      verifyChain(leaf, refused);
    } catch (error) {
      console.log(`${(error as CryptoError).code}: ${(error as Error).message}`);
    }
  }
}
