import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainguardRegistry } from '@pve-chainguard/core';
import { registryData } from '../src/index.ts';
import { CONFIG, MODULE, SETUP, engine, fakeRoot, layoutFile, read, releaseDir, run, tempDir } from './helpers.ts';

const release = releaseDir();
const work = tempDir('engine');
const args = (root: string) => ['--registry', join(release, 'registry.json'), '--setup', join(root, SETUP), '--config', join(root, CONFIG)];

describe('pve-chainguard-edit', () => {
  it('REGISTRY.json is chainguardRegistry() minus upstream', () => {
    const reg = JSON.parse(readFileSync(join(release, 'registry.json'), 'utf8'));
    expect(reg).toEqual(registryData());
    const m = chainguardRegistry().extraMarkers[0]!;
    expect(reg.markers[0].anyFile).toEqual(m.anyFile);
    expect(reg.markers[0].anyName.pattern).toBe(m.anyName!.pattern.source);
    expect(reg.plugins).toEqual({ chainguard: 'PVE::LXC::Setup::Chainguard' });
    expect(reg.aliases).toEqual({ wolfi: 'chainguard' });
  });

  it('--only registration and --only markers split the edits; both together equal apply', () => {
    const a = fakeRoot(work, 'spaces-wrapped');
    expect(engine(release, ['apply', ...args(a), '--only', 'registration']).status).toBe(0);
    expect(read(a, SETUP)).not.toContain('pve-chainguard fallback markers');
    expect(read(a, SETUP)).toContain("wolfi => 'chainguard'");
    expect(read(a, CONFIG)).toContain('unmanaged chainguard)');
    expect(engine(release, ['apply', ...args(a), '--only', 'markers']).status).toBe(0);
    const b = fakeRoot(work, 'spaces-wrapped');
    expect(engine(release, ['apply', ...args(b)]).status).toBe(0);
    expect(read(a, SETUP)).toBe(read(b, SETUP));
    expect(engine(release, ['remove', ...args(a), '--only', 'markers']).status).toBe(0);
    expect(read(a, SETUP)).not.toContain('pve-chainguard fallback markers');
    expect(read(a, SETUP)).toContain('use PVE::LXC::Setup::Chainguard;');
    expect(engine(release, ['remove', ...args(a)]).status).toBe(0);
    expect(read(a, SETUP)).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
  });

  it('--dry-run prints a unified diff and writes nothing; refusals name the file', () => {
    const root = fakeRoot(work, 'tabs-aligned');
    const r = engine(release, ['apply', ...args(root), '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/.*Config\.pm\n\+\+\+ b\/.*Config\.pm\n@@/);
    expect(read(root, SETUP)).toBe(layoutFile('tabs-aligned', 'Setup.pm'));
    const bad = fakeRoot(work, 'tabs-aligned');
    writeFileSync(join(bad, CONFIG), layoutFile('tabs-aligned', 'Config.pm').replace('enum => [qw(', 'enum => [sort qw('));
    const refused = engine(release, ['apply', ...args(bad)]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${join(bad, CONFIG)}: no 'ostype => {' option with an 'enum => [qw(...)]' found`);
    expect(read(bad, SETUP)).toBe(layoutFile('tabs-aligned', 'Setup.pm'));
  });

  // The inserted fallback must decide like core's dispatcher (autodetect.ts): Proxmox's own
  // markers first, then ours, whether or not os-release exists.
  it.each([
    ['ID=wolfi', { 'etc/os-release': 'ID=wolfi\n' }, 'chainguard'],
    ['secfixes', { 'etc/os-release': 'ID=x\n', 'etc/secfixes.d/chainguard': '' }, 'chainguard'],
    ['signing key', { 'etc/os-release': 'ID=x\n', 'etc/apk/keys/chainguard-enterprise.rsa.pub': '' }, 'chainguard'],
    ['key without os-release', { 'etc/apk/keys/wolfi-signing.rsa.pub': '' }, 'chainguard'],
    ['other key', { 'etc/os-release': 'ID=x\n', 'etc/apk/keys/alpine-devel.rsa.pub': '' }, 'died'],
    ['a key directory named like a key', { 'etc/os-release': 'ID=x\n', 'etc/apk/keys/wolfi-signing.rsa.pub/x': '' }, 'died'],
    ['debian marker first', { 'etc/debian_version': '12\n', 'etc/secfixes.d/wolfi': '' }, 'debian'],
    ['nothing at all', {}, 'unmanaged'],
  ])('detects %s', (_name, files: Record<string, string>, want) => {
    const root = fakeRoot(work, 'spaces-wrapped');
    cpSync(join(release, 'Chainguard.pm'), join(root, MODULE));
    expect(engine(release, ['apply', ...args(root)]).status).toBe(0);
    const ct = join(root, 'ct');
    mkdirSync(join(ct, 'etc'), { recursive: true });
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(ct, p, '..'), { recursive: true });
      writeFileSync(join(ct, p), c);
    }
    const code = `*PVE::Systemd::get_timezone = sub { 'UTC' }; my $c = {};
      my $s = eval { PVE::LXC::Setup->new($c, $ARGV[0]) }; print $s ? ref($s->{plugin}) =~ s/.*:://r : 'died'`;
    const r = run('perl', ['-I', join(root, 'usr/share/perl5'), '-MPVE::Systemd', '-MPVE::LXC::Setup', '-e', code, ct]);
    const names: Record<string, string> = { Chainguard: 'chainguard', Debian: 'debian', Unmanaged: 'unmanaged', died: 'died' };
    expect(names[r.stdout] ?? r.stdout + r.stderr).toBe(want);
  });
});
