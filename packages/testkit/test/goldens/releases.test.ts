/**
 * The Chainguard plugin on PVE 8 (pve-container 5.x): per fixture a golden of the tty 0
 * create+start run, and for the whole golden matrix the same outcome as on PVE 9 apart from
 * what the release table says differs. Update: pnpm exec vitest run -u packages/testkit/test/goldens
 */
import { PROFILES, unifiedTreeDiff, type Outcome, type ReleaseProfile } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { listFixtures, loadFixture } from '../../src/fixtures/loadFixture.ts';
import { CASES, HOOKS, render, run, type GoldenCase } from './goldenCases.ts';

const PVE8 = PROFILES[8];

/** The PVE 9 outcome as the older release must show it, by the table's flags alone. */
function expectedOn(profile: ReleaseProfile, c: GoldenCase, on9: Outcome): Partial<Outcome> {
  if (!profile.hostManagedNics && c.config === 'host-managed') return { error: expect.objectContaining({ at: 'config' }) };
  const logWarn = profile.systemdNestingWarning ? on9.log_warn : [];
  return { ...on9, log_warn: logWarn };
}

describe.each(listFixtures())('fixture %s on PVE 8', (fixture) => {
  const before = loadFixture(fixture).entries;

  it('golden for config tty0', async () => {
    const c = CASES.find((x) => x.config === 'tty0')!;
    const out = run(before, c, HOOKS, 8);
    expect(out.error).toBeNull();
    await expect(render(fixture, c, before, out, 8)).toMatchFileSnapshot(`__golden__/pve8/${fixture}/tty0.diff`);
  });

  it.each(CASES.map((c) => [c.config, c] as const))('config %s: as on PVE 9 apart from the table', (_name, c) => {
    const on8 = run(before, c, HOOKS, 8);
    expect(on8).toMatchObject(expectedOn(PVE8, c, run(before, c, HOOKS, 9)));
  });
});

describe('a systemd image with tty 0 and no /etc/systemd', () => {
  const fixture = 'wolfi-systemd-nosshd-nobusybox';
  const before = loadFixture(fixture).entries;
  const tty0 = CASES.find((x) => x.config === 'tty0')!;

  it('is what the fixture holds', () => {
    expect(before.some((e) => e.path === '/etc/systemd')).toBe(false);
    expect(before.find((e) => e.path === '/usr/lib/systemd/systemd')?.type).toBe('file');
  });

  it('completes create and start on PVE 8 with the tree PVE 9 leaves', () => {
    const on8 = run(before, tty0, HOOKS, 8);
    const on9 = run(before, tty0, HOOKS, 9);
    expect(on8.error).toBeNull();
    expect(on8.steps_completed).toBe(HOOKS.length);
    expect(on8.tree.some((e) => e.path === '/etc/systemd/system-preset/00-pve.preset')).toBe(true);
    expect(unifiedTreeDiff(on9.tree, on8.tree)).toBe('');
  });
});
