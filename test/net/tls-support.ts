/**
 * Certificates for the TLS transport tests, issued at run time by ecdh-lab's own X.509 builder
 * (src/x509/builder.ts) and signed by its own ECDSA: a P-256 root CA and a server leaf for
 * localhost and 127.0.0.1, written as PEM files to a temporary folder (for openssl and curl).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/hash/sha256';
import { sha384, sha512 } from '../../src/hash/sha512';
import { PrivateKey } from '../../src/keys/private-key';
import { issueCertificate, selfSignedCertificate } from '../../src/x509/builder';
import type { SignatureHash, Signer } from '../../src/x509/signature';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };
const signer = (key: PrivateKey): Signer => ({
  publicKey: key.publicKey,
  sign: (message: Uint8Array, hash: SignatureHash) =>
    key.sign(message, { hash: HASHES[hash], format: 'der' }),
});

export interface TlsFiles {
  dir: string;
  /** PEM texts. */
  ca: string;
  cert: string;
  key: string;
  /** A CA that did not issue the server's certificate. */
  otherCa: string;
  /** Paths of the same, in `dir`. */
  caPath: string;
  certPath: string;
  keyPath: string;
  remove(): void;
}

/** Issues a root and a server certificate (localhost, 127.0.0.1) and writes them as PEM. */
export function makeTlsFiles(): TlsFiles {
  const caKey = PrivateKey.generate();
  const serverKey = PrivateKey.generate();
  const notBefore = new Date(Date.now() - 3600_000);
  const ca = selfSignedCertificate({
    signer: signer(caKey),
    subject: 'CN=ecdh-lab test root',
    notBefore,
    days: 30,
  });
  const otherKey = PrivateKey.generate();
  const other = selfSignedCertificate({
    signer: signer(otherKey),
    subject: 'CN=ecdh-lab other root',
    notBefore,
    days: 30,
  });
  const leaf = issueCertificate({
    publicKey: serverKey.publicKey,
    issuerCertificate: ca,
    issuerSigner: signer(caKey),
    subject: 'CN=localhost',
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
    extendedKeyUsage: ['serverAuth'],
    notBefore,
    days: 30,
  });
  const dir = mkdtempSync(join(tmpdir(), 'ecdh-lab-tls-'));
  const files = {
    dir,
    ca: ca.toPem(),
    cert: leaf.toPem(),
    key: serverKey.toPem(),
    otherCa: other.toPem(),
    caPath: join(dir, 'ca.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  writeFileSync(files.caPath, files.ca);
  writeFileSync(files.certPath, files.cert);
  writeFileSync(files.keyPath, files.key);
  return files;
}
