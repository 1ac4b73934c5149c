/// <reference types="node" />
/**
 * The package's version, read at run time from its package.json, so that it is written in one
 * place only. The CLI runs on Node only and is built as CommonJS (dist/cjs/cli), so __dirname
 * is available: the nearest package.json named "ecdh-lab" above this file is ours (dist/cjs
 * holds a package.json of its own, without a name, which is skipped).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The "version" of ecdh-lab's package.json, or 'unknown' if it cannot be found. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'ecdh-lab' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here, or not JSON: look one level up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
