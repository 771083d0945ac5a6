import type { HostChecks } from '../pve/tools.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { die } from '../runtime/PerlDie.ts';
import type { Registry } from './registry.ts';

/** Marker files Proxmox tests on the host path of the rootfs, in its order. */
const MARKERS: Array<[string, (host: HostView) => boolean]> = [
  ['ubuntu', (h) => h.hostIsFile('/etc/lsb-release') && /(?:^|\n)DISTRIB_ID=Ubuntu(?=\n|$)/i.test(h.hostReadFile('/etc/lsb-release') ?? '')],
  ['debian', (h) => h.hostIsFile('/etc/debian_version')],
  ['devuan', (h) => h.hostIsFile('/etc/devuan_version')],
  ['opensuse', (h) => h.hostIsFile('/etc/SuSE-brand') || h.hostIsFile('/etc/SuSE-release')],
  ['fedora', (h) => h.hostIsFile('/etc/fedora-release')],
  ['centos', (h) => h.hostIsFile('/etc/centos-release') || h.hostIsFile('/etc/redhat-release')],
  ['archlinux', (h) => h.hostIsFile('/etc/arch-release')],
  ['alpine', (h) => h.hostIsFile('/etc/alpine-release')],
  ['gentoo', (h) => h.hostIsFile('/etc/gentoo-release')],
  ['nixos', (h) => h.hostIsDir('/nix/store')],
  ['openeuler', (h) => h.hostIsFile('/etc/openEuler-release')],
];

export type HostView = HostChecks & {
  hostIsDir(path: string): boolean;
  readdir(path: string): string[];
  hostReadFile(path: string): string | undefined;
  hostExists(path: string): boolean;
};

/**
 * Proxmox's OS autodetection: the os-release ID (directly or through an alias), else
 * marker files; a rootfs with /etc/os-release but nothing known dies, one without any
 * falls back to unmanaged.
 */
export function autodetect(osRelease: OsRelease, host: HostView, registry: Registry, warn: (m: string) => void): string {
  const id = osRelease.ID;
  if (id !== undefined && id !== '' && id !== '0') {
    if (Object.hasOwn(registry.plugins, id)) return id;
    const alias = registry.aliases[id];
    if (alias !== undefined && alias !== '' && Object.hasOwn(registry.aliases, id)) return alias;
    warn(`unknown ID '${id}' in /etc/os-release file, trying fallback detection\n`);
  }
  for (const [ostype, test] of MARKERS) if (test(host)) return ostype;
  for (const m of registry.extraMarkers) {
    if (m.anyFile.some((f) => host.hostIsFile(f))) return m.ostype;
    // a directory listing on the host sees the same names as inside (links aside)
    const names = m.anyName && host.hostIsDir(m.anyName.dir) ? host.readdir(m.anyName.dir) : [];
    if (names.some((n) => m.anyName!.pattern.test(n) && host.hostIsFile(`${m.anyName!.dir}/${n}`))) return m.ostype;
  }
  if (host.hostIsFile('/etc/os-release')) die('unable to detect OS distribution\n');
  warn("/etc/os-release file not found and autodetection failed, falling back to 'unmanaged'\n");
  return 'unmanaged';
}
