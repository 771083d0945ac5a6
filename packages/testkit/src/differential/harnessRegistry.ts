/**
 * The Perl harness's registry for a model registry: whatever ours adds to Proxmox's
 * (plugins, aliases, fallback markers), named so a generated module plugs in by class
 * name (`Chainguard` → `PVE::LXC::Setup::Chainguard`).
 */
import { type Registry, upstreamRegistry } from '@pve-chainguard/core';
import type { HarnessRegistry } from '../perl/types.ts';

/** The driver's registry, with its 'p' fallbacks (a file in a directory by name pattern). */
export interface DriverRegistry extends Omit<HarnessRegistry, 'fallbacks'> {
  fallbacks?: Array<['f' | 'd', string, string] | ['p', string, string, string]>;
}

/** A JS pattern as Perl source: `$` at the very end must not match before a newline. */
export function perlPattern(pattern: RegExp): string {
  if (pattern.flags.replace(/[gy]/g, '') !== '') throw new Error(`cannot translate /${pattern.source}/${pattern.flags}`);
  return pattern.source.replace(/(?<!\\)\$$/, '\\z');
}

export function harnessRegistry(registry: Registry): DriverRegistry | undefined {
  const upstream = upstreamRegistry();
  const plugins: Record<string, string> = {};
  for (const [ostype, cls] of Object.entries(registry.plugins)) {
    if (cls !== undefined && upstream.plugins[ostype] !== cls) plugins[ostype] = `PVE::LXC::Setup::${cls.name}`;
  }
  const aliases: Record<string, string> = {};
  for (const [id, ostype] of Object.entries(registry.aliases)) {
    if (upstream.aliases[id] !== ostype) aliases[id] = ostype;
  }
  const fallbacks: NonNullable<DriverRegistry['fallbacks']> = [];
  for (const marker of registry.extraMarkers) {
    for (const file of marker.anyFile) fallbacks.push(['f', file, marker.ostype]);
    if (marker.anyName) fallbacks.push(['p', marker.anyName.dir, marker.ostype, perlPattern(marker.anyName.pattern)]);
  }
  const out: DriverRegistry = {};
  if (Object.keys(plugins).length) out.plugins = plugins;
  if (Object.keys(aliases).length) out.aliases = aliases;
  if (fallbacks.length) out.fallbacks = fallbacks;
  return Object.keys(out).length ? out : undefined;
}
