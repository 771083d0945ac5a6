/**
 * The Chainguard plugin model on the realistic fixtures: the acceptance lines,
 * each asserted directly (the goldens show the whole change sets).
 */
import { ctFsFromEntries, entriesFromFs, runSession, type FsEntry, type Hook, type Outcome } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../src/fixtures/loadFixture.ts';

const NOW = 1767225600;
const HEAD = 'arch: amd64\nhostname: cg1.example.org\n';
const STATIC = 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=192.0.2.10/24,gw=192.0.2.1,type=veth\n';
const DHCP = 'net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth\n';

function run(fixture: string, config: string, opts: { password?: string; hooks?: Hook[] } = {}) {
  const before = loadFixture(fixture).entries;
  const out = runSession({ rootfs: before, config: HEAD + config, hooks: opts.hooks ?? ['create', 'start'], now: NOW, password: opts.password });
  expect(out.error).toBeNull();
  return { before, out };
}

const get = (tree: FsEntry[], path: string) => tree.find((e) => e.path === path);

/** Paths whose entry differs (fixture entries carry every field, as tree snapshots do). */
function changed(before: FsEntry[], out: Outcome): string[] {
  const canon = (e: FsEntry) => JSON.stringify(Object.fromEntries(Object.entries(e).sort()));
  // the same snapshot code on both sides, so text/base64 choices agree
  const a = new Map(entriesFromFs(ctFsFromEntries(before)).map((e) => [e.path, canon(e)]));
  const b = new Map(out.tree.map((e) => [e.path, canon(e)]));
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p));
}

describe('chainguard-os-systemd-sshd (system template with 20-eth.network)', () => {
  it('a static IPv4 unit wins over the image default by name order, with Proxmox content', () => {
    const { out } = run('chainguard-os-systemd-sshd', STATIC);
    const units = out.tree.filter((e) => /^\/etc\/systemd\/network\/[^/]+\.network$/.test(e.path)).map((e) => e.path.split('/').pop()!);
    expect(units.sort()[0]).toBe('10-pve-eth0.network');
    expect(units).toContain('20-eth.network');
    expect(get(out.tree, '/etc/systemd/network/10-pve-eth0.network')?.content).toBe(
      '[Match]\nName = eth0\n\n[Network]\nDescription = Interface eth0 autoconfigured by PVE\n' +
        'Address = 192.0.2.10/24\nGateway = 192.0.2.1\nDHCP = no\nIPv6AcceptRA = false\n',
    );
  });

  it('the preset enables sshd.service', () => {
    const { out } = run('chainguard-os-systemd-sshd', DHCP);
    expect(get(out.tree, '/etc/systemd/system-preset/00-pve.preset')?.content).toContain('enable sshd.service\n');
  });

  it('a yescrypt hash is stored verbatim; shadow keeps mode 0000 and every other line', () => {
    const yescrypt = '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7';
    const { before, out } = run('chainguard-os-systemd-sshd', DHCP, { password: yescrypt });
    const old = get(before, '/etc/shadow')!.content!.split('\n');
    const now = get(out.tree, '/etc/shadow')!;
    expect(now.mode).toBe('0000');
    const lines = now.content!.split('\n');
    expect(lines[0]).toBe(`root:${yescrypt}:20454:${old[0]!.split(':').slice(3).join(':')}`);
    expect(lines.slice(1)).toEqual(old.slice(1));
  });
});

describe('wolfi-systemd-nosshd-nobusybox', () => {
  it('without an sshd unit the preset has no sshd line', () => {
    const { out } = run('wolfi-systemd-nosshd-nobusybox', DHCP);
    const preset = get(out.tree, '/etc/systemd/system-preset/00-pve.preset')?.content;
    expect(preset).toContain('enable systemd-networkd.service\n');
    expect(preset).not.toContain('sshd');
  });
});

describe.each(['wolfi-base-oci', 'chainguard-nginx-oci', 'chainguard-python-oci', 'chainguard-postgres-oci'])('application container %s', (fixture) => {
  it('changes DNS, hosts, hostname and shadow, and nothing under /etc/systemd', () => {
    const oci = 'cmode: console\nentrypoint: /usr/bin/app\n';
    const { before, out } = run(fixture, oci + DHCP.replace('ip=dhcp', 'ip=dhcp,host-managed=1'), { password: 'secret' });
    const paths = changed(before, out);
    expect(paths.filter((p) => p.startsWith('/etc/systemd'))).toEqual([]);
    expect(paths.length).toBeLessThan(12); // only the files setup owns, not the whole tree
    expect(paths).toEqual(expect.arrayContaining(['/etc/resolv.conf', '/etc/hosts', '/etc/hostname', '/etc/shadow']));
  });
});

describe('securetty matrix', () => {
  it('absent stays absent', () => {
    const { out } = run('chainguard-os-systemd-sshd-securetty-absent', DHCP);
    expect(get(out.tree, '/etc/securetty')).toBeUndefined();
  });

  it.each(['chainguard-os-systemd-sshd', 'chainguard-os-systemd-sshd-securetty-pts1'])(
    'present (%s) gains only the missing lines, existing lines keep their order',
    (fixture) => {
      const { before, out } = run(fixture, `${DHCP}tty: 2\n`);
      const old = get(before, '/etc/securetty')!.content!.trimEnd().split('\n');
      const now = get(out.tree, '/etc/securetty')!.content!.trimEnd().split('\n');
      expect(now.slice(0, old.length)).toEqual(old);
      const added = now.slice(old.length);
      expect(added.every((l) => !old.includes(l))).toBe(true);
      expect([...old, ...added].sort()).toEqual(expect.arrayContaining(['lxc/console', 'lxc/tty1', 'lxc/tty2']));
    },
  );
});
