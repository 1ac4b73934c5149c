// Jest globalSetup: before any suite runs, check that every Wycheproof file pinned in
// vectors/wycheproof.lock is committed under vectors/wycheproof/ (gzipped) and that its
// uncompressed content has the pinned SHA-256. A missing file or a mismatch throws, which
// stops the whole run: vectors are never skipped silently, and nothing is downloaded.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');

module.exports = async function globalSetup() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'vectors', 'wycheproof.lock'), 'utf8'));
  const dir = path.join(root, 'vectors', 'wycheproof');
  for (const [file, sha256] of Object.entries(lock.files)) {
    const target = path.join(dir, `${file}.gz`);
    if (!fs.existsSync(target))
      throw new Error(
        `wycheproof: ${path.relative(root, target)} is missing (see vectors/README.md)`,
      );
    const got = crypto
      .createHash('sha256')
      .update(zlib.gunzipSync(fs.readFileSync(target)))
      .digest('hex');
    if (got !== sha256)
      throw new Error(
        `wycheproof: ${path.relative(root, target)} has sha256 ${got}, vectors/wycheproof.lock pins ${sha256}`,
      );
  }
};
