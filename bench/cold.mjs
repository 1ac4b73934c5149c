// @ts-check
/**
 * Cold-start rows: what a short-lived process feels. Each contender runs in FRESH processes
 * (`node --input-type=module -e SCRIPT`), interleaved, COLD_RUNS times each; the row reports
 * the median (time per operation) and, as ±, half the interquartile range over the median.
 *
 *   - first key generation: inside a fresh process, after the import, the time of the first
 *     key pair, public key included (ecdh-lab generatePrivateKey().publicKey.toRaw(), whose
 *     public key is computed on first use; noble keygen; node:crypto
 *     createECDH().generateKeys()), so each library's first fixed-base table is in it
 *   - whole process: wall time of the whole child, from spawn to exit: node's own start, the
 *     import, one key pair and one ECDH with a fixed peer key (parsed from its 65 bytes and
 *     validated)
 *
 * ecdh-lab runs from dist/esm, as the other rows do.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const COLD_RUNS = 15;
const ROOT = new URL('..', import.meta.url);
const LAB = new URL('../dist/esm/index.js', import.meta.url).href;

/** A fixed peer public key (uncompressed SEC 1): 2·G. */
const PEER =
  '047cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978' +
  '07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1';

/** The scripts, per contender: `first` prints the first key generation's time in ms. */
const SCRIPTS = {
  first: {
    'ecdh-lab': `import { generatePrivateKey } from '${LAB}';
const t = performance.now(); const k = generatePrivateKey().publicKey.toRaw(); const ms = performance.now() - t;
if (k.length !== 65) process.exit(1); console.log(ms);`,
    'node:crypto': `import { createECDH } from 'node:crypto';
const t = performance.now(); const k = createECDH('prime256v1').generateKeys(); const ms = performance.now() - t;
if (k.length !== 65) process.exit(1); console.log(ms);`,
    '@noble': `import { p256 } from '@noble/curves/nist.js';
const t = performance.now(); const k = p256.keygen(); const ms = performance.now() - t;
if (k.publicKey.length !== 33) process.exit(1); console.log(ms);`,
  },
  whole: {
    'ecdh-lab': `import { generatePrivateKey, PublicKey } from '${LAB}';
const k = generatePrivateKey(); k.publicKey.toRaw();
const z = k.exchange(PublicKey.fromRaw(Uint8Array.from(Buffer.from('${PEER}', 'hex'))));
if (z.length !== 32) process.exit(1);`,
    'node:crypto': `import { createECDH } from 'node:crypto';
const e = createECDH('prime256v1'); e.generateKeys();
const z = e.computeSecret(Buffer.from('${PEER}', 'hex'));
if (z.length !== 32) process.exit(1);`,
    '@noble': `import { p256 } from '@noble/curves/nist.js';
const k = p256.keygen();
const z = p256.getSharedSecret(k.secretKey, Uint8Array.from(Buffer.from('${PEER}', 'hex')));
if (z.length !== 33) process.exit(1);`,
  },
};

/** Runs one script in a fresh node; returns its printed figure (ms) or, if none, its wall time. */
function fresh(script, printsTime) {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`bench/cold: a fresh process failed: ${r.stderr}`);
  return printsTime ? Number(r.stdout.trim()) : wall;
}

export async function rows() {
  /** @type {(kind: 'first' | 'whole') => Record<string, () => number>} */
  const contenders = (kind) =>
    Object.fromEntries(
      Object.entries(SCRIPTS[kind]).map(([name, script]) => [
        name,
        () => fresh(script, kind === 'first'),
      ]),
    );
  return [
    {
      group: 'cold start',
      name: 'first key generation in a fresh process (after the import)',
      processes: COLD_RUNS,
      note: `median of ${COLD_RUNS} fresh processes`,
      contenders: contenders('first'),
    },
    {
      group: 'cold start',
      name: 'whole process: start, import, one key pair, one ECDH',
      processes: COLD_RUNS,
      note: `median of ${COLD_RUNS} fresh processes, wall time`,
      contenders: contenders('whole'),
    },
  ];
}
