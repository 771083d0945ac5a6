/** The launcher runs the bundle of the sources as they are now, and the bundle behaves as the sources do. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleEntry, sourceStamp } from '../../launch/sourceStamp.mjs';

const CLI = resolve(import.meta.dirname, '../..');
const BIN = join(CLI, 'bin/pve-chainguard.mjs');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('bin/pve-chainguard.mjs', () => {
  it('runs (building when needed) the bundle named by the current sources stamp', () => {
    const r = run(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(bundleEntry(sourceStamp()))).toBe(true);
  });

  it('gives the same answers bundled and through tsx (PVE_CHAINGUARD_TSX=1)', () => {
    for (const args of [['check'], ['conform', '--pve', '7', 'x.jsonl'], ['frob']]) {
      const bundled = run(args);
      const tsx = run(args, { PVE_CHAINGUARD_TSX: '1' });
      expect([bundled.status, bundled.stdout, bundled.stderr], args.join(' ')).toEqual([tsx.status, tsx.stdout, tsx.stderr]);
    }
  });
});
