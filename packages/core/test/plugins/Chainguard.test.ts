import { describe, expect, it } from 'vitest';
import { networkdUnit } from '../../src/base/networkdUnit.ts';
import { parseLxcNetworkAsPve } from '../../src/config/parseLxcNetwork.ts';
import type { FsEntry } from '../../src/fs/entry.ts';
import { runSession, type SessionInput } from '../../src/setup/session.ts';
import { runVector } from '../../src/setup/runVector.ts';
import { sessionVector } from '../../src/setup/session.ts';
import { upstreamRegistry } from '../../src/setup/registry.ts';
import { wolfiTree, type TreeOptions } from './wolfiTree.ts';

const NOW = 1767225600; // 2026-01-01, day 20454
const NET_DHCP = 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth\n';
const NET_STATIC = 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=192.0.2.10/24,gw=198.51.100.1,type=veth\n';

function run(tree: TreeOptions | FsEntry[], config: string, extra: Partial<SessionInput> = {}) {
  const rootfs = Array.isArray(tree) ? tree : wolfiTree(tree);
  return runSession({ rootfs, config: `arch: amd64\nhostname: cg1.example.org\n${config}`, hooks: ['create'], now: NOW, ...extra });
}

function file(tree: FsEntry[], path: string): FsEntry | undefined {
  return tree.find((e) => e.path === path);
}

function changedPaths(before: FsEntry[], after: FsEntry[]): string[] {
  const old = new Map(before.map((e) => [e.path, JSON.stringify(e)]));
  const now = new Map(after.map((e) => [e.path, JSON.stringify(e)]));
  const paths = new Set([...old.keys(), ...now.keys()]);
  return [...paths].filter((p) => old.get(p) !== now.get(p)).sort();
}

describe('detection', () => {
  it.each(['chainguard', 'wolfi'])('ID=%s selects the chainguard plugin', (id) => {
    const out = run({ id, systemd: true }, NET_DHCP);
    expect(out.error).toBeNull();
    expect(out.ostype).toBe('chainguard');
  });

  it('a Wolfi-family image whose os-release says something else is found by its secfixes file', () => {
    const out = run({ id: 'linux' }, '');
    expect(out.ostype).toBe('chainguard');
    expect(out.warnings).toContain("unknown ID 'linux' in /etc/os-release file, trying fallback detection\n");
  });

  it('upstream Proxmox still dies on ID=wolfi (the registries stay apart)', () => {
    const v = sessionVector({ rootfs: wolfiTree(), config: 'arch: amd64\n', hooks: ['create'], now: NOW });
    const out = runVector(v, { registry: upstreamRegistry() });
    expect(out.error).toEqual({ at: 'new', message: 'unable to detect OS distribution\n' });
  });

  it('a missing or odd VERSION_ID is not an error', () => {
    const tree = wolfiTree({ systemd: true }).map((e) => (e.path === '/etc/os-release' ? { ...e, content: 'ID=chainguard\nVERSION_ID="2024-13-99-dev"\n' } : e));
    expect(run(tree, NET_DHCP).error).toBeNull();
    const bare = wolfiTree({ systemd: true }).map((e) => (e.path === '/etc/os-release' ? { ...e, content: 'ID=chainguard\n' } : e));
    expect(run(bare, NET_DHCP).error).toBeNull();
  });
});

describe('system container networking', () => {
  it('a static IPv4 unit wins over 20-eth.network in /etc and in /usr/lib', () => {
    for (const layout of ['etc', 'usr-lib'] as const) {
      const out = run({ systemd: true, defaultNetwork: layout }, NET_STATIC);
      const ours = '/etc/systemd/network/10-pve-eth0.network';
      const theirs = layout === 'etc' ? '/etc/systemd/network/20-eth.network' : '/usr/lib/systemd/network/20-eth.network';
      expect(file(out.tree, ours)?.content).toBeDefined();
      expect(file(out.tree, theirs)?.content).toBe('[Match]\nName=eth*\n[Network]\nDHCP=yes\n');
      // networkd takes the first matching file by name across its directories
      expect(['10-pve-eth0.network', '20-eth.network'].sort()[0]).toBe('10-pve-eth0.network');
      expect(file(out.tree, ours)!.content).toContain('Address = 192.0.2.10/24\nGateway = 198.51.100.1\n');
      expect(file(out.tree, ours)!.content).toContain('[Route]\nDestination = 198.51.100.1/32\nScope = link\n');
    }
  });

  it('writes exactly the unit Proxmox would write for every address mode', () => {
    const nets = [
      'ip=dhcp,ip6=dhcp',
      'ip=dhcp,ip6=auto',
      'ip=manual,ip6=manual',
      'ip=192.0.2.10/24,gw=192.0.2.1,ip6=2001:db8::10/64,gw6=2001:db8:1::1',
      'ip6=2001:db8::10/64,gw6=fe80::1',
      'ip=192.0.2.10/32,gw=192.0.2.1',
    ];
    for (const n of nets) {
      const spec = `name=eth0,hwaddr=BC:24:11:00:00:01,bridge=vmbr0,${n}`;
      const out = run({ systemd: true, defaultNetwork: false }, `net0: ${spec}\n`);
      const expected = networkdUnit(parseLxcNetworkAsPve(spec), 'eth0');
      expect(file(out.tree, '/etc/systemd/network/10-pve-eth0.network')?.content, n).toBe(expected);
    }
  });

  it('creates /etc/systemd/network when the image has none', () => {
    const out = run({ systemd: true, defaultNetwork: false }, NET_DHCP);
    expect(file(out.tree, '/etc/systemd/network')?.type).toBe('dir');
  });

  it('host-managed NICs get no unit, and units of NICs that went away are removed', () => {
    const second = 'net1: name=eth1,bridge=vmbr0,hwaddr=BC:24:11:00:00:02,ip=dhcp\n';
    const first = run({ systemd: true }, NET_DHCP + second);
    expect(file(first.tree, '/etc/systemd/network/10-pve-eth1.network')).toBeDefined();
    const foreign = { path: '/etc/systemd/network/10-pve-eth9.network', type: 'file' as const, content: '[Match]\nName=eth9\n' };
    const again = runSession({
      rootfs: [...first.tree, foreign].sort((a, b) => (a.path < b.path ? -1 : 1)),
      config: `arch: amd64\n${NET_DHCP.replace('ip=dhcp', 'ip=dhcp,host-managed=1')}`,
      hooks: ['start'],
      now: NOW,
    });
    expect(again.error).toBeNull();
    expect(file(again.tree, '/etc/systemd/network/10-pve-eth0.network')).toBeUndefined();
    expect(file(again.tree, '/etc/systemd/network/10-pve-eth1.network')).toBeUndefined();
    // a file we did not write stays, even with our prefix
    expect(file(again.tree, '/etc/systemd/network/10-pve-eth9.network')?.content).toBe(foreign.content);
    expect(file(again.tree, '/etc/systemd/network/20-eth.network')).toBeDefined();
  });
});

describe('first boot services and consoles', () => {
  it('the preset enables networkd, resolved and sshd when the image has them', () => {
    const preset = file(run({ systemd: true, sshd: true }, NET_DHCP).tree, '/etc/systemd/system-preset/00-pve.preset');
    expect(preset?.content).toContain('enable sshd.service\n');
    expect(preset?.content).toContain('enable systemd-networkd.service\n');
    expect(preset?.content).toContain('enable systemd-resolved.service\n');
  });

  it('no sshd unit, no sshd line', () => {
    const preset = file(run({ systemd: true }, NET_DHCP).tree, '/etc/systemd/system-preset/00-pve.preset');
    expect(preset?.content).not.toContain('sshd');
  });

  it('creates getty.target.wants and links one container getty per tty', () => {
    const out = run({ systemd: true }, `${NET_DHCP}tty: 3\n`);
    const wants = '/etc/systemd/system/getty.target.wants';
    expect(file(out.tree, wants)?.type).toBe('dir');
    const links = out.tree.filter((e) => e.path.startsWith(`${wants}/`)).map((e) => e.path.slice(wants.length + 1));
    expect(links).toEqual(['container-getty@1.service', 'container-getty@2.service', 'container-getty@3.service']);
  });

  it('machine-id is reset at create', () => {
    expect(file(run({ systemd: true }, NET_DHCP).tree, '/etc/machine-id')).toBeUndefined();
  });
});

describe('DNS', () => {
  it('with resolved: a drop-in from the configured servers and the stub link kept', () => {
    const out = run({ systemd: true }, `${NET_DHCP}nameserver: 192.0.2.1 2001:db8::1\nsearchdomain: a.example b.example\n`);
    expect(file(out.tree, '/etc/systemd/resolved.conf.d/pve.conf')?.content).toBe('[Resolve]\nDNS=192.0.2.1 2001:db8::1\nDomains=a.example b.example\n');
    expect(file(out.tree, '/etc/resolv.conf')).toMatchObject({ type: 'symlink', target: '../run/systemd/resolve/stub-resolv.conf' });
  });

  it('falls back to the host and writes no DNS line when there is no server at all', () => {
    const out = run({ systemd: true }, NET_DHCP, { hostResolvConf: { search: 'host.example' } });
    expect(file(out.tree, '/etc/systemd/resolved.conf.d/pve.conf')?.content).toBe('[Resolve]\nDomains=host.example\n');
    const none = run({ systemd: true }, NET_DHCP, { hostResolvConf: {} });
    expect(file(none.tree, '/etc/systemd/resolved.conf.d/pve.conf')).toBeUndefined();
  });

  it('a regular resolv.conf also gets Proxmox section; a missing one becomes the stub link', () => {
    const regular = wolfiTree({ systemd: true }).map((e) =>
      e.path === '/etc/resolv.conf' ? { path: e.path, type: 'file' as const, content: 'nameserver 10.0.0.1\n' } : e,
    );
    const out = run(regular, NET_DHCP);
    expect(file(out.tree, '/etc/resolv.conf')?.content).toContain('# --- BEGIN PVE ---\nsearch example.com\nnameserver 192.0.2.53\n');
    const missing = wolfiTree({ systemd: true }).filter((e) => e.path !== '/etc/resolv.conf');
    expect(file(run(missing, NET_DHCP).tree, '/etc/resolv.conf')?.type).toBe('symlink');
  });
});

describe('application containers', () => {
  it('an OCI image without systemd gets hosts, hostname, DNS and shadow, and nothing under /etc/systemd', () => {
    const before = wolfiTree();
    const out = run(before, 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,host-managed=1\n', { password: 'secret' });
    expect(out.error).toBeNull();
    const changed = changedPaths(before, out.tree);
    expect(changed.filter((p) => p.startsWith('/etc/systemd'))).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining(['/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/shadow']));
  });

  it('a systemd image started with another entrypoint is an application container', () => {
    const before = wolfiTree({ systemd: true, defaultNetwork: false });
    const out = run(before, `${NET_DHCP}entrypoint: /usr/bin/python\n`);
    expect(changedPaths(before, out.tree).filter((p) => p.startsWith('/etc/systemd'))).toEqual([]);
  });
});

describe('securetty', () => {
  it('is never created', () => {
    expect(file(run({ systemd: true }, NET_DHCP).tree, '/etc/securetty')).toBeUndefined();
  });

  it('gains only the missing console and tty lines, keeping existing lines in order', () => {
    const out = run({ systemd: true, securetty: 'tty2\npts/1\nlxc/tty1\n' }, `${NET_DHCP}tty: 2\n`);
    expect(file(out.tree, '/etc/securetty')?.content).toBe('tty2\npts/1\nlxc/tty1\nlxc/console\nlxc/tty2\n');
  });

  it('uses the bare device names in unprivileged containers', () => {
    const out = run({ systemd: true, securetty: 'console\n' }, `${NET_DHCP}tty: 1\nunprivileged: 1\n`);
    expect(file(out.tree, '/etc/securetty')?.content).toBe('console\ntty1\n');
  });
});

describe('passwords', () => {
  const yescrypt = '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7';

  it('a yescrypt hash is stored verbatim, shadow keeps mode 0000, other lines are byte-identical', () => {
    const before = wolfiTree({ systemd: true });
    const out = run(before, NET_DHCP, { password: yescrypt });
    const shadow = file(out.tree, '/etc/shadow')!;
    expect(shadow.mode).toBe('0000');
    expect(shadow.content).toBe(`root:${yescrypt}:20454:0:::::\nnonroot:!::0:::::\n`);
    expect(file(out.tree, '/etc/passwd')?.content).toBe(file(before, '/etc/passwd')?.content);
  });

  it('a plain password is hashed as Proxmox does', () => {
    const out = run({ systemd: true }, NET_DHCP, { password: 'secret' });
    expect(file(out.tree, '/etc/shadow')?.content).toBe(
      'root:$6$8AniBnSr$I1bDsYoTH/JelLyyE7qhm5aFQ5rSVZJCblVEYtSndEuvAsT/S1GafOx3/pFuW4jHe2vDwNOoMU3Oh6WDaX.x50:20454:0:::::\nnonroot:!::0:::::\n',
    );
  });
});

describe('architecture', () => {
  const noShell = (o: TreeOptions = {}) => wolfiTree({ busybox: false, ...o });

  it('reads the dynamic loader of a distroless image', () => {
    const loader: FsEntry = {
      path: '/usr/lib/ld-linux-aarch64.so.1',
      type: 'file',
      content: Buffer.from('7f454c460201010000000000000000000300b700', 'hex').toString('base64'),
      encoding: 'base64',
    };
    const out = runSession({ rootfs: noShell({ extra: [loader] }), config: 'hostname: a\n', hooks: [], now: NOW });
    expect(out.arch).toBe('arm64');
    expect(out.stdout).toBe('Detected container architecture: arm64\n');
  });

  it('falls back to /etc/apk/arch', () => {
    const apk: FsEntry[] = [
      { path: '/etc/apk', type: 'dir' },
      { path: '/etc/apk/arch', type: 'file', content: 'aarch64\n' },
    ];
    expect(runSession({ rootfs: noShell({ extra: apk }), config: '', hooks: [], now: NOW }).arch).toBe('arm64');
  });

  it('says clearly when nothing tells, and Proxmox falls back to amd64', () => {
    const out = runSession({ rootfs: noShell(), config: '', hooks: [], now: NOW });
    expect(out.arch).toBe('amd64');
    expect(out.warnings).toContain('unable to detect architecture: no /bin/sh, busybox, dynamic loader or /etc/apk/arch\n');
  });
});

describe('idempotency', () => {
  it.each([
    ['system', { systemd: true, sshd: true, securetty: 'console\n' } as TreeOptions],
    ['application', {} as TreeOptions],
  ])('a second create and every start change nothing (%s container)', (_kind, opts) => {
    const config = `${NET_STATIC}net1: name=eth1,bridge=vmbr0,hwaddr=BC:24:11:00:00:02,ip=dhcp,ip6=auto\ntty: 2\n`;
    const once = run(opts, config, { password: 'secret', sshKeys: 'ssh-ed25519 AAAA test' });
    expect(once.error).toBeNull();
    const twice = run(once.tree, config, { password: 'secret', sshKeys: 'ssh-ed25519 AAAA test' });
    const sshKey = (e: FsEntry) => /^\/etc\/ssh\/ssh_host_/.test(e.path);
    expect(twice.tree.filter((e) => !sshKey(e))).toEqual(once.tree.filter((e) => !sshKey(e)));
    const start1 = run(once.tree, config, { hooks: ['start'] });
    const start2 = run(start1.tree, config, { hooks: ['start'] });
    expect(start2.tree).toEqual(start1.tree);
  });
});

describe('password input that would corrupt the account files', () => {
  it('a crypt string with a line break is refused, and shadow is left as it was', () => {
    const before = wolfiTree({ systemd: true });
    const out = run(before, NET_DHCP, { password: '$1$.$.\n' });
    expect(out.error?.at).toBe(0);
    expect(out.warnings).toContain('password hash of root spans lines\n');
    expect(file(out.tree, '/etc/shadow')?.content).toBe(file(before, '/etc/shadow')?.content);
  });
});
