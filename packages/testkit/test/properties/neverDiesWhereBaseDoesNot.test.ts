/**
 * For every generated config valid on a release, the Chainguard plugin completes every
 * hook that Proxmox's own Base plugin (ArchLinux, on the same rootfs, config and steps)
 * completes. Model only: the differential holds the model to the generated Perl.
 * FC_SEED / FC_NUM_RUNS replay (vitest.setup.ts).
 */
import fc from 'fast-check';
import { ArchLinux, PROFILES, PVE_RELEASES, chainguardRegistry, runVector, type Registry, type ReleaseProfile } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { caseRecipe, caseVector, type CaseRecipe } from '../../src/arbitraries/caseRecipe.ts';
import { renderPassword } from '../../src/arbitraries/secrets.ts';
import { baseNames, target } from '../../src/differential/targets.ts';

const chainguard = target('Chainguard');

/** The Chainguard registry with ArchLinux, Proxmox's Base plugin, in Chainguard's place. */
function baseInChainguardsPlace(): Registry {
  const reg = chainguardRegistry();
  return { ...reg, plugins: { ...reg.plugins, chainguard: ArchLinux } };
}

/** The recipe as a valid config of `profile`: no key or NIC option the release lacks. */
function validOn(profile: ReleaseProfile, recipe: CaseRecipe): CaseRecipe {
  const config = { ...recipe.config };
  if (!profile.entrypointKey) delete config.entrypoint;
  if (!profile.containerEnvKeys) delete config.env;
  if (!profile.hostManagedNics) config.nics = config.nics.map((nic) => ({ ...nic, hostManaged: false }));
  return { ...recipe, config };
}

/** A password the admin could have meant: a crypt string or text without a line break. */
const validPassword = (r: CaseRecipe) => r.password === undefined || !renderPassword(r.password).includes('\n');

describe.each(PVE_RELEASES)('on PVE %s', (pve) => {
  const profile = PROFILES[pve];
  const arb = caseRecipe({
    bases: baseNames(),
    osIds: chainguard.osIds,
    markers: chainguard.markers,
    keepBaseOsRelease: chainguard.keepBaseOsRelease,
  })
    .filter(validPassword)
    .map((r) => validOn(profile, r));

  it('the Chainguard plugin never dies where ArchLinux does not', () => {
    fc.assert(
      fc.property(arb, (recipe) => {
        const vector = caseVector(recipe, 'chainguard');
        const opts = { configMode: 'strict' as const, pve };
        const base = runVector(vector, { ...opts, registry: baseInChainguardsPlace() });
        const ours = runVector(vector, { ...opts, registry: chainguardRegistry() });
        if (base.error !== null) return;
        expect(ours.error, ours.warnings.join('')).toBeNull();
        expect(ours.steps_completed).toBe(vector.steps.length);
      }),
      // two model runs per case: half fast-check's default keeps the suite in its time budget
      process.env.FC_NUM_RUNS === undefined ? { numRuns: 50 } : {},
    );
  });
});
