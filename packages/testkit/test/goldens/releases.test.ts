/**
 * The Chainguard plugin on PVE 8 (pve-container 5.x): per fixture a golden of the tty 0
 * create+start run (goldens.test.ts holds the whole matrix to PVE 9 apart from the release
 * table), and the case the issue names. Update: pnpm exec vitest run -u packages/testkit/test/goldens
 */
import { unifiedTreeDiff } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { listFixtures, loadFixture } from '../../src/fixtures/loadFixture.ts';
import { CASES, HOOKS, render, run } from './goldenCases.ts';

describe.each(listFixtures())('fixture %s on PVE 8', (fixture) => {
  const before = loadFixture(fixture).entries;

  it('golden for config tty0', async () => {
    const c = CASES.find((x) => x.config === 'tty0')!;
    const out = run(before, c, HOOKS, 8);
    expect(out.error).toBeNull();
    await expect(render(fixture, c, before, out, 8)).toMatchFileSnapshot(`__golden__/pve8/${fixture}/tty0.diff`);
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
