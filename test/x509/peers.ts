/**
 * The real peers of the X.509 tests: the `openssl` command line (OpenSSL 3) and Python's
 * pyca/cryptography (`cryptography.x509.verification`, through verify_peer.py). Each
 * `…Available()` returns false (printing why) when the peer is missing, and throws under
 * CI=true, where every interop test must run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const opensslProbe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const pythonProbe = spawnSync(
  'python3',
  ['-c', 'import cryptography.x509.verification, cryptography; print(cryptography.__version__)'],
  { encoding: 'utf8' },
);

/** 'OpenSSL 3.0.x …' or undefined. */
export const OPENSSL_VERSION = opensslProbe.status === 0 ? opensslProbe.stdout.trim() : undefined;
/** pyca/cryptography's version or undefined. */
export const CRYPTOGRAPHY_VERSION =
  pythonProbe.status === 0 ? pythonProbe.stdout.trim() : undefined;

function available(present: boolean, reason: string): boolean {
  if (present) return true;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it`);
  console.warn(`${reason}: the interop test did nothing`);
  return false;
}

/** True when openssl can run; throws under CI=true when it cannot. */
export function opensslAvailable(): boolean {
  return available(OPENSSL_VERSION !== undefined, 'openssl is not on PATH');
}

/** True when python3 with cryptography.x509.verification can run; throws under CI=true otherwise. */
export function pythonAvailable(): boolean {
  return available(
    CRYPTOGRAPHY_VERSION !== undefined,
    `python3 with cryptography.x509.verification is not available (${pythonProbe.stderr?.trim().split('\n').pop() ?? pythonProbe.error?.message})`,
  );
}

/** A temporary directory, removed by `remove()`. */
export class TempDir {
  readonly path = fs.mkdtempSync(path.join(os.tmpdir(), 'ecdh-lab-x509-'));

  /** Writes a file (text or bytes) and returns its path. */
  write(name: string, contents: string | Uint8Array): string {
    const full = path.join(this.path, name);
    fs.writeFileSync(full, contents);
    return full;
  }

  read(name: string): string {
    return fs.readFileSync(path.join(this.path, name), 'utf8');
  }

  file(name: string): string {
    return path.join(this.path, name);
  }

  remove(): void {
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}

/** Runs openssl in `cwd`; returns its exit status and output (never throws for a failure). */
export function openssl(
  args: string[],
  cwd: string,
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', timeout: 30000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs openssl and returns stdout, failing with its stderr on a non-zero exit. */
export function opensslOk(args: string[], cwd: string): string {
  const result = openssl(args, cwd);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** One verification question for Python (files are PEM paths). */
export interface PythonCase {
  name: string;
  leaf: string;
  intermediates: string[];
  anchors: string[];
  /** Seconds since the epoch. */
  time: number;
  purpose: 'serverAuth' | 'clientAuth';
  host?: string;
  maxDepth?: number;
}

/** Asks verify_peer.py about every case in one process; returns name → verdict. */
export function pythonVerify(cases: PythonCase[]): Map<string, { ok: boolean; error?: string }> {
  const result = spawnSync('python3', [path.join(__dirname, 'verify_peer.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    timeout: 60000,
  });
  if (result.status !== 0) throw new Error(`verify_peer.py failed:\n${result.stderr}`);
  const out = JSON.parse(result.stdout) as { name: string; ok: boolean; error?: string }[];
  return new Map(out.map(({ name, ...verdict }) => [name, verdict]));
}
