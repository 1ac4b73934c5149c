// Builds vectors/x509/debian-x509-corpus.json.gz from Debian's python3-cryptography-vectors:
//
//   apt-get download python3-cryptography-vectors && dpkg -x python3-cryptography-vectors_*.deb x
//   node vectors/x509/make-debian-corpus.mjs x/usr/lib/python3/dist-packages/cryptography_vectors/x509 VERSION
//
// It takes every certificate file of the package's x509/ tree — PKITS_data/certs/*.crt (DER),
// every PEM file holding a CERTIFICATE or X509 CERTIFICATE block, and the DER files that
// are certificates (listed below) — and every certification request under requests/, and
// writes them unchanged (base64) with their SHA-256, gzipped. Not taken: CRLs, OCSP
// messages, keys, PKCS#12 and S/MIME containers, PKITS cross-certificate pairs (.cp) and a
// bare TBSCertificate (cryptography-scts-tbs-precert.der), which are not certificates.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const [root, version] = process.argv.slice(2);
if (!root || !version) throw new Error('usage: make-debian-corpus.mjs X509_DIR PACKAGE_VERSION');

// The DER files outside ocsp/ and requests/ that are certificates (the others are CRLs or a TBS).
const DER_CERTIFICATES = [
  'san_x400address.der',
  'badssl-sct-none-hash.der',
  'badssl-sct-anonymous-sig.der',
  'e-trust.ru.der',
  'san_edipartyname.der',
  'custom/alternate-rsa-sha1-oid.der',
  'custom/cp_invalid2.der',
  'custom/invalid-sct-length.der',
  'custom/invalid-sct-version.der',
  'custom/nc_invalid_ip4_netmask.der',
];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = [];
const add = (rel, kind, format) => {
  const bytes = fs.readFileSync(path.join(root, rel));
  files.push({
    path: rel,
    kind,
    format,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    data: bytes.toString('base64'),
  });
};
for (const full of walk(root).sort()) {
  const rel = path.relative(root, full);
  if (rel.startsWith('requests/')) add(rel, 'request', rel.endsWith('.der') ? 'der' : 'pem');
  else if (rel.startsWith('PKITS_data/certs/') && rel.endsWith('.crt')) add(rel, 'certificate', 'der');
  else if (rel.endsWith('.pem') && /-----BEGIN (X509 )?CERTIFICATE-----/.test(fs.readFileSync(full, 'latin1')))
    add(rel, 'certificate', 'pem');
  else if (DER_CERTIFICATES.includes(rel)) add(rel, 'certificate', 'der');
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'debian-x509-corpus.json.gz');
const json = JSON.stringify({ source: `python3-cryptography-vectors ${version} (Debian), cryptography_vectors/x509/`, files }, null, 1);
fs.writeFileSync(out, gzipSync(Buffer.from(json), { level: 9 }));
console.log(`${files.length} files → ${out}`);
