/**
 * Host-side and PVE::LXC::Tools work that Base calls: ELF architecture detection and the
 * systemd version `objdump -p` reports for the container's init.
 */
import { FsError, type CtFsApi } from '../fs/CtFsApi.ts';
import { strerror } from '../fs/strerror.ts';
import { currentRuntime } from '../runtime/current.ts';
import { die } from '../runtime/PerlDie.ts';
import { detectElfArchitecture as archFromHeader, systemdVersionFromElf } from '../util/elf.ts';

/** PVE::LXC::Tools::detect_elf_architecture on a container path (read inside the chroot). */
export function detectElfArchitecture(path: string): string {
  const ct = currentRuntime().ct;
  let data: string;
  try {
    if (ct.stat(path)?.type === 'dir') die(`read failed: ${strerror('EISDIR')}\n`);
    data = ct.readFile(path);
  } catch (e) {
    if (e instanceof FsError) die(`open '${path}' failed: ${strerror(e.code)}\n`);
    throw e;
  }
  if (data.length === 0) die('read failed: \n');
  return archFromHeader(data.slice(0, 20), path);
}

/**
 * Base's get_systemd_version: resolves `<rootdir><init>` on the host, refuses a path that
 * leaves the rootfs, and reads the NEEDED `libsystemd-shared-NNN.so` entry like objdump.
 */
export function systemdVersion(rootdir: string, init: string): number | undefined {
  const ct = currentRuntime().ct as CtFsApi & HostChecks;
  const resolved = ct.hostRealpath(init);
  if (resolved === undefined || typeof resolved !== 'string') {
    die(`Could not construct path to systemd binary: ${rootdir}, ${init}`);
  }
  const hostPath = `${rootdir}${resolved}`;
  let bytes: string;
  try {
    bytes = ct.readFile(resolved);
  } catch (e) {
    if (e instanceof FsError) die(`objdump on ${init} failed: objdump: '${hostPath}': No such file\n`);
    throw e;
  }
  const res = systemdVersionFromElf(bytes, hostPath);
  if (typeof res === 'object') die(`objdump on ${init} failed: ${res.error}\n`);
  return res;
}

/** Checks Proxmox runs on the host path of the rootfs rather than inside the chroot. */
export interface HostChecks {
  /** abs_path on the host; a resolution that leaves the rootfs is not a string. */
  hostRealpath(path: string): string | { escaped: true } | undefined;
  hostIsFile(path: string): boolean;
}

/**
 * PVE::Tools::dir_glob_foreach: calls `fn` with the name (and the regex's captures) of each
 * directory entry whose whole name matches; nothing when the directory is missing.
 */
export function dirGlobForeach(dir: string, regex: RegExp, fn: (name: string, ...captures: string[]) => void): void {
  const ct = currentRuntime().ct;
  if (!ct.isDir(dir)) return;
  const whole = new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', ''));
  for (const name of ct.readdir(dir)) {
    const m = whole.exec(name);
    if (m) fn(name, ...m.slice(1).map((c) => c ?? ''));
  }
}
