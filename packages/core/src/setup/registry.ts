import type { Plugin, LogWarn } from '../base/Plugin.ts';
import type { PctConf } from '../config/types.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { ArchLinux } from '../plugins/ArchLinux.ts';
import { Chainguard } from '../plugins/Chainguard.ts';
import { NixOS } from '../plugins/NixOS.ts';
import { Unmanaged } from '../plugins/Unmanaged.ts';

/** An ostype recognised by a marker file, or by a file name pattern in a directory. */
export interface Marker {
  ostype: string;
  anyFile: string[];
  anyName?: { dir: string; pattern: RegExp };
}

export type PluginClass = new (conf: PctConf, rootdir: string, osRelease: OsRelease, logWarn: LogWarn) => Plugin;

/**
 * Which plugin handles which ostype, which os-release IDs alias to an ostype, and the
 * marker-file tests that run when the ID says nothing (in Proxmox's order).
 */
export interface Registry {
  plugins: Record<string, PluginClass | undefined>;
  aliases: Record<string, string>;
  /** Extra fallback markers tried after Proxmox's own, before the final "cannot detect". */
  extraMarkers: Marker[];
}

/** Proxmox's ostypes; the model implements the ones the vectors and Chainguard need. */
const UPSTREAM_OSTYPES = ['alpine', 'archlinux', 'centos', 'debian', 'devuan', 'fedora', 'gentoo', 'openeuler', 'opensuse', 'ubuntu', 'nixos', 'unmanaged'];

/** Proxmox 6.1.10's registry exactly: `ID=wolfi` is unknown here and detection dies. */
export function upstreamRegistry(): Registry {
  const plugins: Registry['plugins'] = Object.fromEntries(UPSTREAM_OSTYPES.map((t) => [t, undefined]));
  plugins.archlinux = ArchLinux;
  plugins.nixos = NixOS;
  plugins.unmanaged = Unmanaged;
  return {
    plugins,
    aliases: {
      'opensuse-leap': 'opensuse',
      'opensuse-tumbleweed': 'opensuse',
      'opensuse-slowroll': 'opensuse',
      openEuler: 'openeuler',
      arch: 'archlinux',
      sles: 'opensuse',
      rocky: 'centos',
      almalinux: 'centos',
    },
    extraMarkers: [],
  };
}

/**
 * Ours: upstream plus `chainguard`, the `wolfi` alias, and a fallback for Wolfi-family
 * images whose os-release names something else (a Wolfi/Chainguard secfixes file or apk
 * signing key). Proxmox's detection is private to Setup.pm, so the fallback lives in the
 * dispatcher (and in the Setup.pm edits we generate), not in the plugin.
 */
export function chainguardRegistry(): Registry {
  const reg = upstreamRegistry();
  reg.plugins.chainguard = Chainguard;
  reg.aliases.wolfi = 'chainguard';
  reg.extraMarkers.push({
    ostype: 'chainguard',
    anyFile: ['/etc/secfixes.d/wolfi', '/etc/secfixes.d/chainguard'],
    anyName: { dir: '/etc/apk/keys', pattern: /^(?:wolfi-signing|chainguard-[A-Za-z0-9-]+)\.rsa\.pub$/ },
  });
  return reg;
}
