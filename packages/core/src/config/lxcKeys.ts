import type { ReleaseProfile } from '../release/profiles.ts';

/**
 * Which raw `lxc.*` keys a pct config may carry (PVE::LXC::Config `is_valid_lxc_conf_key`).
 */

const ALLOWED = new Set([
  'lxc.apparmor.profile',
  'lxc.apparmor.allow_incomplete',
  'lxc.apparmor.allow_nesting',
  'lxc.apparmor.raw',
  'lxc.selinux.context',
  'lxc.include',
  'lxc.arch',
  'lxc.uts.name',
  'lxc.signal.halt',
  'lxc.signal.reboot',
  'lxc.signal.stop',
  'lxc.init.cmd',
  'lxc.init.cwd',
  'lxc.init.uid',
  'lxc.init.gid',
  'lxc.init.groups',
  'lxc.pty.max',
  'lxc.console.logfile',
  'lxc.console.path',
  'lxc.tty.max',
  'lxc.devtty.dir',
  'lxc.hook.autodev',
  'lxc.autodev',
  'lxc.kmsg',
  'lxc.mount.fstab',
  'lxc.mount.entry',
  'lxc.mount.auto',
  'lxc.rootfs.mount',
  'lxc.cap.drop',
  'lxc.cap.keep',
  'lxc.seccomp.profile',
  'lxc.seccomp.notify.proxy',
  'lxc.seccomp.notify.cookie',
  'lxc.idmap',
  'lxc.hook.pre-start',
  'lxc.hook.pre-mount',
  'lxc.hook.mount',
  'lxc.hook.start',
  'lxc.hook.stop',
  'lxc.hook.post-stop',
  'lxc.hook.clone',
  'lxc.hook.destroy',
  'lxc.hook.version',
  'lxc.log.level',
  'lxc.log.file',
  'lxc.start.auto',
  'lxc.start.delay',
  'lxc.start.order',
  'lxc.group',
  'lxc.environment',
  'lxc.environment.runtime',
  'lxc.environment.hooks',
  // IPC-namespaced sysctls only.
  'lxc.sysctl.fs.mqueue',
  'lxc.sysctl.kernel.msgmax',
  'lxc.sysctl.kernel.msgmnb',
  'lxc.sysctl.kernel.msgmni',
  'lxc.sysctl.kernel.sem',
  'lxc.sysctl.kernel.shmall',
  'lxc.sysctl.kernel.shmmax',
  'lxc.sysctl.kernel.shmmni',
  'lxc.sysctl.kernel.shm_rmid_forced',
]);

/** Keys PVE refuses, with its reason. */
const REFUSED: Readonly<Record<string, string>> = {
  'lxc.rootfs.path': 'lxc.rootfs.path is auto generated from rootfs',
  'lxc.rootfs.options': 'lxc.rootfs.options is not supported, please use mount point options in the "rootfs" key',
};

/** Keys removed in LXC 3.0; PVE keeps them with a warning naming the new key. */
const RENAMED: Readonly<Record<string, string>> = {
  'lxc.aa_profile': 'lxc.apparmor.profile',
  'lxc.aa_allow_incomplete': 'lxc.apparmor.allow_incomplete',
  'lxc.console': 'lxc.console.path',
  'lxc.devttydir': 'lxc.tty.dir',
  'lxc.haltsignal': 'lxc.signal.halt',
  'lxc.rebootsignal': 'lxc.signal.reboot',
  'lxc.stopsignal': 'lxc.signal.stop',
  'lxc.id_map': 'lxc.idmap',
  'lxc.init_cmd': 'lxc.init.cmd',
  'lxc.loglevel': 'lxc.log.level',
  'lxc.logfile': 'lxc.log.file',
  'lxc.mount': 'lxc.mount.fstab',
  'lxc.network.type': 'lxc.net.INDEX.type',
  'lxc.network.flags': 'lxc.net.INDEX.flags',
  'lxc.network.link': 'lxc.net.INDEX.link',
  'lxc.network.mtu': 'lxc.net.INDEX.mtu',
  'lxc.network.name': 'lxc.net.INDEX.name',
  'lxc.network.hwaddr': 'lxc.net.INDEX.hwaddr',
  'lxc.network.ipv4': 'lxc.net.INDEX.ipv4.address',
  'lxc.network.ipv4.gateway': 'lxc.net.INDEX.ipv4.gateway',
  'lxc.network.ipv6': 'lxc.net.INDEX.ipv6.address',
  'lxc.network.ipv6.gateway': 'lxc.net.INDEX.ipv6.gateway',
  'lxc.network.script.up': 'lxc.net.INDEX.script.up',
  'lxc.network.script.down': 'lxc.net.INDEX.script.down',
  'lxc.pts': 'lxc.pty.max',
  'lxc.se_context': 'lxc.selinux.context',
  'lxc.seccomp': 'lxc.seccomp.profile',
  'lxc.tty': 'lxc.tty.max',
  'lxc.utsname': 'lxc.uts.name',
};

/**
 * How PVE treats an `lxc.*` key: kept silently, kept with a warning (`notice`: PVE's text
 * without the "vm N - " prefix; `renamed` says the key is gone from LXC 3.0), refused with
 * a reason, or unknown.
 */
export type LxcKeyVerdict = { kind: 'ok' } | { kind: 'warn'; notice: string; renamed: boolean } | { kind: 'refused'; reason: string } | { kind: 'unknown' };

/** Raw keys pve-container 5.x does not know (lxc.init.* from 6.0.1, lxc.environment.* from 6.0.15). */
const LXC_INIT_ID_KEYS = new Set(['lxc.init.cwd', 'lxc.init.uid', 'lxc.init.gid', 'lxc.init.groups']);
const LXC_ENVIRONMENT_KEYS = new Set(['lxc.environment.runtime', 'lxc.environment.hooks']);

export function classifyLxcKey(key: string, release?: ReleaseProfile): LxcKeyVerdict {
  if (release !== undefined && !release.lxcInitIdKeys && LXC_INIT_ID_KEYS.has(key)) return { kind: 'unknown' };
  if (release !== undefined && !release.containerEnvKeys && LXC_ENVIRONMENT_KEYS.has(key)) return { kind: 'unknown' };
  if (key.startsWith('lxc.limit.')) {
    return { kind: 'warn', notice: `${key}: lxc.limit.* was renamed to lxc.prlimit.*`, renamed: true };
  }
  const newName = Object.hasOwn(RENAMED, key) ? RENAMED[key] : undefined;
  if (newName !== undefined) {
    return { kind: 'warn', notice: `${key} is deprecated and was renamed to ${newName}`, renamed: true };
  }
  if (ALLOWED.has(key)) return { kind: 'ok' };
  const reason = Object.hasOwn(REFUSED, key) ? REFUSED[key] : undefined;
  if (reason !== undefined) return { kind: 'refused', reason };
  if (key.startsWith('lxc.cgroup.') && release !== undefined && !release.cgroupV1KeyWarning) return { kind: 'ok' };
  if (key.startsWith('lxc.cgroup.')) {
    return { kind: 'warn', notice: `${key} is deprecated, this will be a hard error in the future!`, renamed: false };
  }
  if (key.startsWith('lxc.cgroup2.') || key.startsWith('lxc.prlimit.') || key.startsWith('lxc.net.')) {
    return { kind: 'ok' };
  }
  return { kind: 'unknown' };
}
