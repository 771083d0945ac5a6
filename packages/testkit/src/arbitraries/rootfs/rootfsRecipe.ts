/**
 * Root filesystem recipes: a base tree (our Wolfi-like image, a distroless variant, or a
 * fixture from fixtures/rootfs) plus mutations - files present or absent, existing PVE
 * sections, stale units, `.pve-ignore.*` markers, merged or split /lib, securetty, systemd
 * with or without networkd/resolved/sshd units, symlinks that escape the rootfs. Every
 * field is a constant or a subset, so a recorded recipe shrinks without context.
 */
import fc from 'fast-check';

export const UNIT_NAMES = ['systemd-networkd.service', 'systemd-resolved.service', 'sshd.service', 'container-getty@.service', 'getty@.service'] as const;

export const MARKERS = ['secfixes-wolfi', 'secfixes-chainguard', 'apk-key-wolfi', 'apk-key-chainguard', 'apk-key-other', 'arch-release'] as const;
export type Marker = (typeof MARKERS)[number];

export interface RootfsRecipe {
  /** Base tree name: 'wolfi', 'distroless' or a fixture name. */
  base: string;
  /** Where os-release is; 'base' keeps the base tree's own file (and ignores osId). */
  osRelease: 'base' | 'etc' | 'usr-lib' | 'etc-link' | 'absent';
  /** The os-release ID; undefined writes no ID line. */
  osId: string | undefined;
  markers: Marker[];
  binArch: 'amd64' | 'arm64';
  init: 'base' | 'systemd' | 'systemd-usrbin' | 'systemd-absolute' | 'busybox' | 'none' | 'systemd-not-elf';
  /** 'base': as the base tree has it (merged /usr for ours). */
  libLayout: 'base' | 'split-usr' | 'split-lib';
  systemdVersion: 239 | 241 | 242 | 252 | 255;
  units: Array<(typeof UNIT_NAMES)[number]>;
  /** 'add': the base's units plus `units`; 'exactly': just `units` of UNIT_NAMES. */
  unitsMode: 'add' | 'exactly';
  unitsInEtc: boolean;
  gettyWants: boolean;
  gettyMasked: boolean;
  hosts: 'base' | 'absent' | 'wolfi' | 'pve-section' | 'empty' | 'no-eol' | 'escaping-link' | 'static-link';
  hostname: 'base' | 'absent' | 'file' | 'escaping-link';
  resolv: 'base' | 'absent' | 'file' | 'pve-section' | 'stub-link' | 'escaping-link';
  passwd: 'base' | 'wolfi' | 'extra-users' | 'no-eol' | 'root-not-first' | 'absent';
  shadow: 'base' | 'absent' | 'wolfi-0000' | 'wolfi-0640' | 'root-hashed' | 'root-not-first';
  securetty: 'base' | 'absent' | 'present' | 'no-eol';
  machineId: 'base' | 'absent' | 'empty' | 'uninitialized' | 'id';
  dbusMachineId: 'absent' | 'file' | 'link';
  cron: Array<'crontab' | 'cron.d' | 'cron.d-skipped'>;
  rootHome: 'base' | 'absent' | 'with-keys' | 'with-pve-keys' | 'keys-0600-dir';
  ssh: 'base' | 'absent' | 'config' | 'old-keys' | 'escaping-link';
  timezoneFiles: Array<'etc-timezone' | 'localtime-link' | 'localtime-file'>;
  /** 'base': as the tree has it; 'wanted': the case's zones added; 'none': no zoneinfo. */
  zoneinfo: 'base' | 'wanted' | 'none';
  staleNetwork: Array<'pve-stale' | 'pve-foreign' | 'arch-eth0' | 'image-20-eth'>;
  staleConfig: Array<'preset' | 'resolved-dropin' | 'getty-wants-links'>;
  ignore: Array<'hosts' | 'hostname' | 'resolv.conf' | 'localtime' | 'timezone' | 'crontab'>;
  /** Image files owned by the mapped root (unpacked for an unprivileged container). */
  owner: 'root' | 'mapped';
}

export interface RootfsRecipeOptions {
  /** Base tree names to choose from. */
  bases: readonly string[];
  /** os-release IDs to choose from (undefined: no ID line). */
  osIds: ReadonlyArray<string | undefined>;
  /** Marker files to choose from (a subset of each is placed). */
  markers: readonly Marker[];
  /** Whether the base tree's own os-release may be kept (its ID is not the target's). */
  keepBaseOsRelease: boolean;
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

export function rootfsRecipe(opts: RootfsRecipeOptions): fc.Arbitrary<RootfsRecipe> {
  return fc.record<RootfsRecipe>({
    base: fc.constantFrom(...opts.bases),
    osRelease: fc.oneof(
      { weight: opts.keepBaseOsRelease ? 4 : 0, arbitrary: fc.constant('base' as const) },
      { weight: 6, arbitrary: fc.constant('etc' as const) },
      { weight: 1, arbitrary: pick('usr-lib' as const, 'etc-link' as const, 'absent' as const) },
    ),
    osId: fc.constantFrom(...opts.osIds),
    markers: fc.subarray([...opts.markers]),
    binArch: pick('amd64' as const, 'arm64' as const),
    init: fc.oneof(
      { weight: 4, arbitrary: fc.constant('base' as const) },
      { weight: 4, arbitrary: pick('systemd' as const, 'systemd-usrbin' as const) },
      { weight: 3, arbitrary: pick('busybox' as const, 'none' as const) },
      { weight: 1, arbitrary: pick('systemd-absolute' as const, 'systemd-not-elf' as const) },
    ),
    libLayout: pick('base' as const, 'base' as const, 'base' as const, 'split-usr' as const, 'split-lib' as const),
    systemdVersion: pick(239 as const, 241 as const, 242 as const, 252 as const, 255 as const),
    units: fc.subarray([...UNIT_NAMES]),
    unitsMode: pick('add' as const, 'exactly' as const),
    unitsInEtc: fc.boolean(),
    gettyWants: fc.boolean(),
    gettyMasked: fc.boolean(),
    hosts: pick(
      'base' as const,
      'absent' as const,
      'wolfi' as const,
      'wolfi' as const,
      'pve-section' as const,
      'empty' as const,
      'no-eol' as const,
      'escaping-link' as const,
      'static-link' as const,
    ),
    hostname: pick('base' as const, 'absent' as const, 'file' as const, 'escaping-link' as const),
    resolv: pick('base' as const, 'absent' as const, 'file' as const, 'pve-section' as const, 'stub-link' as const, 'escaping-link' as const),
    passwd: pick('base' as const, 'base' as const, 'wolfi' as const, 'extra-users' as const, 'no-eol' as const, 'root-not-first' as const, 'absent' as const),
    shadow: pick('base' as const, 'base' as const, 'absent' as const, 'wolfi-0000' as const, 'wolfi-0640' as const, 'root-hashed' as const, 'root-not-first' as const),
    securetty: pick('base' as const, 'absent' as const, 'present' as const, 'no-eol' as const),
    machineId: pick('base' as const, 'absent' as const, 'empty' as const, 'uninitialized' as const, 'id' as const),
    dbusMachineId: pick('absent' as const, 'file' as const, 'link' as const),
    cron: fc.subarray(['crontab' as const, 'cron.d' as const, 'cron.d-skipped' as const]),
    rootHome: pick('base' as const, 'base' as const, 'absent' as const, 'with-keys' as const, 'with-pve-keys' as const, 'keys-0600-dir' as const),
    ssh: pick('base' as const, 'absent' as const, 'config' as const, 'old-keys' as const, 'escaping-link' as const),
    timezoneFiles: fc.subarray(['etc-timezone' as const, 'localtime-link' as const, 'localtime-file' as const]),
    zoneinfo: pick('base' as const, 'wanted' as const, 'none' as const),
    staleNetwork: fc.subarray(['pve-stale' as const, 'pve-foreign' as const, 'arch-eth0' as const, 'image-20-eth' as const]),
    staleConfig: fc.subarray(['preset' as const, 'resolved-dropin' as const, 'getty-wants-links' as const]),
    ignore: fc.oneof(
      { weight: 3, arbitrary: fc.constant<RootfsRecipe['ignore']>([]) },
      {
        weight: 1,
        arbitrary: fc.subarray(['hosts' as const, 'hostname' as const, 'resolv.conf' as const, 'localtime' as const, 'timezone' as const, 'crontab' as const]),
      },
    ),
    owner: fc.oneof({ weight: 4, arbitrary: fc.constant('root' as const) }, { weight: 1, arbitrary: fc.constant('mapped' as const) }),
  });
}
