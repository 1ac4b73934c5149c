// Jest globalSetup: make sure every Wycheproof file pinned in vectors/wycheproof.lock is
// present and has the pinned SHA-256, before any suite runs.
//   - WYCHEPROOF_DIR set (CI sets ../shared/vectors/wycheproof): files are read from there.
//   - otherwise: they are downloaded once into vectors/.cache/wycheproof (git-ignored).
// A missing file, a failed download or a checksum mismatch throws, which stops the whole
// run: vectors are never skipped silently.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const root = path.resolve(__dirname, '..', '..');

module.exports = async function globalSetup() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'vectors', 'wycheproof.lock'), 'utf8'));
  const fromEnv = process.env.WYCHEPROOF_DIR;
  const dir = fromEnv ? path.resolve(fromEnv) : path.join(root, 'vectors', '.cache', 'wycheproof');
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, sha256] of Object.entries(lock.files)) {
    const target = path.join(dir, file);
    if (!fs.existsSync(target)) {
      if (fromEnv) throw new Error(`wycheproof: ${file} is missing from WYCHEPROOF_DIR=${fromEnv}`);
      const url = lock.source.replace('{commit}', lock.commit).replace('{file}', file);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`wycheproof: downloading ${url} failed with HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      const got = crypto.createHash('sha256').update(body).digest('hex');
      if (got !== sha256) throw new Error(`wycheproof: ${url} has sha256 ${got}, the lock pins ${sha256}`);
      fs.writeFileSync(target, body);
    }
    const got = crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
    if (got !== sha256) throw new Error(`wycheproof: ${target} has sha256 ${got}, vectors/wycheproof.lock pins ${sha256}`);
  }
  process.env.WYCHEPROOF_RESOLVED_DIR = dir;
};
