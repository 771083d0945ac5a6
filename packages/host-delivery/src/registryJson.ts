import { writeFileSync } from 'node:fs';
import { chainguardRegistry, upstreamRegistry, type Registry } from '@pve-chainguard/core';

/** What REGISTRY.json holds: the edits the Perl engine makes, taken from the model's registry. */
export interface RegistryJson {
  schema: 1;
  /** ostype → Perl module, for the plugins ours adds to Proxmox's. */
  plugins: Record<string, string>;
  /** os-release ID → ostype, for the aliases ours adds. */
  aliases: Record<string, string>;
  /** Fallback markers, in the dispatcher's order; patterns as JavaScript/Perl regex source. */
  markers: Array<{ ostype: string; anyFile: string[]; anyName?: { dir: string; pattern: string } }>;
}

/** The difference between our registry and Proxmox's, as the engine consumes it. */
export function registryData(ours: Registry = chainguardRegistry(), theirs: Registry = upstreamRegistry()): RegistryJson {
  const plugins: Record<string, string> = {};
  for (const [ostype, cls] of Object.entries(ours.plugins)) {
    if (Object.hasOwn(theirs.plugins, ostype)) continue;
    if (!cls) throw new Error(`registry: plugin '${ostype}' has no class`);
    plugins[ostype] = `PVE::LXC::Setup::${cls.name}`;
  }
  const aliases: Record<string, string> = {};
  for (const [id, ostype] of Object.entries(ours.aliases)) {
    if (theirs.aliases[id] !== ostype) aliases[id] = ostype;
  }
  const markers = ours.extraMarkers.map((m) => {
    if (m.anyName && m.anyName.pattern.flags !== '') throw new Error(`registry: marker pattern flags unsupported`);
    return {
      ostype: m.ostype,
      anyFile: [...m.anyFile],
      ...(m.anyName ? { anyName: { dir: m.anyName.dir, pattern: m.anyName.pattern.source } } : {}),
    };
  });
  return { schema: 1, plugins, aliases, markers };
}

/** REGISTRY.json's content (stable key order, trailing newline). */
export function registryJson(): string {
  return `${JSON.stringify(registryData(), null, 2)}\n`;
}

export function writeRegistryJson(path: string): void {
  writeFileSync(path, registryJson());
}
