/// <reference types="node" />
/**
 * Writing a file so that it is either the old file or the complete new one, never a mix,
 * and never through a link: what a key file needs.
 *
 *   1. The target is looked at without following links (lstat): a symbolic link, a
 *      directory, a FIFO, a socket or a device is refused; an existing regular file is
 *      refused unless `force`.
 *   2. The text goes to a new file in the same directory, created with O_CREAT | O_EXCL
 *      (POSIX open(2): fails if the name exists, even as a dangling link) and mode
 *      0600 for a secret (0666 less the umask otherwise), then fsync(2)'d.
 *   3. That file takes the target's name: rename(2) over it with `force` (atomic: a reader
 *      sees the old file or the new one; a hard link elsewhere keeps the old contents,
 *      and a link that appeared since step 1 is replaced, not followed), or link(2) without
 *      `force` (fails if the name was taken meanwhile). The directory is then fsync'd so
 *      the new name survives a crash.
 * On any failure the new file is removed and the target is left as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a write was refused or failed; the message names the file, never its contents. */
export class FileWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileWriteError';
  }
}

/** Options for `writeFileAtomically`. */
export interface AtomicWriteOptions {
  /** A secret (a private key): mode exactly 0600. Otherwise 0666 less the umask, as usual. */
  secret: boolean;
  /** Replace an existing regular file. */
  force: boolean;
}

/** What a non-regular file is, for messages. */
function kindOf(stats: fs.Stats): string | undefined {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return stats.isFile() ? undefined : 'not a regular file';
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Step 1: refuses a target that is not absent or (with `force`) a regular file. */
function checkTarget(target: string, force: boolean): void {
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw new FileWriteError(`cannot write ${target} (${codeOf(error) ?? 'lstat failed'})`);
  }
  const kind = kindOf(stats);
  if (kind === 'a directory')
    throw new FileWriteError(
      `${target} is a directory; give the name of the file to create, e.g. ${path.join(target, 'key.pem')}`,
    );
  if (kind !== undefined)
    throw new FileWriteError(
      `${target} is ${kind}; refusing to write to it (give a new file name)`,
    );
  if (!force) throw new FileWriteError(`${target} already exists; use --force to overwrite it`);
}

/** A fresh name beside `target`: hidden, with 12 random hex digits. */
function temporaryName(target: string): string {
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return path.join(path.dirname(target), `.${path.basename(target)}.${random}.tmp`);
}

/** fsync on the directory that holds `file`, so a rename or link in it is durable; best effort. */
function syncDirectory(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the data itself was already synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes `text` to `target` atomically (see the file header).
 * @throws FileWriteError for a refused target or a failed write (the target is unchanged)
 * @example writeFileAtomically('key.pem', pem, { secret: true, force: false })
 */
export function writeFileAtomically(
  target: string,
  text: string,
  options: AtomicWriteOptions,
): void {
  const { secret, force } = options;
  checkTarget(target, force);
  const temporary = temporaryName(target);
  let fd: number;
  try {
    fd = fs.openSync(temporary, 'wx', secret ? 0o600 : 0o666); // O_WRONLY | O_CREAT | O_EXCL
  } catch (error) {
    throw new FileWriteError(
      `cannot create a file beside ${target} (${codeOf(error) ?? 'open failed'})`,
    );
  }
  try {
    try {
      if (secret) fs.fchmodSync(fd, 0o600); // exactly 0600, whatever the umask
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (force) fs.renameSync(temporary, target);
    else fs.linkSync(temporary, target);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST')
      throw new FileWriteError(`${target} already exists; use --force to overwrite it`);
    if (code === 'EISDIR' || code === 'ENOTDIR')
      throw new FileWriteError(`${target} is a directory; give the name of the file to create`);
    throw new FileWriteError(`cannot write ${target}${code ? ` (${code})` : ''}`);
  } finally {
    try {
      fs.unlinkSync(temporary); // after link(2), or after a failure; renamed away otherwise
    } catch {
      // already gone: renamed over the target
    }
  }
  syncDirectory(target);
}
