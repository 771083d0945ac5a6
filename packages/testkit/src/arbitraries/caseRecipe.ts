/**
 * A whole differential case as a recipe (plain data that shrinks without generation
 * context) and the vector it stands for: config, rootfs, host data, clock and the
 * lifecycle steps, in the shape both core's runVector and the Perl harness take.
 */
import fc from 'fast-check';
import { type Hook, hookStep, type Vector } from '@pve-chainguard/core';
import { hooksRecipe } from './hooks.ts';
import { configRecipe, renderConfig, ZONES, type ConfigRecipe } from './pctConfig.ts';
import { renderRootfs } from './rootfs/renderRootfs.ts';
import { rootfsRecipe, type RootfsRecipeOptions, type RootfsRecipe } from './rootfs/rootfsRecipe.ts';
import { passwordRecipe, renderPassword, renderSshKeys, sshKeysRecipe, type PasswordRecipe, type SshKeysRecipe } from './secrets.ts';

export interface HostRecipe {
  resolv: 'none' | 'one' | 'three';
  timezone: (typeof ZONES)[number];
}

export interface CaseRecipe {
  config: ConfigRecipe;
  rootfs: RootfsRecipe;
  hooks: Hook[];
  password?: PasswordRecipe;
  sshKeys?: SshKeysRecipe;
  host: HostRecipe;
  frozenTime: number;
}

/** A whole case takes the rootfs recipe's options (and, so far, no others). */
export type CaseRecipeOptions = RootfsRecipeOptions;

export function caseRecipe(opts: CaseRecipeOptions): fc.Arbitrary<CaseRecipe> {
  return fc.record(
    {
      config: configRecipe,
      rootfs: rootfsRecipe(opts),
      hooks: hooksRecipe,
      password: passwordRecipe,
      sshKeys: sshKeysRecipe,
      host: fc.record({
        resolv: fc.constantFrom('none' as const, 'one' as const, 'three' as const),
        timezone: fc.constantFrom(...ZONES),
      }),
      frozenTime: fc.oneof(fc.constantFrom(1767225600, 1705525680), fc.integer({ min: 1_500_000_000, max: 1_900_000_000 })),
    },
    { requiredKeys: ['config', 'rootfs', 'hooks', 'host', 'frozenTime'] },
  );
}

const HOST_RESOLV = {
  none: {},
  one: { search: 'example.com', dns1: '192.0.2.53' },
  three: { search: 'pve.example lan', dns1: '192.0.2.53', dns2: '2001:db8::53', dns3: '198.51.100.7' },
} as const;

/** The vector a recipe stands for; `ostype` is the target plugin's own ostype. */
export function caseVector(recipe: CaseRecipe, ostype: string, id = 'fuzz'): Vector {
  // only the zone files this case can look at: fewer entries, faster Perl runs
  const tz = recipe.config.timezone;
  const zones = new Set(['UTC', recipe.host.timezone]);
  if (tz !== undefined && tz !== 'host') zones.add(tz);
  const { rootfs, outside } = renderRootfs(recipe.rootfs, { zones: [...zones] });
  const password = recipe.password && renderPassword(recipe.password);
  const sshKeys = recipe.sshKeys && renderSshKeys(recipe.sshKeys);
  return {
    id,
    frozen_time: recipe.frozenTime,
    config: renderConfig(recipe.config, ostype),
    host: {
      host_resolv_conf: { ...HOST_RESOLV[recipe.host.resolv] },
      host_timezone: recipe.host.timezone,
      host_localtime: `/usr/share/zoneinfo/${recipe.host.timezone}`,
    },
    rootfs,
    outside,
    steps: recipe.hooks.map((hook) => hookStep(hook, password, sshKeys)),
  };
}
