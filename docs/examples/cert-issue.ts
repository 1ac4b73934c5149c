// Chapter 11: being the CA — a root, a certificate request from a server, and the server's
// certificate issued from it. Keys are fixed demo keys; the signatures come from the
// TEST-ONLY node:crypto stand-in (test/support/node-ecdsa.ts) and are random, so only what
// does not depend on them is printed.
import { PrivateKey, sha256, utf8ToBytes } from '../../src/index';
import {
  createCertificationRequest,
  issueFromRequest,
  selfSignedCertificate,
  verifyChain,
} from '../../src/x509';
import { nodeSigner, nodeVerifier } from '../../test/support/node-ecdsa';

const demoKey = (label: string) => PrivateKey.fromRaw(sha256(utf8ToBytes(label))); // never do this for real keys

export function main(): void {
  const caKey = demoKey('chapter 11 CA');
  const serverKey = demoKey('chapter 11 server');
  const start = new Date(Date.UTC(2027, 0, 1));

  // 1. The CA signs a statement about its own key: a self-signed root.
  const ca = selfSignedCertificate({
    signer: nodeSigner(caKey),
    subject: 'CN=Chapter 11 Root,O=ecdh-lab', // RFC 4514: written last RDN first
    serialNumber: 1n,
    notBefore: start,
    days: 3650,
  });
  // 2. The server asks, signing its request with its own key (proof that it holds it).
  const csr = createCertificationRequest({
    signer: nodeSigner(serverKey),
    subject: 'CN=localhost',
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
  });
  console.log(
    `request from ${csr.subject}: self-signature ${csr.verifySignature(nodeVerifier) ? 'valid' : 'INVALID'}`,
  );
  // 3. The CA checks the request and issues: subject, key and names from the request,
  //    everything else (validity, usage) its own decision.
  const cert = issueFromRequest(csr, {
    issuerCertificate: ca,
    issuerSigner: nodeSigner(caKey),
    verifier: nodeVerifier,
    serialNumber: 2n,
    notBefore: start,
    days: 90,
    extendedKeyUsage: ['serverAuth'],
  });
  const text = cert.describe();
  console.log(text.slice(0, text.indexOf('\n    Signature Algorithm'))); // the part before the (random) signature
  const { chain } = verifyChain(cert, {
    anchors: [ca],
    time: start,
    host: '127.0.0.1',
    verifier: nodeVerifier,
  });
  console.log(`verifies for 127.0.0.1: ${chain.map((c) => c.subject.toString()).join(' → ')}`);
}
