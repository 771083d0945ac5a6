/**
 * Goldens: every fixture × a spread of configs, run through the Chainguard model (create,
 * then start) on PVE 9. Each golden is the reviewable change set — the unified tree diff plus
 * warnings and errors — derived by running the model. They change only through the
 * explicit update command:  pnpm exec vitest run -u packages/testkit/test/goldens
 * (with CI=true a missing or stale golden fails). Each case also runs on PVE 8 and must
 * match apart from what the release table says differs; PVE 8 goldens: releases.test.ts.
 */
import { PROFILES, unifiedTreeDiff } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { listFixtures, loadFixture } from '../../src/fixtures/loadFixture.ts';
import { CASES, expectedOn, HOOKS, render, run } from './goldenCases.ts';

describe.each(listFixtures())('fixture %s', (fixture) => {
  const before = loadFixture(fixture).entries;

  it.each(CASES.map((c) => [c.config, c] as const))(
    'golden for config %s, the same on PVE 8 apart from the table, and a second create and start change nothing',
    async (_name, c) => {
      const out = run(before, c, HOOKS);
      await expect(render(fixture, c, before, out)).toMatchFileSnapshot(`__golden__/${fixture}/${c.config}.diff`);
      expect(run(before, c, HOOKS, 8)).toMatchObject(expectedOn(PROFILES[8], c, out));
      if (out.error) return;
      const again = run(out.tree, c, HOOKS);
      expect(again.error).toBeNull();
      expect(unifiedTreeDiff(out.tree, again.tree)).toBe('');
    },
  );
});
