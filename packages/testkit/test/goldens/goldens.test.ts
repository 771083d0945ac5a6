/**
 * Goldens: every fixture × a spread of configs, run through the Chainguard model (create,
 * then start) on PVE 9. Each golden is the reviewable change set — the unified tree diff plus
 * warnings and errors — derived by running the model. They change only through the
 * explicit update command:  pnpm exec vitest run -u packages/testkit/test/goldens
 * (with CI=true a missing or stale golden fails). PVE 8: releases.test.ts.
 */
import { unifiedTreeDiff } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { listFixtures, loadFixture } from '../../src/fixtures/loadFixture.ts';
import { CASES, HOOKS, render, run } from './goldenCases.ts';

describe.each(listFixtures())('fixture %s', (fixture) => {
  const before = loadFixture(fixture).entries;

  it.each(CASES.map((c) => [c.config, c] as const))('golden for config %s, and a second create and start change nothing', async (_name, c) => {
    const out = run(before, c, HOOKS);
    await expect(render(fixture, c, before, out)).toMatchFileSnapshot(`__golden__/${fixture}/${c.config}.diff`);
    if (out.error) return;
    const again = run(out.tree, c, HOOKS);
    expect(again.error).toBeNull();
    expect(unifiedTreeDiff(out.tree, again.tree)).toBe('');
  });
});
