/**
 * The load-and-abuse run at CI size: bench/soak.mjs (the full run is `npm run soak`) with 100
 * good clients × 20 messages on Noise NN against `ecdh-lab serve` as its own process, while
 * non-reading peers, slot-holders from one address, trickled frames, a handshake flood and
 * garbage run at the same time. Every echo must arrive intact and exactly once, and every
 * attack must have been met (refused, closed or held to its budget). Runs the built package
 * (dist/), which `npm test` builds first. No speed is asserted.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

it('100 clients × 20 messages under attack: every echo intact and delivered once', () => {
  expect(fs.existsSync(path.join(ROOT, 'dist', 'cjs', 'cli', 'main.js'))).toBe(true);
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bench', 'soak.mjs'), '--clients', '100', '--messages', '20', '--json'],
    { cwd: ROOT, encoding: 'utf8', timeout: 170000 },
  );
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({
    status: 0,
    stderr: '',
  });
  const result = JSON.parse(r.stdout);
  expect(result.failures).toEqual([]);
  expect(result.echoed).toBe(100 * 20);
  expect(result.serverExit).toBe(0);
  expect(result.attacks.slotsRefused).toBeGreaterThan(0); // the per-address cap refused them
  expect(result.attacks.trickledClosed).toBeGreaterThan(0); // the frame deadline closed them
  expect(result.attacks.floodHandshakes).toBeGreaterThan(0);
  expect(result.attacks.garbageClosed).toBeGreaterThan(0);
}, 180000);
