/**
 * The Proxmox VE releases the plugin supports, as the behaviours of pve-container that
 * differ between them. Not a copy of each Base.pm: one named flag per difference a plugin
 * or the config reader can observe, everything else is shared (verified 5.0.8 … 6.1.10).
 *
 * Supported: pve-container 5.0.8 (PVE 8.0, updated) … 6.1.x (PVE 9.1). PVE 8 is modelled
 * as 5.3.5 and PVE 9 as 6.1.10, the releases `oracle/` was recorded on.
 *
 * Base, the dispatcher and the config reader branch on these fields with plain `if`s
 * (`this.release.<flag>`), so the Perl harness can carry the same switches.
 */
export type PveRelease = 8 | 9;

export const PVE_RELEASES: readonly PveRelease[] = [8, 9];

export interface ReleaseProfile {
  readonly pve: PveRelease;
  /** The pve-container release the profile is held to (`oracle/`). */
  readonly pveContainer: string;
  /** `setup_systemd_preset` makes /etc/systemd/system-preset with its parents (else ct_mkdir: dies without /etc/systemd). */
  readonly presetDirMakesParents: boolean;
  /** `setup_systemd_networkd` makes /etc/systemd/network first (else the write dies when it is missing). */
  readonly networkdDirMakesParents: boolean;
  /** `ip6=dhcp` NICs get `IPv6AcceptRA = true` in networkd units. */
  readonly networkdDhcp6AcceptsRa: boolean;
  /** `netN` knows `host-managed` (else the reader warns and keeps it; parse_lxc_network then dies). */
  readonly hostManagedNics: boolean;
  /** The `entrypoint` key exists (OCI application containers). */
  readonly entrypointKey: boolean;
  /** The `env` key and raw `lxc.environment.runtime`/`hooks` lines exist. */
  readonly containerEnvKeys: boolean;
  /** Raw `lxc.init.cwd`/`uid`/`gid`/`groups` lines are allowed. */
  readonly lxcInitIdKeys: boolean;
  /** Raw `lxc.cgroup.*` (cgroup v1) lines warn as deprecated. */
  readonly cgroupV1KeyWarning: boolean;
  /** Hooks end with the "Systemd N detected. You may need to enable nesting." check. */
  readonly systemdNestingWarning: boolean;
  /** Unmanaged answers detect_architecture with undef (else Plugin's croak becomes a warning). */
  readonly unmanagedDetectsArchitecture: boolean;
  /** A false detected architecture (0, '') falls back to amd64 (else only undef does). */
  readonly archFallbackOnFalse: boolean;
  /** SSH host keys include DSA. */
  readonly dsaHostKeys: boolean;
}

// Evidence: pve-container release that changed the behaviour, and its commit subject.
export const PROFILES: Record<PveRelease, ReleaseProfile> = {
  8: {
    pve: 8,
    pveContainer: '5.3.5',
    // 6.0.15: "setup: recursively mkdir /etc/systemd/{network, system-preset}"
    presetDirMakesParents: false,
    // 6.0.15: "setup: recursively mkdir /etc/systemd/{network, system-preset}"
    networkdDirMakesParents: false,
    // 6.0.14: "fix #5538: network: enable accept_ra for DHCPv6 configurations"
    networkdDhcp6AcceptsRa: false,
    // 6.0.15: "config: replace global ipmanagehost with a netdev specific host-managed option"
    hostManagedNics: false,
    // 6.0.15: "config: add entrypoint parameter"
    entrypointKey: false,
    // 6.0.15: "config: add env property for configuring the CT environment", "config: add `lxc.environment.runtime`/`hooks`"
    containerEnvKeys: false,
    // 6.0.1: "config: whitelist lxc.init.cwd" (not on the 5.x branch)
    lxcInitIdKeys: false,
    // 6.1.6: "deprecate and warn about raw cgroupv1 config entries"
    cgroupV1KeyWarning: false,
    // 6.0.19: "fix #6897: warn that nesting may be required for systemd"
    systemdNestingWarning: false,
    // 6.1.1: "setup: add no-op detect_architecture for unmanaged CTs"
    unmanagedDetectsArchitecture: false,
    // 6.1.1: "setup: make the architecture fall back to amd64 for falsy values"
    archFallbackOnFalse: false,
    // 5.3.0: "setup: remove deprecated dsa from ssh host key generation" (5.0.8 … 5.2.x still make DSA keys)
    dsaHostKeys: false,
  },
  9: {
    pve: 9,
    pveContainer: '6.1.10',
    presetDirMakesParents: true,
    networkdDirMakesParents: true,
    networkdDhcp6AcceptsRa: true,
    hostManagedNics: true,
    entrypointKey: true,
    containerEnvKeys: true,
    lxcInitIdKeys: true,
    cgroupV1KeyWarning: true,
    systemdNestingWarning: true,
    unmanagedDetectsArchitecture: true,
    archFallbackOnFalse: true,
    dsaHostKeys: false,
  },
};

/** The default everywhere: today's Proxmox VE. */
export const DEFAULT_RELEASE: PveRelease = 9;

export function releaseProfile(pve: PveRelease = DEFAULT_RELEASE): ReleaseProfile {
  return PROFILES[pve];
}

/** `8` or `9` from a command-line or JSON value; undefined for anything else. */
export function parsePveRelease(value: unknown): PveRelease | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return n === 8 || n === 9 ? n : undefined;
}
