/**
 * Small Wolfi-like root filesystems for the plugin tests, built from options so each test
 * states what the image has. (The realistic fixtures live in fixtures/rootfs.)
 */
import type { FsEntry } from '../../src/fs/entry.ts';
import { synthesizeSystemdElf } from '../../src/util/elf.ts';

export interface TreeOptions {
  id?: string;
  systemd?: boolean;
  resolved?: boolean;
  sshd?: boolean;
  defaultNetwork?: 'etc' | 'usr-lib' | false;
  securetty?: string | false;
  shadowMode?: string;
  busybox?: boolean;
  /** Extra entries, appended and then sorted. */
  extra?: FsEntry[];
}

const ELF_HEADER_AMD64 = Buffer.from('7f454c4602010100000000000000000002003e00', 'hex').toString('base64');

export function wolfiTree(o: TreeOptions = {}): FsEntry[] {
  const e: FsEntry[] = [
    { path: '/bin', type: 'symlink', target: 'usr/bin' },
    { path: '/etc', type: 'dir' },
    { path: '/etc/group', type: 'file', content: 'root:x:0:root\nnonroot:x:65532:\n' },
    { path: '/etc/hosts', type: 'file', content: '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n' },
    {
      path: '/etc/os-release',
      type: 'file',
      content: `ID=${o.id ?? 'wolfi'}\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\nHOME_URL="https://wolfi.dev"\n`,
    },
    { path: '/etc/passwd', type: 'file', content: 'root:x:0:0:root:/root:/bin/ash\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n' },
    { path: '/etc/secfixes.d', type: 'dir' },
    { path: '/etc/secfixes.d/wolfi', type: 'file', content: 'https://packages.wolfi.dev/os/security.json\n' },
    { path: '/etc/shadow', type: 'file', mode: o.shadowMode ?? '0000', content: 'root:*::0:::::\nnonroot:!::0:::::\n' },
    { path: '/lib', type: 'symlink', target: 'usr/lib' },
    { path: '/root', type: 'dir', mode: '0700' },
    { path: '/sbin', type: 'symlink', target: 'usr/bin' },
    { path: '/usr', type: 'dir' },
    { path: '/usr/bin', type: 'dir' },
    { path: '/usr/lib', type: 'dir' },
  ];
  if (o.busybox !== false) {
    e.push({ path: '/usr/bin/busybox', type: 'file', mode: '0755', content: ELF_HEADER_AMD64, encoding: 'base64' });
    e.push({ path: '/usr/bin/sh', type: 'symlink', target: '/bin/busybox' });
  }
  if (o.securetty !== undefined && o.securetty !== false) {
    e.push({ path: '/etc/securetty', type: 'file', content: o.securetty });
  }
  if (o.systemd) {
    const unitDir = '/usr/lib/systemd/system';
    e.push(
      { path: '/etc/machine-id', type: 'file', content: 'uninitialized\n' },
      { path: '/etc/resolv.conf', type: 'symlink', target: '../run/systemd/resolve/stub-resolv.conf' },
      { path: '/usr/bin/init', type: 'symlink', target: '../lib/systemd/systemd' },
      { path: '/usr/lib/systemd', type: 'dir' },
      {
        path: '/usr/lib/systemd/systemd',
        type: 'file',
        mode: '0755',
        content: Buffer.from(synthesizeSystemdElf(261, 'amd64')).toString('base64'),
        encoding: 'base64',
      },
      { path: unitDir, type: 'dir' },
      { path: `${unitDir}/container-getty@.service`, type: 'file', content: '[Service]\nTTYPath=/dev/pts/%I\nExecStart=-/sbin/agetty --noclear - pts/%I\n' },
      { path: `${unitDir}/systemd-networkd.service`, type: 'file', content: '[Service]\n' },
    );
    if (o.resolved !== false) e.push({ path: `${unitDir}/systemd-resolved.service`, type: 'file', content: '[Service]\n' });
    if (o.sshd) {
      e.push(
        { path: '/etc/ssh', type: 'dir' },
        { path: '/etc/ssh/sshd_config', type: 'file', mode: '0600', content: '#PermitRootLogin prohibit-password\n' },
        { path: `${unitDir}/sshd.service`, type: 'file', content: '[Service]\nExecStart=/usr/sbin/sshd -D\n' },
      );
    }
    const net = '[Match]\nName=eth*\n[Network]\nDHCP=yes\n';
    if (o.defaultNetwork === 'etc' || o.defaultNetwork === undefined) {
      e.push({ path: '/etc/systemd', type: 'dir' }, { path: '/etc/systemd/network', type: 'dir' });
      e.push({ path: '/etc/systemd/network/20-eth.network', type: 'file', content: net });
    } else if (o.defaultNetwork === 'usr-lib') {
      e.push({ path: '/usr/lib/systemd/network', type: 'dir' });
      e.push({ path: '/usr/lib/systemd/network/20-eth.network', type: 'file', content: net });
    }
  }
  e.push(...(o.extra ?? []));
  return e.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
