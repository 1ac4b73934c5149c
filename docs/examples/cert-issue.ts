// Chapter 11: being the CA — a root, a certificate request from a server, and the server's
// certificate issued from it. Keys are fixed demo keys, and ecdh-lab's ECDSA signs with RFC 6979
// nonces, so every byte below is the same on every run.
import { PrivateKey, sha256, sha384, sha512, utf8ToBytes } from 'ecdh-lab';
import {
  createCertificationRequest,
  issueFromRequest,
  selfSignedCertificate,
  verifyChain,
  type SignatureHash,
  type Signer,
} from 'ecdh-lab/x509';

const demoKey = (label: string) => PrivateKey.fromRaw(sha256(utf8ToBytes(label))); // never do this for real keys

// X.509 asks a Signer for each signature: the public key that goes into the certificate, and
// a DER ECDSA signature of the bytes with the hash the algorithm names. PrivateKey.sign is one.
const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };
const signer = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message: Uint8Array, hash: SignatureHash) =>
    key.sign(message, { hash: HASHES[hash], format: 'der' }),
});

export function main(): void {
  const caKey = demoKey('chapter 11 CA');
  const serverKey = demoKey('chapter 11 server');
  const start = new Date(Date.UTC(2027, 0, 1));

  // 1. The CA signs a statement about its own key: a self-signed root.
  const ca = selfSignedCertificate({
    signer: signer(caKey),
    subject: 'CN=Chapter 11 Root,O=ecdh-lab', // RFC 4514: written last RDN first
    serialNumber: 1n,
    notBefore: start,
    days: 3650,
  });
  // 2. The server asks, signing its request with its own key (proof that it holds it).
  const csr = createCertificationRequest({
    signer: signer(serverKey),
    subject: 'CN=localhost',
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
  });
  console.log(
    `request from ${csr.subject}: self-signature ${csr.verifySignature() ? 'valid' : 'INVALID'}`,
  );
  // 3. The CA checks the request and issues: subject, key and names from the request,
  //    everything else (validity, usage) its own decision.
  const cert = issueFromRequest(csr, {
    issuerCertificate: ca,
    issuerSigner: signer(caKey),
    serialNumber: 2n,
    notBefore: start,
    days: 90,
    extendedKeyUsage: ['serverAuth'],
  });
  console.log(cert.describe());
  const { chain } = verifyChain(cert, {
    anchors: [ca],
    time: start,
    host: '127.0.0.1',
  });
  console.log(`verifies for 127.0.0.1: ${chain.map((c) => c.subject.toString()).join(' → ')}`);
}
