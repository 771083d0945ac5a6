/** Turns a RootfsRecipe into the `rootfs` and `outside` entry lists of a vector. */
import type { FsEntry } from '@pve-chainguard/core';
import { ZONES } from '../pctConfig.ts';
import { baseTree } from './baseTrees.ts';
import { systemdElfBase64, tzifBase64 } from './binaryContents.ts';
import { AUTHORIZED_KEYS, CRONTAB, HOSTS, osReleaseText, PASSWD, pveNetworkUnit, RESOLV, SHADOW, STUB_RESOLV, UNITS } from './content.ts';
import { UNIT_NAMES, type Marker, type RootfsRecipe } from './rootfsRecipe.ts';
import { TreeBuilder } from './TreeBuilder.ts';

/** Content of every file placed next to the rootfs, where escaping symlinks point. */
export const OUTSIDE_CONTENT = 'this file lives outside the container rootfs\n';

const MARKER_PATHS: Record<Marker, string> = {
  'secfixes-wolfi': '/etc/secfixes.d/wolfi',
  'secfixes-chainguard': '/etc/secfixes.d/chainguard',
  'apk-key-wolfi': '/etc/apk/keys/wolfi-signing.rsa.pub',
  'apk-key-chainguard': '/etc/apk/keys/chainguard-enterprise.rsa.pub',
  'apk-key-other': '/etc/apk/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub',
  'arch-release': '/etc/arch-release',
};

export interface RenderedRootfs {
  rootfs: FsEntry[];
  outside: FsEntry[];
}

export interface RenderOptions {
  /** Zone files placed when the recipe asks for zoneinfo (default: UTC and every zone of ZONES). */
  zones?: readonly string[];
}

export function renderRootfs(r: RootfsRecipe, opts: RenderOptions = {}): RenderedRootfs {
  const t = baseTree(r.base, r.binArch);
  const outside = new TreeBuilder();
  const escape = (path: string, name: string) => {
    // "../.." from /etc leaves the rootfs on the host; inside the chroot it dangles
    t.link(path, `../../${name}`);
    outside.file(`/${name}`, OUTSIDE_CONTENT);
  };

  layoutLib(t, r);
  osRelease(t, r);
  for (const marker of r.markers) t.file(MARKER_PATHS[marker], marker.startsWith('apk-key') ? '-----BEGIN PUBLIC KEY-----\n' : '');
  systemd(t, r);

  if (r.hosts === 'base') {
    // as the image has it
  } else if (r.hosts === 'absent') t.remove('/etc/hosts');
  else if (r.hosts === 'escaping-link') escape('/etc/hosts', 'outside-hosts');
  else if (r.hosts === 'static-link') t.file('/etc/static/hosts', HOSTS.wolfi, '0444').link('/etc/hosts', '/etc/static/hosts');
  else t.file('/etc/hosts', HOSTS[r.hosts]);

  if (r.hostname === 'base') {
    // as the image has it
  } else if (r.hostname === 'absent') t.remove('/etc/hostname');
  else if (r.hostname === 'escaping-link') escape('/etc/hostname', 'outside-hostname');
  else t.file('/etc/hostname', 'old-name\n');

  if (r.resolv === 'base') {
    // as the image has it
  } else if (r.resolv === 'absent') t.remove('/etc/resolv.conf');
  else if (r.resolv === 'escaping-link') escape('/etc/resolv.conf', 'outside-resolv.conf');
  else if (r.resolv === 'stub-link') {
    t.file('/run/systemd/resolve/stub-resolv.conf', STUB_RESOLV).link('/etc/resolv.conf', '../run/systemd/resolve/stub-resolv.conf');
  } else t.file('/etc/resolv.conf', RESOLV[r.resolv]);

  accounts(t, r);
  if (r.securetty === 'absent') t.remove('/etc/securetty');
  else if (r.securetty !== 'base') t.file('/etc/securetty', r.securetty === 'present' ? 'console\ntty1\n' : 'console\ntty1', '0600');
  machineId(t, r);
  if (r.cron.includes('crontab')) t.file('/etc/crontab', CRONTAB, '0600');
  if (r.cron.includes('cron.d')) t.file('/etc/cron.d/jobs', '7 7 * * * root f\n');
  if (r.cron.includes('cron.d-skipped')) t.file('/etc/cron.d/skip.me', '8 8 * * * root g\n');
  sshFiles(t, r);
  timezone(t, r, opts.zones ?? ['UTC', 'Etc/UTC', ...ZONES]);
  for (const name of r.ignore) t.file(`/etc/.pve-ignore.${name}`, '');
  if (r.owner === 'mapped') {
    t.chownAll(100000, 100000, (e) => e.path.startsWith('/etc/') || e.path === '/etc' || e.path.startsWith('/root'));
  }

  const outsideEntries = outside.entries().map((e) => ({ ...e, path: e.path.slice(1) }));
  return { rootfs: t.entries(), outside: outsideEntries };
}

function systemdDir(r: RootfsRecipe): string {
  return r.libLayout === 'split-lib' ? '/lib/systemd' : '/usr/lib/systemd';
}

function layoutLib(t: TreeBuilder, r: RootfsRecipe): void {
  if (r.libLayout === 'base') return;
  // a real /lib next to /usr/lib, as images built before the /usr merge have it
  t.dir('/lib').file('/lib/apk/db/installed', 'P:busybox\nV:1.36.1-r0\n');
}

function osRelease(t: TreeBuilder, r: RootfsRecipe): void {
  if (r.osRelease === 'base') return;
  const text = osReleaseText(r.osId);
  t.remove('/etc/os-release').remove('/usr/lib/os-release');
  switch (r.osRelease) {
    case 'etc':
      t.file('/etc/os-release', text);
      break;
    case 'usr-lib':
      t.file('/usr/lib/os-release', text);
      break;
    case 'etc-link':
      t.file('/usr/lib/os-release', text).link('/etc/os-release', '../usr/lib/os-release');
      break;
    case 'absent':
      break;
  }
}

function systemd(t: TreeBuilder, r: RootfsRecipe): void {
  const dir = systemdDir(r);
  const binary = `${dir}/systemd`;
  const isSystemd = r.init.startsWith('systemd');
  if (r.init !== 'base') for (const init of ['/sbin/init', '/usr/bin/init', '/init']) if (t.get(init)?.type !== 'dir') t.remove(init);
  if (isSystemd) {
    if (r.init === 'systemd-not-elf') t.file(binary, '#!/bin/false\n# placeholder for systemd\n', '0755');
    else t.base64(binary, systemdElfBase64(r.systemdVersion, r.binArch));
  }
  const fromUsrBin = r.libLayout === 'split-lib' ? '../../lib/systemd/systemd' : '../lib/systemd/systemd';
  switch (r.init) {
    case 'systemd':
      t.dir('/sbin').link('/sbin/init', r.libLayout === 'split-lib' ? '../lib/systemd/systemd' : '../usr/lib/systemd/systemd');
      break;
    case 'systemd-usrbin':
    case 'systemd-not-elf':
      t.link('/usr/bin/init', fromUsrBin);
      break;
    case 'systemd-absolute':
      t.link('/usr/bin/init', binary);
      break;
    case 'busybox':
      t.link('/usr/bin/init', 'busybox');
      break;
    case 'none':
    case 'base':
      break;
  }
  if (r.unitsMode === 'exactly') {
    for (const unit of UNIT_NAMES) {
      if (r.units.includes(unit)) continue;
      t.remove(`/usr/lib/systemd/system/${unit}`).remove(`/lib/systemd/system/${unit}`).remove(`/etc/systemd/system/${unit}`);
    }
  }
  for (const unit of r.units) {
    const inEtc = r.unitsInEtc && (unit === 'systemd-resolved.service' || unit === 'sshd.service');
    t.file(inEtc ? `/etc/systemd/system/${unit}` : `${dir}/system/${unit}`, UNITS[unit]!);
  }
  if (r.gettyWants) t.dir('/etc/systemd/system/getty.target.wants');
  if (r.gettyMasked) t.link('/etc/systemd/system/getty.target', '/dev/null');

  const net = '/etc/systemd/network';
  if (r.staleNetwork.includes('pve-stale')) t.file(`${net}/10-pve-eth7.network`, pveNetworkUnit('eth7'));
  if (r.staleNetwork.includes('pve-foreign')) t.file(`${net}/10-pve-eth0.network`, '[Match]\nName=eth0\n[Network]\nDHCP=yes\n');
  if (r.staleNetwork.includes('arch-eth0')) t.file(`${net}/eth0.network`, '[Match]\nName=eth0\n[Network]\nDHCP=yes\n', '0600');
  if (r.staleNetwork.includes('image-20-eth')) t.file(`${dir}/network/20-eth.network`, '[Match]\nName=eth*\n\n[Network]\nDHCP=yes\n');
  if (r.staleConfig.includes('preset')) {
    t.file('/etc/systemd/system-preset/00-pve.preset', '# Added by PVE at create-time for first-boot configuration.\nenable old.service\n');
  }
  if (r.staleConfig.includes('resolved-dropin')) t.file('/etc/systemd/resolved.conf.d/pve.conf', '[Resolve]\nDNS=192.0.2.1\n');
  if (r.staleConfig.includes('getty-wants-links')) {
    const wants = '/etc/systemd/system/getty.target.wants';
    t.link(`${wants}/getty@tty5.service`, `${dir}/system/getty@.service`);
    t.link(`${wants}/container-getty@3.service`, `${dir}/system/container-getty@.service`);
  }
}

function accounts(t: TreeBuilder, r: RootfsRecipe): void {
  if (r.passwd === 'base') {
    // as the image has it
  } else if (r.passwd === 'absent') t.remove('/etc/passwd');
  else t.file('/etc/passwd', PASSWD[r.passwd]);
  switch (r.shadow) {
    case 'base':
      break;
    case 'absent':
      t.remove('/etc/shadow');
      break;
    case 'wolfi-0000':
      t.file('/etc/shadow', SHADOW.wolfi, '0000');
      break;
    case 'wolfi-0640':
      t.file('/etc/shadow', SHADOW.wolfi, '0640', 0, 42);
      break;
    default:
      t.file('/etc/shadow', SHADOW[r.shadow], '0640');
  }
}

function machineId(t: TreeBuilder, r: RootfsRecipe): void {
  if (r.machineId === 'base') return machineIdDbus(t, r);
  const content = { absent: undefined, empty: '', uninitialized: 'uninitialized\n', id: 'cdc5ae4f63dd3987c06e007865946898\n' }[r.machineId];
  if (content === undefined) t.remove('/etc/machine-id');
  else t.file('/etc/machine-id', content, '0444');
  machineIdDbus(t, r);
}

function machineIdDbus(t: TreeBuilder, r: RootfsRecipe): void {
  if (r.dbusMachineId === 'file') t.file('/var/lib/dbus/machine-id', 'e5bfd36c693030942b9dba03eeb9caf3\n');
  else if (r.dbusMachineId === 'link') t.link('/var/lib/dbus/machine-id', '/etc/machine-id');
}

function sshFiles(t: TreeBuilder, r: RootfsRecipe): void {
  switch (r.rootHome) {
    case 'absent':
      t.remove('/root');
      break;
    case 'base':
      break;
    case 'with-keys':
    case 'with-pve-keys':
      t.dir('/root', '0700').dir('/root/.ssh', '0700').file('/root/.ssh/authorized_keys', AUTHORIZED_KEYS[r.rootHome], '0600');
      break;
    case 'keys-0600-dir':
      t.dir('/root', '0700').dir('/root/.ssh', '0600');
      break;
  }
  switch (r.ssh) {
    case 'base':
      break;
    case 'absent':
      t.remove('/etc/ssh');
      break;
    case 'config':
      t.file('/etc/ssh/sshd_config', 'PermitRootLogin prohibit-password\n');
      break;
    case 'old-keys':
      t.file('/etc/ssh/sshd_config', 'PermitRootLogin prohibit-password\n')
        .file('/etc/ssh/ssh_host_ed25519_key', 'OLD PRIVATE KEY\n', '0600')
        .file('/etc/ssh/ssh_host_ed25519_key.pub', 'ssh-ed25519 AAAAOLD root@old\n')
        .file('/etc/ssh/ssh_host_dsa_key', 'OLD DSA KEY\n', '0600');
      break;
    case 'escaping-link':
      // nothing exists where it points: on the host and in the chroot it is no directory
      t.link('/etc/ssh', '../../outside-ssh');
      break;
  }
}

function timezone(t: TreeBuilder, r: RootfsRecipe, wanted: readonly string[]): void {
  const zoneinfo = '/usr/share/zoneinfo';
  if (r.zoneinfo === 'none') t.remove(zoneinfo);
  const zones = r.zoneinfo === 'wanted' ? wanted : [];
  for (const zone of zones) t.base64(`${zoneinfo}/${zone}`, tzifBase64('UTC', 0), '0644');
  if (r.timezoneFiles.includes('etc-timezone')) t.file('/etc/timezone', 'Etc/UTC\n');
  if (r.timezoneFiles.includes('localtime-link')) t.link('/etc/localtime', '../usr/share/zoneinfo/UTC');
  if (r.timezoneFiles.includes('localtime-file')) t.base64('/etc/localtime', tzifBase64('CET', 3600), '0644');
}
