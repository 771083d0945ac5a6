import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, MODULE, SETUP, engine, fakeRoot, layoutFile, perlCompiles, read, releaseDir, run, tempDir } from './helpers.ts';

const release = releaseDir();
const work = tempDir('layouts');
const install = (root: string, ...args: string[]) => run('bash', [join(release, 'install.sh'), '--root', root, ...args]);
const uninstall = (root: string, ...args: string[]) => run('bash', [join(release, 'uninstall.sh'), '--root', root, ...args]);
const check = (root: string) => engine(release, ['check', '--registry', join(release, 'registry.json'), '--setup', join(root, SETUP), '--config', join(root, CONFIG)]);

/** layout → the layout an uninstall returns to (ours-free), when not the layout itself. */
const LAYOUTS: Record<string, string> = {
  'tabs-aligned': 'tabs-aligned',
  'spaces-wrapped': 'spaces-wrapped',
  'long-enum': 'long-enum',
  'alias-sorted-later': 'alias-sorted-later',
  'edits-present': 'alias-sorted-later',
  'older-edits': 'spaces-wrapped',
};

describe.each(Object.entries(LAYOUTS))('layout %s', (layout, clean) => {
  it('install → edits present and parsing; again → identical; uninstall → the file without our edits', () => {
    const root = fakeRoot(work, layout);
    const before = { setup: read(root, SETUP), config: read(root, CONFIG) };
    expect(check(root).status).toBe(layout === 'edits-present' ? 0 : 1);
    const first = install(root);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(check(root).status).toBe(0);
    for (const f of [SETUP, CONFIG, MODULE]) expect(perlCompiles(root, f), f).toBe(true);
    const patched = { setup: read(root, SETUP), config: read(root, CONFIG) };
    expect(patched.setup).toMatch(/^use PVE::LXC::Setup::Chainguard;$/m);
    expect(patched.setup).toMatch(/^\s+chainguard\s+=> 'PVE::LXC::Setup::Chainguard',$/m);
    expect(patched.setup).toMatch(/^\s+wolfi\s+=> 'chainguard',$/m);
    expect(patched.setup.match(/# BEGIN pve-chainguard fallback markers/g)).toHaveLength(1);
    expect(patched.setup).not.toContain('(v0)');
    expect(patched.config).toMatch(/qw\([^)]*\bchainguard\)/);
    if (layout === 'edits-present') expect(patched).toEqual(before);

    const second = install(root);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already installed');
    expect({ setup: read(root, SETUP), config: read(root, CONFIG) }).toEqual(patched);

    const removed = uninstall(root);
    expect(removed.status).toBe(0);
    expect(read(root, SETUP)).toBe(layoutFile(clean, 'Setup.pm'));
    expect(read(root, CONFIG)).toBe(layoutFile(clean, 'Config.pm'));
    expect(existsSync(join(root, MODULE))).toBe(false);
    expect(uninstall(root).stdout).toContain('not installed');
  });
});

describe('style', () => {
  it('tabs+aligned: the aligned column moves for the longest key and moves back on removal', () => {
    const root = fakeRoot(work, 'tabs-aligned');
    expect(install(root).status).toBe(0);
    const setup = read(root, SETUP);
    expect(setup).toContain("    alpine     => 'PVE::LXC::Setup::Alpine',\n    chainguard => 'PVE::LXC::Setup::Chainguard',\n");
    expect(setup).toContain("    raspbian => 'debian',\n    wolfi => 'chainguard',\n};");
    expect(setup).toMatch(/\n\t\treturn "chainguard";\n|\n\treturn "chainguard";\n/);
    expect(read(root, CONFIG)).toContain('\tenum => [qw(debian alpine unmanaged chainguard)],\n');
  });

  it('4 spaces: sorted prefix position, appended alias, wrapped enum', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    expect(install(root).status).toBe(0);
    const setup = read(root, SETUP);
    expect(setup).toContain('use PVE::LXC::Setup::Alpine;\nuse PVE::LXC::Setup::Chainguard;\nuse PVE::LXC::Setup::Debian;\n');
    expect(setup).toContain("    'alpine-edge' => 'alpine',\n    wolfi => 'chainguard',\n};");
    expect(read(root, CONFIG)).toContain('            qw(debian alpine unmanaged chainguard)\n        ],\n');
  });

  it('a sorted alias hash gets the alias before the later entries', () => {
    const root = fakeRoot(work, 'alias-sorted-later');
    expect(install(root).status).toBe(0);
    expect(read(root, SETUP)).toContain("    raspbian => 'debian',\n    wolfi => 'chainguard',\n    zeta => 'debian',\n");
  });
});

describe('upgrades and backups', () => {
  it('one backup set per change with the pve-container version; a newer module replaces only the module', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    expect(install(root).status).toBe(0);
    expect(install(root).status).toBe(0);
    const backups = join(root, 'var/lib/pve-chainguard/backup');
    const sets = readdirSync(backups);
    expect(sets).toHaveLength(1);
    expect(readFileSync(join(backups, sets[0]!, 'INFO'), 'utf8')).toBe('pve-container 6.1.10\ninstall\n');
    expect(readFileSync(join(backups, sets[0]!, 'Setup.pm'), 'utf8')).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
    const edited = { setup: read(root, SETUP), config: read(root, CONFIG) };
    writeFileSync(join(root, MODULE), read(root, MODULE).replace(/^1;$/m, '# older build\n1;'));
    const r = install(root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('updated /usr/share/perl5/PVE/LXC/Setup/Chainguard.pm\ninstalled');
    expect(read(root, MODULE)).toBe(readFileSync(join(release, 'Chainguard.pm'), 'utf8'));
    expect({ setup: read(root, SETUP), config: read(root, CONFIG) }).toEqual(edited);
    expect(readdirSync(backups)).toHaveLength(2);
  });

  it('refuses a module that does not compile, naming it', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    rmSync(join(root, 'usr/share/perl5/PVE/LXC/Setup/Base.pm'));
    const r = install(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Chainguard.pm does not compile');
    expect(read(root, SETUP)).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
  });
});

describe('refusals', () => {
  it('an unrecognised layout: exit 1 naming the file and the structure, nothing changed', () => {
    const root = fakeRoot(work, 'unrecognised');
    const r = install(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Setup\.pm: line \d+ of hash \$plugins not recognised/);
    expect(read(root, SETUP)).toBe(layoutFile('unrecognised', 'Setup.pm'));
    expect(read(root, CONFIG)).toBe(layoutFile('unrecognised', 'Config.pm'));
    expect(existsSync(join(root, MODULE))).toBe(false);
    expect(existsSync(join(root, 'var/lib/pve-chainguard'))).toBe(false);
  });

  it('pve-container older than 5.0.8 or missing: exit 1 naming the minimum', () => {
    const old = install(fakeRoot(work, 'spaces-wrapped', '5.0.7'));
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('pve-container 5.0.7 is too old: 5.0.8 or newer is required');
    const root = fakeRoot(work, 'spaces-wrapped');
    run('sed', ['-i', 's/^Package: pve-container$/Package: pve-other/', join(root, 'var/lib/dpkg/status')]);
    const none = install(root);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('pve-container is not installed');
    expect(install(fakeRoot(work, 'spaces-wrapped', '5.0.8')).status).toBe(0);
  });

  it('usage errors exit 2', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    expect(install(root, '--bogus').status).toBe(2);
    expect(uninstall(root, '--bogus').status).toBe(2);
    expect(engine(release, ['apply']).status).toBe(2);
    expect(engine(release, ['frobnicate']).status).toBe(2);
  });

  it('--dry-run prints the diff and changes nothing', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    const r = install(root, '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+use PVE::LXC::Setup::Chainguard;');
    expect(r.stdout).toContain('+            qw(debian alpine unmanaged chainguard)');
    expect(read(root, SETUP)).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
    expect(existsSync(join(root, MODULE))).toBe(false);
  });

  it('uninstall refuses while a container uses ostype chainguard, unless --force', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    expect(install(root).status).toBe(0);
    run('mkdir', ['-p', join(root, 'etc/pve/nodes/n1/lxc')]);
    run('sh', ['-c', `printf 'arch: amd64\\nostype: chainguard\\n' > ${join(root, 'etc/pve/nodes/n1/lxc/101.conf')}`]);
    const r = uninstall(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/etc/pve/nodes/n1/lxc/101.conf');
    expect(check(root).status).toBe(0);
    expect(uninstall(root, '--force').status).toBe(0);
    expect(read(root, SETUP)).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
  });
});
