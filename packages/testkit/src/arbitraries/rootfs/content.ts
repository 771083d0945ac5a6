/** File contents of a Wolfi/Chainguard-like image (following the oracle's recorded trees). */

export const GROUP = 'root:x:0:root\ntty:x:5:\nwheel:x:10:root\nnonroot:x:65532:\n';

export const PASSWD = {
  wolfi: 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n',
  'extra-users':
    'root:x:0:0:root:/root:/bin/sh\nrootless:x:1000:1000::/home/rootless:/bin/sh\n' +
    'sshd:x:22:22:sshd:/dev/null:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n',
  'no-eol': 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh',
  'root-not-first': 'nonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\nroot:x:0:0:root:/root:/bin/ash\nxroot:x:7:7::/:/bin/false\n',
} as const;

export const SHADOW = {
  wolfi: 'root:*::0:::::\nnonroot:!::0:::::\n',
  'root-hashed': 'root:$6$old$k0Q8L2r9yQy1wq8bD2wV9b5l2I8g9x0:19000:0:99999:7:::\nnonroot:!::0:::::\n',
  'root-not-first': 'nonroot:!::0:::::\nroot:!:19000::::::\nxroot:*:1::::::\n',
} as const;

export const HOSTS = {
  wolfi: '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n',
  'pve-section': '127.0.0.1 localhost\n# --- BEGIN PVE ---\n127.0.1.1 old.example.org old\n# --- END PVE ---\n' + '10.1.2.3 printer\n',
  empty: '',
  'no-eol': '127.0.0.1 localhost',
} as const;

export const RESOLV = {
  file: 'nameserver 1.1.1.1\noptions edns0\n',
  'pve-section': 'options rotate\n# --- BEGIN PVE ---\nnameserver 10.0.0.53\n# --- END PVE ---\noptions ndots:2\n',
} as const;

export const STUB_RESOLV = 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n';

export const UNITS: Record<string, string> = {
  'systemd-networkd.service': '[Unit]\nDescription=Network Configuration\n\n[Service]\nExecStart=/usr/lib/systemd/systemd-networkd\n',
  'systemd-resolved.service': '[Unit]\nDescription=Network Name Resolution\n\n[Service]\nExecStart=/usr/lib/systemd/systemd-resolved\n',
  'sshd.service': '[Unit]\nDescription=OpenSSH Daemon\n\n[Service]\nExecStart=/usr/sbin/sshd -D\n',
  'container-getty@.service':
    "[Unit]\nDescription=Container Getty on /dev/pts/%I\n\n[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\nTTYPath=/dev/pts/%I\n",
  'getty@.service': "[Unit]\nDescription=Getty on %I\nConditionPathExists=/dev/tty0\n\n[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\n",
};

export const CRONTAB = '0 * * * * root a\n1 2 * * * root b\n3 4 * * * nobody c\n@daily root d\n59 23 * * 0 root e\n';

export const AUTHORIZED_KEYS = {
  'with-keys': 'ssh-ed25519 AAAAC3NzaOLD old@laptop\n',
  'with-pve-keys': 'ssh-ed25519 AAAAC3NzaOLD old@laptop\n# --- BEGIN PVE ---\nssh-rsa AAAAB3OLDPVE pve@old\n# --- END PVE ---\n',
} as const;

/** A networkd unit as Proxmox's Base (ArchLinux) or the Chainguard plugin writes it. */
export function pveNetworkUnit(name: string): string {
  return `[Match]\nName = ${name}\n\n[Network]\nDescription = Interface ${name} autoconfigured by PVE\nDHCP = ipv4\nIPv6AcceptRA = false\n`;
}

export function osReleaseText(id: string | undefined): string {
  const idLine = id === undefined ? '' : `ID=${id}\n`;
  return `${idLine}NAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\nHOME_URL="https://wolfi.dev"\n`;
}
