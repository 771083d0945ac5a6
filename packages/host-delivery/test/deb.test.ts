import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeb } from '../src/index.ts';
import { CONFIG, LAYOUTS, MODULE, SETUP, engine, layoutFile, perlCompiles, read, releaseDir, run, tempDir } from './helpers.ts';

const work = tempDir('deb');
const release = releaseDir();
const STUBS = join(import.meta.dirname, 'stubs');

/** A stand-in pve-container package holding a layout's Setup.pm/Config.pm and our stubs. */
function fakePveContainer(version: string, layout: string): string {
  const dir = join(work, `pvc-${version}`);
  cpSync(STUBS, join(dir, 'usr/share/perl5'), { recursive: true });
  cpSync(join(LAYOUTS, layout, 'Setup.pm'), join(dir, SETUP));
  cpSync(join(LAYOUTS, layout, 'Config.pm'), join(dir, CONFIG));
  mkdirSync(join(dir, 'DEBIAN'));
  writeFileSync(
    join(dir, 'DEBIAN/control'),
    `Package: pve-container\nVersion: ${version}\nArchitecture: all\nMaintainer: tests <tests@localhost>\nDescription: test stand-in\n`,
  );
  const deb = join(work, `pve-container_${version}_all.deb`);
  const r = run('dpkg-deb', ['--root-owner-group', '--build', dir, deb]);
  expect(r.stderr).toBe('');
  return deb;
}

function dpkgRoot(): string {
  const root = join(work, 'root');
  for (const d of ['var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers', 'var/log']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  writeFileSync(join(root, 'var/lib/dpkg/available'), '');
  return root;
}

const dpkg = (root: string, ...args: string[]) => run('dpkg', [`--root=${root}`, '--force-script-chrootless', ...args]);
const check = (root: string) => engine(release, ['check', '--registry', join(release, 'registry.json'), '--setup', join(root, SETUP), '--config', join(root, CONFIG)]);

describe('.deb on a fake root (dpkg --root --force-script-chrootless)', () => {
  it('installs, re-applies after a pve-container upgrade, removes cleanly, purges its state', () => {
    const pvc1 = fakePveContainer('6.1.9-1', 'spaces-wrapped');
    const pvc2 = fakePveContainer('6.1.10-1', 'tabs-aligned');
    mkdirSync(join(work, 'out'));
    const ours = buildDeb(join(work, 'out'), join(work, 'build'));
    const info = run('dpkg-deb', ['-f', ours, 'Depends']);
    expect(info.stdout.trim()).toBe('pve-container (>= 5.0.8)');
    expect(run('dpkg-deb', ['--ctrl-tarfile', ours]).status).toBe(0);
    const root = dpkgRoot();

    const inst = dpkg(root, '-i', pvc1, ours);
    expect(inst.status, inst.stderr).toBe(0);
    expect(check(root).status).toBe(0);
    expect(read(root, MODULE)).toBe(readFileSync(join(release, 'Chainguard.pm'), 'utf8'));
    expect(perlCompiles(root, SETUP)).toBe(true);

    const up = dpkg(root, '-i', pvc2);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toContain('Processing triggers for pve-chainguard-support');
    expect(check(root).status).toBe(0);
    expect(read(root, SETUP)).toContain("    alpine     => 'PVE::LXC::Setup::Alpine',\n");

    // a layout the engine does not know: the trigger logs loudly, never fails the dpkg run
    const odd = dpkg(root, '-i', fakePveContainer('6.1.11-1', 'unrecognised'));
    expect(odd.status, odd.stderr).toBe(0);
    expect(odd.stderr).toContain('WARNING: the Chainguard plugin is NOT registered');
    expect(read(root, SETUP)).toBe(layoutFile('unrecognised', 'Setup.pm'));
    const back = dpkg(root, '-i', fakePveContainer('6.1.12-1', 'tabs-aligned'));
    expect(back.status, back.stderr).toBe(0);
    expect(check(root).status).toBe(0);

    const rm = dpkg(root, '-r', 'pve-chainguard-support');
    expect(rm.status, rm.stderr).toBe(0);
    expect(read(root, SETUP)).toBe(layoutFile('tabs-aligned', 'Setup.pm'));
    expect(read(root, CONFIG)).toBe(layoutFile('tabs-aligned', 'Config.pm'));
    expect(existsSync(join(root, MODULE))).toBe(false);
    expect(existsSync(join(root, 'var/lib/pve-chainguard'))).toBe(true);

    const purge = dpkg(root, '-P', 'pve-chainguard-support');
    expect(purge.status, purge.stderr).toBe(0);
    expect(existsSync(join(root, 'var/lib/pve-chainguard'))).toBe(false);
    expect(existsSync(join(root, 'usr/share/pve-chainguard-support'))).toBe(false);
    expect(run('dpkg', [`--root=${root}`, '-s', 'pve-chainguard-support']).status).not.toBe(0);
  });
});
