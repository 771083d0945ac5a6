/**
 * The plugins the differential runs, by class name. A target says which registry the
 * model uses, which rootfs shapes to generate, where its Perl module lives (a generated
 * module in generated/PVE/LXC/Setup/ wins over the harness's own test plugin), and which
 * invariants Proxmox's code guarantees for it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chainguardRegistry, type Registry, upstreamRegistry } from '@pve-chainguard/core';
import { GENERATED_DIR } from '@pve-chainguard/perlgen/repo';
import type { CaseRecipe } from '../arbitraries/caseRecipe.ts';
import { BUILTIN_BASES, fixtureBases } from '../arbitraries/rootfs/baseTrees.ts';
import type { Marker } from '../arbitraries/rootfs/rootfsRecipe.ts';

export interface DifferentialTarget {
  /** Class name: Perl module `PVE/LXC/Setup/<name>.pm`, model class of the same name. */
  name: string;
  ostype: string;
  registry(): Registry;
  osIds: ReadonlyArray<string | undefined>;
  markers: readonly Marker[];
  /** Whether a fixture's own os-release (ID=wolfi, chainguard, ...) fits this target. */
  keepBaseOsRelease: boolean;
}

/**
 * What a plugin promises beyond Proxmox's Base. The case's plugin is the one the dispatcher
 * chose (a Chainguard-registry case may still land on ArchLinux via /etc/arch-release).
 */
export interface Guarantees {
  /**
   * Running the last hook again leaves the tree unchanged. Chainguard promises it for every
   * hook; Proxmox's Base not for create with SSH keys (an existing authorized_keys section
   * is rewritten with mode 0644 instead of 0700), nor when no DNS setting exists anywhere
   * (an empty resolv.conf section gains a blank line at every run).
   */
  idempotent(recipe: CaseRecipe): boolean;
  /**
   * passwd/shadow lines of other users stay. Proxmox stores a recognised crypt string
   * verbatim, and Perl's `$` lets one end in "\n", which splits root's line in two; so for
   * Base this holds only without such input.
   */
  accountsUntouched(recipe: CaseRecipe): boolean;
}

/** The guarantees for a case run by the plugin of `ostype`. */
export function guaranteesFor(ostype: string | null): Guarantees {
  return ostype === 'chainguard' ? CHAINGUARD_GUARANTEES : BASE_GUARANTEES;
}

const hashWithTrailingNewline = (r: CaseRecipe) => r.password?.kind === 'hash' && r.password.trailingNewline && r.hooks.includes('create');

/** No name server or search domain in the config nor on the host: set_dns has nothing to say. */
const noDnsAnywhere = (r: CaseRecipe) => r.host.resolv === 'none' && (r.config.nameserver?.length ?? 0) === 0 && (r.config.searchdomain?.length ?? 0) === 0;

const BASE_GUARANTEES: Guarantees = {
  // Base's ct_modify_file writes an empty section with an extra blank line at every run
  idempotent: (r) => !(r.hooks.at(-1) === 'create' && (r.sshKeys?.keys.length ?? 0) > 0) && !noDnsAnywhere(r),
  accountsUntouched: (r) => !hashWithTrailingNewline(r),
};

const CHAINGUARD_GUARANTEES: Guarantees = { idempotent: () => true, accountsUntouched: () => true };

export const TARGETS: Record<string, DifferentialTarget> = {
  ArchLinux: {
    name: 'ArchLinux',
    ostype: 'archlinux',
    registry: upstreamRegistry,
    osIds: ['arch', 'arch', 'arch', 'arch', 'arch', undefined],
    markers: ['arch-release', 'secfixes-wolfi'],
    keepBaseOsRelease: false,
  },
  Chainguard: {
    name: 'Chainguard',
    ostype: 'chainguard',
    registry: chainguardRegistry,
    osIds: ['wolfi', 'wolfi', 'chainguard', 'wolfi-derived', undefined],
    markers: ['secfixes-wolfi', 'secfixes-chainguard', 'apk-key-wolfi', 'apk-key-chainguard', 'apk-key-other', 'arch-release'],
    keepBaseOsRelease: true,
  },
};

export const TARGET_NAMES = Object.keys(TARGETS);

export function target(name: string): DifferentialTarget {
  const found = TARGETS[name];
  if (!found) throw new Error(`unknown plugin '${name}' (known: ${TARGET_NAMES.join(', ')})`);
  return found;
}

/** Base trees for rootfs recipes: ours plus every fixture present. */
export function baseNames(): string[] {
  return [...BUILTIN_BASES, ...fixtureBases()];
}

export interface PluginModule {
  /** The harness's `plugin_dir`. */
  pluginDir: string | undefined;
  /** The module file that will run. */
  path: string;
  source: 'generated';
}

/** Where the generated Perl module of a target is. */
export function locatePluginModule(name: string, generatedDir = GENERATED_DIR): PluginModule | undefined {
  const generated = resolve(generatedDir, 'PVE/LXC/Setup', `${name}.pm`);
  if (existsSync(generated)) return { pluginDir: generatedDir, path: generated, source: 'generated' };
  return undefined;
}
