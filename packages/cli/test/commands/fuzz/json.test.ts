/** `fuzz --json`: one JSON object with the counts on stdout, progress (not JSON) on stderr. */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/main.ts';
import { commands } from '../../../src/commands/index.ts';
import { locatePluginModule } from '@pve-chainguard/testkit/differential';
import { canRunPerlHarness } from '@pve-chainguard/testkit/perl';

describe('fuzz --json', () => {
  it.runIf(canRunPerlHarness() && locatePluginModule('ArchLinux') !== undefined)(
    'prints the counts as one JSON object',
    async () => {
      let out = '';
      let err = '';
      const code = await main(['fuzz', '--seed', '5', '--runs', '10', '--plugin', 'ArchLinux', '--json'], commands, {
        cwd: process.cwd(),
        out: (t) => void (out += t),
        err: (t) => void (err += t),
      });
      expect(code, err).toBe(0);
      const doc = JSON.parse(out) as Record<string, unknown>;
      expect(doc).toMatchObject({ plugin: 'ArchLinux', seed: 5, runs: 10, ran: 10, passed: 10, failed: 0, failures: [] });
      expect(doc.replay).toBe('FC_SEED=5 FC_NUM_RUNS=10 (pve-chainguard fuzz --seed 5 --runs 10 --plugin ArchLinux)');
      expect(err).toMatch(/^fuzz: 10\/10 cases, 0 failed, \d+\.\d cases\/s, ETA 0 s\n$/);
    },
    120_000,
  );
});
