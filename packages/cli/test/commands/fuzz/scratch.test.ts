/** fuzz on SIGTERM/SIGINT: its scratch directory (harness trees, cached SSH keys) is gone. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canRunPerlHarness } from '@pve-chainguard/testkit/perl';
import { locatePluginModule } from '@pve-chainguard/testkit/differential';

const BIN = resolve(import.meta.dirname, '../../../bin/pve-chainguard.mjs');

describe('fuzz interrupted', () => {
  // SIGTERM takes the same handler (fuzz/scratch.ts); one signal keeps the test short
  it.runIf(canRunPerlHarness() && locatePluginModule('ArchLinux') !== undefined).each([['SIGINT', 130]] as const)(
    'removes its scratch directory on %s and exits %i',
    async (signal, code) => {
      const child = spawn(process.execPath, [BIN, 'fuzz', '--seed', '3', '--runs', '100000', '--plugin', 'ArchLinux'], { stdio: 'pipe' });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      // wait until the harness has made its trees inside the run's directory
      let scratch: string | undefined;
      for (let i = 0; i < 200 && !scratch; i++) {
        await new Promise((r) => setTimeout(r, 50));
        // only this child's run directory: another run on the machine must not be mistaken for it
        const mine = readdirSync('/dev/shm')
          .filter((n) => n.startsWith(`pvecg-fuzz-${child.pid}-`))
          .map((n) => join('/dev/shm', n));
        scratch = mine.find((d) => existsSync(d) && readdirSync(d).some((n) => n.startsWith('pvecg-harness-')));
      }
      expect(scratch, err).toBeDefined();
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(err).toContain(`fuzz: ${signal}: stopped; scratch directories removed`);
      expect(existsSync(scratch!)).toBe(false);
    },
    60_000,
  );
});
