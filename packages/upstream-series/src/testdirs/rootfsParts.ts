import type { FsEntry } from '@pve-chainguard/core';

// Small, self-written pieces of Wolfi/Chainguard root filesystems for the test dirs.

export const file = (path: string, content: string, mode = '0644'): FsEntry => ({ path, type: 'file', mode, content });
export const link = (path: string, target: string): FsEntry => ({ path, type: 'symlink', target });

/** No /bin/sh in these images: the plugin takes the architecture from apk. */
export const apkArch = file('/etc/apk/arch', 'x86_64\n');

export function osRelease(id: 'wolfi' | 'chainguard'): FsEntry {
  const name = id === 'wolfi' ? 'Wolfi' : 'Chainguard OS';
  return file('/etc/os-release', `ID=${id}\nNAME="${name}"\nPRETTY_NAME="${name}"\nVERSION_ID="20260101"\n`);
}

/** root's account (the hook sets its password and keys) and a home that exists. */
export const accounts: FsEntry[] = [
  file('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532::/home/nonroot:/bin/sh\n'),
  file('/etc/shadow', 'root:*:19000:0:99999:7:::\nnonroot:!:19000:0:99999:7:::\n', '0640'),
  file('/root/.profile', 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin\n'),
];

/** systemd as the init: what makes an image a system container for the plugin. */
export const systemdInit: FsEntry[] = [
  // only the path and the x bit matter: with nesting=1 nothing reads the systemd version
  file('/usr/lib/systemd/systemd', '#!/bin/sh\n# stands in for the systemd binary\n', '0755'),
  link('/sbin/init', '../usr/lib/systemd/systemd'),
];

export const resolvedUnit = file('/usr/lib/systemd/system/systemd-resolved.service', '[Unit]\nDescription=Network Name Resolution\n');

/** The catch-all unit images ship; ours must sort before it. */
export const imageNetworkUnit = file('/etc/systemd/network/20-eth.network', '[Match]\nName=eth*\n\n[Network]\nDHCP=yes\n');

export const staticResolvConf = file('/etc/resolv.conf', 'nameserver 192.0.2.1\n');
