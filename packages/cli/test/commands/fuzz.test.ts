/** The `fuzz` CLI command: usage errors, a passing run, a failing run with the shrunk case. */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzzCommand } from '../../src/commands/fuzz.ts';
import { locatePluginModule, writeBrokenModule } from '@pve-chainguard/testkit/differential';
import { canRunPerlHarness } from '@pve-chainguard/testkit/perl';

async function fuzz(...args: string[]) {
  let out = '';
  let err = '';
  const code = await fuzzCommand.run(args, { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd() });
  return { code, out, err };
}

describe('pve-chainguard fuzz', () => {
  it('rejects bad options with exit status 2 and the usage', async () => {
    for (const args of [['--runs', 'x'], ['--runs', '0'], ['--plugin', 'Debian'], ['--frobnicate', '1'], ['--seed'], ['--pve', '7']]) {
      const r = await fuzz(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Usage: pve-chainguard fuzz');
    }
  });

  const archlinux = locatePluginModule('ArchLinux');
  it.runIf(canRunPerlHarness() && archlinux !== undefined)(
    'prints the seed and "N passed, 0 failed" and exits 0 when model and Perl agree',
    async () => {
      const r = await fuzz('--seed', '424242', '--runs', '30', '--plugin', 'ArchLinux');
      expect(r.err).toBe('');
      expect(r.out).toContain('seed 424242, 30 cases');
      expect(r.out).toMatch(/^30 passed, 0 failed \(/m);
      expect(r.code).toBe(0);
    },
    5 * 60_000,
  );

  it.runIf(canRunPerlHarness() && locatePluginModule('Chainguard') !== undefined)(
    'runs model and harness as PVE 8 with --pve 8',
    async () => {
      const r = await fuzz('--seed', '8', '--runs', '10', '--plugin', 'Chainguard', '--pve', '8');
      expect(r.out).toContain('seed 8, 10 cases, PVE 8');
      expect(r.out).toMatch(/^10 passed, 0 failed \(/m);
      expect(r.code).toBe(0);
    },
    5 * 60_000,
  );

  it.runIf(canRunPerlHarness() && archlinux !== undefined)(
    'exits 1 with the shrunk case and its tree diff when the Perl module is broken',
    async () => {
      const { pluginDir, breakage } = writeBrokenModule(archlinux!.path, 'ArchLinux');
      try {
        const r = await fuzz('--seed', '7', '--runs', '40', '--plugin', 'ArchLinux', '--plugin-dir', pluginDir);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/^\d+ passed, [1-9]\d* failed/m);
        expect(r.out).toContain('replay: FC_SEED=7 FC_NUM_RUNS=40');
        expect(r.out).toMatch(/shrunk in \d+ steps to:\nrecipe: \{/);
        expect(r.out).toContain('tree diff (a = perl, b = model):');
        expect(r.out).toContain(breakage.shows);
      } finally {
        rmSync(pluginDir, { recursive: true, force: true });
      }
    },
    5 * 60_000,
  );
});
